"""The checklist's flow never moves under the user (issues 12 and 21), on a phone by touch
(390x844) and on a desktop by keyboard alone (1280x800): one question at a time, taking effect on
Continue (or Enter), arrow keys only moving between options, nothing shown and then withdrawn,
radios beside their labels, answers kept when the rules stop needing them, focus moving on to the
next question, Change returning to a question with its answer, practitioners evaluated only when
asked, errors in plain words on their fields, one history entry per answer, a labelled what-if that
leaves the user's answers and record alone, Start again without reloading, and the load's
progress in words with a last-resort watchdog.

Screenshots of each state go to /tmp/shots-b1/ for a person to look at.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.perf.conftest import poll

from .conftest import (READY_TIMEOUT_MS, Site, add_practitioner, fill_practitioner, use_practitioners,
                       wait_for_outcome, wait_ready, wait_scroll_at_rest, wait_settled, without_python)
from .devices import context, desktop_page, device  # noqa: F401  (fixtures)

SHOTS = Path(os.environ.get("LP_SHOTS", "/tmp/shots-b1"))
WHO_BASE = ("tools/who-should-lead/?v=2&harm=no&safety=no&social_care=none&existing_plan=no&services=several"
            "&consent=agreed&young_person_can_consent=yes")


def shot(page: Page, device: str, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{device}.png"))


def activate(page: Page, target: Locator, device: str) -> None:
    """Press a link or button as the device's user would: a tap, or Enter with it focused."""
    if device == "phone":
        target.tap()
    else:
        target.focus()
        page.keyboard.press("Enter")


def answer(page: Page, device: str, question: str, option: str) -> None:
    """Tap the option's label and then Continue on the phone; on the desktop, Tab into the group,
    press Space on the option (never arrow keys: those are a test of their own), then Enter."""
    if device == "phone":
        page.tap(f'label[for="{question}-{option}"]')
        page.tap(f"#q-{question} [data-continue]")
        return
    page.focus(f'#q-{question} legend')
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == question:
            break
    # Tab lands on the group's checked radio, or its first: move there without arrow keys.
    page.evaluate(f"document.getElementById('{question}-{option}').focus()")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")


def open_practitioner_editor(page: Page, site: Site) -> None:
    """Who-should-lead answered up to its list of practitioners, with the rules ready."""
    page.goto(site.url(WHO_BASE))
    page.wait_for_selector("#q-candidates:not([hidden])", timeout=READY_TIMEOUT_MS)
    wait_ready(page)


def focused(page: Page) -> str:
    """What has focus, as a short description."""
    return page.evaluate("""() => { const a = document.activeElement;
        return a === document.body ? 'body' : a.tagName.toLowerCase() + (a.id ? '#' + a.id : '')
          + (a.closest('fieldset') ? ' in ' + a.closest('fieldset').id : ''); }""")


def test_radios_sit_beside_their_labels_with_40px_targets(page: Page, site: Site, device: str) -> None:
    """Layout alone, as the page draws it at once from the compiled rules: Python is held
    (``without_python``), which each of these loads otherwise began starting, seconds of CPU."""
    without_python(page)
    widths = [390, 320] if device == "phone" else [1280]
    for width in widths:
        page.set_viewport_size({"width": width, "height": 844 if device == "phone" else 800})
        page.goto(site.url("tools/change-lead/?v=2&harm=no&safety=no"))
        page.wait_for_selector("#q-event:not([hidden])", timeout=READY_TIMEOUT_MS)
        boxes = page.eval_on_selector_all(
            "#q-event .lp-radio, #q-harm .lp-radio",
            """rows => rows.map(r => { const i = r.querySelector('input').getBoundingClientRect();
                const l = r.querySelector('label').getBoundingClientRect();
                return {id: r.querySelector('input').id, il: i.left, ir: i.right, it: i.top, ib: i.bottom,
                        ll: l.left, lt: l.top, lh: l.height, box: i.height + 12}; })""")
        assert len(boxes) > 10
        for b in boxes:
            assert b["ll"] >= b["ir"], f"{b['id']} at {width}px: the label is not beside its radio"
            assert b["lt"] < b["ib"], f"{b['id']} at {width}px: the label starts below its radio"
            assert b["lh"] >= 40 and b["box"] >= 40, f"{b['id']} at {width}px: target under 40px"
        shot(page, device, f"radios-{width}")


