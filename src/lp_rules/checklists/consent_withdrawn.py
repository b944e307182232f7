"""Consent refused or withdrawn (RULES.md, tool ``consent-withdrawn``)."""

from __future__ import annotations

from dataclasses import replace

from ..model import (
    Action,
    AllOf,
    Contradiction,
    Option,
    Question,
    Rule,
    Step,
    Tool,
    answer_in,
)
from ..sources import (
    A_RELATIONSHIP,
    B_REFUSED,
    CA89_PARENTAL_RESPONSIBILITY,
    CA89_WISHES,
    CONF_CONFIDENTIALITY,
    DPA_OBJECTING,
    DPA_SAFEGUARDING_CONDITION,
    DPA_WITHDRAWING,
    IS24_MEANINGS,
    IS24_SHARING,
    IS24_TELL_FAMILY,
    LOCAL_CHILD_CANNOT_DECIDE,
    LOCAL_ENGAGEMENT,
    LOCAL_NON_ENGAGEMENT,
    LOCAL_OTHER_PARENT,
    LOCAL_PARTIAL,
    LOCAL_YOUNG_PERSON,
    LOCAL_YOUNG_PERSON_DECIDES,
    MCA05_WHO_CAN_CONSENT,
    WT_HARM,
    WT_THRESHOLDS,
)
from .common import (
    BEFORE_YOU_START,
    CALL_999,
    CONTACT_FRONT_DOOR,
    FOLLOW_SAFEGUARDING,
    HARM,
    OTHERWISE,
    RECORD_DECISION,
    SAFETY,
    SEEK_CHILD_VIEWS,
    TALK_TO_DSL,
    with_safe_contact,
)

QUESTIONS = (
    HARM,
    SAFETY,
    Question(
        "who",
        "Who is refusing or withdrawing their agreement?",
        "Who is declining",
        (
            Option("parent_carer", "A parent or carer"),
            Option("young_person", "The young person"),
            Option("whole_family", "The whole family"),
        ),
        error="Select who is refusing or withdrawing their agreement",
    ),
    Question(
        "competence",
        "Can the child or young person make this decision for themselves?",
        "The young person's capacity to decide",
        (
            Option(
                "not_applicable",
                "Not applicable: no child in the family is old enough to decide",
                "Not possible when the young person is the one declining.",
            ),
            Option("not_competent", "No: they cannot decide this for themselves"),
            Option(
                "gillick_competent",
                "Yes: they are under 16 and Gillick competent",
                "They have enough understanding and intelligence to understand fully what is "
                "proposed.",
            ),
            Option(
                "aged_16_17",
                "Yes: they are aged 16 or 17 and able to make this decision",
                "From 16 they must be assumed to have capacity unless it is established that "
                "they lack it for this decision (Mental Capacity Act 2005 section 1(2)); help "
                "them to decide first (section 1(3)); refusing help, or making an unwise "
                "decision, is not in itself a sign that they lack capacity (section 1(4)). If "
                "they lack it, choose \"No\": decisions are then made in their best interests, "
                "involving them (section 4).",
            ),
        ),
        error="Select whether the child or young person can make this decision for themselves",
    ),
    Question(
        "other_parent_agrees",
        "Does another person with parental responsibility, who looks after the child day to day, "
        "still agree to the support?",
        "Another person with parental responsibility still agrees",
        (
            Option("yes", "Yes"),
            Option(
                "no",
                "No",
                "Also choose this if the only other parent who agrees does not look after the "
                "child day to day.",
            ),
            Option("no_one_else", "No one else has parental responsibility"),
            Option("unsure", "I'm not sure"),
        ),
        error="Select whether another person with parental responsibility still agrees, or "
        "that you are not sure",
    ),
    Question(
        "scope",
        "What are they refusing or withdrawing?",
        "What is declined",
        (
            Option("all_early_help", "All early help (the wider multi-agency response)"),
            Option("information_sharing", "The sharing of information between services"),
            Option("one_service", "One service or part of the plan"),
        ),
        error="Select what they are refusing or withdrawing",
    ),
    Question(
        "escalation_risk",
        "Without the plan, are the family's needs likely to escalate?",
        "Needs likely to escalate",
        (Option("yes", "Yes"), Option("no", "No"), Option("unsure", "I'm not sure")),
        error="Select whether the family's needs are likely to escalate without the plan",
    ),
    Question(
        "how",
        "How did they decline?",
        "How they declined",
        (
            Option("told_us", "They told us"),
            Option(
                "stopped_engaging",
                "They stopped engaging",
                "For example, they miss meetings or do not answer; they have not said no.",
            ),
        ),
        error="Select how they declined",
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
        error="Select the main reason, or the closest one",
    ),
)

