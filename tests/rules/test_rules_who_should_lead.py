"""Who should be the Lead Practitioner? One test per rule of RULES.md (rules 2.1), in its order.

Each docstring quotes the line of RULES.md it checks. "sources" are the source tags of the
outcome's citations.
"""

from __future__ import annotations

from typing import Any

import pytest

from lp_rules import DEFAULT_PROFILE, PROFILE_IDS, InvalidAnswers, evaluate

from . import oracle
from .conftest import NO_LOCAL, actions, local_on, sources

# Everything answered so that the candidate list decides (agree_at_taf), unless a test changes it.
BASE = {"harm": "no", "safety": "no", "social_care": "none", "services": "several", "existing_plan": "no",
        "consent": "agreed", "young_person_can_consent": "no", "candidates": []}


def lead(role: str = "teacher", **fields: str) -> dict[str, str]:
    return dict(dict(role=role, relationship="good", family_view="agrees", main_needs="yes",
                     capacity="yes", leaving_soon="no"), **fields)


def run(profile: Any = DEFAULT_PROFILE, **answers: Any) -> dict[str, Any]:
    return evaluate("who-should-lead", dict(BASE, **answers), profile)


def test_harm_is_asked_first() -> None:
    """Principle 4: "`harm` is always asked first." """
    result = evaluate("who-should-lead", {})
    assert result["status"] == "needs_more" and result["next"][0] == "harm"


@pytest.mark.parametrize("harm", ["yes", "unsure"])
def test_harm_or_unsure_means_safeguarding_first(harm: str) -> None:
    """`safeguarding_first` | `harm` is `yes` or `unsure` | WT, IS24. Principle 1: "call 999
    if a child is in immediate danger; otherwise follow safeguarding procedures ... and contact
    the front door ... straight away ... Nothing else is asked." """
    result = evaluate("who-should-lead", {"harm": harm})
    assert result["status"] == "complete" and result["recommendation"] == "safeguarding_first"
    assert result["urgent"] is True
    assert {"call_999_if_immediate_danger", "follow_safeguarding_procedures",
            "contact_front_door", "record_decision"} <= actions(result)
    assert not {"seek_child_views", "contact_support_coordinators"} & actions(result)
    assert {"WT", "IS24"} <= sources(result) and "LOCAL" not in sources(result)


def test_child_protection_means_a_social_worker_leads() -> None:
    """`social_worker_leads` | `social_care` is `child_protection`: the lead must be a social
    worker | WT"""
    result = run(social_care="child_protection", candidates=[lead()])
    assert result["recommendation"] == "social_worker_leads" and result["urgent"] is False
    assert result["suggested_candidate"] is None
    assert {"seek_child_views", "record_decision"} <= actions(result)
    assert "WT" in sources(result)


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_referral_accepted_social_care_allocates_citing_the_profile_source(profile_id: str) -> None:
    """`social_care_allocates` | `social_care` is `referral_accepted` ... A profile whose source
    is silent cites `WT` instead | A or WT (from the profile): each authority's choice is its
    oracle table's ``referral_lead_source``, written from its guidance."""
    facts = oracle.FACTS[profile_id]
    cited, not_cited = facts["referral_lead_source"], {"A", "WT"} - {facts["referral_lead_source"]}
    result = run(profile_id, social_care="referral_accepted")
    assert result["recommendation"] == "social_care_allocates"
    # (the child's voice is cited too, from its own choice: principle 3)
    assert cited in sources(result) and not (not_cited - {facts["child_voice_source"]}) & sources(result)


def test_both_choices_of_who_leads_after_a_referral_are_covered() -> None:
    """The test above must see each choice the contract gives: an authority whose guidance says
    (A) and one whose guidance is silent (WT)."""
    for cited in ("A", "WT"):
        oracle.authorities_where(lambda facts: facts["referral_lead_source"] == cited)


