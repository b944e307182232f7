"""The tools' questions, options and decision tables as JSON-ready data.

The site's checklist forms and static decision tables are generated from this at build time,
so no question or rule is ever written again in HTML, JavaScript or Markdown.
"""

from __future__ import annotations

from typing import Any

from . import candidates as cand
from .checklists import TOOLS
from .engine import RULES_VERSION, presented
from .links import CURRENT_MAJOR, VERSION_PARAM
from .model import Question, Tool
from .profiles import Profile
from .sources import SOURCE_TITLES, Citation
from .validate import candidate_fields

CANDIDATES_TEXT = "Which practitioners working with the family could be the Lead Practitioner?"
CANDIDATES_HINT = (
    "Add up to 8. Any practitioner supporting the family can take on the role. Record roles "
    "only: do not enter names."
)
CANDIDATES_ERROR = "Add at least one practitioner who works with the family"


class _KeepUnknown(dict[str, str]):
    """Format with the profile's terms, keeping ``{n}`` (a practitioner's number) for the page."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _question(q: Question, profile: Profile) -> dict[str, Any]:
    terms = profile.terms()
    return {
        "id": q.id,
        "kind": "choice",
        "text": q.text.format(**terms),
        "summary": q.summary,
        "hint": q.hint.format(**terms),
        "error": q.error.format_map(_KeepUnknown(terms)),
        "options": [
            {"id": o.id, "label": o.label.format(**terms), "hint": o.hint.format(**terms)}
            for o in q.options
        ],
    }


def _candidates_question(profile: Profile) -> dict[str, Any]:
    return {
        "id": cand.QUESTION_ID,
        "kind": "candidates",
        "text": CANDIDATES_TEXT,
        "summary": "Practitioners who could lead",
        "hint": CANDIDATES_HINT,
        "error": CANDIDATES_ERROR,
        "max_items": cand.MAX_CANDIDATES,
        "fields": [_question(f, profile) for f in candidate_fields(profile)],
    }


def decision_table(tool: Tool, profile: Profile) -> list[dict[str, Any]]:
    """Every rule in precedence order: when it applies, what it recommends, its sources."""
    questions = {q.id: q for q in tool.questions}
    terms = profile.terms()
    rows = []
    for declared in tool.rules:
        # As outcomes show it: where local practice is off, a rule resting on it alone is
        # "the guidance does not cover this" (engine.presented).
        rule, _ = presented(declared, (), profile)
        rows.append(
            {
                "recommendation": rule.code,
                "when": declared.when.describe(questions).format(**terms),
                "title": rule.title.format(**terms),
                "summary": rule.summary.format(**terms),
                "citations": [c.as_dict() for c in rule.citations if isinstance(c, Citation)],
            }
        )
    return rows


def tool_schema(tool: Tool, profile: Profile) -> dict[str, Any]:
    """One tool's questions (in asking order) and decision table."""
    questions = [_question(q, profile) for q in tool.questions]
    if cand.QUESTION_ID in tool.list_questions:
        questions.append(_candidates_question(profile))
    return {
        "id": tool.id,
        "title": tool.title,
        "intro": tool.intro.format(**profile.terms()),
        "questions": questions,
        "decision_table": decision_table(tool, profile),
    }


def schema(profile: Profile) -> dict[str, Any]:
    """All tools, for the CLI's ``schema`` command and the site generator."""
    return {
        "rules_version": RULES_VERSION,
        "link_version": {"param": VERSION_PARAM, "major": CURRENT_MAJOR},
        "profile": profile.id,
        "sources": SOURCE_TITLES,
        "tools": [tool_schema(t, profile) for t in TOOLS.values()],
    }
