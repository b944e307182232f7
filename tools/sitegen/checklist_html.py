"""The checklist pages' generated parts: the form, the static decision table, the page data.

Everything comes from ``lp_rules.schema()``, so a question, option or rule is never written
again in HTML or JavaScript. The form is plain, accessible HTML (GOV.UK Design System
patterns: a fieldset and legend per question, hints tied with aria-describedby, labelled radios),
so it can be answered at first paint, before Python has loaded.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from html import escape
from typing import Any

from lp_rules import RULES_VERSION, get_tool, schema
from lp_rules.checklists.texts import CHECKLIST_PAGE as WORDS
from lp_rules.compiled import compile_tool
from lp_rules.links import CURRENT_MAJOR, VERSION_PARAM, reader_rules
from lp_rules.profiles import Profile
from lp_rules.schema import page_words

from .runtime import Runtime

WATCHDOG = Path(__file__).with_name("checklist_watchdog.js")
"""The inline script that reports a checklist whose modules never started (its comments say why
and how); inlined without its comment lines."""

ROOT_FROM_TOOL_PAGE = "../../"
"""Checklist pages live at tools/<id>/, two folders below the site root."""
WHAT_CHANGED = "what-changed/#rules-" + "-".join(RULES_VERSION.split(".")[:2])
"""The "What changed" page's section for this release (the older releases follow it there),
from the site root."""


def _tool(profile: Profile, tool_id: str) -> dict[str, Any]:
    return next(t for t in schema(profile)["tools"] if t["id"] == tool_id)


def _hint(qid: str, hint: str) -> str:
    return f'<div class="lp-hint" id="{qid}-hint">{escape(hint)}</div>' if hint else ""


def _radios(q: dict[str, Any]) -> str:
    items = []
    for o in q["options"]:
        oid = f"{q['id']}-{o['id']}"
        hint = (
            f'<div class="lp-hint lp-option-hint" id="{oid}-hint">{escape(o["hint"])}</div>'
            if o["hint"]
            else ""
        )
        described = f' aria-describedby="{oid}-hint"' if o["hint"] else ""
        items.append(
            f'<div class="lp-radio"><input type="radio" id="{oid}" name="{q["id"]}" '
            f'value="{o["id"]}"{described}><label for="{oid}">{escape(o["label"])}</label>'
            f"{hint}</div>"
        )
    return f'<div class="lp-radios">{"".join(items)}</div>'


def _legend(q: dict[str, Any]) -> str:
    """The question as its fieldset's legend. The page focuses it (tabindex -1) when it is the next
    question, and fills in its caption ("Question 2 of up to 6"), which a screen reader then reads
    with the question."""
    return (
        f'<legend class="lp-legend" tabindex="-1"><span class="lp-caption" data-progress></span>'
        f'<span class="lp-legend-text">{escape(q["text"])}</span></legend>'
    )


def _not_needed(q: dict[str, Any]) -> str:
    """An answered question the rules no longer need collapses to one line, "answer, Change":
    the answer is kept and said to be not needed, never dropped from under the user."""
    return (
        f'<p class="lp-not-needed" id="{q["id"]}-not-needed" hidden>'
        '<span class="lp-not-needed-answer" data-collapsed-answer></span> '
        f'<span class="lp-not-needed-tag">{escape(WORDS["not_needed"])}</span> '
        f'<button type="button" class="lp-change-button" data-expand>{escape(WORDS["change"])}'
        f'<span class="lp-visually-hidden"> {escape(q["summary"].lower())}</span></button></p>'
    )


def _warning(qid: str, warning: str) -> str:
    """GOV.UK's warning text (an icon, then bold words that say "Warning" to a screen reader):
    advice that must not be missed, such as calling 999, never grey hint text."""
    if not warning:
        return ""
    return (
        f'<div class="lp-warning-text" id="{qid}-warning">'
        '<span class="lp-warning-text-icon" aria-hidden="true">!</span>'
        '<strong class="lp-warning-text-text"><span class="lp-visually-hidden">'
        f'{escape(WORDS["warning"])} </span>'
        f"{escape(warning)}</strong></div>"
    )


def _choice_question(q: dict[str, Any], warning: str) -> str:
    ids = [i for i, text in ((f'{q["id"]}-hint', q["hint"]), (f'{q["id"]}-warning', warning))
           if text]
    described = f' aria-describedby="{" ".join(ids)}"' if ids else ""
    return (
        f'<fieldset class="lp-question" id="q-{q["id"]}" data-question="{q["id"]}"{described}>'
        f'{_legend(q)}{_hint(q["id"], q["hint"])}{_warning(q["id"], warning)}{_not_needed(q)}'
        f'<p class="lp-field-error" id="{q["id"]}-error" hidden></p>'
        f"{_radios(q)}</fieldset>"
    )


CANDIDATE_PREFIX = "candidate-"
"""The practitioner editor's radios are named ``candidate-<field>`` (ids ``candidate-<field>-<option>``):
one editor on the page, opened for one practitioner at a time, so its ids never repeat."""


def _candidate_field(f: dict[str, Any]) -> str:
    """One of a practitioner's questions as GOV.UK radios (a form group holding a fieldset, its
    legend, its error message; the group is marked in error, as GOV.UK's is): radios for every field, the nine roles too, as GOV.UK advises over a select; a
    yes/no question has its two radios side by side (GOV.UK's inline radios)."""
    fid = f"{CANDIDATE_PREFIX}{f['id']}"
    inline = " lp-radios--inline" if len(f["options"]) == 2 else ""
    radios = _radios({**f, "id": fid}).replace('class="lp-radios"', f'class="lp-radios{inline}"', 1)
    return (
        f'<div class="lp-field" data-field="{f["id"]}"><fieldset id="{fid}">'
        f'<legend class="lp-field-legend">{escape(f["text"])}</legend>'
        f'<p class="lp-field-error" id="{fid}-error" hidden></p>{radios}</fieldset></div>'
    )


def _candidate_editor(q: dict[str, Any]) -> str:
    """One practitioner's questions, opened by "Add a practitioner" or a card's "Change" (GOV.UK's
    add-another pattern: one thing's questions at a time, then a summary card for it). The words
    are the list's own (``q["editor"]``, lp_rules.checklists.practitioners); the page puts the
    practitioner's number in ``data-number``, where the heading says ``{n}``."""
    words = q["editor"]
    before, _, after = words["heading"].partition("{n}")
    return (
        '<div class="lp-candidate-editor" role="group" aria-labelledby="candidate-editor-title"'
        ' data-candidate-editor hidden>'
        '<h3 class="lp-candidate-editor-title" id="candidate-editor-title" tabindex="-1">'
        f"{escape(before)}<span data-number></span>{escape(after)}</h3>"
        f'{"".join(_candidate_field(f) for f in q["fields"])}'
        '<div class="lp-button-group">'
        f'<button type="button" class="lp-button" data-save-candidate>{escape(words["save"])}</button>'
        '<button type="button" class="lp-link-button" data-cancel-candidate>'
        f'{escape(words["cancel"])}</button></div></div>'
    )


def _candidate_card(q: dict[str, Any]) -> str:
    """A saved practitioner as GOV.UK's summary card: "Practitioner 1: Health visitor", its
    answers as a summary list, and Change and Remove, each naming the practitioner to a screen
    reader. The page clones it for each practitioner and fills it in with textContent."""
    rows = "".join(
        f'<div class="lp-summary-row"><dt>{escape(f["summary"])}</dt>'
        f'<dd data-value-for="{f["id"]}"></dd></div>'
        for f in q["fields"][1:]
    )
    words = q["editor"]
    name = '<span class="lp-visually-hidden"> <span data-name></span></span>'
    return (
        '<template id="lp-candidate-card-template"><div class="lp-summary-card lp-candidate">'
        '<div class="lp-summary-card-head">'
        '<h3 class="lp-summary-card-title" tabindex="-1" data-title></h3>'
        '<ul class="lp-summary-card-actions">'
        '<li><button type="button" class="lp-link-button" data-change-candidate>'
        f'{escape(words["change"])}{name}</button></li>'
        '<li><button type="button" class="lp-link-button" data-remove-candidate>'
        f'{escape(words["remove"])}{name}</button></li></ul></div>'
        f'<dl class="lp-summary-card-list">{rows}</dl></div></template>'
    )


def _candidates_question(q: dict[str, Any]) -> str:
    words = q["editor"]
    return (
        f'<fieldset class="lp-question lp-candidates" id="q-{q["id"]}" data-question="{q["id"]}"'
        f' aria-describedby="{q["id"]}-hint">'
        f'{_legend(q)}{_hint(q["id"], q["hint"])}{_not_needed(q)}'
        f'<p class="lp-field-error" id="{q["id"]}-error" hidden></p>'
        '<div class="lp-candidates-body" data-candidates>'
        '<p class="lp-candidate-notice" role="status" tabindex="-1" data-candidate-notice hidden></p>'
        '<div class="lp-candidate-list" data-candidate-list></div>'
        f"{_candidate_editor(q)}"
        '<div class="lp-candidate-actions" data-candidate-actions>'
        f'<p class="lp-candidate-full" data-candidate-full hidden>{escape(words["full"])}</p>'
        '<p><button type="button" class="lp-button lp-button-secondary" data-add-candidate>'
        f'{escape(words["add_first"])}</button></p>'
        '<p><button type="button" class="lp-button" data-save-candidates>'
        f'{escape(words["use"])}</button></p></div>'
        f"{_candidate_card(q)}</div></fieldset>"
    )


def checklist(profile: Profile, runtime: Runtime, tool_id: str) -> str:
    """The interactive checklist for one tool, as HTML for a Markdown page."""
    tool = _tool(profile, tool_id)
    rules = get_tool(tool_id)
    questions = "".join(
        _candidates_question(q) if q["kind"] == "candidates"
        else _choice_question(q, rules.question(q["id"]).warning.format(**profile.terms()))
        for q in tool["questions"]
    )
    data = {
        "tool": tool_id,
        "profile": profile.id,
        "root": ROOT_FROM_TOOL_PAGE,
        "pyodide": runtime.pyodide_dir,
        "wheel": runtime.wheel_path,
        "wheelSha256": runtime.wheel_sha256,
        "runtimeSha256": runtime.runtime_sha256,
        "questions": tool["questions"],
        # Every word the page's script shows or says (texts.CHECKLIST_SCRIPT, CHECKLIST_PAGE).
        "words": page_words(profile),
        "linkVersion": CURRENT_MAJOR,
        "versionParam": VERSION_PARAM,
        # How the page's link reader (links.js) reads a link exactly as lp_rules.links does.
        "link": reader_rules(tool_id),
        "whatChanged": WHAT_CHANGED,
        "outcomeTitles": {row["recommendation"]: row["title"] for row in tool["decision_table"]},
        # The rules as data for the page's own evaluator (lp_rules.compiled): the outcome and
        # what to do at once, before Python has loaded or where it cannot.
        "compiled": compile_tool(get_tool(tool_id), profile),
    }
    # A JSON data block is not executed, so the page's strict CSP allows it; "</" is escaped
    # so no text inside can close the element.
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    could_not_start = re.sub(r"\[([^\]]+)\]", r'<a href="#decision-table">\1</a>',
                             escape(WORDS["could_not_start"]))
    return f"""
<div class="lp-checklist" data-checklist="{tool_id}">
<script type="application/json" class="lp-data">{payload}</script>
<p class="lp-status" role="status" data-state="waiting">{escape(WORDS["waiting"])}</p>
<p class="lp-progress-row" hidden><progress class="lp-progress"
aria-labelledby="lp-progress-text-{tool_id}"></progress>
<span class="lp-progress-text" id="lp-progress-text-{tool_id}"></span></p>
<p class="lp-retry-row" hidden><button type="button" class="lp-button lp-button-secondary"
data-retry>{escape(WORDS["retry"])}</button></p>
<div class="lp-link-notice lp-notice" hidden><p data-notice-text></p>
<p><a href="{ROOT_FROM_TOOL_PAGE}{WHAT_CHANGED}">{escape(WORDS["what_changed"])}</a></p></div>
<div class="lp-error-summary" role="alert" tabindex="-1" aria-labelledby="lp-error-title" hidden>
<h2 id="lp-error-title">{escape(WORDS["problem"])}</h2><ul class="lp-error-list"></ul></div>
<noscript><p class="lp-notice">{escape(WORDS["no_script"])}</p></noscript>
{_before_you_start(rules.before_you_start)}
<form class="lp-form" action="." method="get" novalidate>{questions}</form>
<section class="lp-outcome" tabindex="-1" aria-labelledby="lp-outcome-title" hidden></section>
<section class="lp-answers" aria-labelledby="lp-answers-title" hidden>
<h2 id="lp-answers-title" tabindex="-1">{escape(WORDS["check_answers"])}</h2><dl class="lp-summary-list"></dl>
<p><a class="lp-button lp-button-secondary" href="./" data-start-again>{escape(WORDS["start_again"])}</a></p>
</section>
<div class="lp-start-failed lp-notice" role="alert" hidden><p>{could_not_start}</p></div>
<script>{watchdog_script()}</script>
</div>
"""


def _before_you_start(items: tuple[str, ...]) -> str:
    """"Before you start: what you will need", above the first question (the tool's own list,
    lp_rules.checklists). Out of the way once an outcome shows (checklist.css)."""
    if not items:
        return ""
    listed = "".join(f"<li>{escape(item)}</li>" for item in items)
    return (
        '<section class="lp-before-start" aria-labelledby="lp-before-start-title">'
        f'<h2 id="lp-before-start-title">{escape(WORDS["before_you_start"])}</h2>'
        f'<p>{escape(WORDS["you_will_need"])}</p>'
        f"<ul>{listed}</ul></section>"
    )


def watchdog_script() -> str:
    """The watchdog's code as the page holds it: no comment lines, no blank lines (a blank line
    would end Markdown's raw HTML block)."""
    lines = WATCHDOG.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if line.strip() and not line.lstrip().startswith("//"))


