"""The page's compiled decisions equal lp_rules.evaluate on every answer set the page can hold.

The page decides at once, before Python has loaded (or where it cannot), from the tables
lp_rules.compiled exports and the small evaluator docs/assets/js/checklist/compiled.js. Here
both run on the same answer sets and must agree on everything the compiled result carries:
status, next, relevant, recommendation, rule_index, urgent, title, summary, actions (codes,
texts, tags, sources), citations, suggested_candidate, judgement, warnings, rules_version; and
on the field named for answers the rules refuse.

"Every answer set the page can hold": for every checklist, in both builds, with local practice
on and off, each question either unanswered or given any of its options (so every full
combination, every partial set reached by following ``next`` from {}, and every set that keeps
answers the rules no longer need); who-should-lead's practitioners unlisted or any of the fixed
lists that reach every branch of the ranking (tests/rules/test_exhaustive.py), and hypothesis
draws further lists. Node runs once per checklist and build, on the whole batch.

Every answer set the page reaches (tests/rules/space.py's shared walk: the sets that ask, the
outcomes reached by following ``next``, and every full combination) is in the batch, with the
rules' result as the walk found it: the walk's workers keep each one's fingerprint (``walked``),
so those sets are evaluated once per run, not once for the rules' tests and again here. Only the
sets the walk does not reach (answers the rules no longer need, refused answers, and
who-should-lead's every combination with every fixed list) are evaluated here.

The size of all three checklists' data and the evaluator, compressed, is kept under the goal.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Iterable, Iterator

import brotli
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lp_rules import InvalidAnswers, evaluate, get_tool
from lp_rules.checklists import TOOLS
from lp_rules.checklists.practitioners import PRACTITIONERS
from lp_rules.compiled import UnknownCondition, compile_tool, condition
from lp_rules.profiles import DEFAULT_PROFILE, PROFILE_IDS, Profile
from lp_rules.validate import candidate_fields
from tests.rules import oracle
from tests.rules import space
from tests.rules.space import BUILDS, candidate_lists

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from bench.workload import EVALUATOR  # noqa: E402  (the bench weighs the same evaluator)

VARIANTS = [(b.profile_id, b.local_practice) for b in BUILDS]
VARIANT_IDS = [b.id for b in BUILDS]
FEWEST_ROLES = min(PROFILE_IDS, key=lambda p: len(oracle.PROFILE_ROLES[p]))
"""The authority with the fewest roles (its oracle table's): its lists use roles every area has."""
FIXED_LISTS = candidate_lists(FEWEST_ROLES)
"""Lists that reach every branch of the ranking, with roles every area has."""


def profile_for(profile_id: str, local: bool) -> Profile:
    return next(b.profile for b in BUILDS if (b.profile_id, b.local_practice) == (profile_id, local))


ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "js" / "compiled_runner.mjs"
SIZE_GOAL = 50_000
"""Issue 20: all three checklists' compiled data and the evaluator, compressed, per build."""

COMPARED = ("status", "next", "relevant", "recommendation", "rule_index", "urgent", "escalation", "go_ahead",
            "emergency", "title",
            "summary", "actions", "citations", "suggested_candidate", "judgement", "warnings",
            "rules_version")
UNANSWERED = object()


def run_compiled(data: dict[str, Any], cases: list[str], full: bool) -> list[Any]:
    """The page's evaluator on every case (answers as JSON, ``as_json``), in one Node process:
    each result's fingerprint (see ``fingerprint``), or with ``full`` the results themselves."""
    request = (f'{{"data":{json.dumps(data)},"fields":{json.dumps(COMPARED)},'
               f'"full":{json.dumps(full)},"cases":[{",".join(cases)}]}}')
    done = subprocess.run(["node", str(RUNNER)], input=request,
                          capture_output=True, text=True, check=True, timeout=1800)
    return json.loads(done.stdout) if full else done.stdout.split("\n")


_ANSWERS_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
"""json.dumps with these options, made once (json.dumps makes an encoder on every call)."""


def as_json(answers: dict[str, Any]) -> str:
    """An answer set as the JSON Node reads, and as the key that finds it among the walk's."""
    return _ANSWERS_ENCODER.encode(answers)


def expected(tool: str, answers: dict[str, Any], profile: Profile) -> dict[str, Any]:
    """What the rules give, as far as the compiled result carries it."""
    try:
        result = evaluate(tool, answers, profile)
    except InvalidAnswers as err:
        return {"status": "invalid", "field": err.field}
    return {k: result[k] for k in COMPARED}


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
"""One encoder for every fingerprint (json.dumps with options makes a new one each call: a
third of a fingerprint's cost)."""


RECENT = 4
"""How many of the last distinct results ``fingerprint`` remembers (see ``_recent``)."""

_recent: list[tuple[list[Any], tuple[type, ...], str]] = []
"""The compared fields, their types and the fingerprint of the last RECENT distinct results,
the latest first. A full path's result nearly always equals the asked path it completes
(principle 4) or the full path before it (98.7% of a build's full paths, measured): comparing
with ``==`` at C speed is a small part of encoding them as JSON again, which was a quarter of
a walk's time. The values themselves are kept, not copies: the package makes every result's
lists and dictionaries anew (engine.outcome), and the walk's checks read results without
changing them, so most of a comparison finds the same objects (a copy was twice as slow)."""


def fingerprint(result: dict[str, Any]) -> str:
    """The MD5 of the compared fields as JSON, as compiled_runner.mjs writes it (JSON.stringify
    and json.dumps without spaces and escapes agree on these texts).

    A result whose compared fields equal a recent one's, each field of the same type, has its
    fingerprint: equal values of the same types encode alike (``==`` alone would take True for
    1; the lists and dictionaries inside are the package's texts and codes, in the order its
    one outcome code builds them)."""
    shown = (["invalid", result["field"]] if result["status"] == "invalid"
             else [result.get(k) for k in COMPARED])
    types = tuple(map(type, shown))
    for n, (seen, seen_types, print_) in enumerate(_recent):
        if seen_types == types and seen == shown:
            if n:
                _recent.insert(0, _recent.pop(n))
            return print_
    encoded = _ENCODER.encode(shown)
    print_ = hashlib.md5(encoded.encode("utf-8")).hexdigest()
    _recent.insert(0, (shown, types, print_))
    del _recent[RECENT:]
    return print_


Walked = tuple[str, str, str]
"""An answer set the walk reached: its answers (``as_json``), the rules' status, fingerprint."""


@space.record
def walked(path: space.Path) -> Walked:
    """What the shared walk keeps of every answer set it reaches, for ``compare``."""
    return as_json(path.answers), path.result["status"], fingerprint(path.result)


STRIDE = int(os.environ.get("LP_COMPILED_STRIDE", "32"))
"""Of the sets with a question unanswered, every STRIDE-th is compared (every full set always).
Every set is 788,880 per build and variant under rules 2.1: 22 minutes on this 2-core machine,
too long for every ``make test``. ``make test-compiled-all`` (LP_COMPILED_STRIDE=1) compares
them all; the partial sets every run compares are spread over the whole space, with another
offset for each build, variant and checklist."""


def answer_sets(tool_id: str, lists: list[list[dict[str, str]]], stride: int = 1,
                offset: int = 0) -> Iterator[dict[str, Any]]:
    """Every set of answers the page can hold (each question unanswered or any option): all
    full sets, and of the others every ``stride``-th from ``offset``."""
    tool = get_tool(tool_id)
    choices = [[UNANSWERED, *q.option_ids] for q in tool.questions]
    ids = [q.id for q in tool.questions]
    for listed in tool.lists:
        choices.append([UNANSWERED, *lists])
        ids.append(listed.id)
    for n, combo in enumerate(itertools.product(*choices)):
        full = UNANSWERED not in combo
        if full or n % stride == offset % stride:
            yield {q: v for q, v in zip(ids, combo) if v is not UNANSWERED}


def compare(tool: str, profile: Profile, cases: list[dict[str, Any]],
            known: Iterable[Walked] = ()) -> set[str]:
    """Fail with the number of disagreements and the first few, each field that differs;
    return the statuses the rules gave (so a test can see its sets reach each kind).

    ``known``: answer sets compared too, with the rules' results as the walk found them; a case
    among them is not evaluated again."""
    data = compile_tool(TOOLS[tool], profile)
    found: dict[str, tuple[str, str]] = {}
    for text, status, print_ in known:
        assert found.setdefault(text, (status, print_)) == (status, print_), f"{text}: differs"
    texts = list(found)
    mine = [(text, answers) for answers in cases if (text := as_json(answers)) not in found]
    texts += [text for text, _ in mine]
    with ThreadPoolExecutor(1) as node:  # Node decides the batch while Python does, side by side
        compiled = node.submit(run_compiled, data, texts, False)
        for text, answers in mine:
            want = expected(tool, answers, profile)
            found[text] = want["status"], fingerprint(want)
        got = compiled.result()
    assert len(got) == len(texts)
    statuses = {status for status, _ in found.values()}
    wrong = [text for text, have in zip(texts, got) if have != found[text][1]]
    if not wrong:
        return statuses
    lines = []
    for text, result in zip(wrong[:5], run_compiled(data, wrong[:5], full=True)):
        answers = json.loads(text)
        want = expected(tool, answers, profile)
        have = {k: result.get(k) for k in want}
        lines.append(f"{answers}: (compiled, rules) "
                     f"{ {k: (have[k], want[k]) for k in want if have[k] != want[k]} }")
    pytest.fail(f"{len(wrong)} of {len(texts)} disagree:\n" + "\n".join(lines), pytrace=False)


@pytest.mark.parametrize("build", BUILDS, ids=VARIANT_IDS)
@pytest.mark.parametrize("tool", list(TOOLS))
def test_every_answer_set(tool: str, build: space.Build) -> None:
    lists = list(candidate_lists(build.profile_id))
    offset = BUILDS.index(build) * 7 + list(TOOLS).index(tool)
    cases = list(answer_sets(tool, lists, STRIDE, offset))
    reached = space.findings(build).records[(space.name_of(walked), tool)]
    statuses = compare(tool, build.profile, cases, reached)
    print(f"{tool} {build.id}: {len(cases)} answer sets compared (every full set; every "
          f"{STRIDE}th of the rest), and {len(reached)} the walk reached")
    assert statuses >= {"complete", "needs_more"}, "the sets reach outcomes and questions"


def test_refused_answers_name_the_field() -> None:
    """Answers a link could hold that the rules refuse: no advice, the same field named."""
    cases = [
        {"harm": "maybe"},
        {"harm": "no", "event": "lead_leaving", "family_agrees": 3},
    ]
    compare("change-lead", profile_for(DEFAULT_PROFILE, True), cases)
    who = [
        {"harm": "no", PRACTITIONERS.id: [{"role": "teacher"}]},
        {"harm": "no", PRACTITIONERS.id: [dict(FIXED_LISTS[1][0], role="astronaut")]},
        {"harm": "no", PRACTITIONERS.id: [dict(FIXED_LISTS[1][0], colour="red")]},
        {"harm": "no", PRACTITIONERS.id: FIXED_LISTS[1] * 9},
        # Principle 1: beside an urgent outcome, too many practitioners is a warning...
        {"harm": "yes", PRACTITIONERS.id: FIXED_LISTS[1] * 9},
        {"harm": "unsure", PRACTITIONERS.id: FIXED_LISTS[1] * 16},
        # ...but more than a link can carry, or a wrong value, is refused whatever harm says.
        {"harm": "yes", PRACTITIONERS.id: FIXED_LISTS[1] * 17},
        {"harm": "yes", PRACTITIONERS.id: [dict(FIXED_LISTS[1][0], role="astronaut")]},
        {"harm": "no", PRACTITIONERS.id: ["teacher"]},
        {"harm": "no", PRACTITIONERS.id: "teacher"},
    ]
    compare("who-should-lead", profile_for(FEWEST_ROLES, True), who)
    contradiction = {"harm": "no", "who": "young_person", "competence": "not_applicable"}
    for harm in ("no", "yes"):  # refused; beside an urgent outcome, a warning (principle 1)
        compare("consent-withdrawn", profile_for(DEFAULT_PROFILE, True), [dict(contradiction, harm=harm)])
    assert expected("consent-withdrawn", contradiction, profile_for(DEFAULT_PROFILE, True)) == {
        "status": "invalid", "field": "answers.competence"}


@settings(max_examples=8, deadline=None)
@given(st.sampled_from(VARIANTS), st.integers(min_value=0, max_value=2**32 - 1))
def test_drawn_practitioners(variant: tuple[str, bool], seed: int) -> None:
    """Hypothesis draws further practitioner lists: each example a batch of 200 answer sets
    from a seed it draws (one Node process per batch; hypothesis's own generation of nested
    lists this size is far slower than the check, and reading 200 of them from its own random
    source exceeds the data it allows an example)."""
    draw = random.Random(seed)
    profile = profile_for(*variant)
    tool = get_tool("who-should-lead")
    fields = candidate_fields(profile)
    cases = []
    for _ in range(200):
        answers: dict[str, Any] = {q.id: draw.choice(q.option_ids) for q in tool.questions}
        answers[PRACTITIONERS.id] = [{f.id: draw.choice(f.option_ids) for f in fields}
                                for _ in range(draw.randint(0, 8))]
        cases.append(answers)
    compare("who-should-lead", profile, cases)


def test_an_unknown_condition_kind_stops_the_build_by_name() -> None:
    class Moonphase:
        pass

    with pytest.raises(UnknownCondition, match="Moonphase"):
        condition(Moonphase())  # type: ignore[arg-type]


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_compressed_size_under_the_goal(profile_id: str) -> None:
    """All three checklists' data, as the pages carry it, and the evaluator, compressed."""
    profile = profile_for(profile_id, True)
    blob = b"".join(
        json.dumps(compile_tool(t, profile), ensure_ascii=False, separators=(",", ":")).encode()
        for t in TOOLS.values()
    ) + EVALUATOR.read_bytes()
    sizes = {"brotli": len(brotli.compress(blob, quality=11)), "gzip": len(gzip.compress(blob, 9))}
    print(f"{profile_id}: {len(blob)} bytes, compressed {sizes}")
    assert max(sizes.values()) <= SIZE_GOAL, sizes
