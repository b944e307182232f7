"""The two devices the flow tests run on, by touch at 390x844 and by keyboard at 1280x800: a test
module imports ``device`` and ``context`` (which replaces conftest's for that module), so each of
its tests runs once per device."""

from __future__ import annotations

from typing import Iterator

import pytest
from playwright.sync_api import BrowserContext

from .conftest import browser_context  # (which puts tools/ on the path)

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
