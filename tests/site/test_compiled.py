"""The page's compiled decisions equal lp_rules.evaluate on every answer set the page can hold.

The page decides at once, before Python has loaded (or where it cannot), from the tables
lp_rules.compiled exports and the small evaluator docs/assets/js/checklist/compiled.js. Here
both run on the same answer sets and must agree on everything the compiled result carries:
status, next, relevant, recommendation, rule_index, urgent, title, summary, actions (codes,
texts, tags, sources), citations, suggested_candidate, judgement, rules_version; and on the
field named for answers the rules refuse.

"Every answer set the page can hold": for every checklist, in both builds, with local practice
on and off, each question either unanswered or given any of its options (so every full
combination, every partial set reached by following ``next`` from {}, and every set that keeps
answers the rules no longer need); who-should-lead's practitioners unlisted or any of the fixed
lists that reach every branch of the ranking (tests/rules/test_exhaustive.py), and hypothesis
draws further lists. Node runs once per checklist and build, on the whole batch.

The size of all three checklists' data and the evaluator, compressed, is kept under the goal.
"""

from __future__ import annotations

import gzip
import itertools
import json
import subprocess
from pathlib import Path
from typing import Any, Iterator

import brotli
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lp_rules import InvalidAnswers, evaluate, get_tool
from lp_rules.candidates import QUESTION_ID
from lp_rules.checklists import TOOLS
from lp_rules.compiled import UnknownCondition, compile_tool, condition
from lp_rules.profiles import Profile
from lp_rules.validate import candidate_fields
from tests.rules.test_exhaustive import (
    FIXED_LISTS,
    MERTON_ONLY_LISTS,
    VARIANT_IDS,
    VARIANTS,
    profile_for,
)

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "js" / "compiled_runner.mjs"
EVALUATOR = ROOT / "docs" / "assets" / "js" / "checklist" / "compiled.js"
SIZE_GOAL = 50_000
"""Issue 20: all three checklists' compiled data and the evaluator, compressed, per build."""

COMPARED = ("status", "next", "relevant", "recommendation", "rule_index", "urgent", "title",
            "summary", "actions", "citations", "suggested_candidate", "judgement",
            "rules_version")
UNANSWERED = object()


