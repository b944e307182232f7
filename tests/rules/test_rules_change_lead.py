"""Should the Lead Practitioner change? One test per rule of RULES.md (rules 2.1), in its order.

Each docstring quotes the line of RULES.md it checks. "sources" are the source tags of the
outcome's citations.
"""

from __future__ import annotations

from typing import Any

import pytest

from lp_rules import DEFAULT_PROFILE, evaluate

from . import oracle
from .conftest import NO_LOCAL, actions, local_on, sources

# A settled family: agrees, a successor ready, no changes yet, agreement covers the successor.
BASE = {"harm": "no", "safety": "no", "event": "nothing_specific", "family_agrees": "yes", "successor": "yes",
        "changes_so_far": "none", "consent_covers_successor": "yes"}


def run(event: str, profile: Any = DEFAULT_PROFILE, **answers: str) -> dict[str, Any]:
    return evaluate("change-lead", dict(BASE, event=event, **answers), profile)


@pytest.mark.parametrize("harm", ["yes", "unsure"])
def test_harm_or_unsure_means_safeguarding_first(harm: str) -> None:
    """`safeguarding_first` | `harm` is `yes` or `unsure` | WT, IS24 (principle 1: act now,
    nothing else is asked)"""
    result = evaluate("change-lead", {"harm": harm})
    assert result["status"] == "complete" and result["recommendation"] == "safeguarding_first"
    assert result["urgent"] is True
    assert {"call_999_if_immediate_danger", "follow_safeguarding_procedures",
            "contact_front_door", "record_decision"} <= actions(result)
    assert "seek_child_views" not in actions(result)
    assert {"WT", "IS24"} <= sources(result) and "LOCAL" not in sources(result)


def test_short_absence_is_covered_not_a_change() -> None:
    """`cover_absence` | `absence_short`: no change; other practitioners keep the lead's
    functions going | A"""
    result = run("absence_short")
    assert result["recommendation"] == "cover_absence" and result["urgent"] is False
    assert {"others_cover_functions", "seek_child_views", "record_decision"} <= actions(result)
    assert "A" in sources(result)


def test_needs_escalated_steps_up_through_the_dsl_and_the_front_door() -> None:
    """`step_up` | `needs_escalated`: talk to your DSL, follow threshold guidance and contact
    the front door; where it is safe, tell the family about the referral ...; keep supporting
    until the front door decides | A or WT (profile), IS24, LOCAL"""
    result = run("needs_escalated")
    assert result["recommendation"] == "step_up" and result["urgent"] is False
    assert {"talk_to_dsl", "contact_front_door", "discuss_referral_with_family",
            "keep_supporting_until_decision", "seek_child_views"} <= actions(result)
    assert {"A", "IS24", "LOCAL"} <= sources(result)
    for profile_id, facts in oracle.FACTS.items():  # A or WT: each area's own choice
        cited = sources(run("needs_escalated", local_on(profile_id)))
        assert {facts["referral_lead_source"], "IS24", "LOCAL"} <= cited, profile_id


def test_stepped_down_hands_over_at_a_taf_with_the_family() -> None:
    """`step_down_handover` | `stepped_down`: agree the early help lead with the family at a
    TAF or review before social care closes; the family's agreement is needed | A, LOCAL"""
    result = run("stepped_down", family_agrees="not_asked")
    assert result["recommendation"] == "step_down_handover"
    assert {"agree_at_taf", "consult_family", "seek_child_views"} <= actions(result)
    assert {"A", "LOCAL"} <= sources(result)


def test_lead_leaving_changes_the_lead_citing_a() -> None:
    """`change_lead` | `lead_leaving` ... | `lead_leaving`: A (examples)"""
    result = run("lead_leaving", successor="no")
    assert result["recommendation"] == "change_lead" and "A" in sources(result)
    assert {"identify_successor", "handover_plan", "agree_at_taf",
            "record_decision"} <= actions(result)
    assert "identify_successor" not in actions(run("lead_leaving"))


def test_relationship_breakdown_changes_the_lead_citing_a() -> None:
    """`relationship_breakdown`: A (relationship and agreement)"""
    result = run("relationship_breakdown", concern_about_lead="no")
    assert result["recommendation"] == "change_lead" and "A" in sources(result)


def test_long_absence_changes_the_lead_as_local_practice_only() -> None:
    """`absence_long`: LOCAL only (change 14); with local practice off the guidance is silent"""
    result = run("absence_long")
    assert result["recommendation"] == "change_lead" and "LOCAL" in sources(result)
    strict = run("absence_long", NO_LOCAL)
    assert strict["recommendation"] == "guidance_silent"
    assert strict["citations"] and "LOCAL" not in sources(strict)
    assert {"seek_child_views", "record_decision"} <= actions(strict)