def test_after_an_answer_focus_moves_to_the_next_question(page: Page, site: Site, device: str) -> None:
    page.goto(site.url("tools/change-lead/"))
    wait_ready(page)
    expect(page.locator("#q-harm [data-progress]")).to_have_text(re.compile(r"^Question 1 of (up to )?8$"))
    answer(page, device, "harm", "no")
    answer(page, device, "safety", "no")
    expect(page.locator("#q-event legend")).to_be_focused()
    expect(page.locator("#q-event [data-progress]")).to_have_text(re.compile(r"^Question 3 of up to [3-8]$"))
    assert page.locator("#q-harm [data-progress]").inner_text() == ""
    # The legend is scrolled to the top of the viewport, below the sticky header.
    header = page.eval_on_selector(".md-header", "h => h.getBoundingClientRect().bottom")
    wait_scroll_at_rest(page)
    top = page.eval_on_selector("#q-event legend", "l => l.getBoundingClientRect().top")
    expect_top = page.viewport_size["height"] / 3  # type: ignore[index]
    assert header <= top < expect_top, (header, top)
    shot(page, device, "next-question")


def test_answers_no_longer_needed_are_kept_and_marked(page: Page, site: Site, device: str) -> None:
    page.goto(site.url("tools/change-lead/?v=2&harm=no&safety=no&event=stepped_down&family_agrees=yes&successor=yes"))
    page.wait_for_selector("#q-consent_covers_successor:not([hidden])", timeout=READY_TIMEOUT_MS)
    answer(page, device, "event", "absence_short")
    assert wait_for_outcome(page, "cover_absence") == "cover_absence"
    for qid in ("family_agrees", "successor"):
        fieldset = page.locator(f"#q-{qid}")
        expect(fieldset).to_be_visible()
        expect(fieldset.locator(".lp-not-needed")).to_contain_text("Not needed for this outcome")
        expect(fieldset.locator(".lp-not-needed")).to_contain_text("Yes")
        row = page.locator(f'.lp-summary-row[data-question="{qid}"]')
        expect(row).to_contain_text("Not needed for this outcome")
    assert page.locator(".lp-summary-row[data-not-needed]").count() == 2
    assert focused(page) != "body"
    # Change opens the question again, with its answer.
    page.locator("#q-successor [data-expand]").click()
    expect(page.locator("#successor-yes")).to_be_focused()
    shot(page, device, "not-needed")


def test_practitioners_are_evaluated_only_when_asked(page: Page, site: Site, device: str) -> None:
    open_practitioner_editor(page, site)
    page.click("[data-add-candidate]")
    values = ("teacher", "good", "agrees", "yes", "yes", "no")
    fill_practitioner(page, values[:-1])
    if device == "desktop":
        # The keyboard user of the issue: on the last question, the arrow key passes "Yes" on
        # the way to "No"; the practitioner is complete at "Yes", and nothing may happen until
        # they say so.
        page.focus("#candidate-leaving_soon-yes")
        page.keyboard.press("Space")
        wait_settled(page)  # an evaluation, were one to run, would have shown its outcome
        assert page.locator("[data-recommendation]").count() == 0
        page.keyboard.press("ArrowRight")
        expect(page.locator("#candidate-leaving_soon-no")).to_be_focused()
        page.keyboard.press("Enter")  # saves the practitioner: a card, still no outcome
    else:
        fill_practitioner(page, values)
        page.click("[data-save-candidate]")
    expect(page.locator("#q-candidates .lp-summary-card")).to_have_count(1)
    wait_settled(page)  # an evaluation, were one to run, would have shown its outcome
    assert page.locator("[data-recommendation]").count() == 0
    add_practitioner(page, ("gp", "good", "preferred", "no", "yes", "no"))
    assert page.locator("[data-recommendation]").count() == 0
    use_practitioners(page)
    assert wait_for_outcome(page) == "agree_at_taf"
    expect(page.locator(".lp-candidate-results > li")).to_have_count(2)
    leaving = page.locator("#q-candidates .lp-summary-card >> nth=0").locator(".lp-summary-row", has_text="Leaving soon")
    expect(leaving.locator("dd")).to_have_text("No")
    shot(page, device, "practitioners")


