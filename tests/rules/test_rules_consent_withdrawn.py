"""Consent refused or withdrawn. One test per rule of RULES.md (rules 2.1), in its order.

Each docstring quotes the line of RULES.md it checks. "sources" are the source tags of the
outcome's citations.
"""

from __future__ import annotations

from typing import Any

import pytest

from lp_rules import DEFAULT_PROFILE, InvalidAnswers, evaluate

from . import oracle
from .conftest import NO_LOCAL, actions, sources

# The whole family tells us they no longer want early help, for no stated reason.
BASE = {"harm": "no", "safety": "no", "who": "whole_family", "competence": "not_applicable",
        "scope": "all_early_help", "escalation_risk": "no", "how": "told_us", "reason": "other"}


def run(profile: Any = DEFAULT_PROFILE, **answers: str) -> dict[str, Any]:
    return evaluate("consent-withdrawn", dict(BASE, **answers), profile)


def cited(result: dict[str, Any], code: str) -> set[str]:
    return next(set(a["citations"]) for a in result["actions"] if a["code"] == code)


def test_harm_yes_means_safeguarding_referral() -> None:
    """`safeguarding_referral` | `harm` is `yes`: call 999 if in immediate danger; follow
    safeguarding procedures and contact the front door straight away; share and refer without
    consent; agree with the DSL or the front door whether and when to tell the family | IS24,
    WT"""
    result = evaluate("consent-withdrawn", {"harm": "yes"})
    assert result["status"] == "complete" and result["recommendation"] == "safeguarding_referral"
    assert result["urgent"] is True
    assert {"call_999_if_immediate_danger", "follow_safeguarding_procedures",
            "contact_front_door", "share_without_consent", "inform_family_where_safe",
            "record_decision"} <= actions(result)
    assert not {"seek_child_views", "continue_ordinary_provision"} & actions(result)
    assert {"IS24", "WT"} <= sources(result) and "LOCAL" not in sources(result)


def test_harm_unsure_means_seek_safeguarding_advice_now() -> None:
    """`seek_safeguarding_advice` | `harm` is `unsure`: talk to your DSL or the front door now |
    IS24 (principle 1: unsure is urgent too)"""
    result = evaluate("consent-withdrawn", {"harm": "unsure"})
    assert result["recommendation"] == "seek_safeguarding_advice" and result["urgent"] is True
    assert {"call_999_if_immediate_danger", "talk_to_dsl", "record_decision"} <= actions(result)
    assert "seek_child_views" not in actions(result)
    assert "IS24" in sources(result) and "LOCAL" not in sources(result)


def test_young_person_not_competent_parents_agreement_stands() -> None:
    """`parents_agreement_stands` | `who` is `young_person` and `competence` is
    `not_competent`: the parent or carer's agreement stands; ... adapt the plan to their wishes
    where you can | CA89, LOCAL. `stop_consent_based_sharing` never on
    `parents_agreement_stands`."""
    result = run(who="young_person", competence="not_competent")
    assert result["recommendation"] == "parents_agreement_stands" and result["urgent"] is False
    assert {"seek_child_views", "adapt_plan_to_child", "share_when_necessary",
            "record_decision"} <= actions(result)
    assert "stop_consent_based_sharing" not in actions(result)
    assert {"CA89", "LOCAL"} <= sources(result)


@pytest.mark.parametrize("competence", ["gillick_competent", "aged_16_17"])
def test_competent_young_person_declines_respect_their_decision(competence: str) -> None:
    """`respect_young_persons_decision` | `who` is `young_person` and `competence` is
    `gillick_competent` or `aged_16_17`: respect their decision about their own information
    ... | IS24, MCA05, LOCAL"""
    result = run(who="young_person", competence=competence)
    assert result["recommendation"] == "respect_young_persons_decision"
    assert {"respect_own_information", "share_when_necessary", "seek_child_views",
            "stop_consent_based_sharing", "record_decision"} <= actions(result)
    assert {"IS24", "MCA05", "LOCAL"} <= sources(result)


