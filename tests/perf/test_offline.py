"""Offline use and updates, through the service worker (docs/sw.js), in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page

from tests.browser.conftest import Site, wait_for_outcome
from tests.perf.conftest import poll

CHECKLISTS = {
    "tools/who-should-lead/?harm=no&social_care=none&existing_plan=no&services=one": "single_service",
    "tools/change-lead/?harm=no&event=absence_short": "cover_absence",
    "tools/consent-withdrawn/?harm=yes": "safeguarding_referral",
}


def _first_visit(page: Page, site: Site) -> None:
    """Visit a checklist online and wait until the site and the runtime are cached."""
    page.goto(site.url("tools/change-lead/?harm=no&event=needs_met&family_agrees=yes"))
    wait_for_outcome(page, "close_plan")
    poll(page, """async () => {
        const names = await caches.keys();
        const runtime = names.find((n) => n.startsWith('lpg-runtime-'));
        return Boolean(runtime) && (await (await caches.open(runtime)).keys()).length >= 5
            && names.some((n) => n.startsWith('lpg-site-'));
    }""")


def test_every_page_and_checklist_work_offline_after_one_visit(browser: Browser, site: Site) -> None:
    context = browser.new_context()
    page = context.new_page()
    _first_visit(page, site)
    context.set_offline(True)
    for path, code in CHECKLISTS.items():
        page.goto(site.url(path))
        assert wait_for_outcome(page, code) == code, path
    for path in ("", "changing-the-lead/", "glossary/", "scenarios/", "accessibility/"):
        page.goto(site.url(path))
        assert page.locator("h1").count() == 1, path
    # Search still works offline (its index was precached).
    page.goto(site.url("consent/"))
    page.keyboard.press("/")
    page.keyboard.type("keyworker")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    context.close()


def test_a_copy_that_does_not_match_its_release_is_never_kept(browser: Browser,
                                                               site_copy: tuple[Site, Path]) -> None:
    """The service worker keeps a release only if every file matches the hash the build listed
    in sw.js: a host (or a cache in between) that sends a stale or altered file while a new
    release installs cannot leave a mixed copy for offline use. The old release stays, whole.
    (A real new release replacing an old one: tests/perf/test_update.py.)"""
    site, folder = site_copy
    context = browser.new_context()
    page = context.new_page()
    _first_visit(page, site)
    [old] = [n for n in page.evaluate("caches.keys()") if n.startswith("lpg-site-")]
    # A new release whose sw.js lists a page the host does not send: the page is changed after
    # the list was made.
    worker = folder / "sw.js"
    worker.write_text(re.sub(r'const VERSION = "[^"]+"', 'const VERSION = "new-version"',
                             worker.read_text(encoding="utf-8")), encoding="utf-8")
    consent = folder / "consent" / "index.html"
    source = consent.read_text(encoding="utf-8")
    assert "</h1>" in source
    consent.write_text(source.replace("</h1>", "</h1><p id='new-version'>Updated guidance.</p>", 1),
                       encoding="utf-8")
    for compressed in [*folder.glob("consent/index.html.*"), *folder.glob("sw.js.*")]:
        compressed.unlink()
    # Online, the page is what the host sends, at once.
    page.goto(site.url("consent/"))
    assert page.locator("#new-version").count() == 1
    # The new worker's install fails on the changed page; the old worker and its copy stay.
    page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
    poll(page, """async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return !registration.installing && !registration.waiting;
    }""")
    names = page.evaluate("caches.keys()")
    assert old in names
    assert not page.evaluate("async () => (await caches.has('lpg-site-new-version')) && "
                             "(await (await caches.open('lpg-site-new-version')).keys()).length > 0")
    page.close()
    page = context.new_page()
    context.set_offline(True)
    page.goto(site.url("consent/"))
    assert page.locator("h1").count() == 1 and page.locator("#new-version").count() == 0
    assert wait_for_outcome(_goto(page, site.url("tools/change-lead/?harm=no&event=absence_short"))) \
        == "cover_absence"
    context.close()


def _goto(page: Page, url: str) -> Page:
    page.goto(url)
    return page
