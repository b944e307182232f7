"""Share links across versions (lp_rules.links): every 1.0 link in the project's history opens
under 2.1, with the questions 2.1 added asked and said so, and, once those are answered "no",
the right outcome; renamed ids are carried over and said so; parameters that are not questions
are ignored; the command line and the API stay strict.

The expected outcomes are RULES.md 2.1's, worked out by hand for each link (not by the code).
RULES.md, "Changes from 2.0": "2.1 keeps the link major version 2 (no id is renamed or
removed); a 2.0 link opens under 2.1 with the new questions asked, and the page says that the
checklist now asks more."
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lp_rules import InvalidAnswers, evaluate, get_tool
from lp_rules.bridge import handle
from lp_rules.links import CURRENT_MAJOR, notice, now_asked, read_link, share_query

from . import fuzz_count, space

# (where the link was published, tool, the 1.0 query string, the 2.1 outcome once the questions
# 2.1 added are answered "no", suggested)
LINKS_1_0: list[tuple[str, str, str, str, int | None]] = [
    ("scenario: a plan already exists", "who-should-lead",
     "harm=no&social_care=none&existing_plan=yes", "join_existing_plan", None),
    ("scenario: two possible leads (2.0 ranks the one who stays first)", "who-should-lead",
     "harm=no&social_care=none&existing_plan=no&services=several&consent=agreed"
     "&young_person_view=no&candidates=family_support_worker.good.preferred.yes.yes.yes"
     "~school_nurse.good.agrees.yes.yes.no", "agree_at_taf", 1),
    ("scenario: the family has not been asked yet", "who-should-lead",
     "harm=no&social_care=none&existing_plan=no&services=several&consent=not_yet_asked"
     "&young_person_view=yes", "seek_consent_first", None),
    ("scenario: a referral is waiting", "who-should-lead",
     "harm=no&social_care=referral_pending", "await_hub_decision", None),
    ("scenario: a disclosure during a TAF", "who-should-lead", "harm=yes", "safeguarding_first", None),
    ("scenario: moving to secondary school", "change-lead",
     "harm=no&event=school_transition&family_agrees=not_asked&consent_covers_successor=unsure"
     "&changes_so_far=one", "review_at_taf", None),
    ("scenario: two weeks' leave", "change-lead", "harm=no&event=absence_short", "cover_absence", None),
    ("scenario: the relationship has broken down", "change-lead",
     "harm=no&event=relationship_breakdown&family_agrees=yes&successor=yes"
     "&consent_covers_successor=no&changes_so_far=two_or_more", "change_lead", None),
    ("scenario: stepping down", "change-lead",
     "harm=no&event=stepped_down&family_agrees=yes&successor=no&consent_covers_successor=yes"
     "&changes_so_far=none", "step_down_handover", None),
    ("scenario: a parent withdraws, a 16-year-old wants help", "consent-withdrawn",
     "harm=no&who=parent_carer&competence=aged_16_17&scope=all_early_help&escalation_risk=unsure"
     "&how=told_us&reason=stigma_or_fear", "continue_with_young_person", None),
    ("scenario: yes to support, no to sharing (2.0: source B's outcome)", "consent-withdrawn",
     "harm=no&who=whole_family&competence=not_applicable&scope=information_sharing"
     "&escalation_risk=no&how=told_us&reason=other", "continue_universal_support", None),
    ("scenario: a family stops answering", "consent-withdrawn", "harm=unsure",
     "seek_safeguarding_advice", None),
    ("test fixture: outcome with candidates", "who-should-lead",
     "harm=no&social_care=none&existing_plan=no&services=several&consent=agreed"
     "&young_person_view=yes&candidates=teacher.good.agrees.yes.yes.no~gp.poor.objects.no.no.yes",
     "agree_at_taf", 0),
    ("1.0's Child in Need option", "who-should-lead", "harm=no&social_care=child_in_need",
     "social_care_allocates", None),
]


def _open(tool: str, query: str) -> tuple[Any, dict[str, Any]]:
    reading = read_link(tool, dict(parse_qsl(query, keep_blank_values=True)))
    return reading, evaluate(tool, reading.answers)


ADDED_IN_2_1 = {"who-should-lead": {"safety"}, "change-lead": {"safety", "concern_about_lead"},
               "consent-withdrawn": {"safety", "other_parent_agrees"}}
"""RULES.md 2.1's new questions, written out here (not read from links.py)."""
URGENT = {"safeguarding_first", "safeguarding_referral", "seek_safeguarding_advice"}


