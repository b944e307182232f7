"""Project-wide pytest set-up: the summary line of fuzzed inputs."""

from __future__ import annotations

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    try:
        from tests.rules import fuzz_count
    except ImportError:
        return
    if fuzz_count.inputs:
        terminalreporter.write_line(f"fuzz: {fuzz_count.inputs} malformed inputs tried, none crashed")