def test_referral_pending_awaits_the_front_doors_decision() -> None:
    """`await_hub_decision` | `social_care` is `referral_pending`: keep supporting; the front
    door's decision settles who leads | A, LOCAL"; change 9: a profile whose guidance is silent
    cites WT, not A, for who leads after an accepted referral."""
    result = run(social_care="referral_pending")
    assert result["recommendation"] == "await_hub_decision" and result["urgent"] is False
    assert {"A", "LOCAL"} <= sources(result)
    strict = run(NO_LOCAL, social_care="referral_pending")
    assert strict["recommendation"] == "await_hub_decision"
    assert "A" in sources(strict) and "LOCAL" not in sources(strict)
    # RULES.md: await_hub_decision rests on A and LOCAL; an authority whose guidance is silent
    # on who leads after a referral (it cites WT) and borrows A says so first (principle 8) and
    # adds the national point it relies on.
    silent = oracle.authorities_where(lambda facts: facts["referral_lead_source"] == "WT"
                                      and facts["borrowed_source"] == "A")
    for profile_id in silent:
        area = run(local_on(profile_id), social_care="referral_pending")
        assert {"A", "WT", "LOCAL"} <= sources(area)
        assert area["summary"].startswith(oracle.own_guidance_silent(profile_id)), profile_id


def test_existing_plan_means_join_it() -> None:
    """`join_existing_plan` | `existing_plan` is `yes`: noticing needs does not make you the
    lead; join the existing plan and TAF | B"""
    result = run(existing_plan="yes")
    assert result["recommendation"] == "join_existing_plan" and "B" in sources(result)
    assert "seek_child_views" in actions(result)


def test_one_service_means_no_multi_agency_lead() -> None:
    """`single_service` | `services` is `one`: no multi-agency lead is needed | A, B"""
    result = run(services="one")
    assert result["recommendation"] == "single_service" and {"A", "B"} <= sources(result)


def test_consent_not_yet_asked_means_seek_consent_first() -> None:
    """`seek_consent_first` | `consent` is `not_yet_asked` or `declined` | B"""
    result = run(consent="not_yet_asked")
    assert result["recommendation"] == "seek_consent_first" and "B" in sources(result)
    assert "open_consent_checklist" not in actions(result)


def test_consent_declined_also_opens_the_consent_checklist() -> None:
    """"(declined also gives action `open_consent_checklist`)" """
    result = run(consent="declined")
    assert result["recommendation"] == "seek_consent_first"
    assert "open_consent_checklist" in actions(result)


def test_partly_agreed_goes_on_to_the_candidates() -> None:
    """Only `not_yet_asked` or `declined` stop at `seek_consent_first`."""
    assert run(consent="partly", candidates=[lead()])["recommendation"] == "agree_at_taf"


def test_nobody_eligible_means_no_suitable_candidate() -> None:
    """`no_suitable_candidate` | at least one candidate is listed and none is eligible | A.
    "not eligible if the family objects or the relationship is poor" """
    result = run(candidates=[lead(family_view="objects"), lead("gp", relationship="poor")])
    assert result["recommendation"] == "no_suitable_candidate" and "A" in sources(result)
    assert result["suggested_candidate"] is None
    assert {"contact_support_coordinators", "seek_child_views"} <= actions(result)
    assert [c["eligible"] for c in result["candidates"]] == [False, False]
    assert all(c["reasons"] for c in result["candidates"]), "every candidate gets reasons"


def test_otherwise_agree_at_taf_with_the_best_candidate() -> None:
    """`agree_at_taf` | otherwise: convene a TAF, agree the lead there with the family;
    `suggested_candidate` is the best eligible one | A, B"""
    result = run(candidates=[lead("health_visitor"), lead(family_view="preferred")])
    assert result["recommendation"] == "agree_at_taf" and result["suggested_candidate"] == 1
    assert {"A", "B"} <= sources(result)
    assert {"convene_taf", "explain_role_limits", "seek_child_views",
            "record_decision"} <= actions(result)


def test_empty_list_gives_agree_at_taf_without_a_suggestion() -> None:
    """"or null when nobody is listed" (change 12: nobody listed is not "nobody suitable")"""
    result = run(candidates=[])
    assert result["recommendation"] == "agree_at_taf" and result["suggested_candidate"] is None
    assert {"convene_taf", "seek_child_views"} <= actions(result)


def test_no_capacity_is_local_practice() -> None:
    """"or they have no capacity for the role (`LOCAL`: the sources do not mention capacity)" """
    busy = [lead(capacity="no")]
    assert run(candidates=busy)["recommendation"] == "no_suitable_candidate"
    strict = run(NO_LOCAL, candidates=busy)
    assert strict["recommendation"] == "agree_at_taf" and strict["suggested_candidate"] == 0


def test_not_leaving_soon_is_the_first_key() -> None:
    """"1. not leaving soon before leaving soon (`A`...)" """
    result = run(candidates=[lead(family_view="preferred", leaving_soon="yes"),
                             lead("school_nurse", relationship="neutral", main_needs="no")])
    assert result["suggested_candidate"] == 1
    assert "plan_handover_early" not in actions(result)


