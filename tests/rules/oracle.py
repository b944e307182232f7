"""An independent, plain if-chain reading of the rules 2.1 contract (RULES.md).

The package declares its rules as data; this oracle restates the contract the obvious way,
from the text alone, so the exhaustive tests can compare the two. If they disagree, one of them
misreads the contract. Every question id, option id, recommendation code, action code and
source tag below is written out as a literal on purpose: the contract's ids are pinned here,
not read back from the package.

Where the contract leaves something open (an action it does not tie to a condition, a source
it does not name), the oracle says nothing about it.

Full combinations of answers include answers the rules never ask for (`safety` after `harm` is
`yes`; `other_parent_agrees` when a parent declines for a child who can decide, or someone else
declines; `concern_about_lead` for an event other than `relationship_breakdown` or
`family_requests_change`). Such an answer is irrelevant and changes nothing (principle 4: only
ask what can change the answer), so every condition below on those questions also names the
conditions under which the question is asked.
"""

from __future__ import annotations

import functools
import itertools
import os
import tomllib
from pathlib import Path
from typing import Any, Callable, Iterator

RULES_VERSION = "2.1.0"

SOURCE_TAGS = {"A", "B", "WT", "IS24", "CA89", "DPA", "MCA05", "DAA21", "CONF", "CWSA26", "FFP",
               "LOCAL"}
AUTHORITIES = [Path(__file__).resolve().parents[2] / "src" / "lp_rules" / "authorities"] + [
    Path(p) for p in os.environ.get("LP_RULES_EXTRA_AUTHORITIES", "").split(os.pathsep) if p]


class MissingOracleTable(Exception):
    """An authority folder without its ``oracle.toml``: said plainly, naming the folder."""


def read_facts(roots: list[Path]) -> dict[str, dict[str, Any]]:
    """Each authority folder's ``oracle.toml`` under these roots, by folder name. A folder with
    a ``profile.toml`` but no ``oracle.toml`` stops the tests with a message that names it and
    says what to do, not a bare FileNotFoundError."""
    facts: dict[str, dict[str, Any]] = {}
    for root in roots:
        for folder in sorted(root.iterdir()):
            if not (folder / "profile.toml").is_file():
                continue
            table = folder / "oracle.toml"
            if not table.is_file():
                raise MissingOracleTable(
                    f"The authority folder {folder} has no oracle.toml, the tests' table of its "
                    "facts, so the tests cannot start. `make new-authority ID=<id> "
                    "NAME=\"<name>\"` writes one in every folder it creates; for this folder, "
                    "copy oracle.toml from another authority's folder and write each value from "
                    f"{folder.name}'s own guidance. `make check-authority PROFILE={folder.name}` "
                    "lists what else is missing.")
            facts[folder.name] = tomllib.loads(table.read_text(encoding="utf-8"))
    return facts


FACTS: dict[str, dict[str, Any]] = read_facts(AUTHORITIES)
"""Each authority's facts as its folder's ``oracle.toml`` writes them out, by hand, from its
guidance: its own and borrowed source tags, roles, the sources it cites for who leads after an
accepted referral and for the child's voice, and whether it gives a review interval and a
support contact. An authority folder without an ``oracle.toml`` fails here, at import, with
``MissingOracleTable``."""
OWN_SOURCE = {pid: str(f["own_source"]) for pid, f in FACTS.items()}
"""Each profile's own local guidance (principle 8)."""
TITLES = {str(f["own_source"]): str(f["source_title"]) for f in FACTS.values()}
"""Each authority's guidance's title, by its source tag, from the oracle tables."""


def authorities_where(test: Callable[[dict[str, Any]], bool]) -> list[str]:
    """The authorities whose oracle table passes ``test``, in folder order: tests that need "an
    authority whose guidance is silent on X" pick it by that property, never by name. Fails if
    none has it, so a test can never pass by checking no authority."""
    found = [pid for pid, facts in FACTS.items() if test(facts)]
    assert found, "no authority has the property this test needs"
    return found


