"""The decision maps and the authorities' comparison in Chromium: readable at a 390 px phone
(no sideways scrolling, map text at least 14 px, every line inside its box), the highlight
classes visible without colour, and axe clean with the maps open, in light and dark schemes."""

from __future__ import annotations

from typing import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from .conftest import Site, without_python
from .test_accessibility import violations

from chromium import PHONE_SCREEN  # the phone's screen, shared with tools/bench (conftest puts tools/ on the path)

PHONE = PHONE_SCREEN["viewport"]
TOOLS = ("who-should-lead", "change-lead", "consent-withdrawn")
PAGES = ("decision-maps/", "compare-authorities/") + tuple(f"tools/{t}/" for t in TOOLS)
OPEN_MAPS = "document.querySelectorAll('details.lp-decision-map').forEach(d => { d.open = true; })"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    ctx: BrowserContext = browser.new_context(viewport=PHONE, service_workers="block")
    without_python(ctx)  # the maps and the layout are drawn before Python; nothing here reads it
    yield ctx.new_page()
    ctx.close()


@pytest.fixture
def axe_phone(browser: Browser) -> Iterator[Page]:
    ctx: BrowserContext = browser.new_context(viewport=PHONE, bypass_csp=True, service_workers="block")
    without_python(ctx)  # scanned with the checklist loading: its other states are test_accessibility's
    yield ctx.new_page()
    ctx.close()


@pytest.mark.parametrize("profile", ["site", "other_site"])
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


@pytest.mark.parametrize("profile", ["site", "other_site"])
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
    without_python(page)  # the map's own styles, set by the test: Python plays no part
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
def test_axe_with_the_maps_open_and_at_phone_width(axe_phone: Page, site: Site, other_site: Site, scheme: str) -> None:
    axe_phone.emulate_media(color_scheme=scheme)
    problems = {}
    for served in (site, other_site):
        for path in PAGES:
            axe_phone.goto(served.url(path))
            axe_phone.evaluate(OPEN_MAPS)
            found = violations(axe_phone)
            if found:
                problems[served.url(path)] = found
    assert not problems, problems


# The prose words of the table's cells that the browser split across two lines: a word of
# letters only (with an apostrophe or trailing punctuation), never a field name, an address or
# a link, which may break anywhere.
SPLIT_WORDS = """() => {
  const split = [];
  for (const cell of document.querySelectorAll('.lp-compare-table th, .lp-compare-table td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement.closest('code, a, .lp-compare-token')) continue; // may break anywhere
      for (const m of n.data.matchAll(/[A-Za-z\u2019']+/g)) {
        if (m[0].length < 4) continue;
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const lines = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top)));
        if (lines.size > 1) split.push(m[0]);
      }
    }
  }
  return split;
}"""


@pytest.mark.parametrize("profile", ["site", "other_site"])
@pytest.mark.parametrize("width", [1024, 1280, 1440])
def test_the_comparison_never_splits_a_word(browser: Browser, profile: str, width: int,
                                            request: pytest.FixtureRequest) -> None:
    """Issue 21: the compare table broke "Safeguardin/g" (a fixed 17% column at 1280 px)."""
    served: Site = request.getfixturevalue(profile)
    ctx = browser.new_context(viewport={"width": width, "height": 800}, service_workers="block")
    page = ctx.new_page()
    page.goto(served.url("compare-authorities/"))
    assert page.locator(".lp-compare-table thead th").first.is_visible()  # a table at this width
    split = page.evaluate(SPLIT_WORDS)
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    # Nor does it run out of the page's column, under the table of contents.
    edges = page.evaluate("""[document.querySelector('.lp-compare-table').getBoundingClientRect().right,
                             document.querySelector('.md-content__inner').getBoundingClientRect().right]""")
    ctx.close()
    assert not split, f"words split across lines at {width} px: {split}"
    assert widths[0] <= widths[1], widths
    assert edges[0] <= edges[1] + 1, f"the table ends at {edges[0]:.0f} px, its column at {edges[1]:.0f} px"


@pytest.mark.parametrize("tool", TOOLS)
def test_no_heading_link_is_a_tab_stop_before_the_checklist(page: Page, site: Site, tool: str) -> None:
    """Issue 21: a ¶ "Link to this section" on the page's title added a Tab stop before the form.
    Walk the keyboard path from the top of the page to the checklist's first control (the form
    is there before Python, so Python is not started)."""
    without_python(page)
    page.goto(site.url(f"tools/{tool}/"))
    stops = []
    for _ in range(60):
        page.keyboard.press("Tab")
        here = page.evaluate("""() => { const e = document.activeElement;
            return {inChecklist: Boolean(e.closest('.lp-checklist')), headerlink: e.classList.contains('headerlink'),
                    text: (e.getAttribute('aria-label') || e.title || e.textContent || e.tagName).trim().slice(0, 40)}; }""")
        if here["inChecklist"]:
            break
        stops.append(here)
    else:
        pytest.fail(f"60 Tab presses never reached the checklist: {[s['text'] for s in stops]}")
    links = [s["text"] for s in stops if s["headerlink"]]
    assert not links, f"heading links before the form: {links} (all stops: {[s['text'] for s in stops]})"


def test_guidance_sections_keep_their_links(page: Page, site: Site) -> None:
    page.goto(site.url("changing-the-lead/"))
    section_links = page.locator("h2 > a.headerlink")
    assert section_links.count() >= 2
    assert section_links.first.is_visible()
    section_links.first.focus()
    assert page.evaluate("document.activeElement.classList.contains('headerlink')")
