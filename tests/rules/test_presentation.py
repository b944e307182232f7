"""The outcome model (lp_rules.presentation), checked against what it promises every view.

Written from the contract, not the code: every source the outcome cites is listed once, with its
full title once and each section cited from it once, in first-cited order; every action's sources
are among them; the answers in words say which the outcome did not need; the practitioners are
listed in RULES.md's order of ranking (tests/rules/oracle.py), numbered, the suggested one first;
the tone follows the rules' flags; who to call comes exactly with an urgent or escalation
outcome; and the record,
which renders the model, lists each source once with its full title. Checked on every asked path of the
shared walk (tests/rules/space.py), so a model that drops, repeats or reorders a source fails on
the outcomes where that happens.
"""

from __future__ import annotations

import json

import pytest

from lp_rules import evaluate, get_tool, load_profile
from lp_rules.checklists.texts import OUTCOME_PRACTITIONERS
from lp_rules.bridge import handle
from lp_rules.compiled import compile_tool
from lp_rules.presentation import NOT_NEEDED, Outcome, group_sources, present, short_name, tone
from lp_rules.record import as_text, sections, text_of
from lp_rules.sources import AUTHORITY_TITLES, SOURCE_TITLES

from . import oracle, space

ROLES = {o.id: o.label for o in get_tool("who-should-lead").lists[0].fields[0].options}
"""Each role's label, as the page's editor offers it."""


_BEFORE: dict[tuple[str, str, int], set[tuple[tuple[str, str], tuple[str, str]]]] = {}
"""For each build, tool and rule, every pair of (document, section) listed one before the other
in an outcome of that rule so far."""

_HELD: set[tuple[tuple[str, str, int], tuple[tuple[str, str], ...]]] = set()
"""Each (build, tool and rule; order) that ``_check_order`` has passed. Checking it again would
pass again: its pairs are all in ``_BEFORE``, and no pair the other way round can have been added
since (the order that added it would have failed on this one's pair first). Most outcomes of a
rule list the same few orders, and checking every pair of each again was most of the check."""


def _check_order(model: Outcome, key: tuple[str, str, int]) -> None:
    """Whatever the answers include, a rule lists its sources in one order (RULES.md, "What the
    page receives"): no two of its outcomes list two sections, or two documents, the other way
    round. So the page's list from the compiled rule is never reordered when Python's arrives."""
    seen = _BEFORE.setdefault(key, set())
    order = tuple([(s.tag, "") for s in model.sources] + [
        (s.tag, c.url) for s in model.sources for c in s.sections])
    if (key, order) in _HELD:
        return
    for i, first in enumerate(order):
        for then in order[i + 1:]:
            if first[1] and then[1] and first[0] != then[0]:
                continue  # sections of two documents: the documents' order says it
            assert (then, first) not in seen, f"{then} listed before {first} in another outcome"
            seen.add((first, then))
    _HELD.add((key, order))


def _check_sources(model: Outcome, result: dict) -> None:
    cited = [(c["source"], c["url"]) for c in result["citations"]]
    tags = [s.tag for s in model.sources]
    assert len(tags) == len(set(tags)), f"a source listed twice: {tags}"
    listed = []
    for source in model.sources:
        assert source.title == SOURCE_TITLES[source.tag]
        assert source.short == short_name(source.tag)
        urls = [s.url for s in source.sections]
        assert len(urls) == len(set(urls)), f"{source.tag}: a section listed twice: {urls}"
        listed += [(source.tag, url) for url in urls]
    assert set(listed) == set(cited), "the sources listed are not the sources cited"
    for action in model.actions:
        assert action.sources, f"{action.code} cites nothing"
        for c in action.sources:
            assert (c.tag, c.url) in listed, f"{action.code} cites {c.tag} {c.url}, not in Sources"
            assert c.short == short_name(c.tag)
        tags_cited = {c.tag for c in action.sources}
        assert list(action.tags) == [t for t in SOURCE_TITLES if t in tags_cited]


def _check_answers(model: Outcome, result: dict, answers: dict) -> None:
    assert len(model.answers) == len(answers), "an answer left out of the answers in words"
    marked = sum(item.text.endswith(f" ({NOT_NEEDED})") for item in model.answers)
    assert marked == len(set(answers) - set(result["relevant"]))
    for item in model.answers:
        assert not item.sub or item.text.split(": ")[-1].split(" ")[0] == str(len(item.sub))


