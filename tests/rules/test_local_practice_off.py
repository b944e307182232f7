"""What a new area's site tells practitioners with local practice off (issue 22): the default for
a new authority (``local_practice = false``, contacts empty), checked on the fictional authority
and on the seeds' ``-no-local`` builds, on every path of the shared pass (tests/rules/space.py).

From the contract (RULES.md): ``LOCAL`` is "common practice in other local authorities'
lead-practitioner procedures", which "must be shown as local practice, and be switchable off per
profile". Switched off, an outcome gives only what the sources say, or says the guidance is
silent: so nothing it says may call anything local practice, or lean on it. An area's "ask for
advice" rests on its own route to support (principle 5: "points to the profile's support
contact"), and principle 8 forbids presenting another area's guidance as this area's: so where
the guidance is silent, the outcome cites this area's own Further support, never another's.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from lp_rules import PROFILE_IDS, evaluate, get_tool, load_profile
from lp_rules.engine import presented

from . import oracle, space

SAYS_LOCAL_PRACTICE = re.compile(
    r"local practice|practice (in|of|from) other (areas|authorities)|other areas' practice", re.I)
"""Words that present something as local practice (the LOCAL tag's title is "Local practice
in other authorities"). Principle 8's label of a seed's guidance ("another area's practice
(<its title>)") is not among them: that is guidance, which local practice off keeps."""

LOCAL_ADVICE_TITLES = (
    "Step down: agree the early help lead before social care closes",
    "Not engaging is not saying no: review it by a set date",
)
"""Outcome titles that give local practice's advice (agreeing the lead before social care
closes the case; a review by a set date: both cited LOCAL alone), written out here from the
rules' sources, not read from the package: with local practice off, neither the outcome nor
"why not" may name an outcome by them."""

LOCAL_ADVICE_IN_ACTIONS = ("and any work in their home",)
"""Words of an action that come from other areas' procedures alone (LOCAL_OTHER_PARENT), beside a
source that does not say them (the national page's parental responsibility section)."""

CHECKLISTS_OWN = ("do not investigate", "do not raise the concern with the Lead Practitioner")
"""Protective advice from other areas' procedures about a concern raised about the Lead
Practitioner (LOCAL_CONCERN_ABOUT_LEAD), which the national page's LADO section does not give:
with local practice off it may stay, but only said to be this checklist's own advice."""

SILENT = "guidance_silent"
OFF_BUILDS = [b for b in space.BUILDS if not b.local_practice]
OUTCOMES = ("asked", "full")


def _texts(result: dict[str, object]) -> list[str]:
    """Everything an outcome says: its own texts, its explanation, and each practitioner's
    reasons (who-should-lead's ranking)."""
    texts = [str(result["title"]), str(result["summary"]), str(result["judgement"])]
    texts += [str(r) for r in result["reasons"]]  # type: ignore[attr-defined]
    texts += [a["text"] for a in result["actions"]]  # type: ignore[attr-defined]
    for candidate in result["candidates"]:  # type: ignore[attr-defined]
        texts += [str(r) for r in candidate.get("reasons", ())]
    for why in result.get("why_not", ()):  # type: ignore[attr-defined]
        texts += [why["title"], why["because"], why["sentence"]]
    for change in result.get("what_would_change", ()):  # type: ignore[attr-defined]
        texts += [change["title"], change["sentence"]]
    return texts


_CLEAN: set[str] = set()
"""Texts already found to say nothing of local practice and to name no outcome of
LOCAL_ADVICE_TITLES. An outcome's texts repeat on thousands of paths (its title, its actions,
the same reasons): searching each again was a fifth of a walk with local practice off. A text
that fails is never added, so it fails on every path that shows it."""


def _says_nothing_local(text: str) -> bool:
    """A text neither presents anything as local practice nor names a local-advice outcome."""
    if text in _CLEAN:
        return True
    if SAYS_LOCAL_PRACTICE.search(text) or any(title in text for title in LOCAL_ADVICE_TITLES):
        return False
    _CLEAN.add(text)
    return True


@space.check(*OUTCOMES)
def says_nothing_is_local_practice(path: space.Path) -> str | None:
    """Local practice off: no text of the outcome presents anything as local practice, and its
    citations' sections do not either. Tallies the recommendation."""
    if path.build.local_practice:
        return None
    result = path.result
    for text in _texts(result):
        if _says_nothing_local(text):
            continue
        found = SAYS_LOCAL_PRACTICE.search(text)
        assert not found, f"{result['recommendation']} says {found.group(0)!r}: {text[:160]}"
        title = next(title for title in LOCAL_ADVICE_TITLES if title in text)
        raise AssertionError(f"{result['recommendation']} names an outcome {title!r}")
    for c in result["citations"]:
        assert _says_nothing_local(c["section"]) or not SAYS_LOCAL_PRACTICE.search(c["section"]), c
    for action in result["actions"]:  # type: ignore[attr-defined]
        text = action["text"].lower()
        for words in LOCAL_ADVICE_IN_ACTIONS:
            assert words not in text, f"{action['code']} gives {words!r} as its sources' advice"
        if any(words.lower() in text for words in CHECKLISTS_OWN):
            assert "rather than national guidance" in text, \
                f"{action['code']} gives other areas' advice as national guidance's"
    return str(result["recommendation"])


@pytest.mark.parametrize("build", OFF_BUILDS, ids=[b.id for b in OFF_BUILDS])
def test_with_local_practice_off_no_outcome_says_local_practice(build: space.Build) -> None:
    seen = space.assert_held(build, says_nothing_is_local_practice)
    if space.STRIDE == 1:
        # The outcomes whose own words spoke of local practice (issue 22) are reached and checked.
        assert {"await_hub_decision", "no_suitable_candidate", "report_concern_about_practitioner",
                "step_down_handover", "parents_agreement_stands",
                "respect_young_persons_decision", "continue_with_young_person",
                "continue_with_other_parent", "non_engagement_review", SILENT} <= set(seen)


NOT_BROUGHT = "was not brought to appointments, answer the question on significant harm again"
"""The prompt for a family that stops engaging (other areas' procedures, LOCAL_NON_ENGAGEMENT):
a baby, or a child not seen or not brought to appointments, sends the practitioner back to the
question on significant harm. It protects the child, so it must reach the practitioner whether
local practice is on or off; off, only said to be this checklist's own advice."""


@space.check("asked")
def not_engaging_still_asks_about_harm(path: space.Path) -> str | None:
    """A family that stops engaging: the outcome says, in some text, to answer the question on
    significant harm again for a baby or a child not seen or not brought; with local practice
    off, in words that say it is not national guidance."""
    result = path.result
    if result["recommendation"] != "non_engagement_review":
        return None
    saying = [text for text in _texts(result) if NOT_BROUGHT in text]
    assert saying, f"{path.build.id}: the non-engagement outcome lost the 'not brought' prompt"
    if not path.build.local_practice:
        assert all("rather than national guidance" in text for text in saying), saying
    return "said"


@pytest.mark.parametrize("build", space.BUILDS, ids=[b.id for b in space.BUILDS])
def test_a_family_not_engaging_still_sends_an_unseen_child_back_to_the_harm_question(
        build: space.Build) -> None:
    seen = space.assert_held(build, not_engaging_still_asks_about_harm)
    assert seen["said"], "no path reached the non-engagement outcome"


def silence_rests_on(result: dict[str, Any]) -> list[dict[str, str]]:
    """What a "guidance does not cover this" outcome itself rests on: its citations that no
    action brings (the outcome's own), and the sources of its "ask for advice" action. The
    principles' actions it keeps (the child's views, the record) keep their own citations."""
    brought = [s for a in result["actions"] for s in a["sources"]]
    own = [c for c in result["citations"] if c not in brought]
    ask = [s for a in result["actions"] if a["code"] == "contact_support_coordinators"
           for s in a["sources"]]
    assert ask, "no 'ask for advice' action"
    return own + ask


@space.check(*OUTCOMES)
def silence_cites_this_areas_own_support(path: space.Path) -> str | None:
    """Local practice off, the guidance silent: the outcome and its "ask for advice" cite this
    area's own Further support (its contact, or that its guidance names none), and no other
    area's guidance."""
    result = path.result
    if path.build.local_practice or result["recommendation"] != SILENT:
        return None
    profile_id = path.build.profile_id
    own = oracle.OWN_SOURCE[profile_id]
    rests_on = silence_rests_on(result)
    assert {c["source"] for c in rests_on} == {own}, rests_on
    assert all(c["url"] == "further-support/#contact" for c in rests_on), rests_on
    assert all("another area" not in c["section"] for c in rests_on), rests_on
    if not oracle.FACTS[profile_id]["gives_support_contact"]:
        assert all("no contact named" in c["section"] for c in rests_on), rests_on
    return "silent"


@pytest.mark.parametrize("build", OFF_BUILDS, ids=[b.id for b in OFF_BUILDS])
def test_where_the_guidance_is_silent_the_outcome_cites_this_areas_own_support(
        build: space.Build) -> None:
    seen = space.assert_held(build, silence_cites_this_areas_own_support)
    if space.STRIDE == 1:
        assert seen["silent"], "close_plan rests on local practice alone"


@space.check(*OUTCOMES)
def asking_for_support_cites_this_areas_own_route(path: space.Path) -> str | None:
    """Local practice on or off: the "ask for advice" action rests on this area's own Further
    support (principle 5: the profile's support contact; principle 8: never another area's
    guidance as this area's). An area whose guidance names no contact is told to ask its local
    early help team, which no other area's Further support section says."""
    asks = [a for a in path.result["actions"] if a["code"] == "contact_support_coordinators"]
    if not asks:
        return None
    profile_id = path.build.profile_id
    for action in asks:
        assert {s["source"] for s in action["sources"]} == {oracle.OWN_SOURCE[profile_id]}, action
        assert all(s["url"] == "further-support/#contact" for s in action["sources"]), action
        named = oracle.FACTS[profile_id]["gives_support_contact"]
        assert all(("no contact named" in s["section"]) != named for s in action["sources"]), action
    return "asks"


@pytest.mark.parametrize("build", space.BUILDS, ids=[b.id for b in space.BUILDS])
def test_asking_for_support_cites_this_areas_own_route(build: space.Build) -> None:
    seen = space.assert_held(build, asking_for_support_cites_this_areas_own_route)
    assert seen["asks"], "no outcome asked for support"


def test_the_fictional_authoritys_silence_names_no_other_area() -> None:
    """The fictional authority as `make new-authority` makes it (local practice off, no contact):
    its "guidance does not cover this" outcome, one answer set, read as a practitioner reads it."""
    fictional = [load_profile(p) for p in PROFILE_IDS if not load_profile(p).local_practice]
    # Inside Pyodide (tests/pyodide) no authority can be made (tests/conftest.py runs the tool
    # in a subprocess), so there each authority is taken with local practice off, as a new
    # area starts; natively the fictional authority is always there (test_authorities).
    for profile in fictional or [space.Build(p, False).profile for p in PROFILE_IDS]:
        result = evaluate("change-lead", {"harm": "no", "safety": "no", "event": "needs_met",
                                          "family_agrees": "yes"}, profile)
        assert result["recommendation"] == SILENT, result["recommendation"]
        areas = {c["title"] for c in silence_rests_on(result)}
        assert areas == {oracle.TITLES[oracle.OWN_SOURCE[profile.id]]}, areas


# ---------------------------------------------------------------------------------------------
# The summary written for local practice off is read only there
# ---------------------------------------------------------------------------------------------


def _rules() -> list[tuple[str, object]]:
    return [(tool, rule) for tool in space.TOOLS for rule in get_tool(tool).rules]


def test_a_rule_resting_partly_on_local_practice_has_words_without_it() -> None:
    """A rule citing LOCAL and something else keeps an outcome when local practice is off: if
    its summary speaks of local practice, it has a summary for that case (``sourced_summary``)
    that does not."""
    missing = []
    for tool, rule in _rules():
        sources = {getattr(c, "source", "") for c in rule.citations}  # type: ignore[attr-defined]
        if "LOCAL" in sources and sources - {"LOCAL"} and SAYS_LOCAL_PRACTICE.search(
                rule.summary):  # type: ignore[attr-defined]
            if not rule.sourced_summary or SAYS_LOCAL_PRACTICE.search(  # type: ignore[attr-defined]
                    rule.sourced_summary):  # type: ignore[attr-defined]
                missing.append(f"{tool} {rule.code}")  # type: ignore[attr-defined]
    assert not missing, missing


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_the_sourced_summary_is_shown_only_with_local_practice_off(profile_id: str) -> None:
    """Local practice on (Merton's and the Graduated Pathway's published sites): every rule
    shows its own summary, as before. Off: a rule with a sourced summary shows that instead."""
    profile = load_profile(profile_id)
    on, off = replace(profile, local_practice=True), replace(profile, local_practice=False)
    terms = on.terms()
    with_sourced = 0
    for _, rule in _rules():
        shown_on = presented(rule, (), on)[0]  # type: ignore[arg-type]
        assert shown_on.summary.endswith(rule.summary), rule.code  # type: ignore[attr-defined]
        if rule.sourced_summary:  # type: ignore[attr-defined]
            with_sourced += 1
            assert rule.sourced_summary not in shown_on.summary  # type: ignore[attr-defined]
            shown_off = presented(rule, (), off)[0]  # type: ignore[arg-type]
            assert shown_off.summary.format(**terms).endswith(
                rule.sourced_summary.format(**terms)), rule.code  # type: ignore[attr-defined]
    assert with_sourced >= 13


# ---------------------------------------------------------------------------------------------
# An authority folder without its oracle table
# ---------------------------------------------------------------------------------------------


def test_a_folder_without_oracle_toml_is_named_in_plain_words(tmp_path: Path) -> None:
    folder = tmp_path / "nowhereshire"
    folder.mkdir()
    (folder / "profile.toml").write_text('id = "nowhereshire"\n', encoding="utf-8")
    with pytest.raises(oracle.MissingOracleTable) as raised:
        oracle.read_facts([tmp_path])
    message = str(raised.value)
    assert str(folder) in message and "oracle.toml" in message
    assert "make new-authority" in message and "make check-authority PROFILE=nowhereshire" in message