CONTACT_AND_SHARE = (Step(CALL_999), Step(FOLLOW_SAFEGUARDING), Step(CONTACT_FRONT_DOOR))

SHARE_WITHOUT_CONSENT = Action(
    "share_without_consent",
    "Share the information needed to protect the child, and refer, without waiting for "
    "anyone's consent: consent is not needed where a child is at risk of harm.",
    (IS24_SHARING, CONF_CONFIDENTIALITY, DPA_SAFEGUARDING_CONDITION),
)
INFORM_FAMILY = Action(
    "inform_family_where_safe",
    "Agree with your designated safeguarding lead or {front_door} whether and when to tell the "
    "family what is being shared and why. Do not tell them if that could put the child or "
    "anyone else at risk, cause delay, or prejudice a police investigation.",
    (IS24_TELL_FAMILY,),
)
SHARE_WHEN_NECESSARY = Action(
    "share_when_necessary",
    "Agreeing to support is not the legal basis for sharing. Whatever the family has declined, "
    "you can still share information without consent where a child is at risk or there is a "
    "perceived risk of harm: share what is necessary and proportionate, and be open with the "
    "family about it where that is safe.",
    (IS24_SHARING, IS24_MEANINGS, CONF_CONFIDENTIALITY, DPA_SAFEGUARDING_CONDITION),
    principle=True,
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
    principle=True,
)
CONSIDER_ESCALATION = Action(
    "consider_escalation",
    "Consider, with your designated safeguarding lead, whether the family's needs now meet the "
    "threshold for a referral to {front_door}.",
    (WT_THRESHOLDS,),
)
OFFER_DIFFERENT_LEAD = Action(
    "offer_different_lead",
    "Where it is safe, offer a different Lead Practitioner: the family must have a good "
    "relationship with the lead and agree to them.",
    (A_RELATIONSHIP,),
)
ADDRESS_CONCERNS = Action(
    "address_concerns",
    "Where it is safe, talk through the family's worries: explain what early help is, that "
    "taking part is their choice, and what would be shared, with whom and why.",
    (LOCAL_ENGAGEMENT,),
)
REVIEW_NON_ENGAGEMENT = Action(
    "review_non_engagement",
    "Where it is safe, try to re-engage the family. Agree with your designated safeguarding lead "
    "what their not engaging may mean for the child, and a date by which the plan is reviewed: "
    "then close it with the door kept open, carry on, or step up. If the child is a baby, has "
    "not been seen, or was not brought to appointments, answer the question on significant "
    "harm again.",
    (LOCAL_NON_ENGAGEMENT, LOCAL_ENGAGEMENT),
)
CONFIRM_WISHES = Action(
    "confirm_wishes",
    "Stopping engaging is not saying no: where it is safe, check with the family what they want "
    "before treating it as a withdrawal.",
    (LOCAL_ENGAGEMENT,),
)
STOP_CONSENT_SHARING = Action(
    "stop_consent_based_sharing",
    "From now on, stop sharing that relied on their consent. This does not undo lawful sharing "
    "before it (UK GDPR Article 7(3)). You cannot usually swap from consent to another lawful "
    "basis after consent is withdrawn (ICO). Sharing that was done from the start on another "
    "lawful basis (for example a public task) can continue, but if they object (UK GDPR "
    "Article 21), stop unless there are compelling legitimate grounds, such as protecting a "
    "child. A new concern is a new purpose, with its own lawful basis. Where a child is at risk "
    "or there is a perceived risk of harm, you can share without consent. Ask your data "
    "protection officer or information governance lead which condition and lawful basis apply.",
    (DPA_WITHDRAWING, DPA_OBJECTING, IS24_SHARING, DPA_SAFEGUARDING_CONDITION,
     CONF_CONFIDENTIALITY),
)
REVISIT_CONSENT = Action(
    "revisit_consent_at_review",
    "Where it is safe, revisit their agreement at the next review or contact, in case their "
    "view has changed.",
    (B_REFUSED,),
)
WORK_WITH_YOUNG_PERSON = Action(
    "work_with_young_person",
    "Keep working directly with the young person, who can agree to support for themselves. The "
    "parent's own information is theirs: sharing it needs its own lawful basis.",
    (MCA05_WHO_CAN_CONSENT, IS24_MEANINGS, LOCAL_YOUNG_PERSON),
)
ADAPT_PLAN = Action(
    "adapt_plan_to_child",
    "Keep the plan going on the parents' agreement. Listen to the child's worries, explain the "
    "plan in a way they understand, and adapt it to their wishes where you can.",
    (CA89_WISHES, LOCAL_CHILD_CANNOT_DECIDE),
)
RESPECT_OWN_INFORMATION = Action(
    "respect_own_information",
    "Respect the young person's decision about their own information and the direct work with "
    "them. The parents' agreement still covers the parents' own involvement. Keep offering the "
    "young person support.",
    (MCA05_WHO_CAN_CONSENT, IS24_MEANINGS, LOCAL_YOUNG_PERSON_DECIDES),
)
CONTINUE_AGREED = Action(
    "continue_agreed_support",
    "Respect the family's choice about that service or part of the plan, and carry on with the "
    "support they agreed to.",
    (LOCAL_PARTIAL,),
)