def test_an_outcome_from_practitioners_since_changed_is_withdrawn(page: Page, site: Site,
                                                                  device: str) -> None:
    """Practitioners are evaluated only when asked, so an outcome worked out from them must not
    stay on screen (to be copied or acted on) once they have changed: it gives way to a line
    saying why, until "Use these practitioners" works it out again."""
    row = "teacher.good.agrees.yes.yes.no"
    page.goto(site.url(f"{WHO_BASE}&candidates={row}~gp.good.preferred.yes.no.no"))
    assert wait_for_outcome(page) == "agree_at_taf"
    page.click("[data-change-candidate] >> nth=1")
    fill_practitioner(page, ("gp", "good", "preferred", "yes", "yes"))
    page.click("[data-save-candidate]")
    expect(page.locator("[data-recommendation]")).to_have_count(0)
    expect(page.locator(".lp-outcome-pending")).to_have_text(re.compile("changed the practitioners"))
    use_practitioners(page)
    assert wait_for_outcome(page) == "agree_at_taf"
    expect(page.locator(".lp-outcome-pending")).to_have_count(0)
    page.click("[data-remove-candidate] >> nth=0")
    expect(page.locator("[data-recommendation]")).to_have_count(0)
    expect(page.locator(".lp-outcome-pending")).to_be_visible()


def test_use_these_practitioners_with_nobody_listed_is_an_error(page: Page, site: Site, device: str) -> None:
    open_practitioner_editor(page, site)
    page.click("[data-save-candidates]")
    summary = page.locator(".lp-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Add at least one practitioner who works with the family")
    expect(page.locator("#candidates-error")).to_have_text("Add at least one practitioner who works with the family")
    expect(summary).to_be_focused()
    wait_settled(page)
    assert page.locator("[data-recommendation]").count() == 0
    shot(page, device, "nobody-listed")


def test_an_incomplete_practitioner_gets_one_message_per_field(page: Page, site: Site, device: str) -> None:
    open_practitioner_editor(page, site)
    page.click("[data-add-candidate]")
    page.click('label[for="candidate-role-teacher"]')
    page.click('label[for="candidate-capacity-yes"]')
    page.click("[data-save-candidate]")
    summary = page.locator(".lp-error-summary")
    expect(summary).to_be_focused()
    links = summary.locator("a")
    expect(links).to_have_count(4)
    texts = links.all_inner_texts()
    assert texts[0] == "Select how practitioner 1's relationship with the family is"
    assert not any(re.search(r"answers\.|_|\{n\}|\[\d", t) for t in texts), texts
    # Each message is on its field, tied to it for screen readers, and its link goes there.
    group = page.locator("fieldset#candidate-relationship")
    assert group.get_attribute("aria-describedby") == "candidate-relationship-error"
    expect(page.locator("#candidate-relationship-error")).to_have_text(texts[0])
    activate(page, links.first, device)
    expect(page.locator("#candidate-relationship-good")).to_be_focused()
    shot(page, device, "practitioner-errors")
    assert page.locator("[data-recommendation]").count() == 0


def test_arrow_keys_only_move_between_options_and_continue_makes_one_entry(desktop_page: Page,
                                                                         site: Site) -> None:
    """Keyboard only (issue 21): arrowing Yes, No, Yes on the harm question once showed question
    2 and then the Act-now outcome while focus stayed on the radio. Arrow keys now only move
    between the options: nothing else is shown, nothing is written to the history; the choice
    takes effect on Enter, as one history entry, and focus moves to the next question."""
    page = desktop_page
    page.goto(site.url("tools/change-lead/"))
    wait_ready(page)
    before = page.evaluate("history.length")
    page.focus("#harm-yes")
    for key in ("ArrowDown", "ArrowUp", "ArrowDown", "ArrowUp"):
        page.keyboard.press(key)
    wait_settled(page)  # a step taken as an answer, were it to be, would have shown its effect
    assert page.locator("#q-safety").is_hidden()
    assert page.locator("[data-recommendation]").count() == 0
    assert page.evaluate("history.length") == before
    assert "harm=" not in page.url
    assert focused(page).startswith("input") and "q-harm" in focused(page)
    page.keyboard.press("ArrowDown")  # "No"
    assert page.is_checked("#harm-no")
    page.keyboard.press("Enter")
    expect(page.locator("#q-safety legend")).to_be_focused()
    wait_settled(page)
    assert page.evaluate("history.length") - before == 1
    assert "harm=no" in page.url