def test_family_view_then_relationship_then_main_needs() -> None:
    """"2. family prefers > agrees > not asked ... 3. good > neutral relationship ...
    4. works with the main needs" """
    view = run(candidates=[lead(), lead("gp", family_view="preferred", relationship="neutral")])
    assert view["suggested_candidate"] == 1
    rel = run(candidates=[lead(relationship="neutral"), lead("senco", main_needs="no")])
    assert rel["suggested_candidate"] == 1
    needs = run(candidates=[lead(main_needs="no"), lead("gp")])
    assert needs["suggested_candidate"] == 1


def test_ties_keep_the_order_given() -> None:
    """"Ties keep the order given." """
    assert run(candidates=[lead("gp"), lead("senco")])["suggested_candidate"] == 0


def test_only_leavers_eligible_plan_handover_early() -> None:
    """"When the suggested candidate is leaving soon (every eligible candidate is), the outcome
    adds `plan_handover_early`." """
    result = run(candidates=[lead(leaving_soon="yes"), lead("gp", family_view="objects")])
    assert result["suggested_candidate"] == 0 and "plan_handover_early" in actions(result)


def test_ask_family_when_the_suggested_candidate_was_not_asked() -> None:
    """"`ask_family` (when the suggested candidate's `family_view` is `not_asked`)" """
    assert "ask_family" in actions(run(candidates=[lead(family_view="not_asked")]))
    assert "ask_family" not in actions(run(candidates=[lead(), lead(family_view="not_asked")]))


def test_young_person_who_can_consent_is_asked() -> None:
    """"`ask_young_person` (when `young_person_can_consent` is `yes`: their own agreement)" """
    result = run(young_person_can_consent="yes", candidates=[lead()])
    assert {"ask_young_person", "seek_child_views"} <= actions(result)
    assert "ask_young_person" not in actions(run(candidates=[lead()]))


def test_every_child_is_heard_citing_the_profile_source() -> None:
    """Principle 3: "Every complete outcome that is not urgent includes the action
    `seek_child_views` ... (cite `A`, or `B` in the profile whose guidance is B ..., and
    `CA89`)" """
    for profile_id, facts in oracle.FACTS.items():
        cited = {a["code"]: set(a["citations"]) for a in run(profile_id)["actions"]}
        assert {facts["child_voice_source"], "CA89"} <= cited["seek_child_views"], profile_id
    for seed in ("A", "B"):  # each choice is seen
        oracle.authorities_where(lambda facts: facts["child_voice_source"] == seed)


def test_review_interval_only_in_a_profile_that_has_one() -> None:
    """"`review_every_6_8_weeks` (`A`; only in a profile that has a review interval)" """
    for profile_id, facts in oracle.FACTS.items():
        reviewed = "review_every_6_8_weeks" in actions(run(profile_id, candidates=[lead()]))
        assert reviewed == facts["gives_review_interval"], profile_id
    for gives in (True, False):
        oracle.authorities_where(lambda facts: facts["gives_review_interval"] == gives)


def test_every_outcome_records_the_decision() -> None:
    """Principle 6: "Every final outcome includes the action `record_decision` (`IS24` golden
    rule 7)" """
    cited = {a["code"]: set(a["citations"]) for a in run()["actions"]}
    assert "IS24" in cited["record_decision"]
    assert run()["rules_version"] == "2.1.0"


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_each_area_offers_only_its_own_roles(profile_id: str) -> None:
    """RULES.md: a profile without Family Wellbeing practitioners has no
    `family_wellbeing_practitioner`; each area's candidate roles are its oracle table's
    ``roles``; any other role is invalid input."""
    offered = oracle.FACTS[profile_id]["roles"]
    for role in oracle.ROLES:
        if role in offered:
            assert run(profile_id, candidates=[lead(role)])["status"] == "complete", role
        else:
            with pytest.raises(InvalidAnswers):
                run(profile_id, candidates=[lead(role)])


def test_some_area_has_no_family_wellbeing_practitioner() -> None:
    """The test above must see a role refused: an area without Family Wellbeing practitioners."""
    oracle.authorities_where(lambda facts: "family_wellbeing_practitioner" not in facts["roles"])


@pytest.mark.parametrize(("old", "field"), [({"social_care": "child_in_need"}, "social_care"),
                                            ({"young_person_view": "yes"}, "young_person_view")])