def _check_practitioners(model: Outcome, path: space.Path) -> None:
    """RULES.md's ranking, as the page lists it: every practitioner once when the outcome turned
    on the list (none otherwise); those who can lead first, best first (the keys in their
    order, ties in the order given), numbered 1 to n, the suggested one first and marked; then
    those who cannot lead, in the order entered; each with the rules' reasons for them. The
    suggestion says who, and why in one line, in the words the list and the record use."""
    r, lp = path.result, path.build.local_practice
    if not r["candidates"]:
        assert model.practitioners == ()
        return
    listed = path.answers["candidates"]
    can = sorted((i for i, c in enumerate(listed) if oracle.eligible(c, lp)),
                 key=lambda i: tuple(-k for k in oracle.rank_key(listed[i])) + (i,))
    cannot = [i for i, c in enumerate(listed) if not oracle.eligible(c, lp)]
    assert [p.index for p in model.practitioners] == can + cannot
    reasons = {c["index"]: tuple(c["reasons"]) for c in r["candidates"]}
    words = OUTCOME_PRACTITIONERS
    for place, p in enumerate(model.practitioners, start=1):
        assert p.who == f"Practitioner {p.index + 1}: {p.role}"
        assert p.role == ROLES[listed[p.index]["role"]]
        assert p.suggested == (p.index == r["suggested_candidate"])
        assert p.reasons == reasons[p.index] and p.reasons
        if p.index in can:
            assert p.place == place
            named = words["suggested_first"].format(who=p.who) if p.suggested else p.who
            assert p.headline == f"{place}. {named}"
        else:
            assert p.place is None and p.headline == words["cannot_lead"].format(who=p.who)
    if r["suggested_candidate"] is not None:
        first = model.practitioners[0]
        assert model.suggested is not None and first.suggested
        assert model.suggested.line == (
            f"Suggested to discuss first: Practitioner {first.index + 1}, {first.role}.")
        why = "; ".join(w[0].lower() + w[1:-1] if n else w[:-1] for n, w in enumerate(first.reasons))
        assert model.suggested.why == f"Why: {why}."


_COMPILED: dict[tuple[str, space.Build], dict] = {}


def _check_at_once(model: Outcome, path: space.Path) -> None:
    """The page lists, before Python, the sources of the compiled rule's groups that the outcome
    cites (outcome-view.js, compiledSources): the same documents and sections, in the same
    order, as the model, so that Python's list replaces the page's without moving a line."""
    key = (path.tool, path.build)
    if key not in _COMPILED:
        _COMPILED[key] = compile_tool(get_tool(path.tool), path.build.profile)
    data = _COMPILED[key]
    cited = {(c["source"], c["url"]) for c in path.result["citations"]}
    at_once = [(tag, data["citations"][i]["url"])
               for tag, indices in data["rules"][path.result["rule_index"]]["sources"]
               for i in indices if (tag, data["citations"][i]["url"]) in cited]
    assert at_once == [(s.tag, c.url) for s in model.sources for c in s.sections]


