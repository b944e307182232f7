"""Why not, and what would change it, checked on the answer sets the page reaches.

Every alternative listed really gives that outcome with that one answer changed; every single
answer that would give a different complete outcome is listed; the why-not names exactly the
outcomes before this one in the rules' order, each with an answer that ruled it out.

Where, and why there: working out what would change an outcome costs the package about 4
plain outcomes (it decides each alternative, without building it), and checking that its list
is complete evaluates every alternative in full (the changed
answer sets are remembered for the rest of the walk, so siblings share them). At rules 2.1's
size, doing that on all 55,000 full combinations of each of four builds would take the
explanation alone past ten minutes. So it is checked where a practitioner reads it: on the
shared pass's *asked* paths (tests/rules/space.py), the complete outcomes reached from no
answers by following ``next``, which are every outcome the page can show, each with exactly the
answers the page asked for. Every asked path of the first build (the default authority, local
practice on) is explained and checked; in the other builds every 8th (``space.EXPLAIN_EVERY``), so their
terms and silent outcomes are exercised too: the explanation's logic does not depend on the
profile, only its words and, with local practice off, the codes of silent outcomes. A full
combination adds only answers the page did not ask for, which cannot change the outcome
(principle 4: every full combination is compared with its asked path by
tests/rules/test_partial.py), so its why-not is its asked path's.
"""

from __future__ import annotations

import pytest

from lp_rules import evaluate, get_tool

from . import space


def _check_what_would_change(path: space.Path) -> None:
    answers, result = path.answers, path.result
    listed = {(c["question"], c["answer"]): c for c in result["what_would_change"]}
    expected = set()
    for question in get_tool(path.tool).questions:
        if question.id not in answers or question.id == "candidates":
            continue
        for option in question.option_ids:
            if option == answers[question.id]:
                continue
            other = path.outcome_of(dict(answers, **{question.id: option}))
            if other is None:
                continue  # refused: a contradictory pair is not a way to change the outcome
            status, recommendation, title = other
            if status == "complete" and recommendation != result["recommendation"]:
                expected.add((question.id, option))
                change = listed.get((question.id, option))
                assert change, f"{question.id}={option} gives {recommendation}: not listed"
                assert (change["recommendation"], change["title"]) == (recommendation, title)
    assert set(listed) == expected, f"listed but not a change: {sorted(set(listed) - expected)}"


def _before(codes: list[str], k: int) -> list[str]:
    return list(dict.fromkeys(c for c in codes[:k] if c != codes[k]))


def _check_why_not(path: space.Path) -> None:
    result = path.result
    tool = get_tool(path.tool)
    summaries = {q.id: q.summary for q in tool.questions}
    codes = [r.code for r in tool.rules]
    listed = [w["recommendation"] for w in result["why_not"]]
    # The rules before the one that matched, a code listed once and never the matched one's;
    # an outcome fallen silent (local practice off) keeps its rule's place, unnamed.
    places = [k for k, code in enumerate(codes) if code == result["recommendation"]]
    assert any(listed == _before(codes, k) for k in places or range(len(codes))), listed
    for w in result["why_not"]:
        rule = next(r for r in tool.rules if r.code == w["recommendation"])
        named = [summaries[q] for q in rule.when.questions() if q in summaries]
        assert any(w["because"].startswith(n) for n in named) or "practitioner" in w["because"]
        assert w["title"] and "{" not in w["because"]


@space.check("asked")
def explains_itself(path: space.Path) -> str | None:
    """Tallies the paths explained (the walk explains all or every 8th)."""
    if "what_would_change" not in path.result:
        return None
    _check_what_would_change(path)
    _check_why_not(path)
    return "explained"


@space.check("asking", "asked", "full")
def plain_outcomes_explain_nothing(path: space.Path) -> None:
    """Contract 1: without explain=True, why_not and what_would_change are absent."""
    if path.kind == "asked" and "what_would_change" in path.result:
        return
    assert "why_not" not in path.result and "what_would_change" not in path.result


@space.each_build
def test_why_not_and_what_would_change_on_every_combination(build: space.Build) -> None:
    explained = space.assert_held(build, explains_itself)["explained"]
    found = space.findings(build)
    assert explained == sum(found.paths[("explained", tool)] for tool in space.TOOLS)
    every = space.STRIDE * space.EXPLAIN_EVERY
    assert explained * every >= sum(found.paths[("asked", t)] for t in space.TOOLS)
    space.assert_held(build, plain_outcomes_explain_nothing)


def test_the_check_catches_a_missing_alternative() -> None:
    answers = {"harm": "no", "safety": "no", "event": "absence_short"}
    result = evaluate("change-lead", answers, explain=True)
    assert result["what_would_change"], "this outcome has alternatives"
    result["what_would_change"] = result["what_would_change"][1:]
    walk = space.Walk("change-lead", space.BUILDS[0], space.Findings(space.BUILDS[0]))
    path = space.Path("asked", "change-lead", space.BUILDS[0], answers, result, walk=walk)
    with pytest.raises(AssertionError):
        _check_what_would_change(path)


def test_the_first_outcome_has_nothing_before_it() -> None:
    assert evaluate("change-lead", {"harm": "yes"}, explain=True)["why_not"] == []


def test_an_incomplete_outcome_explains_nothing_yet() -> None:
    result = evaluate("consent-withdrawn", {"harm": "no"}, explain=True)
    assert result["status"] == "needs_more"
    assert result["why_not"] == [] and result["what_would_change"] == []