def test_renamed_ids_are_refused(old: dict[str, str], field: str) -> None:
    """"1.0's `child_in_need` is renamed `referral_accepted`"; "Renamed from 1.0's
    `young_person_view`"; the API stays strict: it accepts only current ids."""
    answers = dict(BASE, **old)
    if field == "young_person_view":
        del answers["young_person_can_consent"]
    with pytest.raises(InvalidAnswers) as caught:
        evaluate("who-should-lead", answers)
    assert field in str(caught.value)


@pytest.mark.parametrize(
    ("answers", "recommendation"),
    [
        ({"harm": "yes"}, "safeguarding_first"),
        ({"harm": "unsure"}, "safeguarding_first"),
        ({"social_care": "child_protection"}, "social_worker_leads"),
        ({"social_care": "referral_pending"}, "await_hub_decision"),
        ({"social_care": "referral_accepted"}, "social_care_allocates"),
        ({"existing_plan": "yes"}, "join_existing_plan"),
        ({"services": "one"}, "single_service"),
        ({"consent": "declined"}, "seek_consent_first"),
    ],
)
def test_no_ranking_beside_an_outcome_that_is_not_about_the_practitioners(
    answers: dict[str, str], recommendation: str
) -> None:
    """Issue 12: "no ranking on outcomes where practitioners do not count". A ranked list under
    "follow safeguarding procedures" reads as a choice to make now; it is not."""
    result = run(candidates=[lead(), lead("gp", capacity="no")], **answers)
    assert result["recommendation"] == recommendation
    assert result["candidates"] == [] and result["suggested_candidate"] is None


def test_the_ranking_stays_where_the_practitioners_decide() -> None:
    """`agree_at_taf` suggests one of them, and "nobody listed can lead" explains each."""
    suggested = run(candidates=[lead(), lead("gp", capacity="no")])
    assert suggested["recommendation"] == "agree_at_taf" and len(suggested["candidates"]) == 2
    nobody = run(candidates=[lead(relationship="poor")])
    assert nobody["recommendation"] != "agree_at_taf" and len(nobody["candidates"]) == 1


# Rules 2.1

WHERE_SAFE = ("seek_consent", "convene_taf", "consult_family", "confirm_wishes",
              "discuss_referral_with_family", "agree_at_taf", "agree_closure_with_family",
              "ask_family", "ask_young_person", "revisit_consent", "revisit_consent_at_review",
              "introduce_new_lead", "address_concerns", "offer_different_lead",
              "review_non_engagement")
"""Principle 7: "every action that asks a practitioner to seek agreement, consult, inform or
meet the family says "where it is safe"; the list is exhaustive", written out here."""


def _every_action_text() -> dict[str, set[str]]:
    """Every action's text as the profiles show it, from every rule of every tool."""
    from lp_rules import TOOL_IDS, get_tool, load_profile
    found: dict[str, set[str]] = {}
    for profile_id in PROFILE_IDS:
        terms = load_profile(profile_id).terms()
        for tool_id in TOOL_IDS:
            for rule in get_tool(tool_id).rules:
                for step in rule.steps:
                    found.setdefault(step.action.code, set()).add(step.action.text.format(**terms))
    return found


def test_every_action_that_contacts_the_family_says_where_it_is_safe() -> None:
    texts = _every_action_text()
    assert set(WHERE_SAFE) <= texts.keys(), set(WHERE_SAFE) - texts.keys()
    for code in WHERE_SAFE:
        for text in texts[code]:
            assert "where it is safe" in text.lower(), (code, text)


def test_safety_is_asked_right_after_harm_is_no() -> None:
    """Principle 7: "Every tool asks, right after `harm` is `no`, the question `safety`"."""
    for tool in ("who-should-lead", "change-lead", "consent-withdrawn"):
        assert evaluate(tool, {"harm": "no"})["next"][0] == "safety"
        assert "safety" not in evaluate(tool, {"harm": "yes"})["next"]


@pytest.mark.parametrize("safety", ["yes", "unsure"])
def test_a_safety_concern_puts_safe_contact_planning_first(safety: str) -> None:
    """Principle 7: "On `yes` or `unsure`, every complete outcome that is not urgent adds
    `plan_safe_contact` and `talk_to_dsl`, and shows `plan_safe_contact` first among its
    actions"."""
    for answers in ({}, {"existing_plan": "yes"}, {"services": "one"},
                    {"social_care": "child_protection"}, {"consent": "declined"},
                    {"candidates": [lead(relationship="poor")]}, {"candidates": [lead()]}):
        result = run(safety=safety, **answers)
        codes = [a["code"] for a in result["actions"]]
        assert result["status"] == "complete" and not result["urgent"]
        assert codes[0] == "plan_safe_contact" and "talk_to_dsl" in codes, codes
    assert "plan_safe_contact" not in actions(run(safety="no"))
    assert "plan_safe_contact" not in actions(evaluate("who-should-lead", {"harm": "yes",
                                                                         "safety": safety}))


