"""The trainer's view of the worked scenarios: one scenario per screen, predict, then reveal.

Everything the page shows is worked out here, at build time, for the profile being built: the
checklist's possible outcomes (its decision table's titles), and each scenario's outcome as the
rules present it: its outcome model (``lp_rules.presentation.present``) rendered as the record
renders it (``lp_rules.record.rendered``: the same sections, headings and words as the record,
with what would change it), in the panel's tone and kicker. The scenario's answers are that
model's "Answers" section, shown before the reveal; which of them the outcome did not need is
marked only once it is revealed. The page needs no Python in the browser. Without JavaScript every scenario is shown
in turn with its outcome inside a ``<details>`` element; docs/assets/js/trainer.js turns the same
markup into one scenario per screen, with keyboard navigation and the room's prediction.

Search keeps what only this page says: each scenario's outcome and what to do (the model's
numbered section). The rest is marked ``data-search-exclude`` (Material's search leaves it out):
the scenario's story and the trainer's note, which search finds on the scenarios page; the
possible outcomes and the answers, which repeat from scenario to scenario; and the outcome's
other sections (who to call, why, why not, what would change it, sources), written from the
answers and the rules' tables. Indexed, they made the search index, which every page loads,
about 12 % larger (brotli).

A scenario's number is its place in training-scenarios.toml, the same ``scenario-N`` as on the
scenarios page, so a trainer's link ``trainer/#scenario-N`` stays the same scenario.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from lp_rules import evaluate, schema
from lp_rules.checklists.texts import TRAINER_PAGE, TRAINER_SCRIPT
from lp_rules.profiles import Profile
from lp_rules.presentation import NOT_NEEDED, Item, Outcome, present
from lp_rules.record import ANSWERS, Section, rendered

from . import scenarios
from .mailto import link_emails_html

STYLESHEET = "../assets/css/trainer.css"  # relative to the page, trainer/
MARK = f" ({NOT_NEEDED})"


def _e(text: object) -> str:
    """Text between tags: ``<``, ``>`` and ``&`` escaped; quotes need no escaping there (an
    apostrophe as ``&#x27;`` cost 508 × 5 bytes on the page)."""
    return escape(str(text), quote=False)


def _a(value: object) -> str:
    """An attribute's value, quotes escaped too."""
    return escape(str(value))


def outcomes(tool: dict[str, Any]) -> list[tuple[str, str]]:
    """The checklist's possible outcomes, (recommendation, title), once each, in the rules' order."""
    seen: dict[str, str] = {}
    for row in tool["decision_table"]:
        seen.setdefault(row["recommendation"], row["title"])
    return list(seen.items())


def _text(text: str) -> str:
    """An item's words: escaped, addresses as mailto links, and the record's "not needed for
    this outcome" mark in its own span, which trainer.css shows only once the outcome is
    revealed (before, it would give away part of the answer)."""
    words = text.removesuffix(MARK)
    mark = f'<span class="lp-trainer-mark">{_e(MARK)}</span>' if words != text else ""
    return link_emails_html(_e(words)) + mark


def _item(item: Item, tag: str) -> str:
    sub = "".join(f"<li>{_text(t)}</li>" for t in item.sub)
    return f"<{tag}>{_text(item.text)}" + (f"<ol>{sub}</ol>" if sub else "") + f"</{tag}>"


def _section(section: Section) -> str:
    """One of the model's listed sections, as record-view.js lays out the record: its heading,
    then its items, numbered or not as its style says. Search keeps only the numbered one (what
    to do)."""
    tag = "ol" if section.style == "numbered" else "ul"
    unsearched = "" if section.style == "numbered" else " data-search-exclude"
    items = "".join(_item(i, "li") for i in section.items)
    return (f'<div class="lp-trainer-part"{unsearched}><h3>{_e(section.heading)}</h3>'
            f'<{tag}>{items}</{tag}></div>')


def _panel(n: int, section: Section, model: Outcome) -> str:
    """The model's outcome section as the page's panel, in the model's tone and kicker: its
    title, then its other lines."""
    title, *rest = section.items
    lines = "".join(f'<p class="lp-panel-summary">{_text(i.text)}</p>' for i in rest)
    return (f'<div class="lp-panel lp-panel--{model.tone}" data-recommendation="{_a(model.recommendation)}">'
            f'<p class="lp-panel-kicker">{model.kicker}</p>'
            f'<h3 id="lp-trainer-outcome-{n}">{_e(title.text)}</h3>{lines}</div>')


def _outcome_html(n: int, s: dict[str, Any], model: Outcome, shown: list[Section]) -> str:
    lead, *rest = shown
    teach = (f'<div class="lp-trainer-teach" data-search-exclude><h3>{_e(TRAINER_PAGE["for_trainer"])}</h3>'
             f'<p>{_e(s["teach"])}</p></div>' if s.get("teach") else "")
    link = scenarios.link(s["tool"], s["answers"])
    return (
        f'<div class="lp-trainer-outcome" id="scenario-{n}-outcome">'
        f'<p class="lp-trainer-verdict" data-trainer-verdict data-search-exclude hidden></p>'
        + _panel(n, lead, model)
        + "".join(_section(part) for part in rest if part.heading != ANSWERS)
        + teach
        + f'<p class="lp-trainer-open"><a href="{_a(link)}">{_e(TRAINER_PAGE["open"])}</a></p>'
        "</div>"
    )


def _scenario_html(n: int, total: int, s: dict[str, Any], tool: dict[str, Any],
                   result: dict[str, Any], profile: Profile) -> str:
    model = present(result, s["answers"], profile)
    shown = rendered(model, changes=True)
    answers = next(part for part in shown if part.heading == ANSWERS)
    choices = []
    possible = outcomes(tool)
    if result["recommendation"] not in dict(possible):  # e.g. guidance_silent, without local practice
        possible.append((result["recommendation"], result["title"]))
    for i, (code, title) in enumerate(possible, start=1):
        key = str(i) if i < 10 else ("0" if i == 10 else "")
        choices.append(
            f'<li class="lp-trainer-choice" data-choice="{_a(code)}" data-key="{key}">'
            f'<span class="lp-trainer-choice-key">{key}</span> '
            f'<span class="lp-trainer-choice-title">{_e(title)}</span></li>'
        )
    return (
        f'<section class="lp-trainer-scenario" id="scenario-{n}" data-scenario="{n}" '
        f'data-scenario-tool="{_a(s["tool"])}" data-scenario-recommendation="{_a(result["recommendation"])}" '
        f'aria-labelledby="lp-trainer-title-{n}">'
        + f'<p class="lp-trainer-kicker">{_e(TRAINER_SCRIPT["scenario"].format(n=n, total=total))}<span class="lp-trainer-sep"> · </span>'
        f'<span class="lp-trainer-tool">{_e(tool["title"])}</span></p>'
        f'<h2 id="lp-trainer-title-{n}" tabindex="-1">{_e(s["title"])}</h2>'
        f'<p class="lp-trainer-story" data-search-exclude>{_e(s["situation"])}</p>'
        + f'<div class="lp-trainer-answers">{_section(answers)}</div>'
        + f'<div class="lp-trainer-predict" role="group" aria-labelledby="lp-trainer-predict-{n}">'
        f'<h3 id="lp-trainer-predict-{n}" data-search-exclude>{_e(TRAINER_PAGE["predict"])}</h3>'
        f'<ol class="lp-trainer-choices" data-search-exclude>{"".join(choices)}</ol>'
        f'</div><p class="lp-trainer-reveal-bar" data-trainer-js data-search-exclude hidden>'
        f'<button type="button" class="lp-button" data-trainer-reveal aria-expanded="false" '
        f'aria-controls="scenario-{n}-outcome" aria-keyshortcuts="R">{_e(TRAINER_SCRIPT["reveal"])}</button></p>'
        f'<details class="lp-trainer-reveal"><summary>{_e(TRAINER_SCRIPT["reveal"])}</summary>'
        + _outcome_html(n, s, model, shown)
        + "</details>"
        + "</section>"
    )


def _nav(top: bool) -> str:
    """Previous and next, once each above and below the scenarios: trainer.js shows them, moves
    them into the scenario it shows (at its top and its end) and disables them at the first and
    the last (a copy in every scenario, 60 in all, was 0.2 KB of the page, brotli)."""
    buttons = (
        '<button type="button" class="lp-button lp-button-secondary" data-trainer-prev '
        f'aria-keyshortcuts="ArrowLeft PageUp"><span aria-hidden="true">←</span> {_e(TRAINER_PAGE["previous"])}</button>'
        '<button type="button" class="lp-button" data-trainer-next '
        f'aria-keyshortcuts="ArrowRight PageDown">{_e(TRAINER_PAGE["next"])} <span aria-hidden="true">→</span></button>'
    )
    if top:
        return f'<nav class="lp-trainer-nav" aria-label="{_a(TRAINER_PAGE["nav"])}" data-trainer-js hidden>{buttons}</nav>'
    return f'<div class="lp-trainer-nav lp-trainer-nav--end" data-trainer-js hidden>{buttons}</div>'


def trainer_view(profile: Profile) -> str:
    """The page's generated part: the controls (shown by trainer.js) and every scenario."""
    tools = {t["id"]: t for t in schema(profile)["tools"]}
    loaded = scenarios.load()
    sections = []
    for n, s in enumerate(loaded, start=1):
        result = evaluate(s["tool"], s["answers"], profile, explain=True)
        assert result["status"] == "complete", f"scenario {n} is incomplete: needs {result['next']}"
        sections.append(_scenario_html(n, len(loaded), s, tools[s["tool"]], result, profile))
    keys = re.sub(r"\[([^\]]+)\]", r"<kbd>\1</kbd>", _e(TRAINER_PAGE["keys"]))
    keys = f'<p class="lp-trainer-keys" data-trainer-js hidden>{keys}</p>'
    live = '<p class="lp-visually-hidden" aria-live="polite" data-trainer-live></p>'
    # What trainer.js says, as data in an attribute (the page's content holds no inline script).
    words = _a(json.dumps(TRAINER_SCRIPT, ensure_ascii=False))
    return (
        f'<div class="lp-trainer" data-trainer data-count="{len(loaded)}" data-words="{words}">'
        f'<link rel="stylesheet" href="{STYLESHEET}">{keys}{live}{_nav(top=True)}{"".join(sections)}'
        f"{_nav(top=False)}</div>"
    )
