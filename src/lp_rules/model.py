"""The declarative pieces a checklist is made of: questions, conditions, actions and rules.

A tool is data: an ordered list of questions and an ordered list of rules (first match wins).
Conditions are evaluated with three values (True, False, or None for "not answered yet"), which
is what lets the engine tell which unanswered questions could still change the outcome.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar, Mapping, Protocol

from .sources import Citation, ProfileCitation

if TYPE_CHECKING:
    from .profiles import Profile

Answers = Mapping[str, object]
"""Validated answers: option ids (str) by question id, and a list of candidate dicts."""

TriState = bool | None

Cited = Citation | ProfileCitation
"""A citation, or one the authority's profile chooses (resolved by ``Profile.citation``)."""


@dataclass(frozen=True)
class Option:
    """One answer a question allows."""

    id: str
    label: str
    hint: str = ""


@dataclass(frozen=True)
class Question:
    """A single-choice question. ``summary`` is the short form used in reasons and records.

    ``error`` is what a practitioner reads when the question is left unanswered where an answer
    is needed, or a link gives it a value that is not an option: GOV.UK's "Select ..." form,
    in plain words. A practitioner field's ``error`` holds ``{n}``, the practitioner's number.
    """

    id: str
    text: str
    summary: str
    options: tuple[Option, ...]
    hint: str = ""
    error: str = ""
    warning: str = ""
    """Advice that must not be missed beside the question (the 999 advice by ``harm``): the
    page shows it as GOV.UK warning text, not as a grey hint."""

    def option(self, option_id: str) -> Option:
        """The option with this id (answers are validated before this is called)."""
        return self._options_by_id[option_id]

    @cached_property
    def _options_by_id(self) -> dict[str, Option]:
        """Remembered: every outcome's reasons read an option's label for each answer that
        counted (a linear search was a twentieth of an outcome)."""
        return {o.id: o for o in self.options}

    @cached_property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)


@dataclass(frozen=True)
class ListEditor:
    """What the page's editor of a list says (GOV.UK's add-another pattern: one item's questions
    at a time, then a summary card for it). Braces are filled in by the page: ``{n}``, the
    item's number; ``{<field id>}``, the label of that field's answer (``{role}``);
    ``{title}``, an item's ``title``. ``full`` is filled in by the schema: ``{most}``, the
    list's ``max_items``."""

    heading: str
    """Above an item's questions while they are open ("Practitioner {n}")."""
    title: str
    """A saved item's card ("Practitioner {n}: {role}")."""
    name: str
    """Said after "Change" and "Remove" to a screen reader: which item they act on."""
    add_first: str
    add_another: str
    save: str
    cancel: str
    change: str
    remove: str
    use: str
    """The list's Continue: the list becomes the question's answer."""
    removed: str
    """The status message after "Remove" (``{title}``: the removed item's card title)."""
    moved_up: str
    """Added to ``removed`` when items followed the removed one."""
    full: str
    """In place of "Add another" once the list holds ``max_items``."""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class PractitionerList:
    """A question answered with a list: the practitioners who could lead, each answering the
    same ``fields`` (single-choice questions), at most ``max_items`` of them. Validation, links,
    reasons, the record and the page ask a question's kind (this class), never its id.

    ``summary`` names the list in reasons, link notices and the record; ``error`` is what a
    practitioner reads when the list is empty where it is needed."""

    id: str
    text: str
    summary: str
    fields: tuple[Question, ...]
    max_items: int
    hint: str = ""
    error: str = ""
    editor: ListEditor = field(kw_only=True)
    """The page's words for editing the list."""
    kind: ClassVar[str] = "candidates"
    """The question's kind in the schema's JSON (a choice question's is ``choice``)."""

    @cached_property
    def field_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.fields)

    @property
    def role_field(self) -> Question:
        """The field that names each practitioner, the first: its options are roles, which an
        area narrows to those it has (``Profile.roles``), and it labels the practitioner in the
        editor, the record and the ranking."""
        return self.fields[0]


class Condition(Protocol):
    """When a rule or an action applies."""

    def test(self, answers: Answers, profile: "Profile") -> TriState:
        """True or False when the answers decide it; None while a needed answer is missing.

        The profile is there for what an authority decides (whether local practice counts)."""

    def questions(self) -> frozenset[str]:
        """The question ids the condition reads."""

    def describe(self, questions: Mapping[str, Question]) -> str:
        """The condition in plain words, for the decision tables."""

    def ruled_out(self, answers: Answers, profile: "Profile",
                  questions: Mapping[str, Question]) -> str:
        """Once ``test`` is False: the answers that made it so, in plain words ("why not")."""


