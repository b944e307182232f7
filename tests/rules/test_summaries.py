"""Issue 21 item 3: an outcome's summary reads first time, in at most two sentences, in every
build (each authority, local practice on and off), whatever the profile adds to it (its terms,
principle 8's "this area's guidance does not cover this", "No practitioners are listed yet")."""

from __future__ import annotations

import re

import pytest

from lp_rules import evaluate
from lp_rules.checklists import TOOLS
from lp_rules.checklists.practitioners import NOBODY_LISTED
from lp_rules.engine import presented

from . import space

MAX_SENTENCES = 2

SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”)]?\s+(?=[\"'“(]?[A-Z0-9])")
"""A full stop, question or exclamation mark, then a space and a capital: the end of a
sentence as a reader sees it. A colon or a semicolon joins clauses of one sentence."""


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text.strip()) if s]


@pytest.mark.parametrize("text, count", [
    ("One. Two.", 2),
    ("One: two; three.", 1),
    ("Act now (Children Act 1989 section 2(7)). Then this.", 2),
    ("Ask the team (FSD@example.gov.uk). Then record it.", 2),
    ("One. Two. Three.", 3),
])
def test_sentences_are_counted_as_a_reader_counts_them(text: str, count: int) -> None:
    assert len(sentences(text)) == count


@space.each_build
def test_every_summary_has_at_most_two_sentences(build: space.Build) -> None:
    """Every rule of every tool, as this build presents it (the summary the outcome shows)."""
    profile = build.profile
    checked = 0
    for tool_id, tool in TOOLS.items():
        for rule in tool.rules:
            shown, _ = presented(rule, (), profile)
            summary = shown.summary.format(**profile.terms())
            variants = [summary]
            if shown.suggests_candidate:
                variants.append(f"{summary} {NOBODY_LISTED}")  # nobody listed yet
            for text in variants:
                found = sentences(text)
                assert len(found) <= MAX_SENTENCES, (tool_id, rule.code, found)
                checked += 1
    assert checked >= sum(len(t.rules) for t in TOOLS.values())


def test_the_outcome_shows_the_summary_checked() -> None:
    """The summary checked above is the one an outcome carries (so the test cannot pass on a
    text the page never shows)."""
    result = evaluate("who-should-lead", {"harm": "no", "safety": "no", "social_care": "none",
                                          "existing_plan": "no", "services": "several",
                                          "consent": "agreed", "young_person_can_consent": "no",
                                          "candidates": []})
    assert result["recommendation"] == "agree_at_taf"
    assert len(sentences(result["summary"])) == 2 and result["summary"].endswith(NOBODY_LISTED)
