"""Consent refused or withdrawn (RULES.md, tool ``consent-withdrawn``)."""

from __future__ import annotations

from ..model import Action, AllOf, Always, Option, Question, Rule, Step, Tool, answer_in
from ..sources import (
    A_RELATIONSHIP,
    B_REFUSED,
    IS24_SHARING,
    LOCAL_ENGAGEMENT,
    LOCAL_PARTIAL,
    LOCAL_YOUNG_PERSON,
    WT23_HARM,
    WT23_THRESHOLDS,
)
from .common import FOLLOW_SAFEGUARDING, HARM, RECORD_DECISION

QUESTIONS = (
    HARM,
    Question(
        "who",
        "Who is refusing or withdrawing consent?",
        "Who is declining",
        (
            Option("parent_carer", "A parent or carer"),
            Option("young_person", "The young person"),
            Option("whole_family", "The whole family"),
        ),
    ),
    Question(
        "competence",
        "Can the child or young person make this decision for themselves?",
        "The young person's capacity to decide",
        (
            Option("not_applicable", "Not applicable: there is no child old enough to decide"),
            Option("not_competent", "No: they cannot decide for themselves"),
            Option(
                "gillick_competent",
                "Yes: they are under 16 and Gillick competent",
                "They understand the decision and what follows from it.",
            ),
            Option("aged_16_17", "Yes: they are aged 16 or 17"),
        ),
    ),
    Question(
        "scope",
        "What are they refusing or withdrawing?",
        "What is declined",
        (
            Option("all_early_help", "All early help (the whole multi-agency response)"),
            Option("information_sharing", "Only the sharing of information between services"),
            Option("one_service", "One service or part of the plan"),
        ),
    ),
    Question(
        "escalation_risk",
        "Without the plan, are the family's needs likely to escalate?",
        "Needs likely to escalate",
        (Option("yes", "Yes"), Option("no", "No"), Option("unsure", "I'm not sure")),
    ),
    Question(
        "how",
        "How did they decline?",
        "How they declined",
        (
            Option("told_us", "They told us"),
            Option("stopped_engaging", "They stopped engaging"),
        ),
    ),
    Question(
        "reason",
        "What is the main reason, as far as you know?",
        "Main reason",
        (
            Option("relationship_with_lead", "Their relationship with the Lead Practitioner"),
            Option("stigma_or_fear", "Stigma, or fear of what will happen"),
            Option("other", "Another reason"),
            Option("unknown", "We don't know"),
        ),
    ),
)

SHARE_WITHOUT_CONSENT = Action(
    "share_without_consent",
    "Share the information needed to protect the child without waiting for consent: consent is "
    "not needed to share information to protect a child.",
    (IS24_SHARING,),
)
INFORM_FAMILY = Action(
    "inform_family_where_safe",
    "Tell the family what you are sharing and why, unless telling them would put the child at "
    "greater risk.",
    (IS24_SHARING,),
)
TALK_TO_DSL = Action(
    "talk_to_dsl",
    "Talk to your designated safeguarding lead, or {front_door}, now about whether there is "
    "reasonable cause to suspect significant harm.",
    (IS24_SHARING, WT23_HARM),
)
CONTINUE_ORDINARY = Action(
    "continue_ordinary_provision",
    "Keep supporting the child and family through ordinarily available provision and "
    "personalised services.",
    (B_REFUSED,),
)
KEEP_DOOR_OPEN = Action(
    "keep_door_open",
    "Keep the door open: use future opportunities to offer the family additional support.",
    (B_REFUSED,),
)
MONITOR = Action(
    "monitor_safeguarding",
    "Keep monitoring for safeguarding concerns, and act at once if one arises.",
    (B_REFUSED,),
)
CONSIDER_ESCALATION = Action(
    "consider_escalation",
    "Consider, with your designated safeguarding lead, whether the family's needs now meet the "
    "threshold for a referral to {front_door}.",
    (WT23_THRESHOLDS,),
)
OFFER_DIFFERENT_LEAD = Action(
    "offer_different_lead",
    "Offer a different Lead Practitioner: the family must have a good relationship with the "
    "lead and agree to them.",
    (A_RELATIONSHIP,),
)
ADDRESS_CONCERNS = Action(
    "address_concerns",
    "Talk through the family's worries: explain what early help is, that it is voluntary, and "
    "what would and would not be shared.",
    (LOCAL_ENGAGEMENT,),
)
REVIEW_NON_ENGAGEMENT = Action(
    "review_non_engagement",
    "Stopping engaging is not the same as saying no: try to re-engage the family, and review "
    "what non-engagement means for the child with your designated safeguarding lead.",
    (LOCAL_ENGAGEMENT,),
)
STOP_CONSENT_SHARING = Action(
    "stop_consent_based_sharing",
    "Stop future sharing that relied on consent. Withdrawal does not undo lawful sharing that "
    "has already happened, and never stops sharing to protect a child.",
    (IS24_SHARING,),
)
REVISIT_CONSENT = Action(
    "revisit_consent_at_review",
    "Revisit consent at the next review or contact, in case the family's view has changed.",
    (B_REFUSED,),
)
WORK_WITH_YOUNG_PERSON = Action(
    "work_with_young_person",
    "Keep working directly with the young person, who can agree to support for themselves, and "
    "share their information only as they agree.",
    (LOCAL_YOUNG_PERSON, IS24_SHARING),
)
CONTINUE_AGREED = Action(
    "continue_agreed_support",
    "Carry on with the support the family has agreed to, and do not share or do what they have "
    "refused.",
    (B_REFUSED, LOCAL_PARTIAL),
)

