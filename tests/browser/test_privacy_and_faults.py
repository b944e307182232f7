"""Privacy and robustness in the browser: the CSP refuses other hosts, nothing about a family is
stored, malformed links never crash the page, and failed, damaged, incomplete or stalled downloads
are reported at once, in plain words, with no advice shown (docs/assets/js/rules-worker.js)."""

from __future__ import annotations

import hashlib
import random
import re
import shutil
import string
import threading
import time
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, expect

import lp_rules

from tests.rules import fuzz_count

from tests.perf.conftest import link_or_copy, poll

from .conftest import (RECORD_PROGRESS, ROOT, Site, expect_page_errors, wait_for_outcome, wait_ready,
                       wait_settled)

from serve import Handler  # noqa: E402  (tools/ is on the path: tests/browser/conftest.py)

COLD = pytest.mark.cold_start
"""A download that fails, stalls or is damaged, in the shared browser context (the page fixture's),
would not be asked for when the runtime is cached there: these tests get a context with nothing
cached. The rest (the policy, storage, malformed links, reflow) share the warm one, as any page
does; the faulty_site tests make their own contexts."""

ANSWERS = ("tools/consent-withdrawn/?harm=no&safety=no&who=parent_carer&other_parent_agrees=no&competence=not_competent"
           "&scope=all_early_help&escalation_risk=no&how=told_us&reason=other")


def test_the_policy_refuses_an_injected_off_site_script(page: Page, site: Site) -> None:
    page.goto(site.url("tools/change-lead/"))
    # The browser reports the request as failed, blocked by the policy (the page fixture then
    # knows it was never sent): waited for, not slept for.
    with page.expect_event("requestfailed", lambda r: "example.invalid" in r.url) as failed:
        refused = page.evaluate("""() => new Promise((resolve) => {
            document.addEventListener('securitypolicyviolation',
                (e) => resolve({blocked: e.blockedURI, directive: e.effectiveDirective}));
            const s = document.createElement('script');
            s.src = 'https://cdn.example.invalid/track.js';
            document.head.append(s);
            setTimeout(() => resolve(null), 3000);
        })""")
    assert refused and refused["directive"].startswith("script-src"), refused
    assert "example.invalid" in refused["blocked"]
    assert failed.value.failure in ("csp", "net::ERR_BLOCKED_BY_CSP"), failed.value.failure


def test_no_cookies_and_no_answers_in_storage(page: Page, site: Site) -> None:
    page.goto(site.url(ANSWERS))
    wait_for_outcome(page)
    assert page.evaluate("document.cookie") == ""
    stored = page.evaluate("""() => JSON.stringify([Object.entries(localStorage),
                                                    Object.entries(sessionStorage)])""")
    for answer in ("parent_carer", "not_competent", "all_early_help", "harm"):
        assert answer not in stored


# What a page must never show: a crash's words, or a JavaScript value where words belong (an
# outcome id read as an object's property once showed "function Object() { [native code] }").
BROKEN_WORDS = ("Traceback", "Something went wrong", "[native code]", "[object ", "undefined", "NaN")
FUZZ_KEYS = ["harm", "who", "competence", "scope", "how", "reason", "candidates", "x", "", "__proto__",
             "v", "outcome"]
FUZZ_VALUES = ["yes", "no", "unsure", "parent_carer", "", "'", "%00", "<b>", "{}", "[]", "null",
               "a" * 300, "constructor", "toString", "__proto__", "safeguarding_referral",
               # link versions: today's, older, none, newer, odd digits (int() reads "²" and "①")
               "2", "1", "0", "-1", "999", "02", "2.0", " 2", "\u00b2", "\u2460", "\u0662"]


