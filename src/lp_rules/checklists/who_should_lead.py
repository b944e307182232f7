"""Who should be the Lead Practitioner? (RULES.md, tool ``who-should-lead``)."""

from __future__ import annotations

from .practitioners import PRACTITIONERS, NoEligibleCandidate, SuggestedCandidate
from ..model import Action, Option, Question, Rule, Step, Tool, answer_in
from ..sources import (
    A_ANY_PRACTITIONER,
    A_EXAMPLES,
    A_MINIMUM,
    A_ASSESSMENT,
    A_CASE_BY_CASE,
    A_INITIAL_TAF,
    A_KEYWORKERS,
    A_NOT_ACCOUNTABLE,
    A_RELATIONSHIP,
    A_REVIEW,
    A_WHOLE_FAMILY,
    B_ANY_PRACTITIONER,
    B_ASSESSMENT,
    B_CONSENT,
    B_CONVENE_TAF,
    B_FAMILY_BY_FAMILY,
    B_NOTICING,
    B_SHARING_WORK,
    CA89_SECTION_47,
    CONF_CONFIDENTIALITY,
    DPA_SAFEGUARDING_CONDITION,
    IS24_MEANINGS,
    IS24_SHARING,
    LOCAL_AWAITING,
    LOCAL_CAPACITY,
    MCA05_WHO_CAN_CONSENT,
    A_REFERRAL_ACCEPTED,
    REFERRAL_LEAD,
    WT_SOCIAL_WORKER,
)
from .common import (
    BEFORE_YOU_START,
    CONTACT_SUPPORT,
    HARM,
    OPEN_CONSENT_CHECKLIST,
    OTHERWISE,
    RECORD_DECISION,
    SAFETY,
    SEEK_CHILD_VIEWS,
    safeguarding_first,
    with_safe_contact,
)

QUESTIONS = (
    HARM,
    SAFETY,
    Question(
        "social_care",
        "Is children's social care involved with the family?",
        "Children's social care involvement",
        (
            Option("none", "No"),
            Option("referral_pending", "A referral has been made and is waiting for a decision"),
            Option(
                "referral_accepted",
                "Yes: {front_door} has accepted a referral",
                "For example to children's social care for a Child in Need assessment, or to "
                "another service the front door allocates.",
            ),
            Option(
                "child_protection",
                "Yes: a child protection (section 47) enquiry or child protection plan",
            ),
        ),
        error="Select whether children's social care is involved with the family",
    ),
    Question(
        "existing_plan",
        "Does the family already have a holistic assessment and plan with a Lead Practitioner?",
        "Existing plan with a Lead Practitioner",
        (Option("yes", "Yes"), Option("no", "No")),
        error="Select whether the family already has an assessment and plan with a Lead Practitioner",
    ),
    Question(
        "services",
        "How many services need to work with the family?",
        "Services needed",
        (
            Option("one", "One: my service can meet the needs"),
            Option("several", "Two or more services"),
        ),
        error="Select how many services need to work with the family",
    ),
    Question(
        "consent",
        "Do the family (and the young person) agree to a graduated, multi-agency early help "
        "response?",
        "Family's agreement to early help",
        (
            Option("agreed", "Yes, they agree"),
            Option("partly", "They agree to some parts"),
            Option("not_yet_asked", "Not asked yet"),
            Option("declined", "They have declined"),
        ),
        hint="This is agreement to receive support. It is not the legal basis for sharing "
        "information, which is a separate question.",
        error="Select whether the family agree to an early help response",
    ),
    Question(
        "young_person_can_consent",
        "Can a young person in the family agree to support for themselves?",
        "A young person can agree for themselves",
        (Option("yes", "Yes"), Option("no", "No")),
        hint="Yes if they are aged 16 or 17 and able to make this decision, or under 16 and "
        "Gillick competent. Every child's views are sought either way.",
        error="Select whether a young person in the family can agree to support for themselves",
    ),
)

