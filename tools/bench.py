"""Measure the site's speed and size in one run and report each figure against its target.

    python tools/bench.py [--runs 5] [--evaluations 240] [--record] [--json build/bench.json]

Everything runs here, in headless Chromium (Debian's, through Playwright) over loopback against
tools/serve.py: the site as built (brotli/gzip precompressed, service worker) and, on a second
server in the same run, a bare page that loads the STOCK Pyodide from node_modules with no
optimisation, gzip-compressed as a plain host would. Times are medians over ``--runs`` fresh
browser contexts (a fresh context has an empty cache: a cold visit). Bytes are response bodies as
the server sent them (compressed), counted on the server. ``--record`` writes the results table
into docs/includes/performance-results.md, which the performance page includes.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import itertools
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import yaml
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_site import build  # noqa: E402
from serve import Handler  # noqa: E402
from sitegen.paths import CONFIG, PYODIDE_NPM, ROOT, site_dir  # noqa: E402
from sitegen.runtime import PYODIDE_FILES  # noqa: E402

from lp_rules import PROFILE_IDS, TOOL_IDS, InvalidAnswers, evaluate, get_tool  # noqa: E402
from lp_rules.candidates import FIELDS  # noqa: E402
from lp_rules.links import share_link  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
RESULTS = ROOT / "docs" / "includes" / "performance-results.md"
TIMEOUT_MS = 60_000
KB = 1000
# A slow connection, emulated by Chromium for the page and its workers: 10 Mbit/s down, 40 ms.
SLOW_NETWORK = {"offline": False, "latency": 40, "downloadThroughput": 1_250_000,
                "uploadThroughput": 625_000}
# A mid-range phone on a poor mobile connection, as Lighthouse's mobile profile emulates one: the
# processor 4 times slower than this machine's (Chromium's CPU throttling, which slows the page's
# workers too), 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip.
PHONE_NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 200_000,
                 "uploadThroughput": 93_750}
PHONE_CPU_SLOWDOWN = 4
PHONE_TIMEOUT_MS = 300_000  # 4 MB at 1.6 Mbit/s is 20 s of download before any work

# The checklist visit timed cold, warm and offline: every answer in the URL, so the first
# outcome needs no click (the example from the issue).
TIMED_TOOL = "consent-withdrawn"
TIMED_ANSWERS = {
    "harm": "no", "who": "whole_family", "competence": "not_applicable",
    "scope": "all_early_help", "escalation_risk": "no", "how": "told_us", "reason": "other",
}

# Records, in the page, when the checklist becomes operable (checklist.js has wired the form and
# set the status region), when the status says ready, and when the first outcome appears.
# Injected by Playwright before the page's own scripts; the page itself carries no hook.
MARKS_SCRIPT = """
window.__lpMarks = {};
new MutationObserver(() => {
  const marks = window.__lpMarks, now = performance.now();
  const status = document.querySelector(".lp-status, #stock-status");
  if (!marks.operable && status && status.dataset.state) {
    const first = document.querySelector(".lp-form input, .lp-form select");
    if (first && first.offsetParent !== null) marks.operable = now;
  }
  if (!marks.ready && status && status.dataset.state === "ready") marks.ready = now;
  if (!marks.failed && status && status.dataset.state === "failed") marks.failed = now;
  if (!marks.outcome && document.querySelector("[data-recommendation]")) marks.outcome = now;
}).observe(document, { subtree: true, childList: true, attributes: true });
"""

# Per-answer latency, in the page: change the last visible question's answer to its next option
# (a click, as a person would) and time until the worker's reply has been rendered (the first DOM
# change after the click; the click itself changes no DOM). Includes checklist.js's own work on
# the main thread (the address bar update, building the outcome), not only the evaluation.
LATENCY_SCRIPT = """
async (count) => {
  const root = document.querySelector(".lp-checklist");
  const rendered = () => new Promise((resolve) => {
    const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now()); });
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const times = [];
  for (let i = 0; i < count; i++) {
    const sets = [...root.querySelectorAll(".lp-form [data-question]:not([hidden])")]
      .filter((set) => set.querySelector("input[type=radio]"));
    const radios = [...sets[sets.length - 1].querySelectorAll("input[type=radio]")];
    const next = radios[(radios.findIndex((r) => r.checked) + 1) % radios.length];
    const done = rendered();
    const started = performance.now();
    next.click();
    times.push((await done) - started);
    await new Promise((resolve) => setTimeout(resolve, 60));  // a brisk person, not a flood
  }
  return times;
}
"""

# Per-answer evaluation through the worker: a second rules worker (docs/assets/js/rules-worker.js,
# its documented messages) started in the checklist page, then one request at a time, timed from
# postMessage to the reply. The page's own worker is private to checklist.js.
WORKER_SCRIPT = """
async (requests) => {
  const data = JSON.parse(document.querySelector(".lp-data").textContent);
  const root = new URL(data.root, document.baseURI);
  // Beside the page's checklist.js, in a folder named by their content (tools/sitegen/caching.py).
  const script = document.querySelector('script[src$="/checklist.js"]').src;
  const worker = new Worker(new URL("rules-worker.js", script), { type: "module" });
  const next = (type) => new Promise((resolve, reject) => {
    worker.onmessage = ({ data: message }) => {
      if (message.type === "status" && message.state === "failed") reject(new Error(message.message));
      if (message.type === type && (type !== "status" || message.state === "ready")) resolve(message);
    };
  });
  const ready = next("status");
  worker.postMessage({ type: "init", root: root.href, pyodide: data.pyodide, wheel: data.wheel,
                       wheelSha256: data.wheelSha256, runtimeSha256: data.runtimeSha256 });
  await ready;
  const times = [];
  for (const [i, request] of requests.entries()) {
    const reply = next("reply");
    const started = performance.now();
    worker.postMessage({ type: "evaluate", id: i, request });
    await reply;
    times.push(performance.now() - started);
  }
  worker.terminate();
  return times;
}
"""

STOCK_INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stock Pyodide</title></head>
<body><p id="stock-status" data-state="loading">Loading Python</p>
<script type="module" src="main.js"></script></body></html>
"""
STOCK_MAIN = """const status = document.getElementById("stock-status");
const worker = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
worker.onmessage = ({ data }) => { status.dataset.state = data; status.textContent = data; };
"""
STOCK_WORKER = """const indexURL = new URL("pyodide/", self.location.href).href;
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
const py = await loadPyodide({ indexURL });
py.runPython("import sys");
self.postMessage("ready");
"""
STOCK_GZIP = (".html", ".js", ".mjs", ".json", ".wasm", ".zip")