# In the page, once settled: what a reader sees of the checklist, read in one evaluation rather
# than six round trips from Python (120 links a run): the status, the checklist's words, whether
# an error summary is shown, the outcome shown (or null), and the answers the form shows (every
# checked option, asked or not).
SEEN = """() => ({
    state: document.querySelector('.lp-status')?.dataset.state,
    status: document.querySelector('.lp-status')?.innerText,
    text: document.querySelector('.lp-checklist').innerText,
    refused: document.querySelector('.lp-error-summary:not([hidden])') !== null,
    shown: document.querySelector('[data-recommendation]')?.dataset.recommendation ?? null,
    answers: Object.fromEntries(Array.from(
        document.querySelectorAll('.lp-form input[type=radio]:checked'), (e) => [e.name, e.value])),
})"""


def test_malformed_links_never_crash_or_recommend(page: Page, site: Site) -> None:
    """Random links, `v` and `outcome` among their keys: each is refused with a message and no
    advice, or leaves the page in a state the rules agree with (the outcome shown is the one
    lp_rules gives for the answers the form shows; no outcome only while they need more)."""
    page.goto(site.url("tools/consent-withdrawn/"))
    wait_ready(page)
    rng = random.Random(2026)
    for _ in range(120):
        pairs = [(rng.choice(FUZZ_KEYS) + rng.choice(["", "", "[]", "."]),
                  rng.choice(FUZZ_VALUES + ["".join(rng.choices(string.printable, k=8))]))
                 for _ in range(rng.randint(1, 6))]
        query = "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs)
        page.evaluate("(q) => { history.pushState(null, '', '?' + q); "
                      "dispatchEvent(new PopStateEvent('popstate')); }", query)
        fuzz_count.inputs += 1
        wait_settled(page)  # the rules have read the link and answered it: not slept for
        seen = page.evaluate(SEEN)
        assert seen["state"] == "ready", (query, seen["status"])
        text = seen["text"]
        assert not [w for w in BROKEN_WORDS if w in text], (query, text[:2000])
        refused, shown, answers = seen["refused"], seen["shown"] is not None, seen["answers"]
        assert not (refused and shown), f"{query}: advice shown beside a refusal"
        try:
            result = lp_rules.evaluate("consent-withdrawn", answers)
        except lp_rules.InvalidAnswers:
            assert refused, f"{query}: the form shows answers the rules refuse ({answers}), and no error"
            continue
        if shown:
            assert seen["shown"] == result["recommendation"], query
        elif not refused:
            assert result["status"] == "needs_more", f"{query}: no outcome for complete answers {answers}"


PROMPTLY_S = 10.0
"""How soon after its cause a failure is reported: half the worker's stall limit (20 s,
STALL_MS in rules-worker.js), so the report is the check's or the host's answer and never the
stall's, with room for a loaded 2-core machine (bounds of 1, 2 and 5 s each failed there once,
under load 10 to 16, the hash of a 10 MB file then taking most of it); quiet, it takes a small
fraction."""


@COLD
def test_a_missing_standard_library_is_reported_promptly(page: Page, site: Site) -> None:
    expect_page_errors(page, "Failed to fetch", "404", "python_stdlib.zip")
    failed_at: list[float] = []
    page.route("**/python_stdlib.zip", lambda route: (failed_at.append(time.monotonic()),
                                                      route.fulfill(status=404, body="")))
    page.goto(site.url(ANSWERS))
    page.wait_for_selector('.lp-status[data-state="failed"]', timeout=30_000)
    reported = time.monotonic()
    assert failed_at and reported - failed_at[0] < PROMPTLY_S, reported - failed_at[0]
    assert "could not be downloaded" in page.inner_text(".lp-status")
    assert page.locator("[data-retry]").is_visible()
    assert "who=parent_carer" in page.url


@COLD
def test_a_missing_worker_is_reported_and_retry_recovers(page: Page, site: Site) -> None:
    expect_page_errors(page, "rules-worker")
    blocked = {"on": True}

    def maybe_block(route):  # type: ignore[no-untyped-def]
        if blocked["on"]:
            route.fulfill(status=404, body="")
        else:
            route.continue_()
    page.route("**/rules-worker.js", maybe_block)
    page.goto(site.url(ANSWERS))
    page.wait_for_selector('.lp-status[data-state="failed"]', timeout=10_000)
    blocked["on"] = False
    page.click("[data-retry]")
    wait_for_outcome(page, "continue_universal_support")


