"""Fixtures for the performance and offline tests (the browser ones are in tests/conftest.py):
a served copy of the site that a test may change, to play a new version being published."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import Page

from lp_rules.profiles import DEFAULT_PROFILE, site_folder
from tests.browser.conftest import ROOT, Site

DEFAULT_SITE = ROOT / site_folder(DEFAULT_PROFILE)
"""The default authority's built site (the folder is decided by ``lp_rules.profiles.site_folder``)."""


@pytest.fixture
def site_copy(tmp_path: Path) -> Iterator[tuple[Site, Path]]:
    """A private copy of the default authority's built site, served on its own port."""
    folder = tmp_path / "site"
    shutil.copytree(DEFAULT_SITE, folder)
    served = Site(folder)
    yield served, folder
    served.server.shutdown()


def link_or_copy(source: str, target: str) -> str:
    """A copy of a file at almost no cost (``shutil.copytree``'s copy_function): a hard link where
    the file system allows, else a copy. A linked file is the original itself: whoever changes
    the copy replaces the file (unlink, then write), never writes into it."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return target


def poll(page: Page, expression: str, arg: Any = None, timeout_s: float = 60.0,
         interval_s: float = 0.25) -> Any:
    """Evaluate ``expression`` in the page until it gives a truthy value, and return that value.

    Playwright's ``wait_for_function`` treats the Promise an async predicate returns as truthy at
    once, so it cannot wait on Cache Storage or the service worker: this polls from Python, and
    each ``page.evaluate`` awaits the predicate's Promise."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = page.evaluate(expression, arg)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still {value!r} after {timeout_s} s: {expression}")
        page.wait_for_timeout(interval_s * 1000)
