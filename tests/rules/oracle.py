"""An independent, plain if-chain reading of RULES.md's precedence tables.

The package declares its rules as data; this oracle restates the contract the obvious way so
the exhaustive tests can compare the two. If they disagree, one of them misreads RULES.md.
"""

from __future__ import annotations

from typing import Any


def _eligible(c: dict[str, str]) -> bool:
    return c["family_view"] != "objects" and c["relationship"] != "poor" and c["capacity"] == "yes"


def _key(c: dict[str, str]) -> tuple[int, int, int, int]:
    family = {"preferred": 2, "agrees": 1, "not_asked": 0}[c["family_view"]]
    return (family, c["relationship"] == "good", c["main_needs"] == "yes", c["leaving_soon"] == "no")


def suggested(candidates: list[dict[str, str]]) -> int | None:
    """Best eligible candidate; ties keep the order given."""
    best: int | None = None
    for i, c in enumerate(candidates):
        if _eligible(c) and (best is None or _key(c) > _key(candidates[best])):
            best = i
    return best


def who_should_lead(a: dict[str, Any]) -> str:
    if a["harm"] in ("yes", "unsure"):
        return "safeguarding_first"
    if a["social_care"] == "child_protection":
        return "social_worker_leads"
    if a["social_care"] == "child_in_need":
        return "social_care_allocates"
    if a["social_care"] == "referral_pending":
        return "await_hub_decision"
    if a["existing_plan"] == "yes":
        return "join_existing_plan"
    if a["services"] == "one":
        return "single_service"
    if a["consent"] in ("not_yet_asked", "declined"):
        return "seek_consent_first"
    if suggested(a["candidates"]) is None:
        return "no_suitable_candidate"
    return "agree_at_taf"


def change_lead(a: dict[str, Any]) -> str:
    if a["harm"] in ("yes", "unsure"):
        return "safeguarding_first"
    return {
        "absence_short": "cover_absence",
        "needs_escalated": "step_up",
        "stepped_down": "step_down_handover",
        "lead_leaving": "change_lead",
        "absence_long": "change_lead",
        "relationship_breakdown": "change_lead",
        "initial_taf": "review_at_taf",
        "school_transition": "review_at_taf",
        "circumstances_changed": "review_at_taf",
        "needs_met": "close_plan",
        "nothing_specific": "keep_current_lead",
    }[a["event"]]


def consent_withdrawn(a: dict[str, Any]) -> str:
    if a["harm"] == "yes":
        return "safeguarding_referral"
    if a["harm"] == "unsure":
        return "seek_safeguarding_advice"
    if a["who"] == "parent_carer" and a["competence"] in ("gillick_competent", "aged_16_17"):
        return "continue_with_young_person"
    if a["scope"] in ("information_sharing", "one_service"):
        return "continue_agreed_parts"
    return "continue_universal_support"


RECOMMEND = {
    "who-should-lead": who_should_lead,
    "change-lead": change_lead,
    "consent-withdrawn": consent_withdrawn,
}


def expected_actions(tool: str, a: dict[str, Any], code: str) -> tuple[set[str], set[str]]:
    """Actions RULES.md says must (first set) and must not (second set) appear."""
    must = {"record_decision"}
    must_not: set[str] = set()
    if code in ("safeguarding_first", "safeguarding_referral"):
        must |= {"follow_safeguarding_procedures"}
    if code == "safeguarding_first":
        must |= {"contact_front_door"}
    if code == "safeguarding_referral":
        must |= {"share_without_consent", "inform_family_where_safe"}
        must_not |= {"continue_ordinary_provision", "monitor_safeguarding"}
    if tool == "who-should-lead":
        if code == "seek_consent_first":
            (must if a["consent"] == "declined" else must_not).add("open_consent_checklist")
        if code == "agree_at_taf":
            must |= {"convene_taf", "explain_role_limits", "review_every_6_8_weeks"}
            best = suggested(a["candidates"])
            assert best is not None
            asked = a["candidates"][best]["family_view"] == "not_asked"
            (must if asked else must_not).add("ask_family")
        if code in ("agree_at_taf", "seek_consent_first", "no_suitable_candidate"):
            (must if a["young_person_view"] == "yes" else must_not).add("ask_young_person")
        if code == "no_suitable_candidate":
            must |= {"contact_support_coordinators"}
    if tool == "change-lead" and code not in ("safeguarding_first",):
        if code == "cover_absence":
            must |= {"others_cover_functions"}
        if code == "keep_current_lead":
            must |= {"minimise_changes"}
        if code in ("change_lead", "step_down_handover"):
            must |= {"agree_at_taf", "handover_plan", "introduce_new_lead", "update_records",
                     "set_review_date"}
            (must if a["successor"] == "no" else must_not).add("identify_successor")
        if code in ("change_lead", "step_down_handover", "review_at_taf"):
            (must if a["family_agrees"] != "yes" else must_not).add("consult_family")
            gap = a["consent_covers_successor"] in ("no", "unsure")
            (must if gap else must_not).add("revisit_consent")
            (must if a["changes_so_far"] == "two_or_more" else must_not).add("minimise_changes")
        if code == "step_up":
            must |= {"contact_front_door"}
    if tool == "consent-withdrawn" and code not in ("safeguarding_referral",):
        must |= {"monitor_safeguarding"}
        if code == "seek_safeguarding_advice":
            must |= {"talk_to_dsl"}
        else:
            esc = a["escalation_risk"] in ("yes", "unsure")
            (must if esc else must_not).add("consider_escalation")
            rel = a["reason"] == "relationship_with_lead"
            (must if rel else must_not).add("offer_different_lead")
            (must if a["reason"] == "stigma_or_fear" else must_not).add("address_concerns")
            (must if a["how"] == "stopped_engaging" else must_not).add("review_non_engagement")
            stop = a["scope"] in ("all_early_help", "information_sharing")
            (must if stop else must_not).add("stop_consent_based_sharing")
        if code == "continue_universal_support":
            must |= {"continue_ordinary_provision", "keep_door_open"}
    return must, must_not