# ---- damaged, incomplete, blocked and stalled downloads ------------------------------------------

[RUNTIME] = (ROOT / "site" / "pyodide").iterdir()
[WHEEL] = (ROOT / "site" / "wheels").glob("*/*.whl")
[RULES_WORKER] = (ROOT / "site" / "assets" / "js").glob("*/rules-worker.js")


def _site_path(name: str) -> str:
    """A file's path in the site: a runtime file by its name, anything else as given."""
    if (RUNTIME / name).is_file():
        return (RUNTIME / name).relative_to(ROOT / "site").as_posix()
    return name


def _flipped(name: str, find: bytes | None = None) -> bytes:
    """A site file (a runtime file by its name) with one bit of one byte changed (in the middle,
    or the first byte of ``find``, so that a module still parses and only its check can tell)."""
    data = bytearray((ROOT / "site" / _site_path(name)).read_bytes())
    at = data.index(find) if find else len(data) // 2
    data[at] ^= 0x01
    return bytes(data)


class _Faulty(Handler):
    """serve.py's handler, noting each request's file name and Cache-Control header (a request
    past the browser's caches says "no-cache") and when the last byte of each file went out, and
    sending pyodide.asm.wasm as the test's ``pace`` says (chunk number -> seconds to wait first;
    None: stop sending and keep the connection open and silent)."""

    sent: dict[str, float]
    asked: list[tuple[str, str | None]]
    pace: Callable[[int], float | None] | None

    def send_head(self):  # type: ignore[no-untyped-def]
        name = self.path.split("?", 1)[0].rsplit("/", 1)[-1]
        type(self).asked.append((name, self.headers.get("Cache-Control")))
        return super().send_head()

    def copyfile(self, source: Any, outputfile: Any) -> None:
        name = self.path.split("?", 1)[0].rsplit("/", 1)[-1]
        pace = type(self).pace
        if pace is None or name != "pyodide.asm.wasm":
            super().copyfile(source, outputfile)
        else:
            data = source.read()
            size = len(data) // 64 + 1
            for number, at in enumerate(range(0, len(data), size)):
                wait = pace(number)
                if wait is None:
                    time.sleep(60)
                    return
                time.sleep(wait)
                outputfile.write(data[at:at + size])
                outputfile.flush()
        outputfile.flush()
        type(self).sent[name] = time.monotonic()


class Served(NamedTuple):
    """A faulty copy of the site: a page to open it in, its URL, when each file's last byte was
    sent, every request as (file name, Cache-Control), and the copy's folder."""

    page: Page
    origin: str
    sent: dict[str, float]
    asked: list[tuple[str, str | None]]
    folder: Path

    def fix(self, *names: str) -> None:
        """The host is mended: these files are the published ones again."""
        for name in names:
            _replace(self.folder / _site_path(name), (ROOT / "site" / _site_path(name)).read_bytes())

    def requests_for(self, name: str) -> list[str | None]:
        """The Cache-Control header of each request for ``name`` so far."""
        return [cache for asked, cache in self.asked if asked == name]


Serve = Callable[..., Served]


def _replace(path: Path, body: bytes) -> None:
    """The faulty copy's file at ``path`` is now ``body``: a new file, and its compressed twins
    (.br, .gz) gone, so the host serves these bytes. Never written into: the copy's files are
    hard links to the published ones where the file system allows (``link_or_copy``: copying
    the 31 MB site took about 1.2 s a test, linking it 0.1 s), and faulty_site checks that no
    test wrote into site/ through one."""
    path.unlink(missing_ok=True)
    path.write_bytes(body)
    for twin in path.parent.glob(path.name + ".*"):
        twin.unlink()


def _published() -> dict[Path, tuple[int, int]]:
    """Each published file's size and time of last change: what a write through a link alters."""
    return {p: (p.stat().st_size, p.stat().st_mtime_ns) for p in (ROOT / "site").rglob("*") if p.is_file()}


