"""Every combination of single-choice answers, for every tool, against the contract.

Each full set of answers must give a complete outcome with exactly one recommendation (the one
RULES.md's precedence table gives), at least one citation, citations on every action, and
``record_decision``; and actions must appear exactly where RULES.md says they apply.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lp_rules import evaluate, get_tool
from lp_rules.sources import SOURCE_TITLES

from . import oracle
from .conftest import all_full_answers, candidate_lists

# A few candidate lists that exercise every branch of who-should-lead exhaustively; hypothesis
# below draws many more.
GOOD = dict(role="teacher", relationship="good", family_view="preferred", main_needs="yes",
            capacity="yes", leaving_soon="no")
NOT_ASKED = dict(GOOD, family_view="not_asked", role="gp")
OBJECTS = dict(GOOD, family_view="objects")
FIXED_LISTS: list[list[dict[str, str]]] = [[], [GOOD], [NOT_ASKED], [OBJECTS], [OBJECTS, NOT_ASKED]]


def check(tool_id: str, answers: dict[str, Any]) -> dict[str, Any]:
    """Evaluate and assert everything the contract says of a full set of answers."""
    result = evaluate(tool_id, answers)
    tool = get_tool(tool_id)
    codes = {rule.code for rule in tool.rules}
    assert result["status"] == "complete", (answers, result["next"])
    assert result["next"] == []
    assert result["recommendation"] in codes
    assert result["recommendation"] == oracle.RECOMMEND[tool_id](answers), answers
    assert result["title"] and result["summary"] and result["reasons"]
    assert result["citations"], "every outcome cites at least one source"
    for c in result["citations"]:
        assert c["source"] in SOURCE_TITLES and c["url"] and c["section"]
    actions = [a["code"] for a in result["actions"]]
    assert len(actions) == len(set(actions)), "no action twice"
    for action in result["actions"]:
        assert action["citations"], f"{action['code']} cites nothing"
        assert set(action["citations"]) <= set(SOURCE_TITLES)
        assert "{" not in action["text"], "every profile placeholder is filled"
    must, must_not = oracle.expected_actions(tool_id, answers, result["recommendation"])
    assert must <= set(actions), (answers, must - set(actions))
    assert not must_not & set(actions), (answers, must_not & set(actions))
    if result["recommendation"] in ("safeguarding_first", "safeguarding_referral"):
        assert "LOCAL" not in {c["source"] for c in result["citations"]}
    return result


@pytest.mark.parametrize("tool_id", ["change-lead", "consent-withdrawn"])
def test_every_combination(tool_id: str) -> None:
    seen = {check(tool_id, answers)["recommendation"] for answers in all_full_answers(tool_id)}
    assert seen == {rule.code for rule in get_tool(tool_id).rules}, "every rule is reachable"


def test_every_combination_who_should_lead() -> None:
    seen: set[str] = set()
    for answers in all_full_answers("who-should-lead"):
        for listed in FIXED_LISTS:
            result = check("who-should-lead", dict(answers, candidates=listed))
            seen.add(result["recommendation"])
            expected = oracle.suggested(listed) if result["recommendation"] == "agree_at_taf" else None
            assert result["suggested_candidate"] == expected
    assert seen == {rule.code for rule in get_tool("who-should-lead").rules}


WHO_ANSWERS = list(all_full_answers("who-should-lead"))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(WHO_ANSWERS), candidate_lists.filter(lambda c: len(c) <= 2))
def test_who_should_lead_with_drawn_candidates(answers: dict[str, str], listed: list[dict[str, str]]) -> None:
    result = check("who-should-lead", dict(answers, candidates=listed))
    assert len(result["candidates"]) == len(listed)
    if result["recommendation"] == "agree_at_taf":
        assert result["suggested_candidate"] == oracle.suggested(listed)
