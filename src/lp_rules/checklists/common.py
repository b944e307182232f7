"""Questions, actions and rules that more than one checklist uses, written once.

Texts may use the profile's terms in braces ({front_door}, {support}, {assessment}, {plan},
{review}, {front_door_finding}, {domestic_abuse_route}); the engine fills them in for the
chosen authority.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from . import texts
from ..model import Action, Always, Option, Question, Rule, Step, answer_in
from ..sources import (
    A_FURTHER_SUPPORT,
    B_REFUSED,
    CA89_SEEING_HARM,
    Citation,
    CA89_WISHES,
    CHILD_VOICE,
    DAA21_CHILD_VICTIM,
    IS24_RECORD,
    IS24_SAFE_CONTACT,
    IS24_SHARING,
    LOCAL_DOMESTIC_ABUSE,
    WT_HARM,
    WT_IMMEDIATE_DANGER,
)

if TYPE_CHECKING:
    from ..profiles import Profile

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
    error="Select whether there is reasonable cause to suspect significant harm, or that you are not sure",
    warning="If a child is in immediate danger, call 999 now.",
)

SAFETY = Question(
    "safety",
    "Do you know of or suspect domestic abuse, honour-based abuse or exploitation, or anyone "
    "(in the family or outside it, such as an ex-partner) who could harm someone if they "
    "learned of this contact, this plan, or where someone is?",
    "Domestic abuse, or someone who could harm another through this contact, known or suspected",
    (
        Option("yes", "Yes"),
        Option("no", "No"),
        Option("unsure", "I'm not sure"),
    ),
    hint="If you are not sure, choose \"I'm not sure\": the checklist then asks you to plan "
    "every contact safely with your designated safeguarding lead first.",
    error="Select whether you know of or suspect abuse, or anyone who could harm someone "
    "through this contact, or that you are not sure",
)
"""RULES.md principle 7, asked in every tool right after ``harm`` is ``no``."""

BEFORE_YOU_START = (
    "What you know or suspect about any harm to a child, and about anyone who could harm "
    "someone through contact with the family: every checklist asks about these first.",
)
"""The first item of every tool's "Before you start" (``harm`` and ``safety`` come first)."""

CALL_999 = Action(
    "call_999_if_immediate_danger",
    "If a child is in immediate danger, call 999 now.",
    (WT_IMMEDIATE_DANGER,),
)
FOLLOW_SAFEGUARDING = Action(
    "follow_safeguarding_procedures",
    "Follow your safeguarding procedures straight away: talk to your designated safeguarding "
    "lead now. Do not wait for this checklist or for anyone's agreement.",
    (WT_HARM,),
)
CONTACT_FRONT_DOOR = Action(
    "contact_front_door",
    "Contact {front_door} straight away to share your concern and make a referral. "
    "{front_door_finding}",
    (WT_HARM, IS24_SHARING),
)
TALK_TO_DSL = Action(
    "talk_to_dsl",
    "Talk to your designated safeguarding lead now. If you cannot reach them, talk to "
    "{front_door}.",
    (WT_HARM,),
    principle=True,
)
PLAN_SAFE_CONTACT = Action(
    "plan_safe_contact",
    "Before any contact with the family, talk to your designated safeguarding lead today and "
    "agree how to contact each person safely. Consider whether your answer on significant harm "
    "should be \"I'm not sure\": living with domestic abuse can itself be significant harm "
    "(harm includes impairment from seeing or hearing the ill-treatment of another: Children "
    "Act 1989 section 31(9)), and a child who sees, hears or experiences the effects of domestic "
    "abuse is regarded as a victim of it (Domestic Abuse Act 2021 section 3). Consider whether a "
    "domestic abuse risk assessment (such as DASH) or a referral to a MARAC is needed: "
    "{domestic_abuse_route} Never seek the agreement of, share plans or whereabouts with, or "
    "hold a joint meeting with a person who may be harming a child or adult; meet people "
    "separately where needed. Protect the identities of anyone who could be harmed if their "
    "details became known.",
    (CA89_SEEING_HARM, DAA21_CHILD_VICTIM, IS24_SAFE_CONTACT, LOCAL_DOMESTIC_ABUSE),
    principle=True,
    holds_back=True,
)
"""RULES.md principle 7. Telling a practitioner not to share plans or whereabouts with a
possible abuser is not the "do not share" that principle 2 forbids."""
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
OPEN_CONSENT_CHECKLIST = Action(
    "open_consent_checklist",
    "The family has declined: use the 'Consent refused or withdrawn' checklist for what to do "
    "next.",
    (B_REFUSED,),
)
CONTACT_SUPPORT = Action(
    "contact_support_coordinators",
    "Ask {support} for advice on the Lead Practitioner role.",
    (A_FURTHER_SUPPORT,),
)


def own_support(profile: "Profile") -> Citation:
    """Where ``CONTACT_SUPPORT``'s advice comes from in this area (``engine._resolved``, and the
    "guidance does not cover this" outcome): the area's own Further support section, which names the
    contact its guidance gives, or says that its guidance names none and to ask the local early
    help team (``texts.NO_SUPPORT_CONTACT``). Never another area's Further support section.
    For an area whose own guidance is source A and names a contact, this is A_FURTHER_SUPPORT."""
    section = A_FURTHER_SUPPORT.section
    if not profile.support_contact:
        section = texts.NO_SUPPORT_CONTACT.format(section=section)
    return replace(A_FURTHER_SUPPORT, source=profile.own_source, section=section)

OTHERWISE = Always("None of the above")
"""The last rule's condition: it holds whatever the answers (its words are the decision table's
last "When")."""

HARM_SUSPECTED = answer_in("harm", "yes", "unsure")
SAFETY_CONCERN = answer_in("safety", "yes", "unsure")

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
        "significant harm: safeguarding comes first, and decisions about the Lead Practitioner "
        "come later. Call 999 if a child is in immediate danger; otherwise talk to your "
        "designated safeguarding lead and contact {front_door} straight away.",
        why="A concern about significant harm, or being unsure, always comes first.",
        citations=(WT_HARM, IS24_SHARING),
        steps=URGENT_STEPS,
        urgent=True,
    )


def with_safe_contact(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """Every rule that is not urgent, with principle 7's actions first: on a safety concern
    (``safety`` is ``yes`` or ``unsure``), ``plan_safe_contact`` then ``talk_to_dsl`` lead its
    actions. Urgent rules are left as they are: nothing may delay them."""
    first = (Step(PLAN_SAFE_CONTACT, SAFETY_CONCERN), Step(TALK_TO_DSL, SAFETY_CONCERN))
    return tuple(rule if rule.urgent else replace(rule, steps=first + rule.steps)
                 for rule in rules)