CONTINUE_WITH_AGREEING_PARENT = Action(
    "continue_with_agreeing_parent",
    "Keep the support for the child going on the agreement of the person with parental "
    "responsibility who agrees. First check for a court order that limits what they can decide "
    "alone (such as a child arrangements or special guardianship order). Leave out the "
    "objecting parent's own involvement and information, and any work in their home. Tell the "
    "objecting parent, where it is safe. Where the parents disagree about something significant "
    "for the child, ask your designated safeguarding lead and your service's legal adviser.",
    (CA89_PARENTAL_RESPONSIBILITY, LOCAL_OTHER_PARENT),
    # The national page's section says all of it but "any work in their home".
    sourced_text="Keep the support for the child going on the agreement of the person with "
    "parental responsibility who agrees. First check for a court order that limits what they "
    "can decide alone (such as a child arrangements or special guardianship order). Leave out "
    "the objecting parent's own involvement and information. Tell the objecting parent, where "
    "it is safe. Where the parents disagree about something significant for the child, ask "
    "your designated safeguarding lead and your service's legal adviser.",
)

ESCALATION = answer_in("escalation_risk", "yes", "unsure")
TOLD_US = answer_in("how", "told_us")
STOPPED_ENGAGING = answer_in("how", "stopped_engaging")
SAID_NO_TO_SHARING = AllOf((TOLD_US, answer_in("scope", "all_early_help", "information_sharing")))


def engagement_steps(*, stop_sharing: bool = True) -> tuple[Step, ...]:
    """What every outcome that is not urgent includes, after its own first step.

    ``stop_sharing`` is False where the refusal does not end sharing that relied on consent
    (a child who cannot decide says no: the parents' agreement stands).
    """
    stop = (Step(STOP_CONSENT_SHARING, SAID_NO_TO_SHARING),) if stop_sharing else ()
    # What these answers call for comes before what every outcome asks, so "Do this now" (the
    # outcome's own step and the next) shows it.
    return (
        Step(CONFIRM_WISHES, STOPPED_ENGAGING),
        Step(REVIEW_NON_ENGAGEMENT, STOPPED_ENGAGING),
        Step(CONSIDER_ESCALATION, ESCALATION),
        *stop,
        Step(OFFER_DIFFERENT_LEAD, answer_in("reason", "relationship_with_lead")),
        Step(ADDRESS_CONCERNS, answer_in("reason", "stigma_or_fear")),
        Step(SHARE_WHEN_NECESSARY),
        Step(SEEK_CHILD_VIEWS),
        Step(MONITOR),
        Step(KEEP_DOOR_OPEN),
        Step(REVISIT_CONSENT),
        Step(RECORD_DECISION),
    )


