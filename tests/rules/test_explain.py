"""Why not, and what would change it, checked against every combination of answers.

Every alternative listed really gives that outcome with that one answer changed; every single
answer that would give a different complete outcome is listed; the why-not names exactly the
outcomes before this one in the rules' order, each with an answer that ruled it out.
"""

from __future__ import annotations

from typing import Any, Iterator

import pytest

from lp_rules import PROFILE_IDS, InvalidAnswers, evaluate, get_tool, load_profile
from lp_rules.engine import outcome
from lp_rules.validate import validate

from .conftest import all_full_answers

GOOD = dict(role="teacher", relationship="good", family_view="preferred", main_needs="yes",
            capacity="yes", leaving_soon="no")
LISTS = ([], [GOOD], [dict(GOOD, family_view="objects")])


def combinations(tool: str) -> Iterator[dict[str, Any]]:
    for answers in all_full_answers(tool):
        if tool == "who-should-lead":
            for listed in LISTS:
                yield dict(answers, candidates=listed)
        else:
            yield answers


def _outcome(tool: str, answers: dict[str, Any], profile_id: str) -> dict[str, Any] | None:
    """The plain outcome of some answers (no explanations), or None when they are refused or
    incomplete."""
    try:
        clean = validate(get_tool(tool), answers, load_profile(profile_id))
    except InvalidAnswers:
        return None
    result = outcome(get_tool(tool), clean, load_profile(profile_id))
    return result if result["status"] == "complete" else None


def _check_what_would_change(tool: str, answers: dict[str, Any], profile_id: str,
                             result: dict[str, Any]) -> None:
    listed = {(c["question"], c["answer"]): c for c in result["what_would_change"]}
    expected = set()
    for question in get_tool(tool).questions:
        for option in question.option_ids:
            if option == answers[question.id]:
                continue
            other = _outcome(tool, dict(answers, **{question.id: option}), profile_id)
            if other is not None and other["recommendation"] != result["recommendation"]:
                expected.add((question.id, option))
                change = listed.get((question.id, option))
                assert change, (answers, question.id, option)
                assert (change["recommendation"], change["title"]) == (
                    other["recommendation"], other["title"])
    assert set(listed) == expected, (answers, set(listed) ^ expected)


def _check_why_not(tool: str, answers: dict[str, Any], result: dict[str, Any]) -> None:
    rules = get_tool(tool).rules
    summaries = {q.id: q.summary for q in get_tool(tool).questions}
    codes = [r.code for r in rules]
    expected = list(dict.fromkeys(codes[:codes.index(result["recommendation"])]))
    assert [w["recommendation"] for w in result["why_not"]] == expected, answers
    for w in result["why_not"]:
        rule = next(r for r in rules if r.code == w["recommendation"])
        named = [summaries[q] for q in rule.when.questions() if q in summaries]
        assert any(w["because"].startswith(n) for n in named) or "practitioner" in w["because"]
        assert w["title"] and "{" not in w["because"]


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
@pytest.mark.parametrize("tool", ["who-should-lead", "change-lead", "consent-withdrawn"])
def test_why_not_and_what_would_change_on_every_combination(tool: str, profile_id: str) -> None:
    checked = 0
    for answers in combinations(tool):
        result = evaluate(tool, answers, profile_id, explain=True)
        _check_what_would_change(tool, answers, profile_id, result)
        _check_why_not(tool, answers, result)
        checked += 1
    assert checked


def test_the_check_catches_a_missing_alternative() -> None:
    answers = {"harm": "no", "event": "absence_short"}
    result = evaluate("change-lead", answers)
    complete = dict(answers, family_agrees="yes", successor="yes", consent_covers_successor="yes",
                    changes_so_far="none")
    result = evaluate("change-lead", complete, explain=True)
    result["what_would_change"] = result["what_would_change"][1:]
    with pytest.raises(AssertionError):
        _check_what_would_change("change-lead", complete, "merton", result)


def test_the_first_outcome_has_nothing_before_it() -> None:
    assert evaluate("change-lead", {"harm": "yes"}, explain=True)["why_not"] == []


def test_an_incomplete_outcome_explains_nothing_yet() -> None:
    result = evaluate("consent-withdrawn", {"harm": "no"}, explain=True)
    assert result["status"] == "needs_more"
    assert result["why_not"] == [] and result["what_would_change"] == []
