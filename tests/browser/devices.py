"""The two devices the flow tests run on, by touch at 390x844 and by keyboard at 1280x800: a test
module imports ``device`` and ``context`` (which replaces conftest's for that module), so each of
its tests runs once per device. A test on one device alone takes ``phone_page`` or
``desktop_page``, a page in that device's same warm context."""

from __future__ import annotations

from typing import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page

from .conftest import browser_context, browser_page  # (which puts tools/ on the path)

from chromium import DESKTOP_SCREEN as DESKTOP, PHONE_SCREEN as PHONE  # shared with tools/bench


@pytest.fixture(params=["phone", "desktop"])
def device(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def context(request: pytest.FixtureRequest, device: str) -> Iterator[BrowserContext]:
    """The device's context: the module's warm one, or a new one (conftest.browser_context)."""
    with browser_context(request, service_workers="block",
                         **(PHONE if device == "phone" else DESKTOP)) as ctx:
        yield ctx


@pytest.fixture
def desktop_page(request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page for a keyboard-only test, in the desktop's warm context (conftest.browser_page)."""
    with browser_page(request, service_workers="block", **DESKTOP) as page:
        yield page


@pytest.fixture
def phone_page(request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page for a test of the phone's narrow screen alone, in its warm context."""
    with browser_page(request, service_workers="block", **PHONE) as page:
        yield page
