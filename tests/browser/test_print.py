"""Printing, proved on paper: Chromium prints to PDF (A4) and the PDF is read page by page.

"Print record" must give the record alone on one or two A4 pages, none blank. Printing the page
(Ctrl+P) gives the outcome and the answers without the controls (Change links, buttons), the
decision table, the folded decision map or a focus ring, and says which address it came from.
Nothing here sets the page's print state itself: the record is printed by clicking the real
button (window.print is replaced only so no dialog blocks a headless browser).
"""

from __future__ import annotations

import io

import pypdf
import pytest
from playwright.sync_api import Page

from .conftest import Site, wait_for_outcome

OUTCOMES = {
    "urgent": ("tools/change-lead/?v=2&harm=yes", "safeguarding_first"),
    "with practitioners": (
        "tools/who-should-lead/?v=2&harm=no&safety=no&social_care=none&existing_plan=no&services=several"
        "&consent=agreed&young_person_can_consent=yes"
        "&candidates=teacher.good.agrees.yes.yes.no~gp.poor.objects.no.no.yes",
        "agree_at_taf",
    ),
    "longest": (
        "tools/consent-withdrawn/?v=2&harm=no&safety=no&who=whole_family&competence=not_applicable"
        "&scope=all_early_help&escalation_risk=yes&how=stopped_engaging&reason=stigma_or_fear",
        None,
    ),
}


def pdf_pages(page: Page) -> list[str]:
    """Print the page as Chromium would to A4, and return each sheet's text."""
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [sheet.extract_text() or "" for sheet in reader.pages]


def open_outcome(page: Page, site: Site, name: str) -> str:
    path, code = OUTCOMES[name]
    page.goto(site.url(path))
    wait_for_outcome(page, code)
    page.evaluate("window.print = () => {}")  # no print dialog in a headless browser
    return page.locator("#lp-outcome-title").inner_text().strip()


@pytest.mark.parametrize("name", list(OUTCOMES))
def test_print_record_gives_the_record_alone_on_one_or_two_pages(page: Page, site: Site, name: str) -> None:
    open_outcome(page, site, name)
    page.click("text=Print record")
    sheets = pdf_pages(page)
    assert 1 <= len(sheets) <= 2, f"the record printed on {len(sheets)} A4 pages"
    blank = [i + 1 for i, text in enumerate(sheets) if not text.strip()]
    assert not blank, f"blank pages: {blank} of {len(sheets)}"
    printed = "\n".join(sheets)
    assert printed.lstrip().startswith("Lead Practitioner Guide:"), printed[:200]
    assert "Reopen this decision:" in printed and "Outcome:" in printed
    for page_text in ("Check your answers", "Copy for case notes", "How this checklist decides"):
        assert page_text not in printed, f"the record's paper also holds the page's {page_text!r}"
    # Once the print dialog closes, printing the page prints the page again.
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert "Check your answers" in "\n".join(pdf_pages(page))


@pytest.mark.parametrize("name", list(OUTCOMES))
def test_printing_the_page_keeps_the_outcome_and_drops_the_controls(page: Page, site: Site, name: str) -> None:
    title = open_outcome(page, site, name)
    sheets = pdf_pages(page)
    blank = [i + 1 for i, text in enumerate(sheets) if not text.strip()]
    assert not blank, f"blank pages: {blank} of {len(sheets)}"
    assert len(sheets) <= 5, f"the page printed on {len(sheets)} A4 pages"
    printed = " ".join(" ".join(sheets).split())
    assert " ".join(title.split()) in printed
    assert "Check your answers" in printed
    for control in ("Change", "Copy for case notes", "Download record", "Print record",
                    "Start again", "How this checklist decides", "Decision map"):
        assert control not in printed, f"{control!r} is on the paper"
    # The paper says where it came from: the page's address, as it is now (with the answers).
    address = page.evaluate("location.href")
    assert "v=2&harm=" in address
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
