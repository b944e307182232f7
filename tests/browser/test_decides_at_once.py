"""The page decides at once from the compiled rules, before Python is ready and where it cannot
load; Python's full outcome then completes the same outcome in place (issue 20).

Python is held back by routing its files (and the rules' wheel) to a handler that does not
answer until the test releases them, so "before Python is ready" is a state the test controls,
not a race it hopes to win: each check is made while the status still says "loading".
"""

from __future__ import annotations

import re
from typing import Iterator

import pytest
from playwright.sync_api import Page, Route, expect

from .conftest import Site, choose, expect_page_errors, wait_ready, wait_settled

RUNTIME = ("**/pyodide/**", "**/*.whl")
FULL_LINE = "need the checklist's full version"


class Held:
    """Python's files, held unanswered until ``release``; after it they pass straight on."""

    def __init__(self, page: Page) -> None:
        self.routes: list[Route] = []
        self.released = False
        for pattern in RUNTIME:
            page.route(pattern, self.hold)

    def hold(self, route: Route) -> None:
        if self.released:
            route.continue_()
        else:
            self.routes.append(route)

    def release(self) -> None:
        self.released = True
        for route in self.routes:
            route.continue_()


@pytest.fixture
def held(page: Page) -> Iterator[Held]:
    yield Held(page)


def loading(page: Page) -> None:
    """Python has not loaded: the status says so."""
    assert page.get_attribute(".lp-status", "data-state") in ("waiting", "loading")


def test_an_urgent_answer_shows_the_urgent_outcome_before_python(page: Page, site: Site,
                                                                 held: Held) -> None:
    page.goto(site.url("tools/change-lead/"))
    choose(page, "harm", "yes")
    panel = page.locator('.lp-panel--urgent[data-decided="safeguarding_first"]')
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("Act now")
    do_now = page.locator(".lp-do-now [data-first-action]")
    expect(do_now).to_have_count(3)
    assert do_now.first.get_attribute("data-first-action") == "call_999_if_immediate_danger"
    # Nothing else is asked: the next question never appears.
    expect(page.locator("#q-event")).to_be_hidden()
    assert page.locator(".lp-question:not([hidden])").count() == 1
    # The address has the answer, so a reload or a share link gives the same.
    expect(page).to_have_url(re.compile("harm=yes"))  # written just after the drawing
    loading(page)
    assert held.routes, "Python's files were asked for and are being held"
    # What needs Python says so in one line where it will appear.
    expect(page.locator(".lp-full-pending")).to_contain_text("still loading")


def test_the_next_question_is_the_rules_before_python(page: Page, site: Site, held: Held) -> None:
    """The rules skip what they do not need: who-should-lead asks about safety and social
    care, and after "a child protection enquiry" asks nothing more."""
    page.goto(site.url("tools/who-should-lead/"))
    choose(page, "harm", "no")
    choose(page, "safety", "no")
    expect(page.locator("#q-social_care")).to_be_visible()
    choose(page, "social_care", "child_protection")
    expect(page.locator('[data-decided="social_worker_leads"]')).to_be_visible()
    expect(page.locator("#q-existing_plan")).to_be_hidden()
    loading(page)


def test_a_share_link_gives_its_outcome_without_python(page: Page, site: Site,
                                                       held: Held) -> None:
    page.goto(site.url("tools/change-lead/?v=2&harm=no&safety=no&event=needs_met"))
    panel = page.locator(".lp-panel[data-decided]")
    expect(panel).to_be_visible()
    code = panel.get_attribute("data-decided")
    assert code and code != "safeguarding_first"
    expect(page.locator(".lp-do-now li").first).to_be_visible()
    loading(page)
    # Python then gives the same outcome, whole, in place.
    held.release()
    wait_ready(page)
    expect(page.locator(f'.lp-panel[data-recommendation="{code}"]')).to_be_visible()
    expect(page.locator(".lp-reasons li").first).to_be_visible()
    expect(page.locator(".lp-outcome-error")).to_have_count(0)


