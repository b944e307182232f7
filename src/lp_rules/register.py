"""The national sources register: which edition of each national source the site rests on.

National guidance changes (Working Together 2026 replaced the 2023 edition), so the project keeps
one register (``national_sources.toml``, data, not prose) of every national citation tag: its
source's title, edition, dates, the edition it replaced, its address, whether it is statutory and,
for an Act, whether each cited provision is in force as far as a source shows it. For each
national section of the site's national-guidance page it records the edition the section was
checked against, per tag, and when. :func:`edition_note` turns a check against a replaced edition
into the plain-words note the page and the citations show (RULES.md, "National sources register").

Standard library only, and the file is read with ``importlib.resources``, so this runs in Pyodide
as it does natively. A malformed register fails loudly, listing every problem at once.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

REGISTER_FILE = "national_sources.toml"
IN_FORCE_VALUES: tuple[str, ...] = ("in force", "not yet in force", "check")
"""What a provision's status may be: ``check`` means no source read settles it."""

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class RegisterError(ValueError):
    """The register file is malformed; the message lists every problem."""


class NotInRegister(LookupError):
    """A tag or a (tag, section) pair the register does not hold."""


@dataclass(frozen=True)
class When:
    """A date known to the day, the month or only the year (as the sources show it)."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: object) -> "When":
        """``2026-03-18``, ``2026-03`` or ``2026``; ValueError names the text otherwise."""
        match = _DATE.fullmatch(text) if isinstance(text, str) else None
        if not match:
            raise ValueError(f"{text!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        date(year, month or 1, day or 1)  # raises ValueError for 2026-02-30, month 13...
        return cls(year, month, day)

    @property
    def first_day(self) -> date:
        """The earliest day it can mean, for ordering."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{v:02d}" for v in (self.month, self.day) if v]
        return "-".join(parts)

    @property
    def phrase(self) -> str:
        """``on 18 March 2026``, ``in March 2026`` or ``in 2024``, for a sentence."""
        return f"{'on' if self.day else 'in'} {self}"

    def __str__(self) -> str:
        """Plain words: ``18 March 2026``, ``March 2026`` or ``2026``."""
        if self.month is None:
            return str(self.year)
        month = f"{_MONTHS[self.month - 1]} {self.year}"
        return month if self.day is None else f"{self.day} {month}"


@dataclass(frozen=True)
class Provision:
    """One provision of an Act that the site cites, and whether it is in force as checked."""

    ref: str
    what: str
    in_force: str
    checked_on: When
    evidence: str
    note: str = ""


@dataclass(frozen=True)
class Source:
    """One national source: the publication a citation tag stands for."""

    tag: str
    title: str
    publisher: str
    kind: str
    statutory: bool
    edition: str
    published: When
    published_confirmed: bool
    url: str
    confirmed_from: tuple[str, ...]
    replaces: str | None = None
    replaced_on: When | None = None
    note: str = ""
    provisions: tuple[Provision, ...] = ()


@dataclass(frozen=True)
class Check:
    """The edition of one source that one section was checked against, and when."""

    tag: str
    edition: str
    checked_on: When
    checked_from: str = ""


@dataclass(frozen=True)
class Point:
    """One section of the national-guidance page, with a check per tag it cites."""

    anchor: str
    checks: tuple[Check, ...]

    def check(self, tag: str) -> Check:
        for check in self.checks:
            if check.tag == tag:
                return check
        raise NotInRegister(
            f"the national sources register has no check of {tag} for the section "
            f"'{self.anchor}': add one to {REGISTER_FILE}"
        )


@dataclass(frozen=True)
class Register:
    """Every national source (by tag) and every national section (by anchor), in file order."""

    sources: dict[str, Source]
    points: dict[str, Point]

    def source(self, tag: str) -> Source:
        try:
            return self.sources[tag]
        except KeyError:
            raise NotInRegister(
                f"the national sources register has no source tagged {tag!r}; it holds: "
                + ", ".join(self.sources)
            ) from None

    def point(self, anchor: str) -> Point:
        try:
            return self.points[anchor]
        except KeyError:
            raise NotInRegister(
                f"the national sources register has no section '{anchor}' of the "
                f"national-guidance page: add it to {REGISTER_FILE}"
            ) from None

    def edition_note(self, tag: str, anchor: str) -> str:
        """"" when the section was checked against the edition of ``tag`` in force; otherwise
        a plain-words note that it was checked only against the edition since replaced."""
        source = self.source(tag)
        check = self.point(anchor).check(tag)
        if check.edition == source.edition:
            return ""
        assert source.replaced_on is not None  # parse(): any other edition is the replaced one
        return (
            f"Checked against the {check.edition} edition; the {source.edition} edition "
            f"replaced it {source.replaced_on.phrase}, and this point has not been re-checked "
            "against it yet."
        )

    def superseded(self) -> list[tuple[Point, Check]]:
        """Every (section, check) checked only against a replaced edition, in file order."""
        return [(point, check) for point in self.points.values() for check in point.checks
                if check.edition != self.sources[check.tag].edition]


# --- Reading the file ------------------------------------------------------------------------

