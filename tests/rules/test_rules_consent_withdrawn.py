"""Consent refused or withdrawn. One test per rule of RULES.md (rules 2.1), in its order.

Each docstring quotes the line of RULES.md it checks. "sources" are the source tags of the
outcome's citations.
"""

from __future__ import annotations

from typing import Any

import pytest

from lp_rules import InvalidAnswers, evaluate

from .conftest import NO_LOCAL, actions, sources

# The whole family tells us they no longer want early help, for no stated reason.
BASE = {"harm": "no", "safety": "no", "who": "whole_family", "competence": "not_applicable",
        "scope": "all_early_help", "escalation_risk": "no", "how": "told_us", "reason": "other"}


def run(profile: Any = "merton", **answers: str) -> dict[str, Any]:
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