@space.check("asked")
def presents_itself(path: space.Path) -> None:
    r, answers = path.result, path.answers
    model = present(r, answers, path.build.profile)
    _check_sources(model, r)
    _check_order(model, (path.build.id, path.tool, r["rule_index"]))
    _check_answers(model, r, answers)
    _check_at_once(model, path)
    _check_practitioners(model, path)
    assert (model.tone, model.kicker) == tone(r)
    assert model.tone == ("urgent" if r["urgent"] else "warning" if r["escalation"]
                          else "go-ahead" if r["go_ahead"] else "outcome")
    assert bool(model.who_to_call) == bool(r["urgent"] or r["escalation"])
    assert (model.suggested is None) == (r["suggested_candidate"] is None)
    assert [a.code for a in model.actions] == [a["code"] for a in r["actions"]]
    assert len(model.why_not) == len(r.get("why_not", ()))
    assert len(model.what_would_change) == len(r.get("what_would_change", ()))
    # The record of this model (as the bridge makes it: one model per outcome, test_bridge_*).
    text = text_of(sections(r, answers, path.build.profile, "2026-12-07", model=model))
    listed = text.split("\nSources:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [line.split(": ", 1)[0] for line in listed] == [f"- {s.tag}" for s in model.sources]
    for source in model.sources:
        named = text.count(f"{source.tag}: {source.title}: ")
        assert named == 1, f"the record names {source.tag} {named} times"
    if model.suggested:  # the record names the practitioner in the panel's words
        assert text.count(f"\n{model.suggested.line}\n") == 1


@space.each_build
def test_every_outcome_presents_its_sources_once_and_every_action_cited(build: space.Build) -> None:
    space.assert_held(build, presents_itself)


def test_every_source_has_a_short_name_of_its_own() -> None:
    shorts = [short_name(tag) for tag in SOURCE_TITLES]
    assert len(set(shorts)) == len(shorts) >= 8, shorts
    for tag, title in SOURCE_TITLES.items():
        assert 5 < len(short_name(tag)) <= len(title), (tag, short_name(tag))
    for tag, title in AUTHORITY_TITLES.items():  # "Area: Role of ..." is "Area guidance"
        assert short_name(tag) == f"{title.split(': ')[0]} guidance"
    assert short_name("WT") == "Working Together to Safeguard Children 2026"  # no "(DfE)"


def test_sources_are_grouped_by_document_in_first_cited_order_each_section_once() -> None:
    def cite(source: str, url: str) -> dict[str, str]:
        return {"source": source, "section": f"section {url}", "url": url, "checked": ""}
    grouped = group_sources([cite("A", "a/#1"), cite("WT", "s/#1"), cite("A", "a/#2"),
                             cite("A", "a/#1"), cite("B", "a/#1")])
    assert [(g.tag, [s.url for s in g.sections]) for g in grouped] == [
        ("A", ["a/#1", "a/#2"]), ("WT", ["s/#1"]), ("B", ["a/#1"])]


def test_a_section_checked_against_an_old_edition_keeps_its_note() -> None:
    [source] = group_sources([{"source": "WT", "section": "S", "url": "u", "checked": "old"}])
    assert source.sections[0].checked == "old"


def test_only_a_complete_outcome_is_presented() -> None:
    result = evaluate("change-lead", {})
    with pytest.raises(AssertionError):
        present(result, {}, load_profile("merton"))


def test_the_bridge_sends_the_model_with_a_complete_outcome_only() -> None:
    """The page draws why, why not, what would change it and the sources from the bridge's
    ``presentation`` (docs/assets/js/checklist/outcome-view.js): the model itself, as JSON."""
    answers = {"harm": "no", "safety": "no", "event": "needs_met"}
    reply = json.loads(handle(json.dumps({"tool": "change-lead", "answers": answers})))
    result = reply["result"]
    shown = result["presentation"]
    expected = present(evaluate("change-lead", answers, explain=True), answers,
                       load_profile("merton")).as_data()
    assert shown == json.loads(json.dumps(expected))
    assert shown["reasons"] == result["reasons"] and shown["reasons"]
    assert [w["sentence"] for w in shown["why_not"]] == [w["sentence"] for w in result["why_not"]]
    assert {s["tag"] for s in shown["sources"]} == {c["source"] for c in result["citations"]}
    partial = json.loads(handle(json.dumps({"tool": "change-lead", "answers": {"harm": "no"}})))
    assert "presentation" not in partial["result"]


def test_the_bridge_presents_an_outcome_once_and_the_record_renders_that_model(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 23 item 3: one model per request, rendered as the record's text, its paper and the
    page's ``presentation`` (it was made three times). The ranked practitioners travel in it."""
    from lp_rules import bridge, record

    made: list[Outcome] = []

    def counted(*args: object) -> Outcome:
        made.append(present(*args))  # type: ignore[arg-type]
        return made[-1]

    monkeypatch.setattr(bridge, "present", counted)
    monkeypatch.setattr(record, "present", counted)
    row = {"relationship": "good", "family_view": "agrees", "main_needs": "yes", "capacity": "yes",
           "leaving_soon": "no"}
    answers = {"harm": "no", "safety": "no", "social_care": "none", "existing_plan": "no",
               "services": "several", "consent": "agreed", "young_person_can_consent": "yes",
               "candidates": [{**row, "role": "gp", "family_view": "objects"},
                              {**row, "role": "teacher"}]}
    request = {"tool": "who-should-lead", "answers": answers, "date": "2026-12-07", "page": "p/"}
    reply = json.loads(handle(json.dumps(request)))
    assert len(made) == 1
    result = evaluate("who-should-lead", answers, explain=True)
    made_again = (result, answers, load_profile("merton"), "2026-12-07", "p/")
    assert reply["record"] == as_text(*made_again)
    assert reply["result"]["record_sections"] == json.loads(json.dumps(record.as_data(*made_again)))
    shown = reply["result"]["presentation"]
    assert [p["headline"] for p in shown["practitioners"]] == [
        "1. Practitioner 2: Teacher (suggested to discuss first at the Team Around the Family)",
        "Practitioner 1: GP (cannot lead at present)"]
    assert shown["suggested"]["who"] == "Practitioner 2, Teacher."
