"""Every combination of single-choice answers, for every tool and profile, against the oracle.

Each full set of answers must give a complete outcome with the one recommendation the rules 2.0
tables give (first match wins), the sources their "sources" column names, at least one
citation, citations on every action, and actions exactly where the contract says they apply.
Who-should-lead runs every combination with a fixed set of candidate lists that reach every
branch of the ranking, and hypothesis draws more lists. Each profile is run with its local
practice on and switched off.

A run does not stop at the first disagreement: it collects them all and reports each kind once,
with how many combinations show it and one example.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lp_rules import InvalidAnswers, Profile, evaluate, load_profile

from . import oracle

VARIANTS = [("merton", True), ("graduated-pathway", True), ("merton", False),
            ("graduated-pathway", False)]
VARIANT_IDS = ["merton", "graduated-pathway", "merton-no-local", "graduated-pathway-no-local"]


def profile_for(profile_id: str, local_practice: bool) -> Profile:
    profile = load_profile(profile_id)
    return profile if local_practice else replace(profile, local_practice=False)


def cand(**changes: str) -> dict[str, str]:
    c = dict(role="teacher", relationship="good", family_view="agrees", main_needs="yes",
             capacity="yes", leaving_soon="no")
    c.update(changes)
    return c


# Candidate lists that reach every branch of who-should-lead's ranking; hypothesis draws more.
FIXED_LISTS: list[list[dict[str, str]]] = [
    [],                                                       # nobody listed: no suggestion
    [cand(family_view="preferred")],                          # a good one
    [cand(role="gp", family_view="not_asked")],               # ask the family
    [cand(family_view="objects")],                            # objects: nobody suitable
    [cand(relationship="poor")],                              # poor relationship
    [cand(capacity="no")],                                    # no capacity (LOCAL)
    [cand(leaving_soon="yes")],                               # only a leaver
    [cand(family_view="preferred", leaving_soon="yes"),       # stayer who agrees beats a
     cand(role="school_nurse")],                              # preferred leaver
    [cand(family_view="objects"), cand(role="gp", family_view="not_asked")],
    [cand(relationship="neutral"), cand(role="senco", main_needs="no")],  # relationship > needs
    [cand(), cand(role="gp", family_view="preferred", relationship="neutral")],  # view > rel.
    [cand(main_needs="no"), cand(role="health_visitor")],     # main needs break the tie
    [cand(), cand(role="senco")],                             # a tie keeps the order given
    [cand(family_view="preferred", capacity="no"), cand(role="gp")],  # capacity (LOCAL)
    [cand(family_view="not_asked", leaving_soon="yes"),
     cand(role="other", family_view="preferred", leaving_soon="yes")],  # leavers only
    [cand(family_view="objects"), cand(relationship="poor"), cand(capacity="no")],
    [cand(role=r, family_view=v, relationship=rel, leaving_soon=ls)   # eight, the most allowed
     for r, v, rel, ls in [("gp", "objects", "good", "no"), ("senco", "agrees", "poor", "no"),
                           ("other", "not_asked", "neutral", "yes"),
                           ("social_worker", "agrees", "neutral", "no"),
                           ("health_visitor", "preferred", "good", "yes"),
                           ("school_nurse", "agrees", "good", "no"),
                           ("family_support_worker", "not_asked", "good", "no"),
                           ("teacher", "agrees", "good", "no")]],
]
MERTON_ONLY_LISTS = [[cand(role="family_wellbeing_practitioner", family_view="preferred")]]


def _codes(result: dict[str, Any]) -> list[str]:
    return [a["code"] for a in result["actions"]]


def check(tool: str, answers: dict[str, Any], profile_id: str, local_practice: bool,
          ) -> dict[str, Any]:
    """Evaluate and assert everything the contract says of a full set of answers."""
    result = evaluate(tool, answers, profile_for(profile_id, local_practice))
    code = oracle.recommend(tool, answers, local_practice)
    assert result["status"] == "complete", f"status {result['status']}, next {result['next']}"
    assert result["next"] == [], "a complete outcome needs nothing more"
    assert result["recommendation"] == code, \
        f"recommendation: expected {code}, got {result['recommendation']}"
    assert result["urgent"] is oracle.urgent(answers), f"urgent {result['urgent']} on {code}"
    assert result["title"] and result["summary"] and result["reasons"], "title/summary/reasons"

    # Citations: at least one, known tags, and the sources column.
    assert result["citations"], f"{code}: no citation"
    sources = {c["source"] for c in result["citations"]}
    for c in result["citations"]:
        assert c["source"] in oracle.SOURCE_TAGS, f"unknown source {c['source']}"
        assert c["url"] and c["section"], f"{code}: citation without url or section"
    required, forbidden = oracle.expected_sources(tool, answers, code, profile_id,
                                                  local_practice)
    assert required <= sources, f"{code}: sources lack {sorted(required - sources)}"
    assert not forbidden & sources, f"{code}: sources must not include {sorted(forbidden & sources)}"

    # Actions: each once, each cited, the contract's conditions.
    codes = _codes(result)
    assert len(codes) == len(set(codes)), f"{code}: an action twice: {codes}"
    for action in result["actions"]:
        tags = set(action["citations"])
        assert tags, f"{action['code']} cites nothing"
        assert tags <= oracle.SOURCE_TAGS, f"{action['code']} cites unknown {tags}"
        assert action["text"] and "{" not in action["text"], f"{action['code']}: placeholder"
        if not local_practice:
            assert "LOCAL" not in tags, f"local practice off, yet {action['code']} cites LOCAL"
        need, never = oracle.expected_action_sources(action["code"], profile_id)
        assert need <= tags, f"{action['code']} lacks citation {sorted(need - tags)}"
        assert not never & tags, f"{action['code']} must not cite {sorted(never & tags)}"
    must, must_not = oracle.expected_actions(tool, answers, code, profile_id, local_practice)
    assert must <= set(codes), f"{code}: missing actions {sorted(must - set(codes))}"
    assert not must_not & set(codes), f"{code}: unexpected actions {sorted(must_not & set(codes))}"

    if tool == "who-should-lead":
        settled, best = oracle.expected_suggestion(code, answers, local_practice)
        if settled:
            assert result["suggested_candidate"] == best, \
                f"{code}: suggested {result['suggested_candidate']}, expected {best}"
        if code in ("agree_at_taf", "no_suitable_candidate"):
            listed = answers["candidates"]
            assert len(result["candidates"]) == len(listed), "one entry per candidate"
            for given_c, assessed in zip(listed, result["candidates"]):
                assert assessed["eligible"] == oracle.eligible(given_c, local_practice), \
                    f"eligible {assessed['eligible']} for {given_c}"
                assert "score" in assessed, "each candidate has a score"
                assert assessed["reasons"], "every candidate gets reasons"
    assert result["tool"] == tool and result["profile"] == profile_id
    assert result["rules_version"] == oracle.RULES_VERSION, result["rules_version"]
    return result


class Disagreements:
    """Collects failures by kind so a run shows every kind of disagreement at once."""

    def __init__(self) -> None:
        self.kinds: dict[str, list[Any]] = defaultdict(list)
        self.tried = 0

    def run(self, tool: str, answers: dict[str, Any], profile_id: str, local: bool,
            ) -> dict[str, Any] | None:
        self.tried += 1
        try:
            return check(tool, answers, profile_id, local)
        except (AssertionError, InvalidAnswers) as exc:
            self.kinds[f"{type(exc).__name__}: {exc}".splitlines()[0]].append(answers)
            return None

    def assert_none(self) -> None:
        if self.kinds:
            lines = [f"{len(v)} of {self.tried} combinations: {k}\n    e.g. {v[0]}"
                     for k, v in sorted(self.kinds.items(), key=lambda kv: -len(kv[1]))]
            pytest.fail("\n".join(lines[:40]), pytrace=False)


def expected_codes(tool: str, local_practice: bool) -> set[str]:
    codes = set(oracle.RULE_CODES[tool])
    if not local_practice and oracle.LOCAL_ONLY.get(tool):
        codes = (codes - oracle.LOCAL_ONLY[tool]) | {oracle.SILENT}
    return codes


@pytest.mark.parametrize(("profile_id", "local"), VARIANTS, ids=VARIANT_IDS)
@pytest.mark.parametrize("tool", ["change-lead", "consent-withdrawn"])
def test_every_combination(tool: str, profile_id: str, local: bool) -> None:
    found = Disagreements()
    seen = set()
    for answers in oracle.all_full_answers(tool):
        result = found.run(tool, answers, profile_id, local)
        if result is not None:
            seen.add(result["recommendation"])
    assert found.tried == {"change-lead": 1944, "consent-withdrawn": 2376}[tool]
    found.assert_none()
    assert seen == expected_codes(tool, local), "every rule is reachable"


@pytest.mark.parametrize(("profile_id", "local"), VARIANTS, ids=VARIANT_IDS)
def test_every_combination_who_should_lead(profile_id: str, local: bool) -> None:
    found = Disagreements()
    seen = set()
    lists = FIXED_LISTS + (MERTON_ONLY_LISTS if profile_id == "merton" else [])
    for answers in oracle.all_full_answers("who-should-lead"):
        for listed in lists:
            result = found.run("who-should-lead", dict(answers, candidates=listed),
                               profile_id, local)
            if result is not None:
                seen.add(result["recommendation"])
    assert found.tried == 384 * len(lists)
    found.assert_none()
    assert seen == expected_codes("who-should-lead", local), "every rule is reachable"


@pytest.mark.parametrize(("profile_id", "local"), VARIANTS, ids=VARIANT_IDS)
def test_contradictory_answers_are_refused_naming_competence(profile_id: str,
                                                            local: bool) -> None:
    """`who` = `young_person` with `not_applicable` is contradictory: invalid input (exit 2,
    names `competence`)."""
    refused = 0
    for answers in oracle.all_answers("consent-withdrawn"):
        if not oracle.is_invalid("consent-withdrawn", answers):
            continue
        with pytest.raises(InvalidAnswers) as caught:
            evaluate("consent-withdrawn", answers, profile_for(profile_id, local))
        assert "competence" in str(caught.value), (answers, str(caught.value))
        refused += 1
    assert refused == 3 * 3 * 3 * 2 * 4


WHO_ANSWERS = list(oracle.all_full_answers("who-should-lead"))


@st.composite
def drawn_case(draw: st.DrawFn) -> tuple[str, bool, dict[str, Any]]:
    profile_id, local = draw(st.sampled_from(VARIANTS))
    fields = dict(oracle.CANDIDATE_FIELDS, role=oracle.PROFILE_ROLES[profile_id])
    one = st.fixed_dictionaries({k: st.sampled_from(v) for k, v in fields.items()})
    listed = draw(st.lists(one, min_size=0, max_size=oracle.MAX_CANDIDATES))
    answers = draw(st.sampled_from(WHO_ANSWERS))
    return profile_id, local, dict(answers, candidates=listed)


@settings(max_examples=600, deadline=None)
@given(drawn_case())
def test_who_should_lead_with_drawn_candidates(case: tuple[str, bool, dict[str, Any]]) -> None:
    profile_id, local, answers = case
    check("who-should-lead", answers, profile_id, local)


@settings(max_examples=400, deadline=None)
@given(drawn_case())
def test_drawn_candidates_where_the_ranking_decides(case: tuple[str, bool, dict[str, Any]],
                                                    ) -> None:
    """The same, with the answers that reach the candidate list (no harm, no social care, no
    plan, several services, agreement), so every draw exercises the ranking."""
    profile_id, local, answers = case
    answers.update(harm="no", social_care="none", existing_plan="no", services="several",
                   consent="agreed")
    check("who-should-lead", answers, profile_id, local)
