"""The outcome, result first: at 390x844 (a phone, by touch) and 1280x800 (a desktop).

When an outcome appears its heading takes focus and sits at the top of the screen, below
Material's sticky header, with its kicker ("Act now", "Outcome") visible too; "Do this now"
follows the panel with the first few actions, then "Every action"; the record's buttons are
within one phone screen of the title; sources are listed once each, with each document's full
title once; practitioners are listed best first with ranks 1..n, and not at all on an outcome
where practitioners do not count.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterator

import pytest
from playwright.sync_api import Page, expect

from lp_rules import DEFAULT_PROFILE, InvalidAnswers, evaluate, get_tool, load_profile
from lp_rules.links import parse_query, query_string, read_link, share_query
from lp_rules.presentation import Outcome, present
from lp_rules.profiles import PROFILE_IDS
from tests.browser.fixtures import Sites
from tests.rules.oracle import FACTS, TITLES

from .conftest import (Site, actions, browser_page, choose, wait_for_outcome, wait_ready,
                       wait_scroll_at_rest, without_python)

VIEWPORTS = {
    "phone 390x844": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
    "desktop 1280x800": {"viewport": {"width": 1280, "height": 800}},
}
WHO = ("tools/who-should-lead/?v=2&harm=no&safety=no&social_care=none&existing_plan=no&services=several"
       "&consent=agreed&young_person_can_consent=yes")
# Listed worst first: a GP who cannot lead, a health visitor (rank 2), a teacher (rank 1).
RANKED = (WHO + "&candidates=gp.poor.objects.no.no.yes~health_visitor.good.not_asked.no.yes.no"
          "~teacher.good.agrees.yes.yes.no")


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(request: pytest.FixtureRequest) -> Iterator[Page]:
    with browser_page(request, service_workers="block", **VIEWPORTS[request.param]) as page:
        yield page


@pytest.fixture
def phone(request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in the phone viewport's warm context (conftest.browser_page)."""
    with browser_page(request, service_workers="block", **VIEWPORTS["phone 390x844"]) as page:
        yield page


def tap_or_press(page: Page, question: str, option: str) -> None:
    """Answer as the viewport's user would: a tap on a phone, a click on a desktop."""
    if page.evaluate("matchMedia('(pointer: coarse)').matches"):
        page.tap(f'label[for="{question}-{option}"]')
        page.tap(f"#q-{question} [data-continue]")
    else:
        choose(page, question, option)


GEOMETRY = """() => {
  const top = (sel) => document.querySelector(sel)?.getBoundingClientRect();
  return {
    active: document.activeElement.id,
    header: top('.md-header').bottom,
    kicker: top('.lp-panel-kicker').top,
    title: top('#lp-outcome-title').top,
    record: top('.lp-record-actions').bottom,
    height: innerHeight,
  };
}"""


@pytest.mark.parametrize("flow", ["urgent", "after the last answer"])
def test_the_outcome_heading_takes_focus_at_the_top_of_the_screen(sized_page: Page, site: Site, flow: str) -> None:
    page = sized_page
    if flow == "urgent":
        page.goto(site.url("tools/change-lead/"))
        wait_ready(page)
        tap_or_press(page, "harm", "yes")
        wait_for_outcome(page, "safeguarding_first")
    else:
        page.goto(site.url("tools/change-lead/?v=2&harm=no&safety=no"))
        wait_ready(page)
        page.wait_for_selector("#q-event:not([hidden])")
        tap_or_press(page, "event", "absence_short")
        wait_for_outcome(page, "cover_absence")
    wait_scroll_at_rest(page)
    g: dict[str, Any] = page.evaluate(GEOMETRY)
    assert g["active"] == "lp-outcome-title", f"focus is on {g['active']!r}, not the outcome's heading"
    assert g["kicker"] >= g["header"] - 1, f"the kicker is under the sticky header: {g}"
    assert g["title"] - g["header"] <= 100, f"the title is not at the top of the screen: {g}"


