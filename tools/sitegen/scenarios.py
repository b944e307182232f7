"""The worked scenarios page: each training scenario as a share link, with its outcome.

The outcome is computed by lp_rules at build time, so the page cannot drift from the checklist.
"""

from __future__ import annotations

import tomllib
from html import escape
from typing import Any

from lp_rules import evaluate, get_tool
from lp_rules.links import share_link
from lp_rules.profiles import Profile

from .paths import ROOT

SCENARIOS_FILE = ROOT / "training-scenarios.toml"


def load() -> list[dict[str, Any]]:
    """The scenarios, in the order the file gives them."""
    data = tomllib.loads(SCENARIOS_FILE.read_text(encoding="utf-8"))
    scenarios: list[dict[str, Any]] = data["scenario"]
    return scenarios


def link(tool_id: str, answers: dict[str, Any]) -> str:
    """A share link to the checklist with these answers, relative to the scenarios page (the
    answers in the fragment, lp_rules.links.share_link: opening it sends them to no host)."""
    return share_link(f"../tools/{tool_id}/", tool_id, answers)


def untold_answers(scenario: dict[str, Any]) -> list[str]:
    """Answered questions whose answer the story does not give (`says`), for the build and tests.

    A trainer teaches from the story, so an answer the story leaves out is a scenario the room
    cannot work out for itself."""
    says: dict[str, Any] = scenario.get("says", {})
    tool = get_tool(scenario["tool"])
    untold = []
    for qid, value in scenario["answers"].items():
        phrases = says.get(qid)
        if tool.list_question(qid) is not None:
            if not isinstance(phrases, list) or len(phrases) != len(value):
                untold.append(qid)
                continue
        elif not isinstance(phrases, str):
            untold.append(qid)
            continue
        for phrase in phrases if isinstance(phrases, list) else [phrases]:
            if phrase not in scenario["situation"]:
                untold.append(qid)
    return untold


def scenarios_table(profile: Profile) -> str:
    """The page's scenarios, each with its story, link, outcome and any note for the trainer."""
    items = []
    for i, s in enumerate(load(), start=1):
        result = evaluate(s["tool"], s["answers"], profile)
        assert result["status"] == "complete", f"scenario {i} is incomplete: needs {result['next']}"
        untold = untold_answers(s)
        assert not untold, f"scenario {i}: the story does not give the answers to {untold}"
        tool = get_tool(s["tool"])
        teach = (
            f'<p class="lp-scenario-teach"><strong>For the trainer:</strong> {escape(s["teach"])}</p>'
            if s.get("teach")
            else ""
        )
        items.append(
            f'<li class="lp-scenario" id="scenario-{i}" data-scenario-tool="{s["tool"]}" '
            f'data-scenario-recommendation="{result["recommendation"]}">'
            f"<h2>{escape(s['title'])}</h2><p>{escape(s['situation'])}</p>"
            f"<p><strong>Checklist:</strong> {escape(tool.title)}<br>"
            f"<strong>Outcome:</strong> {escape(result['title'])}</p>{teach}"
            f'<p><a class="lp-scenario-link" href="{escape(link(s["tool"], s["answers"]))}">'
            f"Open this scenario in the checklist</a></p></li>"
        )
    return f'<ol class="lp-scenarios">{"".join(items)}</ol>'
