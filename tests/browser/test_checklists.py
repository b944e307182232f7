"""Each checklist end to end in Chromium: by URL, by mouse, by keyboard, with changes."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from lp_rules.profiles import PROFILE_IDS
from tests.browser.fixtures import Sites
from tests.rules.oracle import FACTS

from .conftest import (Site, actions, add_practitioner, choose, tab_to, use_practitioners, wait_for_outcome,
                       wait_ready, wait_settled)

CONSENT_URL = (
    "tools/consent-withdrawn/?harm=no&safety=no&who=parent_carer&competence=gillick_competent"
    "&scope=one_service&escalation_risk=yes&how=told_us&reason=relationship_with_lead"
)


def test_answers_in_the_url_give_the_outcome(page: Page, site: Site) -> None:
    page.goto(site.url(CONSENT_URL))
    assert wait_for_outcome(page) == "continue_with_young_person"
    got = actions(page)
    for code in ("work_with_young_person", "consider_escalation", "offer_different_lead",
                 "monitor_safeguarding", "record_decision"):
        assert code in got
    assert "stop_consent_based_sharing" not in got
    # Why and sources are shown, and each source links to a guidance section on this site.
    outcome = page.locator(".lp-outcome")
    assert "The young person can make this decision for themselves." in outcome.inner_text()
    hrefs = outcome.locator(".lp-sources a").evaluate_all("as => as.map(a => a.href)")
    assert hrefs and all(h.startswith(site.origin + "/") and "#" in h for h in hrefs)
    # Every answer given is restored into the form.
    for question, option in (("who", "parent_carer"), ("scope", "one_service"), ("how", "told_us")):
        assert page.is_checked(f"#{question}-{option}")


def test_by_mouse_with_a_changed_answer(page: Page, site: Site) -> None:
    page.goto(site.url("tools/change-lead/"))
    wait_ready(page)
    choose(page, "harm", "no")
    choose(page, "safety", "no")
    choose(page, "event", "lead_leaving")
    choose(page, "family_agrees", "not_asked")
    choose(page, "successor", "no")
    choose(page, "consent_covers_successor", "yes")
    choose(page, "changes_so_far", "two_or_more")
    assert wait_for_outcome(page, "change_lead") == "change_lead"
    for code in ("consult_family", "identify_successor", "minimise_changes", "handover_plan"):
        assert code in actions(page)
    # Safeguarding stops the flow at once and is unmistakable...
    choose(page, "harm", "unsure")
    wait_for_outcome(page, "safeguarding_first")
    assert page.locator(".lp-panel--urgent").is_visible()
    # The other answers are kept, folded to one line each and marked as not needed (issue 12).
    assert page.locator("#q-event .lp-radios").is_hidden()
    assert "Not needed for this outcome" in page.locator("#q-event").inner_text()
    # ...and going back keeps every other answer.
    choose(page, "harm", "no")
    choose(page, "safety", "no")
    wait_for_outcome(page, "change_lead")
    wait_settled(page)  # the address is written just after the answer's effect is drawn
    query = parse_qs(urlparse(page.url).fragment)  # the answers are in the fragment
    assert query["successor"] == ["no"] and query["changes_so_far"] == ["two_or_more"]


def test_only_questions_that_matter_are_shown(page: Page, site: Site) -> None:
    page.goto(site.url("tools/change-lead/"))
    wait_ready(page)
    choose(page, "harm", "no")
    choose(page, "safety", "no")
    page.wait_for_selector("#q-event:not([hidden])")
    assert page.locator("#q-family_agrees").is_hidden()
    choose(page, "event", "absence_short")
    wait_for_outcome(page, "cover_absence")
    assert page.locator("#q-successor").is_hidden()
    assert "others_cover_functions" in actions(page)


def test_by_keyboard_alone(page: Page, site: Site) -> None:
    page.goto(site.url("tools/consent-withdrawn/"))
    wait_ready(page)
    plan = [("harm", "no"), ("safety", "no"), ("who", "whole_family"),
            ("scope", "all_early_help"), ("escalation_risk", "no"), ("how", "told_us"),
            ("reason", "unknown")]
    for question, option in plan:
        page.wait_for_selector(f"#q-{question}:not([hidden])")
        tab_to(page, f'input[name="{question}"]')
        if page.evaluate(f"document.activeElement.id === '{question}-{option}'"):
            page.keyboard.press("Space")
        for _ in range(10):
            if page.is_checked(f"#{question}-{option}"):
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")  # the choice takes effect when the user continues
    assert wait_for_outcome(page) == "continue_universal_support"
    # The last Continue takes focus to the outcome's heading; the next Tab stays in the outcome.
    expect(page.locator("#lp-outcome-title")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.lp-outcome')")
    # The check-your-answers "Change" links work from the keyboard.
    tab_to(page, 'a.lp-change[href="#q-who"]')
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "who"


def test_share_link_round_trip(page: Page, site: Site, context) -> None:  # type: ignore[no-untyped-def]
    page.goto(site.url("tools/consent-withdrawn/"))
    wait_ready(page)
    for question, option in [("harm", "no"), ("safety", "no"), ("who", "parent_carer"),
                             ("competence", "not_competent"), ("other_parent_agrees", "no"),
                             ("scope", "one_service"), ("escalation_risk", "unsure"),
                             ("how", "stopped_engaging"), ("reason", "stigma_or_fear")]:
        page.wait_for_selector(f"#q-{question}:not([hidden])")
        choose(page, question, option)
    first = wait_for_outcome(page)
    shared = page.url
    other = context.new_page()
    other.goto(shared)
    assert wait_for_outcome(other) == first == "non_engagement_review"  # rules 2.1: stopped engaging
    assert other.is_checked("#reason-stigma_or_fear") and other.is_checked("#competence-not_competent")
    # The back button undoes the last answer.
    page.go_back()
    page.wait_for_selector("[data-recommendation]", state="detached")
    assert "reason=" not in page.url


def test_candidates_add_edit_remove(page: Page, site: Site) -> None:
    base = ("tools/who-should-lead/?harm=no&safety=no&social_care=none&existing_plan=no&services=several"
            "&consent=agreed&young_person_can_consent=yes")
    page.goto(site.url(base))
    wait_ready(page)
    page.wait_for_selector("#q-candidates:not([hidden])")
    rows = [("teacher", "good", "agrees", "yes", "yes", "no"),
            ("gp", "good", "preferred", "no", "yes", "no"),
            ("senco", "poor", "preferred", "yes", "yes", "no")]
    for values in rows:
        add_practitioner(page, values)
    # The practitioners are evaluated when the user says so, not as they are saved.
    use_practitioners(page)
    assert wait_for_outcome(page) == "agree_at_taf"
    # Check your answers names each practitioner by their role, in the order listed.
    expect(page.locator('.lp-summary-row[data-question="candidates"] dd').first).to_have_text(
        "Teacher, GP, SENCO")
    results = page.locator(".lp-candidate-results > li")
    expect(results).to_have_count(3)
    # Best placed first: the GP (the family prefers them) is suggested, ahead of the teacher.
    assert "1. Practitioner 2: GP (suggested" in results.nth(0).inner_text()
    assert "cannot lead" in results.nth(2).inner_text()
    assert "ask_young_person" in actions(page)
    # Edit: the family now objects to the GP; the teacher becomes the suggestion.
    page.click(".lp-candidate:nth-child(2) [data-change-candidate]")
    page.click('label[for="candidate-family_view-objects"]')
    page.click("[data-save-candidate]")
    use_practitioners(page)
    page.wait_for_selector(".lp-suggested:has-text('Teacher')")
    # Remove the teacher and the GP: nobody eligible remains.
    page.click(".lp-candidate:nth-child(1) [data-remove-candidate]")
    page.click(".lp-candidate:nth-child(1) [data-remove-candidate]")
    use_practitioners(page)
    assert wait_for_outcome(page, "no_suitable_candidate") == "no_suitable_candidate"
    # The address is written after the rules' answer is shown.
    expect(page).to_have_url(re.compile(r"&candidates=senco\.poor\.preferred\.yes\.yes\.no$"))


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_each_area_names_its_own_front_door_and_no_other(page: Page, sites: Sites,
                                                        profile_id: str) -> None:
    """The urgent outcome names this area's front door (its oracle's, from its guidance), or
    the plain words for one where its guidance gives no name, and never another area's. Every
    area, the tests' fictional one included: the outcome waited for is Python's (the full one),
    which on the fictional area's site once refused every request ("unknown profile")."""
    page.goto(sites[profile_id].url("tools/who-should-lead/#v=2&harm=yes"))
    wait_for_outcome(page, "safeguarding_first")
    text = page.locator(".lp-outcome").inner_text()
    own = FACTS[profile_id]["front_door"] or "your local children's social care front door"
    assert own in text
    for other, facts in FACTS.items():
        if other != profile_id and facts["front_door"] not in ("", FACTS[profile_id]["front_door"]):
            assert facts["front_door"] not in text, other


