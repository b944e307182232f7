"""Session fixtures shared by tests/browser and tests/perf: one Playwright, one Chromium, and the
built sites served over loopback. Registered once, by tests/conftest.py.

No fixture names an authority: ``sites`` serves any authority's built site on demand (the list
of authorities is the folders, ``lp_rules.profiles.PROFILE_IDS``; the folder each is built into
is ``lp_rules.profiles.site_folder``), ``site`` is the default authority's and ``other_site``
another published authority's, for tests that need two different builds."""

from __future__ import annotations

from typing import Iterator

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from lp_rules.profiles import DEFAULT_PROFILE, PUBLISHED_IDS, site_folder
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, Site

OTHER_PROFILE = next(p for p in PUBLISHED_IDS if p != DEFAULT_PROFILE)
"""A published authority other than the default (the first in folder order): its site is built
by `make build-all` with its own terms and guidance, so a test can see two builds differ."""


class Sites:
    """Every authority's built site, each served the first time a test asks for it."""

    def __init__(self) -> None:
        self.served: dict[str, Site] = {}

    def __getitem__(self, profile_id: str) -> Site:
        if profile_id not in self.served:
            from tests.conftest import build_fictional_site

            build_fictional_site(profile_id)  # nothing for a published authority
            self.served[profile_id] = Site(ROOT / site_folder(profile_id))
        return self.served[profile_id]

    def origins(self) -> tuple[str, ...]:
        """The origins of the sites served so far (a page may move between them)."""
        return tuple(s.origin + "/" for s in self.served.values())


@pytest.fixture(scope="session")
def sites() -> Iterator[Sites]:
    served = Sites()
    yield served
    for one in served.served.values():
        one.server.shutdown()


@pytest.fixture(scope="session")
def site(sites: Sites) -> Site:
    """The default authority's site."""
    return sites[DEFAULT_PROFILE]


@pytest.fixture(scope="session")
def other_site(sites: Sites) -> Site:
    """Another published authority's site (``OTHER_PROFILE``)."""
    return sites[OTHER_PROFILE]


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    launched = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield launched
    launched.close()