def test_plan_safe_contact_says_what_principle_7_says_and_cites_it() -> None:
    """`plan_safe_contact`: talk to your DSL today, before any contact; consider `harm` again
    (CA89 s31(9); DAA21 s3); DASH or MARAC (LOCAL: the area's own route where the profile has
    one); never seek the agreement of, share plans or whereabouts with, or hold a joint meeting
    with a person who may be harming; meet separately; protect identities (IS24 golden rule
    5)."""
    for profile_id in PROFILE_IDS:
        action = next(a for a in run(local_on(profile_id), safety="unsure")["actions"]
                      if a["code"] == "plan_safe_contact")
        text = action["text"]
        for words in ("designated safeguarding lead today", "before any contact",
                      "I'm not sure", "31(9)", "Domestic Abuse Act 2021 section 3", "DASH",
                      "MARAC", "Never seek the agreement of", "whereabouts",
                      "joint meeting", "separately", "identities"):
            assert words.lower() in text.lower(), words
        assert {"CA89", "DAA21", "IS24", "LOCAL"} <= set(action["citations"])
        anchors = {s["url"].split("#")[1] for s in action["sources"]}
        assert {"domestic-abuse", "safe-contact"} <= anchors
        assert "{" not in text


def test_plan_safe_contact_stays_when_local_practice_is_off() -> None:
    """A principle, so it stays where the guidance is silent; only its LOCAL citation goes."""
    result = run(NO_LOCAL, safety="yes", candidates=[lead(capacity="no")])
    codes = [a["code"] for a in result["actions"]]
    assert codes[0] == "plan_safe_contact" and "talk_to_dsl" in codes
    assert "LOCAL" not in result["actions"][0]["citations"]


@pytest.mark.parametrize("candidates", [[], "poor"])
def test_partial_agreement_involves_only_the_services_agreed(candidates: Any) -> None:
    """`agree_at_taf` ... "When `consent` is `partly`, add `involve_agreed_services_only`" and
    `no_suitable_candidate` "(2.1: with `involve_agreed_services_only` when `consent` is
    `partly`, as on `agree_at_taf`)" | IS24 golden rules 3 and 6."""
    listed = [lead(relationship="poor")] if candidates == "poor" else []
    result = run(consent="partly", candidates=listed)
    assert result["recommendation"] == ("no_suitable_candidate" if listed else "agree_at_taf")
    action = next(a for a in result["actions"] if a["code"] == "involve_agreed_services_only")
    assert {"IS24", "CONF", "DPA"} <= set(action["citations"])  # principle 9: it says share
    assert "only the services they agreed" in action["text"] and "lawful basis" in action["text"]
    assert "involve_agreed_services_only" not in actions(run(candidates=listed))


def test_principle_8_an_area_borrowing_source_a_says_first_its_guidance_does_not_cover_it() -> None:
    """Principle 8: where the profile's own source says nothing and the rule rests on the other
    authority's guidance, "the outcome says first, in plain words, that this area's guidance
    does not cover it, then labels the other guidance as another area's practice".
    no_suitable_candidate cites A and LOCAL (not B)."""
    for profile_id in oracle.authorities_where(lambda facts: facts["borrowed_source"] == "A"):
        result = run(profile_id, candidates=[lead(relationship="poor")])
        assert result["recommendation"] == "no_suitable_candidate"
        assert result["summary"].startswith(oracle.own_guidance_silent(profile_id)), profile_id
    for profile_id in oracle.authorities_where(lambda facts: facts["own_source"] == "A"):
        result = run(profile_id, candidates=[lead(relationship="poor")])
        assert not oracle.opens_with_own_silence(profile_id, result["summary"])
    # An outcome that rests on the area's own guidance (join_existing_plan cites B) reads as it is.
    for profile_id in oracle.authorities_where(lambda facts: facts["own_source"] == "B"):
        assert not oracle.opens_with_own_silence(profile_id, run(profile_id, existing_plan="yes")["summary"])
