"""Check answers against a tool's questions before any rule sees them.

Every message names the bad field (``answers.harm``, ``answers.candidates[2].role``) and lists
the valid choices, so a developer can fix a call and the browser can point at the field. Invalid
input never reaches the rules, so it can never produce a recommendation.

Two kinds of answers are valid values that still cannot stand together (``problems``): the
contradictions RULES.md names, and a list of more than 8 practitioners (within what a link
can carry). They are refused, except when ``harm`` is ``yes`` or ``unsure``: then the urgent
outcome is given whatever else the answers hold, and the problem is reported beside it in the
outcome's ``warnings`` (RULES.md principle 1). A wrong value or type is refused whatever
``harm`` says.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .checklists.common import HARM_SUSPECTED
from .checklists.practitioners import PRACTITIONERS, TOO_MANY
from .errors import InvalidAnswers
from .links import MAX_PRACTITIONERS_IN_LINK
from .model import Answers, PractitionerList, Question, Tool
from .profiles import Profile

_PLAIN = re.compile(r"[A-Za-z0-9_-]{1,64}")
"""Keys shown as ``answers.key``; anything else is quoted so a message stays one safe line."""


def field_name(parent: str, key: object) -> str:
    """``parent.key`` for a plain key; a quoted, shortened form for anything else (the CLI's
    JSON reader names a key given twice with it too)."""
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
    if isinstance(value, str) and value in question.option_ids:
        return value  # first: the valid answer is every call but a refused one
    valid = ", ".join(question.option_ids)
    if not isinstance(value, str):
        raise InvalidAnswers(
            f"{field}: expected one of {valid}; got {type(value).__name__} {_short(value)}",
            field=field,
        )
    raise InvalidAnswers(
        f"{field}: {_short(value)} is not an option; valid: {valid}", field=field
    )


def candidate_fields(profile: Profile, practitioners: PractitionerList = PRACTITIONERS
                     ) -> tuple[Question, ...]:
    """A practitioner list's fields as this profile asks them: only the roles its area has."""
    role = practitioners.role_field
    return tuple(
        replace(f, options=tuple(o for o in f.options if o.id in profile.roles))
        if f is role
        else f
        for f in practitioners.fields
    )


def _candidates(practitioners: PractitionerList, value: object, profile: Profile
                ) -> list[dict[str, str]]:
    field = f"answers.{practitioners.id}"
    field_ids = practitioners.field_ids
    if not isinstance(value, list):
        raise InvalidAnswers(
            f"{field}: expected a list of up to {practitioners.max_items} practitioners, each "
            f"with {', '.join(field_ids)}; got {type(value).__name__}",
            field=field,
        )
    if len(value) > MAX_PRACTITIONERS_IN_LINK:
        # More than any link can carry: refused before any item is read, whatever harm says.
        raise InvalidAnswers(_too_many(practitioners, len(value)), field=field)
    clean: list[dict[str, str]] = []
    fields = candidate_fields(profile, practitioners)
    for i, item in enumerate(value):
        where = f"{field}[{i}]"
        if not isinstance(item, Mapping):
            raise InvalidAnswers(
                f"{where}: expected an object with {', '.join(field_ids)}; "
                f"got {type(item).__name__}",
                field=where,
            )
        unknown = sorted(str(k) for k in item if k not in field_ids)
        if unknown:
            bad = field_name(where, unknown[0])
            raise InvalidAnswers(f"{bad}: unknown field; valid: {', '.join(field_ids)}", field=bad)
        missing = [f for f in field_ids if f not in item]
        if missing:
            raise InvalidAnswers(
                f"{where}.{missing[0]}: missing; every practitioner needs {', '.join(field_ids)}",
                field=f"{where}.{missing[0]}",
            )
        clean.append(
            {f.id: _choice(f"{where}.{f.id}", f, item[f.id])
             for f in fields}
        )
    return clean


def _too_many(practitioners: PractitionerList, count: int) -> str:
    return (f"answers.{practitioners.id}: at most {practitioners.max_items} practitioners; "
            f"got {count}")


def validate(tool: Tool, answers: object, profile: Profile) -> Answers:
    """Return a clean copy of ``answers`` or raise InvalidAnswers naming the first bad field.

    Answers with a ``problems`` entry come back only when ``harm`` makes them irrelevant
    (principle 1); the outcome then reports them in ``warnings``."""
    if not isinstance(answers, Mapping):
        raise InvalidAnswers(
            f"answers: expected an object mapping question ids to option ids; "
            f"got {type(answers).__name__}",
            field="answers",
        )
    clean: dict[str, object] = {}
    choices = tool.choices
    for key, value in answers.items():
        if type(key) is str and type(value) is str and value in choices.get(key, ()):  # noqa: E721
            clean[key] = value  # first: a valid option of a single-choice question
            continue
        practitioners = tool.list_question(key)
        if practitioners is not None:
            clean[key] = _candidates(practitioners, value, profile)
            continue
        if not isinstance(key, str) or key not in tool.question_ids:
            field = field_name("answers", key)
            raise InvalidAnswers(
                f"{field}: unknown question for {tool.id}; valid: {', '.join(tool.question_ids)}",
                field=field,
            )
        clean[key] = _choice(f"answers.{key}", tool.question(key), value)
    check_consistency(tool, clean, profile)
    return clean


@dataclass(frozen=True)
class Problem:
    """Valid values that cannot stand together: ``message`` for the refusal (names the field
    and the valid choices), ``plain`` for a warning beside an urgent outcome."""

    field: str
    message: str
    plain: str


def problems(tool: Tool, answers: Answers, profile: Profile) -> list[Problem]:
    """The contradictions (RULES.md names them) and an over-long practitioner list among valid
    answers, in that order."""
    found = []
    for contradiction in tool.contradictions:
        if contradiction.when.test(answers, profile):
            field = f"answers.{contradiction.question}"
            found.append(Problem(field, f"{field}: {contradiction.message}", contradiction.plain))
    for practitioners in tool.lists:
        listed = answers.get(practitioners.id)
        if isinstance(listed, list) and len(listed) > practitioners.max_items:
            found.append(Problem(
                f"answers.{practitioners.id}",
                _too_many(practitioners, len(listed)),
                TOO_MANY.format(count=len(listed), most=practitioners.max_items),
            ))
    return found


def urgent(answers: Answers, profile: Profile) -> bool:
    """``harm`` is ``yes`` or ``unsure``: the urgent outcome comes whatever else is answered."""
    return HARM_SUSPECTED.test(answers, profile) is True


def check_consistency(tool: Tool, answers: Answers, profile: Profile) -> None:
    """Raise InvalidAnswers for the first of ``problems``, unless ``harm`` is ``yes`` or
    ``unsure`` (principle 1: the urgent outcome is given, with the problems as warnings)."""
    found = problems(tool, answers, profile)
    if found and not urgent(answers, profile):
        raise InvalidAnswers(found[0].message, field=found[0].field)


def warnings(tool: Tool, answers: Answers, profile: Profile) -> list[str]:
    """What an outcome reports beside it in ``warnings``: the problems among answers that
    ``harm`` made irrelevant (empty unless the outcome is urgent)."""
    return [p.plain for p in problems(tool, answers, profile)] if urgent(answers, profile) else []
