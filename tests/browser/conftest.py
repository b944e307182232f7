"""Browser tests: the built sites served over loopback, driven in Debian's Chromium.

Every request a page makes is recorded, and a test fails if any left the site's own origin.
The session fixtures (sites, site, other_site, browser) live in tests/browser/fixtures.py,
registered by tests/conftest.py and shared with tests/perf.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402,F401  (shared with tools/bench)
from serve import serve_in_background  # noqa: E402
READY_TIMEOUT_MS = 60_000

# Every text the progress line shows, in order, recorded from before the page's own scripts run.
RECORD_PROGRESS = """
window.__progress = [];
new MutationObserver(() => {
  const text = document.querySelector(".lp-progress-text")?.textContent;
  if (text && text !== window.__progress.at(-1)) window.__progress.push(text);
}).observe(document, { subtree: true, childList: true, characterData: true });
"""

_expected_errors: dict[int, tuple[str, ...]] = {}


def expect_page_errors(pg: Page, *fragments: str) -> None:
    """Errors a test provokes on purpose (a blocked download) are not failures."""
    _expected_errors[id(pg)] = fragments


class Site:
    """A built site served on an ephemeral loopback port."""

    def __init__(self, folder: Path) -> None:
        if not (folder / "index.html").exists():
            pytest.fail(f"{folder} is not built: run `make build-all` first")
        os.environ["LP_SERVE_QUIET"] = "1"
        self.folder = folder
        self.server, self.origin = serve_in_background(folder)

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path}"

    def pages(self) -> list[str]:
        """The path of every page a reader can open (not the runtime's files, not redirects)."""
        pages = []
        for index in sorted(self.folder.rglob("index.html")):
            rel = index.parent.relative_to(self.folder).as_posix()
            if "pyodide" in rel or "moved" in index.read_text(encoding="utf-8")[:400].lower():
                continue
            pages.append("" if rel == "." else rel + "/")
        return pages


COLD_START = "cold_start"
"""The marker of a test (or, as ``pytestmark``, a module) about how Python is downloaded and
started: it gets a browser context of its own, with nothing cached (see warm_contexts)."""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{COLD_START}: a browser context of its own, nothing "
                            "cached: the test is about downloading or starting Python")


