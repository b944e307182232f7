"""Rules for the Lead Practitioner Guide's three decision checklists.

Pure Python with no dependencies, so the same code runs on the command line, in the tests and
in the browser through Pyodide. See RULES.md, in the repository's root, for the contract.

    >>> from lp_rules import evaluate
    >>> evaluate("consent-withdrawn", {"harm": "yes"})["recommendation"]
    'safeguarding_referral'
"""

from __future__ import annotations

from typing import Any

from .checklists import TOOL_IDS, TOOLS
from .engine import RULES_VERSION, outcome
from .explain import explained
from .errors import InvalidAnswers
from .model import Tool
from .profiles import DEFAULT_PROFILE, PROFILE_IDS, Profile, load_profile
from .schema import schema as _schema
from .validate import validate

__all__ = [
    "RULES_VERSION",
    "TOOL_IDS",
    "PROFILE_IDS",
    "DEFAULT_PROFILE",
    "InvalidAnswers",
    "Profile",
    "evaluate",
    "get_tool",
    "load_profile",
    "schema",
]


def get_tool(tool_id: object) -> Tool:
    """The tool with this id, or InvalidAnswers listing the valid ids."""
    if not isinstance(tool_id, str) or tool_id not in TOOLS:
        raise InvalidAnswers(
            f"tool: unknown tool {tool_id!r}; valid: {', '.join(TOOL_IDS)}", field="tool"
        )
    return TOOLS[tool_id]


def _profile(profile: str | Profile) -> Profile:
    return profile if isinstance(profile, Profile) else load_profile(profile)


def evaluate(
    tool_id: str, answers: object, profile: str | Profile = DEFAULT_PROFILE,
    *, explain: bool = False,
) -> dict[str, Any]:
    """Evaluate answers for a tool; raises InvalidAnswers for anything the contract forbids.

    ``explain`` adds ``why_not`` and ``what_would_change``. Working out what would change the
    outcome decides every other answer to every question a rule's condition read (about 4 times
    the cost of the outcome alone, rules 2.1: 340 against 80 microseconds), so only the readers
    of those fields ask for it: the page, the CLI, the record and the trainer's view.
    """
    tool = get_tool(tool_id)
    chosen = _profile(profile)
    valid = validate(tool, answers, chosen)
    return explained(tool, valid, chosen) if explain else outcome(tool, valid, chosen)


def schema(profile: str | Profile = DEFAULT_PROFILE) -> dict[str, Any]:
    """Every tool's questions, options and decision table, with the profile's terms."""
    return _schema(_profile(profile))