ESCALATION = answer_in("escalation_risk", "yes", "unsure")
ENGAGEMENT_STEPS = (
    Step(MONITOR),
    Step(CONSIDER_ESCALATION, ESCALATION),
    Step(OFFER_DIFFERENT_LEAD, answer_in("reason", "relationship_with_lead")),
    Step(ADDRESS_CONCERNS, answer_in("reason", "stigma_or_fear")),
    Step(REVIEW_NON_ENGAGEMENT, answer_in("how", "stopped_engaging")),
    Step(STOP_CONSENT_SHARING, answer_in("scope", "all_early_help", "information_sharing")),
    Step(KEEP_DOOR_OPEN),
    Step(REVISIT_CONSENT),
    Step(RECORD_DECISION),
)

RULES = (
    Rule(
        code="safeguarding_referral",
        when=answer_in("harm", "yes"),
        title="Follow safeguarding procedures: share and refer without consent",
        summary="You have reasonable cause to suspect significant harm. Refusal or withdrawal of "
        "consent does not stop you protecting the child: follow safeguarding procedures, share "
        "and refer without consent, and tell the family unless that would put the child at "
        "greater risk.",
        why="There is reasonable cause to suspect significant harm.",
        citations=(IS24_SHARING, WT23_HARM),
        steps=(
            Step(FOLLOW_SAFEGUARDING),
            Step(SHARE_WITHOUT_CONSENT),
            Step(INFORM_FAMILY),
            Step(RECORD_DECISION),
        ),
        urgent=True,
    ),
    Rule(
        code="seek_safeguarding_advice",
        when=answer_in("harm", "unsure"),
        title="Get safeguarding advice now",
        summary="You are not sure whether there is a risk of significant harm. Talk to your "
        "designated safeguarding lead or {front_door} now, before deciding anything else.",
        why="You are not sure whether there is a risk of significant harm.",
        citations=(IS24_SHARING,),
        steps=(Step(TALK_TO_DSL), Step(MONITOR), Step(RECORD_DECISION)),
        urgent=True,
    ),
    Rule(
        code="continue_with_young_person",
        when=AllOf(
            (
                answer_in("who", "parent_carer"),
                answer_in("competence", "gillick_competent", "aged_16_17"),
            )
        ),
        title="Continue with the young person",
        summary="A parent or carer has declined, but the young person can agree to support for "
        "themselves. Keep working directly with them. The source documents do not cover this "
        "case; the basis is national information-sharing advice and local practice.",
        why="The young person can make this decision for themselves.",
        citations=(IS24_SHARING, LOCAL_YOUNG_PERSON),
        steps=(Step(WORK_WITH_YOUNG_PERSON),) + ENGAGEMENT_STEPS,
    ),
    Rule(
        code="continue_agreed_parts",
        when=answer_in("scope", "information_sharing", "one_service"),
        title="Continue with the parts the family agreed to",
        summary="The family has declined only part of the support. Carry on with what they have "
        "agreed to, and do not share or do what they refused.",
        why="Only part of the support has been declined.",
        citations=(B_REFUSED, LOCAL_PARTIAL),
        steps=(Step(CONTINUE_AGREED),) + ENGAGEMENT_STEPS,
    ),
    Rule(
        code="continue_universal_support",
        when=Always(),
        title="Keep supporting through ordinary provision",
        summary="Keep supporting the child and family through ordinarily available provision "
        "and personalised services. This keeps future chances to engage them with additional "
        "support, and to keep monitoring for safeguarding concerns.",
        why="The family has declined early help and there is no concern about significant harm.",
        citations=(B_REFUSED,),
        steps=(Step(CONTINUE_ORDINARY),) + ENGAGEMENT_STEPS,
    ),
)

TOOL = Tool(
    id="consent-withdrawn",
    title="Consent refused or withdrawn",
    intro="Decide what to do when a family, parent or young person refuses or withdraws consent "
    "to early help or to sharing information.",
    questions=QUESTIONS,
    rules=RULES,
)
