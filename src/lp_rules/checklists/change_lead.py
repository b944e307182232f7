"""Should the Lead Practitioner change? (RULES.md, tool ``change-lead``)."""

from __future__ import annotations

from dataclasses import replace

from ..model import Action, AllOf, AnyOf, Option, Question, Rule, Step, Tool, answer_in
from ..sources import (
    A_ABSENCE,
    A_EXAMPLES,
    A_INITIAL_TAF,
    A_MINIMUM,
    A_RELATIONSHIP,
    A_REVIEW,
    A_WHEN_CHANGES,
    B_CONSENT,
    CONF_CONFIDENTIALITY,
    IS24_SHARING,
    IS24_TELL_FAMILY,
    LOCAL_AWAITING,
    LOCAL_CLOSING,
    LOCAL_COMPLAINT,
    LOCAL_CONCERN_ABOUT_LEAD,
    LOCAL_HANDOVER,
    LOCAL_LONG_ABSENCE,
    LOCAL_NEW_LEAD,
    LOCAL_STEP_DOWN,
    LOCAL_STEP_DOWN_DECLINED,
    REFERRAL_LEAD,
    WT_ALLEGATIONS,
    WT_THRESHOLDS,
)
from .common import (
    BEFORE_YOU_START,
    CONTACT_FRONT_DOOR,
    CONTACT_SUPPORT,
    HARM,
    OPEN_CONSENT_CHECKLIST,
    RECORD_DECISION,
    SAFETY,
    SEEK_CHILD_VIEWS,
    TALK_TO_DSL,
    safeguarding_first,
    with_safe_contact,
)

QUESTIONS = (
    HARM,
    SAFETY,
    Question(
        "event",
        "What has happened?",
        "What has happened",
        (
            Option("initial_taf", "The initial Team Around the Family meeting is due"),
            Option("needs_escalated", "The family's needs have escalated"),
            Option(
                "stepped_down",
                "Children's social care is stepping the family down to early help",
            ),
            Option("school_transition", "The child is moving from primary to secondary school"),
            Option("lead_leaving", "The Lead Practitioner is leaving or changing jobs"),
            Option(
                "absence_short",
                "The Lead Practitioner is away for a short time",
                "For example annual leave or short-term sickness.",
            ),
            Option("absence_long", "The Lead Practitioner will be away for a long time"),
            Option(
                "relationship_breakdown",
                "The family's relationship with the Lead Practitioner has broken down",
            ),
            Option(
                "family_requests_change",
                "The family or the child has asked for a different Lead Practitioner",
            ),
            Option("circumstances_changed", "The family's circumstances have changed significantly"),
            Option("needs_met", "The family's needs have been met"),
            Option(
                "nothing_specific",
                "Nothing specific has happened",
                "For example, a practitioner wonders whether a change would help.",
            ),
        ),
        error="Select what has happened",
    ),
    Question(
        "concern_about_lead",
        "Has the child or the family raised a concern about the Lead Practitioner?",
        "Concern raised about the Lead Practitioner",
        (
            Option(
                "harm_threshold",
                "Yes: that they may have harmed a child, or may pose a risk to children",
                "That they have harmed or may have harmed a child; possibly committed a criminal "
                "offence against or related to a child; or behaved towards a child in a way that "
                "indicates they may pose a risk of harm to children (in a school, also: may not "
                "be suitable to work with children).",
            ),
            Option(
                "conduct_or_complaint",
                "Yes: a complaint about their practice or manner",
                "Below that threshold: for example, the family find them dismissive or they "
                "often miss visits.",
            ),
            Option("no", "No"),
            Option("unsure", "I'm not sure"),
        ),
        error="Select whether the child or the family has raised a concern about the Lead "
        "Practitioner, or that you are not sure",
    ),
    Question(
        "family_agrees",
        "Have the family and child been consulted about the change, and do they agree?",
        "Family consulted and agrees",
        (Option("yes", "Yes"), Option("no", "No"), Option("not_asked", "Not asked yet")),
        error="Select whether the family and child have been consulted and agree",
    ),
    Question(
        "successor",
        "Has a willing practitioner with capacity been identified to take over?",
        "Successor identified",
        (Option("yes", "Yes"), Option("no", "No")),
        error="Select whether a practitioner has been found to take over",
    ),
    Question(
        "consent_covers_successor",
        "Does the family's agreement to early help cover the new lead's service being "
        "involved?",
        "Family's agreement covers the new lead's service",
        (Option("yes", "Yes"), Option("no", "No"), Option("unsure", "I'm not sure")),
        error="Select whether the family's agreement covers the new lead's service",
    ),
    Question(
        "changes_so_far",
        "How many times has the Lead Practitioner already changed during this plan?",
        "Lead changes so far",
        (Option("none", "None"), Option("one", "Once"), Option("two_or_more", "Twice or more")),
        error="Select how many times the Lead Practitioner has already changed",
    ),
)

