"""Project-wide pytest set-up: the browser fixtures shared by tests/browser and tests/perf (one
Playwright and one Chromium per session), and summary lines for fuzzing and accessibility scans."""

from __future__ import annotations

import pytest

try:  # the browser fixtures; absent inside Pyodide (tests/pyodide), where only tests/rules run
    from tests.browser.fixtures import browser, gp_site, playwright_instance, site  # noqa: F401
except ImportError:
    pass


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