@pytest.mark.parametrize("event", ["initial_taf", "school_transition", "circumstances_changed"])
def test_review_at_taf(event: str) -> None:
    """`review_at_taf` | `initial_taf`, `school_transition`, `circumstances_changed`,
    `family_requests_change` | A"""
    result = run(event)
    assert result["recommendation"] == "review_at_taf" and "A" in sources(result)
    assert "consult_family" not in actions(result)  # the family already agrees


def test_family_requests_change_reviews_at_taf_and_consults_family() -> None:
    """`consult_family` (... and always on `family_requests_change`); change 8: "gives
    `review_at_taf` with `consult_family`", not "keep the current lead" """
    result = run("family_requests_change", concern_about_lead="no")
    assert result["recommendation"] == "review_at_taf" and "A" in sources(result)
    assert {"consult_family", "seek_child_views", "record_decision"} <= actions(result)


def test_needs_met_closes_the_plan_with_the_family_as_local_practice() -> None:
    """`close_plan` | `needs_met` | LOCAL; "`agree_closure_with_family` (on `close_plan`;
    LOCAL)"; change 14: it "uses `agree_closure_with_family` instead of `consult_family`" """
    result = run("needs_met", family_agrees="no")
    assert result["recommendation"] == "close_plan" and "LOCAL" in sources(result)
    assert "agree_closure_with_family" in actions(result)
    assert "consult_family" not in actions(result)
    cited = {a["code"]: set(a["citations"]) for a in result["actions"]}
    assert cited["agree_closure_with_family"] == {"LOCAL"}
    assert run("needs_met", NO_LOCAL)["recommendation"] == "guidance_silent"


def test_nothing_specific_keeps_the_current_lead() -> None:
    """`keep_current_lead` | `nothing_specific`: changes unsettle the family; keep them to a
    minimum | A"""
    result = run("nothing_specific")
    assert result["recommendation"] == "keep_current_lead" and "A" in sources(result)
    assert "minimise_changes" in actions(result)


def test_consult_family_when_they_do_not_yet_agree() -> None:
    """"`consult_family` (when `family_agrees` is not `yes` ...)" """
    for view in ("no", "not_asked"):
        assert "consult_family" in actions(run("lead_leaving", family_agrees=view))
    assert "consult_family" not in actions(run("lead_leaving"))


def test_revisit_consent_when_it_may_not_cover_the_successor() -> None:
    """"`revisit_consent` (when `consent_covers_successor` is `no` or `unsure`)" """
    for covers in ("no", "unsure"):
        assert "revisit_consent" in actions(run("lead_leaving", consent_covers_successor=covers))
    assert "revisit_consent" not in actions(run("lead_leaving"))


def test_minimise_changes_after_two_or_more() -> None:
    """"`minimise_changes` (when `changes_so_far` is `two_or_more`, or on
    `keep_current_lead`)" """
    assert "minimise_changes" in actions(run("lead_leaving", changes_so_far="two_or_more"))
    assert "minimise_changes" not in actions(run("lead_leaving", changes_so_far="one"))


def test_introducing_the_new_lead_is_local_practice() -> None:
    """"`introduce_new_lead` (LOCAL)"; a profile can switch local practice off"""
    cited = {a["code"]: set(a["citations"]) for a in run("lead_leaving")["actions"]}
    if "introduce_new_lead" in cited:
        assert cited["introduce_new_lead"] == {"LOCAL"}
    strict = run("lead_leaving", NO_LOCAL)
    assert strict["recommendation"] == "change_lead"
    assert "introduce_new_lead" not in actions(strict)
    assert all("LOCAL" not in a["citations"] for a in strict["actions"])
    assert "LOCAL" not in sources(strict)


# Rules 2.1

CONCERN_EVENTS = ("relationship_breakdown", "family_requests_change")


@pytest.mark.parametrize("event", CONCERN_EVENTS)
def test_concern_about_lead_is_asked_only_after_these_events(event: str) -> None:
    """`concern_about_lead` ... "asked only when `event` is `relationship_breakdown` or
    `family_requests_change`" """
    asked = evaluate("change-lead", dict(BASE, event=event))
    assert asked["status"] == "needs_more" and asked["next"] == ["concern_about_lead"]
    for other in ("lead_leaving", "initial_taf", "needs_met", "stepped_down"):
        result = run(other)
        assert result["status"] == "complete" and "concern_about_lead" not in result["relevant"]


