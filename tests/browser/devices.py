"""The two devices the flow tests run on, by touch at 390x844 and by keyboard at 1280x800: a test
module imports ``device`` and ``context`` (which replaces conftest's for that module), so each of
its tests runs once per device. A test on one device alone takes ``phone_page`` or
``desktop_page``, a page in that device's same warm context."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page

from .conftest import browser_context  # (which puts tools/ on the path)

from chromium import DESKTOP_SCREEN as DESKTOP, PHONE_SCREEN as PHONE  # shared with tools/bench


@pytest.fixture(params=["phone", "desktop"])
def device(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@contextmanager
def device_context(request: pytest.FixtureRequest, device: str) -> Iterator[BrowserContext]:
    """The device's context: the warm one kept for the run, or a new one for a ``cold_start``
    test (conftest.browser_context)."""
    with browser_context(request, service_workers="block",
                         **(PHONE if device == "phone" else DESKTOP)) as ctx:
        yield ctx


@pytest.fixture
def context(request: pytest.FixtureRequest, device: str) -> Iterator[BrowserContext]:
    with device_context(request, device) as ctx:
        yield ctx


@contextmanager
def device_page(request: pytest.FixtureRequest, device: str) -> Iterator[Page]:
    """A page for a test on one device alone (keyboard only, or the phone's narrow screen), in
    the device's warm context, where Python's start-up is saved after its first test: not a new
    context, which started Python afresh each time (7.5 to 10 s of CPU, against 6.5 to 7 s
    restored, 2026-12-08)."""
    with device_context(request, device) as ctx:
        yield ctx.new_page()


@pytest.fixture
def desktop_page(request: pytest.FixtureRequest) -> Iterator[Page]:
    with device_page(request, "desktop") as page:
        yield page


@pytest.fixture
def phone_page(request: pytest.FixtureRequest) -> Iterator[Page]:
    with device_page(request, "phone") as page:
        yield page
