"""The trainer's view of the worked scenarios (trainer/): one scenario per screen, by keyboard alone,
predict then reveal; stable links; without JavaScript; without the Python runtime; two screen sizes.

The outcome each scenario reveals must be the one the scenarios page lists for the same number
(its `data-scenario-recommendation`), laid out as the rules' one outcome model
(lp_rules.record.outcome_sections), with the why-not and what-would-change sentences that
lp_rules.evaluate gives (RULES.md, `sentence`).
"""

from __future__ import annotations

import re
import sys
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from lp_rules import DEFAULT_PROFILE, PROFILE_IDS, evaluate, load_profile
from lp_rules.profiles import site_folder
from lp_rules.record import ANSWERS, NOT_NEEDED, outcome_sections

from .conftest import ROOT, Site, tab_to

sys.path.insert(0, str(ROOT / "tools"))
from sitegen import scenarios  # noqa: E402

SCENARIOS = scenarios.load()
TOTAL = len(SCENARIOS)


def listed_outcomes(page: Page, site: Site) -> dict[int, str]:
    """The scenarios page's outcome for each scenario number."""
    page.goto(site.url("scenarios/"))
    pairs = page.eval_on_selector_all(
        ".lp-scenario", "els => els.map(e => [e.id, e.dataset.scenarioRecommendation])")
    return {int(i.removeprefix("scenario-")): rec for i, rec in pairs}


def shown(page: Page) -> list[int]:
    """The numbers of the scenarios on screen."""
    return page.eval_on_selector_all(
        ".lp-trainer-scenario", "els => els.filter(e => !e.hidden).map(e => Number(e.dataset.scenario))")