# ---- serving, with the bytes sent counted on the server ------------------------------------


class Served:
    """A folder on an ephemeral loopback port; ``sent`` lists (path, body bytes) per response."""

    def __init__(self, folder: Path) -> None:
        self.sent: list[tuple[str, int]] = []
        log = self.sent

        class Counting(Handler):
            # HTTP/1.1, as any real host speaks it: Chromium sends If-None-Match only to an
            # HTTP/1.1 server, so over HTTP/1.0 a revalidated file is downloaded again in full.
            protocol_version = "HTTP/1.1"

            def send_header(self, keyword: str, value: str) -> None:
                if keyword == "Content-Length":
                    log.append((self.path.split("?", 1)[0], int(value)))
                super().send_header(keyword, value)

            def log_message(self, format: str, *args: object) -> None:
                pass

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a browser context closed mid-download (background precache): not news

        self.server = Server(("127.0.0.1", 0), partial(Counting, directory=str(folder)))
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"{self.origin}/{path}"

    def mark(self) -> int:
        return len(self.sent)

    def since(self, mark: int) -> list[tuple[str, int]]:
        return list(self.sent[mark:])

    def settle(self, quiet_s: float = 1.0, limit_s: float = 60.0) -> None:
        """Wait until no response has been sent for ``quiet_s`` (background downloads done)."""
        started, seen, last_change = time.monotonic(), len(self.sent), time.monotonic()
        while time.monotonic() - started < limit_s:
            time.sleep(0.1)
            if len(self.sent) != seen:
                seen, last_change = len(self.sent), time.monotonic()
            elif time.monotonic() - last_change >= quiet_s:
                return


