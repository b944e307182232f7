"""Share links across rules versions: what changed for links, declared once, and how an older
link is read under today's rules.

A share link carries the rules' major version (``v=2``). Links made before versions were
carried (rules 1.0) have none. A minor release (2.1) renames and removes nothing, so its links
keep the major version; it may add questions, which a link made before it does not answer:
those are asked, and the page says that the checklist now asks more. Trainers' slides and practitioners' case notes keep such links
for years, so an older link is never refused: its renamed ids are carried over, what no longer
exists is dropped so the checklist asks it again, and the page says so. The command line stays
strict (it accepts only today's ids); this is for links only.

A link's answers travel in the address's fragment (``…/tools/change-lead/#v=2&harm=no``), which
browsers never send to any host: not in the request line, not in a ``Referer``. Links made
before December 2026 carry them in the query (``?v=2&harm=no``): they are still read
(``link_text``), and the page moves them into the fragment as it opens them.

The page reads links with its own JavaScript reader (``docs/assets/js/checklist/links.js``),
which follows ``reader_rules``, the data below, and is tested equal to ``parse_query`` and
``read_link`` on the shared fixture and on generated links (tests/site/test_link_readers.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from .checklists import TOOLS, texts
from .checklists.practitioners import PRACTITIONERS
from .errors import InvalidAnswers
from .model import PractitionerList

VERSION_PARAM = "v"
"""The link parameter that carries the rules' major version."""
LINK_MARK = "#"
"""What comes between a checklist's address and a link's answers: the fragment, never sent."""
OUTCOME_PARAM = "outcome"
"""On a record's link: the outcome the rules gave when the record was made."""


@dataclass(frozen=True)
class LinkChanges:
    """What a release changed for links, per tool: ids renamed or removed (a major version),
    or questions added (a minor version: links keep the major version)."""

    major: int
    released: str
    version: str = ""
    """The release's version when it is a minor one ("2.1"); its major otherwise."""
    added_questions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """tool id -> question ids new in this release (a link made before it does not answer
    them: they are asked)"""
    renamed_questions: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """tool id -> {old question id: new question id}"""
    renamed_options: Mapping[str, Mapping[str, Mapping[str, str]]] = field(default_factory=dict)
    """tool id -> question id (new) -> {old option id: new option id}"""
    removed_questions: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """tool id -> question ids that no longer exist (their answers are dropped)"""
    removed_options: Mapping[str, Mapping[str, frozenset[str]]] = field(default_factory=dict)
    """tool id -> question id (new) -> option ids that no longer exist (the question is asked
    again)"""


RELEASES: tuple[LinkChanges, ...] = (
    LinkChanges(
        major=2,
        released="2026-11-25",
        renamed_questions={"who-should-lead": {"young_person_view": "young_person_can_consent"}},
        renamed_options={"who-should-lead": {"social_care": {"child_in_need": "referral_accepted"}}},
    ),
    LinkChanges(
        major=2,
        version="2.1",
        released="2026-12-06",
        added_questions={
            "who-should-lead": ("safety",),
            "change-lead": ("safety", "concern_about_lead"),
            "consent-withdrawn": ("safety", "other_parent_agrees"),
        },
    ),
)
"""Every release that changed links, oldest first. Rules 1.0 links carry no version."""

CURRENT_MAJOR = RELEASES[-1].major
LATEST_VERSION = RELEASES[-1].version or f"{CURRENT_MAJOR}.0"
"""Today's rules as the link notice names them ("2.1")."""
OLDEST_MAJOR = 1


