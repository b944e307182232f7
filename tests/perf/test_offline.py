"""Offline use and updates, through the service worker (docs/sw.js), in Chromium."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.conftest import Site, wait_for_outcome
from tests.perf.conftest import poll

CHECKLISTS = {
    "tools/who-should-lead/?harm=no&safety=no&social_care=none&existing_plan=no&services=one": "single_service",
    "tools/change-lead/?harm=no&safety=no&event=absence_short": "cover_absence",
    "tools/consent-withdrawn/?harm=yes": "safeguarding_referral",
}


def _first_visit(page: Page, site: Site) -> None:
    """Visit a checklist online and wait until the site and the runtime are cached."""
    page.goto(site.url("tools/change-lead/?harm=no&safety=no&event=needs_met&family_agrees=yes"))
    wait_for_outcome(page, "close_plan")
    poll(page, """async () => {
        const names = await caches.keys();
        const runtime = names.find((n) => n.startsWith('lpg-runtime-'));
        return Boolean(runtime) && (await (await caches.open(runtime)).keys()).length >= 5
            && names.some((n) => n.startsWith('lpg-site-'));
    }""")


@pytest.fixture(scope="module")
def offline_after_one_visit(browser: Browser, site: Site) -> Iterator[BrowserContext]:
    """A browser profile (service workers on) after one online visit to a checklist, now offline.

    Shared by the tests that only read it offline: nothing offline adds to what the visit cached
    (no byte arrives), so each still sees the state one visit left; and by the last test,
    test_no_cache_holds_an_answer, which needs one online visit before its own. Each made its own
    before, one more cold Python start and service worker install apiece."""
    context = browser.new_context()
    _first_visit(context.new_page(), site)
    context.set_offline(True)
    yield context
    context.close()


@pytest.fixture
def offline_page(offline_after_one_visit: BrowserContext) -> Iterator[Page]:
    """A new tab in the offline profile, closed after the test."""
    page = offline_after_one_visit.new_page()
    yield page
    page.close()


def own_heading(site: Site, path: str) -> str:
    """A selector for the built page's own heading (its ``h1`` and the id the build gave it): the
    offline fallback page has an ``h1`` too, so a page missing from the offline copy, shown as
    the fallback, would pass a check that only counts headings."""
    built = (site.folder / path / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<h1 id="([^"]+)"', built)
    assert found, f"{path or 'the home page'} has no h1 with an id"
    return f'h1[id="{found[1]}"]'


def test_every_page_and_checklist_work_offline_after_one_visit(offline_page: Page, site: Site) -> None:
    page = offline_page
    for path, code in CHECKLISTS.items():
        page.goto(site.url(path))
        assert wait_for_outcome(page, code) == code, path
    for path in ("", "changing-the-lead/", "glossary/", "scenarios/", "accessibility/"):
        page.goto(site.url(path))
        assert page.locator(own_heading(site, path)).count() == 1, path
    # Search still works offline (its index was precached).
    page.goto(site.url("consent/"))
    page.keyboard.press("/")
    page.keyboard.type("keyworker")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)


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
    assert page.locator(own_heading(site, "consent/")).count() == 1
    assert page.locator("#new-version").count() == 0
    assert wait_for_outcome(_goto(page, site.url("tools/change-lead/?harm=no&safety=no&event=absence_short"))) \
        == "cover_absence"
    context.close()


def _goto(page: Page, url: str) -> Page:
    page.goto(url)
    return page


def test_offline_any_address_gives_the_sites_own_offline_page(offline_page: Page, site: Site) -> None:
    page = offline_page
    for path in ("never-published/", "tools/change-lead/typo/deeper/", "glossary/nothing.html?x=1"):
        page.goto(site.url(path))
        assert page.inner_text("h1").startswith("Using the guide offline"), path
        assert page.url == site.url(path)  # shown at the address asked for, so a reload online gets it
        # Its styles, links and search work at any depth.
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", path
        glossary = page.locator("article a", has_text="glossary").first.get_attribute("href")
        assert page.evaluate("(href) => new URL(href, document.baseURI).href", glossary) == site.url("glossary/")
    page.locator("article a", has_text="glossary").first.click()
    page.wait_for_url(site.url("glossary/"))
    assert not page.locator("h1").inner_text().startswith("Using the guide offline")
    page.keyboard.press("/")
    page.keyboard.type("keyworker")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)


# In the page: every cache's name, keys and bodies that hold ``marker``, and every key with a query.
SEARCH_CACHES = """async (marker) => {
    const found = [];
    for (const name of await caches.keys()) {
        if (name.includes(marker)) found.push(`cache name ${name}`);
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
            if (request.url.includes(marker) || new URL(request.url).search) found.push(`key ${request.url}`);
            const response = await cache.match(request);
            const body = new TextDecoder("latin1").decode(await response.arrayBuffer());
            if (body.includes(marker)) found.push(`body of ${request.url} in ${name}`);
            if (response.url.includes(marker)) found.push(`url of ${request.url} in ${name}`);
        }
    }
    return found;
}"""


def test_no_cache_holds_an_answer(offline_after_one_visit: BrowserContext, site: Site) -> None:
    """An answer (here a marker value in a checklist's address) goes nowhere the service worker or
    the rules worker keeps: not in any cache's name, key, body or response URL, lpg-python-start
    included, after visiting online, offline and online again.

    In the profile the offline tests share, brought back online for this test and left offline
    again (the last test of the module: what it adds, pages and an answer in an address, is no
    state the others may read): its one online visit is all this test needs before the visits
    with the marker, and a profile of its own cost one more cold Python start and service
    worker install."""
    marker = "zqx7answermarker"
    answered = site.url(f"tools/consent-withdrawn/?harm=no&safety=no&who=parent_carer&note={marker}&competence={marker}")
    context = offline_after_one_visit
    context.set_offline(False)
    page = context.new_page()
    try:
        _search_caches_after_visits(context, page, site, marker, answered)
    finally:
        page.close()
        context.set_offline(True)


def _search_caches_after_visits(context: BrowserContext, page: Page, site: Site, marker: str,
                                answered: str) -> None:
    """Visit with the marker online, offline and online again; then search every cache for it."""
    page.goto(answered)
    page.wait_for_selector(".lp-error-summary:not([hidden])")  # the marker is no valid answer
    poll(page, "async () => (await (await caches.open('lpg-python-start')).keys()).length === 1")
    page.goto(site.url(f"tools/consent-withdrawn/?harm=no&safety=no&who=parent_carer&other_parent_agrees=no&competence=not_competent"
                       f"&scope=all_early_help&escalation_risk=no&how=told_us&reason=other&note={marker}"))
    wait_for_outcome(page, "continue_universal_support")
    context.set_offline(True)
    page.reload()
    wait_for_outcome(page, "continue_universal_support")
    page.goto(answered)
    page.wait_for_selector(".lp-error-summary:not([hidden])")
    context.set_offline(False)
    page.reload()
    page.wait_for_selector(".lp-error-summary:not([hidden])")
    assert marker in page.url  # the answers are in the address, as they should be
    assert page.evaluate(SEARCH_CACHES, marker) == []
    # The search can find: a marker put into a cache is found (and the cache then removed).
    page.evaluate("async (m) => (await caches.open('lpg-test')).put('/x', new Response(m))", marker)
    try:
        assert page.evaluate(SEARCH_CACHES, marker) == ["body of " + site.url("x") + " in lpg-test"]
    finally:
        page.evaluate("caches.delete('lpg-test')")