@pytest.mark.parametrize("where,tool,query,outcome,suggested", LINKS_1_0, ids=[l[0] for l in LINKS_1_0])
def test_every_1_0_link_opens_under_2_1(where: str, tool: str, query: str, outcome: str,
                                        suggested: int | None) -> None:
    reading, result = _open(tool, query)
    assert reading.made_with == 1 and reading.migrated
    said = notice(tool, reading, now_asked(tool, reading.answers, result["next"]))
    assert said.startswith("This link was made with an earlier version")
    if outcome in URGENT:
        assert result["status"] == "complete" and result["recommendation"] == outcome
        return
    assert result["status"] == "needs_more"
    assert set(result["next"]) <= ADDED_IN_2_1[tool], "only the new questions are asked"
    assert "The checklist now asks more" in said
    answered = dict(reading.answers, **{q: "no" for q in result["next"]})
    done = evaluate(tool, answered)
    assert done["status"] == "complete" and done["recommendation"] == outcome
    assert done["suggested_candidate"] == suggested


# (tool, a 2.0 link: v=2 and every 2.0 question answered, the new questions it lacks)
LINKS_2_0: list[tuple[str, str, tuple[str, ...]]] = [
    ("who-should-lead", "v=2&harm=no&social_care=none&existing_plan=yes", ("safety",)),
    ("change-lead", "v=2&harm=no&event=relationship_breakdown&family_agrees=yes&successor=yes"
     "&consent_covers_successor=yes&changes_so_far=none", ("safety", "concern_about_lead")),
    ("consent-withdrawn", "v=2&harm=no&who=parent_carer&competence=not_competent"
     "&scope=all_early_help&escalation_risk=no&how=told_us&reason=other",
     ("safety", "other_parent_agrees")),
]


@pytest.mark.parametrize("tool,query,lacking", LINKS_2_0)
def test_a_2_0_link_opens_with_the_new_questions_asked_and_says_so(
        tool: str, query: str, lacking: tuple[str, ...]) -> None:
    reading, result = _open(tool, query)
    assert not reading.migrated, "2.1 renames and removes nothing: the link is read as it is"
    assert result["status"] == "needs_more" and tuple(result["next"]) == lacking
    said = notice(tool, reading, now_asked(tool, reading.answers, result["next"]))
    assert "The checklist now asks more" in said and "before the checklist's latest changes" in said
    reply = json.loads(handle(json.dumps({"type": "link", "tool": tool, "query": query})))
    assert reply["asked_now"] == list(lacking) and reply["notice"] == said


@pytest.mark.parametrize("query", ["v=2&harm=no", "v=2", "v=2&harm=yes",
                                   "v=2&harm=no&safety=no&social_care=none"])
def test_an_unfinished_2_1_link_is_not_called_older(query: str) -> None:
    """A link that stops before the new question (it answers nothing asked after it) is only
    unfinished: no notice."""
    reply = json.loads(handle(json.dumps({"type": "link", "tool": "who-should-lead",
                                          "query": query})))
    assert reply["asked_now"] == [] and reply["notice"] == ""


def test_renamed_ids_are_carried_over_and_named() -> None:
    reading, result = _open("who-should-lead", "harm=no&social_care=child_in_need&young_person_view=yes")
    assert reading.answers["social_care"] == "referral_accepted"
    assert reading.answers["young_person_can_consent"] == "yes"
    assert reading.renamed == ("social_care", "young_person_can_consent")
    assert reading.ignored == ()
    said = notice("who-should-lead", reading)
    assert "Children's social care involvement" in said and "agree for themselves" in said


def test_a_current_link_is_read_as_it_is() -> None:
    reading, _ = _open("change-lead", f"v={CURRENT_MAJOR}&harm=no&event=absence_short")
    assert not reading.migrated and notice("change-lead", reading) == ""


def test_parameters_that_are_not_questions_are_ignored() -> None:
    query = "v=2&harm=no&safety=no&event=absence_short&utm_source=email&safelinks=1&fbclid=abc"
    reading, result = _open("change-lead", query)
    assert result["recommendation"] == "cover_absence"
    assert set(reading.ignored) == {"utm_source", "safelinks", "fbclid"}


def test_invalid_values_of_known_questions_are_still_refused() -> None:
    for query in ("v=2&harm=maybe", "harm=maybe", "v=2&harm=no&social_care=child_in_need"):
        reading = read_link("who-should-lead", dict(parse_qsl(query)))
        with pytest.raises(InvalidAnswers):
            evaluate("who-should-lead", reading.answers)