@dataclass(frozen=True)
class LinkReading:
    """A link's answers as today's rules read them, and what reading it took."""

    answers: dict[str, object]
    made_with: int
    """The major version the link was made with (1 when it carries none)."""
    renamed: tuple[str, ...] = ()
    """Today's question ids whose answers were carried over from an old name or option id."""
    asked_again: tuple[str, ...] = ()
    """Today's question ids whose old answers no longer exist, so they are asked again."""
    ignored: tuple[str, ...] = ()
    """Parameters that are not questions of this checklist (tracking tags, safe-link wrappers)."""
    recorded_outcome: str | None = None
    """The outcome a record's link says the rules gave when the record was made (only one of
    the tool's outcome ids: anything else is left out, ``unknown_outcome``)."""
    version: str = "known"
    """How the link's ``v`` was read: ``known`` (absent, or a version that existed),
    ``older`` (older than any known: read as the oldest), ``newer`` (newer than this site's
    rules: read as far as today's rules can), ``unreadable`` (not ASCII digits: read as
    today's, every answer checked strictly)."""
    conflicting: tuple[str, ...] = ()
    """Today's question ids the link answers twice, under an old and a new name, differently:
    neither answer is kept, so the question is asked again."""
    unknown_outcome: bool = False
    """The link's ``outcome`` is not one of this checklist's outcomes (it is left out)."""

    @property
    def migrated(self) -> bool:
        return self.made_with < CURRENT_MAJOR

    def as_dict(self) -> dict[str, object]:
        """The reading as JSON, in the shape the page's own link reader (links.js) gives it."""
        return {
            "type": "link",
            "answers": self.answers,
            "made_with": self.made_with,
            "version": self.version,
            "renamed": list(self.renamed),
            "asked_again": list(self.asked_again),
            "conflicting": list(self.conflicting),
            "ignored": list(self.ignored),
            "recorded_outcome": self.recorded_outcome,
            "unknown_outcome": self.unknown_outcome,
        }


_VERSION = re.compile(r"([0-9]+)(?:\.[0-9]+)?")
"""``2`` or ``2.1``: ASCII digits only (``str.isdigit`` also accepts ``²`` and ``①``, which
``int`` refuses)."""


def _version(value: str | None) -> tuple[int, str]:
    """The major version a link says it was made with, and how it was read (``LinkReading``'s
    ``version``). A link is never refused for its version: its answers are still checked
    strictly by today's rules, and an urgent answer must still be shown (principle 1)."""
    if value is None:
        return OLDEST_MAJOR, "known"
    found = _VERSION.fullmatch(value)
    if found is None:
        return CURRENT_MAJOR, "unreadable"
    digits = found.group(1).lstrip("0") or "0"
    major = int(digits) if len(digits) <= 9 else 10**9  # beyond any real version: "newer"
    if major < OLDEST_MAJOR:
        return OLDEST_MAJOR, "older"
    if major > CURRENT_MAJOR:
        return major, "newer"
    return major, "known"


def _decode_candidates(practitioners: PractitionerList, text: str) -> list[dict[str, str]]:
    """``role.relationship.…~…`` rows; a row with more parts than fields is refused (an
    altered link must not have its extra parts silently dropped), and so is a list longer than
    any link can carry (before any row is decoded: a hostile link may hold thousands). A list of
    9 up to that many is left to the rules: refused, or a warning beside an urgent outcome."""
    if text == "":
        return []
    rows = text.split("~")
    field_ids = practitioners.field_ids
    if len(rows) > MAX_PRACTITIONERS_IN_LINK:
        field = f"answers.{practitioners.id}"
        raise InvalidAnswers(
            f"{field}: at most {practitioners.max_items} practitioners; got {len(rows)}",
            field=field,
        )
    decoded = []
    for i, row in enumerate(rows):
        parts = row.split(".")
        if len(parts) > len(field_ids):
            field = f"answers.{practitioners.id}[{i}]"
            raise InvalidAnswers(
                f"{field}: {len(parts)} parts; a practitioner has {len(field_ids)} "
                f"({'.'.join(field_ids)})", field=field)
        decoded.append({f: parts[i] for i, f in enumerate(field_ids) if i < len(parts) and parts[i]})
    return decoded


MAX_QUERY = 4096
"""The longest query a checklist link needs is well under 1 KB (8 practitioners)."""
MAX_VALUE = 400

_SHORTEST_ROW = (sum(min(len(o.id) for o in f.options) for f in PRACTITIONERS.fields)
                 + len(PRACTITIONERS.fields) - 1)
