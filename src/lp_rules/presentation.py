"""An outcome as a reader meets it: one model, written once, that every view renders.

``present(result, answers, profile)`` turns the rules' result (the JSON contract) into what a
practitioner reads: the panel's tone and kicker, the title and summary, any warning, the
practitioner suggested and why, the practitioners listed in the order to read them, who to
call, every action with its sources by short name, why, why not the outcomes before it, what
would change it, the answers in words and the sources grouped by document. The record
(lp_rules.record: text for Copy and Download, the printed record), the trainer's view
(tools/sitegen/trainer.py) and the checklist page (the bridge sends the model as
``presentation``; docs/assets/js/checklist/outcome-view.js draws the suggestion's words, the
practitioners, the reasons, why not, what would change it and the sources from it) all render
this model, so no view ranks practitioners, groups sources, shortens a source's name or words an
answer a second time. A list of practitioners is found by its kind (``Tool.lists``), never by
its id. The page's decision drawn at once, before Python, comes from the compiled rules
(lp_rules.compiled), which carry each citation's short name from :func:`short_name` here; the
page names the suggested practitioner at once from the same words (CHECKLIST_SCRIPT) and the
list's role labels in its data, and takes the model's words when Python gives them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass, replace
from typing import Any, Mapping, Sequence

from . import emergency
from .checklists import TOOLS
from .checklists import texts as t
from .checklists.practitioners import NONE_LISTED
from .model import PractitionerList
from .profiles import Profile
from .engine import presented
from .sources import SOURCE_TITLES, Citation

NOT_NEEDED = t.RECORD_NOT_NEEDED
"""Marks an answer given but not used by the outcome: kept, as the page keeps it, never dropped,
so the record shows everything the practitioner said and which of it decided."""


@functools.cache
def short_name(tag: str) -> str:
    """A source's short name, for beside an action, from its full title: a local authority's
    guidance "Area: Role of ..." is "Area guidance", a national one loses its publisher
    ("(DfE)"). The full title is given once, under Sources. (Remembered: SOURCE_TITLES is
    fixed, and every action of every outcome asks.)"""
    title = SOURCE_TITLES[tag]
    area, colon, _ = title.partition(": ")
    if colon and area:
        return f"{area} guidance"
    return re.sub(r"\s*\([^)]*\)\s*$", "", title)


def tone(result: Mapping[str, Any]) -> tuple[str, str]:
    """How the outcome's panel looks and what its kicker says, from the rules' own data: an
    urgent outcome (principle 1) acts now; an escalation is a warning; only an outcome that
    confirms the practitioner can go ahead has the green panel; any other outcome is plain.
    Returns (tone, kicker). The compiled rules carry each rule's (lp_rules.compiled), which the
    checklist page shows at once."""
    if result["urgent"]:
        return "urgent", t.KICKER_URGENT
    if result.get("escalation"):
        return "warning", t.KICKER_ESCALATION
    return ("go-ahead" if result.get("go_ahead") else "outcome"), t.KICKER_OUTCOME


@dataclass(frozen=True)
class Item:
    """One line, with the numbered lines that belong under it (the practitioners listed, under
    "Practitioners who could lead")."""

    text: str
    sub: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cited:
    """One source an action rests on: its tag, the source's short name, the section of this
    site's guidance (``url``, site-root-relative) and, for a point checked only against an
    edition since replaced, the register's note (``checked``, else "")."""

    tag: str
    short: str
    section: str
    url: str
    checked: str


@dataclass(frozen=True)
class ActionShown:
    """One action: its code, its words, its sources' tags in the catalogue's order, and each
    source it cites."""

    code: str
    text: str
    tags: tuple[str, ...]
    sources: tuple[Cited, ...]


@dataclass(frozen=True)
class SourceSection:
    """A section of a source that the outcome cites, once."""

    section: str
    url: str
    checked: str


@dataclass(frozen=True)
class Source:
    """One document the outcome cites: its tag, full title (given once) and short name, then
    each section cited from it, once, grouped as the rule groups them (rule_sources)."""

    tag: str
    title: str
    short: str
    sections: tuple[SourceSection, ...]


@dataclass(frozen=True)
class WhyNot:
    """An outcome before this one in the rules' order, and the sentence that rules it out."""

    recommendation: str
    sentence: str


@dataclass(frozen=True)
class Change:
    """One answer (``question`` = ``answer``) that alone would give another outcome."""

    question: str
    answer: str
    sentence: str


@dataclass(frozen=True)
class Suggestion:
    """The practitioner suggested to discuss first, in the panel's words: ``label`` ("Suggested
    to discuss first:", which the page sets in bold), ``who`` ("Practitioner 2, GP.") and
    ``why``, their reasons in one line ("Why: Not leaving soon; the family prefers them; ...").
    ``line`` is how the record and the trainer's view say it; the page adds ``why``."""

    index: int
    label: str
    who: str
    why: str

    @property
    def line(self) -> str:
        return f"{self.label} {self.who}"