def test_without_python_the_outcome_and_one_plain_line(page: Page, site: Site) -> None:
    expect_page_errors(page, "Failed to fetch")
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto(site.url("tools/change-lead/?v=2&harm=no&safety=no&event=needs_met"))
    page.wait_for_selector('.lp-status[data-state="failed"]', timeout=30_000)
    expect(page.locator(".lp-panel[data-decided]")).to_be_visible()
    expect(page.locator(".lp-do-now li").first).to_be_visible()
    expect(page.locator(".lp-full-pending")).to_have_count(1)
    expect(page.locator(".lp-full-pending")).to_contain_text(FULL_LINE)
    # The record needs Python: its buttons say so by being unavailable, never by failing.
    expect(page.locator(".lp-record-actions button").first).to_be_disabled()
    # Answering still works, from the compiled rules: safeguarding at once.
    choose(page, "harm", "unsure")
    expect(page.locator('.lp-panel--urgent[data-decided="safeguarding_first"]')).to_be_visible()
    expect(page.locator(".lp-full-pending")).to_contain_text(FULL_LINE)


def test_the_full_outcome_arrives_in_place_without_moving_focus(page: Page, site: Site,
                                                                held: Held) -> None:
    page.goto(site.url("tools/change-lead/"))
    page.keyboard.press("Tab")  # a keyboard user answers
    choose(page, "harm", "no")
    choose(page, "safety", "no")
    choose(page, "event", "needs_met")
    title = page.locator("#lp-outcome-title")
    expect(title).to_be_focused()
    page.evaluate("document.activeElement.dataset.mark = 'here'")
    top = page.evaluate("document.querySelector('#lp-outcome-title').getBoundingClientRect().top")
    loading(page)
    expect(page.locator(".lp-reasons")).to_have_count(0)
    held.release()
    expect(page.locator(".lp-panel[data-recommendation]")).to_be_visible(timeout=60_000)
    expect(page.locator(".lp-reasons li").first).to_be_visible()
    expect(page.locator(".lp-record-actions button").first).to_be_enabled()
    assert page.evaluate("document.activeElement.dataset.mark") == "here"
    after = page.evaluate("document.querySelector('#lp-outcome-title').getBoundingClientRect().top")
    assert abs(after - top) < 1, f"the outcome moved from {top} to {after}"


def test_if_python_disagrees_the_page_shows_an_error_and_no_advice(page: Page,
                                                                   site: Site) -> None:
    """A page whose compiled rules were altered (here: the title of 'the family's needs have
    been met') gives that outcome at once; Python's differs, so the advice is withdrawn."""
    def altered(route: Route) -> None:
        body = route.fetch().text()
        marker = '"code": "close_plan", "title": "'
        assert marker in body, "the compiled rules carry the rule's title"
        route.fulfill(status=200, body=body.replace(marker, marker + "Altered: "),
                      headers={"content-type": "text/html; charset=utf-8"})

    page.route("**/tools/change-lead/?*", altered)
    page.goto(site.url("tools/change-lead/?v=2&harm=no&safety=no&event=needs_met"))
    error = page.locator(".lp-outcome-error")
    expect(error).to_be_visible(timeout=60_000)
    expect(error).to_contain_text("shows no advice")
    expect(page.locator(".lp-panel")).to_have_count(0)


def test_an_older_link_waits_for_the_rules_to_read_it(page: Page, site: Site, held: Held) -> None:
    """A link without today's link version may need migrating (lp_rules.links): no outcome
    until Python has read it, and meanwhile no question the rules would not ask."""
    page.goto(site.url("tools/who-should-lead/?harm=no&social_care=child_protection"))
    expect(page.locator("#social_care-child_protection")).to_be_checked()
    expect(page.locator("#q-safety")).to_be_visible()  # new in 2.1: the rules ask it first
    loading(page)
    expect(page.locator("#q-existing_plan")).to_be_hidden()
    expect(page.locator(".lp-panel")).to_have_count(0)
    held.release()
    wait_ready(page)
    expect(page.locator("#q-safety")).to_be_visible()
    expect(page.locator(".lp-panel")).to_have_count(0)
    choose(page, "safety", "no")
    expect(page.locator('.lp-panel[data-recommendation="social_worker_leads"]')).to_be_visible(
        timeout=60_000)


