"""Project-wide pytest set-up: the browser fixtures shared by tests/browser and tests/perf (one
Playwright and one Chromium per session), and summary lines for fuzzing and accessibility scans."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

FICTIONAL = "testshire"
"""A clearly fictional third authority (issue 22): made here, before anything imports the rules,
by the same tool as `make new-authority`, in a temporary folder the rules read through
LP_RULES_EXTRA_AUTHORITIES. Every per-authority test (PROFILE_IDS) then covers it; it is never
published (no site or wheel for readers sets the variable)."""


def _make_fictional_authority() -> None:
    if os.environ.get("LP_RULES_EXTRA_AUTHORITIES"):
        return  # a parent process (or the person running the tests) already made one
    into = Path(tempfile.mkdtemp(prefix="lp-fictional-authority-"))
    atexit.register(shutil.rmtree, into, ignore_errors=True)
    tool = Path(__file__).resolve().parents[1] / "tools" / "authority.py"
    subprocess.run([sys.executable, str(tool), "new", FICTIONAL, "Testshire (fictional)",
                    "--into", str(into)], check=True, capture_output=True)
    os.environ["LP_RULES_EXTRA_AUTHORITIES"] = str(into)


if "lp_rules" not in sys.modules:
    _make_fictional_authority()


def build_fictional_site(profile_id: str) -> None:
    """`make build-all` builds the published authorities; the fictional one (never published)
    is built here, by the same tools/build_site.py, when its site is missing or older than any
    input of the build (a stale one failed the safety page's test after a hazard-log edit).
    Nothing for any other authority."""
    import fcntl  # here, not at the top: this file is loaded inside Pyodide too (tests/pyodide)

    from lp_rules.profiles import PUBLISHED_IDS, site_folder

    if profile_id in PUBLISHED_IDS:
        return
    root = Path(__file__).resolve().parents[1]
    index = root / site_folder(profile_id) / "index.html"
    inputs = [p for d in ("docs", "tools", "overrides", "src") for p in (root / d).rglob("*")
              if p.is_file() and "__pycache__" not in p.parts]
    inputs += [root / "mkdocs.yml", root / "hazard-log.toml"]  # read by the build too
    newest = max(p.stat().st_mtime for p in inputs)
    # `make test` builds it before its two lanes start; the lock keeps any two pytest processes
    # that find it stale (two lanes run by hand) from building into the same folder at once:
    # the second waits, then finds it fresh.
    lock = root / "build" / f"{profile_id}.site.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        if index.exists() and index.stat().st_mtime >= newest:
            return
        subprocess.run([sys.executable, str(root / "tools" / "build_site.py"), "--profile", profile_id],
                       cwd=root, check=True, capture_output=True)


try:  # the browser fixtures; absent inside Pyodide (tests/pyodide), where only tests/rules run
    from tests.browser.fixtures import (browser, other_site,  # noqa: F401
                                        playwright_instance, site, sites)
except ImportError:
    pass

_fuzz_tests: set[str] = set()
"""Node ids of the tests that tried malformed inputs (added to ``fuzz_count.inputs``)."""


def _fuzz_inputs() -> int:
    counter = sys.modules.get("tests.rules.fuzz_count")
    return int(getattr(counter, "inputs", 0))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    before = _fuzz_inputs()
    yield
    if _fuzz_inputs() != before:
        _fuzz_tests.add(item.nodeid)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    inputs = _fuzz_inputs()
    if inputs:
        # Only what the run shows: a test that failed before it tried an input is not known to be
        # a fuzz test, so any other failure is said too, never "none failed" over it.
        failures = {report.nodeid for kind in ("failed", "error")
                    for report in terminalreporter.stats.get(kind, [])}
        failed = failures & _fuzz_tests
        others = len(failures - _fuzz_tests)
        tried = f"fuzz: {inputs} malformed inputs tried by {len(_fuzz_tests)} tests: "
        if failed:
            verdict = f"{len(failed)} of them failed (see failures above)"
        else:
            verdict = "all passed" + (f"; {others} other tests failed (see above)" if others else "")
        terminalreporter.write_line(tried + verdict)
    axe = sys.modules.get("tests.browser.test_accessibility")
    if axe is not None and axe.scanned:
        failed_count = len(terminalreporter.stats.get("failed", []))
        terminalreporter.write_line(
            f"axe: {len(axe.scanned)} page states scanned for WCAG 2.2 A/AA"
            + (" (see failures above)" if failed_count else ", no violations")
        )
