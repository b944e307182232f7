"""What the bench visits and asks: the timed checklist link, the guidance pages, the requests.

Links are made by ``lp_rules.links`` (the format the page reads and writes), so a timed visit is
a visit a practitioner's share link makes, at the link version the page writes today.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any, Iterator

import brotli
import yaml

from sitegen.paths import CONFIG, ROOT
from lp_rules import PROFILE_IDS, TOOL_IDS, InvalidAnswers, evaluate, get_tool
from lp_rules.links import share_link

# The checklist visit timed cold, warm and offline: every answer in the link, so the first
# outcome needs no click.
TIMED_TOOL = "consent-withdrawn"
TIMED_ANSWERS: dict[str, Any] = {
    "harm": "no", "safety": "no", "who": "whole_family", "competence": "not_applicable",
    "scope": "all_early_help", "escalation_risk": "no", "how": "told_us", "reason": "other",
}
# The checklist a practitioner opens with nothing answered (the urgent-answer and per-answer
# rows on the phone).
BLANK_TOOL = "who-should-lead"
EVALUATOR = ROOT / "docs" / "assets" / "js" / "checklist" / "compiled.js"
"""The page's evaluator of the compiled decisions, weighed with them here and in
tests/site/test_compiled.py (which imports this)."""
_PAGE_DATA = re.compile(r'<script[^>]*class="lp-data"[^>]*>(.*?)</script>', re.S)


def guidance_paths() -> list[str]:
    """Every page in the navigation that is not a checklist, as a site-relative URL."""
    def walk(items: list[Any]) -> Iterator[str]:
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                yield from walk(value)
            elif isinstance(value, str) and not value.startswith("tools/"):
                yield "" if value == "index.md" else value.removesuffix(".md") + "/"
    return list(walk(yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["nav"]))


def checklist_url(tool_id: str, answers: dict[str, Any] | None = None) -> str:
    """The site-relative address of a checklist, with ``answers`` as its share link carries them
    (today's link version, the answers in the fragment)."""
    page = f"tools/{tool_id}/"
    return share_link(page, tool_id, answers) if answers else page


def complete_answers(tool_id: str) -> dict[str, Any]:
    """The complete answer set that asks the most questions, found by following the rules' own
    next question from every answer (only the sets a person can reach)."""
    tool = get_tool(tool_id)
    options: dict[str, list[Any]] = {q.id: list(q.option_ids) for q in tool.questions}
    # A list question (the practitioners) answered with one entry, each field its first option.
    options |= {asked.id: [[{f.id: f.option_ids[0] for f in asked.fields}]] for asked in tool.lists}
    best: dict[str, Any] = {}

    def walk(answers: dict[str, Any]) -> None:
        nonlocal best
        try:
            result = evaluate(tool_id, answers, PROFILE_IDS[0])
        except InvalidAnswers:
            return  # contradictory answers (RULES.md): refused, not an outcome
        if result["status"] == "complete":
            if len(answers) > len(best):
                best = dict(answers)
            return
        question = result["next"][0]
        for value in options[question]:
            walk({**answers, question: value})

    walk({})
    assert best, tool_id
    return best


def worker_requests(count: int) -> list[str]:
    """``count`` requests as the page sends them: every tool, complete and partial answers."""
    rng = random.Random(314)
    requests = []
    for tool_id in TOOL_IDS:
        tool = get_tool(tool_id)
        for _ in range(count):
            answers: dict[str, Any] = {q.id: rng.choice(q.option_ids) for q in tool.questions}
            answers = dict(list(answers.items())[: rng.randrange(1, len(answers) + 1)])
            for listed in tool.lists:
                if rng.random() < 0.5:
                    answers[listed.id] = [{f.id: rng.choice(f.option_ids) for f in listed.fields}]
            requests.append(json.dumps({"tool": tool_id, "answers": answers,
                                        "profile": PROFILE_IDS[0], "date": "2026-11-23"}))
    rng.shuffle(requests)
    return requests[:count]


def compiled_bytes(site: Path) -> dict[str, int]:
    """The compiled decisions as the three checklist pages carry them, with their evaluator:
    bytes as written and brotli-compressed (the page data is inside each page's HTML)."""
    blob = b"".join(
        json.dumps(page_data(site, tool_id)["compiled"], ensure_ascii=False, separators=(",", ":")).encode()
        for tool_id in TOOL_IDS
    ) + EVALUATOR.read_bytes()
    return {"raw": len(blob), "brotli": len(brotli.compress(blob, quality=11))}


def page_data(site: Path, tool_id: str) -> dict[str, Any]:
    """A built checklist page's data (its ``lp-data`` script)."""
    path = site / "tools" / tool_id / "index.html"
    found = _PAGE_DATA.search(path.read_text(encoding="utf-8"))
    if not found:
        raise SystemExit(f"{path} holds no checklist data: is the site built?")
    data: dict[str, Any] = json.loads(found.group(1))
    return data
