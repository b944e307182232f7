"""The decision maps and the authorities' comparison in Chromium: readable at a 390 px phone
(no sideways scrolling, map text at least 14 px, every line inside its box), the highlight
classes visible without colour, and axe clean with the maps open, in light and dark schemes."""

from __future__ import annotations

from typing import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from .conftest import Site
from .test_accessibility import violations

PHONE = {"width": 390, "height": 844}
TOOLS = ("who-should-lead", "change-lead", "consent-withdrawn")
PAGES = ("decision-maps/", "compare-authorities/") + tuple(f"tools/{t}/" for t in TOOLS)
OPEN_MAPS = "document.querySelectorAll('details.lp-decision-map').forEach(d => { d.open = true; })"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    ctx: BrowserContext = browser.new_context(viewport=PHONE, service_workers="block")
    yield ctx.new_page()
    ctx.close()


@pytest.fixture
def axe_phone(browser: Browser) -> Iterator[Page]:
    ctx: BrowserContext = browser.new_context(viewport=PHONE, bypass_csp=True, service_workers="block")
    yield ctx.new_page()
    ctx.close()


@pytest.mark.parametrize("profile", ["site", "gp_site"])
def test_no_sideways_scrolling_at_phone_width(phone: Page, profile: str, request: pytest.FixtureRequest) -> None:
    served: Site = request.getfixturevalue(profile)
    for path in PAGES:
        phone.goto(served.url(path))
        phone.evaluate(OPEN_MAPS)
        widths = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], (path, widths)


MEASURE = """svg => {
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')]
    .filter(t => getComputedStyle(t).display !== 'none' && t.closest('.lp-map-mark') === null)
    .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  return {width: box.width, smallest: Math.min(...sizes), count: sizes.length};
}"""

OVERFLOW = """svg => {
  const out = [];
  for (const node of svg.querySelectorAll('.lp-map-node')) {
    const shape = node.querySelector('.lp-map-shape').getBBox();
    const inset = node.classList.contains('lp-map-decision') ? 12 : 4;
    for (const span of node.querySelectorAll(':scope > text tspan, :scope > text:not(:has(tspan))')) {
      const x = span.x.baseVal.length ? span.x.baseVal[0].value : span.getBBox().x;
      const right = x + span.getComputedTextLength();
      if (right > shape.x + shape.width - inset) out.push([span.textContent, right, shape.x + shape.width - inset]);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("profile", ["site", "gp_site"])
def test_map_text_is_large_enough_and_inside_its_boxes_at_phone_width(
        phone: Page, profile: str, request: pytest.FixtureRequest) -> None:
    served: Site = request.getfixturevalue(profile)
    for path in ("decision-maps/",) + tuple(f"tools/{t}/" for t in TOOLS):
        phone.goto(served.url(path))
        phone.evaluate(OPEN_MAPS)
        for svg in phone.query_selector_all("svg.lp-map"):
            measured = svg.evaluate(MEASURE)
            assert measured["count"] > 20
            assert measured["smallest"] >= 14, (path, measured)
            assert svg.evaluate(OVERFLOW) == [], path
            # A wider fallback font than Arial's metrics (DejaVu Sans, on Linux without
            # Liberation Sans) still fits: the generator leaves room for it.
            svg.evaluate("s => s.style.setProperty('font-family', '\"DejaVu Sans\"', 'important')")
            assert svg.evaluate(OVERFLOW) == [], (path, "DejaVu Sans")


def test_highlighted_nodes_and_arrows_stand_out_without_colour(page: Page, site: Site) -> None:
    page.goto(site.url("tools/consent-withdrawn/"))
    page.evaluate(OPEN_MAPS)
    ruled_out = '.lp-map-decision[data-map-rule="0"]'
    here = '.lp-map-outcome[data-map-for="1"]'
    no_arrow = '.lp-map-edge[data-map-edge="no"][data-map-from="0"]'

    def state() -> dict[str, object]:
        return page.evaluate(
            """([a, b, c]) => ({
              ruledOutBorder: parseFloat(getComputedStyle(document.querySelector(a + ' .lp-map-shape')).strokeWidth),
              ruledOutMark: getComputedStyle(document.querySelector(a + ' .lp-map-mark--path')).display,
              hereBorder: parseFloat(getComputedStyle(document.querySelector(b + ' .lp-map-shape')).strokeWidth),
              hereMark: getComputedStyle(document.querySelector(b + ' .lp-map-mark--here')).display,
              hereText: document.querySelector(b + ' .lp-map-mark--here').textContent,
              arrow: parseFloat(getComputedStyle(document.querySelector(c + ' .lp-map-line')).strokeWidth),
            })""",
            [ruled_out, here, no_arrow],
        )

    before = state()
    assert before["ruledOutMark"] == "none" and before["hereMark"] == "none"
    page.evaluate(
        """([a, b, c]) => {
          document.querySelector(a).classList.add('lp-map-path');
          document.querySelector(c).classList.add('lp-map-path');
          document.querySelector(b).classList.add('lp-map-here');
        }""",
        [ruled_out, here, no_arrow],
    )
    after = state()
    assert after["ruledOutMark"] != "none" and after["hereMark"] != "none"
    assert after["hereText"] == "Your outcome"
    assert after["ruledOutBorder"] >= before["ruledOutBorder"] + 3
    assert after["hereBorder"] > before["hereBorder"]
    assert after["arrow"] >= before["arrow"] * 2


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_with_the_maps_open_and_at_phone_width(axe_phone: Page, site: Site, gp_site: Site, scheme: str) -> None:
    axe_phone.emulate_media(color_scheme=scheme)
    problems = {}
    for served in (site, gp_site):
        for path in PAGES:
            axe_phone.goto(served.url(path))
            axe_phone.evaluate(OPEN_MAPS)
            found = violations(axe_phone)
            if found:
                problems[served.url(path)] = found
    assert not problems, problems