def test_continue_moves_focus_to_the_next_legend_and_an_urgent_answer_to_the_outcome(
        page: Page, site: Site, device: str) -> None:
    page.goto(site.url("tools/who-should-lead/"))
    wait_ready(page)
    expect(page.locator("#q-harm [data-continue]")).to_be_visible()
    answer(page, device, "harm", "no")
    expect(page.locator("#q-safety legend")).to_be_focused()
    expect(page.locator("#q-safety [data-continue]")).to_be_visible()
    wait_scroll_at_rest(page)
    shot(page, device, "question-with-continue")
    expect(page.locator("#q-harm [data-continue]")).to_be_hidden()
    answer(page, device, "safety", "no")
    expect(page.locator("#q-social_care legend")).to_be_focused()
    # An urgent answer: the urgent outcome at once, focus on its heading, nothing else asked.
    page.goto(site.url("tools/change-lead/"))
    wait_settled(page)
    answer(page, device, "harm", "yes")
    expect(page.locator("#lp-outcome-title")).to_be_focused()
    expect(page.locator(".lp-panel--urgent")).to_be_visible()
    assert page.locator("#q-safety").is_hidden()


def test_a_focus_move_made_before_the_pages_own_is_kept(page: Page, site: Site) -> None:
    """The page moves focus a frame after an answer; a user who has already moved it (a quick
    Tab on a slow phone) keeps it there. Both happen in one task here, so the page's frame is
    always after the user's move: the race a keyboard user can win, every time."""
    page.goto(site.url("tools/who-should-lead/"))
    wait_ready(page)
    page.check("#harm-no")
    page.evaluate("""() => {
        document.querySelector('#q-harm [data-continue]').click();
        document.getElementById('safety-no').focus();
    }""")
    wait_settled(page)  # the page's focus frame has run
    assert page.evaluate("document.activeElement.id") == "safety-no"
    # Without the user's move, the same answer takes focus to the next legend.
    page.check("#safety-no")
    page.click("#q-safety [data-continue]")
    expect(page.locator("#q-social_care legend")).to_be_focused()


def test_continue_with_nothing_chosen_is_an_error(page: Page, site: Site, device: str) -> None:
    page.goto(site.url("tools/change-lead/"))
    wait_ready(page)
    button = page.locator("#q-harm [data-continue]")
    activate(page, button, device)
    summary = page.locator(".lp-error-summary")
    expect(summary).to_be_focused()
    message = page.locator("#harm-error")
    expect(message).to_be_visible()
    expect(summary.locator("a")).to_have_text(message.inner_text())
    assert page.get_attribute("#q-harm", "aria-describedby") and "harm-error" in (
        page.get_attribute("#q-harm", "aria-describedby") or "")
    assert page.locator("#q-safety").is_hidden()
    # The error goes with the answer.
    answer(page, device, "harm", "no")
    expect(summary).to_be_hidden()
    expect(page.locator("#q-safety legend")).to_be_focused()


# Every question fieldset ever shown, and any shown and then hidden or folded away ("Not
# needed"), recorded from the first mutation the page makes.
WATCH_QUESTIONS = """
window.__shown = []; window.__withdrawn = [];
new MutationObserver((records) => {
  for (const r of records) {
    const fs = r.target;
    if (!(fs instanceof HTMLFieldSetElement) || !fs.classList.contains("lp-question")) continue;
    const visible = !fs.hidden && !fs.classList.contains("lp-question--collapsed");
    if (visible && !window.__shown.includes(fs.id)) window.__shown.push(fs.id);
    else if (!visible && window.__shown.includes(fs.id)) window.__withdrawn.push(fs.id);
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["hidden", "class"]});
"""