class _Copies:
    """Faulty copies of the site, each served on its own port with a browser context of its own;
    ``close`` ends them all and checks that none wrote into the published site/ through a link."""

    def __init__(self, browser: Browser, folder: Path) -> None:
        self.browser = browser
        self.folder = folder
        self.servers: list[ThreadingHTTPServer] = []
        self.contexts: list[Any] = []
        self.published = _published()

    def serve(self, files: dict[str, bytes] | None = None,
              pace: Callable[[int], float | None] | None = None, service_worker: bool = False) -> Served:
        folder = self.folder / f"site{len(self.servers)}"
        shutil.copytree(ROOT / "site", folder, copy_function=link_or_copy)
        for name, body in (files or {}).items():
            _replace(folder / _site_path(name), body)
        sent: dict[str, float] = {}
        asked: list[tuple[str, str | None]] = []
        handler = type("Faulty", (_Faulty,), {"pace": staticmethod(pace) if pace else None,
                                              "sent": sent, "asked": asked})
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.servers.append(server)
        context = self.browser.new_context(service_workers="allow" if service_worker else "block")
        self.contexts.append(context)
        return Served(context.new_page(), f"http://127.0.0.1:{server.server_address[1]}/", sent, asked, folder)

    def close(self) -> None:
        for context in self.contexts:
            context.close()
        for server in self.servers:
            server.shutdown()
        assert _published() == self.published, "a test wrote into the published site/ through a link: use _replace"


@pytest.fixture
def faulty_site(browser: Browser, tmp_path: Path) -> Iterator[Serve]:
    """serve(files={name: bytes}, pace=None, service_worker=False) -> Served: a copy of the built
    site with those files (a runtime file by its name, any other by its path in the site)
    replaced. The page's browser context blocks service workers unless ``service_worker``: the
    tests of the service worker's own copies need it running."""
    copies = _Copies(browser, tmp_path)
    yield copies.serve
    copies.close()


def _failed_soon_after(page: Page, sent: dict[str, float], name: str) -> str:
    """The checklist reports a failure within PROMPTLY_S of the last byte of ``name`` being
    sent, shows no outcome, offers Retry and keeps the answers; returns what it says."""
    page.wait_for_selector('.lp-status[data-state="failed"]', timeout=20_000)
    reported = time.monotonic()
    for _ in range(20):  # the server's thread may note the time just after the browser is told
        if name in sent:
            break
        time.sleep(0.05)
    assert name in sent, f"{name} was never sent"
    assert reported - sent[name] < PROMPTLY_S, f"reported {reported - sent[name]:.1f} s after the bytes"
    assert page.locator("[data-recommendation]").count() == 0
    assert page.locator("[data-retry]").is_visible()
    assert "who=parent_carer" in page.url
    text = page.inner_text(".lp-status")
    assert "Failed to fetch" not in text and "Error" not in text, text
    return text


@pytest.mark.parametrize("name, find", [("python_stdlib.zip", None), ("pyodide.asm.wasm", None),
                                        ("pyodide-lock.json", b"packages"),
                                        # a letter in one of the module's messages: it still
                                        # parses and runs, so only a check of its bytes can tell
                                        ("pyodide.asm.mjs", b"Failed"), ("pyodide.mjs", b"Failed")])
def test_a_runtime_file_with_one_flipped_byte_is_refused_promptly(
        faulty_site: Serve, name: str, find: bytes | None) -> None:
    page, origin, sent, asked, _ = faulty_site({name: _flipped(name, find)})
    page.goto(origin + ANSWERS)
    text = _failed_soon_after(page, sent, name)
    assert "arrived damaged" in text and "does not match the one this site published" in text, text
    # Before saying so, the worker fetched it once more past every cache (decisions/0008).
    assert [cache for asked_for, cache in asked if asked_for == name] == [None, "no-cache"]


