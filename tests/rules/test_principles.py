"""RULES.md's principles, checked on every path of the shared pass (tests/rules/space.py):
every complete outcome the page can reach by asking, and every combination of every tool's
answers, in both profiles, with local practice on and off.

These are the controls the hazard log (hazard-log.toml) names: each test here is a promise to
a designated safeguarding lead that a kind of wrong advice cannot be given on any path.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from lp_rules import PROFILE_IDS, get_tool
from lp_rules.bridge import handle

from . import oracle, space

TOOLS = space.TOOLS
URGENT_CODES = {"safeguarding_first", "safeguarding_referral", "seek_safeguarding_advice"}
OUTCOMES = ("asked", "full")
"""Every complete outcome: the ones the page reaches by asking, and every full combination."""


@cache
def sentences(text: str) -> tuple[str, ...]:
    """A text's sentences (remembered: most texts recur on thousands of paths)."""
    return tuple(s for s in re.split(r"(?<=[.!?:;])\s+", text) if s)


@space.check("asking", "asked", "full")
def reaches_an_outcome(path: space.Path) -> str:
    """The walk's own bookkeeping: every full path is complete; tallies the kind of path."""
    if path.kind == "full":
        assert path.result["status"] == "complete", path.result["next"]
    return path.kind


@space.each_build
def test_every_path_is_checked(build: space.Build) -> None:
    """Every combination of answers, exactly: the counts come from the contract's option counts
    (space.size), not from the package; every answer set the page can reach, too."""
    space.assert_held(build, reaches_an_outcome)
    found = space.findings(build)
    for tool in TOOLS:
        assert found.paths[("full", tool)] == space.checked_size(tool, build), tool
        assert found.paths[("asked", tool)] and found.paths[("asking", tool)], tool


def _codes(result: dict[str, Any]) -> list[str]:
    return [a["code"] for a in result["actions"]]


def _flags_codes_and_texts(path: space.Path) -> tuple[Any, ...]:
    """What the checks of urgency and of "do not share" read (``space.check``'s ``reads``):
    the outcome's urgency, recommendation, action codes and every text (judgement included)."""
    r = path.result
    return r["urgent"], r["recommendation"], tuple(_codes(r)), space.shown(path)


@cache
def ties_sharing_to_significant_harm(sentence: str) -> bool:
    lowered = sentence.lower()
    return ("shar" in lowered and ("consent" in lowered or "agree" in lowered)
            and "significant harm" in lowered)


@space.check(*OUTCOMES, reads=space.shown)
def sharing_without_consent_is_not_tied_to_significant_harm(path: space.Path) -> None:
    for text in path.texts:
        for sentence in sentences(text):
            assert not ties_sharing_to_significant_harm(sentence), sentence


@space.each_build
def test_no_text_ties_sharing_without_consent_to_significant_harm(build: space.Build) -> None:
    """Principle 2 (IS24 golden rule 3): the bar is risk or perceived risk of harm."""
    space.assert_held(build, sharing_without_consent_is_not_tied_to_significant_harm)


@space.check(*OUTCOMES)
def sharing_texts(path: space.Path) -> list[str]:
    """Tallies whether each sharing action's text states the real bar."""
    return [("states" if "risk of harm" in a["text"] else "silent")
            for a in path.result["actions"]
            if a["code"] in ("share_when_necessary", "share_without_consent")]


@space.each_build
def test_the_sharing_texts_state_the_actual_threshold(build: space.Build) -> None:
    """The control above could pass on silence: the outcomes must also say the real bar."""
    said = space.assert_held(build, sharing_texts)
    assert said["states"] and not said["silent"], said


DO_NOT_SHARE = re.compile(r"\b(do not|don't|must not|never|not to|cannot)\s+share", re.I)


@cache
def says_do_not_share(text: str) -> bool:
    return DO_NOT_SHARE.search(text) is not None


