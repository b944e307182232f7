"""Offline use and updates, through the service worker (docs/sw.js), in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page

from tests.browser.conftest import Site, wait_for_outcome

CHECKLISTS = {
    "tools/who-should-lead/?harm=no&social_care=none&existing_plan=no&services=one": "single_service",
    "tools/change-lead/?harm=no&event=absence_short": "cover_absence",
    "tools/consent-withdrawn/?harm=yes": "safeguarding_referral",
}


def _first_visit(page: Page, site: Site) -> None:
    """Visit a checklist online and wait until the site and the runtime are cached."""
    page.goto(site.url("tools/change-lead/?harm=no&event=needs_met&family_agrees=yes"))
    wait_for_outcome(page, "close_plan")
    page.wait_for_function("""async () => {
        const names = await caches.keys();
        const runtime = names.find((n) => n.startsWith('lpg-runtime-'));
        return runtime && (await (await caches.open(runtime)).keys()).length >= 5
            && names.some((n) => n.startsWith('lpg-site-'));
    }""", timeout=60_000, polling=250)


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


def test_a_new_version_replaces_the_cached_one(browser: Browser, site_copy: tuple[Site, Path]) -> None:
    site, folder = site_copy
    context = browser.new_context()
    page = context.new_page()
    _first_visit(page, site)
    old = page.evaluate("caches.keys()")
    # Publish a new version: a page changes, and with it the service worker's version.
    consent = folder / "consent" / "index.html"
    source = consent.read_text(encoding="utf-8")
    assert "</h1>" in source
    consent.write_text(source.replace("</h1>", "</h1><p id='new-version'>Updated guidance.</p>", 1),
                       encoding="utf-8")
    for compressed in folder.glob("consent/index.html.*"):
        compressed.unlink()
    worker = folder / "sw.js"
    worker.write_text(re.sub(r'const VERSION = "[^"]+"', 'const VERSION = "new-version"',
                             worker.read_text(encoding="utf-8")), encoding="utf-8")
    page.goto(site.url("consent/"))
    page.wait_for_function("async () => (await caches.keys()).includes('lpg-site-new-version') && "
                           "!(await caches.keys()).some((n) => n.startsWith('lpg-site-') && n !== 'lpg-site-new-version')",
                           timeout=30_000, polling=250)
    # Offline, the new content comes from the new cache; the old site cache is gone, the runtime kept.
    context.set_offline(True)
    page.goto(site.url("consent/"))
    assert page.locator("#new-version").count() == 1
    new = page.evaluate("caches.keys()")
    assert [n for n in old if n.startswith("lpg-runtime-")] == [n for n in new if n.startswith("lpg-runtime-")]
    context.close()