OTHERS_COVER = Action(
    "others_cover_functions",
    "Keep the Lead Practitioner's functions going: the other practitioners supporting the family "
    "cover them where possible, so the family's support stays seamless. No change of lead is "
    "needed.",
    (A_ABSENCE,),
)
AGREE_AT_TAF = Action(
    "agree_at_taf",
    "Agree the Lead Practitioner with the family at a Team Around the Family meeting or review, "
    "where it is safe (meet people separately where it is not).",
    (A_INITIAL_TAF, A_WHEN_CHANGES),
)
CONSULT_FAMILY = Action(
    "consult_family",
    "Where it is safe, talk to the family and the child about the change and seek their "
    "agreement: the family must agree to, and have a good relationship with, the lead.",
    (A_RELATIONSHIP,),
)
IDENTIFY_SUCCESSOR = Action(
    "identify_successor",
    "Identify a willing practitioner with capacity to take over, from those working with the "
    "family.",
    (A_INITIAL_TAF,),
)
HANDOVER_PLAN = Action(
    "handover_plan",
    "Hand over the {plan}, the assessment and the actions in progress to the new Lead "
    "Practitioner.",
    (A_WHEN_CHANGES, LOCAL_HANDOVER),
)
INTRODUCE_NEW_LEAD = Action(
    "introduce_new_lead",
    "Introduce the new Lead Practitioner to the family, where it is safe, and to every "
    "practitioner in the team, so everyone knows the new single point of contact.",
    (LOCAL_NEW_LEAD,),
)
UPDATE_RECORDS = Action(
    "update_records",
    "Update the family's records and the {plan} with the new Lead Practitioner's details.",
    (LOCAL_HANDOVER,),
)
SET_REVIEW_DATE = Action(
    "set_review_date",
    "Set the date of the next Team Around the Family review ({review}).",
    (A_REVIEW,),
)
REVISIT_CONSENT = Action(
    "revisit_consent",
    "Check that the family's agreement covers the new lead's service being involved, and, where "
    "it is safe, ask them again if it does not or you are not sure.",
    (B_CONSENT, LOCAL_HANDOVER),
)
MINIMISE_CHANGES = Action(
    "minimise_changes",
    "Keep changes of lead to a minimum: each change unsettles the child and family.",
    (A_MINIMUM,),
)
CLOSE_WITH_FAMILY = Action(
    "agree_closure_with_family",
    "Where it is safe, agree with the family and the Team Around the Family that the needs are "
    "met and the {plan} can close, and tell every practitioner involved.",
    (LOCAL_CLOSING,),
)

DISCUSS_REFERRAL = Action(
    "discuss_referral_with_family",
    "Where it is safe, tell the family about the referral and seek their agreement. You do not "
    "need their agreement to share information where a child is at risk of harm; agree with "
    "your designated safeguarding lead whether and when to tell them.",
    (IS24_TELL_FAMILY, IS24_SHARING, CONF_CONFIDENTIALITY),
)
KEEP_SUPPORTING = Action(
    "keep_supporting_until_decision",
    "Keep supporting the family as now until {front_door} decides, and follow up if you hear "
    "nothing.",
    (LOCAL_AWAITING,),
)

