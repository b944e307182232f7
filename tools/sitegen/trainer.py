"""The trainer's view of the worked scenarios: one scenario per screen, predict, then reveal.

Everything the page shows is worked out here, at build time, for the profile being built: each
scenario's answers in plain words (question summaries and option labels from
``lp_rules.schema``), the checklist's possible outcomes (its decision table's titles), and the
outcome with its actions, reasons, why-not and what-would-change (``lp_rules.evaluate``). The page needs
no Python in the browser. Without JavaScript every scenario is shown in turn with its outcome
inside a ``<details>`` element; docs/assets/js/trainer.js turns the same markup into one
scenario per screen, with keyboard navigation and the room's prediction.

A scenario's number is its place in training-scenarios.toml, the same ``scenario-N`` as on the
scenarios page, so a trainer's link ``trainer/#scenario-N`` stays the same scenario.
"""

from __future__ import annotations

from html import escape
from typing import Any

from lp_rules import evaluate, schema
from lp_rules.candidates import QUESTION_ID
from lp_rules.profiles import Profile

from . import scenarios
from .mailto import link_emails_html

STYLESHEET = "../assets/css/trainer.css"  # relative to the page, trainer/


def _e(text: object) -> str:
    return escape(str(text))


def _labels(question: dict[str, Any]) -> dict[str, str]:
    return {o["id"]: o["label"] for o in question.get("options", [])}


def outcomes(tool: dict[str, Any]) -> list[tuple[str, str]]:
    """The checklist's possible outcomes, (recommendation, title), once each, in the rules' order."""
    seen: dict[str, str] = {}
    for row in tool["decision_table"]:
        seen.setdefault(row["recommendation"], row["title"])
    return list(seen.items())


def answer_lines(tool: dict[str, Any], answers: dict[str, Any]) -> list[tuple[str, str | list[str]]]:
    """The scenario's answers in asking order: (question summary, option label), or for the
    practitioners listed, (summary, one line per practitioner)."""
    lines: list[tuple[str, str | list[str]]] = []
    for q in tool["questions"]:
        if q["id"] not in answers:
            continue
        value = answers[q["id"]]
        if q["id"] == QUESTION_ID:
            fields = q["fields"]
            people = []
            for person in value:
                role = _labels(fields[0])[person[fields[0]["id"]]]
                rest = "; ".join(f"{f['summary']}: {_labels(f)[person[f['id']]]}"
                                 for f in fields[1:] if f["id"] in person)
                people.append(f"{role}. {rest}." if rest else role)
            lines.append((q["summary"], people))
        else:
            lines.append((q["summary"], _labels(q)[value]))
    return lines


def _answers_html(lines: list[tuple[str, str | list[str]]]) -> str:
    items = []
    for summary, value in lines:
        if isinstance(value, list):
            people = "".join(f"<li>{_e(p)}</li>" for p in value)
            items.append(f'<div class="lp-trainer-answer lp-trainer-answer--list"><dt>{_e(summary)}</dt>'
                         f'<dd><ol class="lp-trainer-people">{people}</ol></dd></div>')
        else:
            items.append(f'<div class="lp-trainer-answer"><dt>{_e(summary)}</dt><dd>{_e(value)}</dd></div>')
    return f'<dl class="lp-trainer-answers">{"".join(items)}</dl>'


def _list(heading: str, lines: list[str], cls: str, n: int) -> str:
    if not lines:
        return ""
    items = "".join(f"<li>{line}</li>" for line in lines)
    return f'<h3 id="lp-trainer-{cls}-{n}">{_e(heading)}</h3><ul class="lp-trainer-{cls}">{items}</ul>'


def _outcome_html(n: int, s: dict[str, Any], tool: dict[str, Any], result: dict[str, Any]) -> str:
    questions = {q["id"]: q for q in tool["questions"]}
    panel = "lp-panel lp-panel--urgent" if result["urgent"] else "lp-panel"
    kicker = "Act now" if result["urgent"] else "Outcome"
    actions = "".join(f'<li data-action="{_e(a["code"])}">{link_emails_html(_e(a["text"]))}</li>'
                      for a in result["actions"])
    reasons = [_e(r) for r in result["reasons"]]
    why_not = [f"Not “{_e(w['title'])}”: {_e(w['because'])}" for w in result["why_not"]]
    changes = []
    for c in result["what_would_change"]:
        q = questions[c["question"]]
        changes.append(f"If “{_e(q['summary'])}” were “{_e(_labels(q)[c['answer']])}”: "
                       f"<strong>{_e(c['title'])}</strong>")
    teach = (f'<div class="lp-trainer-teach"><h3 id="lp-trainer-teach-{n}">For the trainer</h3>'
             f'<p>{_e(s["teach"])}</p></div>' if s.get("teach") else "")
    link = scenarios.link(s["tool"], s["answers"])
    return (
        f'<div class="lp-trainer-outcome" id="scenario-{n}-outcome">'
        f'<p class="lp-trainer-verdict" data-trainer-verdict hidden></p>'
        f'<div class="{panel}" data-recommendation="{_e(result["recommendation"])}">'
        f'<p class="lp-panel-kicker">{kicker}</p>'
        f'<h3 id="lp-trainer-outcome-{n}">{_e(result["title"])}</h3>'
        f'<p class="lp-panel-summary">{_e(result["summary"])}</p></div>'
        f'<h3 id="lp-trainer-actions-{n}">What to do</h3><ol class="lp-trainer-actions">{actions}</ol>'
        + _list("Why", reasons, "reasons", n)
        + _list("Why not another outcome", why_not, "why-not", n)
        + _list("What would change it", changes, "would-change", n)
        + teach
        + f'<p class="lp-trainer-open"><a href="{_e(link)}">Open this scenario in the checklist</a></p>'
        "</div>"
    )