def stock_site(folder: Path) -> Path:
    """A bare page loading stock Pyodide from node_modules, gzip -6 beside each file."""
    (folder / "pyodide").mkdir(parents=True)
    for name in PYODIDE_FILES:
        shutil.copy2(PYODIDE_NPM / name, folder / "pyodide" / name)
    (folder / "index.html").write_text(STOCK_INDEX, encoding="utf-8")
    (folder / "main.js").write_text(STOCK_MAIN, encoding="utf-8")
    (folder / "worker.js").write_text(STOCK_WORKER, encoding="utf-8")
    for path in folder.rglob("*"):
        if path.suffix in STOCK_GZIP:
            data = path.read_bytes()
            packed = gzip.compress(data, compresslevel=6, mtime=0)
            if len(packed) < len(data):
                path.with_name(path.name + ".gz").write_bytes(packed)
    return folder


# ---- what to visit ----------------------------------------------------------------------------


def guidance_paths() -> list[str]:
    """Every page in the navigation that is not a checklist, as a site-relative URL."""
    def walk(items: list[Any]) -> Iterator[str]:
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                yield from walk(value)
            elif isinstance(value, str) and not value.startswith("tools/"):
                yield "" if value == "index.md" else value.removesuffix(".md") + "/"
    return list(walk(yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["nav"]))


def checklist_url(tool_id: str, answers: dict[str, Any]) -> str:
    """A share link as the site writes it (today's version, the answers in the fragment)."""
    return share_link(f"tools/{tool_id}/", tool_id, answers)


def complete_answers(tool_id: str) -> dict[str, Any]:
    """The complete answer set that asks the most questions (found with the rules themselves)."""
    tool = get_tool(tool_id)
    best: tuple[int, dict[str, Any]] | None = None
    for values in itertools.product(*(q.option_ids for q in tool.questions)):
        answers: dict[str, Any] = dict(zip((q.id for q in tool.questions), values))
        if "candidates" in tool.list_questions:
            answers["candidates"] = [{f.id: f.option_ids[0] for f in FIELDS}]
        try:
            result = evaluate(tool_id, answers, PROFILE_IDS[0])
        except InvalidAnswers:
            continue  # contradictory answers (RULES.md): not a set anyone can give
        if result["status"] == "complete" and (best is None or len(result["relevant"]) > best[0]):
            best = (len(result["relevant"]), answers)
    assert best is not None, tool_id
    return best[1]


def worker_requests(count: int) -> list[str]:
    """``count`` requests as the page sends them: every tool, complete and partial answers."""
    rng = random.Random(314)
    requests = []
    for tool_id in TOOL_IDS:
        tool = get_tool(tool_id)
        combos = list(itertools.product(*(q.option_ids for q in tool.questions)))
        for values in rng.sample(combos, min(len(combos), count)):
            answers: dict[str, Any] = dict(zip((q.id for q in tool.questions), values))
            answers = dict(list(answers.items())[: rng.randrange(1, len(answers) + 1)])
            if "candidates" in tool.list_questions and rng.random() < 0.5:
                answers["candidates"] = [{f.id: rng.choice(f.option_ids) for f in FIELDS}]
            requests.append(json.dumps({"tool": tool_id, "answers": answers,
                                        "profile": PROFILE_IDS[0], "date": "2026-11-23"}))
    rng.shuffle(requests)
    return requests[:count]


# ---- measuring ----------------------------------------------------------------------------------


@dataclass
class Visit:
    operable: float | None = None
    ready: float | None = None
    outcome: float | None = None
    fcp: float | None = None
    failed: str | None = None


def visit(page: Page, url: str, wait_for: str, timeout_ms: int = TIMEOUT_MS) -> Visit:
    """Navigate and wait for ``wait_for`` (a selector); the page's own marks, in ms."""
    try:
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        page.wait_for_selector(wait_for, timeout=timeout_ms, state="attached")
    except Exception as error:  # noqa: BLE001 - a failed visit is a result to report
        return Visit(failed=str(error).splitlines()[0])
    marks = page.evaluate(
        "() => ({...window.__lpMarks, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime})"
    )
    return Visit(marks.get("operable"), marks.get("ready"), marks.get("outcome"), marks.get("fcp"))


def new_context(browser: Browser, service_workers: str = "allow") -> BrowserContext:
    context = browser.new_context(service_workers=service_workers)  # type: ignore[arg-type]
    context.add_init_script(MARKS_SCRIPT)
    return context


def wait_for_service_worker(page: Page, served: Served) -> None:
    """The service worker is active and has finished its downloads (precache, runtime)."""
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    served.settle()


