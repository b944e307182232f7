"""axe-core on every page of both sites and on each checklist state: no WCAG 2.x A/AA violation.

axe runs from the npm package (node_modules/axe-core), injected into the page; the context
bypasses the page's CSP only so that the test script can be injected. Findings in the theme's
own markup that this project cannot change are listed, with a reason each, in
axe_allowlist.toml; the checklists' markup has none.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import Page, expect

from .conftest import (ROOT, Site, browser_context, expect_page_errors, wait_for_outcome, wait_ready,
                       without_python)

AXE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
ALLOW = tomllib.loads((Path(__file__).parent / "axe_allowlist.toml").read_text())["allow"]
scanned: list[str] = []


@pytest.fixture
def axe_page(request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a context that may inject axe (the module's warm one: conftest.browser_context).
    Each page opens in the scheme emulate_media sets: Material keeps the scheme a page opened in
    (localStorage) and gives it to every later page before the reader's setting, so without the
    removal below every "dark" scan after a light one scanned the light scheme (found
    2026-12-06)."""
    forget_scheme = ("for (const key of Object.keys(localStorage)) "
                     "if (key.endsWith('__palette')) localStorage.removeItem(key)")
    with browser_context(request, init_script=forget_scheme, bypass_csp=True,
                         service_workers="block") as ctx:
        yield ctx.new_page()


def violations(page: Page, rules: list[str] | None = None, within: str | None = None) -> list[dict[str, Any]]:
    """axe's violations on the page as it is now: every WCAG 2.2 A/AA rule (TAGS), or only
    ``rules``; on the whole document, or only inside the element ``within`` selects."""
    if not page.evaluate("typeof axe !== 'undefined'"):  # once per loaded page
        page.add_script_tag(content=AXE)
    run_only = {"type": "rule", "values": rules} if rules is not None else {"type": "tag", "values": TAGS}
    result = page.evaluate(
        "async ([within, runOnly]) => (await axe.run(within ?? document, {runOnly})).violations",
        [within, run_only],
    )
    scanned.append(page.url + (f" ({', '.join(rules)})" if rules is not None else ""))
    found = []
    for v in result:
        nodes = [n for n in v["nodes"]
                 if not any(a["rule"] == v["id"] and a["selector"] in " ".join(n["target"]) for a in ALLOW)]
        if nodes:
            found.append({"id": v["id"], "help": v["help"], "targets": [n["target"] for n in nodes][:5]})
    return found


