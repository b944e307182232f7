"""Practitioners who could lead (who-should-lead): their fields, eligibility and ranking.

Source A: the family must have a good relationship with the lead and agree to them, and changes
should be kept to a minimum (so someone leaving soon ranks lower); any practitioner may lead.
Capacity to take the role on is a precondition for taking it at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from .model import Answers, Option, Question, TriState

MAX_CANDIDATES = 8
QUESTION_ID = "candidates"


def _yes_no(qid: str, text: str, summary: str, hint: str = "") -> Question:
    return Question(qid, text, summary, (Option("yes", "Yes"), Option("no", "No")), hint)


FIELDS: tuple[Question, ...] = (
    Question(
        "role",
        "Role",
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
    ),
    Question(
        "relationship",
        "How is their relationship with the family?",
        "Relationship with the family",
        (Option("good", "Good"), Option("neutral", "Neutral"), Option("poor", "Poor")),
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
    ),
    _yes_no("main_needs", "Do they work with the family's main needs?", "Works with the main needs"),
    _yes_no("capacity", "Do they have capacity to take on the role?", "Has capacity"),
    _yes_no(
        "leaving_soon",
        "Are they leaving their post, or is the child about to move school or service?",
        "Leaving soon",
    ),
)
FIELD_IDS = tuple(f.id for f in FIELDS)

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


def assess(index: int, c: Mapping[str, str]) -> Ranked:
    """Eligibility, a score whose order follows the ranking keys' priority, and reasons."""
    reasons: list[str] = []
    blockers: list[str] = []
    if c["family_view"] == "objects":
        blockers.append("Not eligible: the family objects, and the family must agree to the lead.")
    if c["relationship"] == "poor":
        blockers.append(
            "Not eligible: the relationship with the family is poor, and the family must have "
            "a good relationship with the lead."
        )
    if c["capacity"] == "no":
        blockers.append("Not eligible: they do not have capacity to take on the role.")
    family = {
        "preferred": "The family prefers them.",
        "agrees": "The family agrees to them leading.",
        "not_asked": "The family has not been asked yet.",
        "objects": "",
    }[c["family_view"]]
    relationship = {
        "good": "Good relationship with the family.",
        "neutral": "Neutral relationship with the family.",
        "poor": "",
    }[c["relationship"]]
    reasons.extend(r for r in (family, relationship) if r)
    reasons.append(
        "Works with the family's main needs."
        if c["main_needs"] == "yes"
        else "Does not work with the family's main needs."
    )
    reasons.append(
        "Leaving soon: a change of lead would follow, and changes should be kept to a minimum."
        if c["leaving_soon"] == "yes"
        else "Not leaving soon."
    )
    # Keys in priority order; each weight exceeds the sum of all lower keys, so the score
    # orders candidates exactly as comparing the keys one by one would.
    score = (
        _FAMILY_RANK.get(c["family_view"], 0) * 8
        + _RELATIONSHIP_RANK.get(c["relationship"], 0) * 4
        + (2 if c["main_needs"] == "yes" else 0)
        + (1 if c["leaving_soon"] == "no" else 0)
    )
    return Ranked(index, c["role"], not blockers, score, tuple(blockers + reasons))


def rank(candidates: Sequence[Mapping[str, str]]) -> tuple[list[Ranked], int | None]:
    """Every candidate assessed, and the index of the suggested one (ties keep given order)."""
    assessed = [assess(i, c) for i, c in enumerate(candidates)]
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
    value = answers.get(QUESTION_ID)
    return value if isinstance(value, list) else None


@dataclass(frozen=True)
class NoEligibleCandidate:
    """None of the practitioners listed can lead."""

    def test(self, answers: Answers) -> TriState:
        listed = _listed(answers)
        if listed is None:
            return None
        return rank(listed)[1] is None

    def questions(self) -> frozenset[str]:
        return frozenset({QUESTION_ID})

    def describe(self, questions: Mapping[str, Question]) -> str:
        return (
            "No practitioner listed is eligible (each has a poor relationship with the family, "
            "the family objects, or they have no capacity)"
        )


@dataclass(frozen=True)
class SuggestedFamilyView:
    """The suggested candidate's ``family_view`` is one of ``values``."""

    values: frozenset[str]

    def test(self, answers: Answers) -> TriState:
        listed = _listed(answers)
        if listed is None:
            return None
        suggested = rank(listed)[1]
        return suggested is not None and listed[suggested]["family_view"] in self.values

    def questions(self) -> frozenset[str]:
        return frozenset({QUESTION_ID})

    def describe(self, questions: Mapping[str, Question]) -> str:
        return "The suggested practitioner's family view is " + " or ".join(sorted(self.values))
