"""Evaluate a checklist: first matching rule wins, and only questions that matter are asked.

Conditions are three-valued, so with partial answers the engine can tell when the outcome is
settled (``complete``: no unanswered question could change the recommendation or its actions)
and otherwise which unanswered questions could still change it (``next``, in asking order).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterable

from . import emergency
from .checklists import texts
from .checklists.common import CONTACT_SUPPORT, RECORD_DECISION, own_support
from .checklists.practitioners import LISTED_REASON, NOBODY_LISTED, rank, rank_positions
from .model import Action, Answers, Cited, PractitionerList, Rule, Tool
from .profiles import Profile, per_profile
from .sources import A_FURTHER_SUPPORT, AUTHORITY_TITLES, SOURCE_TITLES, Citation, source_tags
from .validate import warnings

RULES_VERSION = "2.1.0"


@dataclass(frozen=True)
class Decision:
    """What the rules settled: the matched rule and its actions, or the questions still needed."""

    rule: Rule | None
    actions: tuple[Action, ...]
    next: tuple[str, ...]
    considered: tuple[str, ...]
    """Answered question ids the rules have read so far (rules passed over, the match, its
    steps): the answers that led here, and the ones a page keeps showing."""


def _unanswered(questions: Iterable[str], answers: Answers) -> set[str]:
    return {q for q in questions if q not in answers}


def decide(tool: Tool, answers: Answers, profile: Profile) -> Decision:
    """Apply the rules in order to validated answers."""
    pending: set[str] = set()
    considered: set[str] = set()
    undecided_before = False
    for rule in tool.rules:
        matched = rule.when.test(answers, profile)
        if matched is False:
            considered |= rule.when.questions()
            continue
        pending |= _unanswered(rule.when.questions(), answers)
        considered |= rule.when.questions() - pending
        included: dict[int, Action] = {}  # each action once: by its first equal step's index
        for step, group in zip(rule.steps, rule.step_groups):
            if not step.action.available_in(profile):
                continue
            applies = True if step.when is None else step.when.test(answers, profile)
            if applies is None and step.when is not None:
                pending |= _unanswered(step.when.questions(), answers)
                continue
            if step.when is not None:
                # Read either way: "no" to the safety question decides the actions as much as
                # "yes" does, so the record does not call it "not needed for this outcome".
                considered |= step.when.questions() & answers.keys()
            if applies and group not in included:
                included[group] = step.action
        if matched is True:
            if not undecided_before and not pending:
                return Decision(rule, tuple(included.values()), (), _in_order(tool, considered))
            break
        undecided_before = True
    return Decision(None, (), _in_order(tool, pending), _in_order(tool, considered - pending))


def _in_order(tool: Tool, ids: set[str]) -> tuple[str, ...]:
    return tuple(q for q in tool.question_ids if q in ids)


_own_support = per_profile(own_support)
"""``own_support``, worked out once per profile (every outcome's citations pass through it)."""


def _resolved(rule: Rule, actions: tuple[Action, ...], profile: Profile
              ) -> tuple[Rule, tuple[Action, ...]]:
    """The rule and actions with every profile-chosen citation made concrete, and advice to ask
    for support citing this area's own route to it (``own_support``: its Further support
    section, naming its contact or saying its guidance names none), never another area's: an
    area whose guidance names no contact is told to ask its local early help team, which
    another area's section does not say (principle 8)."""
    support = _own_support(profile)

    def concrete(citations: tuple[Cited, ...]) -> tuple[Citation, ...]:
        return tuple(support if c == A_FURTHER_SUPPORT else profile.citation(c) for c in citations)

    rule = replace(rule, citations=concrete(rule.citations))
    return rule, tuple(replace(a, citations=concrete(a.citations)) for a in actions)


def _without_local(rule: Rule, actions: tuple[Action, ...], profile: Profile
                   ) -> tuple[Rule, tuple[Action, ...]]:
    """A profile that switches local practice off gets only what the sources say, or silence:
    every ``LOCAL`` citation goes, an action citing nothing else goes, a rule keeping another
    citation shows its ``sourced_title`` and ``sourced_summary`` (written from those citations
    alone, where the rule has them), and a rule
    citing nothing else becomes ``guidance_silent``, which cites this area's own route to
    support (``own_support``). On citations as declared (before ``_resolved``)."""
    support = _own_support(profile)

    def cited(citations: tuple[Cited, ...]) -> tuple[Cited, ...]:
        return tuple(c for c in citations if not (isinstance(c, Citation) and c.source == "LOCAL"))

    kept = tuple(replace(a, citations=cited(a.citations), text=a.sourced_text or a.text)
                 for a in actions if cited(a.citations))
    if cited(rule.citations):
        return replace(rule, citations=cited(rule.citations),
                       title=rule.sourced_title or rule.title,
                       summary=rule.sourced_summary or rule.summary), kept
    silent = Rule(
        code="guidance_silent",
        when=rule.when,
        title=texts.GUIDANCE_SILENT_TITLE,
        summary=texts.GUIDANCE_SILENT_SUMMARY,
        why=rule.why,
        citations=(support,),
        steps=(),
    )
    principles = tuple(a for a in kept if a.principle and a != RECORD_DECISION)
    return silent, principles + (replace(CONTACT_SUPPORT, citations=(support,)), RECORD_DECISION)


def _own_guidance_first(rule: Rule, profile: Profile) -> Rule:
    """RULES.md principle 8: a rule that rests on other areas' guidance (any authority's but
    this one's) and not on this area's own (``own_source``) says first that this area's
    guidance does not cover it, then labels the other guidance, by title, as another area's.
    Every other area's guidance it cites is named: a new area borrows both seeds' guidance,
    so a rule resting on either (not only ``borrowed_source``) must not read as its own."""
    tags = {c.source for c in _concrete(rule.citations)}
    others = [tag for tag in AUTHORITY_TITLES if tag in tags and tag != profile.own_source]
    if not others or profile.own_source in tags:
        return rule
    return replace(rule, summary=texts.NOT_OWN_GUIDANCE.format(
        guidance=profile.guidance_name, other="; ".join(SOURCE_TITLES[t] for t in others),
        summary=rule.summary))


def presented(rule: Rule, actions: tuple[Action, ...], profile: Profile
              ) -> tuple[Rule, tuple[Action, ...]]:
    """A rule and its actions as this profile presents them: every citation concrete; where
    local practice is off, only what the sources say (or "the guidance does not cover this");
    and where the rule rests on another area's guidance, this area's silence said first.
    Outcomes, decision tables and decision maps all show rules through this."""
    if not profile.local_practice:
        # First: principle 8 then reads the citations and summary that are left, and
        # "the guidance does not cover this" cites only this area's own route to support.
        rule, actions = _without_local(rule, actions, profile)
    rule, actions = _resolved(rule, actions, profile)
    return _own_guidance_first(rule, profile), actions


@per_profile
def _filling(profile: Profile) -> tuple[dict[str, str], dict[str, str]]:
    """A profile's terms, and each text already filled in with them: working the terms out
    anew for every text cost 40% of an outcome, and filling the same reasons and notes in again
    a tenth of what was left."""
    return profile.terms(), {}


def _fill(text: str, profile: Profile) -> str:
    terms, filled = _filling(profile)
    done = filled.get(text)
    if done is None:
        if len(filled) > _MEMO_LIMIT:
            filled.clear()
        done = filled[text] = text.format(**terms)
    return done


def _concrete(citations: tuple[object, ...]) -> tuple[Citation, ...]:
    """Citations after ``_resolved``: every one is concrete by then."""
    return tuple(c for c in citations if isinstance(c, Citation))


def _citations(rule: Rule, actions: tuple[Action, ...]) -> list[dict[str, str]]:
    seen: dict[str, dict[str, str]] = {}
    for c in _concrete(rule.citations + tuple(c for a in actions for c in a.citations)):
        seen.setdefault(c.url + c.source, c.as_dict())
    return list(seen.values())


_said = per_profile(lambda profile: dict[tuple[int, str, str], tuple[Tool, str]]())
"""Each answer's reason ("<summary>: <label>.") as a profile words it, by the tool's identity,
question and option (the entry keeps its tool alive, so the id is not reused while it stands):
the same few hundred reasons were worked out again on every outcome, a sixth of its cost."""


def _answer_reason(tool: Tool, qid: str, value: str, profile: Profile) -> str:
    """A single-choice answer's reason, "<question summary>: <answer label>.", remembered (_said)."""
    said = _said(profile)
    entry = said.get((id(tool), qid, value))
    if entry is None or entry[0] is not tool:
        question = tool.question(qid)
        if len(said) > _MEMO_LIMIT:
            said.clear()
        entry = said[(id(tool), qid, value)] = (
            tool, f"{question.summary}: {_fill(question.option(value).label, profile)}.")
    return entry[1]


def _reasons(tool: Tool, answers: Answers, decision: Decision, profile: Profile) -> list[str]:
    assert decision.rule is not None
    reasons = [_fill(decision.rule.why, profile)]
    for qid in decision.considered:
        value = answers.get(qid)
        if tool.list_question(qid) is not None:
            assert isinstance(value, list)
            eligible = sum(1 for r in rank(value, profile.local_practice)[0] if r.eligible)
            reasons.append(LISTED_REASON.format(listed=len(value), eligible=eligible))
        elif isinstance(value, str):
            reasons.append(_answer_reason(tool, qid, value, profile))
    return reasons


def judgement_note(profile: Profile, urgent: bool = False) -> str:
    """Principle 5 of RULES.md, shown with every outcome. On an urgent outcome the advice line
    points to the safeguarding lead and the front door, never to an early help mailbox."""
    return _fill(texts.JUDGEMENT_URGENT if urgent else texts.JUDGEMENT, profile)


@dataclass(frozen=True)
class RuleShown:
    """How a matched rule with its actions reads in one profile: everything in an outcome that
    depends only on the rule, its actions and the profile, not on the rest of the answers."""

    recommendation: str
    title: str
    summary: str
    suggests_candidate: bool
    urgent: bool
    escalation: bool
    go_ahead: bool
    actions: tuple[tuple[str, str, tuple[str, ...], tuple[dict[str, str], ...]], ...]
    citations: tuple[dict[str, str], ...]
    rule_index: int
    judgement: str


_MEMO_LIMIT = 4096
_SHOWN: dict[tuple[int, ...], tuple[object, RuleShown]] = {}
"""``_shown`` by the identities of tool, rule, actions and profile; each entry keeps those
objects alive, so no id in its key can be reused while it stands. Bounded: a caller that makes
profiles afresh cannot grow it without end. About half an outcome's cost was presenting the
same few hundred rule, action and profile combinations again (tests/rules walk 220,000)."""


def rule_shown(tool: Tool, decision: Decision, profile: Profile) -> RuleShown:
    """A complete decision as this profile shows it (remembered; see ``_SHOWN``)."""
    assert decision.rule is not None
    key = (id(tool), id(decision.rule), id(profile), *map(id, decision.actions))
    entry = _SHOWN.get(key)
    if entry is not None:
        return entry[1]
    rule, actions = presented(decision.rule, decision.actions, profile)
    shown = RuleShown(
        recommendation=rule.code,
        title=_fill(rule.title, profile),
        summary=_fill(rule.summary, profile),
        suggests_candidate=rule.suggests_candidate,
        urgent=rule.urgent,
        escalation=rule.escalation,
        # Not a go-ahead while something must be agreed first (plan_safe_contact: the green
        # panel would read as "go ahead" above "before any contact, talk to your DSL today").
        go_ahead=rule.go_ahead and not any(a.holds_back for a in decision.actions),
        actions=tuple(
            (a.code, _fill(a.text, profile), tuple(source_tags(_concrete(a.citations))),
             tuple(c.as_dict() for c in _concrete(a.citations)))
            for a in actions
        ),
        citations=tuple(_citations(rule, actions)),
        # Which rule matched, by its place in the rules' order (a code several rules share is
        # ambiguous): the page highlights its path through the decision map with it.
        rule_index=next(i for i, r in enumerate(tool.rules) if r is decision.rule),
        judgement=judgement_note(profile, rule.urgent),
    )
    if len(_SHOWN) > _MEMO_LIMIT:
        _SHOWN.clear()
    _SHOWN[key] = ((tool, decision.rule, profile, decision.actions), shown)
    return shown


def outcome(tool: Tool, answers: Answers, profile: Profile) -> dict[str, Any]:
    """The JSON contract of RULES.md for validated answers."""
    decision = decide(tool, answers, profile)
    practitioners: PractitionerList | None = next(iter(tool.lists), None)
    listed = answers.get(practitioners.id) if practitioners else None
    assessed: list[dict[str, Any]] = []
    suggested: int | None = None
    if isinstance(listed, list):
        ranked, best = rank(listed, profile.local_practice)
        positions = rank_positions(ranked)
        assessed = [r.as_dict(positions.get(r.index)) for r in ranked]
        suggested = best
    result: dict[str, Any] = {
        "tool": tool.id,
        "profile": profile.id,
        "status": "needs_more",
        "next": list(decision.next),
        "recommendation": None,
        "title": "",
        "summary": "",
        "actions": [],
        "reasons": [],
        "citations": [],
        "suggested_candidate": None,
        "candidates": assessed,
        "relevant": [q for q in decision.considered if q in answers],
        "urgent": False,
        "escalation": False,
        "go_ahead": False,
        "emergency": [],
        "rule_index": None,
        "judgement": judgement_note(profile),
        "warnings": warnings(tool, answers, profile),
        "rules_version": RULES_VERSION,
    }
    if decision.rule is None:
        return result
    shown = rule_shown(tool, decision, profile)
    summary = shown.summary
    if shown.suggests_candidate and not listed:
        summary = f"{summary} {NOBODY_LISTED}"
    # Fresh lists and dicts for every result (a caller may change its copy; the memo stays).
    result.update(
        status="complete",
        recommendation=shown.recommendation,
        title=shown.title,
        summary=summary,
        actions=[
            {"code": code, "text": text, "citations": list(tags),
             "sources": [dict(s) for s in sources]}
            for code, text, tags, sources in shown.actions
        ],
        reasons=_reasons(tool, answers, decision, profile),
        citations=[dict(c) for c in shown.citations],
        suggested_candidate=suggested if shown.suggests_candidate else None,
        rule_index=shown.rule_index,
        urgent=shown.urgent,
        escalation=shown.escalation,
        go_ahead=shown.go_ahead,
        # Who to call (lp_rules.emergency), at the top of every urgent and escalation outcome.
        emergency=emergency.routes(profile) if shown.urgent or shown.escalation else [],
        judgement=shown.judgement,
    )
    if practitioners is None or practitioners.id not in result["relevant"]:
        # The outcome did not turn on the practitioners (safeguarding, social care leads, no
        # plan needed...): a ranking beside it would read as advice to act on it.
        result["candidates"] = []
    return result