YOUNG_PERSON_DECLINES = answer_in("who", "young_person")
CAN_DECIDE = answer_in("competence", "gillick_competent", "aged_16_17")
PARENT_DECLINES_FOR_CHILD = AllOf((answer_in("who", "parent_carer"),
                                   answer_in("competence", "not_applicable", "not_competent")))
"""A parent or carer declines and the young person cannot decide for themselves: then whether
another person with parental responsibility agrees is asked."""


def stopped_engaging_first(rule: Rule, title: str, summary: str, why: str,
                           sourced_summary: str) -> tuple[Rule, Rule]:
    """The rule worded for a family that has stopped engaging (tried first), then as declared
    for one that has said no. Stopping engaging is not saying no (RULES.md, rules 2.1).
    ``sourced_summary``: its summary where local practice is off (``Rule.sourced_summary``)."""
    worded = replace(rule, when=AllOf((rule.when, STOPPED_ENGAGING)), title=title,
                     summary=summary, why=why, sourced_summary=sourced_summary)
    return worded, rule


# What the consent-withdrawn outcomes below rest on once local practice is off, said at the end
# of their sourced summaries: each names only the national sources the rule still cites.
WISHES_PRINCIPLE = (
    "{guidance} does not cover this case; giving the child's wishes and feelings due "
    "consideration follows the principle of the Children Act 1989 (section 17(4A))."
)
"""CA89 s17(4A), as the national page gives it (the checklists apply its principle to every
child in early help); the parents' agreement standing follows from the child being unable to
decide, and is not attributed to it."""
CONSENT_ADVICE = (
    "{guidance} does not cover this case; this follows national advice on the two meanings of "
    "consent and on who can consent."
)
"""IS24 (the two meanings of consent) and MCA05 (Gillick competence, capacity at 16-17)."""
PARENTAL_RESPONSIBILITY_LAW = (
    "{guidance} does not cover this case; this follows the law on parental responsibility."
)
"""CA89 s2(7), s2(8) and s14C."""


