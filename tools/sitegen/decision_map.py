"""Decision maps: each checklist's rules drawn as a vertical flow chart, in hand-written SVG.

The map is generated at build time from the rules package, like the decision table, so it cannot
drift from the rules: each rule in precedence order is a decision node ("condition?") with a
"Yes" arrow to its outcome box and a "No" arrow down to the next rule; the last rule is the
catch-all. Labels are the profile's words (``schema(profile)``'s decision table rows: ``when``,
``title``, ``recommendation``); urgency and the questions a rule reads come from the ``Rule``
objects in ``lp_rules.checklists.TOOLS``. Nothing draws it at run time: it is plain SVG with real
``<text>``, coloured only through classes (docs/assets/css/maps.css), so the page's strict CSP
holds and light and dark schemes both work.

Layout: one column 320 units wide, scaled to the content width by CSS (``width: 100%``, at most
400 CSS px), so at a 390 px phone the smallest text (14 units) renders at 14.5 px or more, even
inside the checklist page's <details> (332 px wide there), and the page never scrolls sideways.
Text is wrapped here, with Arial's advance widths (the SVG's text uses Arial or Helvetica, or a
metric-compatible font, see maps.css) and a margin for fonts that run wider; a browser test
checks every line fits its box.

Hooks for highlighting a path (the page's script sets the classes; maps.css styles them):

- decision nodes: ``<g class="lp-map-node lp-map-decision" data-map-rule="<index>"
  data-map-code="<recommendation>" data-map-questions="<question ids>">``; ``index`` is the
  rule's position in the tool's rules, from 0;
- outcome boxes: ``<g class="lp-map-node lp-map-outcome" data-map-outcome="<recommendation>"
  data-map-for="<index>">`` (a code that several rules share has one box per rule), with
  ``data-map-urgent="true"`` on urgent ones;
- arrows: ``<g class="lp-map-edge" data-map-edge="yes|no" data-map-from="<index>">``.

Add ``lp-map-path`` to the rules the answers ruled out and the "No" arrows taken, and
``lp-map-here`` to the matched rule, its "Yes" arrow and its outcome: the node gets a thicker
border and a visible label ("Ruled out", "Applies", "Your outcome"), the arrow a thicker line.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from lp_rules import schema
from lp_rules.checklists import TOOLS
from lp_rules.model import Always, Rule
from lp_rules.profiles import Profile

# --- Text measurement -------------------------------------------------------------------------

# Advance widths of Arial (and the metric-compatible Helvetica and Liberation Sans), in 1/1000
# em, for the printable ASCII characters 32-126; measured with a canvas in Chromium.
_REGULAR = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722,
    722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
    667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
    556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
    500, 334, 260, 334, 584,
)
_BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722,
    722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722,
    667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
    611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556,
    500, 389, 280, 389, 584,
)
_OTHER = {"’": 278, "‘": 278, "“": 500, "”": 500, "–": 556, "—": 1000, "…": 1000}
_UNKNOWN = 1000  # anything else: as wide as an em, so it cannot overflow
SAFETY = 1.2
"""Lines are filled to 1/SAFETY of the room, so text set in a wider font than Arial still fits:
checked in Chromium with DejaVu Sans, the widest common fallback (Linux without Arial's
metric-compatible Liberation Sans), which needs 1.2."""


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` in Arial at ``size`` user units, with the safety margin."""
    table = _BOLD if bold else _REGULAR
    total = 0
    for ch in text:
        code = ord(ch)
        total += table[code - 32] if 32 <= code < 127 else _OTHER.get(ch, _UNKNOWN)
    return total * size / 1000 * SAFETY


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to ``width`` user units (a word longer than a line gets its own line)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


# --- Layout (user units) ----------------------------------------------------------------------

WIDTH = 320
FONT = 15  # node text
LINE = 20  # node text's line height
SMALL = 14  # headers, arrow labels and marks: the smallest text
PAD = 10
HEADER = 22  # a node's header row, with the space under it
HEX = 12  # how far a decision node's pointed ends stick out
NO_X = 24  # the "No" spine, down the left
OUT_X = 48  # outcome boxes start right of the spine
YES_X = 150  # the "Yes" arrows
GAP_YES = 40  # from a decision node down to its outcome
GAP_NO = 28  # from an outcome box down to the next decision node
ARROW = 8

DECISION_TEXT_X = HEX + 12
DECISION_TEXT_W = WIDTH - 2 * DECISION_TEXT_X
OUTCOME_TEXT_X = OUT_X + 12
OUTCOME_TEXT_W = WIDTH - OUTCOME_TEXT_X - 12

URGENT_LABEL = "Urgent"
"""The words on an urgent outcome's box (with a warning sign and a thick red border)."""

MARKS = {
    "path": "Ruled out",
    "here-decision": "Applies",
    "here-outcome": "Your outcome",
}


@dataclass(frozen=True)
class MapStep:
    """One rule as the map shows it."""

    index: int
    code: str
    condition: str
    title: str
    urgent: bool
    catch_all: bool
    questions: tuple[str, ...]