MAX_PRACTITIONERS_IN_LINK = (MAX_VALUE + 1) // (_SHORTEST_ROW + 1)
"""The most complete practitioners one link value can carry (16). A longer list is refused
whatever the answers; a list of 9 up to this many is refused too, except beside an urgent
outcome, where it is reported as a warning (RULES.md principle 1: "within the link reader's
size limits")."""


PROTOTYPE_NAMES = frozenset({
    "__proto__", "constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
    "toLocaleString", "toString", "valueOf", "__defineGetter__", "__defineSetter__",
    "__lookupGetter__", "__lookupSetter__",
})
"""Names every JavaScript object already has (``Object.prototype``'s members). No checklist,
tracking tag or email safe-link wrapper writes them; a link that holds one was made to attack the
page's JavaScript, so the whole link is refused, not read with that part ignored."""


def _unescape(text: str) -> str:
    """Percent-decoding of a query part ('+' is a space), without urllib.parse (left out of the
    browser's trimmed standard library); a malformed escape is kept as it is, and then refused
    as an invalid value."""
    raw = text.replace("+", " ").encode("utf-8")
    out = bytearray()
    i = 0
    while i < len(raw):
        if raw[i] == 0x25 and _is_hex(raw[i + 1:i + 3]):
            out.append(int(raw[i + 1:i + 3], 16))
            i += 3
        else:
            out.append(raw[i])
            i += 1
    return out.decode("utf-8", errors="replace")


def _is_hex(pair: bytes) -> bool:
    return len(pair) == 2 and all(c in b"0123456789abcdefABCDEF" for c in pair)


def link_text(address: str) -> str:
    """The part of an address that holds a link's answers: its fragment when that holds any
    parameter (``#v=2&harm=no``), otherwise its query (an older link, ``?v=2&harm=no``); ""
    when neither does. A fragment without ``=`` is a place on the page (``#decision-table``),
    not a link. The page reads its address the same way (links.js, ``linkText``)."""
    address, _, fragment = address.partition(LINK_MARK)
    if "=" in fragment:
        return fragment
    _, _, query = address.partition("?")
    return query


def share_link(page: str, tool_id: str, answers: Mapping[str, object],
               outcome: str | None = None) -> str:
    """The address that opens a checklist (``page``: its address, or a relative one such as
    ``../tools/change-lead/``) with these answers, in the fragment."""
    return f"{page}{LINK_MARK}{query_string(share_query(tool_id, answers, outcome))}"


def read_address(tool_id: str, address: str) -> LinkReading:
    """A whole address's link (fragment or older query form) read under today's rules."""
    return read_link(tool_id, parse_query(tool_id, link_text(address)))


def parse_query(tool_id: str, query: str) -> dict[str, str]:
    """A link's parameters (its fragment, or an older link's query: a leading ``#`` or ``?`` is
    skipped) as a mapping, refusing what no checklist link can hold: a
    question (or the version or outcome) given twice, a value or a query far longer than any
    link the checklist writes, a name of JavaScript's object prototype (``PROTOTYPE_NAMES``).
    Other parameters that are not questions are skipped, as ``read_link`` ignores them."""
    query = query[1:] if query[:1] in ("?", LINK_MARK) else query
    if len(query) > MAX_QUERY:
        raise InvalidAnswers(
            f"link: {len(query)} characters; a checklist link is at most {MAX_QUERY}", field="link"
        )
    known = set(TOOLS[tool_id].question_ids) | {VERSION_PARAM, OUTCOME_PARAM}
    known |= {old for r in RELEASES for old in r.renamed_questions.get(tool_id, {})}
    params: dict[str, str] = {}
    for part in query.split("&"):
        if not part:
            continue
        key, _, value = part.partition("=")
        key, value = _unescape(key), _unescape(value)
        if key in PROTOTYPE_NAMES:
            raise InvalidAnswers(f"link: {key!r} is not a parameter any link holds", field="link")
        if key not in known:
            continue
        field = f"answers.{key}"
        if key in params:
            raise InvalidAnswers(f"{field}: given more than once in the link", field=field)
        if len(value) > MAX_VALUE:
            raise InvalidAnswers(f"{field}: {len(value)} characters is not an answer", field=field)
        params[key] = value
    return params