def test_why_not_and_what_would_change_it(page: Page, site: Site) -> None:
    page.goto(site.url("tools/consent-withdrawn/?v=2&harm=no&safety=no&who=parent_carer"
                       "&competence=not_competent&other_parent_agrees=no&scope=all_early_help&escalation_risk=no&how=told_us&reason=other"))
    assert wait_for_outcome(page) == "continue_universal_support"
    why_not = page.locator(".lp-why-not")
    why_not.locator("summary").click()
    item = why_not.locator("[data-why-not='continue_agreed_parts']")
    assert "your answer to “What is declined” is “All early help" in item.inner_text()
    change = page.locator(".lp-what-would-change")
    change.locator("summary").click()
    link = change.locator("[data-change='scope=one_service'] a")
    assert "Carry on with the support they agreed to" in change.locator(
        "[data-change='scope=one_service']").inner_text()
    mine = page.url
    link.click()
    # A labelled what-if: its outcome, and the user's own answers kept in the address.
    assert wait_for_outcome(page, "continue_agreed_parts") == "continue_agreed_parts"
    expect(page.locator(".lp-what-if")).to_contain_text("You are looking at a what-if")
    assert page.url == mine
    page.click("[data-what-if-back]")
    assert wait_for_outcome(page, "continue_universal_support") == "continue_universal_support"