REFER_TO_LADO = Action(
    "refer_to_lado",
    "Tell your designated safeguarding lead or your manager today, so that they consult the "
    "local authority designated officer (LADO). Listen to the child and write down what they "
    "said in their words, but do not investigate. Do not raise the concern with the Lead "
    "Practitioner or at a meeting they attend. Another practitioner keeps in touch with the "
    "family meanwhile; who leads is decided once your designated safeguarding lead or the LADO "
    "has advised. If what the child said is a disclosure of harm, answer the question on "
    "significant harm again.",
    (WT_ALLEGATIONS, LOCAL_CONCERN_ABOUT_LEAD),
    # Working Together (the national page's section) gives the first sentence; the rest is
    # other areas' procedures, kept where local practice is off because it protects the child,
    # and said to be this checklist's own advice.
    sourced_text="Tell your designated safeguarding lead or your manager today, so that they "
    "consult the local authority designated officer (LADO). This checklist also advises, from "
    "other areas' procedures rather than national guidance: listen to the child and write down "
    "what they said in their words, but do not investigate; do not raise the concern with the "
    "Lead Practitioner or at a meeting they attend; and if what the child said is a disclosure "
    "of harm, answer the question on significant harm again.",
)
RAISE_WITH_MANAGER = Action(
    "raise_with_manager",
    "The concern is about the Lead Practitioner's practice or manner, below the threshold for "
    "the local authority designated officer (LADO): raise it with the lead's manager, under "
    "their employer's complaints process, and tell the family how it will be handled. If it "
    "turns out to be more than that, talk to your designated safeguarding lead.",
    (LOCAL_COMPLAINT,),
)
TELL_SOCIAL_CARE = Action(
    "tell_social_care_family_declines",
    "The family do not agree to early help: tell children's social care before they close the "
    "case, so that they can reconsider closing it.",
    (LOCAL_STEP_DOWN_DECLINED,),
)

NOT_AGREED = answer_in("family_agrees", "no", "not_asked")
DECLINES = answer_in("family_agrees", "no")
CONCERN_EVENTS = answer_in("event", "relationship_breakdown", "family_requests_change")
CONCERN_AT_THRESHOLD = AllOf((CONCERN_EVENTS,
                              answer_in("concern_about_lead", "harm_threshold", "unsure")))
COMPLAINT = AllOf((CONCERN_EVENTS, answer_in("concern_about_lead", "conduct_or_complaint")))
FAMILY_ASKED = answer_in("event", "family_requests_change")
NO_SUCCESSOR = answer_in("successor", "no")
CONSENT_GAP = answer_in("consent_covers_successor", "no", "unsure")
MANY_CHANGES = answer_in("changes_so_far", "two_or_more")

# Steps in the order "Do this now" shows them (its first two): what these answers call for
# first (the family not yet agreeing, their agreement not covering the new lead, no successor, a
# complaint about the lead), then the handover itself, then what every outcome asks.
ANSWERS_CALL_FOR = (
    Step(CONSULT_FAMILY, NOT_AGREED),
    Step(REVISIT_CONSENT, CONSENT_GAP),
    Step(IDENTIFY_SUCCESSOR, NO_SUCCESSOR),
    Step(RAISE_WITH_MANAGER, COMPLAINT),
)
HANDOVER = (
    Step(AGREE_AT_TAF),
    Step(HANDOVER_PLAN),
    Step(INTRODUCE_NEW_LEAD),
    Step(UPDATE_RECORDS),
    Step(SEEK_CHILD_VIEWS),
    Step(CONTACT_SUPPORT, NO_SUCCESSOR),
    Step(SET_REVIEW_DATE),
    Step(MINIMISE_CHANGES, MANY_CHANGES),
    Step(RECORD_DECISION),
)
HANDOVER_STEPS = ANSWERS_CALL_FOR + HANDOVER
STEP_DOWN_STEPS = (
    Step(TELL_SOCIAL_CARE, DECLINES),
    Step(OPEN_CONSENT_CHECKLIST, DECLINES),
    *HANDOVER_STEPS,
)

LEAD_LEAVING = Rule(
    code="change_lead",
    go_ahead=True,
    when=answer_in("event", "lead_leaving"),
    title="Change the Lead Practitioner",
    summary="The Lead Practitioner should change. Agree the new lead with the family and hand "
    "over carefully, so the family's support carries on without a gap.",
    why="The lead is leaving or changing jobs, one of the guidance's examples of when the lead "
    "changes.",
    citations=(A_EXAMPLES,),
    steps=HANDOVER_STEPS,
)

