"""RULES.md's principles, checked on every path: every combination of every tool's answers, in
both profiles, with local practice on and off.

These are the controls the hazard log (hazard-log.toml) names: each test here is a promise to
a designated safeguarding lead that a kind of wrong advice cannot be given on any path.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import cache
from typing import Any, Iterator

from lp_rules import PROFILE_IDS, Profile, evaluate, get_tool, load_profile
from lp_rules.bridge import handle

from .conftest import all_full_answers

TOOLS = ("who-should-lead", "change-lead", "consent-withdrawn")
GOOD = dict(role="teacher", relationship="good", family_view="preferred", main_needs="yes",
            capacity="yes", leaving_soon="no")
CANDIDATE_LISTS: tuple[list[dict[str, str]], ...] = (
    [],
    [GOOD],
    [dict(GOOD, family_view="not_asked", leaving_soon="yes")],
    [dict(GOOD, family_view="objects"), dict(GOOD, capacity="no")],
)
URGENT_CODES = {"safeguarding_first", "safeguarding_referral", "seek_safeguarding_advice"}


def profiles() -> Iterator[Profile]:
    """Both authorities, each with local practice on and off."""
    for profile_id in PROFILE_IDS:
        profile = load_profile(profile_id)
        yield profile
        yield replace(profile, local_practice=False)


@cache
def outcomes() -> tuple[tuple[str, dict[str, Any], Profile, dict[str, Any]], ...]:
    """(tool, answers, profile, result) for every full combination: computed once."""
    found = []
    for profile in profiles():
        for tool in TOOLS:
            for answers in all_full_answers(tool):
                lists = CANDIDATE_LISTS if tool == "who-should-lead" else (None,)
                for listed in lists:
                    full = answers if listed is None else dict(answers, candidates=listed)
                    found.append((tool, full, profile, evaluate(tool, full, profile, explain=True)))
    return tuple(found)


def texts(result: dict[str, Any]) -> list[str]:
    """Everything a practitioner reads in an outcome."""
    return [result["title"], result["summary"], result["judgement"], *result["reasons"],
            *(a["text"] for a in result["actions"]),
            *(f'Not "{w["title"]}": {w["because"]}' for w in result["why_not"]),
            *(f'If it were {c["answer"]}: {c["title"]}' for c in result["what_would_change"])]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?:;])\s+", text) if s]


def test_every_path_is_checked() -> None:
    assert len(outcomes()) > 4 * (384 * len(CANDIDATE_LISTS) + 1782 + 864)
    assert all(r["status"] == "complete" for *_, r in outcomes())


def test_no_text_ties_sharing_without_consent_to_significant_harm() -> None:
    """Principle 2 (IS24 golden rule 3): the bar is risk or perceived risk of harm."""
    for tool, answers, profile, result in outcomes():
        for sentence in (s for t in texts(result) for s in sentences(t)):
            lowered = sentence.lower()
            if "shar" in lowered and ("consent" in lowered or "agree" in lowered):
                assert "significant harm" not in lowered, (tool, answers, profile.id, sentence)


def test_the_sharing_texts_state_the_actual_threshold() -> None:
    """The control above could pass on silence: the outcomes must also say the real bar."""
    share = [a["text"] for *_, r in outcomes() for a in r["actions"]
             if a["code"] in ("share_when_necessary", "share_without_consent")]
    assert share and all("risk of harm" in text for text in share)


DO_NOT_SHARE = re.compile(r"\b(do not|don't|must not|never|not to|cannot)\s+share", re.I)


def test_no_non_urgent_outcome_tells_practitioners_not_to_share() -> None:
    for tool, answers, profile, result in outcomes():
        if result["urgent"]:
            continue
        for text in texts(result):
            assert not DO_NOT_SHARE.search(text), (tool, answers, profile.id, text)


def test_the_not_to_share_check_can_fail() -> None:
    assert DO_NOT_SHARE.search("Carry on, and do not share what they refused.")


def test_every_non_urgent_outcome_seeks_child_views_and_records_the_decision() -> None:
    for tool, answers, profile, result in outcomes():
        codes = [a["code"] for a in result["actions"]]
        assert "record_decision" in codes, (tool, answers, profile.id)
        if result["urgent"]:
            assert "seek_child_views" not in codes, "nothing may delay an urgent outcome"
        else:
            assert "seek_child_views" in codes, (tool, answers, profile.id)
            views = next(a for a in result["actions"] if a["code"] == "seek_child_views")
            assert "CA89" in views["citations"]
            assert ("A" if profile.child_voice == "A" else "B") in views["citations"]


def test_urgent_outcomes_call_999_name_the_front_door_and_point_advice_to_the_dsl() -> None:
    seen = set()
    for tool, answers, profile, result in outcomes():
        assert result["urgent"] == (result["recommendation"] in URGENT_CODES)
        if not result["urgent"]:
            continue
        seen.add(result["recommendation"])
        codes = [a["code"] for a in result["actions"]]
        assert codes[0] == "call_999_if_immediate_danger", (tool, answers)
        everything = " ".join(texts(result))
        assert "999" in everything
        assert "straight away" in everything or re.search(r"\bnow\b", everything)
        for word in ("today", "soon"):
            assert not re.search(rf"\b{word}\b", everything), (tool, word)
        assert profile.front_door_text in everything
        if not profile.front_door_contact:
            assert profile.front_door_finding in everything, "say how to find the front door"
        advice = result["judgement"]
        assert "designated safeguarding lead" in advice and profile.front_door_text in advice
        assert profile.support_text not in advice, "urgent advice never goes to a mailbox"
        for detail in (profile.support_contact, profile.support_email):
            assert not detail or detail not in advice
    assert seen == URGENT_CODES


def test_stop_consent_based_sharing_only_when_the_family_said_no() -> None:
    stopped = 0
    for tool, answers, profile, result in outcomes():
        if "stop_consent_based_sharing" not in [a["code"] for a in result["actions"]]:
            continue
        stopped += 1
        assert tool == "consent-withdrawn" and answers["how"] == "told_us", answers
        assert answers["scope"] in ("all_early_help", "information_sharing"), answers
        assert result["recommendation"] != "parents_agreement_stands"
    assert stopped, "the action exists where the family did say no"


def test_young_persons_refusal_follows_their_competence() -> None:
    expected = {"not_competent": "parents_agreement_stands",
                "gillick_competent": "respect_young_persons_decision",
                "aged_16_17": "respect_young_persons_decision"}
    for tool, answers, profile, result in outcomes():
        if tool != "consent-withdrawn" or answers["harm"] != "no":
            continue
        if answers["who"] == "young_person" and profile.local_practice:
            assert result["recommendation"] == expected[answers["competence"]], answers
        if answers["who"] == "young_person":
            assert result["recommendation"] not in ("continue_universal_support",
                                                    "continue_agreed_parts")


def test_local_practice_is_labelled_and_can_be_switched_off() -> None:
    """A rule resting on LOCAL says so in its summary; with local practice off, nothing cites
    LOCAL and a rule resting only on it becomes 'the guidance does not cover this'."""
    for tool in TOOLS:
        for rule in get_tool(tool).rules:
            if "LOCAL" in {getattr(c, "source", "") for c in rule.citations}:
                assert "local practice" in rule.summary.lower(), (tool, rule.code)
    silent = 0
    for tool, answers, profile, result in outcomes():
        if profile.local_practice:
            continue
        assert "LOCAL" not in {c["source"] for c in result["citations"]}, (tool, answers)
        assert all(a["citations"] and "LOCAL" not in a["citations"] for a in result["actions"])
        silent += result["recommendation"] == "guidance_silent"
    assert silent, "close_plan rests only on local practice, so it falls silent"


MERTON_ONLY = ("Children and Families Hub", "Family Wellbeing", "Early Help Support Coordinators",
               "FSD@merton", "Merton", "6 to 8 weeks", "Early Help Assessment", "EHA",
               "Gloucestershire County Council")


def test_graduated_pathway_outcomes_name_no_merton_service() -> None:
    checked = 0
    for tool, answers, profile, result in outcomes():
        if profile.id != "graduated-pathway":
            continue
        # Source A may be cited on this site, under its own title (Merton's guidance); what
        # must never happen is a Merton service or detail given as this area's advice.
        shown = " ".join(texts(result) + [c["section"] for c in result["citations"]])
        for word in MERTON_ONLY:
            assert word not in shown, (tool, answers, word)
        checked += 1
    assert checked


def test_every_record_states_rules_version_profile_and_date() -> None:
    for profile_id in PROFILE_IDS:
        for tool, answers in (("consent-withdrawn", {"harm": "yes"}),
                              ("change-lead", {"harm": "no", "event": "absence_short"})):
            reply = json.loads(handle(json.dumps({"tool": tool, "answers": answers,
                                                  "profile": profile_id, "date": "2026-11-25"})))
            record = reply["record"]
            assert "Rules version: 2.0.0" in record
            assert f"({profile_id})" in record
            assert "Date: 2026-11-25" in record
