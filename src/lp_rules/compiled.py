"""The rules as data for the page's own evaluator: decisions at once, before (or without) Python.

``compile_tool(tool, profile)`` exports, for one checklist and one build, everything
``engine.decide`` and ``engine.outcome`` read to give ``status``, ``next``, ``relevant``,
``recommendation``, ``rule_index``, ``urgent``, ``escalation``, ``emergency``, ``title``, ``summary``, ``actions`` (texts,
tags, sources), ``citations``, ``suggested_candidate``, ``judgement`` and ``warnings``: the
questions' options, the answers that cannot stand together (each with its warning in plain
words, for beside an urgent outcome), the rules in order with their conditions as small trees, their
steps with their conditions, and every text already filled with the profile's terms and already
passed through ``engine.presented`` for that profile. The page's evaluator
(docs/assets/js/checklist/compiled.js) walks these tables the way ``engine.decide`` walks the
rules, so no rule, condition, text or ranking is written a second time; tests/site/
test_compiled.py compares the two on every answer set the page can hold.

The practitioner ranking is exported as what ``practitioners.assess`` gives each combination of a
practitioner's fields (-1: cannot lead; otherwise the ranking score), so the page only compares
exported numbers.

A condition kind this module does not know stops the build with its class name: exporting it
as something else would give the page a different rule.

decisions/0007-compiled-decisions.md says why this design, and what it measured.
"""

from __future__ import annotations

import itertools
from typing import Any

from . import emergency
from .checklists import practitioners as cand
from .checklists.common import HARM_SUSPECTED
from .engine import RULES_VERSION, judgement_note, presented
from .links import MAX_PRACTITIONERS_IN_LINK
from .model import (Action, AllOf, Always, AnswerIn, AnyOf, Condition, PractitionerList, Rule,
                    Tool)
from .profiles import Profile
from .presentation import every_source, short_name, tone
from .sources import Citation, source_tags
from .validate import candidate_fields, problems

FORMAT = 1
"""The compiled data's own format; the evaluator refuses any other."""


class UnknownCondition(TypeError):
    """A condition kind the exporter cannot write as data (a new kind needs a case here and in
    compiled.js)."""


def condition(c: Condition) -> list[Any]:
    """A condition as a small tree: ``["in", question, [values]]``, ``["all", [...]]``,
    ``["any", [...]]``, ``["always"]``, ``["no_eligible", question]``,
    ``["suggested", question, field, [values]]``."""
    if isinstance(c, AnswerIn):
        return ["in", c.question, sorted(c.values)]
    if isinstance(c, AllOf):
        return ["all", [condition(p) for p in c.parts]]
    if isinstance(c, AnyOf):
        return ["any", [condition(p) for p in c.parts]]
    if isinstance(c, Always):
        return ["always"]
    if isinstance(c, cand.NoEligibleCandidate):
        return ["no_eligible", *c.questions()]
    if isinstance(c, cand.SuggestedCandidate):
        return ["suggested", *c.questions(), c.field, sorted(c.values)]
    raise UnknownCondition(
        f"lp_rules.compiled cannot export a condition of kind {type(c).__name__}: add it to "
        "compiled.condition and to docs/assets/js/checklist/compiled.js"
    )