def _question_summaries(tool: dict[str, Any]) -> dict[str, str]:
    summaries = {q["id"]: q["summary"] for q in tool["questions"]}
    return summaries


def steps(profile: Profile, tool_id: str) -> list[MapStep]:
    """The tool's rules in order, in the profile's words, as the map draws them."""
    tool = next(t for t in schema(profile)["tools"] if t["id"] == tool_id)
    rules: tuple[Rule, ...] = TOOLS[tool_id].rules
    rows = tool["decision_table"]
    assert len(rows) == len(rules), "the schema's decision table has a row per rule"
    summaries = _question_summaries(tool)
    order = {qid: i for i, qid in enumerate(TOOLS[tool_id].question_ids)}
    result = []
    for i, (rule, row) in enumerate(zip(rules, rows)):
        assert row["recommendation"] in (rule.code, "guidance_silent"), "a row per rule, in order"
        questions = tuple(sorted(rule.when.questions(), key=lambda q: order.get(q, len(order))))
        condition = row["when"]
        # Name every question the rule reads: a condition described without its question's
        # words (the practitioners listed) gets the question's summary in front.
        for qid in reversed(questions):
            summary = summaries[qid]
            if summary.lower() not in condition.lower():
                condition = f"{summary}: {condition[:1].lower()}{condition[1:]}"
        # The decision table's row already shows the rule as this profile presents it (a rule
        # resting on local practice alone is "the guidance does not cover this" where it is off).
        code, title = row["recommendation"], row["title"]
        catch_all = isinstance(rule.when, Always)
        result.append(MapStep(i, code, condition if catch_all else f"{condition}?", title,
                           rule.urgent, catch_all, questions))
    return result


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _text(lines: list[str], x: float, first_baseline: float, css: str) -> str:
    spans = "".join(
        f'<tspan x="{x}" y="{first_baseline + i * LINE:g}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text class="{css}">{spans}</text>'


def _mark(kind: str, label: str, right: float, top: float) -> str:
    """A label hidden until the node is highlighted (maps.css shows it)."""
    width = text_width(label, SMALL, bold=True) + 14
    x = right - width
    return (
        f'<g class="lp-map-mark lp-map-mark--{kind}">'
        f'<rect class="lp-map-pill" x="{x:.1f}" y="{top}" width="{width:.1f}" height="22" rx="11"/>'
        f'<text class="lp-map-pill-text" x="{x + width / 2:.1f}" y="{top + 16}" '
        f'text-anchor="middle">{escape(label)}</text></g>'
    )


def _decision(step: MapStep, top: float) -> tuple[str, float]:
    lines = wrap(step.condition, DECISION_TEXT_W, FONT)
    height = 2 * PAD + HEADER + len(lines) * LINE
    bottom = top + height
    mid = top + height / 2
    points = (
        f"0,{mid:g} {HEX},{top:g} {WIDTH - HEX},{top:g} {WIDTH},{mid:g} "
        f"{WIDTH - HEX},{bottom:g} {HEX},{bottom:g}"
    )
    header = f"Rule {step.index + 1}"
    right = WIDTH - HEX - 6
    svg = (
        f'<g class="lp-map-node lp-map-decision" data-map-rule="{step.index}" '
        f'data-map-code="{_attr(step.code)}" data-map-questions="{_attr(" ".join(step.questions))}">'
        f'<polygon class="lp-map-shape" points="{points}"/>'
        f'<text class="lp-map-label" x="{DECISION_TEXT_X}" y="{top + PAD + 15:g}">{header}</text>'
        f"{_text(lines, DECISION_TEXT_X, top + PAD + HEADER + 15, 'lp-map-text')}"
        f'{_mark("path", MARKS["path"], right, top + PAD - 2)}'
        f'{_mark("here", MARKS["here-decision"], right, top + PAD - 2)}'
        "</g>"
    )
    return svg, bottom


def _warning_icon(x: float, baseline: float) -> str:
    """A warning triangle with an exclamation mark, drawn (no icon font)."""
    top = baseline - 14
    return (
        f'<g class="lp-map-icon">'
        f'<polygon class="lp-map-icon-shape" points="{x + 8},{top} {x + 16},{top + 15} {x},{top + 15}"/>'
        f'<rect class="lp-map-icon-glyph" x="{x + 7}" y="{top + 4.5}" width="2" height="6"/>'
        f'<rect class="lp-map-icon-glyph" x="{x + 7}" y="{top + 11.5}" width="2" height="2"/></g>'
    )


def _outcome(step: MapStep, top: float) -> tuple[str, float]:
    lines = wrap(step.title, OUTCOME_TEXT_W, FONT, bold=True)
    height = 2 * PAD + HEADER + len(lines) * LINE
    css = "lp-map-node lp-map-outcome" + (" lp-map-urgent" if step.urgent else "")
    urgent = ' data-map-urgent="true"' if step.urgent else ""
    baseline = top + PAD + 15
    if step.urgent:
        header = (
            _warning_icon(OUTCOME_TEXT_X, baseline)
            + f'<text class="lp-map-label lp-map-urgent-label" x="{OUTCOME_TEXT_X + 22}" '
            f'y="{baseline:g}">{URGENT_LABEL}</text>'
        )
    else:
        header = f'<text class="lp-map-label" x="{OUTCOME_TEXT_X}" y="{baseline:g}">Outcome</text>'
    svg = (
        f'<g class="{css}" data-map-outcome="{_attr(step.code)}" data-map-for="{step.index}"{urgent}>'
        f'<rect class="lp-map-shape" x="{OUT_X}" y="{top:g}" width="{WIDTH - OUT_X - 2}" '
        f'height="{height:g}" rx="8"/>'
        f"{header}"
        f"{_text(lines, OUTCOME_TEXT_X, top + PAD + HEADER + 15, 'lp-map-text lp-map-title')}"
        f'{_mark("here", MARKS["here-outcome"], WIDTH - 10, top + PAD - 2)}'
        "</g>"
    )
    return svg, top + height


def _edge(kind: str, index: int, x: float, start: float, end: float, label: str,
          label_y: float) -> str:
    return (
        f'<g class="lp-map-edge" data-map-edge="{kind}" data-map-from="{index}">'
        f'<line class="lp-map-line" x1="{x}" y1="{start:g}" x2="{x}" y2="{end - ARROW + 1:g}"/>'
        f'<polygon class="lp-map-arrow" points="{x - 6},{end - ARROW:g} {x + 6},{end - ARROW:g} '
        f'{x},{end:g}"/>'
        f'<text class="lp-map-edge-label" x="{x + 8}" y="{label_y:g}">{label}</text></g>'
    )


def svg(profile: Profile, tool_id: str) -> str:
    """The map of one tool as an inline SVG element, for any page (ids are per tool)."""
    tool = TOOLS[tool_id]
    drawn = steps(profile, tool_id)
    parts: list[str] = []
    top = 2.0  # room for the first node's border
    for n, step in enumerate(drawn):
        decision, bottom = _decision(step, top)
        outcome_top = bottom + GAP_YES
        outcome, outcome_bottom = _outcome(step, outcome_top)
        label_y = bottom + GAP_YES / 2 + 5
        parts += [decision, outcome,
                  _edge("yes", step.index, YES_X, bottom, outcome_top,
                        "Then" if step.catch_all else "Yes", label_y)]
        last = n == len(drawn) - 1
        if not last:
            next_top = outcome_bottom + GAP_NO
            parts.append(_edge("no", step.index, NO_X, bottom, next_top, "No", label_y))
            top = next_top
        else:
            top = outcome_bottom
    height = top + 3
    urgent = sum(s.urgent for s in drawn)
    ident = f"lp-map-{tool_id}"
    desc = (
        f"A flow chart of the checklist's {len(drawn)} rules, checked in order from the top. "
        "Each rule is a question about the answers: yes leads to its outcome, no leads on to the "
        "next rule, so the first rule that applies gives the outcome. "
        + (f"{urgent} outcome{'s are' if urgent != 1 else ' is'} urgent, marked {URGENT_LABEL}. "
           if urgent else "")
        + "The checklist's decision table gives the same rules as text."
    )
    return (
        f'<svg class="lp-map" id="{ident}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {WIDTH} {height:g}" width="{WIDTH}" height="{height:g}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" data-map-tool="{tool_id}">\n'
        f'<title id="{ident}-title">Decision map: {escape(tool.title)}</title>\n'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>\n'
        + "\n".join(parts)
        + "\n</svg>"
    )


def _legend() -> str:
    return (
        '<p class="lp-map-intro">Read from the top. Each six-sided box is a rule, checked in '
        "order: <strong>Yes</strong> leads to its outcome, <strong>No</strong> on to the next "
        "rule. The first rule that applies gives the outcome. Outcomes marked "
        f"<strong>{URGENT_LABEL}</strong> are safeguarding outcomes: act on them straight away. "
        'The same rules as text: <a href="#decision-table">the decision table</a>.</p>'
    )


def decision_map(profile: Profile, tool_id: str, page: str = "tool") -> str:
    """The map for a page: collapsed under "Decision map" on the checklist's own page
    (``page="tool"``), open on the page of all maps (``page="maps"``)."""
    if page == "tool":
        return (
            '\n<details class="lp-decision-map" id="decision-map" data-search-exclude>\n'
            "<summary>Decision map</summary>\n"
            f"{_legend()}\n"
            f'<div class="lp-map-wrap">{svg(profile, tool_id)}</div>\n'
            "</details>\n"
        )
    if page == "maps":
        return (
            f'\n<div class="lp-decision-map lp-decision-map--open" data-search-exclude>\n'
            f'<p class="lp-map-intro">The same rules as text: <a href="../tools/{tool_id}/#decision-table">'
            "the decision table on the checklist's page</a>.</p>\n"
            f'<div class="lp-map-wrap">{svg(profile, tool_id)}</div>\n'
            f'<p><a href="../tools/{tool_id}/">Open the checklist: {escape(TOOLS[tool_id].title)}</a></p>\n'
            "</div>\n"
        )
    raise ValueError(f"decision_map: page is 'tool' or 'maps', not {page!r}")