def test_nothing_is_shown_and_then_withdrawn(desktop_page: Page, site: Site) -> None:
    """Keyboard only, through the options of each question (the harm question's "Yes" too) and
    on with Enter: every question that is ever shown stays shown (issue 21: a question appeared
    and collapsed at once as "Not needed")."""
    page = desktop_page
    page.add_init_script(WATCH_QUESTIONS)
    page.goto(site.url("tools/change-lead/"))
    wait_ready(page)
    for question, option in (("harm", "no"), ("safety", "no"), ("event", "absence_short")):
        if question != "harm":
            # Enter moved focus to this question's legend (a frame after the answer's effect):
            # wait for it, or the page's move would take focus back from the options below.
            expect(page.locator(f"#q-{question} legend")).to_be_focused()
        # From the last option, ArrowDown wraps to the first and steps through each one (the
        # harm question's "Yes" first) to the one wanted.
        page.focus(f"#q-{question} .lp-radio:last-child input")
        for _ in range(12):
            page.keyboard.press("ArrowDown")
            if page.is_checked(f"#{question}-{option}"):
                break
        assert page.is_checked(f"#{question}-{option}")
        page.keyboard.press("Enter")
    assert wait_for_outcome(page, "cover_absence") == "cover_absence"
    wait_settled(page)
    shown = page.evaluate("window.__shown")
    assert shown == ["q-safety", "q-event"], shown  # the first question shows from the start
    assert page.evaluate("window.__withdrawn") == []


def test_change_returns_to_the_question_with_its_answer_kept(page: Page, site: Site, device: str) -> None:
    page.goto(site.url("tools/change-lead/?v=2&harm=no&safety=no&event=absence_short"))
    assert wait_for_outcome(page, "cover_absence") == "cover_absence"
    wait_ready(page)
    change = page.locator('.lp-summary-row[data-question="event"] a.lp-change')
    activate(page, change, device)
    expect(page.locator("#event-absence_short")).to_be_focused()
    assert page.is_checked("#event-absence_short")
    expect(page.locator("#q-event [data-continue]")).to_be_visible()
    # Nothing changes until the user continues: another choice, then Continue.
    answer(page, device, "event", "needs_met")
    assert wait_for_outcome(page, "close_plan") == "close_plan"
    expect(page.locator("#lp-outcome-title")).to_be_focused()
    expect(page).to_have_url(re.compile("event=needs_met"))  # written just after the drawing


WHAT_IF_USER = ("tools/consent-withdrawn/?v=2&harm=no&safety=no&who=parent_carer&competence=not_competent"
                "&other_parent_agrees=no&scope=all_early_help&escalation_risk=no&how=told_us&reason=other")


def copied_record(page: Page) -> str:
    """What "Copy for case notes" puts on the clipboard (emptied first, so an earlier copy
    cannot pass for this one)."""
    page.evaluate("navigator.clipboard.writeText('')")
    page.click("[data-copy-record]")
    text: str = poll(page, "navigator.clipboard.readText()", timeout_s=10)
    return text


def test_what_if_is_labelled_and_keeps_the_users_answers_and_record(page: Page, context: BrowserContext,
                                                                     site: Site, device: str) -> None:
    """Issue 21: "What would change the outcome?" replaced the user's answers with made-up ones
    and said nothing, and Copy then copied them. An alternative now opens a labelled what-if;
    the address, Copy and Download stay the user's; "Back to your answers" restores them."""
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.origin)
    page.goto(site.url(WHAT_IF_USER))
    assert wait_for_outcome(page) == "continue_universal_support"
    wait_ready(page)
    mine = page.url
    record = copied_record(page)  # the user's own record, as Copy gives it
    assert "Outcome: " in record and "All early help" in record
    page.locator(".lp-what-would-change summary").click()
    page.locator(".lp-what-would-change [data-change='scope=one_service'] a").click()
    assert wait_for_outcome(page, "continue_agreed_parts") == "continue_agreed_parts"
    notice = page.locator(".lp-what-if")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("You are looking at a what-if:")
    expect(notice).to_contain_text("“What is declined” were “One service or part of the plan”")
    expect(page.locator(".lp-what-if-text")).to_be_focused()
    wait_settled(page)  # Python's full outcome for the what-if has arrived
    assert page.url == mine, "the address (the share link) keeps the user's answers"
    assert page.is_checked("#scope-all_early_help"), "the form keeps the user's answers"
    shot(page, device, "what-if")
    assert copied_record(page) == record
    with page.expect_download() as info:
        page.click("text=Download record")
    assert open(info.value.path(), encoding="utf-8").read() == record
    back = page.locator("[data-what-if-back]")
    activate(page, back, device)
    assert wait_for_outcome(page, "continue_universal_support") == "continue_universal_support"
    expect(notice).to_be_hidden()
    expect(page.locator(".lp-what-would-change [data-change='scope=one_service'] a")).to_be_focused()
    assert page.url == mine
    # The what-if has its own history entry at the user's address: Forward opens it again,
    # Back returns to the user's answers.
    page.go_forward()
    expect(notice).to_be_visible()
    assert wait_for_outcome(page, "continue_agreed_parts") == "continue_agreed_parts"
    page.go_back()
    expect(notice).to_be_hidden()
    assert wait_for_outcome(page, "continue_universal_support") == "continue_universal_support"
    assert page.url == mine