def opens_with_own_silence(profile_id: str, summary: str) -> bool:
    """Whether a summary opens with principle 8's "<its guidance> does not cover this"."""
    return summary.startswith(f"{FACTS[profile_id]['guidance_name']} does not cover")


def own_guidance_silent(profile_id: str) -> str:
    """Principle 8's opening, from the oracle table: "<its guidance> does not cover this; this
    is another area's practice (<the borrowed guidance's title>"."""
    facts = FACTS[profile_id]
    return (f"{facts['guidance_name']} does not cover this; this is another area's practice "
            f"({TITLES[str(facts['borrowed_source'])]}")

# ---------------------------------------------------------------------------------------------
# Questions (single-choice ones; who-should-lead's candidate list is separate)
# ---------------------------------------------------------------------------------------------

QUESTIONS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "who-should-lead": [
        ("harm", ("yes", "no", "unsure")),
        ("safety", ("yes", "no", "unsure")),
        ("social_care", ("none", "referral_pending", "referral_accepted", "child_protection")),
        ("services", ("one", "several")),
        ("existing_plan", ("yes", "no")),
        ("consent", ("agreed", "partly", "not_yet_asked", "declined")),
        ("young_person_can_consent", ("yes", "no")),
    ],
    "change-lead": [
        ("harm", ("yes", "no", "unsure")),
        ("safety", ("yes", "no", "unsure")),
        ("event", ("initial_taf", "needs_escalated", "stepped_down", "school_transition",
                   "lead_leaving", "absence_short", "absence_long", "relationship_breakdown",
                   "family_requests_change", "circumstances_changed", "needs_met",
                   "nothing_specific")),
        ("family_agrees", ("yes", "no", "not_asked")),
        ("successor", ("yes", "no")),
        ("changes_so_far", ("none", "one", "two_or_more")),
        ("consent_covers_successor", ("yes", "no", "unsure")),
        ("concern_about_lead", ("harm_threshold", "conduct_or_complaint", "no", "unsure")),
    ],
    "consent-withdrawn": [
        ("harm", ("yes", "no", "unsure")),
        ("safety", ("yes", "no", "unsure")),
        ("who", ("parent_carer", "young_person", "whole_family")),
        ("competence", ("not_applicable", "not_competent", "gillick_competent", "aged_16_17")),
        ("scope", ("all_early_help", "information_sharing", "one_service")),
        ("escalation_risk", ("yes", "no", "unsure")),
        ("how", ("told_us", "stopped_engaging")),
        ("reason", ("relationship_with_lead", "stigma_or_fear", "other", "unknown")),
        ("other_parent_agrees", ("yes", "no", "no_one_else", "unsure")),
    ],
}

ROLES = ("gp", "health_visitor", "school_nurse", "teacher", "senco", "family_support_worker",
         "social_worker", "family_wellbeing_practitioner", "other")
PROFILE_ROLES = {pid: tuple(f["roles"]) for pid, f in FACTS.items()}
"""Each profile's roles, from its oracle table (every one of them must be in ROLES)."""
CANDIDATE_FIELDS: dict[str, tuple[str, ...]] = {
    "role": ROLES,
    "relationship": ("good", "neutral", "poor"),
    "family_view": ("preferred", "agrees", "objects", "not_asked"),
    "main_needs": ("yes", "no"),
    "capacity": ("yes", "no"),
    "leaving_soon": ("yes", "no"),
}
MAX_CANDIDATES = 8