def test_do_this_now_then_every_action(page: Page, site: Site) -> None:
    page.goto(site.url("tools/change-lead/?v=2&harm=yes"))
    wait_for_outcome(page, "safeguarding_first")
    # An urgent outcome: the panel, then "Do this now", starting with who to call.
    after_panel = page.evaluate("""() => {
      const title = document.querySelector('.lp-outcome .lp-panel').nextElementSibling;
      return [title.textContent.trim(), title.nextElementSibling.className];
    }""")
    assert after_panel == ["Do this now", "lp-emergency"]
    first = page.eval_on_selector_all(".lp-do-now [data-first-action]", "els => els.map(e => e.dataset.firstAction)")
    assert first == ["call_999_if_immediate_danger", "follow_safeguarding_procedures", "contact_front_door"]
    every = actions(page)
    assert every[:3] == first and "record_decision" in every
    assert len(every) == len(set(every)), "each action once in Every action"
    headings = page.eval_on_selector_all(".lp-outcome h3", "hs => hs.map(h => h.textContent.trim())")
    assert headings.index("Do this now") < headings.index("Every action")


def test_the_record_buttons_are_within_one_phone_screen_of_the_title(phone: Page, site: Site) -> None:
    page = phone
    # An urgent outcome is not here: "Who to call" comes first on it, and its record's buttons
    # follow "Do this now" below the first screen (test_first_screen.py checks every outcome).
    for path in (RANKED,
                 # The outcome this link gave under rules 2.0 (continue_universal_support): under
                 # 2.1 "stopped engaging" gives non_engagement_review, whose 96-word summary
                 # puts the buttons 989 px down (issue 21: summaries of at most two sentences).
                 "tools/consent-withdrawn/?v=2&harm=no&safety=no&who=whole_family&scope=one_service"
                 "&escalation_risk=yes&how=told_us&reason=stigma_or_fear"):
        page.goto(site.url(path))
        wait_for_outcome(page)
        g = page.evaluate(GEOMETRY)
        assert g["record"] - g["title"] <= 844 - g["header"], (
            f"Copy / Download / Print end {g['record'] - g['title']:.0f} px below the title: {path}")


def test_sources_are_listed_once_with_each_full_title_once(page: Page, site: Site) -> None:
    page.goto(site.url(RANKED))
    wait_for_outcome(page, "agree_at_taf")
    # A section two documents both support is listed under each; within one document, once.
    entries = page.eval_on_selector_all(
        ".lp-sources a", "as => as.map(a => a.closest('[data-source]').dataset.source + ' ' + a.href)")
    assert entries and len(entries) == len(set(entries)), Counter(entries).most_common(3)
    sources = page.locator(".lp-sources").inner_text()
    answers = read_link("who-should-lead", parse_query("who-should-lead", RANKED.split("?", 1)[1])).answers
    cited = {c["source"] for c in evaluate("who-should-lead", answers)["citations"]}
    titles = [TITLES[tag] for tag in sorted(cited & TITLES.keys())]
    assert len(titles) >= 2, "the outcome should cite two areas' guidance: the check would be thin"
    for title in titles:
        assert sources.count(title) == 1, (title, sources.count(title))
    # An action names its sources briefly; the full titles are in Sources.
    action_sources = page.locator("[data-action] .lp-action-sources").first.inner_text()
    assert not any(title in action_sources for title in titles)
    labels = [str(f["citation_label"]) for f in FACTS.values()]
    assert any(label in action_sources for label in labels), action_sources


def ranked_model() -> Outcome:
    """The outcome model of RANKED's answers, in the default authority (the site served)."""
    answers = read_link("who-should-lead", parse_query("who-should-lead", RANKED.split("?", 1)[1])).answers
    result = evaluate("who-should-lead", answers, explain=True)
    return present(result, answers, load_profile(DEFAULT_PROFILE))


