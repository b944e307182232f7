"""Practitioners who could lead (who-should-lead): the list question and its words, the
practitioners' fields, eligibility and ranking.

Source A: the family must have a good relationship with the lead and agree to them; a lead
leaving post is a time of change, and changes are kept to a minimum, so someone leaving soon
ranks below everyone who stays. Neither source mentions capacity: treating a practitioner
without capacity as unable to lead is local practice (LOCAL), off where a profile turns local
practice off.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from ..model import Answers, ListEditor, Option, PractitionerList, Question, TriState

if TYPE_CHECKING:
    from ..profiles import Profile

MAX_CANDIDATES = 8
NOBODY_LISTED = (
    "No practitioners are listed yet: list those working with the family to see which of "
    "them the guidance suggests."
)
"""Added to an outcome that suggests a practitioner when the list is empty: nobody listed is
not the same as nobody suitable."""
LISTED_REASON = "Practitioners listed: {listed}, of whom {eligible} can lead."
"""The line under "Why" on an outcome that read the list."""
NONE_LISTED = "none listed"
"""The record's count of an empty list ("Practitioners who could lead: none listed")."""
TOO_MANY = (
    "{count} practitioners were listed, and the checklist takes at most {most}. The list was "
    "not used: safeguarding comes first. Check the list when you come back to who should lead."
)
"""Beside an urgent outcome, for a list longer than the checklist takes (principle 1)."""


def _yes_no(qid: str, text: str, summary: str, error: str) -> Question:
    return Question(qid, text, summary, (Option("yes", "Yes"), Option("no", "No")), error=error)


FIELDS: tuple[Question, ...] = (
    Question(
        "role",
        "What is their role?",
        "Role",
        (
            Option("gp", "GP"),
            Option("health_visitor", "Health visitor"),
            Option("school_nurse", "School nurse"),
            Option("teacher", "Teacher"),
            Option("senco", "SENCO"),
            Option("family_support_worker", "Family support worker"),
            Option("social_worker", "Social worker"),
            Option("family_wellbeing_practitioner", "Family Wellbeing practitioner"),
            Option("other", "Other practitioner"),
        ),
        error="Select practitioner {n}'s role",
    ),
    Question(
        "relationship",
        "How is their relationship with the family?",
        "Relationship with the family",
        (Option("good", "Good"), Option("neutral", "Neutral"), Option("poor", "Poor")),
        error="Select how practitioner {n}'s relationship with the family is",
    ),
    Question(
        "family_view",
        "What does the family think of them leading?",
        "Family's view",
        (
            Option("preferred", "The family prefers them"),
            Option("agrees", "The family agrees"),
            Option("objects", "The family objects"),
            Option("not_asked", "Not asked yet"),
        ),
        error="Select what the family think of practitioner {n} leading",
    ),
    _yes_no(
        "main_needs",
        "Do they work with the family's main needs?",
        "Works with the main needs",
        "Select whether practitioner {n} works with the family's main needs",
    ),
    _yes_no(
        "capacity",
        "Do they have capacity to take on the role?",
        "Has capacity",
        "Select whether practitioner {n} has capacity to take on the role",
    ),
    _yes_no(
        "leaving_soon",
        "Are they leaving their post, or is the child about to move school or service?",
        "Leaving soon",
        "Select whether practitioner {n} is leaving their post, or the child is about to move",
    ),
)

PRACTITIONERS = PractitionerList(
    "candidates",
    "Which practitioners working with the family could be the Lead Practitioner?",
    "Practitioners who could lead",
    FIELDS,
    MAX_CANDIDATES,
    hint="Add up to 8. Any practitioner supporting the family can take on the role. Record "
    "roles only: do not enter names.",
    error="Add at least one practitioner who works with the family",
    editor=ListEditor(
        heading="Practitioner {n}",
        title="Practitioner {n}: {role}",
        name="practitioner {n}, {role}",
        add_first="Add a practitioner",
        add_another="Add another practitioner",
        save="Save practitioner",
        cancel="Cancel",
        change="Change",
        remove="Remove",
        use="Use these practitioners",
        removed="{title} removed.",
        moved_up="The practitioners after them have moved up one number.",
        full="You have listed {most} practitioners, the most this checklist takes. To add a "
        "different one, remove one first.",
    ),
)
"""The list question who-should-lead asks last (``Tool.lists``)."""
FIELD_IDS = PRACTITIONERS.field_ids

_FAMILY_RANK = {"preferred": 2, "agrees": 1, "not_asked": 0}
_RELATIONSHIP_RANK = {"good": 1, "neutral": 0}


@dataclass(frozen=True)
class Ranked:
    """One candidate's assessment, in the shape the outcome JSON carries."""

    index: int
    role: str
    eligible: bool
    score: int
    reasons: tuple[str, ...]

    def as_dict(self, rank: int | None) -> dict[str, Any]:
        return {
            "index": self.index,
            "role": self.role,
            "eligible": self.eligible,
            "score": self.score,
            "rank": rank,
            "reasons": list(self.reasons),
        }


