"""The built sites carry the national sources register: its generated page, the national-guidance
page's 2.1 sections with their edition notes, and the new glossary terms, in both builds.

Oracles are the contract's lists (BRIEF items 3 and 4, RULES.md's glossary), not the generator.
"""

from __future__ import annotations

import re
from pathlib import Path

from lp_rules import register as reg

from .conftest import read_page

NEW_SECTIONS = {
    "working-together-2026", "family-help", "childrens-wellbeing-and-schools-act", "domestic-abuse",
    "safe-contact", "confidentiality", "parental-responsibility", "allegations-about-practitioners",
    "objecting-to-sharing", "safeguarding-condition",
}
NEW_GLOSSARY = {
    "domestic-abuse", "lado", "family-help", "family-help-lead-practitioner",
    "lead-child-protection-practitioner", "multi-agency-child-protection-team",
    "caldicott-principles", "parental-responsibility",
}
NATIONAL_TAGS = ("WT", "IS24", "CA89", "DPA", "MCA05", "DAA21", "CONF", "CWSA26", "FFP")


def _text(folder: Path, name: str) -> str:
    return " ".join(read_page(folder / name / "index.html").text.split())


def test_the_register_page_lists_every_source_and_every_check(built: tuple[str, Path]) -> None:
    _, folder = built
    page = read_page(folder / "national-sources" / "index.html")
    text = " ".join(page.text.split())
    for tag in NATIONAL_TAGS:
        assert f"source-{tag.lower()}" in page.ids, tag
    links = {v for _, attr, v in page.links if attr == "href"}
    register = reg.load()
    for anchor in register.points:
        assert any(v.endswith(f"safeguarding/#{anchor}") for v in links), anchor
    superseded = register.superseded()
    assert f"{len(superseded)} section checks rest only on an edition that has since been replaced" in text
    for point, check in superseded:
        assert register.edition_note(check.tag, point.anchor) in text
    # What the contract asks the page to show for each source.
    for words in ("Edition in force", "Edition it replaced", "Statutory", "In force?", "Checked on",
                  "not yet in force", "18 March 2026", "29 April 2026", "26 March 2026"):
        assert words in text, words


def test_the_guidance_page_has_the_2_1_sections_and_its_notes(built: tuple[str, Path]) -> None:
    _, folder = built
    page = read_page(folder / "safeguarding" / "index.html")
    assert not NEW_SECTIONS - page.ids, sorted(NEW_SECTIONS - page.ids)
    text = " ".join(page.text.split())
    note = reg.edition_note("WT", "significant-harm")
    assert note and text.count(note) >= 7
    assert "WT23" not in text and "Working Together to Safeguard Children 2023" not in text
    # RULES.md principle 9 and the CWSA26 row: para 18 in its own words; s16LA not yet in force.
    assert "the processing is necessary for reasons of substantial public interest" in text
    assert re.search(r"duty to share information \(new section 16LA\) Not yet in force", text)


def test_the_glossary_has_the_new_terms_in_both_builds(built: tuple[str, Path]) -> None:
    _, folder = built
    ids = read_page(folder / "glossary" / "index.html").ids
    assert not NEW_GLOSSARY - ids, sorted(NEW_GLOSSARY - ids)


def test_no_guidance_page_presents_working_together_2023_as_current(built: tuple[str, Path]) -> None:
    """Pages other than What changed (history) and Local practice (rewritten with the rules)."""
    _, folder = built
    for name in ("", "further-support", "changing-the-lead", "glossary", "safeguarding"):
        text = _text(folder, name) if name else " ".join(read_page(folder / "index.html").text.split())
        assert "Working Together to Safeguard Children 2023" not in text, (
            f"{name or 'home'}: names Working Together 2023 as the national guidance (on the "
            "changing-the-lead page of a build whose guidance is silent on who leads after a "
            "referral, the text comes from the "
            "profile's referral_lead_rule)")