def read_link(tool_id: str, params: Mapping[str, str]) -> LinkReading:
    """Today's answers from a link's query parameters (``tool_id`` must be a tool's id).

    Parameters that are not questions of the tool are ignored. A link from an older version
    is migrated through ``RELEASES``: renamed ids carried over, answers the releases declare
    removed are dropped (asked again). Anything else is left as given: the rules refuse an
    invalid value with a clear error, as for any answer, whatever version the link claims.
    """
    tool = TOOLS[tool_id]
    made_with, version = _version(params.get(VERSION_PARAM))
    values = {k: v for k, v in params.items() if k not in (VERSION_PARAM, OUTCOME_PARAM)}
    renamed: list[str] = []
    dropped: list[str] = []
    conflicting: list[str] = []
    for release in RELEASES:
        if release.major <= made_with:
            continue
        for old in release.removed_questions.get(tool_id, frozenset()):
            if old in values:
                del values[old]
        for question, gone in release.removed_options.get(tool_id, {}).items():
            if values.get(question) in gone:
                del values[question]
                dropped.append(question)
        for old, new in release.renamed_questions.get(tool_id, {}).items():
            if old not in values:
                continue
            given = values.pop(old)
            if values.setdefault(new, given) == given:
                renamed.append(new)  # said, even when the link also gave it under its new name
            else:
                # Two answers to one question: keeping either would be a guess.
                del values[new]
                conflicting.append(new)
        for question, options in release.renamed_options.get(tool_id, {}).items():
            if values.get(question) in options:
                values[question] = options[values[question]]
                renamed.append(question)
    known = set(tool.question_ids)
    answers: dict[str, object] = {}
    for key, value in values.items():
        if key not in known:
            continue
        practitioners = tool.list_question(key)
        answers[key] = _decode_candidates(practitioners, value) if practitioners else value
    order = {q: i for i, q in enumerate(tool.question_ids)}
    outcome = params.get(OUTCOME_PARAM) or None
    unknown_outcome = outcome is not None and outcome not in {r.code for r in tool.rules}
    return LinkReading(
        answers=answers,
        made_with=made_with,
        renamed=tuple(sorted(set(renamed) - set(dropped), key=order.__getitem__)),
        asked_again=tuple(sorted(dropped, key=order.__getitem__)),
        ignored=tuple(k for k in values if k not in known)
        + ((OUTCOME_PARAM,) if unknown_outcome else ()),
        recorded_outcome=None if unknown_outcome else outcome,
        version=version,
        conflicting=tuple(sorted(conflicting, key=order.__getitem__)),
        unknown_outcome=unknown_outcome,
    )


def reader_rules(tool_id: str) -> dict[str, object]:
    """Everything the page's link reader (links.js) needs to read a link of this checklist
    exactly as ``parse_query`` and ``read_link`` do, as JSON data for the page: the limits, the
    names, and what each release renamed or removed. The algorithm is written once on each
    side; these facts only here."""
    tool = TOOLS[tool_id]

    def pairs(mapping: Mapping[str, str]) -> list[list[str]]:
        return [[old, new] for old, new in mapping.items()]

    return {
        "versionParam": VERSION_PARAM,
        "outcomeParam": OUTCOME_PARAM,
        "currentMajor": CURRENT_MAJOR,
        "oldestMajor": OLDEST_MAJOR,
        "maxQuery": MAX_QUERY,
        "maxValue": MAX_VALUE,
        "maxListed": PRACTITIONERS.max_items,
        "maxRows": MAX_PRACTITIONERS_IN_LINK,
        "prototypeNames": sorted(PROTOTYPE_NAMES),
        "questions": list(tool.question_ids),
        "listQuestion": PRACTITIONERS.id,
        "fields": list(PRACTITIONERS.field_ids),
        "outcomes": [rule.code for rule in tool.rules],
        "releases": [
            {
                "major": r.major,
                "removedQuestions": sorted(r.removed_questions.get(tool_id, frozenset())),
                "removedOptions": [[q, sorted(gone)]
                                   for q, gone in r.removed_options.get(tool_id, {}).items()],
                "renamedQuestions": pairs(r.renamed_questions.get(tool_id, {})),
                "renamedOptions": [[q, pairs(options)]
                                   for q, options in r.renamed_options.get(tool_id, {}).items()],
            }
            for r in RELEASES
        ],
    }


