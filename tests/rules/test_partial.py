"""Partial answers: ``complete`` only when nothing unanswered could change the outcome, and
``needs_more`` always names the questions still needed, in asking order, harm first."""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lp_rules import evaluate, get_tool

from .conftest import candidate_lists, choice_questions, contradictory, partial_answers

TOOLS = ["who-should-lead", "change-lead", "consent-withdrawn"]


def _essence(result: dict[str, Any]) -> tuple[Any, ...]:
    return (result["recommendation"], [a["code"] for a in result["actions"]],
            result["suggested_candidate"])


@st.composite
def partial_and_completion(draw: st.DrawFn) -> tuple[str, dict[str, Any], dict[str, Any]]:
    tool_id = draw(st.sampled_from(TOOLS))
    partial = draw(partial_answers(tool_id))
    if tool_id == "who-should-lead" and draw(st.booleans()):
        partial["candidates"] = draw(candidate_lists)
    full = dict(partial)
    for qid, options in choice_questions(tool_id):
        full.setdefault(qid, draw(st.sampled_from(options)))
    if tool_id == "who-should-lead":
        full.setdefault("candidates", draw(candidate_lists))
    assume(not contradictory(tool_id, full))  # refused as invalid input: tests/rules/test_invalid.py
    return tool_id, partial, full


@settings(max_examples=1500, deadline=None)
@given(partial_and_completion())
def test_complete_means_no_answer_can_change_it(case: tuple[str, dict[str, Any], dict[str, Any]]) -> None:
    tool_id, partial, full = case
    now = evaluate(tool_id, partial)
    later = evaluate(tool_id, full)
    assert later["status"] == "complete"
    if now["status"] == "complete":
        assert _essence(now) == _essence(later)
    else:
        order = get_tool(tool_id).question_ids
        assert now["next"], "needs_more always says what is needed"
        assert all(q not in partial for q in now["next"]), "never asks an answered question"
        assert now["next"] == sorted(now["next"], key=order.index), "in asking order"
        assert now["recommendation"] is None and now["actions"] == []


@given(st.sampled_from(TOOLS))
def test_harm_is_always_asked_first(tool_id: str) -> None:
    assert evaluate(tool_id, {})["next"][0] == "harm"


def test_harm_alone_settles_safeguarding() -> None:
    for tool_id in TOOLS:
        for harm in ("yes", "unsure"):
            result = evaluate(tool_id, {"harm": harm})
            assert result["status"] == "complete", (tool_id, harm)
            assert result["recommendation"] in (
                "safeguarding_first", "safeguarding_referral", "seek_safeguarding_advice"
            )


def test_only_relevant_questions_are_asked() -> None:
    # A short absence is settled by the event alone: nothing else changes it.
    result = evaluate("change-lead", {"harm": "no", "event": "absence_short"})
    assert result["status"] == "complete" and result["recommendation"] == "cover_absence"
    # Competence is asked when a parent or carer, or the young person, declines; not when the
    # whole family does.
    result = evaluate("consent-withdrawn", {"harm": "no", "who": "whole_family"})
    assert "competence" not in result["next"]
    for who in ("parent_carer", "young_person"):
        result = evaluate("consent-withdrawn", {"harm": "no", "who": who})
        assert result["next"][0] == "competence"
    # Candidates are not asked about when social care allocates the lead.
    result = evaluate("who-should-lead", {"harm": "no", "social_care": "referral_accepted"})
    assert result["status"] == "complete"