# The checklists' worker saves Python's start-up in Cache Storage after a fresh start
# (docs/assets/js/rules-worker.js); in the page, its size once saved.
SAVED_START_SCRIPT = """async () => {
  const cache = await caches.open("lpg-python-start");
  for (;;) {
    const [key] = await cache.keys();
    if (key) return (await (await cache.match(key)).arrayBuffer()).byteLength;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}"""


def wait_for_saved_start(page: Page) -> int:
    """Wait until the page's first visit has saved Python's start-up; its size in bytes."""
    size: int = page.evaluate(SAVED_START_SCRIPT)
    return size


def forget_saved_start(page: Page) -> None:
    page.evaluate('() => caches.delete("lpg-python-start")')


def split_bytes(sent: list[tuple[str, int]]) -> dict[str, int]:
    """Bytes by kind: the Pyodide runtime, the rules wheel, and everything else (the page)."""
    kinds = {"page": 0, "pyodide": 0, "wheel": 0}
    for path, size in sent:
        kind = "pyodide" if "/pyodide/" in path else "wheel" if path.endswith(".whl") else "page"
        kinds[kind] += size
    return kinds


@dataclass
class Results:
    runs: int
    cold: list[Visit] = field(default_factory=list)
    warm: list[Visit] = field(default_factory=list)
    warm_unsaved: list[Visit] = field(default_factory=list)
    saved_start_bytes: list[int] = field(default_factory=list)
    offline: list[Visit] = field(default_factory=list)
    stock: list[Visit] = field(default_factory=list)
    slow: list[Visit] = field(default_factory=list)
    slow_stock: list[Visit] = field(default_factory=list)
    phone: list[Visit] = field(default_factory=list)
    phone_again: list[Visit] = field(default_factory=list)
    phone_stock: list[Visit] = field(default_factory=list)
    phone_stock_again: list[Visit] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    worker_latencies: list[float] = field(default_factory=list)
    bytes: dict[str, Any] = field(default_factory=dict)
    offline_check: dict[str, Any] = field(default_factory=dict)
    build_s: dict[str, float] = field(default_factory=dict)


def measure_times(browser: Browser, site: Served, stock: Served, results: Results) -> None:
    """Cold, warm and offline first outcomes on a checklist, and stock Pyodide, per run.

    The warm visit restores the start-up the cold one saved; a second warm visit, with that
    deleted first, shows what the saved start-up is worth (it saves a new one for the offline
    visit)."""
    url = site.url(checklist_url(TIMED_TOOL, TIMED_ANSWERS))
    for run in range(results.runs):
        context = new_context(browser)
        page = context.new_page()
        results.stock.append(visit(page, stock.url(""), '#stock-status[data-state="ready"]'))
        context.close()

        context = new_context(browser)
        page = context.new_page()
        results.cold.append(visit(page, url, "[data-recommendation]"))
        wait_for_service_worker(page, site)
        results.saved_start_bytes.append(wait_for_saved_start(page))
        results.warm.append(visit(page, url, "[data-recommendation]"))
        wait_for_service_worker(page, site)
        forget_saved_start(page)
        results.warm_unsaved.append(visit(page, url, "[data-recommendation]"))
        wait_for_service_worker(page, site)
        wait_for_saved_start(page)
        context.set_offline(True)
        results.offline.append(visit(page, url, "[data-recommendation]"))
        context.close()
        print(f"run {run + 1}/{results.runs}: stock ready {results.stock[-1].ready}, cold outcome "
              f"{results.cold[-1].outcome}, warm {results.warm[-1].outcome} (without the saved "
              f"start-up {results.warm_unsaved[-1].outcome}), offline "
              f"{results.offline[-1].outcome}", file=sys.stderr)


def measure_slow_network(browser: Browser, site: Served, stock: Served, results: Results) -> None:
    """Cold first outcome, and stock Pyodide, over an emulated slow connection.

    The service worker is off here: Chromium's emulation does not reach it, so its background
    precache would download at full speed and flatter the figure.
    """
    url = site.url(checklist_url(TIMED_TOOL, TIMED_ANSWERS))
    for _ in range(min(results.runs, 3)):
        for target, selector, into in ((url, "[data-recommendation]", results.slow),
                                       (stock.url(""), '#stock-status[data-state="ready"]', results.slow_stock)):
            context = new_context(browser, service_workers="block")
            page = context.new_page()
            session = context.new_cdp_session(page)
            session.send("Network.enable")
            session.send("Network.emulateNetworkConditions", SLOW_NETWORK)
            into.append(visit(page, target, selector))
            context.close()


