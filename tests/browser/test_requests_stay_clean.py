"""Answers stay on the device (issue 24 item 3): no request of a full visit, to any host, the
site's own included, carries an answer, in its address or in any header.

A checklist's answers travel in the address's fragment ("#v=2&harm=no"), which browsers never
send; every page sends no Referer. Checked twice, independently:

- at the host: a server over the built site that records every request line and every header it
  receives (what a host's log could hold), whatever in the browser made the request;
- in the browser: every request Playwright reports for the context (the page, the rules' Web
  Worker, the service worker, which this context allows), with all its headers. A fragment is
  never sent (Chromium reports it beside the address, and Playwright adds it back to
  ``request.url``), so it is cut off there; the host's record shows that it was not sent.

The visit: every question answered, an answer changed, Back, reload, a "what would change" link,
a source followed and Back, Copy for case notes, Print record (to PDF), the share link opened in
another tab, a training scenario's link followed. The answers looked for are the visit's own,
chosen to be distinctive (``stigma_or_fear``, ``not_competent``, ...), and the link form itself
(``harm=``, ``v=2&``), raw and percent-encoded.
"""

from __future__ import annotations

from typing import Any, Iterator
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request

from tests.browser.conftest import ROOT, choose, wait_for_outcome, wait_ready
from tests.perf.conftest import poll

from serve import Handler, serve_in_background  # tools/, put on the path by tests/browser/conftest.py

TOOL = "consent-withdrawn"
ANSWERS = [("harm", "no"), ("safety", "no"), ("who", "parent_carer"),
           ("competence", "not_competent"), ("other_parent_agrees", "no"),
           ("scope", "one_service"), ("escalation_risk", "unsure"), ("how", "stopped_engaging"),
           ("reason", "stigma_or_fear")]
OUTCOME = "non_engagement_review"
CHANGED = ("how", "told_us")
"""An answer changed during the visit (and undone with Back)."""


def markers() -> list[str]:
    """What no request may hold: each answer as the link writes it, each distinctive value, and
    the link form itself, raw and percent-encoded (once and twice)."""
    pairs = [*ANSWERS, CHANGED]
    found = {f"{q}={v}" for q, v in pairs} | {v for _, v in pairs if len(v) > 6}
    found |= {"harm=", "v=2&"}
    encoded = {quote(m, safe="") for m in found} | {quote(quote(m, safe=""), safe="") for m in found}
    return sorted(found | encoded)


MARKERS = markers()


def leaks(text: str) -> list[str]:
    low = text.lower()
    return [m for m in MARKERS if m.lower() in low]