def run_compiled(data: dict[str, Any], cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page's evaluator on every case, in one Node process."""
    done = subprocess.run(["node", str(RUNNER)], input=json.dumps({"data": data, "cases": cases}),
                          capture_output=True, text=True, check=True, timeout=600)
    results: list[dict[str, Any]] = json.loads(done.stdout)
    return results


def expected(tool: str, answers: dict[str, Any], profile: Profile) -> dict[str, Any]:
    """What the rules give, as far as the compiled result carries it."""
    try:
        result = evaluate(tool, answers, profile)
    except InvalidAnswers as err:
        return {"status": "invalid", "field": err.field}
    return {k: result[k] for k in COMPARED}


def answer_sets(tool_id: str, lists: list[list[dict[str, str]]]) -> Iterator[dict[str, Any]]:
    """Every set of answers the page can hold: each question unanswered or any option."""
    tool = get_tool(tool_id)
    choices = [[UNANSWERED, *q.option_ids] for q in tool.questions]
    ids = [q.id for q in tool.questions]
    if QUESTION_ID in tool.list_questions:
        choices.append([UNANSWERED, *lists])
        ids.append(QUESTION_ID)
    for combo in itertools.product(*choices):
        yield {q: v for q, v in zip(ids, combo) if v is not UNANSWERED}


def compare(tool: str, profile: Profile, cases: list[dict[str, Any]]) -> None:
    """Fail with the number of disagreements and the first few, answers included."""
    got = run_compiled(compile_tool(TOOLS[tool], profile), cases)
    wrong = []
    for answers, result in zip(cases, got):
        want = expected(tool, answers, profile)
        have = {k: result.get(k) for k in want}
        if have != want:
            diff = {k: (have[k], want[k]) for k in want if have[k] != want[k]}
            wrong.append(f"{answers}: (compiled, rules) {diff}")
    assert len(got) == len(cases)
    assert not wrong, f"{len(wrong)} of {len(cases)} disagree:\n" + "\n".join(wrong[:5])


@pytest.mark.parametrize(("profile_id", "local"), VARIANTS, ids=VARIANT_IDS)
@pytest.mark.parametrize("tool", list(TOOLS))
def test_every_answer_set(tool: str, profile_id: str, local: bool) -> None:
    lists = FIXED_LISTS + (MERTON_ONLY_LISTS if profile_id == "merton" else [])
    cases = list(answer_sets(tool, lists))
    outcomes = {expected(tool, a, profile_for(profile_id, local)).get("status") for a in cases}
    assert outcomes >= {"complete", "needs_more"}, "the sets reach outcomes and questions"
    compare(tool, profile_for(profile_id, local), cases)


def test_refused_answers_name_the_field() -> None:
    """Answers a link could hold that the rules refuse: no advice, the same field named."""
    cases = [
        {"harm": "maybe"},
        {"harm": "no", "event": "lead_leaving", "family_agrees": 3},
    ]
    compare("change-lead", profile_for("merton", True), cases)
    who = [
        {"harm": "no", QUESTION_ID: [{"role": "teacher"}]},
        {"harm": "no", QUESTION_ID: [dict(FIXED_LISTS[1][0], role="astronaut")]},
        {"harm": "no", QUESTION_ID: [dict(FIXED_LISTS[1][0], colour="red")]},
        {"harm": "no", QUESTION_ID: FIXED_LISTS[1] * 9},
        {"harm": "no", QUESTION_ID: ["teacher"]},
        {"harm": "no", QUESTION_ID: "teacher"},
    ]
    compare("who-should-lead", profile_for("graduated-pathway", True), who)
    invalid = [c for c in answer_sets("consent-withdrawn", [])
               if expected("consent-withdrawn", c, profile_for("merton", True))["status"]
               == "invalid"]
    assert invalid, "consent-withdrawn has contradictory answers to refuse"


def _practitioner(profile: Profile) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries(
        {f.id: st.sampled_from(f.option_ids) for f in candidate_fields(profile)})


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(st.data())
def test_drawn_practitioners(data: st.DataObject) -> None:
    """Hypothesis draws practitioner lists (a batch of 150 per example, one Node process)."""
    profile_id, local = data.draw(st.sampled_from(VARIANTS))
    profile = profile_for(profile_id, local)
    tool = get_tool("who-should-lead")
    others = st.fixed_dictionaries({q.id: st.sampled_from(q.option_ids) for q in tool.questions})
    case = st.builds(lambda a, listed: {**a, QUESTION_ID: listed}, others,
                     st.lists(_practitioner(profile), max_size=8))
    cases = data.draw(st.lists(case, min_size=150, max_size=150))
    compare("who-should-lead", profile, cases)


def test_an_unknown_condition_kind_stops_the_build_by_name() -> None:
    class Moonphase:
        pass

    with pytest.raises(UnknownCondition, match="Moonphase"):
        condition(Moonphase())  # type: ignore[arg-type]


@pytest.mark.parametrize("profile_id", ["merton", "graduated-pathway"])
def test_compressed_size_under_the_goal(profile_id: str) -> None:
    """All three checklists' data, as the pages carry it, and the evaluator, compressed."""
    profile = profile_for(profile_id, True)
    blob = b"".join(
        json.dumps(compile_tool(t, profile), ensure_ascii=False, separators=(",", ":")).encode()
        for t in TOOLS.values()
    ) + EVALUATOR.read_bytes()
    sizes = {"brotli": len(brotli.compress(blob, quality=11)), "gzip": len(gzip.compress(blob, 9))}
    print(f"{profile_id}: {len(blob)} bytes, compressed {sizes}")
    assert max(sizes.values()) <= SIZE_GOAL, sizes