@pytest.mark.parametrize("competence", ["gillick_competent", "aged_16_17"])
def test_parent_declines_competent_young_person_continues(competence: str) -> None:
    """`continue_with_young_person` | `who` is `parent_carer` and `competence` is
    `gillick_competent` or `aged_16_17`: the young person can agree for themselves; keep direct
    work with them | IS24, MCA05, LOCAL"""
    result = run(who="parent_carer", competence=competence)
    assert result["recommendation"] == "continue_with_young_person"
    assert {"seek_child_views", "share_when_necessary", "record_decision"} <= actions(result)
    assert {"IS24", "MCA05", "LOCAL"} <= sources(result)


def test_one_service_declined_continue_the_agreed_parts_as_local_practice() -> None:
    """`continue_agreed_parts` | `scope` is `one_service`: respect the family's choice about
    that service and carry on with the support they agreed to | LOCAL"""
    result = run(scope="one_service")
    assert result["recommendation"] == "continue_agreed_parts" and "LOCAL" in sources(result)
    assert "stop_consent_based_sharing" not in actions(result)
    strict = run(NO_LOCAL, scope="one_service")
    assert strict["recommendation"] == "guidance_silent"
    assert strict["citations"] and "LOCAL" not in sources(strict)
    assert {"seek_child_views", "share_when_necessary", "record_decision"} <= actions(strict)


def test_otherwise_continue_universal_support() -> None:
    """`continue_universal_support` | otherwise ... | B"""
    result = run()
    assert result["recommendation"] == "continue_universal_support" and "B" in sources(result)
    assert {"continue_ordinary_provision", "keep_door_open", "monitor_safeguarding",
            "share_when_necessary", "stop_consent_based_sharing", "seek_child_views",
            "record_decision"} <= actions(result)


def test_information_sharing_refused_gives_bs_outcome() -> None:
    """"including `scope` = `information_sharing` (B: a family that will not consent to share
    information ... is supported through ordinarily available provision" (change 6)"""
    result = run(scope="information_sharing")
    assert result["recommendation"] == "continue_universal_support" and "B" in sources(result)
    assert {"continue_ordinary_provision", "share_when_necessary",
            "stop_consent_based_sharing"} <= actions(result)


def test_young_person_with_not_applicable_is_refused_naming_competence() -> None:
    """"`who` = `young_person` with `not_applicable` is contradictory: invalid input (exit 2,
    names `competence`)" """
    with pytest.raises(InvalidAnswers) as caught:
        run(who="young_person", competence="not_applicable")
    assert "competence" in str(caught.value)


@pytest.mark.parametrize("who", ["parent_carer", "young_person"])
def test_competence_is_asked_when_a_parent_or_young_person_declines(who: str) -> None:
    """"Asked whenever `who` is `parent_carer` or `young_person`." """
    result = evaluate("consent-withdrawn", {"harm": "no", "who": who})
    assert result["status"] == "needs_more" and "competence" in result["next"]


def test_sharing_when_necessary_is_always_offered_citing_is24() -> None:
    """"`share_when_necessary` (every outcome that is not urgent: agreeing to support is not the
    legal basis for sharing ... `IS24`)" """
    assert "IS24" in cited(run(), "share_when_necessary")


def test_stop_consent_based_sharing_only_on_an_explicit_withdrawal_citing_dpa() -> None:
    """"`stop_consent_based_sharing` (only when `how` is `told_us` and `scope` is
    `all_early_help` or `information_sharing` ... (`DPA`, UK GDPR Art. 7(3))" """
    assert "DPA" in cited(run(), "stop_consent_based_sharing")
    assert "stop_consent_based_sharing" not in actions(run(how="stopped_engaging"))


def test_stopped_engaging_is_not_withdrawal_confirm_their_wishes() -> None:
    """"`review_non_engagement` and `confirm_wishes` (when `how` is `stopped_engaging`:
    stopping engaging is not saying no ...)" """
    result = run(how="stopped_engaging", reason="unknown")
    assert {"confirm_wishes", "review_non_engagement"} <= actions(result)
    assert not {"confirm_wishes", "review_non_engagement"} & actions(run())