@space.check(*OUTCOMES, reads=_flags_codes_and_texts)
def non_urgent_outcomes_never_say_do_not_share(path: space.Path) -> None:
    """(Principle 7's plan_safe_contact tells a practitioner not to share plans or whereabouts
    with a possible abuser: that is not the "do not share" principle 2 forbids.)"""
    if path.result["urgent"]:
        return
    safe_contact = {a["text"] for a in path.result["actions"] if a["code"] == "plan_safe_contact"}
    for text in path.texts:
        assert text in safe_contact or not says_do_not_share(text), text


@space.each_build
def test_no_non_urgent_outcome_tells_practitioners_not_to_share(build: space.Build) -> None:
    space.assert_held(build, non_urgent_outcomes_never_say_do_not_share)


def test_the_not_to_share_check_can_fail() -> None:
    assert DO_NOT_SHARE.search("Carry on, and do not share what they refused.")


@space.check(*OUTCOMES)
def child_views_and_record(path: space.Path) -> None:
    result, profile = path.result, path.build.profile
    codes = _codes(result)
    assert "record_decision" in codes, "no record_decision"
    if result["urgent"]:
        assert "seek_child_views" not in codes, "nothing may delay an urgent outcome"
        return
    assert "seek_child_views" in codes, "no seek_child_views"
    views = next(a for a in result["actions"] if a["code"] == "seek_child_views")
    assert "CA89" in views["citations"], views["citations"]
    assert ("A" if profile.child_voice == "A" else "B") in views["citations"], views["citations"]


@space.each_build
def test_every_non_urgent_outcome_seeks_child_views_and_records_the_decision(
        build: space.Build) -> None:
    space.assert_held(build, child_views_and_record)


@space.check(*OUTCOMES)
def points_to_the_support_contact(path: space.Path) -> str:
    """Principle 5: every outcome that is not urgent supports judgement and points to the
    profile's support contact; tallies the outcomes checked."""
    result, profile = path.result, path.build.profile
    if result["urgent"]:
        return "urgent"
    assert profile.support_text in result["judgement"], result["judgement"]
    return "checked"


@space.each_build
def test_every_non_urgent_outcome_points_to_the_support_contact(build: space.Build) -> None:
    assert space.assert_held(build, points_to_the_support_contact)["checked"]


@space.check(*OUTCOMES, reads=_flags_codes_and_texts)
def urgent_outcomes_act_now(path: space.Path) -> str | None:
    """Tallies the urgent recommendations seen."""
    result, profile = path.result, path.build.profile
    assert result["urgent"] == (result["recommendation"] in URGENT_CODES), result["recommendation"]
    if not result["urgent"]:
        return None
    assert _codes(result)[0] == "call_999_if_immediate_danger", _codes(result)
    everything = " ".join(path.texts)
    assert "999" in everything
    assert "straight away" in everything or re.search(r"\bnow\b", everything)
    for word in ("today", "soon"):
        assert not re.search(rf"\b{word}\b", everything), word
    assert profile.front_door_text in everything, "no front door"
    if not profile.front_door_contact:
        assert profile.front_door_finding in everything, "say how to find the front door"
    advice = result["judgement"]
    assert "designated safeguarding lead" in advice and profile.front_door_text in advice, advice
    assert profile.support_text not in advice, "urgent advice never goes to a mailbox"
    for detail in (profile.support_contact, profile.support_email):
        assert not detail or detail not in advice, detail
    return str(result["recommendation"])


@space.each_build
def test_urgent_outcomes_call_999_name_the_front_door_and_point_advice_to_the_dsl(
        build: space.Build) -> None:
    seen = space.assert_held(build, urgent_outcomes_act_now)
    assert set(seen) == URGENT_CODES


@space.check(*OUTCOMES)
def stops_consent_based_sharing_only_on_a_no(path: space.Path) -> str | None:
    if "stop_consent_based_sharing" not in _codes(path.result):
        return None
    answers = path.answers
    assert path.tool == "consent-withdrawn" and answers["how"] == "told_us", "not told us"
    assert answers["scope"] in ("all_early_help", "information_sharing"), answers["scope"]
    assert path.result["recommendation"] not in oracle.AGREEMENT_STANDS, "an agreement stands"
    assert not path.result["urgent"], "urgent"
    return "stopped"


