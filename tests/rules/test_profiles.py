"""Local terms come from the profile; a profile without a detail never shows an invented one;
local practice (LOCAL) is marked as such and can be switched off."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from lp_rules import DEFAULT_PROFILE, PROFILE_IDS, evaluate, load_profile, schema

from . import oracle

LEAVING = {"harm": "no", "safety": "no", "event": "lead_leaving", "family_agrees": "yes", "successor": "no",
           "changes_so_far": "none", "consent_covers_successor": "yes"}
AGREE = {"harm": "no", "safety": "no", "social_care": "none", "existing_plan": "no", "services": "several",
         "consent": "agreed", "young_person_can_consent": "no", "candidates": []}


def _complete_assessment(profile_id: str) -> dict[str, str]:
    answers = dict(AGREE, candidates=[dict(role="gp", relationship="good", family_view="agrees",
                                           main_needs="yes", capacity="yes", leaving_soon="no")])
    return {a["code"]: a["text"] for a in evaluate("who-should-lead", answers, profile_id)["actions"]}


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_each_area_shows_its_own_terms(profile_id: str) -> None:
    """Each area's front door, support contact, assessment and review interval, as its oracle
    table writes them from its guidance; where it gives none, the plain "ask locally" words."""
    facts = oracle.FACTS[profile_id]
    urgent = json.dumps(evaluate("who-should-lead", {"harm": "yes"}, profile_id))
    assert (facts["front_door"] or "your local children's social care front door") in urgent
    judgement = evaluate("change-lead", LEAVING, profile_id)["judgement"]
    assert (facts["support_contact"] or "your local early help team") in judgement
    texts = _complete_assessment(profile_id)
    assert facts["assessment"] in texts["complete_assessment"]
    if facts["review_interval"]:
        assert facts["review_interval"] in texts["review_every_6_8_weeks"]
    else:
        assert "review_every_6_8_weeks" not in texts, "its guidance gives no review interval"


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_no_area_shows_another_areas_details(profile_id: str) -> None:
    """No question of one area gives another area's names, services or contacts (each area's
    oracle table lists them, from its guidance), nor a name no site may show. Its outcomes are
    checked for the same words on every answer set the page reaches, in every build, by the
    shared pass (tests/rules/test_principles.py::test_outcomes_name_no_other_areas_service:
    this test checked every 7th full combination again, with a weaker match)."""
    others = [word for other, facts in oracle.FACTS.items() if other != profile_id
              for word in facts["own_terms"] + facts["own_contacts"]]
    never = [word for facts in oracle.FACTS.values() for word in facts["never_named"]]
    assert others, "the other areas' tables list some details, or this test checks nothing"
    schema_text = json.dumps(schema(profile_id))
    for title in oracle.TITLES.values():
        schema_text = schema_text.replace(title, "")
    for word in others + never:
        assert word not in schema_text, word


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_profiles_load_and_fill_every_placeholder(profile_id: str) -> None:
    profile = load_profile(profile_id)
    assert profile.id == profile_id
    # The placeholders left for the page are its own, never a profile's term: {n}, a
    # practitioner's number (errors, the practitioner editor's words), and in the editor's words
    # {title}, a card's title, and {<field id>}, that answer's label ("Practitioner {n}: {role}").
    # The page's own words (data["words"]) hold the placeholders its scripts fill in, each
    # checked against the script that fills it by tests/rules/test_page_words.py.
    data = schema(profile_id)
    fields = {f["id"] for t in data["tools"] for q in t["questions"] for f in q.get("fields", [])}
    outside_words = {k: v for k, v in data.items() if k != "words"}
    left = set(re.findall(r"\{([a-z_]+)\}", json.dumps(outside_words)))
    assert left <= {"n", "title"} | fields, left - {"n", "title"} - fields
    everywhere = set(re.findall(r"\{([a-z_]+)\}", json.dumps(data)))
    assert not everywhere & set(profile.terms()), "a profile's term was left unfilled"


def test_local_practice_is_labelled_as_such() -> None:
    result = evaluate("change-lead", dict(LEAVING, event="needs_met"))
    assert [c["source"] for c in result["citations"]][0] == "LOCAL"
    assert "local practice" in result["summary"]


def test_local_practice_can_be_switched_off() -> None:
    strict = replace(load_profile(DEFAULT_PROFILE), local_practice=False)
    closed = evaluate("change-lead", dict(LEAVING, event="needs_met"), profile=strict)
    assert closed["recommendation"] == "guidance_silent"
    assert "does not cover" in closed["title"]
    assert [a["code"] for a in closed["actions"]] == [
        "seek_child_views", "contact_support_coordinators", "record_decision"]
    leaving = evaluate("change-lead", LEAVING, profile=strict)
    assert leaving["recommendation"] == "change_lead"
    assert all(c["source"] != "LOCAL" for c in leaving["citations"])
    assert all(a["citations"] and "LOCAL" not in a["citations"] for a in leaving["actions"])
    assert "update_records" not in [a["code"] for a in leaving["actions"]]


# Rules 2.1

def test_principle_8_follows_what_an_outcome_rests_on_not_a_field_or_the_id() -> None:
    """Principle 8, from the outcome's own citations: an outcome resting on another area's
    guidance alone says first that this area's guidance does not cover it, whether or not the
    profile records that guidance as one it relies on (``borrowed_source``: a new area relies
    on both seeds' guidance, and an outcome resting on either must not read as its own)."""
    for profile_id in oracle.authorities_where(lambda facts: facts["own_source"] == "A"):
        profile = load_profile(profile_id)
        joined = dict(AGREE, existing_plan="yes")  # join_existing_plan cites B only
        for relying in (profile, replace(profile, borrowed_source="")):
            summary = evaluate("who-should-lead", joined, relying)["summary"]
            assert summary.startswith(oracle.own_guidance_silent(profile_id)), summary
        # An outcome citing this area's own guidance (single_service: A and B) is not prefixed.
        assert not oracle.opens_with_own_silence(profile_id, evaluate(
            "who-should-lead", dict(AGREE, services="one"), profile)["summary"])


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_local_practice_off_says_the_guidance_is_silent_without_the_other_areas_label(
        profile_id: str) -> None:
    strict = replace(load_profile(profile_id), local_practice=False)
    closed = evaluate("change-lead", dict(LEAVING, event="needs_met"), profile=strict)
    assert closed["recommendation"] == "guidance_silent"
    # Said from the area's own data (issue 22): its guidance, by the oracle's name for it.
    assert closed["summary"].startswith(
        f"{oracle.FACTS[profile_id]['guidance_name']} does not say what to do here"), closed["summary"]
    assert "Neither source document" not in closed["summary"]


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_stepping_up_says_keep_supporting_only_where_local_practice_is_used(profile_id: str) -> None:
    """Keeping support going until the front door decides is local practice (RULES.md, step_up:
    LOCAL): where an area turns local practice off, nothing in the outcome says it or labels
    anything local practice; where it is on, the action says it, cited LOCAL."""
    profile = load_profile(profile_id)
    escalated = dict(LEAVING, event="needs_escalated")
    for local in (True, False):
        result = evaluate("change-lead", escalated, profile=replace(profile, local_practice=local))
        assert result["recommendation"] == "step_up"
        keep = [a for a in result["actions"] if a["code"] == "keep_supporting_until_decision"]
        sources = {c["source"] for c in result["citations"]}
        if local:
            assert keep and "LOCAL" in sources
        else:
            assert not keep and "LOCAL" not in sources
            assert "local practice" not in result["summary"].lower(), result["summary"]


@pytest.mark.parametrize("field,value", [("own_source", "C"), ("borrowed_source", "A"),
                                         ("borrowed_source", "LOCAL")])
def test_a_profile_naming_an_impossible_source_is_refused(field: str, value: str) -> None:
    import tomllib
    from importlib import resources
    from lp_rules.profiles import _from_toml
    own_a = oracle.authorities_where(lambda facts: facts["own_source"] == "A")[0]
    text = resources.files("lp_rules").joinpath(f"authorities/{own_a}/profile.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    data[field] = value  # ("borrowed_source", "A"): its own
    with pytest.raises(ValueError, match=field):
        _from_toml(data)


def test_no_profile_names_a_domestic_abuse_route_it_does_not_have() -> None:
    """Principle 7: "(`LOCAL`: name the area's own route where the profile has one)"; neither
    source names one, so the action points to the safeguarding lead and, where the area uses
    local practice, says it is local; where it does not, it says nothing of local practice (the
    national page's domestic abuse section says routes are set locally: ask the DSL)."""
    for profile_id in PROFILE_IDS:
        profile = load_profile(profile_id)
        assert profile.domestic_abuse_route == ""
        for local in (True, False):
            text = replace(profile, local_practice=local).domestic_abuse_route_text
            assert "designated safeguarding lead" in text
            assert ("local practice" in text) is local, text
    named = replace(load_profile(DEFAULT_PROFILE), domestic_abuse_route="Use the Example MARAC form.")
    result = evaluate("change-lead", dict(LEAVING, safety="yes"), named)
    assert "Use the Example MARAC form." in result["actions"][0]["text"]


@pytest.mark.parametrize("shown,problem", [
    (lambda own, other: [other, own], "starts with another authority"),
    (lambda own, other: [own, "nowhere-at-all"], "names an authority with no folder"),
    (lambda own, other: [own, other, other], "names one twice"),
    (lambda own, other: [], "is empty"),
])
def test_guidance_shown_must_start_with_the_own_authority_and_name_real_folders(shown, problem) -> None:
    """A site shows its own guidance first, then only guidance an authority folder holds."""
    import tomllib
    from lp_rules.profiles import FOLDERS, _from_toml
    own, other = PROFILE_IDS[0], PROFILE_IDS[1]
    data = tomllib.loads(FOLDERS[own].joinpath("profile.toml").read_text(encoding="utf-8"))
    data["guidance_shown"] = shown(own, other)
    with pytest.raises(ValueError, match="guidance_shown"):
        _from_toml(data)


def test_a_profile_without_guidance_shown_shows_only_its_own() -> None:
    import tomllib
    from lp_rules.profiles import FOLDERS, _from_toml, guidance_shown
    own = PROFILE_IDS[0]
    data = tomllib.loads(FOLDERS[own].joinpath("profile.toml").read_text(encoding="utf-8"))
    data.pop("guidance_shown", None)
    assert _from_toml(data).guidance_shown == (own,)
    for profile_id in PROFILE_IDS:
        assert guidance_shown(profile_id)[0] == profile_id
