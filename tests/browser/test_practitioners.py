"""Who-should-lead's practitioners in GOV.UK's add-another pattern (issue 21, item 6): one
practitioner's questions at a time, as radios (the yes/no and short choices, never a "Choose…"
select); once saved, a summary card per practitioner ("Practitioner 1: Teacher", its answers,
Change and Remove naming the practitioner); at most 8; a share link opens as cards, not as open
editors; usable by keyboard alone and at 390 px.

The oracle is the contract: the rules' schema (lp_rules.schema: each field's options and error
with {n}) and GOV.UK's pattern; the outcome a list gives is lp_rules.evaluate's.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from lp_rules import evaluate, schema

from .conftest import (PRACTITIONER_FIELDS, READY_TIMEOUT_MS, Site, add_practitioner, fill_practitioner, tab_to,
                       use_practitioners, wait_for_outcome, wait_ready)
from .devices import context, desktop_page, device, phone_page  # noqa: F401  (fixtures)

WHO = {"harm": "no", "safety": "no", "social_care": "none", "existing_plan": "no", "services": "several",
       "consent": "agreed", "young_person_can_consent": "yes"}
WHO_BASE = "tools/who-should-lead/#v=2&" + "&".join(f"{k}={v}" for k, v in WHO.items())
TEACHER = ("teacher", "good", "agrees", "yes", "yes", "no")
GP = ("gp", "good", "preferred", "no", "yes", "no")
# Eight practitioners, the longest role labels among them (the narrowest screen's worst case).
EIGHT = (("family_wellbeing_practitioner", "neutral", "not_asked", "yes", "yes", "yes"),
         ("family_support_worker", "good", "agrees", "yes", "yes", "no"),
         ("health_visitor", "poor", "objects", "no", "no", "yes"),
         ("school_nurse", "good", "preferred", "yes", "no", "no"),
         ("social_worker", "neutral", "agrees", "no", "yes", "no"),
         ("other", "good", "not_asked", "yes", "yes", "yes"),
         TEACHER, GP)


def fields() -> list[dict[str, Any]]:
    tool = next(t for t in schema()["tools"] if t["id"] == "who-should-lead")
    question = next(q for q in tool["questions"] if q["kind"] == "candidates")
    return list(question["fields"])


def label(field_id: str, value: str) -> str:
    field = next(f for f in fields() if f["id"] == field_id)
    return str(next(o["label"] for o in field["options"] if o["id"] == value))


def link_with(rows: tuple[tuple[str, ...], ...]) -> str:
    return WHO_BASE + "&candidates=" + "~".join(".".join(row) for row in rows)


def outcome_for(rows: tuple[tuple[str, ...], ...]) -> str:
    listed = [dict(zip(PRACTITIONER_FIELDS, row)) for row in rows]
    return str(evaluate("who-should-lead", {**WHO, "candidates": listed})["recommendation"])


def open_list(page: Page, site: Site, rows: tuple[tuple[str, ...], ...] = ()) -> None:
    page.goto(site.url(link_with(rows) if rows else WHO_BASE))
    page.wait_for_selector("#q-candidates:not([hidden])", timeout=READY_TIMEOUT_MS)
    wait_ready(page)


def test_each_question_is_radios_never_a_select(page: Page, site: Site, device: str) -> None:
    """The yes/no and short choices (and the nine roles) are radios in a fieldset with the
    question as its legend: no "Choose…" select anywhere in the editor."""
    open_list(page, site)
    page.click("[data-add-candidate]")
    editor = page.locator("#q-candidates [data-candidate-editor]")
    expect(editor).to_be_visible()
    assert page.locator("#q-candidates select").count() == 0
    for field in fields():
        group = page.locator(f'#q-candidates fieldset#candidate-{field["id"]}')
        expect(group.locator("legend")).to_have_text(field["text"])
        radios = group.locator("input[type=radio]")
        expect(radios).to_have_count(len(field["options"]))
        for option in field["options"]:
            expect(group.get_by_label(option["label"], exact=True)).to_have_attribute("type", "radio")
    # A yes/no question's two answers sit side by side (GOV.UK's inline radios): one row.
    tops = page.eval_on_selector_all("#candidate-capacity .lp-radio",
                                     "els => els.map(e => Math.round(e.getBoundingClientRect().top))")
    assert len(set(tops)) == 1, tops
    expect(page.locator("#candidate-editor-title")).to_have_text("Practitioner 1")


def test_a_saved_practitioner_is_a_summary_card_with_change_and_remove(page: Page, site: Site,
                                                                      device: str) -> None:
    open_list(page, site)
    add_practitioner(page, TEACHER)
    add_practitioner(page, GP)
    cards = page.locator("#q-candidates .lp-summary-card:visible")
    expect(cards).to_have_count(2)
    expect(page.locator("[data-candidate-editor]")).to_be_hidden()
    expect(cards.nth(0).locator("h3")).to_have_text("Practitioner 1: Teacher")
    expect(cards.nth(1).locator("h3")).to_have_text("Practitioner 2: GP")
    expect(cards.nth(1).locator("h3")).to_be_focused()  # after saving: the card just made
    # The card lists the other answers in the schema's words.
    for field, value in zip(PRACTITIONER_FIELDS[1:], GP[1:]):
        summary = next(f["summary"] for f in fields() if f["id"] == field)
        row = cards.nth(1).locator(".lp-summary-row", has_text=summary)
        expect(row.locator("dd")).to_have_text(label(field, value))
    # Change and Remove name the practitioner for a screen reader.
    for n, role in ((1, "Teacher"), (2, "GP")):
        for action in ("Change", "Remove"):
            expect(page.get_by_role("button", name=f"{action} practitioner {n}, {role}", exact=True)).to_have_count(1)
    expect(page.locator("[data-add-candidate]")).to_have_text("Add another practitioner")

    # Change: that practitioner's questions, in the card's place, with their answers kept.
    page.get_by_role("button", name="Change practitioner 1, Teacher").click()
    expect(page.locator("#candidate-editor-title")).to_have_text("Practitioner 1")
    expect(page.locator("#candidate-editor-title")).to_be_focused()
    for field, value in zip(PRACTITIONER_FIELDS, TEACHER):
        expect(page.locator(f"#candidate-{field}-{value}")).to_be_checked()
    # One thing at a time: until Save or Cancel, no other card's Change or Remove, no "Add
    # another", no "Use these practitioners".
    for name in ("Change practitioner 2, GP", "Remove practitioner 2, GP"):
        expect(page.get_by_role("button", name=name)).to_be_hidden()
    expect(page.locator("[data-add-candidate]")).to_be_hidden()
    expect(page.locator("[data-save-candidates]")).to_be_hidden()
    fill_practitioner(page, ("teacher", "neutral"))
    page.click("[data-save-candidate]")
    expect(cards).to_have_count(2)
    expect(cards.nth(0).locator(".lp-summary-row", has_text="Relationship")).to_contain_text("Neutral")
    expect(cards.nth(0).locator("h3")).to_be_focused()

    # Remove: the card goes, the others move up a number, and it is said where focus goes.
    page.get_by_role("button", name="Remove practitioner 1, Teacher").click()
    expect(cards).to_have_count(1)
    expect(cards.nth(0).locator("h3")).to_have_text("Practitioner 1: GP")
    notice = page.locator("[data-candidate-notice]")
    expect(notice).to_have_attribute("role", "status")
    expect(notice).to_contain_text("Practitioner 1: Teacher removed.")
    expect(notice).to_be_focused()

    use_practitioners(page)
    assert wait_for_outcome(page) == outcome_for((GP,))
    expect(page.locator(".lp-candidate-results > li")).to_have_count(1)


def test_saving_with_questions_unanswered_names_each_one(page: Page, site: Site, device: str) -> None:
    """GOV.UK's errors: a summary linking to each unanswered question, the message on the
    question's fieldset (the schema's error for that field, with the practitioner's number)."""
    open_list(page, site, (TEACHER,))
    page.click("[data-add-candidate]")
    fill_practitioner(page, ("gp", "good"))
    page.click("[data-save-candidate]")
    summary = page.locator(".lp-error-summary")
    expect(summary).to_be_focused()
    expected = [f["error"].replace("{n}", "2") for f in fields()[2:]]
    expect(summary.locator("a")).to_have_text(expected)
    box = page.locator("fieldset#candidate-family_view")
    expect(box.locator(".lp-field-error")).to_have_text(expected[0])
    assert "candidate-family_view-error" in (box.get_attribute("aria-describedby") or "")
    expect(page.locator('[data-field="family_view"]')).to_have_class("lp-field lp-field--error")
    summary.locator("a").first.click()
    expect(page.locator("#candidate-family_view-preferred")).to_be_focused()
    expect(page.locator("#q-candidates .lp-summary-card:visible")).to_have_count(1)  # nothing saved
    # Cancel: nothing saved, the errors gone, focus back to the button that opened the questions.
    page.click("[data-cancel-candidate]")
    expect(summary).to_be_hidden()
    expect(page.locator("[data-add-candidate]")).to_be_focused()
    expect(page.locator("#q-candidates .lp-summary-card:visible")).to_have_count(1)