@dataclass(frozen=True)
class AnswerIn:
    """The answer to ``question`` is one of ``values``."""

    question: str
    values: frozenset[str]

    def test(self, answers: Answers, profile: "Profile") -> TriState:
        value = answers.get(self.question)
        return None if value is None else value in self.values

    def questions(self) -> frozenset[str]:
        return self._questions

    @cached_property
    def _questions(self) -> frozenset[str]:
        """Made once: the engine asks every rule's condition on every evaluation."""
        return frozenset({self.question})

    def describe(self, questions: Mapping[str, Question]) -> str:
        q = questions[self.question]
        labels = [o.label for o in q.options if o.id in self.values]
        return f"{q.summary}: {' or '.join(labels[:1] + [mid_sentence(l) for l in labels[1:]])}"

    def ruled_out(self, answers: Answers, profile: "Profile",
                  questions: Mapping[str, Question]) -> str:
        q = questions[self.question]
        return f"{q.summary}: {q.option(str(answers[self.question])).label}"


def mid_sentence(label: str) -> str:
    """A label as it reads after "or": "The child is moving" -> "the child is moving", but
    "I'm not sure" and "GP" keep their capitals."""
    if len(label) > 1 and label[1].islower() and not label.startswith("I'"):
        return label[0].lower() + label[1:]
    return label


def answer_in(question: str, *values: str) -> AnswerIn:
    """Shorthand: ``answer_in("harm", "yes", "unsure")``."""
    return AnswerIn(question, frozenset(values))


def _combined(parts: tuple[Condition, ...], answers: Answers, profile: "Profile",
              decisive: bool) -> TriState:
    """All of the parts (``decisive`` False) or any of them (True): the first part whose result
    is ``decisive`` decides, without testing the rest (the engine tests every rule's condition
    on every evaluation); else None if a part is not yet decided, else ``not decisive``."""
    unknown = False
    for part in parts:
        result = part.test(answers, profile)
        if result is decisive:
            return decisive
        unknown = unknown or result is None
    return None if unknown else not decisive


@dataclass(frozen=True)
class AllOf:
    """Every part holds."""

    parts: tuple[Condition, ...]

    def test(self, answers: Answers, profile: "Profile") -> TriState:
        return _combined(self.parts, answers, profile, decisive=False)

    def questions(self) -> frozenset[str]:
        return self._questions

    @cached_property
    def _questions(self) -> frozenset[str]:
        """Made once (``AnswerIn._questions``)."""
        return frozenset().union(*(p.questions() for p in self.parts))

    def describe(self, questions: Mapping[str, Question]) -> str:
        return "; and ".join(p.describe(questions) for p in self.parts)

    def ruled_out(self, answers: Answers, profile: "Profile",
                  questions: Mapping[str, Question]) -> str:
        first = next(p for p in self.parts if p.test(answers, profile) is False)
        return first.ruled_out(answers, profile, questions)


@dataclass(frozen=True)
class AnyOf:
    """At least one part holds."""

    parts: tuple[Condition, ...]

    def test(self, answers: Answers, profile: "Profile") -> TriState:
        return _combined(self.parts, answers, profile, decisive=True)

    def questions(self) -> frozenset[str]:
        return self._questions

    @cached_property
    def _questions(self) -> frozenset[str]:
        """Made once (``AnswerIn._questions``)."""
        return frozenset().union(*(p.questions() for p in self.parts))

    def describe(self, questions: Mapping[str, Question]) -> str:
        return " or ".join(p.describe(questions) for p in self.parts)

    def ruled_out(self, answers: Answers, profile: "Profile",
                  questions: Mapping[str, Question]) -> str:
        return "; ".join(p.ruled_out(answers, profile, questions) for p in self.parts)


@dataclass(frozen=True)
class Always:
    """The catch-all last rule. ``description`` is its "When" in the decision tables (written
    once, as ``checklists.common.OTHERWISE``)."""

    description: str

    def test(self, answers: Answers, profile: "Profile") -> TriState:
        return True

    def questions(self) -> frozenset[str]:
        return frozenset()

    def describe(self, questions: Mapping[str, Question]) -> str:
        return self.description

    def ruled_out(self, answers: Answers, profile: "Profile",
                  questions: Mapping[str, Question]) -> str:
        raise AssertionError("the catch-all rule is never ruled out")


@dataclass(frozen=True)
class Action:
    """Something the practitioner should do, with the guidance that says so."""

    code: str
    text: str
    citations: tuple[Cited, ...]
    needs_profile: str = ""
    """A profile field this action needs (e.g. ``review_interval``): where the authority's
    guidance gives none, the action is left out rather than filled with a guess
    (``available_in``)."""
    principle: bool = False
    """Required by RULES.md's principles on every outcome that includes it at all (the child's
    views, recording, sharing when necessary, monitoring), so it stays even where the guidance
    is silent and local practice is off."""
    holds_back: bool = False
    """Something the practitioner must do before acting on the outcome at all (agree with the
    designated safeguarding lead today how to contact each person safely): an outcome that
    includes it is not shown as a go-ahead, whatever its rule says (``Rule.go_ahead``)."""
    sourced_text: str = ""
    """The text where the authority switches local practice off, for an action that cites
    ``LOCAL`` beside another source and whose ``text`` says more than that source does: only
    what the other source says, or what it does not say marked as this checklist's own advice.
    Empty where ``text`` rests on the other source alone (as ``Rule.sourced_summary``)."""

    def available_in(self, profile: "Profile") -> bool:
        """Whether this profile can include the action at all: it gives the field the action
        needs (``needs_profile``), or the action needs none. The one test of it, for the
        outcome (``engine.decide``), the compiled tables and the pages' lists of sources."""
        return not self.needs_profile or bool(getattr(profile, self.needs_profile))


