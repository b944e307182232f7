"""The shared pass: every checklist's answer space, walked once per build and test session.

Checking a principle on every path used to mean that each test module ran every combination of
answers through ``evaluate()`` itself. Here the answer space is walked once per build (a profile
with its local practice on or off), and every check that a test module registers with
:func:`check` is applied to each path as it is reached; a test then asks for its check's
findings (:func:`findings`, :func:`assert_held`). Results are not kept, so memory stays small
whatever the size of the space; a test that needs something of every path's result (the page's
evaluator's comparison, tests/site/test_compiled.py) registers with :func:`record` a small value
the walk keeps for every path, so it need not evaluate those answer sets again. The first
request walks every build, side by side on the machine's cores (forked workers); a check that
reads only part of a path (its words, say) says what (``reads``) and runs once per distinct part
in each walk.

The walk starts from no answers and follows the rules' own ``next``, as the page does: at each
answer set that ``needs_more`` it answers ``next[0]`` with each option in turn. Each complete
outcome it reaches is an **asked** path (what the page shows; evaluated with ``explain=True``,
all of them in the first build and every :data:`EXPLAIN_EVERY`-th in the others, this is the
one place the tests read ``why_not`` and ``what_would_change``). Each asked path's
completions (every option of every question it did not ask) are the **full** paths, evaluated
plainly; they partition the full answer space, so every combination of answers is checked
exactly once, and each is compared with the asked path it completes (principle 4: nothing left
unasked could have changed the outcome). The ``needs_more`` answer sets are the **asking**
paths.

Who-should-lead's practitioner list has no finite space: where the rules ask for it, every list
in :data:`FIXED_LISTS` is tried; elsewhere each combination gets one list, taking the lists in
turn, and hypothesis draws more (tests/rules/test_exhaustive.py).

Inside Pyodide (tests/pyodide), which is several times slower, the full paths are thinned: only
every :data:`STRIDE`-th is checked (the environment variable ``LP_RULES_STRIDE``, which the
Pyodide runner sets to 8), and so are the asked paths explained; the run's summary says how
many of each were checked. Asked and asking paths are never thinned; the hypothesis tests draw
a STRIDE-th of their examples (:func:`examples`).
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import product
from typing import Any, Callable, Hashable, Iterable, Iterator

import pytest

from lp_rules import PROFILE_IDS, InvalidAnswers, Profile, evaluate, get_tool, load_profile

from . import oracle

TOOLS = ("who-should-lead", "change-lead", "consent-withdrawn")
KINDS = ("asking", "asked", "full")

STRIDE = int(os.environ.get("LP_RULES_STRIDE") or 1)
"""Check every STRIDE-th full path (1, the default: all of them; tests/pyodide sets 8)."""


def examples(count: int) -> int:
    """A hypothesis test's draws: ``count`` natively; inside Pyodide (STRIDE above 1) a
    STRIDE-th, at least 20. A draw finds a logic error of the package's, the same under either
    Python: the native run searches for those; inside Pyodide the draws only need to run the
    code they reach on Pyodide's Python and standard library (the hypothesis tests were more
    than half of the Pyodide run: 82 of 150 s)."""
    return count if STRIDE == 1 else max(count // STRIDE, 20)


EXPLAIN_EVERY = 8
"""In every build but the first (the default authority, local practice on), explain every
EXPLAIN_EVERY-th asked path (tests/rules/test_explain.py says why); thinned STRIDE times more in
Pyodide."""


@dataclass(frozen=True)
class Build:
    """A profile as built: an authority, with its local practice on or switched off."""

    profile_id: str
    local_practice: bool

    @property
    def id(self) -> str:
        return self.profile_id + ("" if self.local_practice else "-no-local")

    @property
    def profile(self) -> Profile:
        """Made once per session for each (authority, local practice), however many equal
        Builds ask (a check that reads another area's profile on every path made a new one
        each time: a tenth of a walk)."""
        key = (self.profile_id, self.local_practice)
        if key not in _PROFILES:
            loaded = load_profile(self.profile_id)
            if loaded.local_practice != self.local_practice:  # a new authority starts off
                loaded = replace(loaded, local_practice=self.local_practice)
            _PROFILES[key] = loaded
        return _PROFILES[key]


_PROFILES: dict[tuple[str, bool], Profile] = {}


BUILDS = tuple(Build(p, local) for local in (True, False) for p in PROFILE_IDS)

each_build = pytest.mark.parametrize("build", BUILDS, ids=[b.id for b in BUILDS])
"""Parametrise a test by build. Run these tests in one process: under pytest-xdist each worker
would walk every build (the first request walks them all, side by side: findings), and
--dist loadgroup does not keep groups together under pytest 9.2 with xdist 3.8 (the group
suffix it adds to node ids is lost)."""


def cand(**changes: str) -> dict[str, str]:
    """A good, willing practitioner, with some fields changed."""
    return dict(dict(role="teacher", relationship="good", family_view="agrees", main_needs="yes",
                     capacity="yes", leaving_soon="no"), **changes)


FIXED_LISTS: tuple[list[dict[str, str]], ...] = (
    [],                                                       # nobody listed: no suggestion
    [cand(family_view="preferred")],                          # a good one
    [cand(role="gp", family_view="not_asked")],               # ask the family
    [cand(family_view="objects")],                            # objects: nobody suitable
    [cand(relationship="poor")],                              # poor relationship
    [cand(capacity="no")],                                    # no capacity (LOCAL)
    [cand(leaving_soon="yes")],                               # only a leaver
    [cand(family_view="preferred", leaving_soon="yes"),       # stayer who agrees beats a
     cand(role="school_nurse")],                              # preferred leaver
    [cand(family_view="objects"), cand(role="gp", family_view="not_asked")],
    [cand(relationship="neutral"), cand(role="senco", main_needs="no")],  # relationship > needs
    [cand(), cand(role="gp", family_view="preferred", relationship="neutral")],  # view > rel.
    [cand(main_needs="no"), cand(role="health_visitor")],     # main needs break the tie
    [cand(), cand(role="senco")],                             # a tie keeps the order given
    [cand(family_view="preferred", capacity="no"), cand(role="gp")],  # capacity (LOCAL)
    [cand(family_view="not_asked", leaving_soon="yes"),
     cand(role="other", family_view="preferred", leaving_soon="yes")],  # leavers only
    [cand(family_view="objects"), cand(relationship="poor"), cand(capacity="no")],
    [cand(role=r, family_view=v, relationship=rel, leaving_soon=ls)   # eight, the most allowed
     for r, v, rel, ls in [("gp", "objects", "good", "no"), ("senco", "agrees", "poor", "no"),
                           ("other", "not_asked", "neutral", "yes"),
                           ("social_worker", "agrees", "neutral", "no"),
                           ("health_visitor", "preferred", "good", "yes"),
                           ("school_nurse", "agrees", "good", "no"),
                           ("family_support_worker", "not_asked", "good", "no"),
                           ("teacher", "agrees", "good", "no")]],
)
"""Practitioner lists that reach every branch of who-should-lead's ranking."""


