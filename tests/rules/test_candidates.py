"""Candidate ranking (who-should-lead): eligibility, priority of keys, ties, reasons."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

from lp_rules import evaluate

from . import oracle
from .conftest import candidate_lists

AGREE = {"harm": "no", "social_care": "none", "existing_plan": "no", "services": "several",
         "consent": "agreed", "young_person_view": "no"}


def _run(listed: list[dict[str, str]]) -> dict[str, Any]:
    return evaluate("who-should-lead", dict(AGREE, candidates=listed))


@settings(max_examples=400, deadline=None)
@given(candidate_lists)
def test_ranking_matches_the_contract(listed: list[dict[str, str]]) -> None:
    result = _run(listed)
    best = oracle.suggested(listed)
    assert result["suggested_candidate"] == best
    assert result["recommendation"] == ("no_suitable_candidate" if best is None else "agree_at_taf")
    for i, (given_c, assessed) in enumerate(zip(listed, result["candidates"])):
        assert assessed["index"] == i and assessed["role"] == given_c["role"]
        assert assessed["eligible"] == oracle._eligible(given_c)
        assert assessed["reasons"], "every candidate gets reasons"
        assert (assessed["rank"] is None) == (not assessed["eligible"])
    ranks = sorted(c["rank"] for c in result["candidates"] if c["rank"] is not None)
    assert ranks == list(range(1, len(ranks) + 1))
    if best is not None:
        assert result["candidates"][best]["rank"] == 1


def test_first_key_decides_before_later_ones() -> None:
    base = dict(role="gp", relationship="good", family_view="agrees", main_needs="yes",
                capacity="yes", leaving_soon="no")
    preferred_but_weaker = dict(base, role="teacher", family_view="preferred",
                                relationship="neutral", main_needs="no", leaving_soon="yes")
    assert _run([base, preferred_but_weaker])["suggested_candidate"] == 1


def test_ties_keep_the_order_given() -> None:
    same = dict(role="gp", relationship="good", family_view="agrees", main_needs="yes",
                capacity="yes", leaving_soon="no")
    assert _run([same, dict(same, role="senco")])["suggested_candidate"] == 0


def test_reasons_explain_ineligibility() -> None:
    poor = dict(role="gp", relationship="poor", family_view="agrees", main_needs="yes",
                capacity="no", leaving_soon="no")
    reasons = " ".join(_run([poor])["candidates"][0]["reasons"])
    assert "poor" in reasons and "capacity" in reasons
