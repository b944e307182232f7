"""Shared helpers for the rules tests. These files also run inside Pyodide (tests/pyodide)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from lp_rules import DEFAULT_PROFILE, get_tool, load_profile
from lp_rules.checklists.practitioners import FIELDS, MAX_CANDIDATES

from . import oracle

def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say what the shared pass covered (all of it natively; thinned inside Pyodide)."""
    from . import space

    for line in space.summary():
        terminalreporter.write_line(line)


NO_LOCAL = replace(load_profile(DEFAULT_PROFILE), local_practice=False)
"""The default authority with local practice switched off: only what the sources say."""


def local_on(profile_id: str) -> Any:
    """An authority's profile with its local practice switched on (a new authority starts with
    it off), for tests of what a LOCAL-tagged rule says in every area."""
    return replace(load_profile(profile_id), local_practice=True)


def actions(result: dict[str, Any]) -> set[str]:
    """The action codes of an outcome."""
    return {a["code"] for a in result["actions"]}


def sources(result: dict[str, Any]) -> set[str]:
    """The source tags an outcome cites."""
    return {c["source"] for c in result["citations"]}


WORKED_EXAMPLES = Path(__file__).resolve().parent / "worked_examples.json"
"""The rules 2.0 worked examples, owned by this repository (the brief's set, kept here)."""


def choice_questions(tool_id: str) -> list[tuple[str, tuple[str, ...]]]:
    """(question id, option ids) for a tool's single-choice questions, in asking order."""
    return [(q.id, q.option_ids) for q in get_tool(tool_id).questions]


def contradictory(tool_id: str, answers: dict[str, Any]) -> bool:
    """Answers refused as contradictory: RULES.md's one contradiction (the young person
    declines, yet no child could decide), unless `harm` is `yes` or `unsure` (principle 1:
    then the urgent outcome is given, with a warning)."""
    return oracle.is_invalid(tool_id, answers)


candidate = st.fixed_dictionaries({f.id: st.sampled_from(f.option_ids) for f in FIELDS})
candidate_lists = st.lists(candidate, min_size=0, max_size=MAX_CANDIDATES)


def partial_answers(tool_id: str) -> st.SearchStrategy[dict[str, Any]]:
    """Any subset of a tool's questions answered with any valid options."""
    questions = choice_questions(tool_id)
    return st.fixed_dictionaries(
        {},
        optional={qid: st.sampled_from(options) for qid, options in questions},
    ).filter(lambda answers: not contradictory(tool_id, answers))
