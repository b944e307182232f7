"""How many malformed inputs the fuzz tests tried, for the run's summary line."""

inputs = 0
