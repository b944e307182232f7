"""Questions, actions and rules that more than one checklist uses, written once.

Texts may use the profile's terms in braces ({front_door}, {support}, {assessment}, {plan},
{review}); the engine fills them in for the chosen authority.
"""

from __future__ import annotations

from ..model import Action, Option, Question, Rule, Step, answer_in
from ..sources import A_FURTHER_SUPPORT, IS24_RECORD, IS24_SHARING, WT23_HARM

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
    "to safeguarding advice.",
)

FOLLOW_SAFEGUARDING = Action(
    "follow_safeguarding_procedures",
    "Follow your safeguarding procedures now: talk to your designated safeguarding lead and do "
    "not wait for this checklist or for consent.",
    (WT23_HARM,),
)
CONTACT_FRONT_DOOR = Action(
    "contact_front_door",
    "Contact {front_door} today to share your concern and make a referral.",
    (WT23_HARM, IS24_SHARING),
)
RECORD_DECISION = Action(
    "record_decision",
    "Record what you decided and why, including whether information was shared, with whom "
    "and on what basis.",
    (IS24_RECORD,),
)
CONTACT_SUPPORT = Action(
    "contact_support_coordinators",
    "Ask {support} for advice on the Lead Practitioner role.",
    (A_FURTHER_SUPPORT,),
)

HARM_SUSPECTED = answer_in("harm", "yes", "unsure")


def safeguarding_first() -> Rule:
    """The rule every lead-practitioner checklist starts with: harm suspected or unsure."""
    return Rule(
        code="safeguarding_first",
        when=HARM_SUSPECTED,
        title="Follow safeguarding procedures now",
        summary="You suspect, or are not sure whether, a child is at risk of significant harm. "
        "Safeguarding comes first: act on that concern now. Decisions about the Lead "
        "Practitioner can wait.",
        why="A concern about significant harm, or being unsure, always comes first.",
        citations=(WT23_HARM, IS24_SHARING),
        steps=(Step(FOLLOW_SAFEGUARDING), Step(CONTACT_FRONT_DOOR), Step(RECORD_DECISION)),
        urgent=True,
    )