def share_query(tool_id: str, answers: Mapping[str, object], outcome: str | None = None) -> list[tuple[str, str]]:
    """A link's query parameters for these answers, in asking order, version first (the
    checklist page writes the same format as the user answers)."""
    tool = TOOLS[tool_id]
    pairs = [(VERSION_PARAM, str(CURRENT_MAJOR))]
    for qid in tool.question_ids:
        if qid not in answers:
            continue
        value = answers[qid]
        practitioners = tool.list_question(qid)
        if practitioners and isinstance(value, list):
            value = "~".join(".".join(c.get(f, "") for f in practitioners.field_ids)
                             for c in value)
        pairs.append((qid, str(value)))
    if outcome:
        pairs.append((OUTCOME_PARAM, outcome))
    return pairs


def now_asked(tool_id: str, answers: Mapping[str, object], still_needed: Sequence[str]
              ) -> tuple[str, ...]:
    """Questions a later minor release added that a link made before it leaves unanswered and
    today's rules now ask (``still_needed``: the outcome's ``next``). A link that stops before
    such a question (it answers nothing asked after it) is only unfinished, not older."""
    order = TOOLS[tool_id].question_ids
    added = {q for r in RELEASES for q in r.added_questions.get(tool_id, ())}
    found = []
    for qid in still_needed:
        later = order[order.index(qid) + 1:] if qid in order else ()
        if qid in added and qid not in answers and any(q in answers for q in later):
            found.append(qid)
    return tuple(found)


def notice(tool_id: str, reading: LinkReading, asked_now: tuple[str, ...] = ()) -> str:
    """What the page tells the reader about an older link, in plain words ("" when nothing to
    say). ``asked_now``: the link's questions ``now_asked`` finds. The page adds a link to the
    "What changed" page."""
    tool = TOOLS[tool_id]

    def names(ids: tuple[str, ...]) -> str:
        return "; ".join((tool.list_question(q) or tool.question(q)).summary for q in ids)

    opening = {"newer": texts.LINK_NEWER, "older": texts.LINK_OLDER_THAN_ANY,
               "unreadable": texts.LINK_UNREADABLE}.get(reading.version)
    if opening is None and reading.migrated:
        opening = texts.LINK_EARLIER
    elif opening is None and asked_now:
        opening = texts.LINK_BEFORE_CHANGES
    parts = [opening.format(today=LATEST_VERSION, made_with=reading.made_with)] if opening else []
    for found, text in ((reading.renamed, texts.LINK_RENAMED),
                        (reading.conflicting, texts.LINK_CONFLICTING),
                        (reading.asked_again, texts.LINK_ASKED_AGAIN),
                        (asked_now, texts.LINK_ASKED_NOW)):
        if found:
            parts.append(text.format(names=names(found)))
    if parts and reading.migrated and not (reading.renamed or reading.conflicting
                                           or reading.asked_again or asked_now):
        parts.append(texts.LINK_UNCHANGED)
    if reading.unknown_outcome:
        parts.append(texts.LINK_UNKNOWN_OUTCOME)
    if parts:
        parts.append(texts.LINK_CHECK)
    return " ".join(parts)


_URL_SAFE = re.compile(r"[A-Za-z0-9_.~-]*")


def query_string(pairs: list[tuple[str, str]]) -> str:
    """``key=value&...`` for ids, which need no escaping. Written here rather than with
    urllib.parse, which the site's trimmed standard library leaves out of the browser."""
    for pair in pairs:
        for part in pair:
            if not _URL_SAFE.fullmatch(part):
                raise ValueError(f"not a URL-safe id: {part!r}")
    return "&".join(f"{key}={value}" for key, value in pairs)