def _scenario_html(n: int, total: int, s: dict[str, Any], tool: dict[str, Any],
                   result: dict[str, Any]) -> str:
    choices = []
    possible = outcomes(tool)
    if result["recommendation"] not in dict(possible):  # e.g. guidance_silent, without local practice
        possible.append((result["recommendation"], result["title"]))
    for i, (code, title) in enumerate(possible, start=1):
        key = str(i) if i < 10 else ("0" if i == 10 else "")
        choices.append(
            f'<li class="lp-trainer-choice" data-choice="{_e(code)}" data-key="{key}">'
            f'<span class="lp-trainer-choice-key">{key}</span> '
            f'<span class="lp-trainer-choice-title">{_e(title)}</span></li>'
        )
    return (
        f'<section class="lp-trainer-scenario" id="scenario-{n}" data-scenario="{n}" '
        f'data-scenario-tool="{_e(s["tool"])}" data-scenario-recommendation="{_e(result["recommendation"])}" '
        f'aria-labelledby="lp-trainer-title-{n}">'
        + _nav(n, total, top=True)
        + f'<p class="lp-trainer-kicker">Scenario {n} of {total}<span class="lp-trainer-sep"> · </span>'
        f'<span class="lp-trainer-tool">{_e(tool["title"])}</span></p>'
        f'<h2 id="lp-trainer-title-{n}" tabindex="-1">{_e(s["title"])}</h2>'
        f'<p class="lp-trainer-story">{_e(s["situation"])}</p>'
        f'<h3 id="lp-trainer-answers-{n}">The answers</h3>'
        + _answers_html(answer_lines(tool, s["answers"]))
        + f'<div class="lp-trainer-predict" role="group" aria-labelledby="lp-trainer-predict-{n}">'
        f'<h3 id="lp-trainer-predict-{n}">What will the checklist say?</h3>'
        f'<ol class="lp-trainer-choices">{"".join(choices)}</ol>'
        f'</div><p class="lp-trainer-reveal-bar" data-trainer-js hidden>'
        f'<button type="button" class="lp-button" data-trainer-reveal aria-expanded="false" '
        f'aria-controls="scenario-{n}-outcome" aria-keyshortcuts="R">Reveal the outcome</button></p>'
        f'<details class="lp-trainer-reveal"><summary>Reveal the outcome</summary>'
        + _outcome_html(n, s, tool, result)
        + "</details>"
        + _nav(n, total, top=False)
        + "</section>"
    )


def _nav(n: int, total: int, top: bool) -> str:
    """Previous and next (shown by trainer.js): above the scenario, and again below it."""
    prev = " disabled" if n == 1 else ""
    nxt = " disabled" if n == total else ""
    buttons = (
        f'<button type="button" class="lp-button lp-button-secondary" data-trainer-prev '
        f'aria-keyshortcuts="ArrowLeft PageUp"{prev}><span aria-hidden="true">←</span> Previous</button>'
        f'<button type="button" class="lp-button" data-trainer-next '
        f'aria-keyshortcuts="ArrowRight PageDown"{nxt}>Next <span aria-hidden="true">→</span></button>'
    )
    if top:
        return f'<nav class="lp-trainer-nav" aria-label="Scenarios" data-trainer-js hidden>{buttons}</nav>'
    return f'<div class="lp-trainer-nav lp-trainer-nav--end" data-trainer-js hidden>{buttons}</div>'


def trainer_view(profile: Profile) -> str:
    """The page's generated part: the controls (shown by trainer.js) and every scenario."""
    tools = {t["id"]: t for t in schema(profile)["tools"]}
    loaded = scenarios.load()
    sections = []
    for n, s in enumerate(loaded, start=1):
        result = evaluate(s["tool"], s["answers"], profile, explain=True)
        assert result["status"] == "complete", f"scenario {n} is incomplete: needs {result['next']}"
        sections.append(_scenario_html(n, len(loaded), s, tools[s["tool"]], result))
    keys = (
        '<p class="lp-trainer-keys" data-trainer-js hidden>Keys: '
        "<kbd>→</kbd> or <kbd>Page Down</kbd> next scenario, "
        "<kbd>←</kbd> or <kbd>Page Up</kbd> previous, "
        "a number to choose the room's prediction, <kbd>R</kbd> to reveal the outcome.</p>"
    )
    live = '<p class="lp-visually-hidden" aria-live="polite" data-trainer-live></p>'
    return (
        f'<div class="lp-trainer" data-trainer data-count="{len(loaded)}">'
        f'<link rel="stylesheet" href="{STYLESHEET}">{keys}{live}{"".join(sections)}</div>'
    )
