"""Results share nothing a caller can change (the rules remember what they work out per
profile and per rule: engine.rule_shown, profiles.per_profile).

A caller may change the dict evaluate() gives it (the CLI, the record and the page's bridge
add and remove keys); the next result for the same answers, and for other answers that reach
the same rule, must read as if nothing had happened."""

from __future__ import annotations

import json
from typing import Any

import pytest

from lp_rules import PROFILE_IDS, emergency, evaluate, load_profile

from .conftest import NO_LOCAL
from .space import cand

CASES = [
    # urgent, with who to call and a warning beside it
    ("consent-withdrawn", {"harm": "yes", "who": "young_person", "competence": "not_applicable"}),
    ("change-lead", {"harm": "no", "event": "lead_leaving"}),
    ("who-should-lead", {"harm": "no", "social_care": "none", "existing_plan": "no",
                         "services": "several", "consent": "agreed",
                         "candidates": [cand(family_view="preferred"), cand(role="gp")]}),
]


def vandalise(value: Any) -> None:
    """Change every list and dict inside a result, however deep."""
    if isinstance(value, dict):
        for inner in value.values():
            vandalise(inner)
        value["vandal"] = True
        for key in [k for k, v in value.items() if isinstance(v, str)]:
            value[key] = "changed"
    elif isinstance(value, list):
        for inner in value:
            vandalise(inner)
        value.append("vandal")


@pytest.mark.parametrize("profile", [load_profile(p) for p in PROFILE_IDS] + [NO_LOCAL],
                         ids=[*PROFILE_IDS, "no-local"])
@pytest.mark.parametrize("explain", [False, True])
@pytest.mark.parametrize(("tool", "answers"), CASES, ids=[t for t, _ in CASES])
def test_changing_a_result_changes_no_later_one(tool: str, answers: dict[str, Any],
                                                profile: Any, explain: bool) -> None:
    first = evaluate(tool, answers, profile, explain=explain)
    as_given = json.dumps(first)
    vandalise(first)
    again = evaluate(tool, answers, profile, explain=explain)
    assert json.dumps(again) == as_given
    # the other way too: the explained and plain results read the same rules' memo
    vandalise(evaluate(tool, answers, profile, explain=not explain))
    assert json.dumps(evaluate(tool, answers, profile, explain=explain)) == as_given


def test_who_to_call_is_a_new_list_each_time() -> None:
    profile = load_profile(PROFILE_IDS[0])
    block = emergency.routes(profile)
    as_given = json.dumps(block)
    vandalise(block)
    assert json.dumps(emergency.routes(profile)) == as_given