@pytest.mark.parametrize("concern", ["harm_threshold", "unsure"])
@pytest.mark.parametrize("event", CONCERN_EVENTS)
def test_a_concern_at_the_lado_threshold_goes_to_the_dsl_not_a_meeting(event: str,
                                                                        concern: str) -> None:
    """`report_concern_about_practitioner` | `concern_about_lead` is `harm_threshold` or
    `unsure`. Tell your DSL or manager today; they consult the LADO ...; listen to the child, do
    not investigate; do not raise it at a meeting the lead attends or with the lead ... Not
    urgent in the sense of principle 1, so `seek_child_views`, the support contact and
    `record_decision` apply | WT, LOCAL"""
    result = run(event, concern_about_lead=concern)
    assert result["recommendation"] == "report_concern_about_practitioner"
    assert result["urgent"] is False
    assert {"refer_to_lado", "talk_to_dsl", "seek_child_views", "record_decision"} <= actions(result)
    assert not {"agree_at_taf", "consult_family", "set_review_date", "handover_plan"} & actions(result)
    assert {"WT", "LOCAL"} <= sources(result)
    assert "allegations-about-practitioners" in {c["url"].split("#")[1] for c in result["citations"]}
    said = " ".join([result["summary"]] + [a["text"] for a in result["actions"]])
    for words in ("today", "LADO", "do not investigate", "meeting they attend",
                  "keeps in touch with the family", "significant harm again"):
        assert words in said, words
    support = oracle.FACTS[DEFAULT_PROFILE]["support_contact"]  # the default area's, from its guidance
    assert support and support in result["judgement"]


@pytest.mark.parametrize("event,outcome", [("relationship_breakdown", "change_lead"),
                                           ("family_requests_change", "review_at_taf")])
def test_a_complaint_below_the_threshold_goes_to_the_leads_manager(event: str,
                                                                   outcome: str) -> None:
    """`raise_with_manager` (when `concern_about_lead` is `conduct_or_complaint`: the outcome
    for the event stands, and the concern goes to the lead's manager under the employer's
    complaints process; LOCAL)"""
    result = run(event, concern_about_lead="conduct_or_complaint")
    assert result["recommendation"] == outcome
    assert "raise_with_manager" in actions(result) and "refer_to_lado" not in actions(result)
    cited = {a["code"]: set(a["citations"]) for a in result["actions"]}
    assert cited["raise_with_manager"] == {"LOCAL"}
    assert "raise_with_manager" not in actions(run(event, concern_about_lead="no"))


def test_a_step_down_the_family_do_not_agree_to_is_told_to_social_care() -> None:
    """`step_down_handover` ... "When `family_agrees` is `no`, add
    `tell_social_care_family_declines` ...; and `open_consent_checklist`" """
    result = run("stepped_down", family_agrees="no")
    assert result["recommendation"] == "step_down_handover"
    assert {"tell_social_care_family_declines", "open_consent_checklist",
            "consult_family"} <= actions(result)
    told = next(a["text"] for a in result["actions"]
                if a["code"] == "tell_social_care_family_declines")
    assert "before they close the case" in told and "reconsider" in told
    for view in ("yes", "not_asked"):
        assert not {"tell_social_care_family_declines",
                    "open_consent_checklist"} & actions(run("stepped_down", family_agrees=view))


@pytest.mark.parametrize("event", ["needs_escalated", "lead_leaving", "absence_short", "needs_met"])
def test_a_safety_concern_puts_safe_contact_first_here_too(event: str) -> None:
    result = run(event, safety="unsure")
    assert result["actions"][0]["code"] == "plan_safe_contact"
    assert "talk_to_dsl" in actions(result)


def test_outcomes_resting_on_source_a_alone_say_so_first_where_it_is_borrowed() -> None:
    """Principle 8: cover_absence, change_lead, review_at_taf, keep_current_lead,
    step_down_handover rest on A only (or A and LOCAL): an area that borrows A says first that
    its own guidance does not cover them; the area whose guidance A is does not."""
    events = ("absence_short", "lead_leaving", "initial_taf", "nothing_specific", "stepped_down")
    for profile_id in oracle.authorities_where(lambda facts: facts["borrowed_source"] == "A"):
        for event in events:
            summary = run(event, local_on(profile_id))["summary"]
            assert summary.startswith(oracle.own_guidance_silent(profile_id)), (profile_id, event)
    for profile_id in oracle.authorities_where(lambda facts: facts["own_source"] == "A"):
        for event in events:
            assert not oracle.opens_with_own_silence(profile_id, run(event, profile_id)["summary"]), event
    # step_up cites WT (the profile's choice), IS24 and LOCAL, not A: no such opening.
    for profile_id in oracle.authorities_where(
            lambda facts: facts["referral_lead_source"] == "WT" and facts["own_source"] == "B"):
        assert not oracle.opens_with_own_silence(profile_id, run("needs_escalated", profile_id)["summary"])


def test_telling_the_family_about_a_referral_links_to_confidentiality() -> None:
    """Principle 9: an action that says you do not need agreement to share links to the
    national section on the duty of confidence (CONF)."""
    action = next(a for a in run("needs_escalated")["actions"]
                  if a["code"] == "discuss_referral_with_family")
    assert "CONF" in action["citations"]
    assert "confidentiality" in {s["url"].split("#")[1] for s in action["sources"]}
