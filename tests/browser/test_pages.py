"""The checklist pages without JavaScript, printing guidance, and the training scenarios page.

Printing a checklist's outcome and record is tested on paper in test_print.py."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page

from lp_rules.profiles import PROFILE_IDS, PUBLISHED_IDS, load_profile

from .conftest import READY_TIMEOUT_MS, Site, without_python


def test_without_javascript_the_decision_table_and_guidance_remain(browser: Browser, site: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url("tools/who-should-lead/?harm=no"))
    assert "needs JavaScript" in page.inner_text("noscript") or page.locator("noscript").count() == 1
    page.click("#decision-table summary")
    rows = page.locator("#decision-table tbody tr")
    assert rows.count() == 9
    assert page.locator("#decision-table a[href*='identifying-the-lead/#at-the-initial-taf']").count() >= 1
    context.close()


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_chromium_runs_every_page_under_its_policy(page: Page, profile_id: str, sites: Any) -> None:
    """Chromium itself is the oracle for the pages' CSP: it reports every script, style or request
    the policy refused (a theme script whose hash is missing, say) on the console. Every
    authority's site, the tests' fictional one included."""
    site: Site = sites[profile_id]
    refused: list[str] = []

    def note(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refused.append(f"{page.url}: {message.text}")

    page.on("console", note)
    paths = site.pages()
    assert len(paths) >= 20, paths
    for path in paths:
        page.goto(site.url(path), wait_until="load")
    # A round trip to the last page after a frame: the browser sends its console messages in
    # order, so every one the page wrote until then has arrived before the answer.
    page.evaluate("() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)))")
    assert not refused, "\n".join(refused)


def test_guidance_prints_without_navigation(page: Page, sites: Any) -> None:
    """A printed link shows its address after it: on the training page of an authority that
    gives a booking site, that site's address."""
    booking = next(p for p in PUBLISHED_IDS if load_profile(p).training_booking_url)
    site = sites[booking]
    page.emulate_media(media="print")
    page.goto(site.url("training/"))
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert page.evaluate(f"getComputedStyle(document.querySelector('{chrome}')).display") == "none"
    after = page.evaluate("""getComputedStyle(document.querySelector('.md-content a[href^="http"]'), '::after').content""")
    assert load_profile(booking).training_booking_url.removeprefix("https://").rstrip("/") in after


def test_every_training_scenario_link_gives_its_listed_outcome(page: Page, site: Site) -> None:
    """Each link's outcome as the page decides it at once, from the link and the compiled rules
    (Python held: the compiled rules agree with Python on every complete set of answers,
    tests/site/test_compiled.py, and a scenario's link is followed to Python's whole outcome in
    test_requests_stay_clean.py). Links to the page already open differ only after "#" and move
    within it: the panel shown before is marked, so only the new link's panel can pass."""
    without_python(page)
    page.goto(site.url("scenarios/"))
    scenarios = page.eval_on_selector_all(
        ".lp-scenario",
        "els => els.map(e => [e.querySelector('a.lp-scenario-link').href, e.dataset.scenarioRecommendation])",
    )
    assert len(scenarios) >= 12
    for href, expected in scenarios:
        page.evaluate("document.querySelectorAll('.lp-panel').forEach((p) => { p.dataset.before = ''; })")
        page.goto(href)
        panel = page.locator(".lp-panel[data-decided]:not([data-before])")
        panel.wait_for(timeout=READY_TIMEOUT_MS)
        assert panel.get_attribute("data-decided") == expected, href
        assert page.get_attribute(".lp-status", "data-state") in ("waiting", "loading")