class Host:
    """The built site served by the project's own handler, recording what it receives."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[tuple[str, str]]]] = []
        host = self

        class Recording(Handler):
            def parse_request(self) -> bool:
                ok = super().parse_request()
                if ok:
                    host.received.append((self.requestline, list(self.headers.items())))
                return ok

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server, self.origin = serve_in_background(ROOT / "site", handler=Recording)

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path}"

    def leaking(self) -> list[str]:
        """Every received request whose request line or any header holds an answer."""
        out = []
        for line, headers in self.received:
            for text in [line, *(f"{k}: {v}" for k, v in headers)]:
                if leaks(text):
                    out.append(f"{line!r} -> {text!r} holds {leaks(text)}")
        return out


@pytest.fixture
def host() -> Iterator[Host]:
    if not (ROOT / "site" / "index.html").exists():
        pytest.fail("site/ is not built: run `make build-all` first")
    served = Host()
    yield served
    served.server.shutdown()


class Seen:
    """Every request the browser context reports: pages, the rules worker, the service worker."""

    def __init__(self, context: BrowserContext) -> None:
        self.requests: list[Request] = []
        context.on("request", lambda r: self.requests.append(r))

    def by_worker(self) -> list[str]:
        """Requests made by the rules worker (its runtime and wheel) or the service worker."""
        return [r.url for r in self.requests
                if r.service_worker is not None or "/pyodide/" in r.url or r.url.endswith(".whl")]

    def leaking(self) -> list[str]:
        out = []
        for r in self.requests:
            sent = r.url.split("#", 1)[0]  # never sent: see the module's docstring
            try:
                headers = r.all_headers()
            except Exception:  # noqa: BLE001 - a request whose raw headers are gone
                headers = r.headers
            for text in [f"{r.method} {sent}", *(f"{k}: {v}" for k, v in headers.items())]:
                if leaks(text):
                    out.append(f"{r.method} {sent} -> {text!r} holds {leaks(text)}")
        return out


@pytest.fixture
def visit(browser: Browser, host: Host) -> Iterator[tuple[BrowserContext, Page, Seen]]:
    context = browser.new_context(service_workers="allow")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=host.origin)
    seen = Seen(context)
    page = context.new_page()
    yield context, page, seen
    context.close()


def settled(page: Page, fragment_holds: str) -> None:
    """The address holds the answer (it is written just after the answer's effect is drawn)
    and the page has drawn the rules' reply."""
    poll(page, "(text) => location.hash.includes(text)", fragment_holds)
    page.wait_for_selector(".lp-checklist:not([data-busy])", state="attached")


def full_visit(context: BrowserContext, page: Page, host: Host) -> dict[str, Any]:
    page.goto(host.url(f"tools/{TOOL}/"))
    wait_ready(page)
    for question, option in ANSWERS:
        page.wait_for_selector(f"#q-{question}:not([hidden])")
        choose(page, question, option)
    wait_for_outcome(page, OUTCOME)
    settled(page, "reason=stigma_or_fear")
    # An answer changed, then Back undoes it.
    choose(page, *CHANGED)
    settled(page, "=".join(CHANGED))
    page.go_back()
    settled(page, "how=stopped_engaging")
    assert wait_for_outcome(page, OUTCOME) == OUTCOME
    # Reload: the answers come back from the fragment.
    page.reload()
    wait_ready(page)
    assert wait_for_outcome(page, OUTCOME) == OUTCOME
    # "What would change the outcome?": a link to other answers, on the same page.
    page.locator(".lp-what-would-change summary").click()
    page.locator(".lp-what-would-change a").first.click()
    page.wait_for_selector(".lp-checklist:not([data-busy])", state="attached")
    page.go_back()
    settled(page, "how=stopped_engaging")
    # A source followed, and Back.
    page.locator(".lp-sources a").first.click()
    page.wait_for_load_state("load")
    assert "/tools/" not in urlsplit(page.url).path
    page.go_back()
    wait_for_outcome(page, OUTCOME)
    wait_ready(page)
    # Copy for case notes.
    page.click("text=Copy for case notes")
    page.wait_for_selector(".lp-checklist [aria-live]:has-text('Record copied')", state="attached")
    record = page.evaluate("navigator.clipboard.readText()")
    # Print record, on paper (PDF): print styles and anything they load.
    page.evaluate("window.print = () => {}")  # no print dialog in a headless browser
    page.click("text=Print record")
    page.pdf(format="A4")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    # The share link, opened in another tab.
    shared = page.url
    other = context.new_page()
    other.goto(shared)
    assert wait_for_outcome(other, OUTCOME) == OUTCOME
    # A training scenario's link followed.
    other.goto(host.url("scenarios/"))
    other.locator(".lp-scenario-link").first.click()
    wait_for_outcome(other)
    wait_ready(other)
    return {"shared": shared, "record": record, "scenario": other.url}


def test_no_request_of_a_full_visit_holds_an_answer(visit: tuple[BrowserContext, Page, Seen],
                                                    host: Host) -> None:
    context, page, seen = visit
    done = full_visit(context, page, host)
    # The answers are on the device: in the address's fragment and the record.
    for address in (done["shared"], done["scenario"]):
        parts = urlsplit(address)
        assert parts.query == "" and "harm=" in parts.fragment, address
    assert "stigma_or_fear" in done["shared"]
    assert f"/tools/{TOOL}/#v=2&harm=no" in done["record"], "the record's link holds its answers"
    # What the capture saw, so an empty capture cannot pass.
    assert len(host.received) > 30 and len(seen.requests) > 30
    assert seen.by_worker(), "no request from a worker was seen: the capture is not complete"
    assert any(r.service_worker is not None for r in seen.requests), "no service worker request seen"
    assert any(h for _, h in host.received), "the host saw no headers"
    assert not host.leaking(), "\n".join(host.leaking())
    assert not seen.leaking(), "\n".join(seen.leaking())


def test_an_older_link_with_answers_in_the_query_is_moved_to_the_fragment(
        visit: tuple[BrowserContext, Page, Seen], host: Host) -> None:
    """Opening it sends its answers once (the browser asks for that address): the page then
    moves them into the fragment, so no later request, reload or Back sends them again."""
    context, page, seen = visit
    query = "&".join(f"{q}={v}" for q, v in ANSWERS)
    page.goto(host.url(f"tools/{TOOL}/?v=2&{query}"))
    assert wait_for_outcome(page, OUTCOME) == OUTCOME
    wait_ready(page)
    parts = urlsplit(page.url)
    assert parts.query == "" and "reason=stigma_or_fear" in parts.fragment
    opened = [line for line, _ in host.received if leaks(line)]
    assert len(opened) == 1 and opened[0].startswith(f"GET /tools/{TOOL}/?v=2&"), opened
    first = len(host.received)
    page.reload()
    wait_ready(page)
    assert wait_for_outcome(page, OUTCOME) == OUTCOME
    choose(page, *CHANGED)
    settled(page, "=".join(CHANGED))
    page.go_back()
    settled(page, "how=stopped_engaging")
    later = host.received[first:]
    assert later, "the reload reached the host"
    assert not [line for line, headers in later
                if leaks(line) or any(leaks(f"{k}: {v}") for k, v in headers)], later