class _Tables:
    """Citations and presented actions, each written once and referred to by index."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.citations: list[dict[str, str]] = []
        self.actions: list[dict[str, Any]] = []

    def citation(self, c: Citation) -> int:
        entry = c.as_dict()
        if entry not in self.citations:
            self.citations.append(entry)
        return self.citations.index(entry)

    def action(self, a: Action) -> int:
        cited = tuple(c for c in a.citations if isinstance(c, Citation))
        entry: dict[str, Any] = {
            "code": a.code,
            "text": a.text.format(**self.profile.terms()),
            "citations": source_tags(cited),
            "sources": [self.citation(c) for c in cited],
        }
        if a.holds_back:  # only where true: the page's data stays small
            entry["holds_back"] = True
        if entry not in self.actions:
            self.actions.append(entry)
        return self.actions.index(entry)


def _rule(rule: Rule, tables: _Tables, tool_id: str, rule_index: int) -> dict[str, Any]:
    """One rule as the profile presents it. ``presented`` is applied to each step's action on
    its own and to none: what it adds whatever the actions (``tail``: "the guidance does not
    cover this" adds asking for support and recording) is kept apart from what each action
    becomes (itself, its citations narrowed, or nothing), so the page can put together the
    presentation of any set of included actions; the build checks that this composes on the
    rule's full list of actions, the test on every answer set."""
    profile = tables.profile
    shown, tail = presented(rule, (), profile)
    sources: list[Action] = []
    own: dict[Action, tuple[Action, ...]] = {}
    steps: list[list[Any]] = []
    for step in rule.steps:
        if not step.action.available_in(profile):
            continue  # engine.decide leaves it out before reading its condition
        if step.action not in sources:
            sources.append(step.action)
            alone = presented(rule, (step.action,), profile)[1]
            assert alone[len(alone) - len(tail):] == tail, f"{rule.code}: presented adds a tail"
            own[step.action] = alone[: len(alone) - len(tail)]
            assert len(own[step.action]) <= 1, f"{rule.code}: an action presented as several"
        mine = own[step.action]
        steps.append([
            None if step.when is None else condition(step.when),
            sources.index(step.action),
            tables.action(mine[0]) if mine else -1,
        ])
    whole = presented(rule, tuple(sources), profile)[1]
    assert whole == tuple(a for s in sources for a in own[s]) + tail, \
        f"{rule.code}: presented does not compose action by action"
    terms = profile.terms()
    cited = [tables.citation(c) for c in shown.citations if isinstance(c, Citation)]
    return {
        "when": condition(rule.when),
        "code": shown.code,
        "title": shown.title.format(**terms),
        "summary": shown.summary.format(**terms),
        "citations": cited,
        "urgent": shown.urgent,
        "escalation": shown.escalation,
        "go_ahead": shown.go_ahead,
        # The panel's look and kicker (presentation.tone: written once, for every view).
        "tone": dict(zip(("name", "kicker"), tone({"urgent": shown.urgent, "escalation":
                                                  shown.escalation, "go_ahead": shown.go_ahead}))),
        "suggests": shown.suggests_candidate,
        "steps": steps,
        "tail": [tables.action(a) for a in tail],
        "sources": _source_groups(tool_id, rule_index, tables),
    }


def _source_groups(tool_id: str, rule_index: int, tables: _Tables) -> list[list[Any]]:
    """The rule's sources as the outcome model groups them (presentation.every_source: the one
    grouping), as ``[tag, [citation index, ...]]``: the page lists, at once, those its outcome
    cites, in this order, until Python gives the outcome's own model."""
    index = {(c["source"], c["url"]): i for i, c in enumerate(tables.citations)}
    return [[g.tag, [index[(g.tag, s.url)] for s in g.sections]]
            for g in every_source(tool_id, rule_index, tables.profile)]

def ranking(listed: PractitionerList, profile: Profile) -> tuple[list[list[Any]], list[int]]:
    """Every combination of a practitioner's fields (the profile's options, in order; the first
    field varies slowest) and what ``practitioners.assess`` gives it: -1 when they cannot lead,
    else their score (higher is better placed; equal scores keep the order listed)."""
    fields = candidate_fields(profile, listed)
    keys = []
    for combo in itertools.product(*(f.option_ids for f in fields)):
        assessed = cand.assess(0, dict(zip((f.id for f in fields), combo)),
                               profile.local_practice)
        keys.append(assessed.score if assessed.eligible else -1)
    return [[f.id, list(f.option_ids)] for f in fields], keys


def _too_many(tool: Tool, listed: PractitionerList, profile: Profile) -> dict[str, str]:
    """The warning ``validate.problems`` gives beside an urgent outcome for each length of
    practitioner list it refuses otherwise (more than the checklist takes, no more than a link
    carries), written by the package for each length."""
    fields = candidate_fields(profile, listed)
    row = dict(zip(listed.field_ids, (f.option_ids[0] for f in fields)))
    texts = {}
    for count in range(listed.max_items + 1, MAX_PRACTITIONERS_IN_LINK + 1):
        found = problems(tool, {listed.id: [row] * count}, profile)
        [texts[str(count)]] = [p.plain for p in found if p.field == f"answers.{listed.id}"]
    return texts


def compile_tool(tool: Tool, profile: Profile) -> dict[str, Any]:
    """One checklist's compiled decisions for one build (see the module's docstring)."""
    tables = _Tables(profile)
    rules = [_rule(r, tables, tool.id, i) for i, r in enumerate(tool.rules)]
    data: dict[str, Any] = {
        "format": FORMAT,
        "tool": tool.id,
        "profile": profile.id,
        "rulesVersion": RULES_VERSION,
        "order": list(tool.question_ids),
        "options": {q.id: list(q.option_ids) for q in tool.questions},
        # validate.problems: refused, except beside an urgent outcome (validate.urgent), where
        # each is a warning in plain words.
        "urgentWhen": condition(HARM_SUSPECTED),
        "contradictions": [[condition(c.when), f"answers.{c.question}", c.plain]
                           for c in tool.contradictions],
        "rules": rules,
        "actions": tables.actions,
        "citations": tables.citations,
        # Each cited source's short name (presentation.short_name), for beside an action at
        # once: the page never derives one.
        "shortNames": {c["source"]: short_name(c["source"]) for c in tables.citations},
        "judgement": [judgement_note(profile), judgement_note(profile, urgent=True)],
        # Who to call on an urgent or escalation outcome (lp_rules.emergency), so the page shows
        # it at once, before Python has loaded.
        "emergency": emergency.routes(profile),
        # A go-ahead rule's panel when an action holds it back (engine.rule_shown's go_ahead).
        "heldTone": dict(zip(("name", "kicker"), tone({"urgent": False, "escalation": False,
                                                     "go_ahead": False}))),
    }
    for listed in tool.lists:
        fields, keys = ranking(listed, profile)
        data["candidates"] = {
            "question": listed.id,
            "max": listed.max_items,
            "linkMax": MAX_PRACTITIONERS_IN_LINK,
            "tooMany": _too_many(tool, listed, profile),
            "fields": fields,
            "keys": keys,
            "nobodyListed": cand.NOBODY_LISTED,
        }
    return data