RULE_CODES: dict[str, set[str]] = {
    "who-should-lead": {"safeguarding_first", "social_worker_leads", "social_care_allocates",
                        "await_hub_decision", "join_existing_plan", "single_service",
                        "seek_consent_first", "no_suitable_candidate", "agree_at_taf"},
    "change-lead": {"safeguarding_first", "report_concern_about_practitioner", "cover_absence",
                    "step_up", "step_down_handover", "change_lead", "review_at_taf", "close_plan",
                    "keep_current_lead"},
    "consent-withdrawn": {"safeguarding_referral", "seek_safeguarding_advice",
                          "parents_agreement_stands", "respect_young_persons_decision",
                          "continue_with_young_person", "continue_with_other_parent",
                          "non_engagement_review", "continue_agreed_parts",
                          "continue_universal_support"},
}
# Outcomes whose every source is LOCAL: with local practice off they become guidance_silent.
LOCAL_ONLY = {"change-lead": {"close_plan"}, "consent-withdrawn": {"continue_agreed_parts"}}
SILENT = "guidance_silent"


def contradictory(tool: str, answers: dict[str, Any]) -> bool:
    """The contract's one contradiction: a young person declines, yet `competence` says no child
    could decide (`who` = `young_person` with `not_applicable`)."""
    return (tool == "consent-withdrawn" and answers.get("who") == "young_person"
            and answers.get("competence") == "not_applicable")


def is_invalid(tool: str, answers: dict[str, Any]) -> bool:
    """Answers the contract refuses (exit 2, naming `competence`): the contradiction, unless
    `harm` is `yes` or `unsure` (principle 1: then the urgent outcome is given, with a
    warning beside it)."""
    return contradictory(tool, answers) and not urgent(answers)


def warned(tool: str, answers: dict[str, Any]) -> bool:
    """Whether the outcome must carry warnings (principle 1): an urgent outcome beside a
    contradiction or a list of more than 8 practitioners. Every other outcome has none."""
    too_many = len(answers.get("candidates") or ()) > MAX_CANDIDATES
    return urgent(answers) and (contradictory(tool, answers) or too_many)


REFUSED: dict[str, tuple[set[str], ...]] = {"consent-withdrawn": ({"harm", "who", "competence"},)}
"""The questions whose answers together make a refused combination (is_invalid), per tool."""


def reads_candidates(a: dict[str, Any]) -> bool:
    """Whether who-should-lead's outcome can depend on the practitioners listed: only on the
    last two rules (no_suitable_candidate, agree_at_taf). `safety` and
    `young_person_can_consent` do not decide the rule."""
    return (a["harm"] == "no" and a["social_care"] == "none" and a["existing_plan"] == "no"
            and a["services"] == "several" and a["consent"] in ("agreed", "partly"))


def reaching_candidates() -> int:
    """How many combinations of who-should-lead's single-choice answers reach the list."""
    return sum(reads_candidates(a) for a in all_answers("who-should-lead"))


def all_answers(tool: str) -> Iterator[dict[str, str]]:
    """Every combination of a tool's single-choice answers, valid or not."""
    ids = [qid for qid, _ in QUESTIONS[tool]]
    for values in itertools.product(*(opts for _, opts in QUESTIONS[tool])):
        yield dict(zip(ids, values))


def all_full_answers(tool: str) -> Iterator[dict[str, str]]:
    """Every valid combination of a tool's single-choice answers."""
    return (a for a in all_answers(tool) if not is_invalid(tool, a))


def urgent(answers: dict[str, Any]) -> bool:
    """Principle 1: reasonable cause to suspect significant harm, or unsure."""
    return answers.get("harm") in ("yes", "unsure")


# ---------------------------------------------------------------------------------------------
# who-should-lead: candidates
# ---------------------------------------------------------------------------------------------


def eligible(c: dict[str, str], local_practice: bool = True) -> bool:
    """Not eligible if the family objects or the relationship is poor (A), or (LOCAL) no
    capacity for the role."""
    if c["family_view"] == "objects" or c["relationship"] == "poor":
        return False
    if local_practice and c["capacity"] == "no":
        return False
    return True


def rank_key(c: dict[str, str]) -> tuple[int, int, int, int]:
    """Higher is better; the first key decides, later keys only break ties."""
    return (
        1 if c["leaving_soon"] == "no" else 0,
        {"preferred": 2, "agrees": 1, "not_asked": 0}[c["family_view"]],
        1 if c["relationship"] == "good" else 0,
        1 if c["main_needs"] == "yes" else 0,
    )