def test_a_link_with_eight_practitioners_opens_eight_cards_and_takes_no_ninth(page: Page, site: Site,
                                                                            device: str) -> None:
    open_list(page, site, EIGHT)
    assert wait_for_outcome(page) == outcome_for(EIGHT)
    cards = page.locator("#q-candidates .lp-summary-card")
    expect(cards).to_have_count(8)
    for n, row in enumerate(EIGHT, start=1):
        expect(cards.nth(n - 1).locator("h3")).to_have_text(f"Practitioner {n}: {label('role', row[0])}")
    expect(page.locator("[data-candidate-editor]")).to_be_hidden()  # cards, not 8 open editors
    assert page.locator("#q-candidates input[type=radio]:visible").count() == 0
    # At the most, "Add another" gives way to a plain sentence.
    expect(page.locator("[data-add-candidate]")).to_be_hidden()
    expect(page.locator("[data-candidate-full]")).to_have_text(
        "You have listed 8 practitioners, the most this checklist takes. To add a different one, remove one first.")
    page.get_by_role("button", name="Remove practitioner 8, GP").click()
    expect(page.locator("[data-candidate-full]")).to_be_hidden()
    expect(page.locator("[data-add-candidate]")).to_have_text("Add another practitioner")
    add_practitioner(page, GP)
    expect(cards).to_have_count(8)
    use_practitioners(page)
    assert wait_for_outcome(page) == outcome_for(EIGHT)
    assert page.url.endswith("&candidates=" + "~".join(".".join(row) for row in EIGHT))