def phone_page(context: BrowserContext) -> Page:
    """A page in ``context`` as a mid-range phone on a poor mobile connection would run it."""
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", PHONE_NETWORK)
    session.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU_SLOWDOWN})
    return page


def phone_profile(playwright: Playwright, folder: Path) -> BrowserContext:
    """A fresh browser profile on disk, as a phone has: its HTTP cache is on disk. (A throwaway
    in-memory context caches no file larger than about 1 MB, so every second visit would download
    the runtime again, which no phone does.) The service worker is off, as in the slow-network
    row: Chromium's emulation does not reach it."""
    context = playwright.chromium.launch_persistent_context(
        str(folder), executable_path=CHROMIUM, args=CHROMIUM_ARGS, service_workers="block")
    context.add_init_script(MARKS_SCRIPT)
    return context


def measure_phone(playwright: Playwright, site: Served, stock: Served, results: Results) -> None:
    """First outcome on the phone profile, cold and on a second visit, and stock Pyodide's ready
    on the same profile, cold and again.

    The second visit opens the same address again in the same browser profile: the content-named
    files come from the browser's cache, the page is revalidated, and the checklist restores the
    start-up its first visit saved. The stock page, served as a plain host would (revalidated
    every time), gets 304s for its files and starts Python from scratch again.
    """
    url = site.url(checklist_url(TIMED_TOOL, TIMED_ANSWERS))
    stock_ready = '#stock-status[data-state="ready"]'
    for run in range(min(results.runs, 3)):
        with tempfile.TemporaryDirectory(prefix="lp-phone-") as folder:
            context = phone_profile(playwright, Path(folder))
            page = phone_page(context)
            results.phone.append(visit(page, url, "[data-recommendation]", PHONE_TIMEOUT_MS))
            if results.phone[-1].failed is None:
                wait_for_saved_start(page)
            results.phone_again.append(visit(page, url, "[data-recommendation]", PHONE_TIMEOUT_MS))
            context.close()
        with tempfile.TemporaryDirectory(prefix="lp-phone-") as folder:
            context = phone_profile(playwright, Path(folder))
            page = phone_page(context)
            results.phone_stock.append(visit(page, stock.url(""), stock_ready, PHONE_TIMEOUT_MS))
            results.phone_stock_again.append(visit(page, stock.url(""), stock_ready, PHONE_TIMEOUT_MS))
            context.close()
        print(f"phone run {run + 1}: outcome cold {results.phone[-1].outcome} "
              f"({results.phone[-1].failed or 'ok'}), again {results.phone_again[-1].outcome}; "
              f"stock ready {results.phone_stock[-1].ready}, again {results.phone_stock_again[-1].ready}",
              file=sys.stderr)


def measure_latency(browser: Browser, site: Served, results: Results, count: int) -> None:
    context = new_context(browser)
    page = context.new_page()
    visit(page, site.url(checklist_url(TIMED_TOOL, TIMED_ANSWERS)), "[data-recommendation]")
    page.evaluate(LATENCY_SCRIPT, 20)  # warm-up, not counted
    results.latencies = page.evaluate(LATENCY_SCRIPT, count)
    requests = worker_requests(count + 20)
    results.worker_latencies = page.evaluate(WORKER_SCRIPT, requests)[20:]  # after a warm-up
    context.close()