CONVENE_TAF = Action(
    "convene_taf",
    "Convene a Team Around the Family meeting with the family, where it is safe (meet people "
    "separately where it is not), and agree there who the Lead Practitioner will be.",
    (A_INITIAL_TAF, B_CONVENE_TAF),
)
COMPLETE_ASSESSMENT = Action(
    "complete_assessment",
    "Make sure the family's needs are assessed with the {assessment}, which leads to the "
    "{plan}.",
    (A_ASSESSMENT, B_ASSESSMENT),
)
SEEK_CONSENT = Action(
    "seek_consent",
    "Where it is safe, seek the family's agreement, and the young person's, to a graduated, "
    "multi-agency response. Explain what information would be shared, with whom and why. Their "
    "agreement to support is not the legal basis for sharing information.",
    (B_CONSENT, IS24_MEANINGS),
)
ASK_YOUNG_PERSON = Action(
    "ask_young_person",
    "The young person can agree to support for themselves: ask for their own agreement, where "
    "it is safe.",
    (B_CONSENT, MCA05_WHO_CAN_CONSENT),
)
ASK_FAMILY = Action(
    "ask_family",
    "Where it is safe, ask the family whether they agree to the suggested practitioner leading "
    "before it is settled: the family must agree to the lead.",
    (A_RELATIONSHIP, A_CASE_BY_CASE),
)
EXPLAIN_ROLE_LIMITS = Action(
    "explain_role_limits",
    "Make clear that the Lead Practitioner coordinates the plan but is not accountable for "
    "other practitioners' services; others can take minutes, organise meetings and carry "
    "actions.",
    (A_NOT_ACCOUNTABLE, B_SHARING_WORK),
)
REVIEW = Action(
    "review_every_6_8_weeks",
    "Review the {plan} at a Team Around the Family meeting {review}.",
    (A_REVIEW,),
    needs_profile="review_interval",
)
PLAN_HANDOVER_EARLY = Action(
    "plan_handover_early",
    "The suggested practitioner is leaving soon, as is everyone else who could lead: agree now "
    "who will take over, and plan the handover early so the family's support has no gap.",
    (A_EXAMPLES, A_MINIMUM),
)
KEYWORKER_NOT_LEAD = Action(
    "keyworker_not_lead",
    "Being a keyworker or caseworker for one person does not make you the Lead Practitioner "
    "for the whole family.",
    (A_KEYWORKERS,),
)
WORK_WITH_SOCIAL_WORKER = Action(
    "work_with_social_worker",
    "Keep providing your own service, share what you know with the child's social worker and "
    "carry out the actions agreed in the child protection plan.",
    (WT_SOCIAL_WORKER, CA89_SECTION_47),
)
WORK_WITH_ALLOCATED_LEAD = Action(
    "work_with_allocated_lead",
    "{referral_lead_rule} Keep supporting the family and share what you know with the Lead "
    "Practitioner who is allocated once the referral is accepted.",
    (REFERRAL_LEAD,),
)
KEEP_SUPPORTING = Action(
    "keep_supporting",
    "Keep supporting the family within your own service while {front_door} decides, and "
    "follow up if you hear nothing.",
    (LOCAL_AWAITING,),
)
JOIN_EXISTING_TAF = Action(
    "join_existing_taf",
    "Contact the family's current Lead Practitioner, share what you have noticed and offer to "
    "join the Team Around the Family and the existing plan.",
    (B_NOTICING,),
)
SUPPORT_WITHIN_SERVICE = Action(
    "support_within_service",
    "Meet the needs within your own service. If other services become needed, use this "
    "checklist again.",
    (A_WHOLE_FAMILY, B_CONVENE_TAF),
)

INVOLVE_AGREED_ONLY = Action(
    "involve_agreed_services_only",
    "The family agree to some parts of the support, not all: involve only the services they "
    "agreed to. Agreeing to support is not the legal basis for sharing: information can still "
    "be shared with other services where it is necessary and proportionate, on a lawful basis, "
    "for example where a child is at risk or there is a perceived risk of harm.",
    (IS24_SHARING, IS24_MEANINGS, CONF_CONFIDENTIALITY, DPA_SAFEGUARDING_CONDITION),
)

