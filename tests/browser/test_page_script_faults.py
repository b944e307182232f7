"""The checklist page reports its own failure: when its modules (checklist.js and the
checklist/*.js it imports) are missing, cut short, damaged or of the wrong type, the page says
in plain words that the checklist could not start and offers the decision table, instead of
inviting answers that nothing will read (tools/sitegen/checklist_watchdog.js; the integrity
checks: tools/sitegen/integrity.py)."""

from __future__ import annotations

import time
from typing import Any, Callable

import pytest
from playwright.sync_api import Page, Route, expect

from .conftest import ROOT
from .test_privacy_and_faults import Serve, Served, _flipped, faulty_site  # noqa: F401  (a fixture)

CHECKLIST = "tools/consent-withdrawn/"
[ENTRY] = (ROOT / "site" / "assets" / "js").glob("*/checklist.js")
MODULES = {
    # each with a letter of one of its strings (the page's words are in its data, not its
    # modules), so that a flipped bit leaves it a module that parses and runs: only its integrity
    # check can tell
    "checklist.js": (ENTRY.relative_to(ROOT / "site").as_posix(), b"lp-visually-hidden"),
    "checklist/core.js": ((ENTRY.parent / "checklist" / "core.js").relative_to(ROOT / "site").as_posix(),
                          b"more than once"),
}
COULD_NOT_START = "The checklist could not start"
WITHIN_S = 3.0
START_MS = 10_000
"""How long the watchdog gives the modules to start (checklist_watchdog.js's START_MS)."""


def _wrong_type(route: Route) -> None:
    """The host's own response, labelled as plain text (a misconfigured host or proxy)."""
    response = route.fetch()  # its body as sent, decoded: so without the encoding's headers
    headers = {k: v for k, v in response.headers.items() if k not in ("content-encoding", "content-length")}
    route.fulfill(status=response.status, body=response.body(), headers={**headers, "content-type": "text/plain"})


def _cut_short(path: str) -> bytes:
    whole = (ROOT / "site" / path).read_bytes()
    return whole[: len(whole) // 2]


def _missing(served: Served, path: str) -> None:
    for file in (served.folder / path).parent.glob((served.folder / path).name + "*"):
        file.unlink()


FAULTS: dict[str, Callable[[str, bytes], dict[str, bytes]]] = {
    "missing": lambda path, find: {},
    "cut short": lambda path, find: {path: _cut_short(path)},
    "one flipped byte": lambda path, find: {path: _flipped(path, find)},
    "wrong type": lambda path, find: {},
}


def _says_it_could_not_start(page: Page, opened: float) -> None:
    """The failure notice, within WITHIN_S of opening; the questions (which nothing would read)
    and the status that invites answers give way to it, and the decision table is open."""
    notice = page.locator(".lp-start-failed")
    notice.wait_for(state="visible", timeout=15_000)
    shown = time.monotonic() - opened
    assert shown < WITHIN_S, f"said so after {shown:.1f} s"
    expect(notice).to_contain_text(COULD_NOT_START)
    expect(notice).to_contain_text("Reload the page")
    expect(notice.locator('a[href="#decision-table"]')).to_have_text("the decision table below")
    expect(page.locator("#decision-table")).to_have_attribute("open", "")
    expect(page.locator("#decision-table tbody tr").first).to_be_visible()
    expect(page.locator(".lp-form")).to_be_hidden()
    expect(page.locator(".lp-status")).to_be_hidden()
    assert page.get_attribute(".lp-checklist", "data-started") is None


@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("module", list(MODULES))
def test_a_faulty_module_is_reported_within_three_seconds(faulty_site: Serve, module: str, fault: str) -> None:
    path, find = MODULES[module]
    served = faulty_site(FAULTS[fault](path, find))
    if fault == "missing":
        _missing(served, path)
    if fault == "wrong type":
        served.page.route("**/" + path, _wrong_type)
    opened = time.monotonic()
    served.page.goto(served.origin + CHECKLIST, wait_until="commit")
    _says_it_could_not_start(served.page, opened)


def test_a_stalled_module_is_reported_after_ten_seconds_and_the_report_withdrawn_when_it_arrives(
        faulty_site: Serve) -> None:
    """A module still on its way after 10 s (a stalled network) is reported; when it arrives
    after all, the checklist starts and the report gives way to the questions.

    The 10 s are the page's own (the watchdog's setTimeout), counted on the page's clock
    (Playwright's page.clock), held still while the page loads and then moved on by the test:
    not yet at 9.999 s, at 10 s exactly. Waited for in real time, the test took 10 s and
    could only bound the moment (9.5 to 12 s, loosened for a loaded machine)."""
    served = faulty_site()
    page = served.page
    held: list[Route] = []
    page.route("**/" + MODULES["checklist/core.js"][0], lambda route: held.append(route))
    page.clock.install(time=0)
    page.clock.pause_at(60)  # a minute on: later than any real time this takes to reach
    page.goto(served.origin + CHECKLIST, wait_until="commit")
    # Parsed past the checklist (its watchdog has run and set its timer), the module held: the
    # page's modules, and so DOMContentLoaded, wait for it.
    page.wait_for_selector(".md-footer", state="attached")
    assert len(held) == 1 and page.evaluate("document.readyState") == "interactive"
    page.clock.run_for(START_MS - 1)
    expect(page.locator(".lp-start-failed")).to_be_hidden()
    expect(page.locator(".lp-form")).to_be_visible()
    page.clock.run_for(1)
    expect(page.locator(".lp-start-failed")).to_be_visible()
    expect(page.locator(".lp-form")).to_be_hidden()
    page.clock.resume()  # the checklist's own timers run as usual from here
    held[0].continue_()
    page.wait_for_selector(".lp-checklist[data-started]", state="attached")
    expect(page.locator(".lp-start-failed")).to_be_hidden()
    expect(page.locator(".lp-form")).to_be_visible()
    expect(page.locator(".lp-status")).to_be_visible()


def test_a_sound_page_starts_and_never_says_it_could_not(faulty_site: Serve) -> None:
    served = faulty_site()
    page = served.page
    messages: list[Any] = []
    page.on("console", lambda m: messages.append(m.text))
    page.goto(served.origin + CHECKLIST)  # waits for the load event: every module has run
    page.wait_for_selector(".lp-checklist[data-started]", state="attached")
    # Started, and past DOMContentLoaded: the watchdog's only checks are behind it, and its
    # timer gives way to data-started, so the notice can no longer appear.
    assert page.evaluate("document.readyState") == "complete"
    expect(page.locator(".lp-start-failed")).to_be_hidden()
    expect(page.locator(".lp-form")).to_be_visible()
    refused = [m for m in messages if "integrity" in m or "Content Security Policy" in m]
    assert not refused, refused
