"""Safety first under every fault (RULES.md principle 1, rules 2.1): whenever `harm` is `yes` or
`unsure`, answered or in a link that is otherwise readable, the urgent outcome shows, with any
contradiction or over-long practitioner list reported beside it, never instead of it. The oracle
is the contract's wording: the contradiction it names (consent-withdrawn: `who` = `young_person`
with `competence` = `not_applicable`) and "more than 8 practitioners within the link reader's size
limits" (9 up to as many as a link's 400-character value holds: 16 of the shortest rows); the
warnings' words are the rules' own (lp_rules.evaluate)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

import lp_rules
from lp_rules.checklists.practitioners import FIELDS
from lp_rules.links import MAX_PRACTITIONERS_IN_LINK

from .conftest import Site, choose, wait_for_outcome, wait_ready

CONTRADICTION = {"who": "young_person", "competence": "not_applicable"}
ROW_FIELDS = tuple(f.id for f in FIELDS)  # a practitioner's fields, in a link's order
ROW = ("teacher", "good", "agrees", "yes", "yes", "no")
SHORTEST_ROW = tuple(min(f.option_ids, key=len) for f in FIELDS)


def _urgent(tool: str, answers: dict[str, object]) -> tuple[str, list[str]]:
    """The rules' urgent outcome for these answers, and what they report beside it."""
    result = lp_rules.evaluate(tool, answers)
    assert result["urgent"] and result["warnings"], result
    return str(result["recommendation"]), list(result["warnings"])


def _urgent_with(page: Page, expected: tuple[str, list[str]]) -> None:
    """The urgent outcome ("Act now") is on screen, each warning beside it, and no error summary
    in its place."""
    recommendation, warnings = expected
    assert wait_for_outcome(page, recommendation) == recommendation
    panel = page.locator(".lp-outcome")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("Act now")
    for warning in warnings:  # in the outcome's panel, beside "Act now"
        expect(page.locator(".lp-panel").get_by_text(warning, exact=True)).to_be_visible()
    expect(page.locator(".lp-error-summary")).to_be_hidden()


def test_yes_to_harm_after_a_contradiction_shows_act_now_with_the_contradiction_beside_it(
        page: Page, site: Site) -> None:
    """The attack of issue 24: No to harm, a young person, competence "Not applicable" (refused:
    there is no urgent outcome to put first), then Yes to harm."""
    page.goto(site.url("tools/consent-withdrawn/"))
    wait_ready(page)
    choose(page, "harm", "no")
    choose(page, "safety", "no")
    page.wait_for_selector("#q-who:not([hidden])")
    choose(page, "who", "young_person")
    page.wait_for_selector("#q-competence:not([hidden])")
    choose(page, "competence", "not_applicable")
    expect(page.locator(".lp-error-summary")).to_be_visible()
    expect(page.locator("[data-recommendation]")).to_have_count(0)
    choose(page, "harm", "yes")
    _urgent_with(page, _urgent("consent-withdrawn", {"harm": "yes", **CONTRADICTION}))
    wait_ready(page)  # Python's full outcome agrees, and keeps the warning
    _urgent_with(page, _urgent("consent-withdrawn", {"harm": "yes", **CONTRADICTION}))


@pytest.mark.parametrize("harm", ["yes", "unsure"])
def test_a_link_with_a_contradiction_and_harm_suspected_gives_act_now(page: Page, site: Site, harm: str) -> None:
    page.goto(site.url(f"tools/consent-withdrawn/?v=2&harm={harm}&who=young_person&competence=not_applicable"))
    wait_ready(page)
    _urgent_with(page, _urgent("consent-withdrawn", {"harm": harm, **CONTRADICTION}))


def test_the_same_contradiction_without_suspected_harm_is_refused(page: Page, site: Site) -> None:
    """The control: with `harm` = `no` there is no urgent outcome, and the contradiction is an
    error on the field it names, with no advice."""
    page.goto(site.url("tools/consent-withdrawn/?v=2&harm=no&safety=no&who=young_person&competence=not_applicable"))
    wait_ready(page)
    expect(page.locator(".lp-error-summary")).to_be_visible()
    expect(page.locator("#competence-error")).to_be_visible()
    expect(page.locator("[data-recommendation]")).to_have_count(0)


@pytest.mark.parametrize("count, row", [(9, ROW), (MAX_PRACTITIONERS_IN_LINK, SHORTEST_ROW)],
                         ids=["9", "most a link holds"])
@pytest.mark.parametrize("harm", ["yes", "unsure"])
def test_a_link_with_too_many_practitioners_and_harm_suspected_gives_act_now(
        page: Page, site: Site, harm: str, count: int, row: tuple[str, ...]) -> None:
    rows = "~".join([".".join(row)] * count)
    page.goto(site.url(f"tools/who-should-lead/#v=2&harm={harm}&candidates={rows}"))
    wait_ready(page)
    listed = [dict(zip(ROW_FIELDS, row))] * count
    _urgent_with(page, _urgent("who-should-lead", {"harm": harm, "candidates": listed}))