def test_a_choice_made_before_the_script_runs_is_kept_for_continue(page: Page, site: Site) -> None:
    """On a slow phone the first question is on screen seconds before the checklist's script: a
    "Yes" tapped then must not be silently cleared when the script starts (it was: the bench saw
    the urgent outcome never come). It stays chosen, and Continue gives the urgent outcome."""
    entry: list[Route] = []
    page.route("**/assets/js/*/checklist.js", lambda route: entry.append(route))  # held
    # A module script holds DOMContentLoaded back, so the page is used as soon as it shows.
    page.goto(site.url("tools/change-lead/"), wait_until="commit")
    page.click('label[for="harm-yes"]')
    assert entry, "the checklist's script was asked for and is being held"
    assert page.get_attribute(".lp-checklist", "data-started") is None
    entry[0].continue_()
    expect(page.locator(".lp-checklist[data-started]")).to_have_count(1)
    expect(page.locator("#harm-yes")).to_be_checked()
    page.click("#q-harm [data-continue]")
    expect(page.locator('.lp-panel--urgent[data-decided="safeguarding_first"]')).to_be_visible()


# Changes an answer and continues within one task, and reports the page as the answer's event
# left it: what a screen reader or a test could find before the browser's next frame.
_ANSWER_AND_LOOK = """([question, option]) => {
    document.querySelector(`#${question}-${option}`).click();
    document.querySelector(`#q-${question} [data-continue]`).click();
    const outcome = document.querySelector(".lp-outcome");
    return {
        decided: [...document.querySelectorAll("[data-decided]")].map((p) => p.dataset.decided),
        titles: document.querySelectorAll("#lp-outcome-title").length,
        shown: [...outcome.querySelectorAll(".lp-panel")].filter((p) => p.offsetParent !== null).length,
        outcomeHidden: outcome.hidden,
    };
}"""


def test_an_outcome_with_focus_gives_way_to_the_next_at_once(page: Page, site: Site,
                                                             held: Held) -> None:
    """The page moves focus to an outcome's heading; an answer that changes the outcome then
    replaces it (the old one is hidden at once and removed just after, which spares a slow phone
    the browser's restyling of the whole page inside the answer). In the answer's own event only
    the new outcome can be found, and once the page has settled the old one is gone and focus is
    on the new one's heading."""
    page.goto(site.url("tools/who-should-lead/"))
    choose(page, "harm", "yes")
    expect(page.locator("#lp-outcome-title")).to_be_focused()

    # An outcome with focus, then an answer that leaves no outcome: none is found at once.
    now = page.evaluate(_ANSWER_AND_LOOK, ["harm", "no"])
    assert now == {"decided": [], "titles": 0, "shown": 0, "outcomeHidden": True}, now
    wait_settled(page)
    expect(page.locator(".lp-outcome > *")).to_have_count(0)
    expect(page.locator("#q-safety legend")).to_be_focused()

    # An outcome with focus, then an answer that gives another outcome: only the new one.
    choose(page, "safety", "no")
    choose(page, "social_care", "child_protection")
    expect(page.locator("#lp-outcome-title")).to_be_focused()
    now = page.evaluate(_ANSWER_AND_LOOK, ["harm", "yes"])
    assert now == {"decided": ["safeguarding_first"], "titles": 1, "shown": 1,
                   "outcomeHidden": False}, now
    wait_settled(page)
    expect(page.locator(".lp-outcome .lp-panel")).to_have_count(1)
    expect(page.locator("#lp-outcome-title")).to_be_focused()
    expect(page.locator("#lp-outcome-title")).to_contain_text("Act now")
    loading(page)
