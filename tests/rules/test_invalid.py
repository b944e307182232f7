"""Bad input: the API raises InvalidAnswers naming the field and the valid choices; the CLI
exits 2 with that one line on stderr and prints nothing on stdout. Never a recommendation."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lp_rules import PROFILE_IDS, InvalidAnswers, evaluate
from lp_rules.cli import main

from . import fuzz_count, space
from .conftest import choice_questions

CASES: list[tuple[str, Any, str, str]] = [
    # tool, answers, field named, a valid choice the message must list
    ("nope", {}, "tool", "consent-withdrawn"),
    ("who-should-lead", {"harm": "maybe"}, "answers.harm", "unsure"),
    ("who-should-lead", {"harm": 1}, "answers.harm", "yes"),
    ("who-should-lead", {"harm": None}, "answers.harm", "no"),
    ("who-should-lead", {"colour": "red"}, "answers.colour", "social_care"),
    ("change-lead", {"candidates": []}, "answers.candidates", "event"),
    ("who-should-lead", [], "answers", "object"),
    ("who-should-lead", {"candidates": "teacher"}, "answers.candidates", "role"),
    ("who-should-lead", {"candidates": [{}] * 17}, "answers.candidates", "8"),
    ("who-should-lead", {"harm": "no", "candidates": [{"role": "gp", "relationship": "good",
     "family_view": "agrees", "main_needs": "yes", "capacity": "yes", "leaving_soon": "no"}] * 9},
     "answers.candidates", "8"),
    ("who-should-lead", {"candidates": [1]}, "answers.candidates[0]", "relationship"),
    ("who-should-lead", {"candidates": [{"role": "gp"}]}, "answers.candidates[0].relationship", "role"),
    ("who-should-lead",
     {"candidates": [{"role": "vet", "relationship": "good", "family_view": "agrees",
                      "main_needs": "yes", "capacity": "yes", "leaving_soon": "no"}]},
     "answers.candidates[0].role", "health_visitor"),
    ("who-should-lead",
     {"candidates": [{"role": "gp", "relationship": "good", "family_view": "agrees",
                      "main_needs": "yes", "capacity": "yes", "leaving_soon": "no", "name": "x"}]},
     "answers.candidates[0].name", "family_view"),
]


@pytest.mark.parametrize("tool,answers,field,valid", CASES)
def test_api_names_the_field_and_valid_choices(tool: str, answers: Any, field: str, valid: str) -> None:
    with pytest.raises(InvalidAnswers) as raised:
        evaluate(tool, answers)
    assert raised.value.field == field
    assert str(raised.value).startswith(field + ":")
    assert valid in str(raised.value)
    assert "\n" not in str(raised.value)


def test_unknown_profile() -> None:
    with pytest.raises(InvalidAnswers, match="valid: " + ", ".join(PROFILE_IDS)):
        evaluate("change-lead", {}, profile="atlantis")


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stopped:
        main(list(argv))
    out, err = capsys.readouterr()
    code = stopped.value.code
    assert isinstance(code, int)
    return code, out, err


@pytest.mark.parametrize("tool,answers,field,valid", CASES)
def test_cli_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], tool: str, answers: Any,
                                   field: str, valid: str) -> None:
    code, out, err = _cli(capsys, "evaluate", tool, "--answers", json.dumps(answers))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and field in err and valid in err


@pytest.mark.parametrize("argv", [
    ["evaluate", "change-lead", "--answers", "{harm: no}"],
    ["evaluate", "change-lead", "--answers", ""],
    ["evaluate"],
    ["frobnicate"],
    ["evaluate", "change-lead", "--profile", "atlantis"],
])
def test_cli_malformed_input(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = _cli(capsys, *argv)
    assert code == 2 and out == "" and err.startswith("error:") and err.count("\n") == 1


def test_cli_evaluates_and_prints_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "consent-withdrawn", "--answers", '{"harm": "yes"}']) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["recommendation"] == "safeguarding_referral"
    assert main(["schema"]) == 0
    tools = json.loads(capsys.readouterr().out)["tools"]
    assert [t["id"] for t in tools] == ["who-should-lead", "change-lead", "consent-withdrawn"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
TOOL_IDS = ["who-should-lead", "change-lead", "consent-withdrawn"]


@st.composite
def near_valid(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """Mostly valid answers with one value broken: the hardest case for a validator."""
    tool = draw(st.sampled_from(TOOL_IDS))
    questions = choice_questions(tool)
    answers: dict[str, Any] = {qid: draw(st.sampled_from(opts)) for qid, opts in questions}
    broken = draw(st.sampled_from([qid for qid, _ in questions] + ["candidates", "extra"]))
    answers[broken] = draw(json_values)
    return tool, answers


def _evaluate_or_refuse(tool: Any, answers: Any) -> None:
    fuzz_count.inputs += 1
    try:
        result = evaluate(tool, answers)
    except InvalidAnswers as err:
        assert err.field and "\n" not in err.message
        return
    assert result["status"] in ("complete", "needs_more")


@settings(max_examples=space.examples(150), deadline=None)
@given(st.one_of(st.sampled_from(TOOL_IDS), json_values), json_values)
def test_fuzz_api_with_arbitrary_json(tool: Any, answers: Any) -> None:
    """Any tool and answers: nearly every draw is refused as a tool or an answer set (a drawn
    key is never a question id), so 150 draws try those refusals; each answer's own checks are
    the next test's. Its cost is hypothesis drawing nested JSON, not the package: 600 draws
    took 11 s, and 100 found either refusal removed (an unhashable tool looked up; answers that
    are not an object read as one) in each of 5 runs."""
    _evaluate_or_refuse(tool, answers)


@settings(max_examples=space.examples(600), deadline=None)
@given(near_valid())
def test_fuzz_api_with_one_broken_answer(case: tuple[str, dict[str, Any]]) -> None:
    _evaluate_or_refuse(*case)


@settings(max_examples=space.examples(150), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # capsys is drained each run
@given(st.sampled_from(TOOL_IDS), st.text(max_size=40))
def test_fuzz_cli_with_arbitrary_text(capsys: pytest.CaptureFixture[str], tool: str, text: str) -> None:
    fuzz_count.inputs += 1
    try:
        json.loads(text)
    except ValueError:
        code, out, err = _cli(capsys, "evaluate", tool, "--answers", text)
        assert code == 2 and out == "" and err.count("\n") == 1
        return
    try:
        assert main(["evaluate", tool, "--answers", text]) == 0
        json.loads(capsys.readouterr().out)
    except SystemExit as stopped:
        assert stopped.code == 2
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1


@pytest.mark.parametrize("answers,field", [
    ('{"candidates": [{"role": "gp", "role": "teacher"}]}', "answers.candidates[0].role"),
    ('{"harm": "no", "harm": "yes"}', "answers.harm"),
    ('{"k\\n\\u001b[1m": 1, "k\\n\\u001b[1m": 2}', "answers['k\\n\\x1b[1m']"),
])
def test_cli_names_a_repeated_key_by_its_exact_path(capsys: pytest.CaptureFixture[str],
                                                    answers: str, field: str) -> None:
    """Issue 24: a key repeated inside a practitioner was reported as `answers.role`, and a
    hostile key was printed raw (its newline broke the one-line message)."""
    code, out, err = _cli(capsys, "evaluate", "who-should-lead", "--answers", answers)
    assert (code, out, err) == (2, "", f"error: {field}: given more than once\n")


def test_cli_refuses_answers_given_twice(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(capsys, "evaluate", "who-should-lead", "--answers", "{}",
                          "--answers", '{"harm": "yes"}')
    assert code == 2 and out == "" and err.count("\n") == 1 and "more than once" in err


DEPTH = 1500
"""Deeper than Python's recursion limit (1000), as deep as Pyodide's stack lets a test build."""


def test_deeply_nested_answers_raise_the_package_exception() -> None:
    """Not RecursionError: the API's callers catch InvalidAnswers."""
    nested: object = []
    for _ in range(DEPTH):
        nested = [nested]
    with pytest.raises(InvalidAnswers):
        evaluate("who-should-lead", {"harm": nested})
    deep: dict[str, object] = {}
    for _ in range(DEPTH):
        deep = {"a": deep}
    with pytest.raises(InvalidAnswers):
        evaluate("who-should-lead", deep)