PARENTS_AGREEMENT_STANDS = Rule(
    code="parents_agreement_stands",
    go_ahead=True,
    when=AllOf((YOUNG_PERSON_DECLINES, answer_in("competence", "not_competent"))),
    title="The parents' agreement stands: keep the plan going, with the child",
    # Listening to the child and explaining the plan to them: adapt_plan_to_child, first.
    summary="The child cannot make this decision for themselves, so their saying no is not "
    "the family withdrawing: the parent or carer's agreement stands, and the plan goes on, "
    "adapted to the child's wishes where you can. {guidance} does not cover this case; this "
    "follows the law on the child's wishes and feelings and local practice.",
    sourced_summary="The child cannot make this decision for themselves, so their saying no is "
    "not the family withdrawing: the parent or carer's agreement stands, and the plan goes on, "
    "adapted to the child's wishes where you can. " + WISHES_PRINCIPLE,
    why="A child who cannot decide for themselves has said no; their parents have not.",
    citations=(CA89_WISHES, LOCAL_CHILD_CANNOT_DECIDE),
    steps=(Step(ADAPT_PLAN), *engagement_steps(stop_sharing=False)),
)
RESPECT_DECISION = Rule(
    code="respect_young_persons_decision",
    when=AllOf((YOUNG_PERSON_DECLINES, CAN_DECIDE)),
    title="Respect the young person's decision",
    # Keep offering the young person support: respect_own_information, first.
    summary="The young person can make this decision for themselves: respect it for their own "
    "information and the direct work with them, while the parents' agreement still covers the "
    "parents' own involvement. {guidance} does not cover this case; this follows national "
    "advice and local practice.",
    sourced_summary="The young person can make this decision for themselves: respect it for "
    "their own information and the direct work with them, while the parents' agreement still "
    "covers the parents' own involvement. " + CONSENT_ADVICE,
    why="A young person who can decide for themselves has said no.",
    citations=(IS24_MEANINGS, MCA05_WHO_CAN_CONSENT, LOCAL_YOUNG_PERSON_DECIDES),
    steps=(Step(RESPECT_OWN_INFORMATION), *engagement_steps()),
)
CONTINUE_WITH_YOUNG_PERSON = Rule(
    code="continue_with_young_person",
    go_ahead=True,
    when=AllOf((answer_in("who", "parent_carer"), CAN_DECIDE)),
    title="Continue with the young person",
    summary="A parent or carer has declined, but the young person can agree to support for "
    "themselves: keep working directly with them (the parent's own information needs its own "
    "lawful basis). {guidance} does not cover this case; this follows national advice and "
    "local practice.",
    sourced_summary="A parent or carer has declined, but the young person can agree to support "
    "for themselves: keep working directly with them (the parent's own information needs its "
    "own lawful basis). " + CONSENT_ADVICE,
    why="The young person can make this decision for themselves.",
    citations=(IS24_MEANINGS, MCA05_WHO_CAN_CONSENT, LOCAL_YOUNG_PERSON),
    steps=(Step(WORK_WITH_YOUNG_PERSON), *engagement_steps()),
)
CONTINUE_WITH_OTHER_PARENT = Rule(
    code="continue_with_other_parent",
    go_ahead=True,
    when=AllOf((PARENT_DECLINES_FOR_CHILD, answer_in("other_parent_agrees", "yes"))),
    title="Continue with the agreement of the other parent",
    # Leaving out the objecting parent's own involvement, information and home, telling them
    # where it is safe, and advice where the parents disagree: continue_with_agreeing_parent.
    summary="A parent or carer has said no, but another person with parental responsibility, "
    "who looks after the child, agrees to the support; each person with parental "
    "responsibility may act alone in meeting it (Children Act 1989 section 2(7)), unless a "
    "court order says otherwise: check (sections 2(8) and 14C). {guidance} does not cover "
    "this case; this follows the law on parental responsibility and local practice.",
    sourced_summary="A parent or carer has said no, but another person with parental "
    "responsibility, who looks after the child, agrees to the support; each person with "
    "parental responsibility may act alone in meeting it (Children Act 1989 section 2(7)), "
    "unless a court order says otherwise: check (sections 2(8) and 14C). "
    + PARENTAL_RESPONSIBILITY_LAW,
    why="A parent or carer has said no; another person with parental responsibility who looks "
    "after the child agrees.",
    citations=(CA89_PARENTAL_RESPONSIBILITY, IS24_MEANINGS, LOCAL_OTHER_PARENT),
    steps=(Step(CONTINUE_WITH_AGREEING_PARENT), *engagement_steps(stop_sharing=False)),
)