def test_start_again_clears_answers_without_reloading(page: Page, site: Site, device: str) -> None:
    page.goto(site.url("tools/change-lead/?v=2&harm=no&safety=no&event=absence_short"))
    assert wait_for_outcome(page) == "cover_absence"
    page.evaluate("window.__samePage = true")
    start = page.locator("[data-start-again]")
    activate(page, start, device)
    expect(page.locator("#q-harm legend")).to_be_focused()
    assert page.evaluate("window.__samePage") is True, "the page was reloaded"
    assert page.get_attribute(".lp-status", "data-state") == "ready"
    assert page.locator("[data-recommendation]").count() == 0
    assert not page.is_checked("#harm-no")
    assert page.locator("#q-event").is_hidden()
    assert page.url.endswith("/tools/change-lead/")
    # The same running rules answer the next question.
    answer(page, device, "harm", "yes")
    assert wait_for_outcome(page, "safeguarding_first") == "safeguarding_first"


FAKE_WORKER = """
self.onmessage = (event) => {
  if (event.data.type !== "init") return;
  self.postMessage({type: "status", state: "loading", message: "Starting Python…", loaded: null, total: null});
  self.postMessage({type: "status", state: "loading",
                    message: "Downloading the checklist's rules: 2.1 of 4.0 MB", loaded: 2100000, total: 4000000});
  // ...and then nothing at all: the page's watchdog must give up, in plain words.
};
"""


@pytest.mark.cold_start  # page.clock is its context's, and cannot be uninstalled
def test_load_progress_in_words_and_the_watchdog(page: Page, site: Site, device: str) -> None:
    page.clock.install()
    page.route("**/rules-worker.js", lambda route: route.fulfill(
        status=200, body=FAKE_WORKER, headers={"content-type": "text/javascript"}))
    page.goto(site.url("tools/change-lead/"))
    row = page.locator(".lp-progress-row")
    expect(row).to_be_visible()
    expect(row).to_contain_text("Downloading the checklist's rules: 2.1 of 4.0 MB")
    assert page.eval_on_selector(".lp-progress", "p => [p.value, p.max]") == [2100000, 4000000]
    expect(page.locator(".lp-status")).to_have_text("Downloading the checklist's rules")
    shot(page, device, "loading")
    # A slow network is not a failure: still loading after 45 s with no fixed total timeout...
    page.clock.run_for(45_000)
    assert page.get_attribute(".lp-status", "data-state") == "loading"
    # ...but a worker silent for a minute is.
    page.clock.run_for(20_000)
    expect(page.locator('.lp-status[data-state="failed"]')).to_contain_text("nothing has arrived")
    expect(page.locator("[data-retry]")).to_be_visible()
    expect(page.locator(".lp-status a[href='#decision-table']")).to_be_visible()
    assert page.locator("#decision-table").get_attribute("open") is not None
    # The checklist still works without Python: the rules' next question, then the outcome
    # and what to do now from the compiled rules, with one line on what needs the full version.
    answer(page, device, "harm", "no")
    expect(page.locator("#q-safety")).to_be_visible()
    answer(page, device, "safety", "no")
    answer(page, device, "event", "needs_met")
    expect(page.locator(".lp-panel[data-decided]")).to_be_visible()
    expect(page.locator(".lp-do-now li").first).to_be_visible()
    expect(page.locator(".lp-full-pending")).to_contain_text("need the checklist's full version")
    shot(page, device, "load-failed")
