"""The worked scenarios trainers teach from (training-scenarios.toml), read as a trainer would.

Every scenario is complete in both profiles, every answer it gives is in its story, between them
they reach every outcome of every checklist, and the ones rules 2.0 changed teach the change.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from lp_rules import PROFILE_IDS, TOOL_IDS, evaluate, get_tool, load_profile

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

from sitegen import scenarios  # noqa: E402

SCENARIOS = scenarios.load()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s["title"])
def test_every_answer_is_in_the_story(scenario: dict[str, object]) -> None:
    assert scenarios.untold_answers(scenario) == []


def test_a_story_missing_an_answer_is_caught() -> None:
    scenario = {"tool": "change-lead", "situation": "The lead is on leave.",
                "answers": {"harm": "no", "event": "absence_short"},
                "says": {"event": "on leave", "harm": "no concern of significant harm"}}
    assert scenarios.untold_answers(scenario) == ["harm"]


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_every_outcome_of_every_checklist_is_taught(profile_id: str) -> None:
    # Coverage of the rules, with local practice on (a new authority starts with it off, and
    # then outcomes resting on local practice alone read "the guidance does not cover this").
    profile = replace(load_profile(profile_id), local_practice=True)
    reached: dict[str, set[str]] = {tool: set() for tool in TOOL_IDS}
    for s in SCENARIOS:
        result = evaluate(s["tool"], s["answers"], profile)
        assert result["status"] == "complete", (s["title"], result["next"])
        reached[s["tool"]].add(result["recommendation"])
    for tool in TOOL_IDS:
        assert reached[tool] == {rule.code for rule in get_tool(tool).rules}, tool


def _find(title_word: str) -> dict[str, object]:
    return next(s for s in SCENARIOS if title_word in str(s["title"]))


def test_the_leaving_soon_scenario_teaches_the_2_0_ranking() -> None:
    s = _find("leaving next month")
    result = evaluate(s["tool"], s["answers"])
    listed = s["answers"]["candidates"]  # type: ignore[index]
    suggested = listed[result["suggested_candidate"]]
    assert suggested["leaving_soon"] == "no"
    assert any(c["leaving_soon"] == "yes" and c["family_view"] == "preferred" for c in listed)
    assert "leaving soon" in str(s["teach"])


def test_a_scenario_teaches_what_to_do_when_a_child_discloses() -> None:
    s = _find("discloses")
    assert evaluate(s["tool"], s["answers"])["recommendation"] == "safeguarding_first"
    teach = str(s["teach"])
    assert "Do not promise to keep it secret" in teach
    assert "designated safeguarding lead straight away" in teach