def decision_table(profile: Profile, tool_id: str) -> str:
    """The tool's rules in order, as a static table: the fallback when Python cannot run."""
    tool = _tool(profile, tool_id)
    rows = []
    for i, row in enumerate(tool["decision_table"], start=1):
        sources = "<br>".join(
            f'<a href="{ROOT_FROM_TOOL_PAGE}{c["url"]}">{escape(c["source"])}: '
            f'{escape(c["section"])}</a>'
            for c in row["citations"]
        )
        rows.append(
            f'<tr data-recommendation-row="{row["recommendation"]}"><td>{i}</td>'
            f'<td>{escape(row["when"])}</td><td><strong>{escape(row["title"])}</strong><br>'
            f'{escape(row["summary"])}</td><td>{sources}</td></tr>'
        )
    caption = escape(WORDS["table_caption"].format(title=tool["title"]))
    heads = "".join(f'<th scope="col">{escape(WORDS[k])}</th>'
                    for k in ("table_order", "table_when", "table_outcome", "table_sources"))
    return f"""
<details class="lp-decision-table" id="decision-table">
<summary>{escape(WORDS["table"])}</summary>
<p>{escape(WORDS["table_intro"])}</p>
<div class="lp-table-wrap"><table>
<caption class="lp-visually-hidden">{caption}</caption>
<thead><tr>{heads}</tr></thead>
<tbody>{"".join(rows)}</tbody></table></div>
</details>
"""