def suggested(candidates: list[dict[str, str]], local_practice: bool = True) -> int | None:
    """Index of the best eligible candidate; ties keep the order given; None if nobody is."""
    best: int | None = None
    for i, c in enumerate(candidates):
        if not eligible(c, local_practice):
            continue
        if best is None or rank_key(c) > rank_key(candidates[best]):
            best = i
    return best


# Kept for the other rules tests that import the 1.0 names.
_eligible = eligible


# ---------------------------------------------------------------------------------------------
# Recommendations, first match wins
# ---------------------------------------------------------------------------------------------


def who_should_lead(a: dict[str, Any], local_practice: bool = True) -> str:
    if a["harm"] in ("yes", "unsure"):
        return "safeguarding_first"
    if a["social_care"] == "child_protection":
        return "social_worker_leads"
    if a["social_care"] == "referral_accepted":
        return "social_care_allocates"
    if a["social_care"] == "referral_pending":
        return "await_hub_decision"
    if a["existing_plan"] == "yes":
        return "join_existing_plan"
    if a["services"] == "one":
        return "single_service"
    if a["consent"] in ("not_yet_asked", "declined"):
        return "seek_consent_first"
    listed = a["candidates"]
    if listed and suggested(listed, local_practice) is None:
        return "no_suitable_candidate"
    return "agree_at_taf"


CONCERN_EVENTS = ("relationship_breakdown", "family_requests_change")
"""The events after which `concern_about_lead` is asked."""


def concern(a: dict[str, Any]) -> str:
    """The answer to `concern_about_lead` where it is asked; "no" where it is not."""
    return a["concern_about_lead"] if a["event"] in CONCERN_EVENTS else "no"


def change_lead(a: dict[str, Any], local_practice: bool = True) -> str:
    if a["harm"] in ("yes", "unsure"):
        return "safeguarding_first"
    event = a["event"]
    if concern(a) in ("harm_threshold", "unsure"):
        return "report_concern_about_practitioner"
    if event == "absence_short":
        return "cover_absence"
    if event == "needs_escalated":
        return "step_up"
    if event == "stepped_down":
        return "step_down_handover"
    if event in ("lead_leaving", "absence_long", "relationship_breakdown"):
        if event == "absence_long" and not local_practice:
            return SILENT  # absence_long: LOCAL only
        return "change_lead"
    if event in ("initial_taf", "school_transition", "circumstances_changed",
                 "family_requests_change"):
        return "review_at_taf"
    if event == "needs_met":
        return "close_plan" if local_practice else SILENT
    if event == "nothing_specific":
        return "keep_current_lead"
    raise AssertionError(event)


def consent_withdrawn(a: dict[str, Any], local_practice: bool = True) -> str:
    if a["harm"] == "yes":
        return "safeguarding_referral"
    if a["harm"] == "unsure":
        return "seek_safeguarding_advice"
    who, competence = a["who"], a["competence"]
    able = competence in ("gillick_competent", "aged_16_17")
    if who == "young_person" and competence == "not_competent":
        return "parents_agreement_stands"
    if who == "young_person" and able:
        return "respect_young_persons_decision"
    if who == "parent_carer" and able:
        return "continue_with_young_person"
    # other_parent_agrees is asked when a parent declines for a child who cannot decide: the
    # rule above has taken every parent_carer whose child can.
    if who == "parent_carer" and a["other_parent_agrees"] == "yes":
        return "continue_with_other_parent"
    if a["how"] == "stopped_engaging":
        return "non_engagement_review"
    if a["scope"] == "one_service":
        return "continue_agreed_parts" if local_practice else SILENT
    return "continue_universal_support"


_BY_TOOL = {
    "who-should-lead": who_should_lead,
    "change-lead": change_lead,
    "consent-withdrawn": consent_withdrawn,
}


