"""Printing, proved on paper: Chromium prints to PDF (A4) and the PDF is read page by page.

Issue 21 item 7: an outcome prints on at most 2 A4 pages with no near-empty last page, without
the form and "Check your answers"; the printed record is laid out: the outcome first, then what to
do, then the answers and the sources. Printing the page (Ctrl+P: here `page.pdf`, which prints as
the browser does) and "Print record" give that same paper. The outcomes are reached by share
links (lp_rules.links.share_link), never by answering questions. Nothing here sets the page's
print state itself: window.print is replaced only so no dialog blocks a headless browser.
"""

from __future__ import annotations

import io

import pypdf
import pytest
from playwright.sync_api import Page

from lp_rules.links import share_link

from .conftest import Site, expect_page_errors, wait_for_outcome

ROLES = ("gp", "health_visitor", "school_nurse", "teacher", "senco", "family_support_worker",
         "family_wellbeing_practitioner", "other")


def practitioner(role: str, capacity: str = "yes") -> dict[str, str]:
    return {"role": role, "relationship": "good", "family_view": "agrees", "main_needs": "yes",
            "capacity": capacity, "leaving_soon": "no"}


TAF = {"harm": "no", "safety": "no", "social_care": "none", "existing_plan": "no",
       "services": "several", "consent": "agreed", "young_person_can_consent": "yes"}
OUTCOMES: dict[str, tuple[str, dict[str, object], str]] = {
    "who-should-lead": ("who-should-lead", {**TAF, "candidates": [
        practitioner("teacher"), practitioner("gp", capacity="no")]}, "agree_at_taf"),
    "who-should-lead, 8 practitioners": ("who-should-lead", {**TAF, "candidates": [
        practitioner(role, capacity="yes" if i % 2 else "no") for i, role in enumerate(ROLES)]},
        "agree_at_taf"),
    "change-lead": ("change-lead", {
        "harm": "no", "safety": "no", "event": "stepped_down", "family_agrees": "yes",
        "successor": "yes", "consent_covers_successor": "unsure", "changes_so_far": "none"},
        "step_down_handover"),
    "consent-withdrawn": ("consent-withdrawn", {
        "harm": "no", "safety": "no", "who": "whole_family", "competence": "not_applicable",
        "scope": "all_early_help", "escalation_risk": "yes", "how": "stopped_engaging",
        "reason": "stigma_or_fear"}, ""),
    "urgent": ("change-lead", {"harm": "yes"}, "safeguarding_first"),
}
NEAR_EMPTY = 0.25
"""A last page holding less text than this share of the first page's is near-empty."""


def pdf_pages(page: Page) -> list[str]:
    """Print the page as Chromium would to A4, and return each sheet's text."""
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [sheet.extract_text() or "" for sheet in reader.pages]


def flat(sheets: list[str]) -> str:
    return " ".join(" ".join(sheets).split())


def open_outcome(page: Page, site: Site, name: str) -> str:
    tool, answers, code = OUTCOMES[name]
    page.goto(share_link(site.url(f"tools/{tool}/"), tool, answers))
    wait_for_outcome(page, code or None)
    page.evaluate("window.print = () => {}")  # no print dialog in a headless browser
    return " ".join(page.locator("#lp-outcome-title").inner_text().split())


def assert_fits(sheets: list[str], how: str = "") -> None:
    assert 1 <= len(sheets) <= 2, f"{how}: the outcome printed on {len(sheets)} A4 pages"
    sizes = [len(text.strip()) for text in sheets]
    assert sizes[-1] >= NEAR_EMPTY * sizes[0], f"{how}: the last page is near-empty: characters per page {sizes}"


