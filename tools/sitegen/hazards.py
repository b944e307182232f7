"""The safety page's generated parts: the hazard log (hazard-log.toml) as a summary table and as
one section per hazard.

The log is data so that a test can hold it to account (tests/site/test_hazard_log.py: every
hazard is complete and names tests that exist) and the page cannot drift from it. A log with a
missing or malformed field fails the build, naming the hazard and the field.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from .paths import ROOT

HAZARD_LOG = ROOT / "hazard-log.toml"

TEXT_FIELDS = ("id", "title", "cause", "effect", "residual_risk")
LIST_FIELDS = ("controls", "tests")
FIELDS = TEXT_FIELDS + LIST_FIELDS
ID_FORMAT = re.compile(r"H\d{2}")


@dataclass(frozen=True)
class Hazard:
    """One entry of the log; texts are Markdown within a line."""

    id: str
    title: str
    cause: str
    effect: str
    controls: tuple[str, ...]
    residual_risk: str
    tests: tuple[str, ...]

    @property
    def anchor(self) -> str:
        """The section's permanent link on the safety page, e.g. ``h01``."""
        return self.id.lower()


def _one_line(text: str) -> str:
    """TOML texts may wrap; the page wants each as one Markdown line."""
    return " ".join(text.split())


def problems(entry: Mapping[str, Any]) -> list[str]:
    """What is wrong with one raw entry of the log (empty when it is complete)."""
    name = entry.get("id", "a hazard with no id")
    found = [f"{name}: missing {f}" for f in FIELDS if f not in entry]
    found += [f"{name}: unknown field {f}" for f in entry if f not in FIELDS]
    for f in TEXT_FIELDS:
        if f in entry and not (isinstance(entry[f], str) and entry[f].strip()):
            found.append(f"{name}: {f} must be non-empty text")
    for f in LIST_FIELDS:
        value = entry.get(f)
        if f in entry and not (
            isinstance(value, list) and value
            and all(isinstance(v, str) and v.strip() for v in value)
        ):
            found.append(f"{name}: {f} must be a non-empty list of non-empty texts")
    if isinstance(entry.get("id"), str) and not ID_FORMAT.fullmatch(entry["id"]):
        found.append(f"{name}: id must be H and two digits, e.g. H01")
    return found


def parse(data: Mapping[str, Any]) -> list[Hazard]:
    """The hazards of a loaded log, in order; ValueError lists every problem at once."""
    entries = data.get("hazard", [])
    found = [p for entry in entries for p in problems(entry)]
    ids = [e.get("id") for e in entries]
    found += [f"{i}: id used more than once" for i in sorted({i for i in ids if ids.count(i) > 1})]
    if not entries:
        found.append("the log has no [[hazard]] entries")
    if found:
        raise ValueError("hazard-log.toml: " + "; ".join(found))
    return [
        Hazard(
            id=e["id"],
            title=_one_line(e["title"]),
            cause=_one_line(e["cause"]),
            effect=_one_line(e["effect"]),
            controls=tuple(_one_line(c) for c in e["controls"]),
            residual_risk=_one_line(e["residual_risk"]),
            tests=tuple(t.strip() for t in e["tests"]),
        )
        for e in entries
    ]


def load(path: Path = HAZARD_LOG) -> list[Hazard]:
    """The hazard log, checked."""
    return parse(tomllib.loads(path.read_text(encoding="utf-8")))


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def summary(hazards: list[Hazard]) -> str:
    """A table of every hazard, linking to its section."""
    rows = [
        f"| [{h.id}](#{h.anchor}) | {_cell(h.title)} | {len(h.controls)} | {len(h.tests)} |"
        for h in hazards
    ]
    return "\n".join(["| Hazard | What could go wrong | Controls | Tests |",
                      "|---|---|---|---|", *rows])


def section(hazard: Hazard) -> str:
    """One hazard as a page section with its own permanent link."""
    return "\n".join([
        f"## {hazard.id}: {hazard.title} {{#{hazard.anchor}}}",
        "",
        f"**Cause.** {hazard.cause}",
        "",
        f"**Effect.** {hazard.effect}",
        "",
        "**Controls** (what the checklists do):",
        "",
        *(f"- {c}" for c in hazard.controls),
        "",
        f"**Residual risk** (what is still possible, and what you must do): {hazard.residual_risk}",
        "",
        "**Tests that check the controls:**",
        "",
        *(f"- `{t}`" for t in hazard.tests),
        "",
    ])


def hazard_log(part: str) -> str:
    """A part of the safety page: ``"summary"`` (the table) or ``"hazards"`` (every section)."""
    hazards = load()
    if part == "summary":
        return summary(hazards)
    if part == "hazards":
        return "\n".join(section(h) for h in hazards)
    raise ValueError(f"hazard_log: unknown part {part!r}; valid: summary, hazards")
