"""The record for case notes (lp_rules.record): every answer kept, each source named once."""

from __future__ import annotations

from lp_rules import evaluate, load_profile
from lp_rules.record import as_text

PRACTITIONER = {"role": "health_visitor", "relationship": "good", "family_view": "agrees",
                "main_needs": "yes", "capacity": "yes", "leaving_soon": "no"}


def record(tool: str, answers: dict[str, object]) -> str:
    result = evaluate(tool, answers, explain=True)
    return as_text(result, answers, load_profile("merton"), "2026-11-25", "https://example.test/p/")


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
    assert "Rules version: 2.1.0" in text and "Authority profile: Merton (merton)" in text
    assert "Warning: " in text and "decide for themselves" in text
