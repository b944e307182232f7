"""The record for case notes (lp_rules.record): every answer kept, each source named once."""

from __future__ import annotations

import json
import re

from lp_rules import DEFAULT_PROFILE, evaluate, load_profile
from lp_rules.bridge import handle
from lp_rules.presentation import tone
from lp_rules.record import as_data, as_text

PROFILE = load_profile(DEFAULT_PROFILE)
"""The default authority's profile (evaluate's default too)."""

PRACTITIONER = {"role": "health_visitor", "relationship": "good", "family_view": "agrees",
                "main_needs": "yes", "capacity": "yes", "leaving_soon": "no"}


def record(tool: str, answers: dict[str, object]) -> str:
    result = evaluate(tool, answers, explain=True)
    return as_text(result, answers, PROFILE, "2026-11-25", "https://example.test/p/")


def test_an_answer_the_outcome_did_not_use_is_kept_and_marked() -> None:
    """Issue 12: answers the rules no longer need are "kept and marked 'not needed for this
    outcome' (in Check your answers and the record alike), never silently dropped"."""
    text = record("who-should-lead", {"harm": "no", "safety": "no", "social_care": "child_protection",
                                      "existing_plan": "no", "candidates": [PRACTITIONER]})
    answers = text.split("Answers:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert answers[0] == "- Significant harm suspected: No"
    # Rules 2.1: the safety answer decides whether safe-contact planning comes first, "no" too.
    assert answers[1].startswith("- Domestic abuse") and answers[1].endswith(": No")
    assert answers[2].startswith("- Children's social care involvement: Yes")
    assert not answers[2].endswith("(not needed for this outcome)")
    assert answers[3] == "- Existing plan with a Lead Practitioner: No (not needed for this outcome)"
    assert answers[4] == "- Practitioners who could lead: 1 (not needed for this outcome)"
    assert answers[5].startswith("  1. Health visitor (")


def test_each_source_is_named_once_with_its_sections() -> None:
    """Issue 12: "sources de-duplicated, short names with the full title once"."""
    text = record("who-should-lead", {"harm": "no", "safety": "no", "social_care": "child_protection"})
    sources = text.split("Sources:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    tags = [line.split(":", 1)[0] for line in sources]
    assert len(tags) == len(set(tags)) == 4
    assert "- CA89: Children Act 1989: Child protection enquiries (section 47); " in text
    assert text.count("Children Act 1989") == 1


def test_the_record_states_the_rules_version_and_any_warning() -> None:
    """Principle 6: "the record states the rules version and the authority profile"."""
    text = record("consent-withdrawn", {"harm": "yes", "who": "young_person",
                                        "competence": "not_applicable"})
    assert "Rules version: 2.1.0" in text and f"Authority profile: {PROFILE.area} ({PROFILE.id})" in text
    assert "Warning: " in text and "decide for themselves" in text


URGENT = ("change-lead", {"harm": "yes"})
WITH_PRACTITIONERS = ("who-should-lead", {
    "harm": "no", "safety": "no", "social_care": "none", "existing_plan": "no",
    "services": "several", "consent": "agreed", "young_person_can_consent": "yes",
    "candidates": [PRACTITIONER, {**PRACTITIONER, "role": "teacher", "capacity": "no"}]})


def headings(text: str) -> list[str]:
    """The record's section headings as a reader sees them: the lines that end with a colon
    and open a block (after a blank line), and the outcome's "Outcome: ..." line."""
    blocks = text.split("\n\n")
    return [b.splitlines()[0].split(":", 1)[0] for b in blocks[1:]
            if b.splitlines()[0].endswith(":") or b.startswith("Outcome: ")]


def test_the_outcome_comes_first_then_what_to_do_then_answers_and_sources() -> None:
    """Issue 21 item 7: the record is laid out "outcome first, then what to do, then answers and
    sources" (it had the outcome on line 17, after every answer)."""
    text = record(*URGENT)
    lines = text.splitlines()
    assert lines[0] == "Lead Practitioner Guide: Should the Lead Practitioner change?"
    assert lines[1] == "Date: 2026-11-25"
    # Then, while the area has not approved the guide, the notice every page shows (the default
    # authority's seed profile names no owner or approval), and then the outcome.
    assert not PROFILE.approved
    assert lines[2].startswith(
        f"Not approved for local use: This guide has not been approved for use in {PROFILE.area}.")
    assert text.split("\n\n")[1].splitlines()[0] == "Outcome: Act now: follow safeguarding procedures"
    assert headings(text) == ["Outcome", "Who to call", "What to do", "Why", "Answers", "Sources",
                              "About this record"]
    text = record(*WITH_PRACTITIONERS)
    assert headings(text) == ["Outcome", "What to do", "Why", "Why not the outcomes before it",
                              "Answers", "Sources", "About this record"]
    # Who the rules suggest is part of the outcome, above what to do.
    outcome = text.split("\n\n")[1]
    assert "Suggested to discuss first: Practitioner 1, Health visitor." in outcome


def test_paper_and_text_come_from_the_same_sections() -> None:
    """The printed record (as_data, laid out by the page) holds every line of the text record
    (Copy, Download), in the same order, and nothing else."""
    for tool, answers in (URGENT, WITH_PRACTITIONERS):
        result = evaluate(tool, answers, explain=True)
        made = (result, answers, PROFILE, "2026-11-25", "https://example.test/p/")
        text_lines = [line.strip() for line in as_text(*made).splitlines() if line.strip()]
        paper = []
        for section in as_data(*made):
            if section["heading"]:
                paper.append(section["heading"])
            for item in section["items"]:
                paper.append(item["text"])
                paper.extend(item["sub"])
        # Strip the text's own marks ("- ", "1. ", a heading's colon) to compare the words.
        words = [re.sub(r"^(- |\d+\. )", "", line).removesuffix(":") for line in text_lines]
        flat = " ".join(words)
        for line in paper:
            assert line in flat, line
        assert len(paper) == len(text_lines) + 1  # "Outcome: <title>" is one line of text


def test_the_page_gets_the_sections_with_the_text() -> None:
    tool, answers = URGENT
    reply = json.loads(handle(json.dumps({"tool": tool, "answers": answers, "date": "2026-11-25",
                                          "page": "https://example.test/p/"})))
    sections = reply["result"]["record_sections"]
    assert [s["heading"] for s in sections][1:4] == ["Outcome", "Who to call", "What to do"]
    assert sections[1]["items"][0]["text"] == "Act now: follow safeguarding procedures"
    assert reply["record"].startswith(sections[0]["heading"] + "\n")
    incomplete = json.loads(handle(json.dumps({"tool": "change-lead", "answers": {"harm": "no"}})))
    assert incomplete["record"] == "" and "record_sections" not in incomplete["result"]


def test_the_outcome_model_is_the_records_sections_and_adds_what_would_change_when_asked() -> None:
    """Issue 23 item 3: one outcome model. The record's sections between its title and what
    identifies it are ``outcome_sections``; asked for, what would change the outcome follows
    why not, in the rules' plain sentences (RULES.md: `what_would_change`, `sentence`); the
    record of one's own decision does not carry them."""
    from lp_rules.record import outcome_sections, sections

    profile = load_profile(DEFAULT_PROFILE)
    result_urgent = evaluate(*URGENT, explain=True)
    for tool, answers in (URGENT, WITH_PRACTITIONERS):
        result = evaluate(tool, answers, explain=True)
        record_sections = sections(result, answers, profile, "2026-11-25")
        assert record_sections[1:-2] == outcome_sections(result, answers, profile)
    # Urgent harm has nothing one answer away: nothing to add.
    assert not result_urgent["what_would_change"]
    assert outcome_sections(result_urgent, URGENT[1], profile, changes=True) == \
        sections(result_urgent, URGENT[1], profile, "2026-11-25")[1:-2]
    tool, answers = WITH_PRACTITIONERS
    result = evaluate(tool, answers, explain=True)
    record_sections = sections(result, answers, profile, "2026-11-25")
    changed = outcome_sections(result, answers, profile, changes=True)
    sentences = [c["sentence"] for c in result["what_would_change"]]
    assert sentences
    added = [s for s in changed if s not in record_sections]
    assert [[i.text for i in s.items] for s in added] == [sentences]
    order = [s.heading for s in changed]
    after = order.index(added[0].heading)
    assert order[after - 1] == "Why not the outcomes before it" and order[after + 1] == "Answers"
    every_line = [i.text for s in record_sections for i in s.items]
    assert not set(sentences) & set(every_line)


def test_the_panels_tone_urgent_acts_now_an_escalation_warns_green_only_for_a_go_ahead() -> None:
    """Issue 21 item 3, written once in presentation.tone (the page reads it from the compiled rules,
    the trainer's view calls it): urgent first, an escalation never green."""
    def of(urgent: bool, escalation: bool, go_ahead: bool) -> tuple[str, str]:
        return tone({"urgent": urgent, "escalation": escalation, "go_ahead": go_ahead})
    assert of(True, False, False) == ("urgent", "Act now")
    assert of(False, True, False) == ("warning", "Escalate today")
    assert of(False, False, True) == ("go-ahead", "Outcome")
    assert of(False, False, False) == ("outcome", "Outcome")
    assert of(True, True, False)[0] == "urgent", "urgent wins"
    assert of(False, True, True)[0] == "warning", "an escalation is never green"
