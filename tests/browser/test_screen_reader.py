"""What a screen reader user hears: each checklist read from its first question to its outcome,
and to an error, by a virtual screen reader in the real built page.

As the GOV.UK Design System tests its components, `@guidepup/virtual-screen-reader` (npm,
pinned in package.json) walks the accessibility tree the way a screen reader's reading cursor
does and logs what it would say. Its browser bundle is served from node_modules at a test-only
path on the site's own origin (never a CDN); the context bypasses the page's CSP only so the
test can add that module script. The screen reader answers each question itself (moves to the
option, activates it), then reads on, so the tests hear exactly what the page offers: the
legend, the hint, each choice, the question's number, the outcome's heading, the error.

Each run's transcript is written to /tmp/sr-transcripts/<name>.txt for a person to read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Page

from tests.perf.conftest import poll

from .conftest import ROOT, Site, browser_context, wait_ready

VSR = ROOT / "node_modules" / "@guidepup" / "virtual-screen-reader" / "lib" / "esm" / "index.browser.js"
VSR_PATH = "/__test__/virtual-screen-reader.js"
TRANSCRIPTS = Path("/tmp/sr-transcripts")
MAX_STEPS = 400  # reading-cursor moves allowed to reach the next thing a test listens for (rules 2.1 asks more, with longer hints)

# Each checklist from its first question to an outcome: the answers in the order the page asks.
FLOWS = {
    "who-should-lead": [("harm", "no"), ("safety", "no"), ("social_care", "none"), ("existing_plan", "no"),
                        ("services", "one")],
    "change-lead": [("harm", "no"), ("safety", "no"), ("event", "absence_short")],
    "consent-withdrawn": [("harm", "no"), ("safety", "no"), ("who", "whole_family"), ("scope", "all_early_help"),
                          ("escalation_risk", "yes"), ("how", "told_us"),
                          ("reason", "stigma_or_fear")],
}


class ScreenReader:
    """The virtual screen reader in a page: move, act, and what was said."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def start(self) -> None:
        self.page.add_script_tag(
            type="module",
            content=f"import {{ virtual }} from '{VSR_PATH}'; window.__sr = virtual;")
        poll(self.page, "() => window.__sr !== undefined", timeout_s=10)
        self.page.evaluate("__sr.start({container: document.querySelector('.lp-checklist')})")

    def log(self) -> list[str]:
        return list(self.page.evaluate("__sr.spokenPhraseLog()"))

    def read_until(self, pattern: str) -> str:
        """Move the reading cursor on until it says something matching ``pattern`` (a regex)."""
        for _ in range(MAX_STEPS):
            self.page.evaluate("__sr.next()")
            said = str(self.page.evaluate("__sr.lastSpokenPhrase()"))
            if re.search(pattern, said):
                return said
        raise AssertionError(f"never heard {pattern!r}; last said: {self.log()[-12:]}")

    def act(self) -> None:
        self.page.evaluate("__sr.act()")

    def save(self, name: str) -> str:
        TRANSCRIPTS.mkdir(parents=True, exist_ok=True)
        text = "\n".join(self.log()) + "\n"
        (TRANSCRIPTS / f"{name}.txt").write_text(text, encoding="utf-8")
        return text


@pytest.fixture
def sr_page(request: pytest.FixtureRequest, site: Site) -> Iterator[Page]:
    with browser_context(request, bypass_csp=True, service_workers="block") as ctx:
        ctx.route(f"**{VSR_PATH}", lambda route: route.fulfill(
            body=VSR.read_bytes(), content_type="text/javascript"))
        yield ctx.new_page()


def settled(page: Page) -> None:
    """Wait until the page has shown the rules' reply to the last answer."""
    poll(page, "() => !document.querySelector('.lp-checklist').dataset.busy")