def test_eight_cards_fit_a_390px_screen(phone_page: Page, site: Site) -> None:
    page = phone_page
    open_list(page, site, EIGHT)
    wait_for_outcome(page)
    width = "document.documentElement.scrollWidth"
    assert page.evaluate(width) <= 390
    rights = page.eval_on_selector_all("#q-candidates .lp-summary-card, #q-candidates .lp-summary-card button",
                                       "els => els.map(e => e.getBoundingClientRect().right)")
    assert rights and max(rights) <= 390, max(rights)
    # A practitioner's questions opened with Change fit too.
    page.get_by_role("button", name="Change practitioner 1, Family Wellbeing practitioner").tap()
    expect(page.locator("[data-candidate-editor]")).to_be_visible()
    assert page.evaluate(width) <= 390
    rights = page.eval_on_selector_all("[data-candidate-editor] label, [data-candidate-editor] button",
                                       "els => els.map(e => e.getBoundingClientRect().right)")
    assert max(rights) <= 390, max(rights)


def test_keyboard_alone_adds_two_practitioners_and_reaches_the_outcome(desktop_page: Page,
                                                                       site: Site) -> None:
    """Tab, Space, arrow keys and Enter only: from the question to the outcome."""
    page = desktop_page
    open_list(page, site)
    page.focus("#q-candidates legend")
    tab_to(page, "[data-add-candidate]")
    page.keyboard.press("Enter")
    expect(page.locator("#candidate-editor-title")).to_be_focused()
    # Teacher (the 4th role), good, agrees, yes, yes, no; Enter on the last answer saves.
    tab_to(page, "input[name=candidate-role]")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    for key in ("Space", "ArrowDown", "Space", "Space", "ArrowRight"):
        page.keyboard.press("Tab")
        page.keyboard.press(key)
    page.keyboard.press("Enter")
    card = page.locator("#q-candidates .lp-summary-card h3")
    expect(card).to_have_text(["Practitioner 1: Teacher"])
    expect(card.first).to_be_focused()
    # Another: GP, good, preferred, no, yes, no; then Tab to "Save practitioner".
    tab_to(page, "[data-add-candidate]")
    page.keyboard.press("Enter")
    tab_to(page, "input[name=candidate-role]")
    page.keyboard.press("Space")
    for key in ("Space", "Space", "ArrowRight", "Space", "ArrowRight"):
        page.keyboard.press("Tab")
        page.keyboard.press(key)
    tab_to(page, "[data-save-candidate]")
    page.keyboard.press("Enter")
    expect(card).to_have_text(["Practitioner 1: Teacher", "Practitioner 2: GP"])
    expect(card.nth(1)).to_be_focused()
    tab_to(page, "[data-save-candidates]")
    page.keyboard.press("Enter")
    assert wait_for_outcome(page) == outcome_for((TEACHER, GP))
    expect(page.locator("#lp-outcome-title")).to_be_focused()
    expect(page.locator(".lp-candidate-results > li")).to_have_count(2)
