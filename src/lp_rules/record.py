"""The plain-text record of a decision, for case notes, download and print.

Written in Python so the browser, the CLI and the tests share one wording. It holds only the
categorical answers the checklist asked for: no names, nothing free-text about a family.
"""

from __future__ import annotations

from typing import Any, Mapping

from . import candidates as cand
from .checklists import TOOLS
from .links import query_string, share_query
from .profiles import Profile
from .sources import SOURCE_TITLES


def _answer_lines(tool_id: str, answers: Mapping[str, Any], profile: Profile) -> list[str]:
    tool = TOOLS[tool_id]
    lines = []
    terms = profile.terms()
    for question in tool.questions:
        value = answers.get(question.id)
        if isinstance(value, str):
            lines.append(f"- {question.summary}: {question.option(value).label.format(**terms)}")
    listed = answers.get(cand.QUESTION_ID)
    if isinstance(listed, list):
        lines.append(f"- Practitioners who could lead: {len(listed) or 'none listed'}")
        for i, c in enumerate(listed, start=1):
            parts = [
                f"{f.summary.lower()}: {f.option(c[f.id]).label.lower()}" for f in cand.FIELDS[1:]
            ]
            role = cand.FIELDS[0].option(c["role"]).label
            lines.append(f"  {i}. {role} ({'; '.join(parts)})")
    return lines


def _why_not_lines(result: Mapping[str, Any]) -> list[str]:
    if not result.get("why_not"):
        return []
    return ["", "Why not the outcomes before it:",
            *(f"- Not \"{w['title']}\": {w['because']}" for w in result["why_not"])]


def reopen_link(page: str, result: Mapping[str, Any], answers: Mapping[str, Any]) -> str:
    """The address that reopens exactly this decision, with the outcome it gave, so a later
    reader can see whether today's rules would give a different one."""
    query = query_string(share_query(result["tool"], answers, result["recommendation"]))
    return f"{page}?{query}"


def as_text(result: Mapping[str, Any], answers: Mapping[str, Any], profile: Profile,
            date: str, page: str = "") -> str:
    """The record of a complete outcome; ``date`` is the user's local date (YYYY-MM-DD) and
    ``page`` the checklist's address (without a query), for the link that reopens it."""
    tool = TOOLS[result["tool"]]
    link = [f"Reopen this decision: {reopen_link(page, result, answers)}"] if page else []
    out = [
        f"Lead Practitioner Guide: {tool.title}",
        f"Date: {date}",
        f"Authority profile: {profile.area} ({profile.id})",
        f"Rules version: {result['rules_version']}",
        *link,
        "",
        "Answers:",
        *_answer_lines(tool.id, answers, profile),
        "",
        f"Outcome: {result['title']}",
        result["summary"],
        "",
        "What to do:",
        *(f"{i}. {a['text']} [{', '.join(a['citations'])}]"
          for i, a in enumerate(result["actions"], start=1)),
        "",
        "Why:",
        *(f"- {reason}" for reason in result["reasons"]),
        *_why_not_lines(result),
    ]
    suggested = result.get("suggested_candidate")
    if suggested is not None:
        role = cand.FIELDS[0].option(answers[cand.QUESTION_ID][suggested]["role"]).label
        out += ["", f"Suggested Lead Practitioner to discuss at the TAF: practitioner {suggested + 1} ({role})"]
    out += [
        "",
        "Sources:",
        *(f"- {c['source']}: {SOURCE_TITLES[c['source']]}, {c['section']}"
          for c in result["citations"]),
        "",
        result["judgement"],
    ]
    return "\n".join(out) + "\n"