def recommend(tool: str, answers: dict[str, Any], local_practice: bool = True) -> str:
    return _BY_TOOL[tool](answers, local_practice)


def expected_suggestion(code: str, answers: dict[str, Any], local_practice: bool = True,
                        ) -> tuple[bool, int | None]:
    """(whether the contract settles suggested_candidate here, its value)."""
    if code == "agree_at_taf":
        return True, suggested(answers["candidates"], local_practice)
    if code == "seek_consent_first":
        return False, None  # the contract does not say
    return True, None


# ---------------------------------------------------------------------------------------------
# Sources (the "sources" column)
# ---------------------------------------------------------------------------------------------


def expected_sources(tool: str, answers: dict[str, Any], code: str, profile_id: str,
                     local_practice: bool = True) -> tuple[set[str], set[str]]:
    """Source tags the outcome's citations must include, and tags they must not include."""
    required: set[str] = set()
    forbidden: set[str] = set()
    facts = FACTS[profile_id]
    referral_lead = str(facts["referral_lead_source"])
    # Where the area cites WT for who leads, source A must not be cited for it; A can still come
    # in through the child's voice (seek_child_views) where the area cites A for that.
    a_forbidden = referral_lead != "A" and facts["child_voice_source"] != "A"
    if code in ("safeguarding_first", "safeguarding_referral"):
        required = {"WT", "IS24"}
        forbidden = {"LOCAL"}
    elif code == "seek_safeguarding_advice":
        required = {"IS24"}
        forbidden = {"LOCAL"}
    elif tool == "who-should-lead":
        required = {
            "social_worker_leads": {"WT"},
            # "A or WT (from the profile)": WT where the area's guidance is silent.
            "social_care_allocates": {referral_lead},
            "await_hub_decision": {"A", "LOCAL"},
            "join_existing_plan": {"B"},
            "single_service": {"A", "B"},
            "seek_consent_first": {"B"},
            "no_suitable_candidate": {"A"},
            "agree_at_taf": {"A", "B"},
        }[code]
        if code == "social_care_allocates" and a_forbidden:
            forbidden = {"A"}
    elif tool == "change-lead":
        if code == SILENT:
            required = set()
        elif code == "change_lead":
            required = {"LOCAL"} if answers["event"] == "absence_long" else {"A"}
        else:
            required = {
                "report_concern_about_practitioner": {"WT", "LOCAL"},
                "cover_absence": {"A"},
                "step_up": {referral_lead, "IS24", "LOCAL"},
                "step_down_handover": {"A", "LOCAL"},
                "review_at_taf": {"A"},
                "close_plan": {"LOCAL"},
                "keep_current_lead": {"A"},
            }[code]
        if code == "step_up" and a_forbidden:
            forbidden = {"A"}
    elif tool == "consent-withdrawn":
        required = {
            SILENT: set(),
            "parents_agreement_stands": {"CA89", "LOCAL"},
            "respect_young_persons_decision": {"IS24", "MCA05", "LOCAL"},
            "continue_with_young_person": {"IS24", "MCA05", "LOCAL"},
            "continue_with_other_parent": {"CA89", "IS24", "LOCAL"},
            "non_engagement_review": {"LOCAL", "IS24"},
            "continue_agreed_parts": {"LOCAL"},
            "continue_universal_support": {"B"},
        }[code]
    if not local_practice:
        required = required - {"LOCAL"}
        forbidden = forbidden | {"LOCAL"}
    return required, forbidden


def borrowed(profile_id: str, cited: set[str]) -> bool:
    """Principle 8: the outcome rests on another authority's guidance (any authority's but this
    one's), its own being silent (it cites another area's tag and not its own)."""
    own = OWN_SOURCE[profile_id]
    return bool(cited & (TITLES.keys() - {own})) and own not in cited


