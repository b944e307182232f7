"""No wait that cannot wait, anywhere in the tests.

Playwright's ``wait_for_function`` fails in two quiet ways here. An async predicate returns a
Promise, which it takes as truthy at once: no wait at all. And a predicate given as a string is
evaluated with ``eval`` in the page whenever it has to poll, which every page's CSP refuses: it
passes only when it is already true on the first look, so it fails at random (fresh-clone run 3,
2026-11-25, in the trainer's test). Use ``expect(locator)`` or ``tests/perf/conftest.py``'s
``poll()``, which is tested to poll (tests/perf/test_offline.py).
"""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
CALL = re.compile(r"\.wait_for_function\(")


def test_no_test_uses_wait_for_function() -> None:
    found = [
        f"{path.relative_to(TESTS)}:{number}"
        for path in sorted(TESTS.rglob("*.py"))
        if path.name != Path(__file__).name
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if CALL.search(line)
    ]
    assert not found, f"use expect(...) or poll() instead of wait_for_function: {found}"