# Principle 1 (rules 2.1): "When `harm` is `yes` or `unsure`, the urgent outcome is given
# whatever else the answers hold: a contradiction or an over-long list among answers that
# `harm` makes irrelevant is reported beside the urgent outcome (in the JSON, a `warnings`
# list), never instead of it. ... An invalid value or wrong type anywhere ... are still refused
# (exit 2)."
PRACTITIONER = {"role": "gp", "relationship": "good", "family_view": "agrees", "main_needs": "yes",
                "capacity": "yes", "leaving_soon": "no"}
CONTRADICTION = {"who": "young_person", "competence": "not_applicable"}
URGENT = {("consent-withdrawn", "yes"): "safeguarding_referral",
          ("consent-withdrawn", "unsure"): "seek_safeguarding_advice",
          ("who-should-lead", "yes"): "safeguarding_first",
          ("who-should-lead", "unsure"): "safeguarding_first"}
BESIDE_URGENT = [
    ("consent-withdrawn", CONTRADICTION, "competence"),
    ("who-should-lead", {"candidates": [PRACTITIONER] * 9}, "9 practitioners"),
    ("who-should-lead", {"candidates": [PRACTITIONER] * 16, "services": "one"}, "16 practitioners"),
]


@pytest.mark.parametrize("harm", ["yes", "unsure"])
@pytest.mark.parametrize("tool,others,named", BESIDE_URGENT)
def test_a_problem_beside_harm_gives_the_urgent_outcome_with_a_warning(
        tool: str, others: dict[str, Any], named: str, harm: str) -> None:
    for answers in (dict(others, harm=harm), dict({"harm": harm}, **others)):  # either order
        result = evaluate(tool, answers)
        assert result["status"] == "complete" and result["urgent"] is True
        assert result["recommendation"] == URGENT[(tool, harm)]
        assert len(result["warnings"]) == 1
        warning = result["warnings"][0]
        assert "_" not in warning and "\n" not in warning, "plain words, not ids"
        if named == "competence":
            assert "decide for themselves" in warning
        else:
            assert named in warning