def colour_rules(page: Page) -> list[str]:
    """The WCAG A/AA rules (TAGS) whose verdict depends on colour: those axe tags ``cat.color``
    (axe-core 4: color-contrast, link-in-text-block); fails if there are none, so that a scan in
    the dark scheme can never silently check nothing."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=AXE)
    rules: list[str] = page.evaluate(
        "(tags) => axe.getRules(tags).filter(r => r.tags.includes('cat.color')).map(r => r.ruleId)", TAGS)
    assert rules, "axe tags no rule cat.color: the dark scheme would not be checked"
    return rules


SCHEME_SELECTOR = "[data-md-color-scheme"
"""Material's light and dark schemes are the same HTML with ``data-md-color-scheme`` set to
``default`` or ``slate`` on the body; every style that differs between them names it."""
COLOUR_VALUE = re.compile(r"#[0-9a-f]{3,8}|(rgb|hsl)a?\(.*\)|var\(--[\w-]+(,.*)?\)|transparent|currentcolor",
                          re.IGNORECASE)
COLOUR_PROPERTIES = {"color", "fill", "stroke", "background-color", "border-color", "outline-color",
                     "color-scheme"}


def dark_scheme_changes(folder: Path) -> list[str]:
    """What a built site's stylesheets change in the dark scheme besides colours: each
    declaration under a selector naming the scheme that is not a colour property, a custom
    property holding a colour (or a hue or a shadow, which move nothing), or a rule for elements no page
    has (Material's ``img[src$="#only-light"]`` and the like). Empty when the dark scheme only
    recolours the page."""
    pages = [p.read_text(encoding="utf-8") for p in folder.rglob("*.html")]
    changes = []
    for css in sorted(folder.rglob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.DOTALL)
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
            if SCHEME_SELECTOR not in selector:
                continue
            for declaration in filter(None, (d.strip() for d in body.split(";"))):
                name, _, value = (part.strip() for part in declaration.partition(":"))
                if name in COLOUR_PROPERTIES or (name.startswith("--") and (
                        "shadow" in name or "hue" in name or COLOUR_VALUE.fullmatch(value.removesuffix("!important").strip()))):
                    continue
                fragments = re.findall(r'img\[src\$="(#[\w-]+)"\]', selector)
                if fragments and len(fragments) == selector.count(",") + 1 and not any(
                        f'{fragment}"' in page for fragment in fragments for page in pages):
                    continue  # only images no page has
                changes.append(f"{css.name}: {selector.strip()[:120]} {{{declaration}}}")
    return changes


@pytest.mark.parametrize("profile", ["site", "other_site"])
def test_the_dark_scheme_only_recolours(profile: str, request: pytest.FixtureRequest) -> None:
    """The reason test_every_page_in_light_and_dark runs only axe's colour rules in the dark
    scheme: nothing but colours changes there (so every other rule's verdict is the light one's).
    A stylesheet that hides, shows, moves or resizes anything in the dark scheme fails here: then
    scan every page with every rule in both schemes again."""
    site: Site = request.getfixturevalue(profile)
    assert not dark_scheme_changes(site.folder)


SCHEMES = {"light": "default", "dark": "slate"}
"""The reader's two colour schemes, by the name Material gives each (``data-md-color-scheme``)."""


def switch_scheme(page: Page, scheme: str) -> None:
    """Switch the page to a scheme as Material's own keyboard handler does when the reader presses
    Enter on the scheme toggle (it clicks the next scheme's radio button), and wait until Material
    has finished switching. Clicking the toggle with the mouse instead leaves its tooltip fading
    in under the pointer, which axe caught half-transparent (2026-12-07)."""
    name = SCHEMES[scheme]
    page.evaluate("(name) => document.querySelector("
                  "`[data-md-component=\"palette\"] input[data-md-color-scheme=\"${name}\"]`).click()", name)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", name)
    expect(page.locator("body[data-md-color-switching]")).to_have_count(0)


PALETTE = '[data-md-component="palette"]'
"""The scheme toggle: the only markup that differs between the schemes (which label shows)."""


def dark_violations(page: Page, toggles_scanned: set[str] | None = None) -> list[dict[str, Any]]:
    """axe's colour rules on the whole page and every rule on the scheme toggle, in the dark
    scheme (the page must show it: a light page fails here rather than pass unchecked).

    ``toggles_scanned``, for a scan of many pages: the toggle's markup (outerHTML, in the dark
    scheme) already scanned with every rule; a toggle whose markup is in it is not scanned
    again, and one that is not is scanned and added. Every page of a site has the same toggle
    (Material's header), and axe's every-rule pass over even that small part cost about 0.7 s a
    page (6 pages, 4.1 s against 13.1 s for the whole page's pass, load 10, 2026-12-07), since
    axe reads the whole document on each run."""
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES["dark"])
    expect(page.locator("body[data-md-color-switching]")).to_have_count(0)
    found = violations(page, colour_rules(page))
    if toggles_scanned is not None:
        toggle = page.locator(PALETTE).evaluate("(toggle) => toggle.outerHTML")
        if toggle in toggles_scanned:
            return found
        toggles_scanned.add(toggle)
    return found + violations(page, within=PALETTE)


def both_schemes_violations(page: Page) -> dict[str, list[dict[str, Any]]]:
    """The page as it is now, every rule in the light scheme, then, switched to the dark scheme on
    the same load, the colour rules (``dark_violations``; why only those: test_every_page_in_light_and_dark),
    then switched back to light: the page is left as it was found. Keyed by scheme, only those
    with violations."""
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES["light"])
    found = {"light": violations(page)}
    switch_scheme(page, "dark")
    found["dark"] = dark_violations(page)
    switch_scheme(page, "light")
    return {scheme: v for scheme, v in found.items() if v}


