"""Shared helpers for the rules tests. These files also run inside Pyodide (tests/pyodide)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any, Iterator

import pytest
from hypothesis import strategies as st

from lp_rules import get_tool
from lp_rules.candidates import FIELDS, MAX_CANDIDATES

SHARED = Path(__file__).resolve().parents[3] / "shared"
SCENARIOS = SHARED / "domain" / "scenarios.json"


def choice_questions(tool_id: str) -> list[tuple[str, tuple[str, ...]]]:
    """(question id, option ids) for a tool's single-choice questions, in asking order."""
    return [(q.id, q.option_ids) for q in get_tool(tool_id).questions]


def all_full_answers(tool_id: str) -> Iterator[dict[str, Any]]:
    """Every combination of single-choice answers for a tool."""
    questions = choice_questions(tool_id)
    for values in itertools.product(*(options for _, options in questions)):
        yield dict(zip((qid for qid, _ in questions), values))


candidate = st.fixed_dictionaries({f.id: st.sampled_from(f.option_ids) for f in FIELDS})
candidate_lists = st.lists(candidate, min_size=0, max_size=MAX_CANDIDATES)


def partial_answers(tool_id: str) -> st.SearchStrategy[dict[str, Any]]:
    """Any subset of a tool's questions answered with any valid options."""
    questions = choice_questions(tool_id)
    return st.fixed_dictionaries(
        {},
        optional={qid: st.sampled_from(options) for qid, options in questions},
    )


@pytest.fixture(scope="session")
def scenarios_path() -> Path:
    if not SCENARIOS.exists():
        pytest.skip(
            f"worked examples not found at {SCENARIOS}: they live in the project's shared/ "
            "folder, which CI places beside the repo; a plain clone does not have it"
        )
    return SCENARIOS