def candidate_lists(profile_id: str) -> tuple[list[dict[str, str]], ...]:
    """The fixed lists, and one with a role only some areas have, where this area has it."""
    extra = [cand(role="family_wellbeing_practitioner", family_view="preferred")]
    has_role = "family_wellbeing_practitioner" in oracle.PROFILE_ROLES[profile_id]
    return FIXED_LISTS + ((extra,) if has_role else ())


# ---------------------------------------------------------------------------------------------
# The size of the space, from the contract's option counts (oracle.QUESTIONS) alone
# ---------------------------------------------------------------------------------------------


def size(tool: str, build: Build) -> int:
    """How many full paths the walk must reach: the contract's option counts multiplied, less
    the answer sets it refuses; for who-should-lead, once more for each extra practitioner list
    where the rules read the list."""
    counts = {qid: len(options) for qid, options in oracle.QUESTIONS[tool]}
    total = math.prod(counts.values()) - refused_size(tool)
    if tool == "who-should-lead":
        total += oracle.reaching_candidates() * (len(candidate_lists(build.profile_id)) - 1)
    return total


def refused_size(tool: str) -> int:
    """How many combinations of a tool's single-choice answers the contract refuses: for each
    refused combination of some questions' answers (oracle.REFUSED), every answer to the rest."""
    counts = {qid: len(options) for qid, options in oracle.QUESTIONS[tool]}
    return sum(math.prod(n for qid, n in counts.items() if qid not in pinned)
               for pinned in oracle.REFUSED.get(tool, ()))


def checked_size(tool: str, build: Build) -> int:
    """How many of those are checked with this run's STRIDE."""
    return math.ceil(size(tool, build) / STRIDE)


# ---------------------------------------------------------------------------------------------
# Paths and checks
# ---------------------------------------------------------------------------------------------


