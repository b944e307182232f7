"""Issue 21 items 3 and 8, as the rules give them: an outcome's panel colour from the rules'
data (``go_ahead``), the steps these answers call for before the steps every outcome has, and
why-not and what-would-change as plain sentences."""

from __future__ import annotations

from typing import Any

import pytest

from lp_rules import evaluate
from lp_rules.checklists import TOOLS

from . import space

GENERIC = {"seek_child_views", "record_decision", "share_when_necessary", "monitor_safeguarding",
           "keep_door_open", "revisit_consent_at_review", "contact_support_coordinators"}
"""Steps many outcomes share (RULES.md principles 3, 6, 2; consent-withdrawn's engagement)."""
DO_NOW = 2
"""How many steps 'Do this now' shows on an outcome that is not urgent (outcome-view.js)."""


def test_go_ahead_is_never_urgent_or_an_escalation() -> None:
    for tool in TOOLS.values():
        for rule in tool.rules:
            assert not (rule.go_ahead and (rule.urgent or rule.escalation)), rule.code


SAFETY_CONCERN = ("yes", "unsure")
"""RULES.md principle 7: with a concern about contacting the family safely, every outcome that
is not urgent first says to agree safe contact with the designated safeguarding lead today."""


@space.check("full")
def go_ahead_unless_contact_is_unsafe(path: space.Path) -> str | None:
    """A go-ahead (the green panel) is the rule's, except where the answers raise a concern about
    contacting the family safely: "go ahead" above "before any contact, talk to your designated
    safeguarding lead today" would contradict itself. Tallies (the rule's go-ahead, held back).
    Where local practice is off an outcome may fall silent ("the guidance does not cover
    this": tests/rules/test_local_practice_off.py), so this reads builds with it on."""
    if not path.build.local_practice:
        return None
    result = path.result
    rule = TOOLS[path.tool].rules[result["rule_index"]]
    held = path.answers.get("safety") in SAFETY_CONCERN
    assert result["go_ahead"] is (rule.go_ahead and not held), rule.code
    return f"{rule.go_ahead} {held}"


LOCAL_ON = [b for b in space.BUILDS if b.local_practice]


@pytest.mark.parametrize("build", LOCAL_ON, ids=[b.id for b in LOCAL_ON])
def test_the_outcome_says_whether_it_is_a_go_ahead(build: space.Build) -> None:
    """On every full combination of answers, with local practice on (the shared pass,
    tests/rules/space.py; this test enumerated them itself, in the default area alone)."""
    for tool in TOOLS:
        seen = space.assert_held(build, go_ahead_unless_contact_is_unsafe, [tool])
        assert {"True False", "True True", "False False"} <= set(seen), (
            f"{tool}: each tool has go-aheads, go-aheads held back by a safety concern, and "
            f"other outcomes")


def _first(tool_id: str, answers: dict[str, Any]) -> list[str]:
    return [a["code"] for a in evaluate(tool_id, answers)["actions"]][:DO_NOW]


CHANGE = dict(harm="no", safety="no", event="lead_leaving", concern_about_lead="no",
              family_agrees="yes", successor="yes", consent_covers_successor="yes",
              changes_so_far="none")


@pytest.mark.parametrize("changed, step", [
    (dict(consent_covers_successor="no"), "revisit_consent"),
    (dict(family_agrees="not_asked"), "consult_family"),
    (dict(successor="no"), "identify_successor"),
    (dict(event="initial_taf", consent_covers_successor="unsure"), "revisit_consent"),
])
def test_change_lead_shows_what_the_answers_call_for_first(changed: dict[str, str],
                                                           step: str) -> None:
    """Issue 21: "check the family's agreement covers the new lead" was under Every action
    while "Do this now" showed seeking the child's views."""
    first = _first("change-lead", dict(CHANGE, **changed))
    assert step in first and not set(first) & GENERIC, first


def test_consent_withdrawn_shows_what_the_answers_call_for_first() -> None:
    base = dict(harm="no", safety="no", who="whole_family", scope="all_early_help",
                escalation_risk="no", how="told_us", reason="other")
    assert "stop_consent_based_sharing" in _first("consent-withdrawn", base)
    assert "consider_escalation" in _first("consent-withdrawn", dict(base, escalation_risk="yes"))
    stopped = _first("consent-withdrawn", dict(base, how="stopped_engaging"))
    assert "review_non_engagement" in stopped, stopped


def test_who_should_lead_asks_the_family_about_the_suggested_practitioner_first() -> None:
    answers = dict(harm="no", safety="no", social_care="none", existing_plan="no",
                   services="several", consent="agreed", young_person_can_consent="no",
                   candidates=[dict(role="teacher", relationship="good", family_view="not_asked",
                                    main_needs="yes", capacity="yes", leaving_soon="no")])
    assert _first("who-should-lead", answers) == ["convene_taf", "ask_family"]


def test_why_not_and_what_would_change_read_as_sentences() -> None:
    answers = dict(harm="no", safety="no", who="whole_family", scope="one_service",
                   escalation_risk="no", how="told_us", reason="other")
    result = evaluate("consent-withdrawn", answers, explain=True)
    assert result["why_not"][0]["sentence"] == (
        "It is not “Act now: follow safeguarding procedures and refer”, because your answer to "
        "“Significant harm suspected” is “No”.")
    assert {"question": "harm", "answer": "yes"}.items() <= result["what_would_change"][0].items()
    assert result["what_would_change"][0]["sentence"] == (
        "It would be “Act now: follow safeguarding procedures and refer” if “Significant harm "
        "suspected” were “Yes”.")
    for entry in result["why_not"] + result["what_would_change"]:
        assert entry["sentence"].startswith("It ") and entry["sentence"].endswith("."), entry