def test_practitioners_are_listed_best_first_with_ranks_one_to_n(page: Page, site: Site) -> None:
    page.goto(site.url(RANKED))
    wait_for_outcome(page, "agree_at_taf")
    items = page.locator(".lp-candidate-results > li").all_inner_texts()
    heads = [text.splitlines()[0] for text in items]
    assert heads[0].startswith("1. Practitioner 3: Teacher"), heads
    assert "suggested" in heads[0]
    assert heads[1].startswith("2. Practitioner 2: Health visitor"), heads
    assert heads[2].startswith("Practitioner 1: GP") and "cannot lead" in heads[2], heads
    # Each keeps its reasons.
    assert "Works with the family's main needs." in items[0]
    assert "Not eligible: the family objects" in items[2]
    # Every word of the list is the outcome model's (lp_rules.presentation), which the record
    # and the trainer's view render too: the page ranks and words none of it itself.
    assert items == ["\n".join([p.headline, *p.reasons]) for p in ranked_model().practitioners]


def test_no_practitioner_ranking_on_the_safeguarding_outcome(page: Page, site: Site) -> None:
    """Safeguarding comes first: listing practitioners under it suggests a choice to make now."""
    page.goto(site.url("tools/who-should-lead/?v=2&harm=yes&candidates=teacher.good.agrees.yes.yes.no"))
    wait_for_outcome(page, "safeguarding_first")
    assert page.locator(".lp-outcome-candidates").count() == 0
    assert "Practitioners you listed" not in page.locator(".lp-outcome").inner_text()


# ---- Who to call, the panel's tone, Copy confirmed (issue 21, items 1, 3 and 5) -------------

GOV_UK = "https://www.gov.uk/report-child-abuse-to-local-council"
NSPCC = ("tel:08088005000", "mailto:help@nspcc.org.uk")


CANDIDATE_FIELDS = ("role", "relationship", "family_view", "main_needs", "capacity", "leaving_soon")


def answers_for(tool: str, code: str, profile: str, given: dict[str, str] | None = None
                ) -> dict[str, Any]:
    """Answers that give ``code``, found by asking as the page does (first option first), from
    the ``given`` answers."""
    def walk(answers: dict[str, Any]) -> dict[str, Any] | None:
        try:
            result = evaluate(tool, answers, profile)
        except InvalidAnswers:  # answers that cannot stand together: the page refuses them
            return None
        if result["status"] == "complete":
            return answers if result["recommendation"] == code else None
        question = result["next"][0]
        if question == "candidates":  # a practitioner who can lead, or one who cannot
            options: list[Any] = [[dict(zip(CANDIDATE_FIELDS, row.split(".")))] for row in
                                  ("teacher.good.agrees.yes.yes.no", "gp.poor.objects.no.no.yes")]
        else:
            options = list(get_tool(tool).question(question).option_ids)
        for option in options:
            found = walk({**answers, question: option})
            if found:
                return found
        return None
    found = walk(dict(given or {}))
    assert found, f"no answers give {code} in {tool} from {given}"
    return found


def link_to(tool: str, code: str, profile: str, given: dict[str, str] | None = None) -> str:
    answers = answers_for(tool, code, profile, given)
    return f"tools/{tool}/?{query_string(share_query(tool, answers))}"


TONES = [  # (tool, outcome, safety answer, panel class, kicker, who to call shown)
    ("change-lead", "safeguarding_first", "yes", "lp-panel--urgent", "Act now", True),
    ("consent-withdrawn", "seek_safeguarding_advice", "yes", "lp-panel--urgent", "Act now", True),
    ("change-lead", "step_up", "yes", "lp-panel--warning", "Escalate today", True),
    ("change-lead", "report_concern_about_practitioner", "yes", "lp-panel--warning", "Escalate today",
     True),
    ("change-lead", "cover_absence", "no", "lp-panel--go-ahead", "Outcome", False),
    # A safety concern holds a go-ahead back (RULES.md principle 7): plain, never green.
    ("change-lead", "cover_absence", "yes", "lp-panel--outcome", "Outcome", False),
    ("change-lead", "review_at_taf", "yes", "lp-panel--outcome", "Outcome", False),
]


