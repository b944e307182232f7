"""How many malformed inputs the fuzz tests tried, for the run's summary line (tests/conftest.py:
a test that adds to ``inputs`` counts as a fuzz test, and "all passed" is printed only when
none of those failed)."""

inputs = 0
