"""The package and the contract (RULES.md, in the repository) name the same ids.

RULES.md is what settles a disagreement between the package and the oracle, so the two must
not drift: every tool's question ids and option ids, the practitioner fields, the
recommendation codes, the source tags and the rules version are read from RULES.md's tables
and compared with the package. An action code the package can give must be one the contract
names (for its tool, or among the principles every tool follows).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from lp_rules import PROFILE_IDS, RULES_VERSION, TOOL_IDS, get_tool, load_profile
from lp_rules.checklists.practitioners import FIELDS
from lp_rules.profiles import PUBLISHED_IDS
from lp_rules.sources import SOURCE_TITLES

CONTRACT = Path(__file__).resolve().parents[2] / "RULES.md"
CODE = re.compile(r"`([a-z0-9_]+)`")
ROW = re.compile(r"^\|\s*`([A-Za-z0-9_]+)`\s*\|([^|]*)\|", re.MULTILINE)


@cache
def contract() -> str:
    return CONTRACT.read_text(encoding="utf-8")


def section(heading_start: str) -> str:
    """The text under the level-2 heading that starts with ``heading_start``."""
    text = contract()
    start = text.index(f"\n## {heading_start}")
    end = text.find("\n## ", start + 4)
    return text[start:] if end < 0 else text[start:end]


def tool_section(tool_id: str) -> str:
    return section(f"Tool `{tool_id}`")


def tables(text: str) -> list[str]:
    """Each Markdown table in ``text`` (runs of lines that start with '|')."""
    found: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            found.append("\n".join(current))
            current = []
    if current:
        found.append("\n".join(current))
    return found


def question_table(tool_id: str) -> dict[str, str]:
    """question id -> the options cell, from the tool's first table."""
    return {m.group(1): m.group(2) for m in ROW.finditer(tables(tool_section(tool_id))[0])}


def question_row(tool_id: str, question_id: str) -> str:
    """The whole row of a question in the tool's first table (options and notes)."""
    table = tables(tool_section(tool_id))[0]
    return next(line for line in table.splitlines() if line.startswith(f"| `{question_id}` "))


def recommendation_codes(tool_id: str) -> list[str]:
    """The codes of the tool's "Recommendation codes" table, in order."""
    return [m.group(1) for m in ROW.finditer(tables(tool_section(tool_id))[1])]


@pytest.mark.parametrize("tool_id", TOOL_IDS)
def test_questions_and_options_match_the_contract(tool_id: str) -> None:
    tool = get_tool(tool_id)
    listed = question_table(tool_id)
    package = {q.id: q.option_ids for q in tool.questions}
    assert set(package) | set(tool.list_questions) == set(listed), (
        f"{tool_id}: questions only in the package: {sorted(set(package) - set(listed))}; "
        f"only in RULES.md: {sorted(set(listed) - set(package) - set(tool.list_questions))}")
    for qid, options in package.items():
        assert tuple(CODE.findall(listed[qid])) == options, f"{tool_id}.{qid}: options differ"


def test_practitioner_fields_match_the_contract() -> None:
    cell = question_row("who-should-lead", "candidates")
    for field in FIELDS:
        named = re.search(rf"`{field.id}` \(([^)]*)\)", cell)
        assert named, f"candidates.{field.id} is not in RULES.md"
        assert tuple(CODE.findall(named.group(1))) == field.option_ids, f"candidates.{field.id}"


@pytest.mark.parametrize("tool_id", TOOL_IDS)
def test_recommendation_codes_match_the_contract(tool_id: str) -> None:
    package = set(rule.code for rule in get_tool(tool_id).rules)
    listed = recommendation_codes(tool_id)
    assert package == set(listed), (
        f"{tool_id}: codes only in the package: {sorted(package - set(listed))}; "
        f"only in RULES.md: {sorted(set(listed) - package)}")
    assert get_tool(tool_id).rules[0].code == listed[0], "the safeguarding outcome comes first"


def action_paragraph(tool_id: str) -> str:
    """The tool's list of the action codes it must use where they apply."""
    text = tool_section(tool_id)
    start = max(text.find("Action codes this tool must use"), text.find("Actions where they apply"))
    assert start >= 0, f"{tool_id}: RULES.md lists no action codes"
    return text[start:text.find("\n\n", start)]


@pytest.mark.parametrize("tool_id", TOOL_IDS)
def test_every_action_the_contract_names_is_in_the_package(tool_id: str) -> None:
    """The contract allows extra actions; every one it names must exist (question and option
    ids quoted in the same paragraph, to say when an action applies, are not actions)."""
    tool = get_tool(tool_id)
    not_actions = set(tool.question_ids) | {o for q in tool.questions for o in q.option_ids}
    not_actions |= {f.id for f in FIELDS} | {o for f in FIELDS for o in f.option_ids}
    not_actions |= {rule.code for rule in tool.rules}
    named = set(CODE.findall(action_paragraph(tool_id))) - not_actions
    given = {step.action.code for rule in tool.rules for step in rule.steps}
    given |= {"contact_support_coordinators", "record_decision"}  # added to every outcome
    assert named <= given, f"{tool_id}: actions named by RULES.md but not in the package: " \
        f"{sorted(named - given)}"


def test_source_tags_match_the_contract() -> None:
    tags = [m.group(1) for m in ROW.finditer(tables(section("Sources"))[0])]
    # The contract's table lists the published authorities' guidance, not the tests' fictional one.
    unpublished = {load_profile(p).own_source for p in PROFILE_IDS if p not in PUBLISHED_IDS}
    shown = [t for t in SOURCE_TITLES if t not in unpublished]
    assert shown == tags, "SOURCE_TITLES and RULES.md's Sources table differ"


def test_the_rules_version_is_the_contracts() -> None:
    heading = contract().splitlines()[0]
    version = re.search(r"\(rules (\d+\.\d+)\)", heading)
    assert version and RULES_VERSION.startswith(version.group(1) + "."), (heading, RULES_VERSION)
