"""Check answers against a tool's questions before any rule sees them.

Every message names the bad field (``answers.harm``, ``answers.candidates[2].role``) and lists
the valid choices, so a developer can fix a call and the browser can point at the field. Invalid
input never reaches the rules, so it can never produce a recommendation.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Mapping

from .candidates import FIELD_IDS, FIELDS, MAX_CANDIDATES, QUESTION_ID
from .errors import InvalidAnswers
from .model import Answers, Question, Tool
from .profiles import Profile

_PLAIN = re.compile(r"[A-Za-z0-9_-]{1,64}")
"""Keys shown as ``answers.key``; anything else is quoted so a message stays one safe line."""


def _name(parent: str, key: object) -> str:
    """``parent.key`` for a plain key; a quoted, shortened form for anything else."""
    if isinstance(key, str) and _PLAIN.fullmatch(key):
        return f"{parent}.{key}"
    return f"{parent}[{_short(key)}]"


def _short(value: object) -> str:
    """A value as one short, safe line: a container is described, never printed (a hostile one
    may be nested thousands deep), and a long text is cut."""
    if isinstance(value, (list, tuple, dict, Mapping)):
        return f"{type(value).__name__} of {len(value)} items"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**12:
        return "a very large number"
    text = repr(value[:41] if isinstance(value, str) else value)
    return text if len(text) <= 40 else text[:37] + "..."


def _choice(field: str, question: Question, value: object) -> str:
    valid = ", ".join(question.option_ids)
    if not isinstance(value, str):
        raise InvalidAnswers(
            f"{field}: expected one of {valid}; got {type(value).__name__} {_short(value)}",
            field=field,
        )
    if value not in question.option_ids:
        raise InvalidAnswers(
            f"{field}: {_short(value)} is not an option; valid: {valid}", field=field
        )
    return value


def candidate_fields(profile: Profile) -> tuple[Question, ...]:
    """The candidate fields as this profile asks them: only the roles its area has."""
    return tuple(
        replace(f, options=tuple(o for o in f.options if o.id in profile.roles))
        if f.id == "role"
        else f
        for f in FIELDS
    )


def _candidates(value: object, profile: Profile) -> list[dict[str, str]]:
    field = f"answers.{QUESTION_ID}"
    if not isinstance(value, list):
        raise InvalidAnswers(
            f"{field}: expected a list of up to {MAX_CANDIDATES} practitioners, each with "
            f"{', '.join(FIELD_IDS)}; got {type(value).__name__}",
            field=field,
        )
    if len(value) > MAX_CANDIDATES:
        raise InvalidAnswers(
            f"{field}: at most {MAX_CANDIDATES} practitioners; got {len(value)}", field=field
        )
    clean: list[dict[str, str]] = []
    for i, item in enumerate(value):
        where = f"{field}[{i}]"
        if not isinstance(item, Mapping):
            raise InvalidAnswers(
                f"{where}: expected an object with {', '.join(FIELD_IDS)}; "
                f"got {type(item).__name__}",
                field=where,
            )
        unknown = sorted(str(k) for k in item if k not in FIELD_IDS)
        if unknown:
            bad = _name(where, unknown[0])
            raise InvalidAnswers(f"{bad}: unknown field; valid: {', '.join(FIELD_IDS)}", field=bad)
        missing = [f for f in FIELD_IDS if f not in item]
        if missing:
            raise InvalidAnswers(
                f"{where}.{missing[0]}: missing; every practitioner needs {', '.join(FIELD_IDS)}",
                field=f"{where}.{missing[0]}",
            )
        clean.append(
            {f.id: _choice(f"{where}.{f.id}", f, item[f.id]) for f in candidate_fields(profile)}
        )
    return clean


def validate(tool: Tool, answers: object, profile: Profile) -> Answers:
    """Return a clean copy of ``answers`` or raise InvalidAnswers naming the first bad field."""
    if not isinstance(answers, Mapping):
        raise InvalidAnswers(
            f"answers: expected an object mapping question ids to option ids; "
            f"got {type(answers).__name__}",
            field="answers",
        )
    clean: dict[str, object] = {}
    for key, value in answers.items():
        if key == QUESTION_ID and QUESTION_ID in tool.list_questions:
            clean[key] = _candidates(value, profile)
            continue
        if not isinstance(key, str) or key not in tool.question_ids:
            field = _name("answers", key)
            raise InvalidAnswers(
                f"{field}: unknown question for {tool.id}; valid: {', '.join(tool.question_ids)}",
                field=field,
            )
        clean[key] = _choice(f"answers.{key}", tool.question(key), value)
    check_contradictions(tool, clean, profile)
    return clean


def check_contradictions(tool: Tool, answers: Answers, profile: Profile) -> None:
    """Raise InvalidAnswers for answers that cannot both be true (RULES.md names them)."""
    for contradiction in tool.contradictions:
        if contradiction.when.test(answers, profile):
            field = f"answers.{contradiction.question}"
            raise InvalidAnswers(f"{field}: {contradiction.message}", field=field)