@pytest.mark.parametrize("build", PROFILE_IDS)
@pytest.mark.parametrize("tool,code,safety,tone,kicker,calls", TONES,
                         ids=[f"{t[1]}-safety-{t[2]}" for t in TONES])
def test_who_to_call_heads_urgent_and_escalation_outcomes(
        page: Page, sites: Sites, build: str, tool: str, code: str, safety: str, tone: str,
        kicker: str, calls: bool) -> None:
    served = sites[build]
    # Safety only where the harm answer lets it be asked (an urgent outcome asks nothing more).
    given = {"safety": safety} if code not in ("safeguarding_first", "seek_safeguarding_advice") else {}
    # Shown with the outcome's first render, from the compiled rules: Python is held, so none
    # starts (seconds of CPU each, in 21 tests) and the render checked is always that first one.
    without_python(page)
    page.goto(served.url(link_to(tool, code, build, given)))
    panel = page.locator(f'.lp-panel[data-decided="{code}"]')
    panel.wait_for(timeout=60_000)
    assert page.get_attribute(".lp-status", "data-state") in ("waiting", "loading")
    assert tone in (panel.get_attribute("class") or "").split()
    green = page.evaluate("getComputedStyle(document.querySelector('.lp-panel')).backgroundColor")
    assert (green == "rgb(0, 112, 60)") == (tone == "lp-panel--go-ahead"), (tone, green)
    assert panel.locator(".lp-panel-kicker").inner_text().strip().lower() == kicker.lower()
    block = page.locator(".lp-outcome .lp-emergency")
    if not calls:
        assert block.count() == 0
        return
    hrefs = block.locator("a.lp-emergency-link").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert hrefs[0] == "tel:999", hrefs
    assert GOV_UK in hrefs and all(h in hrefs for h in NSPCC), hrefs
    assert set(hrefs) == {"tel:999", GOV_UK, *NSPCC}, "a number the profile does not hold"
    text = block.inner_text()
    assert "local council's website" in text, "no plain pointer where the profile has no number"
    assert page.evaluate("""() => {
      const title = document.querySelector('.lp-outcome .lp-do-now-title');
      return title.nextElementSibling.classList.contains('lp-emergency');
    }"""), "'Do this now' does not start with who to call"


def test_the_home_page_says_who_to_call(page: Page, sites: Sites) -> None:
    for profile_id in PROFILE_IDS:
        page.goto(sites[profile_id].url(""))
        block = page.locator("#what-do-i-do-now ~ .lp-emergency").first
        hrefs = block.locator("a.lp-emergency-link").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert hrefs == ["tel:999", GOV_UK, *NSPCC], hrefs


def test_copy_says_copied_on_the_button_and_in_the_live_region(
        page: Page, site: Site, context: Any) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.origin)
    page.goto(site.url("tools/change-lead/?v=2&harm=yes"))
    wait_for_outcome(page, "safeguarding_first")
    button = page.locator("[data-copy-record]")
    button.click()
    expect(button).to_have_text("Copied")
    expect(page.locator(".lp-checklist [aria-live]")).to_contain_text("Record copied")
    assert "Who to call:" in page.evaluate("navigator.clipboard.readText()")
    expect(button).to_have_text("Copy for case notes", timeout=10_000)


# ---- The panel names who to discuss, answers one tap away, plain explanations (items 3, 8) --