class WarmContexts:
    """One browser context per set of options, kept for the whole run: its tests share the
    context's HTTP cache and Cache Storage, so after the first test the worker finds
    the runtime's files cached and restores the saved start-up (rules-worker.js) instead of
    starting Python afresh. Measured 2026-12-07 under load 8-9: a checklist page was ready in
    about 6.9 s in a new context, 2.8 s in one that had shown the page before; most browser
    tests start Python once or more, so this was most of their time.

    Each test still starts from a clean page state: its own new page (the page keeps its answers
    only in its address), and when it ends every page it opened is closed and its routes,
    permissions and cookies are removed (``clean``). A test whose subject is downloading or
    starting Python is marked ``cold_start`` and gets a new context, as before."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.made: dict[str, BrowserContext] = {}

    def get(self, init_script: str | None = None, **options: Any) -> BrowserContext:
        key = repr((init_script, sorted(options.items())))
        if key not in self.made:
            self.made[key] = made = self.browser.new_context(**options)
            if init_script:
                made.add_init_script(init_script)
        return self.made[key]

    def close(self) -> None:
        for ctx in self.made.values():
            ctx.close()


# Whether this page's origin holds a saved Python start-up (rules-worker.js, START_CACHE).
_START_SAVED = "async () => (await (await caches.open('lpg-python-start')).keys()).length > 0"


def keep_saved_start(pg: Page) -> None:
    """Wait, before a page in a shared context is closed, until a Python it started afresh has
    saved its start-up: the worker saves it just after it says "ready" (31 MB hashed and written
    to Cache Storage), and a page closed in that moment saved nothing, so the next test in the
    context started Python afresh too (7.5 to 10 s of CPU, against 6.5 to 7 s restored). A page
    whose Python was restored, or never got ready, has nothing to save."""
    from tests.perf.conftest import poll  # not at the top: tests/perf/conftest.py imports this file

    if pg.locator('.lp-status[data-python-start="fresh"]').count():
        poll(pg, _START_SAVED)


def clean(ctx: BrowserContext) -> None:
    """What a test may have left in a shared context: its pages (each once its fresh Python's
    start-up is saved for the next test), routes, permissions, cookies."""
    for pg in ctx.pages:
        if not pg.is_closed():
            keep_saved_start(pg)
        pg.close()
    ctx.unroute_all(behavior="ignoreErrors")
    ctx.clear_permissions()
    ctx.clear_cookies()


@pytest.fixture(scope="session")
def warm_contexts(browser: Browser) -> Iterator[WarmContexts]:
    """Kept for the run, not a module: each module's first test started Python afresh before
    (20 to 30 starts in the browser tests, about 4 to 6 s each under load)."""
    kept = WarmContexts(browser)
    yield kept
    kept.close()


@contextmanager
def browser_context(request: pytest.FixtureRequest, init_script: str | None = None,
                    **options: Any) -> Iterator[BrowserContext]:
    """A browser context with these options (and a script run before every page's own) for one
    test: the module's warm one, cleaned after the test, or a new one for a ``cold_start`` test."""
    if request.node.get_closest_marker(COLD_START):
        browser: Browser = request.getfixturevalue("browser")
        ctx = browser.new_context(**options)
        if init_script:
            ctx.add_init_script(init_script)
        try:
            yield ctx
        finally:
            ctx.close()
        return
    warm: WarmContexts = request.getfixturevalue("warm_contexts")
    ctx = warm.get(init_script, **options)
    try:
        yield ctx
    finally:
        clean(ctx)


@contextmanager
def browser_page(request: pytest.FixtureRequest, **options: Any) -> Iterator[Page]:
    """A new page in ``browser_context``'s context for these options: the warm one kept for the
    run, where Python's start-up is saved after its first test (a new context started Python
    afresh each time: 7.5 to 10 s of CPU, against 6.5 to 7 s restored, 2026-12-08)."""
    with browser_context(request, **options) as ctx:
        yield ctx.new_page()


@pytest.fixture
def context(request: pytest.FixtureRequest) -> Iterator[BrowserContext]:
    # Service workers are blocked here so each test sees the network exactly as routed; the
    # offline tests (tests/perf) run with them on.
    with browser_context(request, accept_downloads=True, service_workers="block") as ctx:
        yield ctx


@pytest.fixture
def page(context: BrowserContext, sites: Any) -> Iterator[Page]:
    """A page whose requests must all stay on the served sites' origins."""
    pg = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    refused: list[str] = []  # stopped by the page's CSP before leaving the browser

    def on_failed(r: Any) -> None:
        if (r.failure or "") in ("csp", "net::ERR_BLOCKED_BY_CSP"):
            refused.append(r.url)

    def on_request(r: Any) -> None:
        requests.append(r.url)

    context.on("requestfailed", on_failed)
    context.on("request", on_request)
    try:
        yield pg
    finally:  # the context may be the module's warm one: the next test's page is not this one's
        context.remove_listener("requestfailed", on_failed)
        context.remove_listener("request", on_request)
    allowed = (*sites.origins(), "blob:", "data:")
    off_site = [u for u in requests if not u.startswith(allowed) and u not in refused]
    assert not off_site, f"requests left the site's origin: {off_site}"
    allowed_errors = _expected_errors.pop(id(pg), ())
    unexpected = [e for e in errors if not any(f in e for f in allowed_errors)]
    assert not unexpected, f"uncaught page errors: {unexpected}"


PYTHON_FILES = ("**/pyodide/**", "**/*.whl")
"""What the rules worker downloads to start Python: the runtime and the rules' wheel."""


def without_python(target: Page | BrowserContext) -> None:
    """Hold Python's files unanswered in this page or context, for a test that reads only what a
    page shows before Python is ready (the maps, the layout, the pages' accessibility with the
    checklist still loading, the compiled outcome's first screen): the worker stays "loading" and
    no Pyodide starts, which otherwise takes seconds of CPU on each checklist page, from both
    lanes of `make test`. A test that
    reads an outcome (data-recommendation) or the ready state needs Python: never this."""
    for pattern in PYTHON_FILES:
        target.route(pattern, lambda route: None)  # never answered: the download waits


def wait_for_outcome(pg: Page, code: str | None = None) -> str:
    """Wait for an outcome and return its recommendation code."""
    selector = f'[data-recommendation="{code}"]' if code else "[data-recommendation]"
    pg.wait_for_selector(selector, timeout=READY_TIMEOUT_MS)
    return pg.get_attribute("[data-recommendation]", "data-recommendation") or ""


def wait_ready(pg: Page) -> None:
    """Python is running and the page has settled: the rules have read the address (a link's
    answers refill the form) and answered it. Acting between the two raced the refill, and lost
    a practitioner row added in that moment (fresh-clone run, 2026-11-25)."""
    pg.wait_for_selector('.lp-status[data-state="ready"]', timeout=READY_TIMEOUT_MS)
    wait_settled(pg)


def tab_to(page: Page, selector: str, most: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has focus (a keyboard user's way
    there); fail if ``most`` presses do not reach it."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
    raise AssertionError(f"{selector} not reached by Tab in {most} presses")


def wait_settled(pg: Page) -> None:
    """The checklist has started and acted on everything it was given: the rules have answered
    its last request and the address holds the last answer (checklist.js marks it data-busy until
    then). A test that checks that something did NOT happen waits for this, never for a time:
    after a sleep, a late reaction would pass unseen."""
    pg.wait_for_selector(".lp-checklist[data-started]:not([data-busy])", state="attached",
                         timeout=READY_TIMEOUT_MS)


# Resolves when the page has not scrolled for 5 frames in a row (a smooth scroll moves it every
# frame until it ends), with where it came to rest.
_SCROLL_AT_REST = """() => new Promise((resolve) => {
    let last = NaN, still = 0;
    const frame = () => {
        still = scrollY === last ? still + 1 : 0;
        last = scrollY;
        if (still >= 5) resolve(scrollY); else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
})"""


def wait_scroll_at_rest(pg: Page) -> float:
    """Wait until any scroll the page started (a smooth one takes a moment) has ended, and
    return where the page is: measured at rest, not after a guessed time."""
    at: float = pg.evaluate(_SCROLL_AT_REST)
    return at


def choose(pg: Page, question: str, option: str) -> None:
    """Answer a question as a person does: click the option's label, then the question's
    Continue (a choice takes effect only when the user continues)."""
    pg.click(f'label[for="{question}-{option}"]')
    pg.click(f'#q-{question} [data-continue]')


def actions(pg: Page) -> list[str]:
    return pg.eval_on_selector_all("[data-action]", "els => els.map(e => e.dataset.action)")


PRACTITIONER_FIELDS = ("role", "relationship", "family_view", "main_needs", "capacity", "leaving_soon")
"""A practitioner's questions in asking order (lp_rules.checklists.practitioners.FIELDS), as a link lists them."""


def fill_practitioner(pg: Page, values: tuple[str, ...]) -> None:
    """Answer the open practitioner's questions as a person does: a click on each answer's label
    (`values` in PRACTITIONER_FIELDS' order; fewer leave the last questions unanswered)."""
    for field, value in zip(PRACTITIONER_FIELDS, values):
        pg.click(f'label[for="candidate-{field}-{value}"]')


def add_practitioner(pg: Page, values: tuple[str, ...]) -> None:
    """Add a practitioner (GOV.UK's add-another): "Add a practitioner" (or "Add another
    practitioner"), their answers, then "Save practitioner", which makes them a summary card."""
    pg.click("[data-add-candidate]")
    fill_practitioner(pg, values)
    pg.click("[data-save-candidate]")


def use_practitioners(pg: Page) -> None:
    """"Use these practitioners": the list becomes the question's answer (its Continue)."""
    pg.click("[data-save-candidates]")