def _blockers(c: Mapping[str, str], local_practice: bool) -> list[str]:
    """Why a candidate cannot lead (empty when they can)."""
    blockers = []
    if c["family_view"] == "objects":
        blockers.append("Not eligible: the family objects, and the family must agree to the lead.")
    if c["relationship"] == "poor":
        blockers.append(
            "Not eligible: the relationship with the family is poor, and the family must have "
            "a good relationship with the lead."
        )
    if c["capacity"] == "no" and local_practice:
        blockers.append(
            "Not eligible: they do not have capacity to take on the role (local practice: the "
            "guidance does not mention capacity)."
        )
    return blockers


def score(c: Mapping[str, str]) -> int:
    """The ranking keys as one number: each key's weight exceeds the sum of all lower keys, so
    comparing scores is comparing the keys one by one, in RULES.md's order of priority:
    not leaving soon, then the family's view, then the relationship, then the main needs."""
    return (
        (12 if c["leaving_soon"] == "no" else 0)
        + _FAMILY_RANK.get(c["family_view"], 0) * 4
        + _RELATIONSHIP_RANK.get(c["relationship"], 0) * 2
        + (1 if c["main_needs"] == "yes" else 0)
    )


def assess(index: int, c: Mapping[str, str], local_practice: bool = True) -> Ranked:
    """Eligibility, score and reasons for one candidate."""
    reasons: list[str] = [
        "Leaving soon: a change of lead would follow within weeks, and changes should be kept "
        "to a minimum."
        if c["leaving_soon"] == "yes"
        else "Not leaving soon."
    ]
    reasons.append(
        {
            "preferred": "The family prefers them.",
            "agrees": "The family agrees to them leading.",
            "not_asked": "The family has not been asked yet.",
            "objects": "",
        }[c["family_view"]]
    )
    reasons.append(
        {
            "good": "Good relationship with the family.",
            "neutral": "Neutral relationship with the family.",
            "poor": "",
        }[c["relationship"]]
    )
    reasons.append(
        "Works with the family's main needs."
        if c["main_needs"] == "yes"
        else "Does not work with the family's main needs."
    )
    blockers = _blockers(c, local_practice)
    return Ranked(
        index,
        c["role"],
        not blockers,
        score(c),
        tuple(blockers + [r for r in reasons if r]),
    )


def rank(
    candidates: Sequence[Mapping[str, str]], local_practice: bool = True
) -> tuple[list[Ranked], int | None]:
    """Every candidate assessed, and the index of the suggested one (ties keep given order)."""
    assessed = [assess(i, c, local_practice) for i, c in enumerate(candidates)]
    eligible = [r for r in assessed if r.eligible]
    if not eligible:
        return assessed, None
    best = max(eligible, key=lambda r: (r.score, -r.index))
    return assessed, best.index


def rank_positions(assessed: Sequence[Ranked]) -> dict[int, int]:
    """1-based rank of each eligible candidate (stable: ties keep the order given)."""
    order = sorted((r for r in assessed if r.eligible), key=lambda r: (-r.score, r.index))
    return {r.index: position for position, r in enumerate(order, start=1)}


def _listed(answers: Answers) -> Sequence[Mapping[str, str]] | None:
    value = answers.get(PRACTITIONERS.id)
    return value if isinstance(value, list) else None


@dataclass(frozen=True)
class NoEligibleCandidate:
    """At least one practitioner is listed and none of them can lead (an empty list is not
    "nobody suitable": nobody has been listed yet)."""

    def test(self, answers: Answers, profile: "Profile") -> TriState:
        listed = _listed(answers)
        if listed is None:
            return None
        return bool(listed) and rank(listed, profile.local_practice)[1] is None

    def questions(self) -> frozenset[str]:
        return frozenset({PRACTITIONERS.id})

    def describe(self, questions: Mapping[str, Question]) -> str:
        return (
            "At least one practitioner is listed and none is eligible (each has a poor "
            "relationship with the family, the family objects, or they have no capacity)"
        )

    def ruled_out(self, answers: Answers, profile: "Profile",
                  questions: Mapping[str, Question]) -> str:
        if not _listed(answers):
            return "No practitioners are listed yet"
        return "At least one practitioner listed can lead"


@dataclass(frozen=True)
class SuggestedCandidate:
    """The suggested candidate's ``field`` is one of ``values`` (False when nobody is suggested)."""

    field: str
    values: frozenset[str]
    description: str

    def test(self, answers: Answers, profile: "Profile") -> TriState:
        listed = _listed(answers)
        if listed is None:
            return None
        suggested = rank(listed, profile.local_practice)[1]
        return suggested is not None and listed[suggested][self.field] in self.values

    def questions(self) -> frozenset[str]:
        return frozenset({PRACTITIONERS.id})

    def describe(self, questions: Mapping[str, Question]) -> str:
        return self.description

    def ruled_out(self, answers: Answers, profile: "Profile",
                  questions: Mapping[str, Question]) -> str:
        return f"Not so: {self.description[:1].lower()}{self.description[1:]}"