def test_the_api_stays_strict_about_old_ids() -> None:
    with pytest.raises(InvalidAnswers):
        evaluate("who-should-lead", {"young_person_view": "yes"})


def test_a_share_link_round_trips_with_its_outcome() -> None:
    answers = {"harm": "no", "safety": "no", "social_care": "none", "existing_plan": "no",
               "services": "several",
               "consent": "agreed", "young_person_can_consent": "no",
               "candidates": [dict(role="gp", relationship="good", family_view="agrees",
                                   main_needs="yes", capacity="yes", leaving_soon="no")]}
    pairs = share_query("who-should-lead", answers, "agree_at_taf")
    assert pairs[0] == ("v", str(CURRENT_MAJOR)) and pairs[-1] == ("outcome", "agree_at_taf")
    reading, result = _open("who-should-lead", urlencode(pairs))
    assert reading.answers == answers and reading.recorded_outcome == "agree_at_taf"
    assert result["recommendation"] == "agree_at_taf"


def _query(query: str, tool: str = "who-should-lead") -> Any:
    from lp_rules.links import parse_query
    return read_link(tool, parse_query(tool, query))


def test_a_link_is_parsed_exactly() -> None:
    reading = _query("?v=2&harm=no&social_care=referral%5Faccepted&fbclid=abc")
    assert reading.answers == {"harm": "no", "social_care": "referral_accepted"}


@pytest.mark.parametrize("query,field", [
    ("v=2&harm=yes&harm=no", "answers.harm"),
    ("v=2&harm=%3Cx%3E&harm=yes", "answers.harm"),
    ("v=2&v=1&harm=no", "answers.v"),
    ("v=2&candidates=" + "~" * 1000, "answers.candidates"),
    ("v=2&candidates=gp.good.agrees.yes.yes.no.extra", "answers.candidates[0]"),
    ("v=2&harm=" + "x" * 5000, "link"),
    ("v=2&harm=" + "x" * 500, "answers.harm"),
    # Issue 14: names every JavaScript object has. Written out here, not taken from links.py.
    ("v=2&harm=no&constructor=x", "link"),
    ("v=2&harm=no&__proto__=x", "link"),
    ("v=2&harm=no&%5F%5Fproto%5F%5F=x", "link"),
    ("toString=x", "link"),
    ("harm=yes&valueOf=1", "link"),
    ("harm=yes&hasOwnProperty=1", "link"),
])
def test_a_link_that_is_not_exactly_valid_is_refused(query: str, field: str) -> None:
    import time
    started = time.perf_counter()
    with pytest.raises(InvalidAnswers) as refused:
        evaluate("who-should-lead", _query(query).answers)
    assert refused.value.field == field
    assert time.perf_counter() - started < 0.5


def test_a_hostile_candidates_list_is_refused_before_it_is_decoded() -> None:
    """More rows than any link value can carry are refused before any row is read."""
    rows = "~".join(["gp.good.agrees.yes.yes.no"] * 40)
    with pytest.raises(InvalidAnswers, match="at most 8"):
        read_link("who-should-lead", {"candidates": rows})


NINE = "~".join(["gp.good.agrees.yes.yes.no"] * 9)


def test_nine_practitioners_in_a_link_are_refused_unless_harm_is_suspected() -> None:
    """Principle 1 (2.1): "an over-long list among answers that harm makes irrelevant is
    reported beside the urgent outcome ..., never instead of it"; "more than 8 practitioners
    within the link reader's size limits". Otherwise the list is refused, naming it."""
    with pytest.raises(InvalidAnswers, match="at most 8") as refused:
        evaluate("who-should-lead", _query("v=2&harm=no&candidates=" + NINE).answers)
    assert refused.value.field == "answers.candidates"
    for harm in ("yes", "unsure"):
        result = evaluate("who-should-lead", _query(f"v=2&harm={harm}&candidates=" + NINE).answers)
        assert result["recommendation"] == "safeguarding_first" and result["urgent"] is True
        assert len(result["warnings"]) == 1 and "9 practitioners" in result["warnings"][0]


# Issue 24 item 5: links read strictly. The expectations are the issue's, written out here.

def _reply(query: str, tool: str = "who-should-lead") -> Any:
    return json.loads(handle(json.dumps({"type": "link", "tool": tool, "query": query})))


@pytest.mark.parametrize("version", ["%C2%B2", "%E2%91%A0", "%D9%A2", "2x", "-1", "2.", "",
                                     "%EF%BC%92"])  # ², ①, Arabic-Indic 2, fullwidth 2
