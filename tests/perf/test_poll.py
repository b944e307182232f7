"""The test helper ``poll()`` waits: it polls an async predicate until it comes true, returns
what it gave then, and fails when it never does. (Playwright's ``wait_for_function`` took the
Promise of an async predicate as truthy at once, so "wait until the start-up is saved" was one
look: issue 14.)"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import Site
from tests.perf.conftest import poll

LATER = """async () => {
    await new Promise((r) => setTimeout(r, 10));
    return window.__ready ?? false;
}"""


def test_poll_waits_for_an_async_predicate_to_come_true(browser: Browser, site: Site) -> None:
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.goto(site.url(""))
        page.evaluate("setTimeout(() => { window.__ready = 'at last'; }, 1200)")
        started = time.monotonic()
        assert poll(page, LATER, timeout_s=10, interval_s=0.1) == "at last"
        assert time.monotonic() - started >= 1.0, "poll returned before the predicate came true"
    finally:
        context.close()


def test_poll_fails_when_the_predicate_never_comes_true(browser: Browser, site: Site) -> None:
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.goto(site.url(""))
        started = time.monotonic()
        with pytest.raises(AssertionError, match="still False after 1"):
            poll(page, LATER, timeout_s=1, interval_s=0.1)
        assert time.monotonic() - started >= 1.0
    finally:
        context.close()