@dataclass(frozen=True)
class Practitioner:
    """One practitioner listed, as the outcome shows them under "Practitioners you listed":
    ``index``, their place in the list as entered (0-based); ``role`` in words; ``who``, their
    card's title ("Practitioner 2: GP"); ``place``, 1 to n among those who can lead, best first
    (None: they cannot lead at present); ``suggested``; ``headline``, all of that as the page
    says it ("1. Practitioner 2: GP (suggested to discuss first ...)"); and ``reasons``, the
    rules' reasons for them (why they cannot lead first)."""

    index: int
    role: str
    who: str
    place: int | None
    suggested: bool
    headline: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """A complete outcome as it is read (the module's docstring says who renders it).
    ``suggested`` names the practitioner suggested (None when the outcome suggests nobody);
    ``practitioners`` are those listed, in the order to read them (empty unless the outcome
    turned on the list); ``who_to_call`` each emergency route in words (empty unless urgent or
    an escalation); ``what_would_change`` is empty unless the result was explained."""

    tool: str
    recommendation: str
    tone: str
    kicker: str
    title: str
    summary: str
    warnings: tuple[str, ...]
    suggested: Suggestion | None
    practitioners: tuple[Practitioner, ...]
    who_to_call: tuple[str, ...]
    actions: tuple[ActionShown, ...]
    reasons: tuple[str, ...]
    why_not: tuple[WhyNot, ...]
    what_would_change: tuple[Change, ...]
    answers: tuple[Item, ...]
    sources: tuple[Source, ...]
    judgement: str

    def as_data(self) -> dict[str, Any]:
        """The model as JSON-ready data (the bridge's ``presentation``)."""
        return asdict(self)


def _cited(c: Mapping[str, str]) -> Cited:
    return Cited(tag=c["source"], short=short_name(c["source"]), section=c["section"],
                 url=c["url"], checked=c.get("checked", ""))


def group_sources(citations: Sequence[Mapping[str, str]]) -> tuple[Source, ...]:
    """Each document once, in first-cited order, with each section cited from it once."""
    sections: dict[str, dict[str, SourceSection]] = {}
    for c in citations:
        found = sections.setdefault(c["source"], {})
        found.setdefault(c["url"], SourceSection(c["section"], c["url"], c.get("checked", "")))
    return tuple(Source(tag, SOURCE_TITLES[tag], short_name(tag), tuple(found.values()))
                 for tag, found in sections.items())


def rule_sources(result: Mapping[str, Any], profile: Profile) -> tuple[Source, ...]:
    """The outcome's sources (its ``citations``) grouped as its rule groups every source it can
    cite: the rule's own citations, then every action it can include, whether or not these
    answers include it (each document where the rule first cites it, each section where it
    first cites it). The page lists an outcome's sources at once from the compiled rule, grouped
    the same way (lp_rules.compiled), so Python's list, which replaces it, never reorders it;
    grouped by first citation in this outcome alone, the two differed in 2,581 of the default
    area's 3,972 outcomes."""
    cited = {(c["source"], c["url"]) for c in result["citations"]}
    groups = (replace(g, sections=tuple(s for s in g.sections if (g.tag, s.url) in cited))
              for g in every_source(result["tool"], result["rule_index"], profile))
    return tuple(g for g in groups if g.sections)


@functools.lru_cache(maxsize=4096)
def every_source(tool_id: str, rule_index: int, profile: Profile) -> tuple[Source, ...]:
    """Every source a rule can cite in this profile, grouped (remembered: the same few hundred
    rules are presented for every outcome)."""
    rule = TOOLS[tool_id].rules[rule_index]
    every = tuple(dict.fromkeys(s.action for s in rule.steps if s.action.available_in(profile)))
    shown, actions = presented(rule, every, profile)
    return group_sources([c.as_dict() for c in (*shown.citations,
                                                *(c for a in actions for c in a.citations))
                          if isinstance(c, Citation)])


def answer_items(tool_id: str, answers: Mapping[str, Any], profile: Profile,
                 relevant: frozenset[str]) -> tuple[Item, ...]:
    """The answers in words, each question's summary and the option chosen, those the outcome
    did not use marked (NOT_NEEDED); a practitioner list as its count, each practitioner under it."""
    tool = TOOLS[tool_id]
    items = []
    terms = profile.terms()

    def note(question_id: str) -> str:
        return "" if question_id in relevant else f" ({NOT_NEEDED})"

    for question in tool.questions:
        value = answers.get(question.id)
        if isinstance(value, str):
            label = question.option(value).label.format(**terms)
            items.append(Item(f"{question.summary}: {label}{note(question.id)}"))
    for asked in tool.lists:
        listed = answers.get(asked.id)
        if not isinstance(listed, list):
            continue
        count = len(listed) or NONE_LISTED
        practitioners = []
        for c in listed:
            parts = [
                f"{f.summary.lower()}: {f.option(c[f.id]).label.lower()}" for f in asked.fields
                if f is not asked.role_field
            ]
            role = asked.role_field.option(c[asked.role_field.id]).label
            practitioners.append(f"{role} ({'; '.join(parts)})")
        items.append(Item(f"{asked.summary}: {count}{note(asked.id)}", tuple(practitioners)))
    return tuple(items)