def measure_bytes(browser: Browser, site: Served, stock: Served, results: Results) -> None:
    """Bytes per guidance page and checklist page (no service worker), the precache, stock."""
    pages: dict[str, dict[str, int]] = {}
    for path in guidance_paths():
        context = new_context(browser, service_workers="block")
        page = context.new_page()
        mark = site.mark()
        page.goto(site.url(path), wait_until="networkidle")
        site.settle(quiet_s=0.5)
        pages[path or "./"] = split_bytes(site.since(mark))
        context.close()
    heaviest = max(pages, key=lambda p: sum(pages[p].values()))

    context = new_context(browser, service_workers="block")
    page = context.new_page()
    mark = site.mark()
    page.goto(site.url(f"tools/{TIMED_TOOL}/"))
    page.wait_for_selector('.lp-status[data-state="ready"]', timeout=TIMEOUT_MS)
    site.settle(quiet_s=0.5)
    checklist = split_bytes(site.since(mark))
    context.close()

    context = new_context(browser)
    page = context.new_page()
    mark = site.mark()
    page.goto(site.url(""), wait_until="networkidle")
    wait_for_service_worker(page, site)
    precache = sum(split_bytes(site.since(mark)).values()) - sum(pages["./"].values())
    context.close()

    context = new_context(browser)
    page = context.new_page()
    mark = stock.mark()
    visit(page, stock.url(""), '#stock-status[data-state="ready"]')
    stock.settle(quiet_s=0.5)
    stock_bytes = split_bytes(stock.since(mark))
    context.close()

    results.bytes = {
        "guidance_pages": pages,
        "guidance_heaviest": heaviest,
        "guidance_heaviest_bytes": sum(pages[heaviest].values()),
        "guidance_loads_pyodide": any(b["pyodide"] or b["wheel"] for b in pages.values()),
        "checklist_page": checklist["page"],
        "pyodide": checklist["pyodide"],
        "wheel": checklist["wheel"],
        "service_worker_precache": precache,
        "stock_pyodide": stock_bytes["pyodide"],
    }


def check_offline(browser: Browser, site: Served, results: Results) -> None:
    """After one online visit (a checklist page), cut the network: every page, every checklist."""
    context = new_context(browser)
    page = context.new_page()
    visit(page, site.url(checklist_url(TIMED_TOOL, TIMED_ANSWERS)), "[data-recommendation]")
    wait_for_service_worker(page, site)
    context.set_offline(True)
    pages_ok = []
    for path in guidance_paths():
        response = page.goto(site.url(path))
        pages_ok.append(bool(response and response.ok and page.locator("article h1").count()))
    tools_ok = {}
    for tool_id in TOOL_IDS:
        tools_ok[tool_id] = visit(page, site.url(checklist_url(tool_id, complete_answers(tool_id))),
                                  "[data-recommendation]").failed is None
    context.close()
    results.offline_check = {"pages": sum(pages_ok), "of_pages": len(pages_ok), "checklists": tools_ok}


# ---- reporting ---------------------------------------------------------------------------------


