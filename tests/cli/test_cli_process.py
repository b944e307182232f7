"""The CLI as a user runs it: a real process, its exit status, stdout and stderr.

(Not part of the in-Pyodide run: Pyodide has no subprocesses. The same cases run in-process in
tests/rules/test_invalid.py, there too.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lp_rules.profiles import PROFILE_IDS
from tests.rules.oracle import authorities_where

WITHOUT_FAMILY_WELLBEING = authorities_where(
    lambda facts: "family_wellbeing_practitioner" not in facts["roles"])[0]
"""An area whose guidance has no Family Wellbeing practitioners (its oracle table's roles)."""

SRC = Path(__file__).resolve().parents[2] / "src"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    return subprocess.run([sys.executable, "-m", "lp_rules", *args], capture_output=True,
                          text=True, env=env, timeout=60)


def test_evaluate_prints_the_outcome_json() -> None:
    done = run("evaluate", "change-lead", "--answers", '{"harm": "no", "safety": "no", "event": "absence_short"}')
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["recommendation"] == "cover_absence" and result["status"] == "complete"


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_schema_prints_every_tool(profile_id: str) -> None:
    done = run("schema", "--profile", profile_id)
    assert done.returncode == 0
    assert len(json.loads(done.stdout)["tools"]) == 3


@pytest.mark.parametrize("args,named", [
    (["evaluate", "who-should-lead", "--answers", '{"harm": "perhaps"}'], "answers.harm"),
    (["evaluate", "who-should-lead", "--answers", "not json"], "--answers"),
    (["evaluate", "leaders", "--answers", "{}"], "tool"),
    (["evaluate", "change-lead", "--answers", '{"event": ["lead_leaving"]}'], "answers.event"),
    # Rules 2.0: 1.0's ids are refused (the CLI stays strict), and so are contradictory answers.
    (["evaluate", "who-should-lead", "--answers", '{"harm": "no", "social_care": "child_in_need"}'],
     "answers.social_care"),
    (["evaluate", "who-should-lead", "--answers", '{"young_person_view": "yes"}'],
     "answers.young_person_view"),
    (["evaluate", "consent-withdrawn", "--answers",
      '{"harm": "no", "who": "young_person", "competence": "not_applicable"}'], "answers.competence"),
    (["evaluate", "who-should-lead", "--profile", WITHOUT_FAMILY_WELLBEING, "--answers",
      '{"candidates": [{"role": "family_wellbeing_practitioner", "relationship": "good", '
      '"family_view": "agrees", "main_needs": "yes", "capacity": "yes", "leaving_soon": "no"}]}'],
     "answers.candidates[0].role"),
])
def test_bad_input_exits_2_with_one_line(args: list[str], named: str) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and named in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("answers,named", [
    ("[" * 3000 + "]" * 3000, "nested too deeply"),
    ('{"harm": ' + "9" * 5000 + "}", "--answers: holds a number too long to read"),
    # About the largest argument Linux passes (128 KiB): 10,000 keys, read in linear time.
    ("{" + ", ".join(f'"k{i}": 0' for i in range(10_000)) + ', "k0": 1}', "answers.k0: given more than once"),
    ('{"harm": "no", "harm": "yes"}', "answers.harm: given more than once"),
    ('{"harm": "yes", "harm": "no"}', "answers.harm: given more than once"),
    ('{"harm": ' + "[" * 900 + "]" * 900 + "}", "answers.harm"),
])
def test_hostile_json_exits_2_with_one_line(answers: str, named: str) -> None:
    done = run("evaluate", "who-should-lead", "--answers", answers)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and named in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "sys." not in done.stderr


def test_a_closed_output_pipe_exits_2_with_one_line() -> None:
    """As with `| head` when the reader has gone: the pipe's read end is closed first, so the
    write fails whatever the output's size and the timing."""
    env = dict(os.environ, PYTHONPATH=str(SRC))
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([sys.executable, "-m", "lp_rules", "schema"], stdout=write_end,
                              stderr=subprocess.PIPE, env=env, timeout=60, text=True)
    finally:
        os.close(write_end)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "closed it" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("answers,recommendation", [
    ('{"who": "young_person", "competence": "not_applicable", "harm": "yes"}', "safeguarding_referral"),
    ('{"harm": "unsure", "who": "young_person", "competence": "not_applicable"}',
     "seek_safeguarding_advice"),
])
def test_harm_beside_a_contradiction_gives_the_urgent_outcome_and_exits_0(
        answers: str, recommendation: str) -> None:
    """Rules 2.1, principle 1: "when `harm` is `yes` or `unsure`, a contradiction ... among the
    other answers gives the urgent outcome, exit 0, with the problem in `warnings`"."""
    done = run("evaluate", "consent-withdrawn", "--answers", answers)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["recommendation"] == recommendation and result["urgent"] is True
    assert len(result["warnings"]) == 1 and done.stderr == ""
    assert result["rules_version"] == "2.1.0"


def test_the_same_contradiction_without_harm_still_exits_2() -> None:
    done = run("evaluate", "consent-withdrawn", "--answers",
               '{"harm": "no", "safety": "no", "who": "young_person", "competence": "not_applicable"}')
    assert done.returncode == 2 and done.stdout == "" and "answers.competence" in done.stderr


# Issue 24 item 6: the CLI's last edges.

PRACTITIONER = ('{"role": "gp", "relationship": "good", "family_view": "agrees", '
                '"main_needs": "yes", "capacity": "yes", "leaving_soon": "no"}')


@pytest.mark.parametrize("answers,line", [
    ('{"candidates": [{"role": "gp", "role": "gp"}]}',
     "error: answers.candidates[0].role: given more than once\n"),
    ('{"harm": "no", "candidates": [' + PRACTITIONER + ', ' + PRACTITIONER[:-1]
     + ', "capacity": "no"}]}', "error: answers.candidates[1].capacity: given more than once\n"),
    ('{"a\\u001b[31mb\\nc": 1, "a\\u001b[31mb\\nc": 2}',
     "error: answers['a\\x1b[31mb\\nc']: given more than once\n"),
    ('{"harm": {"x": 1, "x": 2}}', "error: answers.harm.x: given more than once\n"),
])
def test_a_key_given_twice_is_named_by_its_exact_path_on_one_safe_line(answers: str,
                                                                      line: str) -> None:
    done = run("evaluate", "who-should-lead", "--answers", answers)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == line


@pytest.mark.parametrize("args", [
    ["evaluate", "who-should-lead", "\x1b[31mx\ny"],
    ["evaluate", "\x1b]0;owned\x07", "--answers", "{}"],
    ["evaluate", "who-should-lead", "--answers", '{"\\u202eharm\\r": "no"}'],
    ["evaluate", "who-should-lead", "--answers", '{"harm": "\\u001b[2J\\n"}'],
    ["schema", "--profile", "x\x1bc\u2028y"],
])
def test_no_control_character_reaches_the_terminal(args: list[str]) -> None:
    done = run(*args)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.endswith("\n")
    assert done.stderr[:-1].isprintable(), repr(done.stderr)


@pytest.mark.parametrize("args", [
    ["evaluate", "who-should-lead", "--answers", "{}", "--answers", '{"harm": "yes"}'],
    ["evaluate", "who-should-lead", "--answers={}", "--answers", "{}"],
    ["evaluate", "who-should-lead", "--answers", '{"harm": "yes"}', "--profile", PROFILE_IDS[0],
     "--profile", PROFILE_IDS[1]],
])
def test_an_option_given_twice_is_refused(args: list[str]) -> None:
    done = run(*args)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "given more than once" in done.stderr


def test_a_full_disk_exits_non_zero_with_one_line() -> None:
    if not Path("/dev/full").exists():
        pytest.fail("/dev/full is needed for this test")  # not skipped: a skip is not a pass
    env = dict(os.environ, PYTHONPATH=str(SRC))
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "lp_rules", "schema"], stdout=full,
                              stderr=subprocess.PIPE, env=env, timeout=60, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "could not be written" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_a_closed_stdout_exits_non_zero_with_one_line() -> None:
    """As with `>&-`: the process starts with no file descriptor 1 at all."""
    env = dict(os.environ, PYTHONPATH=str(SRC))
    done = subprocess.run(["/bin/sh", "-c", '"$0" -m lp_rules schema >&-', sys.executable],
                          capture_output=True, env=env, timeout=60, text=True)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "standard output is closed" in done.stderr
