"""The national sources register (RULES.md, "National sources register"; BRIEF item 5).

Oracles come from the contract, not from the reader's code: every national tag the rules can cite
is registered; every national citation points to a registered section; every registered section
exists on the national-guidance page; a section checked only against a replaced edition says so,
on the page, in the words edition_note gives, and a section checked against the edition in force
carries no such note. These tests also run inside Pyodide (standard library and pytest only).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from lp_rules import register as reg
from lp_rules import sources

ROOT = Path(__file__).resolve().parents[2]
GUIDANCE_PAGE = ROOT / "docs" / "safeguarding.md"
LOCAL_TAGS = set(sources.AUTHORITY_TITLES) | {"LOCAL"}
"""Each authority's own guidance (A, B, the fictional test authority's) and local practice."""
NATIONAL_ANCHORS = {
    # BRIEF item 4: the sections citations point to, existing and new in 2.1.
    "immediate-danger", "significant-harm", "section-47", "social-worker-leads", "child-in-need",
    "lead-under-section-17", "levels-of-need", "two-meanings-of-consent", "sharing-without-consent",
    "telling-the-family", "withdrawing-consent", "who-can-consent", "wishes-and-feelings",
    "record-your-decision", "publications", "working-together-2026", "family-help",
    "childrens-wellbeing-and-schools-act", "domestic-abuse", "safe-contact", "confidentiality",
    "parental-responsibility", "allegations-about-practitioners", "objecting-to-sharing",
    "safeguarding-condition",
}
RULES_21_TAGS = {"WT", "IS24", "CA89", "DPA", "MCA05", "DAA21", "CONF", "CWSA26", "FFP"}
"""BRIEF item 3: the national citation tags of rules 2.1."""


def page_sections() -> dict[str, str]:
    """The national-guidance page's Markdown, one entry per `## ... {#anchor}` section."""
    text = GUIDANCE_PAGE.read_text(encoding="utf-8")
    parts = re.split(r"^## .*?\{#([a-z0-9-]+)\}[ \t]*$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def register() -> reg.Register:
    return reg.load()


def national_citations() -> list[sources.Citation]:
    """Every Citation object lp_rules.sources defines for a national tag (read at run time)."""
    found = [v for v in vars(sources).values() if isinstance(v, sources.Citation)]
    for profile_citation in sources.PROFILE_CITATIONS:
        found += profile_citation.choices
    return [c for c in found if c.source not in LOCAL_TAGS]


def test_every_cited_tag_is_in_the_register(register: reg.Register) -> None:
    cited = set(sources.SOURCE_TITLES) - LOCAL_TAGS
    assert cited, "lp_rules.sources names no national source"
    assert not cited - set(register.sources), sorted(cited - set(register.sources))


def test_the_register_holds_exactly_the_rules_2_1_national_tags(register: reg.Register) -> None:
    assert set(register.sources) == RULES_21_TAGS


def test_every_national_citation_points_to_a_registered_section(register: reg.Register) -> None:
    citations = national_citations()
    assert citations
    missing = [f"{c.source} {c.page}#{c.anchor}" for c in citations
               if c.page != "safeguarding" or c.anchor not in register.points]
    assert not missing, missing
    for c in citations:
        if c.source in register.sources:  # the first test reports an unregistered tag
            register.point(c.anchor).check(c.source)  # NotInRegister if that tag is not checked


def test_every_section_of_the_contract_is_registered(register: reg.Register) -> None:
    assert set(register.points) == NATIONAL_ANCHORS


def test_every_registered_section_exists_on_the_guidance_page(register: reg.Register) -> None:
    text = GUIDANCE_PAGE.read_text(encoding="utf-8")
    missing = [a for a in register.points if f"{{#{a}}}" not in text]
    assert not missing, missing


def test_the_registers_dates_parse(register: reg.Register) -> None:
    """Every date is a real date, none is in the future of the file's own checks, and every
    replaced edition was replaced on or after it was first published."""
    when: list[reg.When] = []
    for source in register.sources.values():
        when.append(source.published)
        if source.replaced_on:
            when.append(source.replaced_on)
            assert source.replaced_on.first_day >= date(1989, 1, 1), source.tag
        when += [p.checked_on for p in source.provisions]
    checks = [c.checked_on for p in register.points.values() for c in p.checks]
    latest = max(c.first_day for c in checks)
    for w in when + checks:
        assert isinstance(w.first_day, date)
        assert w.first_day <= latest, w
        assert reg.When.parse(w.iso) == w


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13", "18 March 2026", "", None, 2026])
def test_a_malformed_date_is_refused(text: object) -> None:
    with pytest.raises(ValueError):
        reg.When.parse(text)


def test_a_point_checked_only_against_a_replaced_edition_says_so(register: reg.Register) -> None:
    sections = page_sections()
    superseded = set()
    for point in register.points.values():
        for check in point.checks:
            source = register.sources[check.tag]
            note = reg.edition_note(check.tag, point.anchor)
            if check.edition == source.edition:
                assert note == "", (point.anchor, check.tag)
                continue
            superseded.add((point.anchor, check.tag))
            assert check.edition == source.replaces, (point.anchor, check.tag)
            assert note, (point.anchor, check.tag)
            assert f"the {check.edition} edition" in note and f"the {source.edition} edition" in note
            assert str(source.replaced_on) in note
            assert note in one_line(sections[point.anchor]), (
                f"section {point.anchor} must show: {note}")
    # Today the Working Together sections checked in November 2026 rest on the 2023 edition.
    assert ("significant-harm", "WT") in superseded
    assert ("working-together-2026", "WT") not in superseded


def test_the_note_names_the_edition_and_the_day_it_was_replaced() -> None:
    assert reg.edition_note("WT", "immediate-danger") == (
        "Checked against the 2023 edition; the 2026 edition replaced it on 18 March 2026, and this "
        "point has not been re-checked against it yet."
    )
    assert reg.edition_note("WT", "working-together-2026") == ""


def test_no_section_shows_a_note_it_does_not_need(register: reg.Register) -> None:
    """A section checked against every edition in force must not say it was not re-checked."""
    for anchor, text in page_sections().items():
        notes = {reg.edition_note(c.tag, anchor) for c in register.point(anchor).checks} - {""}
        if not notes:
            assert "has not been re-checked" not in text, anchor


def test_unregistered_pairs_are_refused_in_plain_words() -> None:
    with pytest.raises(reg.NotInRegister, match="no source tagged 'WT23'"):
        reg.edition_note("WT23", "immediate-danger")
    with pytest.raises(reg.NotInRegister, match="no section 'nowhere'"):
        reg.edition_note("WT", "nowhere")
    with pytest.raises(reg.NotInRegister, match="no check of FFP for the section 'immediate-danger'"):
        reg.edition_note("FFP", "immediate-danger")


def test_provisions_say_whether_they_are_in_force(register: reg.Register) -> None:
    acts = {"CA89", "DPA", "MCA05", "DAA21", "CWSA26"}
    for tag in acts:
        assert register.sources[tag].provisions, tag
    status = {p.ref: p.in_force for p in register.sources["CWSA26"].provisions}
    # RULES.md: as checked for 2.1, s16LA and s16LC are not yet in force, nor is s3 (s16EA).
    assert status["s4 (Children Act 2004 s16LA)"] == "not yet in force"
    assert status["s4 (Children Act 2004 s16LC)"] == "not yet in force"
    assert status["s3 (Children Act 2004 s16EA)"] == "not yet in force"
    assert register.sources["FFP"].statutory is False
    assert register.sources["WT"].statutory is True


def _minimal() -> dict[str, object]:
    return {
        "source": [{"tag": "WT", "title": "t", "publisher": "p", "kind": "k", "statutory": True,
                    "edition": "2026", "published": "2026-03-18", "replaces": "2023",
                    "replaced_on": "2026-03-18", "url": "https://example.org",
                    "confirmed_from": ["https://example.org"]}],
        "point": [{"anchor": "a", "check": [{"tag": "WT", "edition": "2023",
                                             "checked_on": "2026-11-25"}]}],
    }


def test_a_malformed_register_lists_every_problem() -> None:
    data = _minimal()
    data["source"][0]["statutory"] = "yes"  # type: ignore[index]
    data["source"][0]["provision"] = [{"ref": "s1", "what": "w", "in_force": "maybe",  # type: ignore[index]
                                       "checked_on": "2026-12-06", "evidence": "e"}]
    data["point"][0]["check"][0]["edition"] = "2018"  # type: ignore[index]
    data["point"].append({"anchor": "b", "check": [{"tag": "XX", "edition": "1",  # type: ignore[attr-defined]
                                                    "checked_on": "2026"}]})
    with pytest.raises(reg.RegisterError) as raised:
        reg.parse(data)
    message = str(raised.value)
    for expected in ("statutory must be true or false", "in_force must be one of",
                     "edition '2018' is neither", "XX is not a source"):
        assert expected in message


def test_a_minimal_register_gives_the_note() -> None:
    register = reg.parse(_minimal())
    assert register.edition_note("WT", "a").startswith("Checked against the 2023 edition;")
    assert [(p.anchor, c.tag) for p, c in register.superseded()] == [("a", "WT")]


OWNED_ELSEWHERE = {"what-changed.md", "local-practice.md"}
"""Pages whose Working Together wording the rules 2.1 change itself rewrites (kept out here)."""


def test_other_pages_citing_a_superseded_section_say_so() -> None:
    """A `*Source: ... (WT) ...*` line on any other page that links to a section of the
    national-guidance page carries that section's edition note, so no page presents a point
    checked only against Working Together 2023 as current."""
    label = re.compile(r"\*Sources?:(.*?)\*", re.S)
    link = re.compile(r"safeguarding\.md#([a-z0-9-]+)")
    missing, seen = [], 0
    for path in sorted((ROOT / "docs").rglob("*.md")):
        if path.name in OWNED_ELSEWHERE or path == GUIDANCE_PAGE:
            continue
        for match in label.finditer(path.read_text(encoding="utf-8")):
            text = one_line(match.group(1))
            if "(WT" not in text:
                continue
            for anchor in link.findall(text):
                note = reg.edition_note("WT", anchor)
                seen += bool(note)
                if note.lower() not in text.lower():
                    missing.append(f"{path.name} -> {anchor}")
    assert not missing, missing
    assert seen >= 4  # index, further support, changing the lead (twice): the test reads them


def test_a_date_known_only_to_the_year_reads_in_plain_words() -> None:
    data = _minimal()
    data["source"][0]["replaced_on"] = "2024"  # type: ignore[index]
    note = reg.parse(data).edition_note("WT", "a")
    assert "the 2026 edition replaced it in 2024, and" in note
    assert str(reg.When.parse("2020-12")) == "December 2020"


def test_an_outcome_citing_a_point_checked_against_a_replaced_edition_says_so() -> None:
    """Where a rule cites such a point, the citation carries the register's note, and the record
    for case notes shows it beside the section (RULES.md: "the citation ... say[s] so")."""
    from lp_rules import DEFAULT_PROFILE, evaluate, load_profile
    from lp_rules.record import as_text

    answers = {"harm": "yes"}
    result = evaluate("change-lead", answers, explain=True)
    notes = {c["url"]: c["checked"] for c in result["citations"]}
    assert notes["safeguarding/#significant-harm"] == reg.edition_note("WT", "significant-harm") != ""
    assert notes["safeguarding/#sharing-without-consent"] == ""
    text = as_text(result, answers, load_profile(DEFAULT_PROFILE), "2026-12-06")
    note = reg.edition_note("WT", "significant-harm")
    assert f"Significant harm: act straight away ({note})" in text
