"""An outcome shown again says what is true now (issue 20, item 3): the page copies an outcome's
first parts from the ones it made for it before (outcome-view's outcomeParts), and the one line
about the full version must follow the runtime as it is when the outcome is shown again, not as
it was when the parts were first made.

Python is held back (test_decides_at_once.Held), then its downloads are made to fail, so the
runtime moves from loading to failed between the two showings: a state the test controls.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import Site, choose, expect_page_errors
from .test_decides_at_once import FULL_LINE, RUNTIME, Held


def test_an_outcome_shown_again_says_how_the_runtime_is_now(page: Page, site: Site) -> None:
    expect_page_errors(page, "Failed to fetch")
    held = Held(page)
    page.goto(site.url("tools/change-lead/"))
    urgent = page.locator('.lp-panel--urgent[data-decided="safeguarding_first"]')
    choose(page, "harm", "yes")
    expect(urgent).to_be_visible()
    expect(page.locator(".lp-full-pending")).to_contain_text("still loading")
    choose(page, "harm", "no")
    expect(urgent).to_have_count(0)
    # Python cannot load after all: what was held, and anything asked for again, fails.
    for pattern in RUNTIME:
        page.route(pattern, lambda route: route.abort())
    for route in held.routes:
        route.abort()
    page.wait_for_selector('.lp-status[data-state="failed"]', timeout=30_000)
    choose(page, "harm", "yes")
    expect(urgent).to_be_visible()
    expect(page.locator(".lp-full-pending")).to_have_count(1)
    expect(page.locator(".lp-full-pending")).to_contain_text(FULL_LINE)