def median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summarise(results: Results, browser_version: str) -> dict[str, Any]:
    b = results.bytes
    cold_ready = median([v.ready for v in results.cold])
    cold_outcome = median([v.outcome for v in results.cold])
    warm_ready = median([v.ready for v in results.warm])
    warm_unsaved_ready = median([v.ready for v in results.warm_unsaved])
    stock_ready = median([v.ready for v in results.stock])
    slow = median([v.outcome for v in results.slow])
    slow_stock = median([v.ready for v in results.slow_stock])
    phone = median([v.outcome for v in results.phone])
    phone_again = median([v.outcome for v in results.phone_again])
    phone_stock = median([v.ready for v in results.phone_stock])
    phone_stock_again = median([v.ready for v in results.phone_stock_again])
    p95 = percentile(results.latencies, 0.95)
    worker_p95 = percentile(results.worker_latencies, 0.95)
    offline_ok = (results.offline_check["pages"] == results.offline_check["of_pages"]
                  and all(results.offline_check["checklists"].values()))

    def row(name: str, value: Any, unit: str, target: str, ratio: float | None,
            ok: bool | None = None) -> dict[str, Any]:
        return {"measure": name, "value": value, "unit": unit, "target": target,
                "ratio": None if ratio is None else round(ratio, 2), "met": ok}

    def ratio(a: float | None, b: float | None) -> float | None:
        return None if a is None or not b else a / b

    rows = [
        row("Guidance page transferred (heaviest: " + b["guidance_heaviest"] + ")",
            round(b["guidance_heaviest_bytes"] / KB, 1), "KB", "≤ 150 KB, no Pyodide",
            b["guidance_heaviest_bytes"] / (150 * KB),
            b["guidance_heaviest_bytes"] <= 150 * KB and not b["guidance_loads_pyodide"]),
        row("Checklist page transferred before Pyodide", round(b["checklist_page"] / KB, 1), "KB",
            "(no target)", None),
        row("First question operable", round(median([v.operable for v in results.cold]) or 0), "ms",
            "≤ 200 ms", ratio(median([v.operable for v in results.cold]), 200),
            (median([v.operable for v in results.cold]) or 1e9) <= 200),
        row("Python ready, cold", round(cold_ready or 0), "ms", "(reference)", None),
        row("First outcome, cold (answers in the URL)", round(cold_outcome or 0), "ms",
            f"≤ 0.9 × stock ready ({round(stock_ready or 0)} ms)", ratio(cold_outcome, stock_ready),
            (ratio(cold_outcome, stock_ready) or 9) <= 0.9),
        row("First outcome, cold, emulated 10 Mbit/s + 40 ms (service worker off)",
            round(slow or 0), "ms", f"(stock ready on the same network: {round(slow_stock or 0)} ms)",
            ratio(slow, slow_stock)),
        row("Phone (4× slower processor, 1.6 Mbit/s, 150 ms round trip): first outcome, cold",
            round(phone or 0), "ms", f"(stock ready on the same phone: {round(phone_stock or 0)} ms)",
            ratio(phone, phone_stock)),
        row("Phone: first outcome, second visit", round(phone_again or 0), "ms",
            f"(stock ready, second visit: {round(phone_stock_again or 0)} ms)",
            ratio(phone_again, phone_stock_again)),
        row("Python ready, second visit", round(warm_ready or 0), "ms",
            f"≤ 0.6 × cold ready ({round(cold_ready or 0)} ms)", ratio(warm_ready, cold_ready),
            (ratio(warm_ready, cold_ready) or 9) <= 0.6),
        row("Python ready, second visit without the saved start-up", round(warm_unsaved_ready or 0),
            "ms", f"(reference: {ratio(warm_unsaved_ready, cold_ready) or 0:.2f} × cold ready)", None),
        row("First outcome, second visit", round(median([v.outcome for v in results.warm]) or 0), "ms",
            "(reference)", None),
        row("First outcome, offline second visit", round(median([v.outcome for v in results.offline]) or 0),
            "ms", "works", None, all(v.failed is None for v in results.offline)),
        row("Offline after one visit: pages, checklists",
            f"{results.offline_check['pages']}/{results.offline_check['of_pages']}, "
            f"{sum(results.offline_check['checklists'].values())}/{len(TOOL_IDS)}", "",
            "all work", None, offline_ok),
        row("Pyodide payload transferred", round(b["pyodide"] / KB), "KB",
            f"≤ 0.7 × stock gzip ({round(b['stock_pyodide'] / KB)} KB)",
            ratio(b["pyodide"], b["stock_pyodide"]), (ratio(b["pyodide"], b["stock_pyodide"]) or 9) <= 0.7),
        row("Rules wheel transferred", round(b["wheel"] / KB, 1), "KB", "(no target)", None),
        row("Saved Python start-up, kept in the browser (never transferred)",
            round(statistics.median(results.saved_start_bytes) / 1e6, 1), "MB", "(no target)", None),
        row("Service worker precache (first visit, background)", round(b["service_worker_precache"] / KB),
            "KB", "(no target)", None),
        row(f"Per-answer evaluation through the worker, median of {len(results.worker_latencies)}",
            round(statistics.median(results.worker_latencies), 1), "ms", "(reference)", None),
        row(f"Per-answer evaluation through the worker, p95 of {len(results.worker_latencies)}",
            round(worker_p95, 1), "ms", "≤ 10 ms", worker_p95 / 10, worker_p95 <= 10),
        row(f"Per-answer, click to outcome rendered, median of {len(results.latencies)}",
            round(statistics.median(results.latencies), 1), "ms", "(reference)", None),
        row(f"Per-answer, click to outcome rendered, p95 of {len(results.latencies)}", round(p95, 1),
            "ms", "≤ 10 ms", p95 / 10, p95 <= 10),
    ]
    for profile, seconds in results.build_s.items():
        rows.append(row(f"Site build ({profile})", round(seconds, 2), "s", "(no target)", None))
    return {
        "machine": machine(browser_version),
        "runs": results.runs,
        "rows": rows,
        "raw": {
            "cold": [v.__dict__ for v in results.cold], "warm": [v.__dict__ for v in results.warm],
            "warm_unsaved": [v.__dict__ for v in results.warm_unsaved],
            "saved_start_bytes": results.saved_start_bytes,
            "offline": [v.__dict__ for v in results.offline], "stock": [v.__dict__ for v in results.stock],
            "slow": [v.__dict__ for v in results.slow],
            "slow_stock": [v.__dict__ for v in results.slow_stock],
            "phone": [v.__dict__ for v in results.phone],
            "phone_again": [v.__dict__ for v in results.phone_again],
            "phone_stock": [v.__dict__ for v in results.phone_stock],
            "phone_stock_again": [v.__dict__ for v in results.phone_stock_again],
            "latencies_ms": [round(v, 2) for v in results.latencies],
            "worker_latencies_ms": [round(v, 2) for v in results.worker_latencies], "bytes": results.bytes,
            "offline_check": results.offline_check, "build_s": results.build_s,
        },
    }


