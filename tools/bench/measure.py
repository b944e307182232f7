"""Each measurement of a bench run, filling one ``Results``.

Times come from the page's own marks (js/marks.mjs) or from in-page programs (js/*.mjs); bytes are
counted on the server (serving.Served).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Playwright

from lp_rules import TOOL_IDS

from .browsing import (PHONE_TIMEOUT_MS, SLOW_NETWORK, TIMEOUT_MS, Visit, emulate,
                       forget_saved_start, new_context, phone_page, phone_profile, visit,
                       wait_for_saved_start, wait_for_service_worker)
from .programs import function
from .progress import log, step
from .serving import Served, split_bytes
from .workload import (BLANK_TOOL, TIMED_ANSWERS, TIMED_TOOL, checklist_url, complete_answers,
                       guidance_paths, worker_requests)

STOCK_READY = '#stock-status[data-state="ready"]'
OPERABLE = ".lp-checklist[data-started]"  # checklist.js has wired the form (js/marks.mjs)
FULL_OUTCOME = "[data-recommendation]"  # Python has completed the outcome (js/marks.mjs)
PHONE_ANSWERS = 20  # answers timed on the phone, before Python is ready and again after


@dataclass
class PhoneAnswers:
    """One cold phone visit to a blank checklist: "Yes" to significant harm, then answers
    changed before Python is ready and again after.

    ``urgent_ms``, ``before_ready`` and ``after_ready`` time Continue until the page has acted on
    it (its JavaScript); the ``*_paint`` fields until the frame that shows it has been rendered
    (js/latency.mjs), and ``urgent_render_ms`` that frame's own style, layout and paint. Runs saved
    before 2026-12-07 have no paint figures (empty, or None). ``processor_ms``: a fixed loop timed
    just before the urgent answer, the answers before Python is ready and those after
    (js/processor.mjs), how fast the emulated phone ran then; runs saved before its first
    afternoon have none. ``tap_paint_ms``: the tap on "Yes" (before Continue) until its own frame
    has been rendered, and ``tap_render_ms`` that frame's own work; runs saved before the evening of
    2026-12-07 have none (None)."""

    urgent_ms: float
    urgent_before_python: bool
    before_ready: list[float]
    all_before_ready: bool
    after_ready: list[float]
    urgent_paint_ms: float | None = None
    urgent_render_ms: float | None = None
    before_paint: list[float] = field(default_factory=list)
    after_paint: list[float] = field(default_factory=list)
    before_render: list[float] = field(default_factory=list)  # the painted frame's own work
    after_render: list[float] = field(default_factory=list)
    processor_ms: list[float] = field(default_factory=list)  # urgent, before ready, after ready
    tap_paint_ms: float | None = None  # the first tap on an option, to its frame rendered
    tap_render_ms: float | None = None


@dataclass
class Results:
    runs: int
    command: str = ""
    only: list[str] = field(default_factory=list)  # the parts a partial run measured (--only)
    load_start: float | None = None  # the 1-minute load average as measuring began
    load_end: float | None = None  # and as it ended
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
    phone_answers: list[PhoneAnswers] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # Continue until the page has acted
    latency_paints: list[float] = field(default_factory=list)  # until its frame is rendered
    worker_latencies: list[float] = field(default_factory=list)
    bytes: dict[str, Any] = field(default_factory=dict)
    compiled: dict[str, int] = field(default_factory=dict)
    offline_check: dict[str, Any] = field(default_factory=dict)
    build_s: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Results":
        """A run's results as ``dataclasses.asdict`` saved them (the summary's ``raw``)."""
        lists: dict[str, Any] = {name: [Visit(**v) for v in raw[name]] for name in
                 ("cold", "warm", "warm_unsaved", "offline", "stock", "slow", "slow_stock", "phone",
                  "phone_again", "phone_stock", "phone_stock_again")}
        answers = [PhoneAnswers(**a) for a in raw["phone_answers"]]
        rest = {k: v for k, v in raw.items() if k not in lists and k != "phone_answers"}
        return cls(**rest, **lists, phone_answers=answers)


def measure_times(browser: Browser, site: Served, stock: Served, results: Results) -> None:
    """Cold, warm and offline first outcomes on a checklist, and stock Pyodide, per run.

    The warm visit restores the start-up the cold one saved; a second warm visit, with that
    deleted first, shows what the saved start-up is worth (it saves a new one for the offline
    visit)."""
    url = site.url(checklist_url(TIMED_TOOL, TIMED_ANSWERS))
    for run in range(results.runs):
        context = new_context(browser)
        page = context.new_page()
        results.stock.append(visit(page, stock.url(""), STOCK_READY))
        context.close()

        context = new_context(browser)
        page = context.new_page()
        results.cold.append(visit(page, url, FULL_OUTCOME))
        wait_for_service_worker(page, site)
        results.saved_start_bytes.append(wait_for_saved_start(page))
        results.warm.append(visit(page, url, FULL_OUTCOME))
        wait_for_service_worker(page, site)
        forget_saved_start(page)
        results.warm_unsaved.append(visit(page, url, FULL_OUTCOME))
        wait_for_service_worker(page, site)
        wait_for_saved_start(page)
        context.set_offline(True)
        results.offline.append(visit(page, url, FULL_OUTCOME))
        context.close()
        log(f"run {run + 1}/{results.runs}: stock ready {results.stock[-1].ready}, cold outcome "
            f"on screen {results.cold[-1].decided}, full {results.cold[-1].outcome}, warm "
            f"{results.warm[-1].outcome} (without the saved start-up "
            f"{results.warm_unsaved[-1].outcome}), offline {results.offline[-1].outcome}")


def measure_slow_network(browser: Browser, site: Served, stock: Served, results: Results) -> None:
    """Cold first outcome, and stock Pyodide, over an emulated slow connection.

    The service worker is off here: Chromium's emulation does not reach it, so its background
    precache would download at full speed and flatter the figure.
    """
    url = site.url(checklist_url(TIMED_TOOL, TIMED_ANSWERS))
    for _ in range(min(results.runs, 3)):
        for target, selector, into in ((url, FULL_OUTCOME, results.slow),
                                       (stock.url(""), STOCK_READY, results.slow_stock)):
            context = new_context(browser, service_workers="block")
            page = emulate(context, context.new_page(), SLOW_NETWORK)
            into.append(visit(page, target, selector))
            context.close()


def measure_phone(playwright: Playwright, site: Served, stock: Served, results: Results) -> None:
    """A share link's outcome on the phone profile, cold and on a second visit; a blank
    checklist's answers, cold; and stock Pyodide's ready on the same profile, cold and again.

    The second visit opens the same address again in the same browser profile: the content-named
    files come from the browser's cache, the page is revalidated, and the checklist restores the
    start-up its first visit saved. The stock page, served as a plain host would (revalidated
    every time), gets 304s for its files and starts Python from scratch again.
    """
    url = site.url(checklist_url(TIMED_TOOL, TIMED_ANSWERS))
    for run in range(min(results.runs, 3)):
        with tempfile.TemporaryDirectory(prefix="lp-phone-") as folder:
            context = phone_profile(playwright, Path(folder))
            page = phone_page(context)
            results.phone.append(visit(page, url, FULL_OUTCOME, PHONE_TIMEOUT_MS))
            if results.phone[-1].failed is None:
                wait_for_saved_start(page)
            results.phone_again.append(visit(page, url, FULL_OUTCOME, PHONE_TIMEOUT_MS))
            with step("close the phone profile"):
                context.close()
        with tempfile.TemporaryDirectory(prefix="lp-phone-") as folder:
            context = phone_profile(playwright, Path(folder))
            with step("phone: urgent answer and answers before and after Python"):
                results.phone_answers.append(phone_answers(phone_page(context), site))
            with step("close the phone profile"):
                context.close()
        with tempfile.TemporaryDirectory(prefix="lp-phone-") as folder:
            context = phone_profile(playwright, Path(folder))
            page = phone_page(context)
            results.phone_stock.append(visit(page, stock.url(""), STOCK_READY, PHONE_TIMEOUT_MS))
            results.phone_stock_again.append(visit(page, stock.url(""), STOCK_READY, PHONE_TIMEOUT_MS))
            with step("close the phone profile"):
                context.close()
        answers = results.phone_answers[-1]
        log(f"phone run {run + 1}: share link on screen {results.phone[-1].decided}, full "
            f"{results.phone[-1].outcome} ({results.phone[-1].failed or 'ok'}), again "
            f"{results.phone_again[-1].outcome}; urgent after the answer {answers.urgent_ms:.1f} ms "
            f"(Python ready: {not answers.urgent_before_python}); stock ready "
            f"{results.phone_stock[-1].ready}, again {results.phone_stock_again[-1].ready}")


def measure_phone_answers(playwright: Playwright, site: Served, results: Results) -> None:
    """Only the blank checklist's answers on a cold phone (``--only answers``), per run: the
    urgent answer and the answers before and after Python is ready, without the share-link and
    stock visits that take most of the phone step's time."""
    for run in range(results.runs):
        with tempfile.TemporaryDirectory(prefix="lp-phone-") as folder:
            context = phone_profile(playwright, Path(folder))
            with step(f"phone run {run + 1}: urgent answer and answers before and after Python"):
                results.phone_answers.append(phone_answers(phone_page(context), site))
            with step("close the phone profile"):
                context.close()
        answers = results.phone_answers[-1]
        log(f"phone run {run + 1}: urgent after the answer {answers.urgent_ms:.1f} ms JavaScript, "
            f"{answers.urgent_paint_ms or 0:.1f} ms to its frame rendered (of which that frame "
            f"{answers.urgent_render_ms or 0:.1f} ms; Python ready: "
            f"{not answers.urgent_before_python}); the tap on \"Yes\" before it, to its frame "
            f"rendered {answers.tap_paint_ms or 0:.1f} ms; the processor's fixed loop "
            f"{', '.join(f'{ms:.0f}' for ms in answers.processor_ms)} ms")