@pytest.mark.parametrize("name", list(OUTCOMES))
def test_an_outcome_prints_as_its_record_on_one_or_two_full_pages(page: Page, site: Site, name: str) -> None:
    """Printed twice from one load of the outcome: as the page (Ctrl+P), then by "Print record".
    Printing leaves the page as it was (the paper's address line is rewritten at each print), so
    the second paper is the button's as surely as on a fresh load; a test per way to print
    loaded each outcome twice, Python's start-up included."""
    title = open_outcome(page, site, name)
    question = page.locator(".lp-legend-text").first.inner_text().strip()
    for how in ("the page", "Print record"):
        if how == "Print record":
            page.click("text=Print record")
        sheets = pdf_pages(page)
        assert_fits(sheets, how)
        printed = flat(sheets)
        # Outcome first, then what to do, then the answers and the sources.
        assert printed.startswith("Lead Practitioner Guide:"), (how, printed[:200])
        marks = [f"outcome {title}", "What to do 1.", " Answers ", " Sources ", "Reopen this decision:"]
        places = [printed.lower().find(marks[0].lower()), *(printed.find(mark) for mark in marks[1:])]
        assert -1 not in places, (how, dict(zip(marks, places)))
        assert places == sorted(places), (how, dict(zip(marks, places)))
        assert places[0] < 1200, f"{how}: the outcome starts {places[0]} characters into the paper"
        # Not the form, not "Check your answers", no control.
        for page_text in ("Check your answers", question, "Copy for case notes", "Print record",
                          "How this checklist decides", "Start again"):
            assert page_text not in printed, f"{how}: the paper holds the page's {page_text!r}"


def test_the_record_on_paper_numbers_the_practitioners_as_the_outcome_names_them(page: Page, site: Site) -> None:
    open_outcome(page, site, "who-should-lead, 8 practitioners")
    printed = flat(pdf_pages(page))
    suggested = printed.split("Suggested to discuss first: Practitioner ", 1)[1]
    number, role = suggested.split(", ", 1)
    role = role.split(".", 1)[0]
    assert f"{number}. {role} (relationship" in printed, "the practitioner it names is not that number on paper"
    assert f"8. Other practitioner (relationship" in printed


def test_the_paper_carries_the_link_that_reopens_these_answers(page: Page, site: Site) -> None:
    open_outcome(page, site, "change-lead")
    printed = flat(pdf_pages(page)).replace(" ", "")
    link = page.evaluate("location.href").split("#", 1)[1]
    assert link.split("&outcome=")[0] in printed, "the answers' link is not on the paper"


def test_before_the_record_is_there_the_outcome_prints_without_the_form(page: Page, site: Site) -> None:
    """Python could not load: the outcome the page decided at once prints, with the page's
    address (which holds the answers), still without the form or "Check your answers"."""
    expect_page_errors(page, "Failed to fetch")
    page.route("**/*.wasm", lambda route: route.abort())
    tool, answers, code = OUTCOMES["change-lead"]
    page.goto(share_link(site.url(f"tools/{tool}/"), tool, answers))
    page.wait_for_selector('.lp-status[data-state="failed"]', timeout=30_000)
    page.wait_for_selector(f'[data-decided="{code}"]')
    title = " ".join(page.locator("#lp-outcome-title").inner_text().split())
    question = page.locator(".lp-legend-text").first.inner_text().strip()
    sheets = pdf_pages(page)
    assert len(sheets) <= 2, f"the outcome printed on {len(sheets)} A4 pages"
    printed = flat(sheets)
    assert title in printed
    for page_text in ("Check your answers", question, "Copy for case notes", "Decision table"):
        assert page_text not in printed, f"the paper holds the page's {page_text!r}"
    address = page.evaluate("location.href")
    assert address.replace("&", "") in printed.replace(" ", "").replace("&", ""), \
        "the page's address is not on the paper"


def test_printing_the_page_shows_no_focus_ring(page: Page, site: Site) -> None:
    open_outcome(page, site, "urgent")
    page.keyboard.press("Tab")  # keyboard focus: the ring shows on screen...
    focused = page.evaluate("document.activeElement.tagName")
    assert focused != "BODY"
    page.emulate_media(media="print")
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.boxShadow]; })()")
    assert ring == ["none", "none"], f"the focus ring prints: {ring}"