@dataclass
class Path:
    """One answer set on the walk, with the package's result for it."""

    kind: str  # "asking" (needs_more), "asked" (complete, explained) or "full" (every question)
    tool: str
    build: Build
    answers: dict[str, Any]
    result: dict[str, Any]
    asked: dict[str, Any] | None = None  # a full path: the asked path it completes
    walk: Walk | None = None

    @cached_property
    def texts(self) -> list[str]:
        """Everything a practitioner reads in the outcome (its explanation too, if asked)."""
        r = self.result
        return [r["title"], r["summary"], r["judgement"], *r["reasons"],
                *(a["text"] for a in r["actions"]),
                *(f'Not "{w["title"]}": {w["because"]}' for w in r.get("why_not", ())),
                *(f'If it were {c["answer"]}: {c["title"]}'
                  for c in r.get("what_would_change", ()))]

    def outcome_of(self, answers: dict[str, Any]) -> Outcome | None:
        """(status, recommendation, title) of other answers in this build, or None when they
        are refused (Walk.outcome_of)."""
        assert self.walk is not None
        return self.walk.outcome_of(answers)


Check = Callable[[Path], "str | Iterable[str] | None"]
"""A check raises AssertionError on a path that breaks it; any text it returns is tallied."""

Reads = Callable[[Path], Hashable]
"""Everything a check reads of a path besides its build and tool, as a hashable key."""

_CHECKS: dict[str, tuple[Check, tuple[str, ...], Reads | None]] = {}


def name_of(fn: Check) -> str:
    return f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"


def check(*kinds: str, reads: Reads | None = None) -> Callable[[Check], Check]:
    """Register a check to run on every path of these kinds, in every build's walk.

    ``reads``, for a check that reads only part of a path (its outcome's texts, say): a key of
    exactly what it reads. The walk then runs the check once per distinct key in each tool's
    walk and gives every path with that key the same verdict, still counted and tallied path by
    path (a full path's outcome repeats its asked path's words on thousands of combinations, and
    checking the same words again was most of a walk). A key that leaves out something the check
    reads would hide a failure: keep the key beside the check, built from the same fields."""
    assert kinds and set(kinds) <= set(KINDS), kinds

    def register(fn: Check) -> Check:
        name = name_of(fn)
        if _WALKED:
            raise RuntimeError(f"{name} was registered after a walk had started")
        _CHECKS[name] = (fn, kinds, reads)
        return fn
    return register


Record = Callable[[Path], Any]
"""What a recorder keeps of a path (small: the walk keeps it for every path of every kind)."""

_RECORDS: dict[str, Record] = {}


def record(fn: Record) -> Record:
    """Register a function whose value on every path (every kind, every tool) each build's walk
    keeps, in order (``Findings.records``): for a test that compares every answer set the page
    reaches with something else, so the package evaluates each of them once per run, here, and
    the values are worked out by the walk's workers, side by side."""
    name = name_of(fn)
    if _WALKED:
        raise RuntimeError(f"{name} was registered after a walk had started")
    _RECORDS[name] = fn
    return fn


def shown(path: Path) -> tuple[str, ...]:
    """A path's texts as a key (``reads``) for a check that reads nothing else."""
    return tuple(path.texts)


@dataclass
class Findings:
    """What one build's walk found: per check and tool, the kinds of failure (the first line
    of the message, how often, one example) and the texts the check tallied."""

    build: Build
    paths: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, tool)
    refused: Counter[str] = field(default_factory=Counter)  # tool: answer sets refused on the walk
    failures: dict[tuple[str, str], dict[str, list[Any]]] = field(
        default_factory=lambda: defaultdict(dict))
    tallies: dict[tuple[str, str], Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter))
    ran: Counter[tuple[str, str]] = field(default_factory=Counter)  # (check, tool): paths seen
    records: dict[tuple[str, str], list[Any]] = field(
        default_factory=lambda: defaultdict(list))  # (recorder, tool): its value on each path


_WALKED: dict[Build, Findings] = {}


Key = tuple[tuple[str, str], ...]


def _key(answers: dict[str, Any]) -> Key:
    """An answer set as a dictionary key (a practitioner list as its JSON; json.dumps of the
    whole set was a tenth of the walk)."""
    return tuple(sorted((qid, v if isinstance(v, str) else json.dumps(v, sort_keys=True))
                        for qid, v in answers.items()))


Outcome = tuple[str, "str | None", str]
"""(status, recommendation, title) of an answer set."""


