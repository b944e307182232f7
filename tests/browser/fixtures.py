"""Session fixtures shared by tests/browser and tests/perf: one Playwright, one Chromium, and the
two built sites served over loopback. Registered once, by tests/conftest.py."""

from __future__ import annotations

from typing import Iterator

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from lp_rules.profiles import DEFAULT_PROFILE, site_folder
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, Site


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    served = Site(ROOT / site_folder(DEFAULT_PROFILE))
    yield served
    served.server.shutdown()


@pytest.fixture(scope="session")
def gp_site() -> Iterator[Site]:
    served = Site(ROOT / site_folder("graduated-pathway"))
    yield served
    served.server.shutdown()


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    launched = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield launched
    launched.close()