@space.each_build
def test_stop_consent_based_sharing_only_when_the_family_said_no(build: space.Build) -> None:
    stopped = space.assert_held(build, stops_consent_based_sharing_only_on_a_no)
    assert stopped, "the action exists where the family did say no"
    # and never where an agreement still stands (RULES.md, consent-withdrawn's actions)


YOUNG_PERSON = {"not_competent": "parents_agreement_stands",
                "gillick_competent": "respect_young_persons_decision",
                "aged_16_17": "respect_young_persons_decision"}


@space.check(*OUTCOMES)
def young_persons_refusal_follows_competence(path: space.Path) -> str | None:
    answers, result = path.answers, path.result
    if path.tool != "consent-withdrawn" or answers["harm"] != "no":
        return None
    if answers["who"] != "young_person":
        return None
    if path.build.local_practice:
        assert result["recommendation"] == YOUNG_PERSON[answers["competence"]]
    assert result["recommendation"] not in ("continue_universal_support", "continue_agreed_parts")
    return "checked"


@space.each_build
def test_young_persons_refusal_follows_their_competence(build: space.Build) -> None:
    assert space.assert_held(build, young_persons_refusal_follows_competence, ["consent-withdrawn"])


def test_rules_resting_on_local_practice_say_so() -> None:
    """A rule resting on LOCAL says so in its summary."""
    for tool in TOOLS:
        for rule in get_tool(tool).rules:
            if "LOCAL" in {getattr(c, "source", "") for c in rule.citations}:
                assert "local practice" in rule.summary.lower(), (tool, rule.code)


@space.check(*OUTCOMES)
def local_practice_switched_off(path: space.Path) -> str | None:
    """With local practice off, nothing cites LOCAL; tallies the outcomes that fall silent."""
    if path.build.local_practice:
        return None
    result = path.result
    assert "LOCAL" not in {c["source"] for c in result["citations"]}, "cites LOCAL"
    assert all(a["citations"] and "LOCAL" not in a["citations"] for a in result["actions"])
    return str(result["recommendation"])


@space.each_build
def test_local_practice_is_labelled_and_can_be_switched_off(build: space.Build) -> None:
    """With local practice off, nothing cites LOCAL and a rule resting only on it becomes 'the
    guidance does not cover this'."""
    test_rules_resting_on_local_practice_say_so()
    seen = space.assert_held(build, local_practice_switched_off)
    if not build.local_practice and space.STRIDE == 1:
        assert seen["guidance_silent"], "close_plan rests only on local practice"


@space.check(*OUTCOMES)
def safe_contact_first(path: space.Path) -> str | None:
    """Principle 7: on `safety` yes or unsure, plan_safe_contact first and talk_to_dsl; on any
    answer, every action that contacts the family says "where it is safe"."""
    result, codes = path.result, _codes(path.result)
    for action in result["actions"]:
        if action["code"] in oracle.CONTACT_ACTIONS:
            assert oracle.WHERE_SAFE in action["text"].lower(), action["code"]
    if "plan_safe_contact" not in codes:
        return None
    assert not result["urgent"], "nothing may delay an urgent outcome"
    assert codes[0] == "plan_safe_contact", codes
    assert "talk_to_dsl" in codes, codes
    return "planned"


@space.each_build
def test_contact_only_where_it_is_safe(build: space.Build) -> None:
    assert space.assert_held(build, safe_contact_first)["planned"]


OWN_GUIDANCE_SILENT = re.compile(r"does not (cover|say)|says nothing|is silent", re.I)