def test_escalation_risk_reason_and_concerns() -> None:
    """"`consider_escalation` (when `escalation_risk` is `yes` or `unsure`),
    `offer_different_lead` (when `reason` is `relationship_with_lead`), `address_concerns`
    (when `reason` is `stigma_or_fear`)" """
    assert "consider_escalation" in actions(run(escalation_risk="unsure"))
    assert "offer_different_lead" in actions(run(reason="relationship_with_lead"))
    assert "address_concerns" in actions(run(reason="stigma_or_fear"))
    assert not {"consider_escalation", "offer_different_lead", "address_concerns"} & actions(run())


# Rules 2.1

PARENT = dict(who="parent_carer", competence="not_applicable")


@pytest.mark.parametrize("competence", ["not_applicable", "not_competent"])
def test_other_parent_agrees_is_asked_when_the_young_person_cannot_decide(competence: str) -> None:
    """`other_parent_agrees` ... "asked when `who` is `parent_carer` and the young person
    cannot decide for themselves" """
    asked = evaluate("consent-withdrawn", {"harm": "no", "safety": "no", "who": "parent_carer",
                                           "competence": competence})
    assert asked["next"][0] == "other_parent_agrees"
    for others in ({"who": "parent_carer", "competence": "aged_16_17"},
                   {"who": "whole_family"}, {"who": "young_person", "competence": "not_competent"}):
        result = run(**others)
        assert result["status"] == "complete" and "other_parent_agrees" not in result["relevant"]


@pytest.mark.parametrize("how", ["told_us", "stopped_engaging"])
def test_another_parent_with_parental_responsibility_agrees(how: str) -> None:
    """`continue_with_other_parent` | `who` is `parent_carer` and `other_parent_agrees` is
    `yes`: ... (CA89 s2(7)), unless a court order ... says otherwise (s2(8), s14C): check. This
    does not cover the objecting person's own involvement or information, or work in their
    home; tell the objecting parent where it is safe ...; seek advice | CA89, IS24, LOCAL.
    `stop_consent_based_sharing` never on `continue_with_other_parent`."""
    result = run(other_parent_agrees="yes", how=how, **PARENT)
    assert result["recommendation"] == "continue_with_other_parent"
    assert {"CA89", "IS24", "LOCAL"} <= sources(result)
    assert "parental-responsibility" in {c["url"].split("#")[1] for c in result["citations"]}
    assert {"seek_child_views", "share_when_necessary", "record_decision"} <= actions(result)
    assert "stop_consent_based_sharing" not in actions(result)
    said = result["summary"] + " ".join(a["text"] for a in result["actions"])
    for words in ("2(7)", "court order", "own involvement", "where it is safe"):
        assert words in said, words
    if how == "told_us":
        assert "2(8)" in said and "14C" in said and "significant for the child" in said


@pytest.mark.parametrize("answer", ["no", "no_one_else", "unsure"])
def test_without_another_agreeing_parent_the_earlier_outcomes_stand(answer: str) -> None:
    result = run(other_parent_agrees=answer, **PARENT)
    assert result["recommendation"] == "continue_universal_support"
    assert "stop_consent_based_sharing" in actions(result)


def test_stopped_engaging_has_its_own_outcome_with_a_review_date() -> None:
    """`non_engagement_review` | `how` is `stopped_engaging`: not engaging is not saying no ...
    agree with your DSL ... a date by which the plan is reviewed ...; if the child is a baby,
    has not been seen, or was "not brought" ..., answer `harm` again; nothing about sharing
    stops | LOCAL, IS24; also `talk_to_dsl` on `non_engagement_review`."""
    for scope in ("all_early_help", "information_sharing", "one_service"):
        result = run(how="stopped_engaging", scope=scope)
        assert result["recommendation"] == "non_engagement_review"
        assert {"confirm_wishes", "review_non_engagement", "talk_to_dsl",
                "share_when_necessary"} <= actions(result)
        assert "stop_consent_based_sharing" not in actions(result)
        assert {"LOCAL", "IS24"} <= sources(result)
        said = result["summary"] + " ".join(a["text"] for a in result["actions"])
        for words in ("not said no", "a date by which the plan is reviewed", "baby",
                      "not been seen", "not brought", "significant harm again"):
            assert words in said, words
        assert "withdrawn" not in " ".join(result["reasons"]).replace("have not withdrawn", "")