def test_a_version_that_is_not_ascii_digits_is_said_and_never_crashes(version: str) -> None:
    """`'²'.isdigit()` is true and `int('²')` raises: the link must still open, its harm answer
    giving the urgent outcome (principle 1), and the page must say the version was unreadable."""
    reply = _reply(f"v={version}&harm=yes")
    assert reply["type"] == "link", reply
    assert reply["answers"] == {"harm": "yes"}
    assert "version of the checklist could not be read" in reply["notice"]
    assert evaluate("who-should-lead", reply["answers"])["recommendation"] == "safeguarding_first"


def test_a_version_older_than_any_is_said_and_read_as_the_first() -> None:
    reply = _reply("v=0&harm=no&young_person_view=yes&social_care=child_in_need")
    assert reply["type"] == "link" and reply["made_with"] == 1
    assert "older than any" in reply["notice"] and "(rules 0)" not in reply["notice"]
    assert reply["answers"]["young_person_can_consent"] == "yes"
    assert reply["answers"]["social_care"] == "referral_accepted"


@pytest.mark.parametrize("version", ["3", "999", "999999", "3.0"])
def test_a_version_newer_than_this_site_says_so(version: str) -> None:
    """Chosen: read, not refused. Today's rules check every answer strictly (an unknown one is
    refused naming it), and an urgent answer must still show (principle 1)."""
    reply = _reply(f"v={version}&harm=no&social_care=none")
    assert reply["type"] == "link" and reply["answers"] == {"harm": "no", "social_care": "none"}
    assert "newer version of the checklist than this site has" in reply["notice"]
    assert "read as far as" in reply["notice"]
    assert _reply(f"v={version}&harm=no&social_care=family_hub")["type"] == "link"
    with pytest.raises(InvalidAnswers) as refused:
        evaluate("who-should-lead", _reply(f"v={version}&harm=no&social_care=family_hub")["answers"])
    assert refused.value.field == "answers.social_care"


@pytest.mark.parametrize("outcome", ["constructor", "toString", "__proto__", "nope",
                                     "%3Cb%3Ex%3C%2Fb%3E", "safeguarding_referral"])
def test_an_unknown_outcome_is_left_out_with_a_plain_note(outcome: str) -> None:
    """`safeguarding_referral` is consent-withdrawn's, not who-should-lead's."""
    reply = _reply(f"v=2&harm=no&outcome={outcome}")
    assert reply["type"] == "link" and reply["recorded_outcome"] is None
    assert "outcome" in reply["ignored"]
    assert "names an outcome this checklist does not have" in reply["notice"]
    assert outcome not in reply["notice"] and "<b>" not in reply["notice"]


def test_a_known_outcome_is_kept_without_a_note() -> None:
    reply = _reply("v=2&harm=yes&outcome=safeguarding_first")
    assert reply["recorded_outcome"] == "safeguarding_first" and reply["notice"] == ""


def test_an_old_and_a_new_id_that_disagree_are_both_asked_again_and_said() -> None:
    reading, result = _open("who-should-lead",
                            "harm=no&young_person_view=yes&young_person_can_consent=no")
    assert "young_person_can_consent" not in reading.answers
    assert reading.conflicting == ("young_person_can_consent",)
    said = notice("who-should-lead", reading)
    assert "two different answers" in said and "agree for themselves" in said


def test_an_old_and_a_new_id_that_agree_are_kept_and_said() -> None:
    reading, _ = _open("who-should-lead", "harm=no&young_person_view=no&young_person_can_consent=no")
    assert reading.answers["young_person_can_consent"] == "no" and reading.conflicting == ()
    assert "agree for themselves" in notice("who-should-lead", reading)


def test_the_reply_names_the_fields_for_a_developer() -> None:
    reply = _reply("v=%C2%B2&harm=no&young_person_view=yes&young_person_can_consent=no")
    assert reply["version"] == "unreadable" and reply["conflicting"] == []
    reply = _reply("harm=no&young_person_view=yes&young_person_can_consent=no&outcome=x")
    assert reply["version"] == "known" and reply["conflicting"] == ["young_person_can_consent"]
    assert reply["ignored"] == ["outcome"]
    assert _reply("v=999")["version"] == "newer" and _reply("v=0")["version"] == "older"



# Issue 24 item 7: fuzzing covers `v` and `outcome`. Whatever they hold, a link opens (a version
# or an outcome is never a reason to hide an urgent answer, principle 1), says what it could not
# read in printable plain words, and never keeps an outcome the checklist does not have.