def borrowed_titles(profile_id: str, cited: set[str]) -> list[str]:
    """The titles of the other areas' guidance a borrowed outcome rests on: principle 8 labels
    each as another area's practice."""
    return [title for tag, title in TITLES.items() if tag in cited and tag != OWN_SOURCE[profile_id]]


# Action citations the contract names: (tags that must be among the action's citations,
# tags that must not be).
def expected_action_sources(code: str, profile_id: str) -> tuple[frozenset[str], frozenset[str]]:
    return _action_sources(profile_id).get(code, (frozenset(), frozenset()))


@functools.cache
def _action_sources(profile_id: str) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """expected_action_sources' table for one area (made once: every action of every full
    combination asks)."""
    child_voice = str(FACTS[profile_id]["child_voice_source"])
    table: dict[str, tuple[set[str], set[str]]] = {
        "seek_child_views": ({child_voice, "CA89"}, {"A", "B"} - {child_voice}),
        "record_decision": ({"IS24"}, set()),
        "share_when_necessary": ({"IS24"}, set()),
        "share_without_consent": ({"IS24"}, set()),
        "inform_family_where_safe": ({"IS24"}, set()),
        "stop_consent_based_sharing": ({"DPA"}, set()),
        "explain_role_limits": ({"A", "B"}, set()),
        "review_every_6_8_weeks": ({"A"}, set()),
        "keyworker_not_lead": ({"A"}, set()),
        "introduce_new_lead": ({"LOCAL"}, SOURCE_TAGS - {"LOCAL"}),
        "agree_closure_with_family": ({"LOCAL"}, SOURCE_TAGS - {"LOCAL"}),
        # Principle 7: CA89 s31(9), DAA21 s3, IS24 golden rule 5 (DASH/MARAC: LOCAL, optional).
        "plan_safe_contact": ({"CA89", "DAA21", "IS24"}, set()),
        # IS24 golden rules 3 and 6.
        "involve_agreed_services_only": ({"IS24"}, set()),
        # Allegations against people who work with children: the LADO (Working Together).
        "refer_to_lado": ({"WT"}, set()),
        "raise_with_manager": ({"LOCAL"}, set()),
    }
    return {code: (frozenset(need), frozenset(never)) for code, (need, never) in table.items()}


# ---------------------------------------------------------------------------------------------
# Actions
# ---------------------------------------------------------------------------------------------

CONTACT_ACTIONS = {
    "seek_consent", "convene_taf", "consult_family", "confirm_wishes",
    "discuss_referral_with_family", "agree_at_taf", "agree_closure_with_family", "ask_family",
    "ask_young_person", "revisit_consent", "revisit_consent_at_review", "introduce_new_lead",
    "address_concerns", "offer_different_lead", "review_non_engagement",
}
"""Principle 7: every action that asks a practitioner to seek agreement, consult, inform or
meet the family says "where it is safe"; the list is exhaustive."""
WHERE_SAFE = "where it is safe"

