"""Questions, actions and rules that more than one checklist uses, written once.

Texts may use the profile's terms in braces ({front_door}, {support}, {assessment}, {plan},
{review}, {front_door_finding}); the engine fills them in for the chosen authority.
"""

from __future__ import annotations

from ..model import Action, Option, Question, Rule, Step, answer_in
from ..sources import (
    A_FURTHER_SUPPORT,
    CA89_WISHES,
    CHILD_VOICE,
    IS24_RECORD,
    IS24_SHARING,
    WT23_HARM,
    WT23_IMMEDIATE_DANGER,
)

HARM = Question(
    "harm",
    "Is there reasonable cause to suspect that a child in the family is suffering, or is "
    "likely to suffer, significant harm?",
    "Significant harm suspected",
    (
        Option("yes", "Yes"),
        Option("no", "No"),
        Option("unsure", "I'm not sure"),
    ),
    hint="If you are not sure, choose \"I'm not sure\": the checklist will stop and point you "
    "to safeguarding advice. If a child is in immediate danger, call 999 now.",
    error="Select whether there is reasonable cause to suspect significant harm, or that you are not sure",
)

CALL_999 = Action(
    "call_999_if_immediate_danger",
    "If a child is in immediate danger, call 999 now.",
    (WT23_IMMEDIATE_DANGER,),
)
FOLLOW_SAFEGUARDING = Action(
    "follow_safeguarding_procedures",
    "Follow your safeguarding procedures straight away: talk to your designated safeguarding "
    "lead now. Do not wait for this checklist or for anyone's agreement.",
    (WT23_HARM,),
)
CONTACT_FRONT_DOOR = Action(
    "contact_front_door",
    "Contact {front_door} straight away to share your concern and make a referral. "
    "{front_door_finding}",
    (WT23_HARM, IS24_SHARING),
)
TALK_TO_DSL = Action(
    "talk_to_dsl",
    "Talk to your designated safeguarding lead now. If you cannot reach them, talk to "
    "{front_door}.",
    (WT23_HARM,),
)
SEEK_CHILD_VIEWS = Action(
    "seek_child_views",
    "Find out the child's wishes and feelings, in a way that suits their age and "
    "understanding, and let them inform the decision. This applies to every child, not only "
    "those who can consent for themselves.",
    (CHILD_VOICE, CA89_WISHES),
    principle=True,
)
RECORD_DECISION = Action(
    "record_decision",
    "Record what you decided and why, including whether information was shared, with whom "
    "and on what basis.",
    (IS24_RECORD,),
    principle=True,
)
CONTACT_SUPPORT = Action(
    "contact_support_coordinators",
    "Ask {support} for advice on the Lead Practitioner role.",
    (A_FURTHER_SUPPORT,),
)

HARM_SUSPECTED = answer_in("harm", "yes", "unsure")

URGENT_STEPS = (
    Step(CALL_999),
    Step(FOLLOW_SAFEGUARDING),
    Step(CONTACT_FRONT_DOOR),
    Step(RECORD_DECISION),
)
"""What every 'act now' outcome starts with (RULES.md principle 1)."""


def safeguarding_first() -> Rule:
    """The rule every lead-practitioner checklist starts with: harm suspected or unsure."""
    return Rule(
        code="safeguarding_first",
        when=HARM_SUSPECTED,
        title="Act now: follow safeguarding procedures",
        summary="You suspect, or are not sure whether, a child is suffering or likely to suffer "
        "significant harm. Safeguarding comes first: call 999 if a child is in immediate "
        "danger; otherwise talk to your designated safeguarding lead and contact {front_door} "
        "straight away. Decisions about the Lead Practitioner come later.",
        why="A concern about significant harm, or being unsure, always comes first.",
        citations=(WT23_HARM, IS24_SHARING),
        steps=URGENT_STEPS,
        urgent=True,
    )