RULES = with_safe_contact((
    Rule(
        code="safeguarding_referral",
        when=answer_in("harm", "yes"),
        # Not "share without consent" in the title: as a "why not" line ("Not ...: significant
        # harm suspected: no") that would read as if sharing without consent needed it.
        title="Act now: follow safeguarding procedures and refer",
        # Whether and when to tell the family: inform_family_where_safe.
        summary="You have reasonable cause to suspect significant harm, and a refusal or "
        "withdrawal does not stop you protecting the child. Call 999 if a child is in immediate "
        "danger; otherwise follow your safeguarding procedures and contact {front_door} straight "
        "away, sharing and referring without consent.",
        why="There is reasonable cause to suspect significant harm.",
        citations=(IS24_SHARING, WT_HARM),
        steps=(
            *CONTACT_AND_SHARE,
            Step(SHARE_WITHOUT_CONSENT),
            Step(INFORM_FAMILY),
            Step(RECORD_DECISION),
        ),
        urgent=True,
    ),
    Rule(
        code="seek_safeguarding_advice",
        when=answer_in("harm", "unsure"),
        title="Act now: get safeguarding advice",
        summary="You are not sure whether a child is suffering, or likely to suffer, significant "
        "harm: call 999 if a child is in immediate danger; otherwise talk to your designated "
        "safeguarding lead or {front_door} now, before deciding anything else. "
        "{front_door_finding}",
        why="You are not sure whether there is reasonable cause to suspect significant harm.",
        citations=(IS24_SHARING, WT_HARM),
        steps=(
            Step(CALL_999),
            Step(TALK_TO_DSL),
            Step(SHARE_WHEN_NECESSARY),
            Step(MONITOR),
            Step(RECORD_DECISION),
        ),
        urgent=True,
    ),
    *stopped_engaging_first(
        PARENTS_AGREEMENT_STANDS,
        "The parents' agreement stands: keep the plan going, with the child",
        "The child cannot make this decision for themselves and has stopped engaging, which is "
        "not saying no: the parent or carer's agreement stands, so find out why, where it is "
        "safe, keep the plan going, and adapt it to the child's wishes where you can. {guidance} "
        "does not cover this case; this follows the law on the child's wishes and "
        "feelings and local practice.",
        "A child who cannot decide for themselves has stopped engaging; their parents have not "
        "withdrawn.",
        "The child cannot make this decision for themselves and has stopped engaging, which is "
        "not saying no: the parent or carer's agreement stands, so find out why, where it is "
        "safe, keep the plan going, and adapt it to the child's wishes where you can. "
        + WISHES_PRINCIPLE,
    ),
    *stopped_engaging_first(
        RESPECT_DECISION,
        "Find out what the young person wants",
        "The young person can make this decision for themselves and has stopped engaging, which "
        "is not the same as saying no: where it is safe, check with them what they want before "
        "treating it as their decision, and once they have decided, respect it for their own "
        "information and the direct work with them. {guidance} does not cover this case; this "
        "follows national advice and local practice.",
        "A young person who can decide for themselves has stopped engaging; they have not said "
        "no.",
        "The young person can make this decision for themselves and has stopped engaging, which "
        "is not the same as saying no: where it is safe, check with them what they want before "
        "treating it as their decision, and once they have decided, respect it for their own "
        "information and the direct work with them. " + CONSENT_ADVICE,
    ),
    *stopped_engaging_first(
        CONTINUE_WITH_YOUNG_PERSON,
        "Continue with the young person",
        "A parent or carer has stopped engaging, which is not the same as saying no, and the "
        "young person can agree to support for themselves: keep working directly with them, "
        "and find out what the parent wants, where it is safe. {guidance} does not cover "
        "this case; this follows national advice and local practice.",
        "A parent or carer has stopped engaging; the young person can make this decision for "
        "themselves.",
        "A parent or carer has stopped engaging, which is not the same as saying no, and the "
        "young person can agree to support for themselves: keep working directly with them, "
        "and find out what the parent wants, where it is safe. " + CONSENT_ADVICE,
    ),
    *stopped_engaging_first(
        CONTINUE_WITH_OTHER_PARENT,
        "Continue with the agreement of the other parent",
        "A parent or carer has stopped engaging, which is not the same as saying no, and another "
        "person with parental responsibility, who looks after the child, agrees to the support; "
        "each person with parental responsibility may act alone in meeting it (Children Act "
        "1989 section 2(7)), unless a court order says otherwise: check (sections 2(8) and 14C), "
        "and find out what the other parent wants, where it is safe. {guidance} does not "
        "cover this case; this follows the law on parental responsibility and local practice.",
        "A parent or carer has stopped engaging; another person with parental responsibility "
        "who looks after the child agrees.",
        "A parent or carer has stopped engaging, which is not the same as saying no, and another "
        "person with parental responsibility, who looks after the child, agrees to the support; "
        "each person with parental responsibility may act alone in meeting it (Children Act "
        "1989 section 2(7)), unless a court order says otherwise: check (sections 2(8) and 14C), "
        "and find out what the other parent wants, where it is safe. "
        + PARENTAL_RESPONSIBILITY_LAW,
    ),
    Rule(
        code="non_engagement_review",
        when=STOPPED_ENGAGING,
        title="Not engaging is not saying no: review it by a set date",
        # A review by a set date is local practice (review_non_engagement).
        sourced_title="The family have stopped engaging, but not said no",
        # What not engaging may mean for the child, the review's three ends, and a baby or a
        # child not seen or not brought (answer on significant harm again): review_non_engagement.
        summary="The family have stopped engaging but have not said no, and nothing about "
        "sharing stops: where it is safe, find out what they want, and agree with your "
        "designated safeguarding lead a date by which the plan is reviewed. {guidance} does "
        "not cover "
        "this case; this is local practice.",
        # IS24 (sharing without consent; seek advice from the DSL): nothing in the guidance
        # says what to do when a family stops engaging. The prompt about a baby or a child not
        # seen or not brought is other areas' procedures (review_non_engagement, which goes
        # with local practice off), kept because it protects the child, and said to be this
        # checklist's own advice (as refer_to_lado's sourced_text does).
        sourced_summary="The family have stopped engaging but have not said no, so nothing "
        "about sharing stops: information can still be shared without consent where a child is "
        "at risk or there is a perceived risk of harm. No guidance this checklist uses says what "
        "to do when a family stops engaging: use your professional judgement, with your "
        "designated safeguarding lead; this checklist also advises, from other areas' "
        "procedures rather than national guidance: if the child is a baby, has not been seen, "
        "or was not brought to appointments, answer the question on significant harm again.",
        why="The family have stopped engaging without saying no.",
        citations=(LOCAL_NON_ENGAGEMENT, IS24_SHARING),
        steps=(Step(REVIEW_NON_ENGAGEMENT), Step(CONFIRM_WISHES), Step(TALK_TO_DSL),
               *engagement_steps()),
    ),
    Rule(
        code="continue_agreed_parts",
        go_ahead=True,
        when=answer_in("scope", "one_service"),
        title="Carry on with the support they agreed to",
        summary="The family has declined one service or part of the plan: respect their choice "
        "about it and carry on with the support they agreed to. {guidance} does not cover "
        "this case; this is local practice.",
        why="Only one service or part of the plan has been declined.",
        citations=(LOCAL_PARTIAL,),
        steps=(Step(CONTINUE_AGREED), *engagement_steps()),
    ),
    Rule(
        code="continue_universal_support",
        when=OTHERWISE,
        title="Keep supporting through ordinary provision",
        summary="Keep supporting the needs of the child and family through ordinarily available "
        "provision and personalised services. This gives future opportunities to engage them "
        "with additional support, and to keep monitoring for safeguarding concerns.",
        why="The family will not agree to share information, or has withdrawn from wider early "
        "help.",
        citations=(B_REFUSED,),
        steps=(Step(CONTINUE_ORDINARY), *engagement_steps()),
    ),
))

TOOL = Tool(
    id="consent-withdrawn",
    title="Consent refused or withdrawn",
    intro="Decide what to do when a family, parent or young person refuses or withdraws their "
    "agreement to early help or to sharing information.",
    questions=QUESTIONS,
    rules=RULES,
    before_you_start=(
        *BEFORE_YOU_START,
        "Who is refusing or withdrawing their agreement, what they are declining, and how they "
        "declined (said so, or stopped engaging) and why, as far as you know.",
        "Whether the child or young person can make this decision for themselves, and whether "
        "another person with parental responsibility still agrees.",
        "Whether the family's needs are likely to escalate without the plan.",
    ),
    contradictions=(
        Contradiction(
            AllOf((YOUNG_PERSON_DECLINES, answer_in("competence", "not_applicable"))),
            "competence",
            "'not_applicable' contradicts who = young_person (the young person declining is "
            "the child whose capacity to decide is asked); valid here: not_competent, "
            "gillick_competent, aged_16_17",
            "Your answers say the young person is declining, and also that no child in the "
            "family is old enough to decide. Check the answer on whether they can decide for "
            "themselves.",
        ),
    ),
)
