"""Reflow (WCAG 1.4.10): each checklist, with its outcome shown, at 320 CSS px wide.

Two ways to get there: a 320 px wide window (a small phone), and a 1280x800 window zoomed to
400% (device scale 4 on a 320x200 CSS px viewport, which is what Chromium lays out at 400%).
Either way the page must not scroll sideways, and nothing may be cut off: every visible element
of the checklist lies inside the viewport's width, unless it is inside a container the user can
scroll on its own (the decision table's wrapper), and no element that hides its overflow hides
text that does not fit.
"""

from __future__ import annotations

from typing import Any, Iterator

import pytest
from playwright.sync_api import Page

from .conftest import Site, browser_context, wait_for_outcome

OUTCOMES = {
    "who-should-lead": (
        "tools/who-should-lead/?v=2&harm=no&safety=no&social_care=none&existing_plan=no&services=several"
        "&consent=agreed&young_person_can_consent=yes"
        "&candidates=teacher.good.agrees.yes.yes.no~family_support_worker.good.agrees.yes.yes.no"
        "~gp.poor.objects.no.no.yes"
    ),
    "change-lead": "tools/change-lead/?v=2&harm=unsure",
    "consent-withdrawn": (
        "tools/consent-withdrawn/?v=2&harm=no&safety=no&who=whole_family&competence=not_applicable"
        "&scope=all_early_help&escalation_risk=yes&how=stopped_engaging&reason=stigma_or_fear"
    ),
}

# Elements outside the viewport's width or clipping their text, in the checklist and the page
# chrome around it. A scroll container (overflow-x auto/scroll) may hold wider content: that is
# the decision table, which the user scrolls on its own, as WCAG 1.4.10 allows for data tables.
PROBLEMS = """() => {
  const width = document.documentElement.clientWidth;
  const inScroller = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll") return true;
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const found = [];
  for (const el of document.querySelectorAll(".md-content *, .md-header *")) {
    // Material's search box waits off-canvas until it is opened; it is not part of the page.
    if (el.closest(".lp-visually-hidden, [hidden], details:not([open]) > :not(summary), .md-search")) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if ((box.right > width + 0.5 || box.left < -0.5) && !inScroller(el)) {
      found.push(`${name(el)} spans ${Math.round(box.left)}..${Math.round(box.right)} px`);
    }
    const clips = ["hidden", "clip"].includes(style.overflowX);
    if (clips && el.scrollWidth > el.clientWidth + 1 && el.textContent.trim() &&
        style.textOverflow !== "ellipsis") {
      found.push(`${name(el)} hides ${el.scrollWidth - el.clientWidth} px of its content`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, found: found.slice(0, 10)};
}"""


@pytest.fixture(params=["320 px window", "1280x800 at 400% zoom"])
def narrow_page(request: pytest.FixtureRequest) -> Iterator[Page]:
    if request.param == "320 px window":
        options: dict[str, Any] = dict(viewport={"width": 320, "height": 640}, has_touch=True,
                                       is_mobile=True)
    else:
        options = dict(viewport={"width": 320, "height": 200}, device_scale_factor=4)
    with browser_context(request, service_workers="block", **options) as ctx:
        yield ctx.new_page()


@pytest.mark.parametrize("tool", list(OUTCOMES))
def test_checklist_with_its_outcome_reflows_at_320_css_px(narrow_page: Page, site: Site, tool: str) -> None:
    narrow_page.goto(site.url(OUTCOMES[tool]))
    wait_for_outcome(narrow_page)
    # The folded parts open too: "Why not" and "What would change" must reflow as well.
    narrow_page.eval_on_selector_all(".lp-outcome details", "ds => ds.forEach(d => d.open = true)")
    result: dict[str, Any] = narrow_page.evaluate(PROBLEMS)
    assert result["width"] == 320
    assert result["scrollWidth"] <= 320, f"the page scrolls sideways: {result}"
    assert not result["found"], result["found"]