def test_a_truncated_standard_library_is_reported_promptly(faulty_site: Serve) -> None:
    whole = (RUNTIME / "python_stdlib.zip").read_bytes()
    page, origin, sent, *_ = faulty_site({"python_stdlib.zip": whole[: len(whole) // 2]})
    page.goto(origin + ANSWERS)
    assert "arrived incomplete" in _failed_soon_after(page, sent, "python_stdlib.zip")


# ---- self-healing: a damaged copy in a cache never outlives the host's repair (decisions/0008) --

WHEEL_PATH = WHEEL.relative_to(ROOT / "site").as_posix()
RULES_WORKER_PATH = RULES_WORKER.relative_to(ROOT / "site").as_posix()
RUNTIME_FILES = ("runtime.json", "pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm",
                 "python_stdlib.zip", "pyodide-lock.json")
# Each kind of file the checklist downloads, damaged as a host, proxy or network might damage it.
DAMAGED: dict[str, Callable[[], bytes]] = {
    "python_stdlib.zip": lambda: _flipped("python_stdlib.zip"),
    # cut short and sent as a whole file of that length: only its size tells
    "pyodide.asm.wasm": lambda: (RUNTIME / "pyodide.asm.wasm").read_bytes()[:4_000_000],
    WHEEL_PATH: lambda: _flipped(WHEEL_PATH),
    # a letter in a message: the module still parses and runs
    "pyodide.mjs": lambda: _flipped("pyodide.mjs", b"Failed"),
}


def _file(name: str) -> str:
    return name.rsplit("/", 1)[-1]


def _failed(page: Page) -> str:
    page.wait_for_selector('.lp-status[data-state="failed"]', timeout=30_000)
    return page.inner_text(".lp-status")


@pytest.mark.parametrize("name", list(DAMAGED), ids=_file)
def test_a_copy_damaged_in_the_http_cache_is_replaced_once_the_host_is_mended(
        faulty_site: Serve, name: str) -> None:
    """Served damaged with its normal "immutable" headers, the file is kept in the browser's HTTP
    cache; once the host is mended, the next load works, with no site data cleared."""
    served = faulty_site({name: DAMAGED[name]()})
    served.page.goto(served.origin + ANSWERS)
    text = _failed(served.page)
    assert "does not match the one this site published" in text or "arrived incomplete" in text, text
    served.fix(name)
    before = len(served.asked)
    served.page.goto(served.origin + ANSWERS)
    assert wait_for_outcome(served.page, "continue_universal_support")
    # The damaged copy was still in the HTTP cache (the first try never reached the host), and the
    # one request that did went past it.
    assert [cache for asked, cache in served.asked[before:] if asked == _file(name)] == ["no-cache"]


def test_retry_goes_past_every_cache(faulty_site: Serve) -> None:
    served = faulty_site({"python_stdlib.zip": _flipped("python_stdlib.zip")})
    served.page.goto(served.origin + ANSWERS)
    assert "does not match the one this site published" in _failed(served.page)
    served.fix("python_stdlib.zip")
    before = len(served.asked)
    served.page.click("[data-retry]")
    assert wait_for_outcome(served.page, "continue_universal_support")
    retried = served.asked[before:]
    for name in (*RUNTIME_FILES, WHEEL.name):
        assert [cache for asked, cache in retried if asked == name] == ["no-cache"], (name, retried)


# In the page: the SHA-256 (hex) of the copy of `url` in each of the service worker's caches.
CACHED_HASHES = """async (url) => {
    const found = {};
    for (const name of await caches.keys()) {
        const copy = await (await caches.open(name)).match(url);
        if (!copy) continue;
        const digest = await crypto.subtle.digest('SHA-256', await copy.arrayBuffer());
        found[name] = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
    }
    return found;
}"""

# In the page: replace the service worker's copy of `url` by the same bytes with one bit flipped.
DAMAGE_CACHED = """async ([url, at]) => {
    let damaged = 0;
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        const copy = await cache.match(url);
        if (!copy) continue;
        const bytes = new Uint8Array(await copy.arrayBuffer());
        bytes[at] ^= 1;
        await cache.put(url, new Response(bytes, {status: copy.status, headers: copy.headers}));
        damaged += 1;
    }
    return damaged;
}"""

# A letter of a comment in the rules worker (which writes no words of its own): the damaged
# worker still runs.
WORKER_READY = b"Why a worker:"
SW_DAMAGED = {"python_stdlib.zip": None, WHEEL_PATH: None, RULES_WORKER_PATH: WORKER_READY}


def _cached_for_offline(served: Served) -> None:
    """Open the checklist until the service worker runs and keeps the runtime for offline use."""
    served.page.goto(served.origin + ANSWERS)
    wait_for_outcome(served.page, "continue_universal_support")
    poll(served.page, """async () => {
        const names = await caches.keys();
        const runtime = names.find((n) => n.startsWith('lpg-runtime-'));
        return Boolean((await navigator.serviceWorker.getRegistration())?.active)
            && Boolean(runtime) && (await (await caches.open(runtime)).keys()).length >= 5;
    }""")


@pytest.fixture(scope="module")
def kept_for_offline(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One sound copy of the site, served with its service worker running, opened once until the
    worker keeps the runtime for offline use: shared by the tests that damage the worker's own
    copies. Each test leaves it as it found it (the host mended, the worker's copy the published
    one again, which each test polls for, the checklist answered), so the next one starts from
    the state one visit leaves, as each did with a profile of its own; each such profile cost a
    cold Python start and a service worker install (about 10 s of CPU) before the test began."""
    copies = _Copies(browser, tmp_path_factory.mktemp("kept"))
    served = copies.serve(service_worker=True)
    _cached_for_offline(served)
    yield served
    copies.close()


def _published_copy(served: Served, name: str) -> tuple[str, str, str]:
    """The URL of ``name`` in the served copy, the one cache of the service worker's that holds
    it, and the published file's SHA-256, having checked that the cached copy is that file: each
    test starts from a sound copy, whatever the tests before it did."""
    url = served.origin + _site_path(name)
    published = hashlib.sha256((ROOT / "site" / _site_path(name)).read_bytes()).hexdigest()
    [(cache, cached)] = served.page.evaluate(CACHED_HASHES, url).items()
    assert cached == published, f"{name}: the service worker's copy is not the published one"
    return url, cache, published


def test_a_damaged_copy_in_the_service_workers_cache_is_never_served(kept_for_offline: Served) -> None:
    """The host is sound; only the service worker's copy of the standard library is damaged: the
    next load works at once, and the copy is the published one again."""
    served = kept_for_offline
    url, cache, published = _published_copy(served, "python_stdlib.zip")
    assert served.page.evaluate(DAMAGE_CACHED, [url, 1000]) == 1
    assert served.page.evaluate(CACHED_HASHES, url)[cache] != published
    served.page.reload()
    assert served.page.evaluate("navigator.serviceWorker.controller !== null")
    wait_for_outcome(served.page, "continue_universal_support")
    poll(served.page, "async ([url, cache, hash]) => (await (" + CACHED_HASHES + ")(url))[cache] === hash",
         [url, cache, published])


@pytest.mark.parametrize("name", list(SW_DAMAGED), ids=_file)
def test_a_copy_damaged_in_the_service_workers_cache_is_replaced_once_the_host_is_mended(
        kept_for_offline: Served, name: str) -> None:
    """The service worker's own copy (checked against the release's hashes before it is served)
    and the host both damaged; then the host is mended: the next load works, and the service
    worker's copy is the published one again, with no site data cleared."""
    served = kept_for_offline
    page = served.page
    url, cache, published = _published_copy(served, name)
    data = (ROOT / "site" / _site_path(name)).read_bytes()
    at = data.index(SW_DAMAGED[name]) if SW_DAMAGED[name] else len(data) // 2
    assert page.evaluate(DAMAGE_CACHED, [url, at]) == 1
    _replace(served.folder / _site_path(name), _flipped(name, SW_DAMAGED[name]))
    try:
        page.reload()
        assert page.evaluate("navigator.serviceWorker.controller !== null")
        assert "does not match the one this site published" in _failed(page)
    finally:  # mended whatever happened, so a failure here does not spill into the next test
        served.fix(name)
    page.reload()
    wait_for_outcome(page, "continue_universal_support")
    assert page.inner_text(".lp-status").startswith("The checklist is ready."), page.inner_text(".lp-status")
    poll(page, "async ([url, cache, hash]) => (await (" + CACHED_HASHES + ")(url))[cache] === hash",
         [url, cache, published])


# Before the page's scripts: every status message a rules worker sends, in window.lpStatuses
# (the worker's protocol: rules-worker.js), to read what the page is told to offer.
RECORD_STATUSES = """(() => {
    const Original = window.Worker;
    window.lpStatuses = [];
    window.Worker = class extends Original {
        constructor(...args) {
            super(...args);
            this.addEventListener('message', ({data}) => {
                if (data && data.type === 'status') window.lpStatuses.push(data);
            });
        }
    };
})()"""


def _offered(page: Page) -> str:
    """What the worker's failed status asks the page to offer ("retry" or "reload")."""
    action: str = page.evaluate("lpStatuses.filter((s) => s.state === 'failed').at(-1).action")
    return action


def test_a_page_opened_just_before_a_new_version_says_to_reload(faulty_site: Serve) -> None:
    """A new version was published between the page and its rules: the rules it names are gone
    from the host, whose service worker script lists the new release's. Retrying cannot help."""
    served = faulty_site()
    worker = served.folder / "sw.js"
    _replace(worker, worker.read_bytes().replace(
        WHEEL_PATH.encode(), b"wheels/0123456789abcdef/lp_rules-0.1.1-py3-none-any.whl"))
    shutil.rmtree((served.folder / WHEEL_PATH).parent)
    served.page.add_init_script(RECORD_STATUSES)
    served.page.goto(served.origin + ANSWERS)
    text = _failed(served.page)
    assert "A new version of this site was published" in text and "Reload the page" in text, text
    assert _offered(served.page) == "reload"
    expect(served.page.locator("[data-retry]")).to_have_text("Reload the page")


def test_a_rules_package_missing_from_its_own_release_is_the_hosts_error(faulty_site: Serve) -> None:
    served = faulty_site()
    shutil.rmtree((served.folder / WHEEL_PATH).parent)
    served.page.add_init_script(RECORD_STATUSES)
    served.page.goto(served.origin + ANSWERS)
    text = _failed(served.page)
    assert "could not be downloaded (the site answered HTTP 404)" in text, text
    assert "new version" not in text
    assert _offered(served.page) == "retry"
    expect(served.page.locator("[data-retry]")).to_have_text("Try loading the checklist again")


@COLD
def test_a_blocked_rules_package_is_reported_in_plain_words(page: Page, site: Site) -> None:
    expect_page_errors(page, "Failed to fetch")
    blocked: dict[str, float] = {}
    page.route("**/*.whl", lambda route: (blocked.setdefault("wheel", time.monotonic()),
                                          route.abort("blockedbyclient")))
    page.goto(site.url(ANSWERS))
    text = _failed_soon_after(page, blocked, "wheel")
    assert "rules could not be downloaded" in text and "network" in text, text


STALL = "const STALL_MS = 20000;"
"""The published worker's stall limit (docs/assets/js/rules-worker.js): 20 s without a byte."""
TEST_STALL_S = 2
"""The limit in the copy of the worker these tests serve: the same code, this one line changed,
so the stall is proved in seconds rather than twenty. Only a served copy of the site can change
it (nothing a page, a link or a request sends reaches it)."""


def _worker_stalling_after(seconds: int) -> dict[str, bytes]:
    """The site's rules worker with its stall limit set to ``seconds`` (faulty_site's ``files``)."""
    published = RULES_WORKER.read_bytes()
    assert published.count(STALL.encode()) == 1, f"rules-worker.js no longer says {STALL}"
    return {RULES_WORKER_PATH: published.replace(STALL.encode(),
                                                 f"const STALL_MS = {seconds * 1000};".encode())}


def test_a_slow_download_that_keeps_arriving_is_waited_for_and_shown(faulty_site: Serve) -> None:
    # 64 pieces, one every 0.1 s: about 6.4 s in all, over three times the served copy's stall
    # limit, but never a twentieth of it without a byte (the page has no limit on a download's
    # length). Each gap was a fifteenth of the limit before (0.2 s of 3 s; 13 s in all).
    page, origin, *_ = faulty_site(_worker_stalling_after(TEST_STALL_S), pace=lambda number: 0.1)
    # Every text the count beside the progress bar shows (the status region names the phase).
    page.add_init_script(RECORD_PROGRESS)
    started = time.monotonic()
    page.goto(origin + ANSWERS)
    page.wait_for_selector('[data-recommendation], .lp-status[data-state="failed"]', timeout=90_000)
    assert page.get_attribute(".lp-status", "data-state") != "failed", page.inner_text(".lp-status")
    assert time.monotonic() - started > 3 * TEST_STALL_S
    seen = page.evaluate("window.__progress")
    progress = [s for s in seen if s.startswith("Downloading Python and the checklist's rules: ")]
    assert len(progress) >= 5, seen  # how much has arrived, in words, as it arrives
    assert all(re.fullmatch(r".*: \d+\.\d of \d+\.\d MB", s) for s in progress), progress


def test_a_stalled_download_is_reported_after_20_seconds_without_bytes(faulty_site: Serve) -> None:
    """The published limit is 20 s; the served copy's is TEST_STALL_S, and the page reports the
    stall that long after the last byte, in words that give the limit."""
    stalled: list[float] = []

    def pace(number: int) -> float | None:
        if number < 8:
            return 0.0
        stalled.append(time.monotonic())
        return None
    page, origin, *_ = faulty_site(_worker_stalling_after(TEST_STALL_S), pace=pace)
    page.goto(origin + ANSWERS)
    page.wait_for_selector('.lp-status[data-state="failed"]', timeout=45_000)
    waited = time.monotonic() - stalled[0]
    # The worker looks once a second: reported between the limit and a second (and slack) after.
    assert TEST_STALL_S - 0.1 < waited < TEST_STALL_S + 4, waited
    text = page.inner_text(".lp-status")
    assert f"nothing arrived for {TEST_STALL_S} seconds" in text and "Failed to fetch" not in text, text
    assert page.locator("[data-recommendation]").count() == 0


def test_text_at_200_percent_reflows_without_loss(page: Page, site: Site) -> None:
    # 200% zoom of a 1280px-wide window is the same layout as a 640px-wide one (WCAG 1.4.4, 1.4.10).
    page.set_viewport_size({"width": 640, "height": 900})
    for path in (ANSWERS, "changing-the-lead/", "tools/who-should-lead/"):
        page.goto(site.url(path))
        if "?" in path:
            wait_for_outcome(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, (path, overflow)


def test_a_page_that_is_not_a_secure_context_says_the_checklist_needs_https(browser: Browser) -> None:
    """Opened over plain http at a network address (a phone on the Wi-Fi: make serve
    HOST=0.0.0.0), the browser withholds crypto.subtle, so no file can be checked: the page says
    so in plain words and offers the decision table, never a raw "reading 'digest'" error."""
    from serve import lan_address, make_server  # noqa: PLC0415

    host = lan_address()
    assert not host.startswith("127."), "this test needs an address on a network"
    server = make_server(ROOT / "site", host=host, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.goto(f"http://{host}:{server.server_address[1]}/tools/who-should-lead/?v=2&harm=no")
        assert page.evaluate("isSecureContext") is False
        page.wait_for_selector('.lp-status[data-state="failed"]', timeout=30_000)
        status = page.inner_text(".lp-status")
        assert "needs a secure connection" in status and "https://" in status, status
        assert "digest" not in status and "undefined" not in status, status
        assert page.locator('.lp-status a[href="#decision-table"]').count() == 1
    finally:
        context.close()
        server.shutdown()