def test_the_outcome_path_is_highlighted_on_the_decision_map(page: Page, site: Site) -> None:
    page.goto(site.url("tools/change-lead/?v=2&harm=no&safety=no&event=absence_long&family_agrees=yes"
                       "&successor=yes&consent_covers_successor=yes&changes_so_far=none"))
    assert wait_for_outcome(page) == "change_lead"
    here = page.eval_on_selector_all(".lp-map .lp-map-here", "els => els.map(e => e.dataset.mapFor ?? e.dataset.mapRule ?? e.dataset.mapEdge)")
    # absence_long is the third change_lead rule: rule index 7 in rules 2.1 (harm, a concern
    # about the lead, short absence, step up, step down, leaving, breakdown, long absence), not
    # the first box with that code.
    assert "7" in here
    ruled_out = page.eval_on_selector_all(".lp-map [data-map-rule].lp-map-path", "els => els.map(e => e.dataset.mapRule)")
    assert ruled_out == [str(i) for i in range(7)]
    # Another answer moves the path; clearing an answer clears it.
    choose(page, "harm", "yes")
    wait_for_outcome(page, "safeguarding_first")
    assert page.eval_on_selector_all(".lp-map [data-map-rule].lp-map-path", "els => els.length") == 0
    assert page.locator('.lp-map [data-map-rule="0"].lp-map-here').count() == 1