def _ranked_list(result: Mapping[str, Any]) -> PractitionerList | None:
    """The list question whose practitioners the result ranks (``candidates``, RULES.md): the
    tool's list question the outcome turned on, found by its kind (``Tool.lists``)."""
    if not result["candidates"]:
        return None
    return next(q for q in TOOLS[result["tool"]].lists if q.id in result["relevant"])


def _labels(asked: PractitionerList, row: Mapping[str, str], index: int) -> dict[str, str]:
    """What the list's words fill in for one practitioner: their number and each answer's label
    (as the page's editor names them: practitioners-view.js)."""
    return {"n": str(index + 1), **{f.id: f.option(row[f.id]).label for f in asked.fields}}


def reasons_line(reasons: Sequence[str]) -> str:
    """A practitioner's reasons as one line: "The family prefers them; good relationship with
    the family." (each reason is a sentence of its own in the rules)."""
    parts = [(r[0].lower() + r[1:] if i else r).removesuffix(".") for i, r in enumerate(reasons)]
    return "; ".join(parts) + "."


def _suggestion(result: Mapping[str, Any], answers: Mapping[str, Any]) -> Suggestion | None:
    """The practitioner the outcome suggests (``suggested_candidate``), in the panel's words."""
    suggested = result.get("suggested_candidate")
    if suggested is None:
        return None
    [asked] = TOOLS[result["tool"]].lists
    role = _labels(asked, answers[asked.id][suggested], suggested)[asked.role_field.id]
    # In the panel's words (the page's, CHECKLIST_SCRIPT, which it shows at once, before
    # Python): one wording wherever it is read.
    words = t.CHECKLIST_SCRIPT
    chosen = next((c for c in result["candidates"] if c["index"] == suggested), None)
    why = (t.OUTCOME_PRACTITIONERS["suggested_why"].format(reasons=reasons_line(chosen["reasons"]))
           if chosen else "")
    return Suggestion(suggested, words["suggested"],
                      words["suggested_who"].format(n=suggested + 1, role=role), why)


def ranked(result: Mapping[str, Any], answers: Mapping[str, Any]) -> tuple[Practitioner, ...]:
    """The practitioners listed in the order to read them: the suggested one first, the others
    who can lead by the rules' rank, numbered, then those who cannot lead at present, in the
    order entered; each with the rules' reasons."""
    asked = _ranked_list(result)
    if asked is None:
        return ()
    words = t.OUTCOME_PRACTITIONERS
    suggested = result.get("suggested_candidate")

    def key(c: Mapping[str, Any]) -> tuple[int, int]:
        first = 0 if c["index"] == suggested else 1 if c["eligible"] else 2
        return first, c["rank"] if c["eligible"] else c["index"]

    shown = []
    place = 0
    for c in sorted(result["candidates"], key=key):
        labels = _labels(asked, answers[asked.id][c["index"]], c["index"])
        who = asked.editor.title.format_map(labels)
        is_suggested = c["index"] == suggested
        if c["eligible"]:
            place += 1
            named = words["suggested_first"].format(who=who) if is_suggested else who
            headline = f"{place}. {named}"
        else:
            headline = words["cannot_lead"].format(who=who)
        shown.append(Practitioner(c["index"], labels[asked.role_field.id], who,
                                  place if c["eligible"] else None, is_suggested, headline,
                                  tuple(c["reasons"])))
    return tuple(shown)


def present(result: Mapping[str, Any], answers: Mapping[str, Any], profile: Profile) -> Outcome:
    """The model of a complete outcome (``result``: lp_rules.evaluate's, for these answers and
    this profile; explained, if what would change it is to be shown)."""
    assert result["status"] == "complete", "only a complete outcome is presented"
    name, kicker = tone(result)
    return Outcome(
        tool=result["tool"],
        recommendation=result["recommendation"],
        tone=name,
        kicker=kicker,
        title=result["title"],
        summary=result["summary"],
        warnings=tuple(result.get("warnings", ())),
        suggested=_suggestion(result, answers),
        practitioners=ranked(result, answers),
        who_to_call=tuple(emergency.route_lines(result.get("emergency") or [])),
        actions=tuple(ActionShown(a["code"], a["text"], tuple(a["citations"]),
                                  tuple(_cited(s) for s in a["sources"]))
                      for a in result["actions"]),
        reasons=tuple(result["reasons"]),
        why_not=tuple(WhyNot(w["recommendation"], w["sentence"])
                      for w in result.get("why_not", ())),
        what_would_change=tuple(Change(c["question"], c["answer"], c["sentence"])
                                for c in result.get("what_would_change", ())),
        answers=answer_items(result["tool"], answers, profile, frozenset(result["relevant"])),
        sources=rule_sources(result, profile),
        judgement=result["judgement"],
    )
