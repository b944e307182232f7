"""Candidate ranking (who-should-lead): eligibility, priority of keys, ties, reasons."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings

from lp_rules import evaluate

from . import oracle, space
from .conftest import candidate_lists

AGREE = {"harm": "no", "safety": "no", "social_care": "none", "existing_plan": "no", "services": "several",
         "consent": "agreed", "young_person_can_consent": "no"}


def _run(listed: list[dict[str, str]]) -> dict[str, Any]:
    return evaluate("who-should-lead", dict(AGREE, candidates=listed))


@settings(max_examples=space.examples(400), deadline=None)
@given(candidate_lists)
def test_ranking_matches_the_contract(listed: list[dict[str, str]]) -> None:
    result = _run(listed)
    best = oracle.suggested(listed)
    assert result["suggested_candidate"] == best
    nobody_suitable = best is None and bool(listed)
    assert result["recommendation"] == ("no_suitable_candidate" if nobody_suitable else "agree_at_taf")
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
    """Rules 2.0: not leaving soon comes first, before everything the family prefers."""
    stays = dict(role="gp", relationship="neutral", family_view="not_asked", main_needs="no",
                 capacity="yes", leaving_soon="no")
    preferred_but_leaving = dict(stays, role="teacher", family_view="preferred",
                                 relationship="good", main_needs="yes", leaving_soon="yes")
    assert _run([preferred_but_leaving, stays])["suggested_candidate"] == 1
    # Among those who stay, the family's view decides before the relationship.
    agrees = dict(stays, family_view="agrees")
    good_not_asked = dict(stays, relationship="good", main_needs="yes")
    assert _run([good_not_asked, agrees])["suggested_candidate"] == 1


def test_nobody_listed_is_not_nobody_suitable() -> None:
    result = _run([])
    assert result["recommendation"] == "agree_at_taf"
    assert result["suggested_candidate"] is None
    assert "No practitioners are listed yet" in result["summary"]


def test_ties_keep_the_order_given() -> None:
    same = dict(role="gp", relationship="good", family_view="agrees", main_needs="yes",
                capacity="yes", leaving_soon="no")
    assert _run([same, dict(same, role="senco")])["suggested_candidate"] == 0


def test_reasons_explain_ineligibility() -> None:
    poor = dict(role="gp", relationship="poor", family_view="agrees", main_needs="yes",
                capacity="no", leaving_soon="no")
    reasons = " ".join(_run([poor])["candidates"][0]["reasons"])
    assert "poor" in reasons and "capacity" in reasons
