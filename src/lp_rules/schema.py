"""The tools' questions, options and decision tables as JSON-ready data.

The site's checklist forms and static decision tables are generated from this at build time,
so no question or rule is ever written again in HTML, JavaScript or Markdown.
"""

from __future__ import annotations

from typing import Any

from .checklists import TOOLS
from .checklists.texts import CHECKLIST_PAGE, CHECKLIST_SCRIPT
from .engine import RULES_VERSION, presented
from .links import CURRENT_MAJOR, VERSION_PARAM
from .model import PractitionerList, Question, Tool
from .profiles import Profile
from .sources import SOURCE_TITLES, Citation
from .validate import candidate_fields


class _KeepUnknown(dict[str, str]):
    """Format with the profile's terms, keeping ``{n}`` (a practitioner's number) and the other
    names only the page knows (``{role}``, ``{title}``) for the page."""

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


def _list_question(q: PractitionerList, profile: Profile) -> dict[str, Any]:
    terms = profile.terms()
    return {
        "id": q.id,
        "kind": q.kind,
        "text": q.text.format(**terms),
        "summary": q.summary,
        "hint": q.hint.format(**terms),
        "error": q.error.format(**terms),
        "max_items": q.max_items,
        "fields": [_question(f, profile) for f in candidate_fields(profile, q)],
        # The field naming each practitioner, by id: the page labels a practitioner by it.
        "role_field": q.role_field.id,
        # The page fills in what only it knows ({n}, {role}, {title}).
        "editor": {
            key: text.format_map(_KeepUnknown(terms, most=str(q.max_items)))
            for key, text in q.editor.as_dict().items()
        },
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
    questions += [_list_question(q, profile) for q in tool.lists]
    return {
        "id": tool.id,
        "title": tool.title,
        "intro": tool.intro.format(**profile.terms()),
        "questions": questions,
        "decision_table": decision_table(tool, profile),
    }


def page_words(profile: Profile) -> dict[str, str]:
    """The words a checklist page's script shows or says (``texts.CHECKLIST_SCRIPT``) and the
    page's own lines it reuses (``texts.CHECKLIST_PAGE``), with the profile's terms filled in and
    the names only the page knows (``{n}``, ``{title}``...) kept for it."""
    terms = _KeepUnknown(profile.terms())
    return {key: text.format_map(terms) for key, text in {**CHECKLIST_PAGE, **CHECKLIST_SCRIPT}.items()}


def schema(profile: Profile) -> dict[str, Any]:
    """All tools, for the CLI's ``schema`` command and the site generator."""
    return {
        "rules_version": RULES_VERSION,
        "link_version": {"param": VERSION_PARAM, "major": CURRENT_MAJOR},
        "profile": profile.id,
        "sources": SOURCE_TITLES,
        "words": page_words(profile),
        "tools": [tool_schema(t, profile) for t in TOOLS.values()],
    }
