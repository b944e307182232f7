"""The decision table (a checklist's rules as text, for when the checklist cannot run) at a
390 px phone (issue 21 item 8): it was four columns of one word a line with "Sources" off the
screen. Each rule must read as a block: nothing scrolls sideways, every cell is as wide as its
rule, each cell says which column it is (the table's own header words), and every source link
is on the screen. On a wide screen it stays a table.
"""

from __future__ import annotations

from typing import Iterator

import pytest
from playwright.sync_api import Page

from .conftest import Site, browser_page, without_python

TOOLS = ("who-should-lead", "change-lead", "consent-withdrawn")
OPEN_TABLE = "document.getElementById('decision-table').open = true"

# Per rule: its width and its cells' (width, left, the label shown before the text); the links'
# right edges; the table's header words; the page's and the table box's scrolling widths.
MEASURE = """() => {
  const label = (td) => {
    const c = getComputedStyle(td, '::before').content;
    return c === 'none' || c === 'normal' ? '' : c.replace(/^"|"\\s*\\/\\s*""$|"$/g, '');
  };
  const rows = [...document.querySelectorAll('#decision-table tbody tr')].map((tr) => ({
    width: tr.getBoundingClientRect().width,
    cells: [...tr.cells].map((td) => ({width: td.getBoundingClientRect().width, label: label(td)})),
  }));
  const links = [...document.querySelectorAll('#decision-table tbody a')]
    .map((a) => Math.max(...[...a.getClientRects()].map((r) => r.right)));
  const heads = [...document.querySelectorAll('#decision-table thead th')].map((th) => th.textContent.trim());
  const wrap = document.querySelector('#decision-table .lp-table-wrap');
  return {rows, links, heads, page: [document.documentElement.scrollWidth, innerWidth],
          box: [wrap.scrollWidth, wrap.clientWidth]};
}"""


def page_at(request: pytest.FixtureRequest, width: int, height: int) -> Iterator[Page]:
    """A page at this size, in a warm context kept for the run (conftest.browser_page), with
    Python's files held (``without_python``): the table is the page as built, and each of these
    loads otherwise began downloading or starting Python, seconds of CPU."""
    with browser_page(request, viewport={"width": width, "height": height},
                      service_workers="block") as page:
        without_python(page)
        yield page


@pytest.fixture
def phone(request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from page_at(request, 390, 844)


@pytest.fixture
def desktop(request: pytest.FixtureRequest) -> Iterator[Page]:
    yield from page_at(request, 1280, 800)


@pytest.mark.parametrize("profile", ["site", "other_site"])
@pytest.mark.parametrize("tool", TOOLS)
def test_each_rule_reads_as_a_labelled_block_at_390_px(
        phone: Page, profile: str, tool: str, request: pytest.FixtureRequest) -> None:
    served: Site = request.getfixturevalue(profile)
    phone.goto(served.url(f"tools/{tool}/"))
    phone.evaluate(OPEN_TABLE)
    m = phone.evaluate(MEASURE)
    assert m["page"][0] <= m["page"][1], f"the page scrolls sideways: {m['page']}"
    assert m["box"][0] <= m["box"][1], f"the table scrolls sideways: {m['box']}"
    assert len(m["rows"]) >= 5
    for i, row in enumerate(m["rows"], start=1):
        narrow = [c["width"] for c in row["cells"] if c["width"] < 0.9 * row["width"]]
        assert not narrow, f"rule {i}: cells side by side ({narrow} px in a {row['width']:.0f} px rule)"
        labels = [c["label"] for c in row["cells"]]
        assert labels == m["heads"], f"rule {i}: cells labelled {labels}, the columns are {m['heads']}"
    off = [right for right in m["links"] if right > 390]
    assert not off, f"{len(off)} source links end off the screen (right edges {off[:3]})"


@pytest.mark.parametrize("tool", TOOLS)
def test_on_a_wide_screen_it_stays_a_table(desktop: Page, site: Site, tool: str) -> None:
    desktop.goto(site.url(f"tools/{tool}/"))
    desktop.evaluate(OPEN_TABLE)
    m = desktop.evaluate(MEASURE)
    for row in m["rows"]:
        assert len(row["cells"]) == 4 and all(c["label"] == "" for c in row["cells"])
        assert sum(c["width"] for c in row["cells"]) <= row["width"] + 1, "cells are not side by side"
    assert m["page"][0] <= m["page"][1]
