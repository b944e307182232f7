"""axe-core on every page of both sites and on each checklist state: no WCAG 2.x A/AA violation.

axe runs from the npm package (node_modules/axe-core), injected into the page; the context
bypasses the page's CSP only so that the test script can be injected. Findings in the theme's
own markup that this project cannot change are listed, with a reason each, in
axe_allowlist.toml; the checklists' markup has none.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from .conftest import ROOT, Site, expect_page_errors, wait_for_outcome, wait_ready

AXE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
ALLOW = tomllib.loads((Path(__file__).parent / "axe_allowlist.toml").read_text())["allow"]
scanned: list[str] = []


@pytest.fixture
def axe_page(browser: Browser) -> Iterator[Page]:
    ctx: BrowserContext = browser.new_context(bypass_csp=True, service_workers="block")
    yield ctx.new_page()
    ctx.close()


def violations(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(content=AXE)
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations",
        TAGS,
    )
    scanned.append(page.url)
    found = []
    for v in result:
        nodes = [n for n in v["nodes"]
                 if not any(a["rule"] == v["id"] and a["selector"] in " ".join(n["target"]) for a in ALLOW)]
        if nodes:
            found.append({"id": v["id"], "help": v["help"], "targets": [n["target"] for n in nodes][:5]})
    return found


@pytest.mark.parametrize("profile", ["site", "other_site"])
def test_every_page_in_light_and_dark(axe_page: Page, profile: str, request: pytest.FixtureRequest) -> None:
    site: Site = request.getfixturevalue(profile)
    problems = {}
    for scheme in ("light", "dark"):
        axe_page.emulate_media(color_scheme=scheme)
        for path in site.pages():
            axe_page.goto(site.url(path))
            found = violations(axe_page)
            if found:
                problems[f"{path} ({scheme})"] = found
    assert not problems, problems


STATES = {
    "outcome (urgent)": "tools/change-lead/?harm=yes",
    "outcome with candidates": "tools/who-should-lead/?harm=no&safety=no&social_care=none&existing_plan=no&services=several&consent=agreed&young_person_can_consent=yes&candidates=teacher.good.agrees.yes.yes.no~gp.poor.objects.no.no.yes",
    "outcome": "tools/consent-withdrawn/?harm=no&safety=no&who=whole_family&competence=not_applicable&scope=all_early_help&escalation_risk=yes&how=stopped_engaging&reason=stigma_or_fear",
}


@pytest.mark.parametrize("state", list(STATES))
def test_checklist_outcomes(axe_page: Page, site: Site, state: str) -> None:
    for scheme in ("light", "dark"):
        axe_page.emulate_media(color_scheme=scheme)
        axe_page.goto(site.url(STATES[state]))
        wait_for_outcome(axe_page)
        assert not violations(axe_page), (state, scheme)


def test_checklist_start_midway_and_error(axe_page: Page, site: Site) -> None:
    axe_page.goto(site.url("tools/who-should-lead/"))
    wait_ready(axe_page)
    assert not violations(axe_page), "start"
    axe_page.goto(site.url("tools/who-should-lead/?harm=no&safety=no&social_care=none&existing_plan=no&services=several&consent=agreed&young_person_can_consent=no"))
    axe_page.wait_for_selector("#q-candidates:not([hidden])", timeout=60_000)
    axe_page.click("[data-add-candidate]")
    assert not violations(axe_page), "mid-way, candidates editor open"
    axe_page.goto(site.url("tools/consent-withdrawn/?harm=perhaps"))
    axe_page.wait_for_selector(".lp-error-summary:not([hidden])", timeout=60_000)
    assert not violations(axe_page), "error"


def test_checklist_record_copy_fallback(axe_page: Page, site: Site) -> None:
    """Copying blocked: the record is shown in a text box with a visible note."""
    axe_page.goto(site.url(STATES["outcome"]))
    wait_for_outcome(axe_page)
    axe_page.evaluate("""Object.defineProperty(navigator, "clipboard", {
        value: {writeText: () => Promise.reject(new DOMException("blocked", "NotAllowedError"))}})""")
    axe_page.click("text=Copy for case notes")
    axe_page.wait_for_selector(".lp-record-fallback-note")
    assert not violations(axe_page), "copy fallback"


def test_checklist_fallback(axe_page: Page, site: Site) -> None:
    axe_page.route("**/*.wasm", lambda route: route.abort())
    axe_page.goto(site.url("tools/change-lead/?harm=no"))
    axe_page.wait_for_selector('.lp-status[data-state="failed"]', timeout=30_000)
    assert not violations(axe_page), "fallback"



TRAINER_STATES = {
    "urgent, wrong prediction": ("trainer/#scenario-1", "2"),
    "practitioners listed, right prediction, trainer's note": ("trainer/#scenario-9", "9"),
    "many ways to change it, no prediction": ("trainer/#scenario-13", ""),
}


@pytest.mark.parametrize("state", list(TRAINER_STATES))
def test_trainer_view_predicted_and_revealed(axe_page: Page, site: Site, state: str) -> None:
    path, key = TRAINER_STATES[state]
    for scheme in ("light", "dark"):
        axe_page.emulate_media(color_scheme=scheme)
        axe_page.goto(site.url(path))
        axe_page.wait_for_selector(".lp-trainer--js")
        assert not violations(axe_page), (state, scheme, "before the reveal")
        if key:
            axe_page.keyboard.press(key)
        axe_page.keyboard.press("r")
        axe_page.wait_for_selector(".lp-trainer-scenario:not([hidden]) .lp-trainer-outcome:not([hidden])")
        assert not violations(axe_page), (state, scheme, "revealed")