def test_who_should_lead_names_the_suggested_practitioner_in_the_panel(page: Page, site: Site) -> None:
    page.goto(site.url(RANKED))
    wait_for_outcome(page, "agree_at_taf")
    line = page.locator(".lp-outcome .lp-panel .lp-panel-suggested")
    expect(line).to_contain_text("Suggested to discuss first: Practitioner 3, Teacher.")
    # Why, in one line, from the ranking (the full version's reasons for that practitioner).
    expect(line.locator("[data-suggested-why]")).to_have_text(
        "Why: Not leaving soon; the family agrees to them leading; good relationship with the "
        "family; works with the family's main needs.")
    # The same words as the outcome model's, which the record says too (its paper, here).
    suggested = ranked_model().suggested
    assert suggested is not None
    expect(line).to_have_text(f"{suggested.line} {suggested.why}")
    expect(page.locator(".lp-record-print .lp-record-section--lead")).to_contain_text(suggested.line)


def test_your_answers_are_one_tap_from_the_outcome(phone: Page, site: Site) -> None:
    page = phone
    page.goto(site.url(RANKED))
    wait_for_outcome(page, "agree_at_taf")
    wait_scroll_at_rest(page)
    button = page.locator(".lp-outcome .lp-panel button.lp-panel-answers")
    box = button.bounding_box()
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= 844, box
    button.tap()
    expect(page.locator("#lp-answers-title")).to_be_focused()
    wait_scroll_at_rest(page)
    top = page.evaluate("document.querySelector('#lp-answers-title').getBoundingClientRect().top")
    assert 0 <= top < 844 / 2, top


def test_the_999_advice_is_warning_text_not_a_hint(page: Page, site: Site) -> None:
    without_python(page)  # the question as the page draws it: Python's start would be seconds of CPU
    page.goto(site.url("tools/change-lead/"))
    warning = page.locator("#q-harm .lp-warning-text")
    expect(warning).to_have_text("!Warning: If a child is in immediate danger, call 999 now.")
    assert "999" not in page.locator("#harm-hint").inner_text()
    assert page.evaluate("getComputedStyle(document.querySelector('#q-harm .lp-warning-text strong')).fontWeight") == "700"
    described = page.get_attribute("#q-harm", "aria-describedby") or ""
    assert "harm-warning" in described.split()


def test_before_you_start_says_what_you_will_need_above_the_first_question(page: Page, site: Site) -> None:
    without_python(page)  # the page as drawn, before any answer: Python's start would be seconds of CPU
    for tool in ("who-should-lead", "change-lead", "consent-withdrawn"):
        page.goto(site.url(f"tools/{tool}/"))
        block = page.locator(".lp-checklist .lp-before-start")
        expect(block).to_be_visible()
        expect(block.locator("h2")).to_have_text("Before you start")
        assert block.locator("li").count() >= 3
        assert page.evaluate("""() => {
          const start = document.querySelector('.lp-before-start');
          const first = document.querySelector('.lp-form .lp-question');
          return start.getBoundingClientRect().bottom <= first.getBoundingClientRect().top;
        }""")


def test_why_not_and_what_would_change_are_plain_sentences_at_body_size(page: Page, site: Site) -> None:
    page.goto(site.url("tools/consent-withdrawn/?v=2&harm=no&safety=no&who=whole_family"
                       "&scope=one_service&escalation_risk=no&how=told_us&reason=other"))
    wait_for_outcome(page, "continue_agreed_parts")
    body = page.evaluate("getComputedStyle(document.querySelector('.lp-outcome .lp-panel-summary')"
                         ".closest('.md-typeset')).fontSize")
    for box in (".lp-why-not", ".lp-what-would-change"):
        page.locator(f"{box} summary").click()
        item = page.locator(f"{box} li").first
        assert item.inner_text().startswith("It "), item.inner_text()
        assert item.evaluate("el => getComputedStyle(el).fontSize") == body
    expect(page.locator(".lp-why-not li").first).to_have_text(
        "It is not “Act now: follow safeguarding procedures and refer”, because your answer to "
        "“Significant harm suspected” is “No”.")