# Actions the contract ties to a condition but to no named source: with local practice off
# they may be local practice that the profile has switched off, so the oracle then only
# forbids them where their condition fails, never requires them.
UNSOURCED = {
    "consider_escalation", "offer_different_lead", "address_concerns", "confirm_wishes",
    "review_non_engagement", "identify_successor", "revisit_consent", "ask_young_person",
    "adapt_plan_to_child", "handover_plan", "agree_at_taf", "talk_to_dsl",
    "discuss_referral_with_family", "keep_supporting_until_decision", "respect_own_information",
    "continue_ordinary_provision", "keep_door_open", "convene_taf", "explain_role_limits",
    "others_cover_functions", "minimise_changes", "consult_family", "contact_support_coordinators",
    "plan_handover_early", "ask_family", "open_consent_checklist", "review_every_6_8_weeks",
    "tell_social_care_family_declines", "raise_with_manager",
}
# Where these are required, the outcome's own sources (all non-LOCAL) carry them, so they stay
# required with local practice off.
SOURCED_BY_OUTCOME: dict[str, set[str]] = {
    "cover_absence": {"others_cover_functions"},  # A
    "keep_current_lead": {"minimise_changes"},  # A
    "review_at_taf": {"consult_family", "minimise_changes"},  # A (change 8; changes kept few)
    "change_lead": {"agree_at_taf", "handover_plan", "consult_family", "minimise_changes"},  # A
    "agree_at_taf": {"convene_taf", "explain_role_limits", "review_every_6_8_weeks",
                     "ask_family", "plan_handover_early"},  # A, B
    "seek_consent_first": {"open_consent_checklist"},  # B
    "no_suitable_candidate": {"contact_support_coordinators"},  # A
    "continue_universal_support": {"continue_ordinary_provision", "keep_door_open"},  # B
    "seek_safeguarding_advice": {"talk_to_dsl"},  # IS24
    "respect_young_persons_decision": {"respect_own_information"},  # IS24, MCA05
    "report_concern_about_practitioner": {"talk_to_dsl"},  # WT: tell your DSL today
}
AGREEMENT_STANDS = {"parents_agreement_stands", "continue_with_other_parent"}
"""Where an agreement still stands: never stop_consent_based_sharing."""


def safety_concern(a: dict[str, Any]) -> bool:
    """Principle 7: `safety` is `yes` or `unsure` (asked right after `harm` is `no`)."""
    return a["harm"] == "no" and a["safety"] in ("yes", "unsure")