def measure_operable(browser: Browser, site: Served, results: Results) -> None:
    """Only the cold share-link visit's first marks (``--only operable``), per run: the form
    wired and the outcome decided from the compiled rules, without waiting for Python."""
    url = site.url(checklist_url(TIMED_TOOL, TIMED_ANSWERS))
    for _ in range(results.runs):
        context = new_context(browser)
        results.cold.append(visit(context.new_page(), url, f"{OPERABLE} [data-decided]"))
        context.close()


def phone_answers(page: Any, site: Served) -> PhoneAnswers:
    """On a cold phone, a blank checklist: "Yes" to significant harm as soon as the form can be
    used, then answers changed while Python loads, and again once it is ready."""
    with step("phone: blank checklist operable"):
        page.goto(site.url(checklist_url(BLANK_TOOL)), wait_until="commit", timeout=PHONE_TIMEOUT_MS)
        page.wait_for_selector(OPERABLE, state="attached", timeout=PHONE_TIMEOUT_MS)
    processor = [page.evaluate(function("processor"))]
    with step("phone: urgent answer"):
        urgent = page.evaluate(function("urgent"))
    processor.append(page.evaluate(function("processor")))
    with step("phone: answers before Python is ready"):
        before = page.evaluate(function("latency"), PHONE_ANSWERS)
        all_before = page.evaluate("() => window.__lpMarks.ready === undefined")
    with step("phone: Python ready"):
        page.wait_for_selector('.lp-status[data-state="ready"]', state="attached",
                               timeout=PHONE_TIMEOUT_MS)
    processor.append(page.evaluate(function("processor")))
    with step("phone: answers after Python is ready"):
        after = page.evaluate(function("latency"), PHONE_ANSWERS)
    return PhoneAnswers(urgent["ms"], not urgent["pythonReady"], [t["js"] for t in before],
                        all_before, [t["js"] for t in after], urgent["paint"], urgent["render"],
                        [t["paint"] for t in before], [t["paint"] for t in after],
                        [t["render"] for t in before], [t["render"] for t in after], processor,
                        urgent["tapPaint"], urgent["tapRender"])