@pytest.mark.parametrize("profile", ["site", "other_site"])
def test_every_page_in_light_and_dark(axe_page: Page, profile: str, request: pytest.FixtureRequest) -> None:
    """Every page with every rule in the light scheme, then switched to the dark scheme by the
    reader's own toggle (switch_scheme), on the same load, with axe's colour rules (those it
    tags ``cat.color``: contrast, links told apart from text) on the whole page and every rule on
    the scheme toggle, the only markup that differs (which of its two labels shows), once for each
    markup it has (the same on every page: ``dark_violations``). Both schemes are the same HTML
    with the same layout (test_the_dark_scheme_only_recolours), so the rules that read structure,
    names, roles and sizes give the same verdict in both: running them again in the dark cost
    about 30% of each dark scan (19.1 s against 13.6 s for one site's pages, measured 2026-12-06
    in alternating order) and could find nothing the light scan does not.
    Switching on the same load, rather than loading each page again in the dark, saves a load
    per page (about 0.8 s each, 2026-12-07); a page opened in the dark by the reader's system
    setting is test_the_system_setting_opens_the_dark_scheme's.

    Python's files are held (``without_python``): each checklist page is scanned as it first
    shows, its form with no outcome and Python still loading, every time. Before, each visit
    (three checklists, two schemes) started Python beside the scan, which saw the page loading
    or ready as the race went; the ready states are test_checklist_outcomes' and
    test_checklist_start_midway_and_error's."""
    site: Site = request.getfixturevalue(profile)
    without_python(axe_page)
    axe_page.emulate_media(color_scheme="light")
    problems = {}
    toggles_scanned: set[str] = set()
    for path in site.pages():
        axe_page.goto(site.url(path))
        expect(axe_page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
        if found := violations(axe_page):
            problems[f"{path} (light)"] = found
        switch_scheme(axe_page, "dark")
        if found := dark_violations(axe_page, toggles_scanned):
            problems[f"{path} (dark)"] = found
    assert not problems, problems


@pytest.mark.parametrize("path", ["", "tools/who-should-lead/"])
def test_the_system_setting_opens_the_dark_scheme(axe_page: Page, site: Site, path: str) -> None:
    """A reader whose system prefers dark gets the dark scheme when the page opens, and it
    passes the colour rules as the toggled one does (test_every_page_in_light_and_dark)."""
    without_python(axe_page)
    axe_page.emulate_media(color_scheme="dark")
    axe_page.goto(site.url(path))
    assert not dark_violations(axe_page)


STATES = {
    "outcome (urgent)": "tools/change-lead/?harm=yes",
    "outcome with candidates": "tools/who-should-lead/?harm=no&safety=no&social_care=none&existing_plan=no&services=several&consent=agreed&young_person_can_consent=yes&candidates=teacher.good.agrees.yes.yes.no~gp.poor.objects.no.no.yes",
    "outcome": "tools/consent-withdrawn/?harm=no&safety=no&who=whole_family&competence=not_applicable&scope=all_early_help&escalation_risk=yes&how=stopped_engaging&reason=stigma_or_fear",
}


@pytest.mark.parametrize("state", list(STATES))
def test_checklist_outcomes(axe_page: Page, site: Site, state: str) -> None:
    """Each outcome in both schemes, from one load (both_schemes_violations)."""
    axe_page.emulate_media(color_scheme="light")
    axe_page.goto(site.url(STATES[state]))
    wait_for_outcome(axe_page)
    assert not both_schemes_violations(axe_page), state


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
    """Before and after the reveal, each in both schemes, from one load (both_schemes_violations)."""
    path, key = TRAINER_STATES[state]
    axe_page.emulate_media(color_scheme="light")
    axe_page.goto(site.url(path))
    axe_page.wait_for_selector(".lp-trainer--js")
    assert not both_schemes_violations(axe_page), (state, "before the reveal")
    if key:
        axe_page.keyboard.press(key)
    axe_page.keyboard.press("r")
    axe_page.wait_for_selector(".lp-trainer-scenario:not([hidden]) .lp-trainer-outcome:not([hidden])")
    assert not both_schemes_violations(axe_page), (state, "revealed")
