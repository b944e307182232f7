"""Session fixtures shared by tests/browser and tests/perf: one Playwright, one Chromium, and the
two built sites served over loopback. Registered once, by tests/conftest.py."""

from __future__ import annotations

from typing import Iterator

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, Site


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    served = Site(ROOT / "site")
    yield served
    served.server.shutdown()


@pytest.fixture(scope="session")
def gp_site() -> Iterator[Site]:
    served = Site(ROOT / "site-graduated-pathway")
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