versions = (st.text(max_size=8)
            | st.text(st.characters(whitelist_categories=("Nd", "No", "Nl")), min_size=1, max_size=4)
            | st.integers(-3, 10**9).map(str)
            | st.sampled_from(["2.1", "2.1.0", "02", " 2", "2 ", "0x2", "1e3", "²", "①", "٢"]))
outcomes = (st.text(max_size=12)
            | st.sampled_from(["constructor", "__proto__", "toString", "safeguarding_first",
                               "safeguarding_referral", "agree_at_taf", "<b>x</b>"]))


@settings(max_examples=space.examples(400), deadline=None)
@given(st.sampled_from(["who-should-lead", "change-lead", "consent-withdrawn"]),
       st.sampled_from(["yes", "unsure"]), versions, outcomes)
def test_fuzz_version_and_outcome_never_hide_an_urgent_answer(tool: str, harm: str, version: str,
                                                              outcome: str) -> None:
    fuzz_count.inputs += 1
    reply = _reply(f"v={quote(version)}&harm={harm}&outcome={quote(outcome)}", tool)
    assert reply["type"] == "link", reply
    assert reply["answers"] == {"harm": harm} and isinstance(reply["made_with"], int)
    assert reply["notice"].isprintable()
    codes = {rule.code for rule in get_tool(tool).rules}
    if outcome in codes:
        assert reply["recorded_outcome"] == outcome
    else:
        assert reply["recorded_outcome"] is None
        if outcome:
            assert "names an outcome this checklist does not have" in reply["notice"]
    if version.isascii() and version.isdigit():
        if int(version) > 2:
            assert "newer version of the checklist than this site has" in reply["notice"]
        if int(version) == 0:
            assert "older than any" in reply["notice"]
    result = evaluate(tool, reply["answers"])
    assert result["status"] == "complete" and result["urgent"] is True


@settings(max_examples=space.examples(300), deadline=None)
@given(st.sampled_from(["who-should-lead", "change-lead", "consent-withdrawn"]), versions, outcomes,
       st.lists(st.tuples(st.sampled_from(["harm", "safety", "social_care", "young_person_view",
                                           "young_person_can_consent", "candidates", "event",
                                           "who", "competence", "x"]),
                          st.text(max_size=12) | st.sampled_from(["yes", "no", "child_in_need"])),
                max_size=5))
def test_fuzz_links_open_or_are_refused_never_crash(tool: str, version: str, outcome: str,
                                                    pairs: list[tuple[str, str]]) -> None:
    fuzz_count.inputs += 1
    query = "&".join([f"v={quote(version)}", f"outcome={quote(outcome)}"]
                     + [f"{quote(k)}={quote(v)}" for k, v in pairs])
    reply = _reply(query, tool)
    assert reply["type"] in ("link", "invalid"), reply
    if reply["type"] == "invalid":
        assert reply["field"] and "\n" not in reply["message"]
        return
    assert reply["notice"].isprintable()
    try:
        result = evaluate(tool, reply["answers"])
    except InvalidAnswers as err:
        assert err.field and "\n" not in err.message
        return
    assert result["status"] in ("complete", "needs_more")


# Issue 24 item 3: answers stay on the device. A link's answers are in the address's fragment,
# which browsers never send; an older link's query is still read, the same way.

def test_a_share_link_holds_its_answers_in_the_fragment_and_both_forms_read_alike() -> None:
    from lp_rules.links import read_address, share_link
    answers = {"harm": "no", "safety": "no", "event": "absence_short"}
    link = share_link("https://example.org/tools/change-lead/", "change-lead", answers)
    assert link == "https://example.org/tools/change-lead/#v=2&harm=no&safety=no&event=absence_short"
    older = link.replace("#", "?")
    for address in (link, older, older.replace("?", "?utm_source=mail&"), older + "#decision-table",
                    "https://example.org/tools/change-lead/?utm_source=mail" + link[link.index("#"):]):
        reading = read_address("change-lead", address)
        assert reading.answers == answers and not reading.migrated, address
    assert read_address("change-lead", "https://example.org/tools/change-lead/#decision-table").answers == {}


def test_a_records_link_reopens_it_from_the_fragment() -> None:
    from lp_rules.record import reopen_link
    answers = {"harm": "yes"}
    result = evaluate("change-lead", answers)
    link = reopen_link("https://example.org/tools/change-lead/", result, answers)
    assert link == "https://example.org/tools/change-lead/#v=2&harm=yes&outcome=" + result["recommendation"]
    assert "?" not in link