RULES = with_safe_contact((
    safeguarding_first(),
    Rule(
        code="report_concern_about_practitioner",
        escalation=True,
        when=CONCERN_AT_THRESHOLD,
        title="Report the concern about the Lead Practitioner today",
        # Listening to the child, who keeps in touch meanwhile, who leads and a disclosure of
        # harm are in refer_to_lado, the second of "Do this now".
        summary="A concern raised by the child or family that the Lead Practitioner may have "
        "harmed a child or may pose a risk to children (or you are not sure whether it is that "
        "serious) goes to your designated "
        "safeguarding lead or your manager today, to consult the local authority designated "
        "officer (LADO): do not investigate, and do not raise it with the Lead Practitioner. "
        "Telling the LADO follows national guidance; the rest is local practice, which the "
        "guidance does not cover.",
        # WT (the LADO): telling the DSL or manager today, who consult the LADO. Not
        # investigating and not raising it with the lead is this checklist's own safety advice
        # (the national page says so), kept and said to be the checklist's, not the guidance's.
        sourced_summary="A concern raised by the child or family that the Lead Practitioner may "
        "have harmed a child or may pose a risk to children (or you are not sure whether it is "
        "that serious) goes to your designated safeguarding lead or your manager today, who "
        "consult the local authority designated officer (LADO), as national guidance says. This "
        "checklist also asks you not to investigate, and not to raise it with the Lead "
        "Practitioner.",
        why="A concern about the Lead Practitioner may meet the threshold for the local "
        "authority designated officer.",
        citations=(WT_ALLEGATIONS, LOCAL_CONCERN_ABOUT_LEAD),
        steps=(
            Step(TALK_TO_DSL),
            Step(REFER_TO_LADO),
            Step(SEEK_CHILD_VIEWS),
            Step(RECORD_DECISION),
        ),
    ),
    Rule(
        code="cover_absence",
        go_ahead=True,
        when=answer_in("event", "absence_short"),
        title="No change: cover the lead's short absence",
        summary="A short absence (such as annual leave or short-term sickness) is not a reason "
        "to change the Lead Practitioner. The other practitioners supporting the family keep "
        "the lead's functions going.",
        why="The lead is away for a short time only.",
        citations=(A_ABSENCE,),
        steps=(Step(OTHERS_COVER), Step(SEEK_CHILD_VIEWS), Step(RECORD_DECISION)),
    ),
    Rule(
        code="step_up",
        escalation=True,
        when=answer_in("event", "needs_escalated"),
        title="Step up: talk to your safeguarding lead and contact {front_door}",
        # Telling the family (where safe) is its own action, discuss_referral_with_family: the
        # summary stays short enough for "Do this now" to start in a phone's first screen.
        # Keeping support going until the front door decides is local practice only, so it is
        # said and cited by its action alone (keep_supporting_until_decision, LOCAL_AWAITING):
        # where an area turns local practice off, the action and its citation go, and no
        # sentence is left saying it; where it is on, the outcome still cites LOCAL through it.
        summary="The family's needs have escalated: talk to your designated safeguarding lead, "
        "follow your local threshold guidance and contact {front_door}.",
        # Who leads after a referral is a fact, not a step: with the reasons, cited by the rule.
        why="The family's needs have escalated. {referral_lead_rule}",
        citations=(REFERRAL_LEAD, WT_THRESHOLDS, IS24_TELL_FAMILY),
        steps=(
            Step(TALK_TO_DSL),
            Step(CONTACT_FRONT_DOOR),
            Step(DISCUSS_REFERRAL),
            Step(KEEP_SUPPORTING),
            Step(SEEK_CHILD_VIEWS),
            Step(RECORD_DECISION),
        ),
    ),
    Rule(
        code="step_down_handover",
        go_ahead=True,
        when=answer_in("event", "stepped_down"),
        title="Step down: agree the early help lead before social care closes",
        # "Before social care closes" and agreeing at a TAF are local practice.
        sourced_title="Step down from social care: a time when the lead changes",
        summary="The family no longer meets the threshold for children's social care, one of "
        "the guidance's examples of when the lead changes. Local practice: agree the early "
        "help Lead Practitioner with the family at a Team Around the Family meeting or review "
        "before social care closes the case; the family's agreement is needed.",
        # A gives the step-down as an example of when the lead changes, and nothing more.
        sourced_summary="The family no longer meets the threshold for children's social care, "
        "one of the guidance's examples of when the lead changes. No guidance this checklist uses "
        "says how to hand over at a step-down: follow the actions below and use your "
        "professional judgement.",
        why="Children's social care is stepping the family down.",
        citations=(A_EXAMPLES, LOCAL_STEP_DOWN),
        steps=STEP_DOWN_STEPS,
    ),
    LEAD_LEAVING,
    replace(
        LEAD_LEAVING,
        when=answer_in("event", "relationship_breakdown"),
        why="The family's relationship with the lead has broken down, and the family must have "
        "a good relationship with, and agree to, the lead.",
        citations=(A_RELATIONSHIP,),
    ),
    replace(
        LEAD_LEAVING,
        when=answer_in("event", "absence_long"),
        why="The lead will be away for a long time.",
        summary="The Lead Practitioner should change, as local practice: a long absence is not "
        "one of the guidance's examples. Agree the new lead with the family and hand over "
        "carefully, so the family's support carries on without a gap.",
        citations=(LOCAL_LONG_ABSENCE,),
    ),
    Rule(
        code="review_at_taf",
        when=answer_in(
            "event",
            "initial_taf",
            "school_transition",
            "circumstances_changed",
            "family_requests_change",
        ),
        title="Review the lead at the Team Around the Family",
        summary="This is a time when the lead may change: review who is best placed to lead at "
        "the Team Around the Family meeting, with the family, keeping changes to a minimum. "
        "The family must have a good relationship with, and agree to, the lead.",
        why="This is a time of transition or change, or the family has asked for a different "
        "lead: a change of lead may be right.",
        citations=(A_EXAMPLES, A_MINIMUM, A_RELATIONSHIP),
        steps=(
            Step(CONSULT_FAMILY, AnyOf((NOT_AGREED, FAMILY_ASKED))),
            Step(REVISIT_CONSENT, CONSENT_GAP),
            Step(RAISE_WITH_MANAGER, COMPLAINT),
            Step(AGREE_AT_TAF),
            Step(MINIMISE_CHANGES, MANY_CHANGES),
            Step(SEEK_CHILD_VIEWS),
            Step(SET_REVIEW_DATE),
            Step(RECORD_DECISION),
        ),
    ),
    Rule(
        code="close_plan",
        go_ahead=True,
        when=answer_in("event", "needs_met"),
        title="Close the plan",
        summary="The family's needs have been met. {guidance} does not say how to close a plan, "
        "nor does any other area's guidance this checklist uses; local practice is to agree "
        "closure with the family and the Team Around the Family.",
        why="The family's needs have been met.",
        citations=(LOCAL_CLOSING,),
        steps=(Step(CLOSE_WITH_FAMILY), Step(SEEK_CHILD_VIEWS), Step(RECORD_DECISION)),
    ),
    Rule(
        code="keep_current_lead",
        go_ahead=True,
        when=answer_in("event", "nothing_specific"),
        title="Keep the current Lead Practitioner",
        summary="Nothing has happened that calls for a change. Changes of lead unsettle the "
        "child and family, so keep them to a minimum.",
        why="No event that calls for a change has happened.",
        citations=(A_MINIMUM,),
        steps=(
            Step(MINIMISE_CHANGES),
            Step(SEEK_CHILD_VIEWS),
            Step(SET_REVIEW_DATE),
            Step(RECORD_DECISION),
        ),
    ),
))

TOOL = Tool(
    id="change-lead",
    title="Should the Lead Practitioner change?",
    intro="Check whether something that has happened means the family's Lead Practitioner "
    "should change, and how to hand over if so.",
    questions=QUESTIONS,
    rules=RULES,
    before_you_start=(
        *BEFORE_YOU_START,
        "What has happened, and any concern the child or family has raised about the Lead "
        "Practitioner.",
        "Whether the family and child have been consulted about a change and agree, whether "
        "someone could take over, and whether the family's agreement covers their service.",
        "How many times the Lead Practitioner has already changed during this plan.",
    ),
)