def wait_for_quiet(limit_s: float) -> None:
    """Other work on the machine skews every time: wait (a while) for the load to drop."""
    cpus = os.cpu_count() or 1
    deadline = time.monotonic() + limit_s
    while os.getloadavg()[0] > cpus and time.monotonic() < deadline:
        print(f"waiting for a quieter machine: load {os.getloadavg()[0]:.1f} on {cpus} CPUs",
              file=sys.stderr)
        time.sleep(15)


def machine(browser_version: str) -> dict[str, Any]:
    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
                 platform.processor() or "unknown")
    pyodide = json.loads((PYODIDE_NPM / "package.json").read_text())["version"]
    return {"nproc": os.cpu_count(), "cpu": model, "chromium": browser_version,
            "pyodide": pyodide, "date": datetime.date.today().isoformat(),
            "load_average": round(os.getloadavg()[0], 1)}


def table(summary: dict[str, Any]) -> str:
    m = summary["machine"]
    lines = [
        "| Measure | Result | Target | Ratio | Met |",
        "|---|---|---|---|---|",
    ]
    for r in summary["rows"]:
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}"
        met = {True: "yes", False: "**no**", None: ""}[r["met"]]
        lines.append(f"| {r['measure']} | {r['value']} {r['unit']} | {r['target']} | {ratio} | {met} |")
    lines += [
        "",
        f"Measured {m['date']} by `make bench` (tools/bench.py): headless Chromium {m['chromium']} over "
        f"loopback, {m['nproc']} CPUs ({m['cpu']}, load average {m['load_average']} at the end), "
        f"Pyodide {m['pyodide']}; times are medians of "
        f"{summary['runs']} runs ({min(summary['runs'], 3)} for the emulated network and phone rows), "
        "each in a fresh browser profile (cold cache). KB = 1,000 bytes of "
        "response bodies as sent (compressed).",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--evaluations", type=int, default=240)
    parser.add_argument("--record", action="store_true", help=f"write {RESULTS.relative_to(ROOT)}")
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "bench.json")
    parser.add_argument("--quiet-wait", type=float, default=300,
                        help="seconds to wait at most for the load average to drop below nproc")
    args = parser.parse_args()

    results = Results(runs=args.runs)
    for profile in PROFILE_IDS:
        results.build_s[profile] = build(profile)
    wait_for_quiet(args.quiet_wait)
    with tempfile.TemporaryDirectory(prefix="lp-bench-") as tmp:
        # Serve a copy, so a rebuild elsewhere during the run cannot change what is measured.
        copy = Path(tmp) / "site"
        shutil.copytree(site_dir(PROFILE_IDS[0]), copy)
        site = Served(copy)
        stock = Served(stock_site(Path(tmp) / "stock"))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            measure_bytes(browser, site, stock, results)
            measure_times(browser, site, stock, results)
            measure_slow_network(browser, site, stock, results)
            measure_phone(playwright, site, stock, results)
            measure_latency(browser, site, results, args.evaluations)
            check_offline(browser, site, results)
            summary = summarise(results, browser.version)
            browser.close()
        site.server.shutdown()
        stock.server.shutdown()

    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    print(json.dumps({"machine": summary["machine"], "rows": summary["rows"]}, indent=1))
    print()
    print(table(summary))
    if args.record:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(table(summary), encoding="utf-8")
        print(f"recorded in {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