class Walk:
    """One tool's walk in one build: first the tree of answer sets the page reaches (asking
    paths, visited at once), then each asked path with its completions."""

    def __init__(self, tool: str, build: Build, found: Findings) -> None:
        self.tool, self.build, self.found = tool, build, found
        self.questions = [(q.id, q.option_ids) for q in get_tool(tool).questions]
        self.lists = candidate_lists(build.profile_id)
        self.tree: dict[Key, str | Outcome] = {}  # answer set: its next question, or outcome
        self.memo: dict[Key, Outcome | None] = {}
        self.completed = 0  # full paths reached, checked or not (STRIDE)
        self.explain_every = STRIDE * (1 if build == BUILDS[0] else EXPLAIN_EVERY)
        self.turn = 0  # which fixed list a combination that does not read the list gets
        self.checks = {kind: [(name, fn, reads) for name, (fn, kinds, reads) in _CHECKS.items()
                              if kind in kinds]
                       for kind in KINDS}  # each path runs only its kind's checks
        self.verdicts: dict[tuple[str, str, Hashable], tuple[str | None, Any]] = {}
        self.records = [(keep, found.records[(name, tool)]) for name, keep in _RECORDS.items()]
        self.tallies: dict[str, Counter[str]] = {}  # each check's tally in found, once looked up

    def outcome_of(self, answers: dict[str, Any]) -> Outcome | None:
        """Follow the tree with these answers: where it reaches a complete outcome, that is
        theirs (answers the page did not ask for cannot change it: principle 4, checked on every
        full path); where it stops at a question they do not answer, evaluate them."""
        at: dict[str, Any] = {}
        while (step := self.tree.get(_key(at))) is not None:
            if not isinstance(step, str):
                return step
            if step not in answers:
                break
            at[step] = answers[step]
        key = _key(answers)
        if key not in self.memo:
            try:
                r = evaluate(self.tool, answers, self.build.profile)
                self.memo[key] = (r["status"], r["recommendation"], r["title"])
            except InvalidAnswers:
                self.memo[key] = None
        return self.memo[key]

    def options(self, qid: str) -> tuple[Any, ...]:
        return tuple(self.lists) if qid == "candidates" else dict(self.questions)[qid]

    def run(self) -> None:
        asked: list[tuple[dict[str, Any], dict[str, Any]]] = []
        stack: list[dict[str, Any]] = [{}]
        while stack:
            answers = stack.pop()
            try:
                result = evaluate(self.tool, answers, self.build.profile)
            except InvalidAnswers:
                self.found.refused[self.tool] += 1
                continue
            if result["status"] == "complete":
                self.tree[_key(answers)] = ("complete", result["recommendation"], result["title"])
                asked.append((answers, result))
                continue
            self.visit(Path("asking", self.tool, self.build, answers, result, walk=self))
            question = self.tree[_key(answers)] = result["next"][0]
            stack.extend(dict(answers, **{question: option})
                         for option in reversed(self.options(question)))
        for n, (answers, result) in enumerate(asked):
            if n % self.explain_every == 0:
                result = evaluate(self.tool, answers, self.build.profile, explain=True)
                self.found.paths[("explained", self.tool)] += 1
            self.visit(Path("asked", self.tool, self.build, answers, result, walk=self))
            for full in self.completions(answers):
                self.completed += 1
                if (self.completed - 1) % STRIDE:
                    continue
                plain = evaluate(self.tool, full, self.build.profile)
                self.visit(Path("full", self.tool, self.build, full, plain, asked=result,
                                walk=self))
        for kind in KINDS:  # each check saw every path of its kinds
            for name, _, _ in self.checks[kind]:
                self.found.ran[(name, self.tool)] += self.found.paths[(kind, self.tool)]

    def completions(self, answers: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """Every full answer set that agrees with these answers and is not refused."""
        missing = [(qid, options) for qid, options in self.questions
                   if qid not in answers and qid != "candidates"]
        for values in product(*(options for _, options in missing)):
            full = dict(answers, **dict(zip((qid for qid, _ in missing), values)))
            if oracle.is_invalid(self.tool, full):
                continue
            if self.tool == "who-should-lead" and "candidates" not in full:
                full["candidates"] = self.lists[self.turn % len(self.lists)]
                self.turn += 1
            yield full

    def visit(self, path: Path) -> None:
        """Run each check of the path's kind on it, tallying what it notes. The walk's own
        cost, besides the package's and the checks': kept lean (most paths run twenty checks
        that pass), with a check without ``reads`` called here rather than through ``_judge``."""
        self.found.paths[(path.kind, self.tool)] += 1
        for keep, kept in self.records:
            kept.append(keep(path))
        for name, fn, reads in self.checks[path.kind]:  # found.ran is counted at the end of run
            if reads is None:
                try:
                    noted = fn(path)
                except Exception as exc:
                    self.failed(name, _failure(exc), path)
                    continue
            else:
                key = (name, path.kind, reads(path))
                verdict = self.verdicts.get(key)
                if verdict is None:
                    verdict = self.verdicts[key] = _judge(fn, path)
                if verdict[0] is not None:
                    self.failed(name, verdict[0], path)
                    continue
                noted = verdict[1]
            if noted is None:
                continue
            tally = self.tallies.get(name)
            if tally is None:
                tally = self.tallies[name] = self.found.tallies[(name, self.tool)]
            if isinstance(noted, str):
                tally[noted] += 1
            else:
                tally.update(noted)

    def failed(self, name: str, failure: str, path: Path) -> None:
        """Count a failure: every kind of failure is reported, not only the first."""
        seen = self.found.failures[(name, self.tool)].setdefault(failure, [0, path])
        seen[0] += 1


def _failure(exc: Exception) -> str:
    """The first line of a check's failure."""
    return f"{type(exc).__name__}: {exc}".splitlines()[0][:300]


def _judge(fn: Check, path: Path) -> tuple[str | None, Any]:
    """Run a check on a path: (the first line of its failure, or None; what it tallied)."""
    try:
        noted = fn(path)
    except Exception as exc:
        return _failure(exc), None
    return None, noted if isinstance(noted, (str, type(None))) else tuple(noted)


def findings(build: Build) -> Findings:
    """This build's walk, done at the first request of the session: at the first request, every
    build of BUILDS not walked yet is walked, side by side on the machine's cores (each build's
    walk is independent of the others'; on a 2-core machine with a core free, this halves the
    wait)."""
    if build not in _WALKED:
        todo = [b for b in BUILDS if b not in _WALKED] if build in BUILDS else [build]
        for found in _walk_side_by_side(todo):
            _WALKED[found.build] = found
    return _WALKED[build]


def _walk(build: Build) -> Findings:
    """Walk one build with every check (in this process or in a worker)."""
    found = Findings(build)
    for tool in TOOLS:
        Walk(tool, build, found).run()
    for failures in found.failures.values():  # a failure's example travels without its walk
        for _, path in failures.values():
            path.walk = None
    return found


def _walk_side_by_side(builds: list[Build]) -> list[Findings]:
    """Each build's findings, in order: walked by forked workers, one per core, where the
    platform forks (a worker inherits every registered check); else one after the other
    (inside Pyodide, on one core, or for a single build)."""
    forks = sys.platform != "emscripten" and hasattr(os, "sched_getaffinity")
    workers = min(len(os.sched_getaffinity(0)) if forks else 1, len(builds))
    if workers < 2:
        return [_walk(b) for b in builds]
    import multiprocessing  # here: Pyodide cannot start a process, and need not import it

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(_walk, builds, chunksize=1)


def assert_held(build: Build, fn: Check, tools: Iterable[str] = TOOLS) -> Counter[str]:
    """Fail with every kind of failure of a check in this build (how often, one example);
    return what it tallied over those tools."""
    found = findings(build)
    name = name_of(fn)
    lines, tally = [], Counter[str]()
    for tool in tools:
        assert found.ran[(name, tool)], f"{name} ran on no path of {tool}"
        tally.update(found.tallies[(name, tool)])
        for message, (count, path) in sorted(found.failures[(name, tool)].items(),
                                             key=lambda kv: -kv[1][0]):
            lines.append(f"{tool} in {build.id}, {count} {path.kind} paths: {message}\n"
                         f"    e.g. {path.answers}")
    if lines:
        pytest.fail("\n".join(lines[:40]), pytrace=False)
    return tally


def summary() -> list[str]:
    """Lines for the end of the run: what the walks covered, so a thinned run says so."""
    lines = []
    for build, found in _WALKED.items():
        parts = []
        for tool in TOOLS:
            full = found.paths[("full", tool)]
            whole = size(tool, build)
            thinned = f" (every {STRIDE}th)" if STRIDE > 1 else ""
            parts.append(f"{tool} {full} of {whole} full{thinned}, "
                         f"{found.paths[('asked', tool)]} asked "
                         f"({found.paths[('explained', tool)]} explained), "
                         f"{found.paths[('asking', tool)]} asking")
        lines.append(f"rules space, {build.id}: " + "; ".join(parts))
    return lines