YOUNG_PERSON = answer_in("young_person_can_consent", "yes")
PARTLY_AGREED = answer_in("consent", "partly")
SUGGESTED_NOT_ASKED = SuggestedCandidate(
    "family_view", frozenset({"not_asked"}), "The family has not been asked about the suggested "
    "practitioner"
)
SUGGESTED_LEAVING = SuggestedCandidate(
    "leaving_soon", frozenset({"yes"}), "The suggested practitioner is leaving soon"
)

RULES = with_safe_contact((
    safeguarding_first(),
    Rule(
        code="social_worker_leads",
        when=answer_in("social_care", "child_protection"),
        title="A social worker is the Lead Practitioner",
        summary="There is a child protection (section 47) enquiry or a child protection plan, "
        "so the lead must be a social worker. Your part is to support the plan.",
        why="Children's social care is carrying out child protection work.",
        citations=(WT_SOCIAL_WORKER, CA89_SECTION_47),
        steps=(Step(WORK_WITH_SOCIAL_WORKER), Step(SEEK_CHILD_VIEWS), Step(RECORD_DECISION)),
    ),
    Rule(
        code="social_care_allocates",
        when=answer_in("social_care", "referral_accepted"),
        title="The service that accepted the referral decides who leads",
        # Who leads after an accepted referral: work_with_allocated_lead, first in "Do this now".
        summary="A referral has been accepted, so you do not choose the Lead Practitioner "
        "here: the actions below say who leads.",
        why="A referral has been accepted by {front_door}.",
        citations=(REFERRAL_LEAD,),
        steps=(Step(WORK_WITH_ALLOCATED_LEAD), Step(SEEK_CHILD_VIEWS), Step(RECORD_DECISION)),
    ),
    Rule(
        code="await_hub_decision",
        when=answer_in("social_care", "referral_pending"),
        title="Wait for {front_door}'s decision",
        summary="A referral is waiting for a decision, and the decision settles who leads. "
        "Keeping support going while you wait is local practice.",
        # Who leads once a referral is accepted (A; or WT where the area's guidance is silent):
        # neither says what to do while the decision is awaited.
        sourced_summary="A referral is waiting for a decision, and the decision settles who "
        "leads. No guidance this checklist uses says what to do while you wait: use your "
        "professional judgement and ask {support}.",
        # Who leads after a referral is a fact, not a step: with the reasons, cited by the rule.
        why="A referral is waiting for a decision. {referral_lead_rule}",
        citations=(A_REFERRAL_ACCEPTED, REFERRAL_LEAD, LOCAL_AWAITING),
        steps=(Step(KEEP_SUPPORTING), Step(SEEK_CHILD_VIEWS), Step(RECORD_DECISION)),
    ),
    Rule(
        code="join_existing_plan",
        go_ahead=True,
        when=answer_in("existing_plan", "yes"),
        title="Join the existing plan",
        summary="The family already has a holistic plan with a Lead Practitioner. Noticing "
        "needs does not make you the lead: join the existing plan and Team Around the Family.",
        why="A holistic plan with a Lead Practitioner is already in place.",
        citations=(B_NOTICING,),
        steps=(
            Step(JOIN_EXISTING_TAF),
            Step(KEYWORKER_NOT_LEAD),
            Step(SEEK_CHILD_VIEWS),
            Step(RECORD_DECISION),
        ),
    ),
    Rule(
        code="single_service",
        go_ahead=True,
        when=answer_in("services", "one"),
        title="No multi-agency Lead Practitioner is needed",
        summary="Only one service needs to work with the family. A Lead Practitioner is for "
        "families where a range of services are involved: support the family within your own "
        "service.",
        why="Only one service needs to be involved.",
        citations=(A_WHOLE_FAMILY, B_CONVENE_TAF),
        steps=(
            Step(SUPPORT_WITHIN_SERVICE),
            Step(KEYWORKER_NOT_LEAD),
            Step(SEEK_CHILD_VIEWS),
            Step(RECORD_DECISION),
        ),
    ),
    Rule(
        code="seek_consent_first",
        when=answer_in("consent", "not_yet_asked", "declined"),
        title="Seek the family's agreement first",
        summary="The guidance says the Lead Practitioner should seek consent from the young "
        "person and family to develop a graduated, multi-agency response: seek it before a "
        "Team Around the Family is convened. This is their agreement to support; it is not the "
        "legal basis for sharing information.",
        why="The family has not yet agreed to a multi-agency response.",
        citations=(B_CONSENT, IS24_MEANINGS),
        steps=(
            Step(SEEK_CONSENT),
            Step(ASK_YOUNG_PERSON, YOUNG_PERSON),
            Step(OPEN_CONSENT_CHECKLIST, answer_in("consent", "declined")),
            Step(SEEK_CHILD_VIEWS),
            Step(RECORD_DECISION),
        ),
    ),
    Rule(
        code="no_suitable_candidate",
        when=NoEligibleCandidate(),
        title="None of the practitioners listed is suitable yet",
        summary="Each practitioner listed has a poor relationship with the family, is not "
        "agreed to by the family, or has no capacity for the role (capacity is local practice: "
        "the guidance does not mention it), and the family must have a good relationship with, "
        "and agree to, the Lead Practitioner. Talk it through at the Team Around the Family and "
        "ask for support.",
        # A: a good relationship with, and the agreement of, the family; chosen at the initial
        # Team Around the Family. Capacity is not a condition where local practice is off.
        sourced_summary="Each practitioner listed has a poor relationship with the family or is "
        "not agreed to by the family, and the family must have a good relationship with, and "
        "agree to, the Lead Practitioner. Talk it through at the Team Around the Family and ask "
        "for support.",
        why="No practitioner listed meets the conditions for leading.",
        citations=(A_RELATIONSHIP, A_INITIAL_TAF, LOCAL_CAPACITY),
        steps=(
            Step(CONVENE_TAF),
            Step(SEEK_CONSENT, PARTLY_AGREED),
            Step(INVOLVE_AGREED_ONLY, PARTLY_AGREED),
            Step(ASK_YOUNG_PERSON, YOUNG_PERSON),
            Step(SEEK_CHILD_VIEWS),
            Step(CONTACT_SUPPORT),
            Step(RECORD_DECISION),
        ),
    ),
    Rule(
        code="agree_at_taf",
        go_ahead=True,
        when=OTHERWISE,
        title="Agree the Lead Practitioner at the Team Around the Family",
        # One sentence: "No practitioners are listed yet" follows it when the list is empty.
        summary="Several services are needed and the family agrees: convene a Team Around the "
        "Family and agree the Lead Practitioner there, with the family.",
        why="Several services are needed and the family agrees to a multi-agency response; any "
        "practitioner working with the family can take the role.",
        citations=(A_INITIAL_TAF, A_ANY_PRACTITIONER, B_ANY_PRACTITIONER, B_FAMILY_BY_FAMILY),
        # After the meeting itself, what these answers call for (the family not yet asked
        # about the suggested practitioner, partial agreement, a leaver), then the rest.
        steps=(
            Step(CONVENE_TAF),
            Step(ASK_FAMILY, SUGGESTED_NOT_ASKED),
            Step(SEEK_CONSENT, PARTLY_AGREED),
            Step(INVOLVE_AGREED_ONLY, PARTLY_AGREED),
            Step(PLAN_HANDOVER_EARLY, SUGGESTED_LEAVING),
            Step(ASK_YOUNG_PERSON, YOUNG_PERSON),
            Step(COMPLETE_ASSESSMENT),
            Step(SEEK_CHILD_VIEWS),
            Step(EXPLAIN_ROLE_LIMITS),
            Step(REVIEW),
            Step(RECORD_DECISION),
        ),
        suggests_candidate=True,
    ),
))

TOOL = Tool(
    id="who-should-lead",
    title="Who should be the Lead Practitioner?",
    intro="Work out whether a Lead Practitioner is needed for a family and, if so, how to "
    "agree who it should be.",
    questions=QUESTIONS,
    rules=RULES,
    before_you_start=(
        *BEFORE_YOU_START,
        "Whether children's social care is involved, and what has happened to any referral.",
        "Whether the family already has an assessment and plan with a Lead Practitioner, and "
        "whether they (and any young person who can decide) agree to early help.",
        "For each practitioner working with the family: their role, their relationship with the "
        "family, the family's view of them, whether they work with the family's main needs, "
        "whether they have capacity, and whether they are leaving soon.",
    ),
    lists=(PRACTITIONERS,),
)
