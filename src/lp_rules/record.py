"""The record of a decision, for case notes, download and print.

Written in Python so the browser, the CLI and the tests share one wording. It holds only the
categorical answers the checklist asked for: no names, nothing free-text about a family.

The record is a list of sections (``sections``), in the order a reader needs them: the outcome
first (after the date and, while the area has not approved the guide, the notice every page
shows; with any warning and the suggested practitioner), then who to call, what to do and why,
then the answers and the sources, then what identifies the record. Both the text record (Copy,
Download: ``as_text``) and the printed record (the page lays the same sections out as headed
lists: docs/assets/js/checklist/record-view.js) come from these sections, so the two never
differ in a word. The outcome's sections are a rendering of the outcome model
(lp_rules.presentation), which the page and the trainer's view render too.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Mapping, Sequence

from .checklists import TOOLS
from .checklists import texts as t
from .links import share_link
from .presentation import NOT_NEEDED as NOT_NEEDED  # the record's mark; tests read it here
from .presentation import Item, Outcome, present
from .profiles import Profile


ANSWERS = t.RECORD_ANSWERS
"""The heading of the answers' section: the trainer's view shows that section before the outcome
is revealed, as the scenario's answers."""

Style = Literal["title", "lead", "lines", "bullets", "numbered"]
"""How a section reads: ``title`` the record's own title (heading alone on its line);
``lead`` the outcome (its first item follows the heading: "Outcome: <title>"); ``lines`` items
as they are; ``bullets`` a "- " list; ``numbered`` a "1. " list. A section whose heading is
empty has items only (the closing judgement)."""


@dataclass(frozen=True)
class Section:
    heading: str
    style: Style
    items: tuple[Item, ...] = field(default_factory=tuple)


def _items(texts: Any) -> tuple[Item, ...]:
    return tuple(Item(t) for t in texts)


def _source_items(model: Outcome) -> tuple[Item, ...]:
    """Each source once, its full title once, then the sections the outcome cites from it."""
    return tuple(
        Item(f"{s.tag}: {s.title}: "
             + "; ".join(f"{c.section} ({c.checked})" if c.checked else c.section
                         for c in s.sections))
        for s in model.sources)


def _emergency_section(model: Outcome) -> list[Section]:
    """On an urgent or escalation outcome, who to call (lp_rules.emergency), before what to do:
    the same routes, written out, that the page shows as links."""
    if not model.who_to_call:
        return []
    return [Section(t.WHO_TO_CALL, "bullets", _items(model.who_to_call))]


def reopen_link(page: str, result: Mapping[str, Any], answers: Mapping[str, Any]) -> str:
    """The address that reopens exactly this decision, with the outcome it gave, so a later
    reader can see whether today's rules would give a different one. The answers are in the
    link's fragment, so opening it sends them to no host."""
    return share_link(page, result["tool"], answers, result["recommendation"])


def outcome_sections(result: Mapping[str, Any], answers: Mapping[str, Any], profile: Profile,
                     *, changes: bool = False) -> list[Section]:
    """The sections (``rendered``) of this result's outcome model (lp_rules.presentation)."""
    return rendered(present(result, answers, profile), changes=changes)