@space.check(*OUTCOMES)
def own_area_first(path: space.Path) -> str | None:
    """Principle 8: an outcome resting on the other authority's guidance, its own being silent,
    says first that this area's guidance does not cover it; no outcome shows the other area's
    contacts. Tallies the borrowed outcomes."""
    result, build = path.result, path.build
    shown = " ".join(path.texts)
    for other_id in PROFILE_IDS:
        if other_id == build.profile_id:
            continue
        other = space.Build(other_id, True).profile
        for detail in (other.front_door, other.front_door_contact, other.support_contact,
                       other.support_email):
            assert not detail or detail not in shown, detail
    code = str(result["recommendation"])
    if code == oracle.SILENT or result["urgent"]:
        return None
    resting_on, _ = oracle.expected_sources(path.tool, path.answers, code, build.profile_id)
    if not oracle.borrowed(build.profile_id, resting_on):
        return None
    first = sentences(result["summary"])[0]
    assert OWN_GUIDANCE_SILENT.search(first), f"{result['recommendation']}: {first}"
    for title in oracle.borrowed_titles(build.profile_id, resting_on):
        assert title in result["summary"], f"{code}: another area's guidance not named: {title}"
    return code


@space.each_build
def test_own_area_guidance_first_and_own_contacts_only(build: space.Build) -> None:
    borrowed = space.assert_held(build, own_area_first)
    assert borrowed, "each profile has outcomes resting on the other area's guidance"


SHARING_ACTIONS = ("share_when_necessary", "share_without_consent", "stop_consent_based_sharing")


@space.check(*OUTCOMES)
def sharing_links_to_the_national_page(path: space.Path) -> None:
    """Principle 9, as far as an outcome shows it: wherever it tells a practitioner to share or
    to stop sharing, the action links to the national-guidance page (which covers
    confidentiality and para 18: tests/site)."""
    for action in path.result["actions"]:
        if action["code"] in SHARING_ACTIONS:
            urls = [s["url"] for s in action["sources"]]
            assert any(u.startswith("safeguarding/") for u in urls), (action["code"], urls)


@space.each_build
def test_sharing_advice_links_to_the_national_guidance(build: space.Build) -> None:
    space.assert_held(build, sharing_links_to_the_national_page)


@cache
def other_areas_details(profile_id: str) -> tuple[str, ...]:
    """Every other area's names, services and contacts (each oracle table lists its own, from
    its guidance), and the names no site may show."""
    return tuple(word for other, facts in oracle.FACTS.items() for word in (
        facts["never_named"] + ([] if other == profile_id else facts["own_terms"] + facts["own_contacts"])))


def _texts_sections_and_titles(path: space.Path) -> tuple[Any, ...]:
    """What names_no_other_areas_service reads: the texts, and the citations' sections and
    titles and the actions' sources' titles."""
    r = path.result
    return (space.shown(path), tuple((c["section"], c.get("title", "")) for c in r["citations"]),
            tuple(s["title"] for a in r["actions"] for s in a["sources"]))


@space.check(*OUTCOMES, reads=_texts_sections_and_titles)
def names_no_other_areas_service(path: space.Path) -> None:
    # Another area's guidance may be cited on this site, under its own title; what must never
    # happen is another area's service or detail given as this area's advice.
    result = path.result
    shown = " ".join(path.texts + [c["section"] for c in result["citations"]])
    # Principle 8 labels another area's guidance by its title: that is not its service.
    titles = {s["title"] for a in result["actions"] for s in a["sources"]}
    for title in titles | {c.get("title", "") for c in result["citations"]}:
        shown = shown.replace(title, "") if title else shown
    for word in other_areas_details(path.build.profile_id):
        assert word not in shown, word


@space.each_build
def test_outcomes_name_no_other_areas_service(build: space.Build) -> None:
    assert other_areas_details(build.profile_id), "nothing to look for: the check would be empty"
    space.assert_held(build, names_no_other_areas_service)


def test_every_record_states_rules_version_profile_and_date() -> None:
    for profile_id in PROFILE_IDS:
        for tool, answers in (("consent-withdrawn", {"harm": "yes"}),
                              ("change-lead", {"harm": "no", "safety": "no", "event": "absence_short"})):
            reply = json.loads(handle(json.dumps({"tool": tool, "answers": answers,
                                                  "profile": profile_id, "date": "2026-11-25"})))
            record = reply["record"]
            assert f"Rules version: {oracle.RULES_VERSION}" in record
            assert f"({profile_id})" in record
            assert "Date: 2026-11-25" in record
