"""The rules 2.1 worked examples (tests/rules/worked_examples.json), in both profiles.

Each example gives answers and what they must give: a status, a recommendation, a suggested
practitioner, the first question still needed, actions that must and must not appear, or an
``error`` naming the field that makes the answers invalid (the CLI refuses them with exit 2),
source tags the outcome must cite. ``cli_only`` examples are refused by the API as by the CLI.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from dataclasses import replace

from lp_rules import PROFILE_IDS, InvalidAnswers, evaluate, load_profile
from lp_rules.cli import main

from .conftest import WORKED_EXAMPLES

EXAMPLES: list[dict[str, Any]] = json.loads(WORKED_EXAMPLES.read_text(encoding="utf-8"))
PROFILE_DETAILS = {"review_every_6_8_weeks": "review_interval"}
"""Actions that exist only where a profile has the detail they need (RULES.md)."""


def test_the_worked_examples_cover_every_tool_and_both_kinds_of_error() -> None:
    assert len(EXAMPLES) >= 39
    assert {e["tool"] for e in EXAMPLES} == {"who-should-lead", "change-lead", "consent-withdrawn"}
    assert sum("error" in e["expect"] for e in EXAMPLES) >= 2


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e["name"])
def test_worked_example(example: dict[str, Any], profile_id: str) -> None:
    # The worked examples are the contract's, with local practice on (as both seeds have it); a
    # new authority starts with it off, so its examples run with it switched on.
    profile = replace(load_profile(profile_id), local_practice=True)
    expect = example["expect"]
    if "error" in expect:
        with pytest.raises(InvalidAnswers) as refused:
            evaluate(example["tool"], example["answers"], profile)
        assert refused.value.field == f"answers.{expect['error']}"
        return
    result = evaluate(example["tool"], example["answers"], profile)
    assert result["status"] == expect["status"]
    for key in ("recommendation", "suggested_candidate"):
        if key in expect:
            assert result[key] == expect[key]
    if "next_first" in expect:
        assert result["next"][0] == expect["next_first"]
    codes = [a["code"] for a in result["actions"]]
    for code in expect.get("actions_include", []):
        if code in PROFILE_DETAILS and not getattr(profile, PROFILE_DETAILS[code]):
            assert code not in codes, f"{code} needs a {PROFILE_DETAILS[code]} this area has not"
        else:
            assert code in codes, f"{code} missing from {codes}"
    for code in expect.get("actions_exclude", []):
        assert code not in codes, f"{code} should not be in {codes}"
    cited = {c["source"] for c in result["citations"]}
    for tag in expect.get("citations_include", []):
        assert tag in cited, f"{tag} missing from {sorted(cited)}"
    assert result["warnings"] == [], "valid answers give no warnings"


@pytest.mark.parametrize("example", [e for e in EXAMPLES if "error" in e["expect"]],
                         ids=lambda e: e["name"])
def test_the_cli_refuses_the_examples_that_are_errors(
        example: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    """RULES.md: bad input "exits with status 2 and a one-line error on stderr" that names the
    bad field."""
    with pytest.raises(SystemExit) as stopped:
        main(["evaluate", example["tool"], "--answers", json.dumps(example["answers"])])
    out, err = capsys.readouterr()
    assert stopped.value.code == 2 and out == ""
    assert err.count("\n") == 1 and f"answers.{example['expect']['error']}" in err