def rendered(model: Outcome, *, changes: bool = False) -> list[Section]:
    """The outcome model (lp_rules.presentation) as the record's sections, in the order a reader
    needs it: the outcome (with any warning and the suggested practitioner), who to call, what
    to do, why, why not the outcomes before it (with ``changes``, then what would change it),
    the answers and the sources. The record (``sections``) frames these with its title, date
    and what identifies it; the trainer's view (tools/sitegen/trainer.py) shows them inside a
    worked scenario, with what would change it, which a record of one's own decision does not
    carry."""
    outcome = [model.title, model.summary,
               *(t.RECORD_WARNING.format(warning=w) for w in model.warnings),
               *([model.suggested.line] if model.suggested else [])]
    why_not = [Section(t.RECORD_WHY_NOT, "bullets", _items(w.sentence for w in model.why_not))
               ] if model.why_not else []
    would_change = [Section(t.RECORD_WOULD_CHANGE, "bullets",
                            _items(c.sentence for c in model.what_would_change))
                    ] if changes and model.what_would_change else []
    return [
        Section(t.RECORD_OUTCOME, "lead", _items(outcome)),
        *_emergency_section(model),
        Section(t.RECORD_WHAT_TO_DO, "numbered",
                _items(f"{a.text} [{', '.join(a.tags)}]" for a in model.actions)),
        Section(t.RECORD_WHY, "bullets", _items(model.reasons)),
        *why_not,
        *would_change,
        Section(ANSWERS, "bullets", model.answers),
        Section(t.RECORD_SOURCES, "bullets", _source_items(model)),
    ]


def sections(result: Mapping[str, Any], answers: Mapping[str, Any], profile: Profile,
             date: str, page: str = "", *, model: Outcome | None = None) -> list[Section]:
    """The record of a complete outcome, section by section; ``date`` is the user's local date
    (YYYY-MM-DD) and ``page`` the checklist's address (without a query or fragment), for the
    link that reopens it; ``model``, the result's outcome model when the caller has made it
    already (the bridge sends it too), else made here."""
    tool = TOOLS[result["tool"]]
    about = [t.RECORD_PROFILE.format(area=profile.area, id=profile.id),
             t.RECORD_RULES_VERSION.format(version=result["rules_version"])]
    if page:
        about.append(t.RECORD_REOPEN.format(link=reopen_link(page, result, answers)))
    # While the area's governance is incomplete, the record says so as every page does: a
    # record must not travel without it.
    caution = ([t.RECORD_NOT_APPROVED.format(notice=profile.approval_notice)]
               if not profile.approved else [])
    return [
        Section(t.RECORD_TITLE.format(tool=tool.title), "title",
                _items([t.RECORD_DATE.format(date=date), *caution])),
        *rendered(model or present(result, answers, profile)),
        Section(t.RECORD_ABOUT, "lines", _items(about)),
        Section("", "lines", _items([result["judgement"]])),
    ]


def _section_text(section: Section) -> list[str]:
    if section.style == "title":
        head = [section.heading]
    elif section.style == "lead":
        first, *rest = section.items
        return [f"{section.heading}: {first.text}", *(item.text for item in rest)]
    else:
        head = [f"{section.heading}:"] if section.heading else []
    lines = []
    for i, item in enumerate(section.items, start=1):
        mark = {"bullets": "- ", "numbered": f"{i}. "}.get(section.style, "")
        lines.append(f"{mark}{item.text}")
        lines.extend(f"  {j}. {sub}" for j, sub in enumerate(item.sub, start=1))
    return head + lines


def text_of(record: Sequence[Section]) -> str:
    """A record's sections as plain text (Copy, Download): each section's lines, a blank line
    between."""
    return "\n\n".join("\n".join(_section_text(s)) for s in record) + "\n"


def data_of(record: Sequence[Section]) -> list[dict[str, Any]]:
    """A record's sections as JSON-ready data, for the page to lay out on paper:
    ``[{"heading", "style", "items": [{"text", "sub"}]}]``."""
    return [asdict(s) for s in record]


def as_text(result: Mapping[str, Any], answers: Mapping[str, Any], profile: Profile,
            date: str, page: str = "") -> str:
    """The record of a complete outcome as plain text (``text_of`` its ``sections``)."""
    return text_of(sections(result, answers, profile, date, page))


def as_data(result: Mapping[str, Any], answers: Mapping[str, Any], profile: Profile,
            date: str, page: str = "") -> list[dict[str, Any]]:
    """The record of a complete outcome as data (``data_of`` its ``sections``)."""
    return data_of(sections(result, answers, profile, date, page))