def measure_latency(browser: Browser, site: Served, results: Results, count: int) -> None:
    context = new_context(browser)
    page = context.new_page()
    visit(page, site.url(checklist_url(TIMED_TOOL, TIMED_ANSWERS)), FULL_OUTCOME)
    with step(f"{count} answers in the page"):
        page.evaluate(function("latency"), 20)  # warm-up, not counted
        times = page.evaluate(function("latency"), count)
        results.latencies = [t["js"] for t in times]
        results.latency_paints = [t["paint"] for t in times]
    requests = worker_requests(count + 20)
    with step(f"{count} requests through a second rules worker"):
        results.worker_latencies = page.evaluate(function("worker"), requests)[20:]  # after a warm-up
    context.close()


def measure_bytes(browser: Browser, site: Served, stock: Served, results: Results) -> None:
    """Bytes per guidance page and checklist page (no service worker), the precache, stock."""
    pages: dict[str, dict[str, int]] = {}
    for path in guidance_paths():
        context = new_context(browser, service_workers="block")
        page = context.new_page()
        mark = site.mark()
        # Every file the page names has arrived ("load"), then what its scripts fetch after (the
        # search index). networkidle alone (500 ms without a request) came early under load: in
        # one run the trainer page weighed 46.7 KB against 153.5 KB in the next.
        page.goto(site.url(path), wait_until="load")
        page.wait_for_load_state("networkidle")
        site.settle(quiet_s=1.0)
        pages[path or "./"] = split_bytes(site.since(mark))
        context.close()
    heaviest = max(pages, key=lambda p: sum(pages[p].values()))

    context = new_context(browser, service_workers="block")
    page = context.new_page()
    mark = site.mark()
    page.goto(site.url(checklist_url(TIMED_TOOL)))
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
    visit(page, stock.url(""), STOCK_READY)
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
    visit(page, site.url(checklist_url(TIMED_TOOL, TIMED_ANSWERS)), FULL_OUTCOME)
    wait_for_service_worker(page, site)
    context.set_offline(True)
    pages_ok = []
    for path in guidance_paths():
        response = page.goto(site.url(path))
        pages_ok.append(bool(response and response.ok and page.locator("article h1").count()))
    tools_ok = {}
    for tool_id in TOOL_IDS:
        tools_ok[tool_id] = visit(page, site.url(checklist_url(tool_id, complete_answers(tool_id))),
                                  FULL_OUTCOME).failed is None
    context.close()
    results.offline_check = {"pages": sum(pages_ok), "of_pages": len(pages_ok), "checklists": tools_ok}