@pytest.mark.parametrize("tool", list(FLOWS))
def test_a_screen_reader_hears_each_question_then_the_outcome(sr_page: Page, site: Site, tool: str) -> None:
    sr_page.goto(site.url(f"tools/{tool}/"))
    wait_ready(sr_page)
    sr = ScreenReader(sr_page)
    sr.start()
    heard_before_last = 0
    for number, (qid, option) in enumerate(FLOWS[tool], start=1):
        fs = sr_page.locator(f'[data-question="{qid}"]')
        legend = fs.locator(".lp-legend-text").inner_text().strip()
        label = sr_page.locator(f'label[for="{qid}-{option}"]').inner_text().strip()
        # The question is announced as a group named by its number and its legend, then its
        # hint (the group's description), then its choices.
        group = sr.read_until(r"^group, .*" + re.escape(legend))
        assert re.match(rf"group, Question {number} of (up to )?\d+\W+{re.escape(legend)}", group), group
        hint = fs.locator(f"#{qid}-hint")
        if hint.count():
            assert hint.first.inner_text().strip() in group, f"{qid}'s hint is not the group's description"
        said = sr.read_until(r"^radio, " + re.escape(label) + ",")
        assert "not checked" in said and "position " in said, said
        option_hint = sr_page.locator(f"#{qid}-{option}-hint")
        if option_hint.count():
            assert option_hint.inner_text().strip() in said, f"the choice's hint is not heard: {said}"
        sr.act()
        assert sr_page.is_checked(f"#{qid}-{option}"), f"the screen reader's choice was not made: {qid}"
        # The choice takes effect on the question's Continue, read next (issue 21).
        sr.read_until(r"^button, Continue")
        heard_before_last = len(sr.log())
        sr.act()
        settled(sr_page)
    # The outcome's heading takes focus, so the screen reader says it at once, without the user
    # reading on to find it (it used to say only "region").
    title = sr_page.locator("#lp-outcome-title").inner_text().strip()
    heading = f"heading, {title}, level 2"
    try:
        poll(sr_page, "(h) => __sr.spokenPhraseLog().then(log => log.includes(h))", heading, timeout_s=5)
    finally:
        transcript = sr.save(f"{tool}-to-outcome")
    after_answer = sr.log()[heard_before_last:]
    assert heading in after_answer, after_answer
    # Every question's legend and hint were heard.
    for qid, _ in FLOWS[tool]:
        fs = sr_page.locator(f'[data-question="{qid}"]')
        assert fs.locator(".lp-legend-text").inner_text().strip() in transcript, qid
        hint = fs.locator(f"#{qid}-hint")
        if hint.count():
            assert hint.first.inner_text().strip() in transcript, f"{qid}'s hint was not heard"
    # The outcome was announced where the user is (the live region), not only reached by reading.
    assert re.search(r"Outcome: " + re.escape(title), transcript), transcript[-2000:]
    # Answering without a mistake raises no alarm: the hidden error summary (an alert) is left
    # alone, so nobody hears "There is a problem" after an answer that was fine.
    assert "There is a problem" not in transcript, transcript[-2000:]


def test_a_screen_reader_hears_an_error(sr_page: Page, site: Site) -> None:
    sr_page.goto(site.url("tools/consent-withdrawn/?harm=perhaps"))
    summary = sr_page.wait_for_selector(".lp-error-summary:not([hidden])", timeout=60_000)
    sr = ScreenReader(sr_page)
    sr.start()
    said = sr.read_until(r"There is a problem")
    message = summary.query_selector(".lp-error-list li").inner_text().strip().splitlines()[0]
    heard = sr.read_until(re.escape(message[:40]))
    transcript = sr.save("consent-withdrawn-error")
    assert "alert" in transcript.split(said)[0] + said or "alert" in transcript, transcript
    assert "link" in heard, f"the error is not a link to its question: {heard}"
    # The question with the error says so itself, next to its legend.
    inline = sr_page.locator('[data-question="harm"] .lp-field-error').inner_text().strip()
    sr.read_until(re.escape(inline[:40]))