_SOURCE_TEXT = ("tag", "title", "publisher", "kind", "edition", "url")
_PROVISION_TEXT = ("ref", "what", "in_force", "evidence")


def _text(entry: Mapping[str, Any], key: str, name: str, found: list[str]) -> str:
    value = entry.get(key)
    if not (isinstance(value, str) and value.strip()):
        found.append(f"{name}: {key} must be non-empty text")
        return ""
    return " ".join(value.split())


def _when(entry: Mapping[str, Any], key: str, name: str, found: list[str]) -> When:
    try:
        return When.parse(entry.get(key))
    except ValueError as error:
        found.append(f"{name}: {key}: {error}")
        return When(1)


def _provision(raw: Mapping[str, Any], name: str, found: list[str]) -> Provision:
    name = f"{name} {raw.get('ref', '(no ref)')}"
    values = {k: _text(raw, k, name, found) for k in _PROVISION_TEXT}
    if values["in_force"] and values["in_force"] not in IN_FORCE_VALUES:
        found.append(f"{name}: in_force must be one of: " + ", ".join(IN_FORCE_VALUES))
    return Provision(checked_on=_when(raw, "checked_on", name, found),
                     note=" ".join(str(raw.get("note", "")).split()), **values)


def _source(raw: Mapping[str, Any], found: list[str]) -> Source:
    name = f"source {raw.get('tag', '(no tag)')}"
    values = {k: _text(raw, k, name, found) for k in _SOURCE_TEXT}
    if not isinstance(raw.get("statutory"), bool):
        found.append(f"{name}: statutory must be true or false")
    confirmed = raw.get("confirmed_from")
    if not (isinstance(confirmed, list) and confirmed and all(isinstance(u, str) for u in confirmed)):
        found.append(f"{name}: confirmed_from must list the pages the source was checked against")
        confirmed = []
    replaces = raw.get("replaces")
    if ("replaces" in raw) != ("replaced_on" in raw):
        found.append(f"{name}: replaces and replaced_on go together")
    return Source(
        statutory=bool(raw.get("statutory")),
        published=_when(raw, "published", name, found),
        published_confirmed=raw.get("published_confirmed", True) is not False,
        confirmed_from=tuple(confirmed),
        replaces=replaces if isinstance(replaces, str) else None,
        replaced_on=_when(raw, "replaced_on", name, found) if "replaced_on" in raw else None,
        note=" ".join(str(raw.get("note", "")).split()),
        provisions=tuple(_provision(p, name, found) for p in raw.get("provision", [])),
        **values,
    )


def _point(raw: Mapping[str, Any], sources: Mapping[str, Source], found: list[str]) -> Point:
    name = f"section {raw.get('anchor', '(no anchor)')}"
    anchor = _text(raw, "anchor", name, found)
    checks = []
    for rc in raw.get("check", []):
        tag = _text(rc, "tag", name, found)
        edition = _text(rc, "edition", f"{name} {tag}", found)
        source = sources.get(tag)
        if source is None:
            found.append(f"{name}: {tag} is not a source in the register")
        elif edition not in (source.edition, source.replaces):
            found.append(f"{name}: {tag} edition {edition!r} is neither the edition in force "
                         f"({source.edition!r}) nor the one it replaced ({source.replaces!r})")
        checks.append(Check(tag=tag, edition=edition,
                            checked_on=_when(rc, "checked_on", f"{name} {tag}", found),
                            checked_from=" ".join(str(rc.get("from", "")).split())))
    tags = [c.tag for c in checks]
    if not checks:
        found.append(f"{name}: needs at least one [[point.check]]")
    found += [f"{name}: {t} checked twice" for t in sorted({t for t in tags if tags.count(t) > 1})]
    return Point(anchor=anchor, checks=tuple(checks))


def parse(data: Mapping[str, Any]) -> Register:
    """The register from the loaded TOML; RegisterError lists every problem at once."""
    found: list[str] = []
    sources = [_source(raw, found) for raw in data.get("source", [])]
    by_tag = {s.tag: s for s in sources}
    points = [_point(raw, by_tag, found) for raw in data.get("point", [])]
    for kind, keys in (("tag", [s.tag for s in sources]), ("anchor", [p.anchor for p in points])):
        found += [f"{kind} {k} used more than once" for k in sorted({k for k in keys if keys.count(k) > 1})]
    if not sources or not points:
        found.append("the register needs [[source]] and [[point]] entries")
    if found:
        raise RegisterError(f"{REGISTER_FILE}: " + "; ".join(found))
    return Register(sources=by_tag, points={p.anchor: p for p in points})


@lru_cache(maxsize=1)
def load() -> Register:
    """The package's register, checked (read once)."""
    text = resources.files(__package__).joinpath(REGISTER_FILE).read_text(encoding="utf-8")
    return parse(tomllib.loads(text))


def edition_note(tag: str, anchor: str) -> str:
    """"" when the section ``anchor`` of the national-guidance page was checked against the
    edition of ``tag`` in force; else a plain-words note such as "Checked against the 2023
    edition; the 2026 edition replaced it on 18 March 2026, and this point has not been
    re-checked against it yet." NotInRegister when the pair is not registered."""
    return load().edition_note(tag, anchor)
