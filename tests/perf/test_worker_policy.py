"""The checklists' rules worker runs under a Content-Security-Policy that allows only the site's
origin and 'wasm-unsafe-eval' (tools/sitegen/csp.py, WORKER_POLICY), whether the host sends it
(tools/serve.py) or cannot and the service worker adds it (docs/sw.js).

A worker's policy comes from its own script's response, and nothing in a page can run code inside
the page's worker. So each test serves a copy of the built site in which the real
``rules-worker.js``, at its real address (so with exactly the headers and the service-worker path
the real one gets), ends with a probe: on a "probe" message it tries eval, ``new Function``, a
request to another origin and an import from it, and reports what happened. Another server, on
another port (another origin), records any request that reaches it."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import threading
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import Site, wait_for_outcome, without_python
from tests.perf.conftest import DEFAULT_SITE, poll

from serve import Handler  # noqa: E402  (tools/ is on the path: tests/browser/conftest.py)

CHECKLIST = "tools/change-lead/?harm=no&safety=no&event=absence_short"
PROBE = """
// Test only (tests/perf/test_worker_policy.py): what this worker's policy must refuse.
self.addEventListener("message", async ({ data }) => {
  if (data.type !== "probe") return;
  const tried = {};
  try { tried.eval = String(eval("6 * 7")); } catch (error) { tried.eval = error.name; }
  try { tried.function = String(new Function("return 6 * 7")()); } catch (error) { tried.function = error.name; }
  // The worker's own fetch, not its wrapper for Pyodide (which reports a failed download in the
  // page's words, and a probe is sent none): the policy, not the wrapper, is what is probed.
  try { await siteFetch(data.elsewhere + "data", { mode: "no-cors" }); tried.fetch = "sent"; } catch (error) { tried.fetch = error.name; }
  try { await import(data.elsewhere + "module.js"); tried.import = "ran"; } catch (error) { tried.import = error.name; }
  self.postMessage({ type: "probe", tried });
});
"""
# In the page: a second worker from the page's own rules-worker.js URL, asked to probe.
ASK = """(elsewhere) => new Promise((resolve) => {
    const script = document.querySelector('script[src$="/checklist.js"]').src;
    const worker = new Worker(new URL("rules-worker.js", script), { type: "module" });
    worker.addEventListener("message", ({ data }) => {
        if (data.type === "probe") { worker.terminate(); resolve(data.tried); }
    });
    worker.postMessage({ type: "probe", elsewhere });
})"""
REFUSED = {"eval": "EvalError", "function": "EvalError", "fetch": "TypeError", "import": "TypeError"}


class _Elsewhere(BaseHTTPRequestHandler):
    """Another origin: answers anything, and records that it was asked."""

    asked: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        type(self).asked.append(self.path)
        body = b"export default 42;"
        self.send_response(200)
        self.send_header("Content-Type", "text/javascript")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def elsewhere() -> Iterator[tuple[str, list[str]]]:
    asked: list[str] = []
    handler = type("Recorder", (_Elsewhere,), {"asked": asked})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", asked
    server.shutdown()


def _with_probe(folder: Path) -> None:
    """Add the probe to the copy's rules worker, and list its new hash in sw.js, so the service
    worker keeps the probed copy as it would the real one."""
    [worker] = folder.glob("assets/js/*/rules-worker.js")
    before = worker.read_bytes()
    worker.write_bytes(before + PROBE.encode())

    def integrity(data: bytes) -> str:
        return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()
    sw = folder / "sw.js"
    source = sw.read_text(encoding="utf-8")
    assert source.count(integrity(before)) == 1
    sw.write_text(source.replace(integrity(before), integrity(worker.read_bytes())), encoding="utf-8")
    for compressed in [*worker.parent.glob("rules-worker.js.*"), *folder.glob("sw.js.*")]:
        compressed.unlink()


def _probe(page: Page, elsewhere: str) -> dict[str, Any]:
    tried: dict[str, Any] = page.evaluate(ASK, elsewhere)
    return tried


def test_the_hosts_header_holds_the_worker_to_the_site(browser: Browser, site_copy: tuple[Site, Path],
                                                       elsewhere: tuple[str, list[str]]) -> None:
    site, folder = site_copy
    _with_probe(folder)
    other, asked = elsewhere
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(site.url(CHECKLIST))
    assert wait_for_outcome(page, "cover_absence") == "cover_absence"  # Python runs under it
    assert _probe(page, other) == REFUSED
    # Settled, not slept on: the probe reports only once its fetch and import have failed, and the
    # other origin records a request before it answers (an answered one would read "sent"/"ran").
    assert asked == [], "a request from the worker reached another origin"
    context.close()


class _NoHeaders(Handler):
    """serve.py's handler without the worker's policy header: a host that cannot set headers."""

    def policy_headers(self, path: str) -> list[tuple[str, str]]:
        return []


@pytest.fixture
def headerless(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    folder = tmp_path / "site"
    shutil.copytree(DEFAULT_SITE, folder)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_NoHeaders, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", folder
    server.shutdown()


def test_the_service_worker_adds_the_policy_when_the_host_cannot(
        browser: Browser, headerless: tuple[str, Path], elsewhere: tuple[str, list[str]]) -> None:
    origin, folder = headerless
    _with_probe(folder)
    other, asked = elsewhere
    context = browser.new_context()
    page = context.new_page()
    page.goto(origin + CHECKLIST)
    wait_for_outcome(page, "cover_absence")
    poll(page, "async () => !!(await navigator.serviceWorker.getRegistration())?.active")
    page.reload()
    assert page.evaluate("!!navigator.serviceWorker.controller")
    assert wait_for_outcome(page, "cover_absence") == "cover_absence"
    assert _probe(page, other) == REFUSED
    # Settled, not slept on: the probe reports only once its fetch and import have failed, and the
    # other origin records a request before it answers (an answered one would read "sent"/"ran").
    assert asked == [], "a request from the worker reached another origin"
    context.close()


def test_with_neither_the_header_nor_the_service_worker_the_worker_is_not_held(
        browser: Browser, headerless: tuple[str, Path], elsewhere: tuple[str, list[str]]) -> None:
    """What a host that cannot set headers gives a browser that runs no service worker (and what
    every browser got before): the probe can tell, and docs/performance.md says so.

    The probe runs in a worker of its own, from the real rules-worker.js, which starts Python
    only when a page asks it to: so Python's files are held (``without_python``) and the page's
    own worker never starts Python, which took a cold start's seconds of CPU for nothing this
    test reads. The page's checklist.js must still be running: its script is what the probe's
    worker is made from."""
    origin, folder = headerless
    _with_probe(folder)
    other, asked = elsewhere
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    without_python(page)
    page.goto(origin + CHECKLIST)
    page.wait_for_selector(".lp-checklist[data-started]", state="attached")
    assert _probe(page, other) == {"eval": "42", "function": "42", "fetch": "sent", "import": "ran"}
    assert sorted(asked) == ["/data", "/module.js"]
    context.close()


def test_the_policy_is_the_one_the_build_gives_the_service_worker() -> None:
    from sitegen.csp import WORKER_POLICY
    assert "'wasm-unsafe-eval'" in WORKER_POLICY and "unsafe-eval'" not in WORKER_POLICY.replace(
        "'wasm-unsafe-eval'", "")
    sw = (DEFAULT_SITE / "sw.js").read_text(encoding="utf-8")
    assert re.search(r'const WORKER_POLICY = "([^"]*)";', sw)[1] == WORKER_POLICY  # type: ignore[index]