@dataclass(frozen=True)
class Step:
    """An action as part of an outcome, included only when ``when`` holds (always if None)."""

    action: Action
    when: Condition | None = None


@dataclass(frozen=True)
class Rule:
    """One recommendation and when it applies. Rules are tried in order; the first match wins."""

    code: str
    when: Condition
    title: str
    summary: str
    why: str
    citations: tuple[Cited, ...]
    steps: tuple[Step, ...]
    urgent: bool = False
    """A safeguarding outcome: the page stops the flow and shows it unmistakably."""
    escalation: bool = False
    """Not urgent in the sense of principle 1, but it sends the concern up (to the designated
    safeguarding lead, the front door or the LADO) today: the page shows it as a warning, never
    as an outcome that lets the practitioner go ahead, with who to call at its top."""
    go_ahead: bool = False
    """The outcome confirms that the practitioner can go ahead (with the change, the plan or the
    support asked about) without waiting for anyone's decision first: the only outcomes the page
    shows in the green panel of a confirmation. Never urgent, never an escalation. An outcome
    whose actions include one that holds back (``Action.holds_back``) is not a go-ahead."""
    suggests_candidate: bool = False
    """The outcome names the best-ranked practitioner listed (who-should-lead's agree_at_taf)."""
    sourced_summary: str = ""
    """The summary where the authority switches local practice off (``local_practice = false``,
    a new area's default), for a rule that keeps a citation other than ``LOCAL`` there: written
    only from what those citations say, never saying or leaning on local practice. Empty where
    ``summary`` already rests on them alone (``engine.presented`` then shows ``summary``)."""
    sourced_title: str = ""
    """The title there, on the same terms as ``sourced_summary``: for a rule whose title gives
    local practice's advice (a deadline, a step), so that neither its outcome nor "why not"
    names it with that advice. Empty where ``title`` rests on the other citations alone."""

    @cached_property
    def step_groups(self) -> tuple[int, ...]:
        """For each step, the index of the first step whose action equals its action: an
        outcome includes each action once (the first of equal ones that applies), and comparing
        actions field by field on every evaluation was a tenth of its cost."""
        actions = [s.action for s in self.steps]
        return tuple(actions.index(a) for a in actions)


@dataclass(frozen=True)
class Contradiction:
    """Answers that cannot both be true: invalid input, refused with ``message`` (beside an
    urgent outcome, reported with ``plain`` instead: RULES.md principle 1)."""

    when: Condition
    question: str
    message: str
    """Names the valid choices, for the developer; the page shows it by the question."""
    plain: str
    """The same in plain words, for a warning beside an urgent outcome (principle 1)."""


@dataclass(frozen=True)
class Tool:
    """A checklist: its questions in the order they are asked, and its rules in precedence order."""

    id: str
    title: str
    intro: str
    questions: tuple[Question, ...]
    rules: tuple[Rule, ...]
    lists: tuple[PractitionerList, ...] = ()
    """Questions answered with a list, asked after ``questions``."""
    contradictions: tuple[Contradiction, ...] = ()
    before_you_start: tuple[str, ...] = ()
    """What the practitioner will need to hand, one item each: the page's "Before you start"
    above the first question."""

    @cached_property
    def question_ids(self) -> tuple[str, ...]:
        """Remembered: validation and every outcome's reasons read it (a million times in one
        walk of the tests' answer space)."""
        return tuple(q.id for q in self.questions) + self.list_questions

    @cached_property
    def list_questions(self) -> tuple[str, ...]:
        """The ids of the questions answered with a list."""
        return tuple(q.id for q in self.lists)

    def list_question(self, question_id: object) -> PractitionerList | None:
        """The list question with this id, or None when it is not one (a choice, or unknown)."""
        if type(question_id) is str:  # noqa: E721  (any other key is compared as before)
            return self._lists_by_id.get(question_id)
        return next((q for q in self.lists if q.id == question_id), None)

    @cached_property
    def _lists_by_id(self) -> dict[str, PractitionerList]:
        """Remembered: validation and every outcome's reasons ask it of each answer."""
        return {q.id: q for q in self.lists}

    @cached_property
    def _questions_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def choices(self) -> dict[str, frozenset[str]]:
        """Each single-choice question's option ids, as a set: validation's fast path for an
        answer that is one of its question's options (every answer but a refused one)."""
        return {q.id: frozenset(q.option_ids) for q in self.questions}

    def question(self, question_id: str) -> Question:
        return self._questions_by_id[question_id]

    @cached_property
    def deciding_questions(self) -> frozenset[str]:
        """The questions some rule's condition reads: which rule matches depends on these
        alone (an action's condition never changes the recommendation)."""
        return frozenset().union(*(rule.when.questions() for rule in self.rules))