def expected_actions(tool: str, a: dict[str, Any], code: str, profile_id: str,
                     local_practice: bool = True) -> tuple[set[str], set[str]]:
    """Action codes the contract says must (first set) and must not (second set) appear."""
    must: set[str] = {"record_decision"}  # principle 6
    must_not: set[str] = set()
    facts = FACTS[profile_id]
    is_urgent = urgent(a)

    def iff(condition: bool, action: str) -> None:
        (must if condition else must_not).add(action)

    # Principles 1, 3, 5: urgent outcomes act now; every other outcome seeks the child's views.
    if is_urgent:
        must |= {"call_999_if_immediate_danger"}
        must_not |= {"seek_child_views", "contact_support_coordinators"}
    else:
        must |= {"seek_child_views"}

    # Principle 7: on yes or unsure, every complete outcome that is not urgent plans safe
    # contact first and talks to the DSL (an urgent outcome never asks `safety`).
    iff(not is_urgent and safety_concern(a), "plan_safe_contact")
    if not is_urgent and safety_concern(a):
        must.add("talk_to_dsl")

    # A profile without a review interval never shows one.
    if not facts["gives_review_interval"]:
        must_not.add("review_every_6_8_weeks")

    if tool == "who-should-lead":
        if code == "safeguarding_first":
            must |= {"follow_safeguarding_procedures", "contact_front_door"}
        if code == "seek_consent_first":
            iff(a["consent"] == "declined", "open_consent_checklist")
        if code in ("seek_consent_first", "no_suitable_candidate", "agree_at_taf"):
            iff(a["young_person_can_consent"] == "yes", "ask_young_person")
        # Partial agreement: involve only the services agreed to (no_suitable_candidate "as on
        # agree_at_taf"); `consent` is not asked before those rules, so nowhere else.
        iff(code in ("no_suitable_candidate", "agree_at_taf") and a["consent"] == "partly",
            "involve_agreed_services_only")
        if code == "no_suitable_candidate" and facts["gives_support_contact"]:
            must.add("contact_support_coordinators")
        if code == "agree_at_taf":
            must.add("convene_taf")
            if facts["gives_review_interval"]:
                must.add("review_every_6_8_weeks")
        if code != "seek_consent_first":
            best = (suggested(a["candidates"], local_practice) if code == "agree_at_taf"
                    else None)
            chosen = a["candidates"][best] if best is not None else None
            if chosen is not None:
                must.add("explain_role_limits")
            iff(chosen is not None and chosen["family_view"] == "not_asked", "ask_family")
            iff(chosen is not None and chosen["leaving_soon"] == "yes", "plan_handover_early")

    if tool == "change-lead":
        if code == "safeguarding_first":
            must |= {"follow_safeguarding_procedures", "contact_front_door"}
        # The LADO route only on a concern at or near the threshold; a complaint below it goes
        # to the lead's manager and the outcome for the event stands.
        iff(code == "report_concern_about_practitioner", "refer_to_lado")
        if code == "report_concern_about_practitioner":
            must.add("talk_to_dsl")
            # "do not raise it at a meeting the lead attends ... who leads is decided once the
            # DSL or LADO has advised": no agreeing a lead at a TAF now.
            must_not.add("agree_at_taf")
        iff(not is_urgent and concern(a) == "conduct_or_complaint", "raise_with_manager")
        if code == "cover_absence":
            must.add("others_cover_functions")
        if code == "step_up":
            must |= {"talk_to_dsl", "contact_front_door", "discuss_referral_with_family",
                     "keep_supporting_until_decision"}
        if code == "keep_current_lead":
            must.add("minimise_changes")
        if code in ("change_lead", "step_down_handover"):
            must |= {"agree_at_taf", "handover_plan"}
            iff(a["successor"] == "no", "identify_successor")
            iff(a["consent_covers_successor"] in ("no", "unsure"), "revisit_consent")
        if code in ("change_lead", "step_down_handover", "review_at_taf"):
            iff(a["family_agrees"] != "yes" or a["event"] == "family_requests_change",
                "consult_family")
            iff(a["changes_so_far"] == "two_or_more", "minimise_changes")
        declined_step_down = code == "step_down_handover" and a["family_agrees"] == "no"
        iff(declined_step_down, "tell_social_care_family_declines")
        if declined_step_down:
            must.add("open_consent_checklist")
        if code == "close_plan":
            must.add("agree_closure_with_family")
            must_not.add("consult_family")

    if tool == "consent-withdrawn":
        if code == "safeguarding_referral":
            must |= {"follow_safeguarding_procedures", "contact_front_door",
                     "share_without_consent", "inform_family_where_safe"}
            must_not |= {"continue_ordinary_provision", "monitor_safeguarding"}
        else:
            must.add("monitor_safeguarding")  # every outcome that is not a referral
        if code in ("seek_safeguarding_advice", "non_engagement_review"):
            must.add("talk_to_dsl")
        if not is_urgent:
            must.add("share_when_necessary")
            iff(a["escalation_risk"] in ("yes", "unsure"), "consider_escalation")
            iff(a["reason"] == "relationship_with_lead", "offer_different_lead")
            iff(a["reason"] == "stigma_or_fear", "address_concerns")
            iff(a["how"] == "stopped_engaging", "review_non_engagement")
            iff(a["how"] == "stopped_engaging", "confirm_wishes")
        stop = (not is_urgent and a["how"] == "told_us"
                and a["scope"] in ("all_early_help", "information_sharing")
                and code not in AGREEMENT_STANDS)
        iff(stop, "stop_consent_based_sharing")
        if code == "parents_agreement_stands":
            must.add("adapt_plan_to_child")
        if code == "respect_young_persons_decision":
            must.add("respect_own_information")
        if code == "continue_universal_support":
            must |= {"continue_ordinary_provision", "keep_door_open"}

    if not local_practice:
        # Only what the sources say: actions that are local practice go, and the oracle only
        # requires actions the contract ties to a named, non-local source.
        must_not |= {"introduce_new_lead", "agree_closure_with_family"}
        keep = SOURCED_BY_OUTCOME.get(code, set()) | {"plan_safe_contact", "refer_to_lado",
                                                      "involve_agreed_services_only"}
        if not is_urgent and safety_concern(a):
            keep.add("talk_to_dsl")  # principle 7's, beside plan_safe_contact
        must = {x for x in must if x not in UNSOURCED or x in keep}
    assert not must & must_not, (must & must_not)
    return must, must_not