def focused(page: Page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.outerHTML.slice(0, 80)")


def live_text(page: Page) -> str:
    expect(page.locator("[data-trainer-live]")).not_to_have_text("")
    return page.inner_text("[data-trainer-live]")


def go_to(page: Page, n: int) -> None:
    """From the scenario on screen to scenario n, by ArrowRight / ArrowLeft."""
    now = shown(page)[0]
    key = "ArrowRight" if n > now else "ArrowLeft"
    for _ in range(abs(n - now)):
        page.keyboard.press(key)
    assert shown(page) == [n]


def section_texts(outcome: Any, heading: str) -> list[str]:
    """The items under the outcome's heading that reads exactly `heading`, in order."""
    title = outcome.page.locator("h3", has_text=re.compile(f"^{re.escape(heading)}$"))
    part = outcome.locator(".lp-trainer-part").filter(has=title)
    return part.locator(":scope > ul > li, :scope > ol > li").all_inner_texts()


def check_revealed(page: Page, n: int, expected: str) -> None:
    """The revealed outcome is the listed one, laid out as the rules' model, with the build-time
    explanation in the rules' own sentences."""
    s = SCENARIOS[n - 1]
    result = evaluate(s["tool"], s["answers"], DEFAULT_PROFILE, explain=True)
    model = outcome_sections(result, s["answers"], load_profile(DEFAULT_PROFILE), changes=True)
    section = page.locator(f"#scenario-{n}")
    outcome = section.locator(".lp-trainer-outcome")
    assert outcome.is_visible()
    assert section.locator("[data-trainer-reveal]").get_attribute("aria-expanded") == "true"
    panel = outcome.locator("[data-recommendation]")
    assert panel.get_attribute("data-recommendation") == expected == result["recommendation"]
    assert panel.locator("h3").inner_text() == result["title"]
    assert ("Act now" in (panel.locator(".lp-panel-kicker").text_content() or "")) == result["urgent"]
    # The model's sections after the outcome, in its order and its words (the answers are
    # above, asked first).
    parts = [m for m in model[1:] if m.heading != ANSWERS]
    assert outcome.locator(".lp-trainer-part > h3").all_inner_texts() == [m.heading for m in parts]
    shown = {m.heading: section_texts(outcome, m.heading) for m in parts}
    for m in parts:
        assert shown[m.heading] == [i.text for i in m.items], m.heading
    # Why not and what would change it, in the rules' plain sentences (RULES.md, `sentence`);
    # the reasons and every action, as evaluate gives them.
    for listed in (result["why_not"], result["what_would_change"]):
        assert not listed or [e["sentence"] for e in listed] in shown.values()
    assert result["reasons"] in shown.values()
    actions = next(texts for texts in shown.values() if len(texts) == len(result["actions"])
                   and all(t.startswith(a["text"]) for t, a in zip(texts, result["actions"])))
    assert actions
    # Now the answers the outcome did not need are marked, as in the record.
    marks = section.locator(".lp-trainer-answers .lp-trainer-mark")
    unused = [q for q in s["answers"] if q not in result["relevant"]]
    assert marks.count() == len(unused)
    for i in range(len(unused)):
        assert marks.nth(i).is_visible() and NOT_NEEDED in marks.nth(i).inner_text()
    teach = outcome.locator(".lp-trainer-teach")
    if s.get("teach"):
        assert teach.is_visible() and s["teach"] in teach.inner_text()
    else:
        assert teach.count() == 0


def test_by_keyboard_alone_next_previous_predict_reveal(page: Page, site: Site) -> None:
    expected = listed_outcomes(page, site)
    assert len(expected) == TOTAL
    page.goto(site.url("trainer/"))
    assert shown(page) == [1]
    # One Previous and Next at the top of the scenario shown and one at its end (the page has
    # them once, trainer.js moves them there), disabled at the ends only.
    expect(page.locator("#scenario-1 > .lp-trainer-nav")).to_have_count(2)
    expect(page.locator("[data-trainer-prev]:disabled")).to_have_count(2)
    expect(page.locator("[data-trainer-next]:enabled")).to_have_count(2)

    # Next and previous, as a presentation clicker sends them; focus follows to the heading.
    page.keyboard.press("ArrowRight")
    assert shown(page) == [2] and focused(page) == "lp-trainer-title-2"
    assert page.evaluate("location.hash") == "#scenario-2"
    assert "Scenario 2 of" in live_text(page)
    page.keyboard.press("PageDown")
    assert shown(page) == [3] and focused(page) == "lp-trainer-title-3"
    page.keyboard.press("ArrowLeft")
    assert shown(page) == [2]
    page.keyboard.press("PageUp")
    assert shown(page) == [1] and focused(page) == "lp-trainer-title-1"
    assert "Scenario 1 of" in live_text(page)

    # Scenario 1 (urgent): the room predicts by number key, reveal with R.
    page.keyboard.press("1")
    assert page.locator("#scenario-1 .lp-trainer-choice button").first.get_attribute("aria-pressed") == "true"
    assert not page.locator("#scenario-1 .lp-trainer-outcome").is_visible()
    page.keyboard.press("r")
    check_revealed(page, 1, expected[1])
    verdict = page.locator("#scenario-1 [data-trainer-verdict]")
    assert verdict.get_attribute("data-verdict") == "right" and "Right" in verdict.inner_text()

    # Scenario 9 (practitioners listed, a trainer's note): a wrong prediction, reveal by Enter.
    go_to(page, 9)
    assert not page.locator("#scenario-9 .lp-trainer-outcome").is_visible()
    assert not page.locator("#scenario-9 .lp-trainer-teach").is_visible()  # only after the reveal
    page.keyboard.press("2")
    pressed = page.eval_on_selector_all("#scenario-9 .lp-trainer-choice button",
                                        "els => els.map(e => e.getAttribute('aria-pressed'))")
    assert pressed.count("true") == 1 and pressed[1] == "true"
    tab_to(page, "#scenario-9 [data-trainer-reveal]")
    page.keyboard.press("Enter")
    check_revealed(page, 9, expected[9])
    assert page.locator("#scenario-9 [data-trainer-verdict]").get_attribute("data-verdict") == "wrong"
    answer = page.locator("#scenario-9 .lp-trainer-choice--answer")
    assert answer.get_attribute("data-choice") == expected[9]

    # Scenario 13 (change-lead, many ways to change it): by the Next button, reveal by Space.
    page.keyboard.press("Shift+Tab")  # back from the reveal button into the page
    tab_to(page, ".lp-trainer-nav--end [data-trainer-next]")
    page.keyboard.press("Enter")
    assert shown(page) == [10] and focused(page) == "lp-trainer-title-10"
    go_to(page, 13)
    tab_to(page, "#scenario-13 [data-trainer-reveal]")
    page.keyboard.press("Space")
    check_revealed(page, 13, expected[13])
    assert page.locator("#scenario-13 [data-trainer-verdict]").get_attribute("data-verdict") == "none"
    page.keyboard.press("Space")  # the button hides it again
    assert not page.locator("#scenario-13 .lp-trainer-outcome").is_visible()

    # Scenario 21 (consent-withdrawn) and the last: a revealed scenario stays revealed.
    go_to(page, 21)
    page.keyboard.press("R")
    check_revealed(page, 21, expected[21])
    go_to(page, TOTAL)
    expect(page.locator(f"#scenario-{TOTAL} > .lp-trainer-nav")).to_have_count(2)
    expect(page.locator("[data-trainer-next]:disabled")).to_have_count(2)
    expect(page.locator("[data-trainer-prev]:enabled")).to_have_count(2)
    page.keyboard.press("ArrowRight")  # nothing after the last
    assert shown(page) == [TOTAL]
    page.keyboard.press("r")
    check_revealed(page, TOTAL, expected[TOTAL])
    go_to(page, 9)
    check_revealed(page, 9, expected[9])


def test_unneeded_answers_are_marked_only_once_revealed(page: Page, site: Site) -> None:
    """The record marks an answer the outcome did not need; before the reveal that would give
    part of the outcome away, so the trainer's view shows the mark only after it."""
    n, s = next((i, s) for i, s in enumerate(SCENARIOS, 1)
                if set(s["answers"]) - set(evaluate(s["tool"], s["answers"])["relevant"]))
    page.goto(site.url(f"trainer/#scenario-{n}"))
    assert shown(page) == [n]
    marks = page.locator(f"#scenario-{n} .lp-trainer-answers .lp-trainer-mark")
    assert marks.count() >= 1
    expect(marks.first).to_be_hidden()
    page.keyboard.press("r")
    expect(marks.first).to_be_visible()


def test_every_scenario_reveals_its_listed_outcome(page: Page, site: Site) -> None:
    expected = listed_outcomes(page, site)
    page.goto(site.url("trainer/"))
    for n in range(1, TOTAL + 1):
        assert shown(page) == [n]
        page.keyboard.press("r")
        check_revealed(page, n, expected[n])
        page.keyboard.press("PageDown")


def test_theme_page_keys_do_not_leave_the_session(page: Page, site: Site) -> None:
    page.goto(site.url("trainer/#scenario-5"))
    page.keyboard.press("n")
    assert shown(page) == [6]
    page.keyboard.press("p")
    page.keyboard.press(".")
    page.keyboard.press(",")
    assert shown(page) == [5] and page.url.endswith("/trainer/#scenario-5")


@pytest.mark.parametrize("n", [1, 13, TOTAL])
def test_a_stable_link_opens_its_scenario(page: Page, site: Site, n: int) -> None:
    page.goto(site.url("scenarios/"))
    title = page.inner_text(f"#scenario-{n} h2")
    page.goto(site.url(f"trainer/#scenario-{n}"))
    assert shown(page) == [n]
    assert page.inner_text(f"#scenario-{n} h2") == title
    box = page.locator(f"#scenario-{n} h2").bounding_box()
    assert box is not None and 0 < box["y"] < 800, "the scenario is on screen"
    page.evaluate("location.hash = '#scenario-4'")  # a link followed within the page
    expect(page.locator("#scenario-4:not([hidden])")).to_have_count(1)
    assert shown(page) == [4]


def test_an_unknown_scenario_number_opens_the_first(page: Page, site: Site) -> None:
    page.goto(site.url(f"trainer/#scenario-{TOTAL + 1}"))
    assert shown(page) == [1]


def test_without_javascript_every_scenario_is_shown_with_its_outcome_to_reveal(browser: Browser, site: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    expected = listed_outcomes(page, site)
    page.goto(site.url("trainer/"))
    sections = page.locator(".lp-trainer-scenario")
    assert sections.count() == TOTAL
    assert shown(page) == list(range(1, TOTAL + 1))
    assert not page.locator("[data-trainer-reveal]").first.is_visible()
    assert not page.locator(".lp-trainer-nav").first.is_visible()
    for n in (1, 9, 21):
        details = page.locator(f"#scenario-{n} details.lp-trainer-reveal")
        assert details.locator("summary").inner_text() == "Reveal the outcome"
        panel = details.locator("[data-recommendation]")
        assert not panel.is_visible()
        details.locator("summary").click()
        assert panel.is_visible()
        assert panel.get_attribute("data-recommendation") == expected[n]
        # The possible outcomes are still listed, numbered, for the room to call out.
        assert page.locator(f"#scenario-{n} .lp-trainer-choice").count() >= 7
    context.close()


def test_without_the_python_runtime(page: Page, site: Site, context: BrowserContext) -> None:
    asked: list[str] = []
    context.route("**/pyodide/**", lambda route: (asked.append(route.request.url), route.abort()))
    expected = listed_outcomes(page, site)
    page.goto(site.url("trainer/#scenario-14"))
    page.keyboard.press("4")
    page.keyboard.press("r")
    check_revealed(page, 14, expected[14])
    page.keyboard.press("ArrowRight")
    page.keyboard.press("r")
    check_revealed(page, 15, expected[15])
    assert not asked, asked
    assert not [u for u in page.evaluate("performance.getEntries().map(e => e.name)") if "pyodide" in u]


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)], ids=["1280x800", "390x844"])
def test_large_type_and_no_horizontal_scroll(page: Page, site: Site, size: tuple[int, int]) -> None:
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site.url("trainer/"))
    sizes: dict[str, Any] = page.evaluate("""() => ({
        root: parseFloat(getComputedStyle(document.documentElement).fontSize),
        story: parseFloat(getComputedStyle(document.querySelector('#scenario-1 .lp-trainer-story')).fontSize),
    })""")
    if width >= 1280:
        assert sizes["story"] >= 1.5 * sizes["root"], sizes
    else:
        assert sizes["story"] >= sizes["root"], sizes
    for n in range(1, TOTAL + 1):
        for state in ("before", "after"):
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, (n, state, overflow)
            page.keyboard.press("r")
        page.keyboard.press("ArrowRight")


def test_the_other_authoritys_trainer_uses_its_own_terms(page: Page, other_site: Site) -> None:
    other = next(p for p in PROFILE_IDS if ROOT / site_folder(p) == other_site.folder)
    front_door = load_profile(DEFAULT_PROFILE).terms()["front_door"].removeprefix("the ")
    assert front_door not in load_profile(other).terms()["front_door"]
    n = next(i for i, s in enumerate(SCENARIOS, 1) if evaluate(s["tool"], s["answers"])["recommendation"] == "await_hub_decision")
    page.goto(other_site.url(f"trainer/#scenario-{n}"))
    page.keyboard.press("r")
    title = page.inner_text(f"#scenario-{n} .lp-panel h3")
    assert title == evaluate(SCENARIOS[n - 1]["tool"], SCENARIOS[n - 1]["answers"], other)["title"]
    assert front_door not in page.inner_text(f"#scenario-{n}")