@pytest.mark.parametrize("tool,others,named", BESIDE_URGENT)
def test_the_cli_gives_the_urgent_outcome_and_exits_0(
        capsys: pytest.CaptureFixture[str], tool: str, others: dict[str, Any], named: str) -> None:
    assert main(["evaluate", tool, "--answers", json.dumps(dict(others, harm="yes"))]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["urgent"] is True and len(result["warnings"]) == 1


@pytest.mark.parametrize("harm", [None, "no"])
@pytest.mark.parametrize("tool,others,named", BESIDE_URGENT)
def test_without_harm_suspected_the_same_answers_are_refused(
        tool: str, others: dict[str, Any], named: str, harm: str | None) -> None:
    answers = dict(others) if harm is None else dict(others, harm=harm)
    with pytest.raises(InvalidAnswers) as refused:
        evaluate(tool, answers)
    field = "answers.competence" if named == "competence" else "answers.candidates"
    assert refused.value.field == field


@pytest.mark.parametrize("tool,answers,field", [
    ("consent-withdrawn", {"harm": "yes", "who": "young_person", "competence": "maybe"},
     "answers.competence"),
    ("consent-withdrawn", {"harm": "yes", "scope": 3, **CONTRADICTION}, "answers.scope"),
    ("who-should-lead", {"harm": "yes", "candidates": [PRACTITIONER] * 8 + [{"role": "vet"}]},
     "answers.candidates[8].relationship"),
    ("who-should-lead", {"harm": "yes", "candidates": [PRACTITIONER] * 17}, "answers.candidates"),
    ("who-should-lead", {"harm": "yes", "colour": "red"}, "answers.colour"),
    ("who-should-lead", {"harm": "maybe", "candidates": [PRACTITIONER] * 9}, "answers.harm"),
])
def test_invalid_values_are_refused_even_when_harm_is_suspected(
        tool: str, answers: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidAnswers) as refused:
        evaluate(tool, answers)
    assert refused.value.field == field


@pytest.mark.parametrize("tool", TOOL_IDS)
def test_every_result_carries_warnings(tool: str) -> None:
    """Shared contract 2: rules 2.1 JSON gains "warnings": [] (and rules_version 2.1.0)."""
    for answers in ({}, {"harm": "no"}, {"harm": "yes"}):
        result = evaluate(tool, answers)
        assert result["warnings"] == [] and result["rules_version"] == "2.1.0"
