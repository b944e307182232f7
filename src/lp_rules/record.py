"""The plain-text record of a decision, for case notes, download and print.

Written in Python so the browser, the CLI and the tests share one wording. It holds only the
categorical answers the checklist asked for: no names, nothing free-text about a family.
"""

from __future__ import annotations

from typing import Any, Mapping

from . import candidates as cand
from . import emergency
from .checklists import TOOLS
from .links import share_link
from .profiles import Profile
from .sources import SOURCE_TITLES


NOT_NEEDED = "not needed for this outcome"
"""Marks an answer given but not used by the outcome: kept, as the page keeps it, never dropped,
so the record shows everything the practitioner said and which of it decided."""


def _answer_lines(tool_id: str, answers: Mapping[str, Any], profile: Profile,
                  relevant: frozenset[str]) -> list[str]:
    tool = TOOLS[tool_id]
    lines = []
    terms = profile.terms()

    def note(question_id: str) -> str:
        return "" if question_id in relevant else f" ({NOT_NEEDED})"

    for question in tool.questions:
        value = answers.get(question.id)
        if isinstance(value, str):
            label = question.option(value).label.format(**terms)
            lines.append(f"- {question.summary}: {label}{note(question.id)}")
    listed = answers.get(cand.QUESTION_ID)
    if isinstance(listed, list):
        count = len(listed) or "none listed"
        lines.append(f"- Practitioners who could lead: {count}{note(cand.QUESTION_ID)}")
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


def _source_lines(citations: list[Mapping[str, str]]) -> list[str]:
    """Each source once, its full title once, then the sections the outcome cites from it."""
    sections: dict[str, list[str]] = {}
    for c in citations:
        section = f"{c['section']} ({c['checked']})" if c.get("checked") else c["section"]
        if section not in sections.setdefault(c["source"], []):
            sections[c["source"]].append(section)
    return [f"- {tag}: {SOURCE_TITLES[tag]}: {'; '.join(found)}"
            for tag, found in sections.items()]


def _emergency_lines(result: Mapping[str, Any]) -> list[str]:
    """On an urgent or escalation outcome, who to call (lp_rules.emergency), before what to do:
    the same routes, written out, that the page shows as links."""
    block = result.get("emergency") or []
    return [*emergency.as_lines(block), ""] if block else []


def reopen_link(page: str, result: Mapping[str, Any], answers: Mapping[str, Any]) -> str:
    """The address that reopens exactly this decision, with the outcome it gave, so a later
    reader can see whether today's rules would give a different one. The answers are in the
    link's fragment, so opening it sends them to no host."""
    return share_link(page, result["tool"], answers, result["recommendation"])


def as_text(result: Mapping[str, Any], answers: Mapping[str, Any], profile: Profile,
            date: str, page: str = "") -> str:
    """The record of a complete outcome; ``date`` is the user's local date (YYYY-MM-DD) and
    ``page`` the checklist's address (without a query or fragment), for the link that reopens it."""
    tool = TOOLS[result["tool"]]
    link = [f"Reopen this decision: {reopen_link(page, result, answers)}"] if page else []
    out = [
        f"Lead Practitioner Guide: {tool.title}",
        f"Date: {date}",
        f"Authority profile: {profile.area} ({profile.id})",
        f"Rules version: {result['rules_version']}",
        *link,
        *(f"Warning: {w}" for w in result.get("warnings", [])),
        "",
        "Answers:",
        *_answer_lines(tool.id, answers, profile, frozenset(result["relevant"])),
        "",
        f"Outcome: {result['title']}",
        result["summary"],
        "",
        *_emergency_lines(result),
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
        *_source_lines(result["citations"]),
        "",
        result["judgement"],
    ]
    return "\n".join(out) + "\n"