@pytest.mark.parametrize("others,code", [
    ({"who": "young_person", "competence": "not_competent"}, "parents_agreement_stands"),
    ({"who": "young_person", "competence": "gillick_competent"}, "respect_young_persons_decision"),
    ({"who": "parent_carer", "competence": "aged_16_17"}, "continue_with_young_person"),
    ({"other_parent_agrees": "yes", **PARENT}, "continue_with_other_parent"),
])
def test_outcomes_before_it_are_worded_for_stopping_engaging(others: dict[str, str],
                                                             code: str) -> None:
    """"where `how` is `stopped_engaging`, the outcomes before `non_engagement_review` ... word
    their title, summary and reasons for someone who has stopped engaging, not for someone who
    has said no, and add `confirm_wishes` and `review_non_engagement`" """
    told = run(**others)
    stopped = run(how="stopped_engaging", **others)
    assert told["recommendation"] == stopped["recommendation"] == code
    assert "stopped engaging" in stopped["summary"] and "stopped engaging" in stopped["reasons"][0]
    assert "has said no" not in stopped["reasons"][0] and "has declined" not in stopped["summary"]
    assert stopped["summary"] != told["summary"]
    assert {"confirm_wishes", "review_non_engagement"} <= actions(stopped)
    assert not {"confirm_wishes", "review_non_engagement"} & actions(told)
    assert "stop_consent_based_sharing" not in actions(stopped)


def test_stop_consent_based_sharing_says_what_2_1_says() -> None:
    """"stop sharing that relied on their consent, from now on; this does not undo lawful
    sharing before (`DPA`, UK GDPR Art. 7(3)). You cannot usually swap from consent to another
    lawful basis after it is withdrawn (ICO); ... an objection under UK GDPR Art. 21 means
    stopping unless there are compelling legitimate grounds, such as protecting a child; a new
    concern is a new purpose with its own lawful basis; where a child is at risk or there is a
    perceived risk of harm, you can share without consent (`IS24` golden rule 3). Ask your data
    protection officer or information governance lead." """
    action = next(a for a in run()["actions"] if a["code"] == "stop_consent_based_sharing")
    for words in ("relied on their consent", "Article 7(3)", "cannot usually swap", "ICO",
                  "public task", "Article 21", "compelling legitimate grounds", "new purpose",
                  "perceived risk of harm", "data protection officer",
                  "information governance lead"):
        assert words in action["text"], words
    assert "can continue" not in action["text"].split("public task")[0]
    assert {"DPA", "IS24"} <= set(action["citations"])
    anchors = {s["url"].split("#")[1] for s in action["sources"]}
    assert {"withdrawing-consent", "objecting-to-sharing", "safeguarding-condition"} <= anchors


def test_outcomes_that_tell_a_practitioner_to_share_link_to_confidentiality() -> None:
    """Principle 9: wherever an outcome tells a practitioner to share or not to share, the
    national-guidance sections it links to cover confidentiality (CONF) and Sch. 1 para 18."""
    urgent = evaluate("consent-withdrawn", {"harm": "yes"})
    for result, code in ((run(), "share_when_necessary"), (run(), "stop_consent_based_sharing"),
                         (urgent, "share_without_consent")):
        action = next(a for a in result["actions"] if a["code"] == code)
        anchors = {s["url"].split("#")[1] for s in action["sources"]}
        assert {"confidentiality", "safeguarding-condition"} <= anchors, code
        assert "CONF" in action["citations"]


def test_a_safety_concern_puts_safe_contact_first() -> None:
    for others in ({}, {"how": "stopped_engaging"}, {"other_parent_agrees": "yes", **PARENT},
                   {"scope": "one_service"}):
        result = run(safety="yes", **others)
        assert result["actions"][0]["code"] == "plan_safe_contact"
        assert "talk_to_dsl" in actions(result)


def test_no_outcome_here_rests_on_source_a_alone_in_the_area_whose_guidance_is_b() -> None:
    """Principle 8: consent-withdrawn cites B, national law and LOCAL, never A alone."""
    for profile_id in oracle.authorities_where(lambda facts: facts["own_source"] == "B"):
        for others in ({}, {"scope": "one_service"}, {"how": "stopped_engaging"}):
            assert not oracle.opens_with_own_silence(profile_id, run(profile_id, **others)["summary"])
