"""Browser contexts as the bench uses them: fresh (cold) contexts with the page's marks, the
emulated slow network and phone, and the helpers that wait for the service worker and the saved
Python start-up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, Playwright

from chromium import CHROMIUM, CHROMIUM_ARGS, PHONE_SCREEN

from .programs import function, init_script
from .progress import log, step
from .serving import Served

TIMEOUT_MS = 60_000
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


@dataclass
class Visit:
    """One page load's marks, in ms from navigation (js/marks.mjs), or why it failed."""

    operable: float | None = None
    ready: float | None = None
    decided: float | None = None
    outcome: float | None = None
    fcp: float | None = None
    failed: str | None = None
    # The page's HTML parsed (with the stylesheets its inline scripts wait for): the navigation's
    # domInteractive. The checklist's script, a module, runs only after it.
    parsed: float | None = None


def visit(page: Page, url: str, wait_for: str, timeout_ms: int = TIMEOUT_MS) -> Visit:
    """Navigate and wait for ``wait_for`` (a selector); the page's own marks, in ms.

    A page already open goes to a blank page first: the answers travel in the link's fragment,
    and going to the address a page already shows, fragment and all, only scrolls it (a
    same-document navigation), so a second visit would load nothing and measure nothing (and
    the worker, never started again, would never save a new start-up: a run stalled there)."""
    try:
        with step(f"visit {url} until {wait_for}"):
            if page.url != "about:blank":
                page.goto("about:blank", timeout=timeout_ms)
            page.goto(url, wait_until="commit", timeout=timeout_ms)
            page.wait_for_selector(wait_for, timeout=timeout_ms, state="attached")
    except Exception as error:  # noqa: BLE001 - a failed visit is a result to report
        failed = f"{str(error).splitlines()[0]}; the page then: {how_far(page)}"
        log(f"visit failed: {failed}")
        return Visit(failed=failed)
    marks = page.evaluate(
        "() => ({...window.__lpMarks, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,"
        " parsed: performance.getEntriesByType('navigation')[0]?.domInteractive})"
    )
    return Visit(marks.get("operable"), marks.get("ready"), marks.get("decided"),
                 marks.get("outcome"), marks.get("fcp"), parsed=marks.get("parsed"))


def how_far(page: Page) -> str:
    """What a page that did not get there shows: its marks so far and its status line (a failed
    download says why), so a failed visit in the results has its cause with it."""
    try:
        return str(page.evaluate("""() => {
            const status = document.querySelector(".lp-status, #stock-status");
            return JSON.stringify({marks: window.__lpMarks, state: status?.dataset.state,
                                   status: status?.textContent.trim().slice(0, 300)});
        }"""))
    except Exception as error:  # noqa: BLE001 - the page itself may be gone
        return f"unknown ({str(error).splitlines()[0]})"


def new_context(browser: Browser, service_workers: str = "allow") -> BrowserContext:
    """A fresh context (an empty cache: a cold visit) recording the page's marks."""
    context = browser.new_context(service_workers=service_workers)  # type: ignore[arg-type]
    context.add_init_script(init_script("marks"))
    return context


def emulate(context: BrowserContext, page: Page, network: dict[str, Any],
            cpu_slowdown: float = 1) -> Page:
    """Slow ``page``'s network (its workers' too) and, if asked, its processor."""
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", network)
    if cpu_slowdown != 1:
        session.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
    return page


def phone_page(context: BrowserContext) -> Page:
    """A page in ``context`` as a mid-range phone on a poor mobile connection would run it."""
    page = context.new_page()
    return emulate(context, page, PHONE_NETWORK, PHONE_CPU_SLOWDOWN)


def phone_profile(playwright: Playwright, folder: Path) -> BrowserContext:
    """A fresh browser profile on disk, as a phone has: its HTTP cache is on disk. (A throwaway
    in-memory context caches no file larger than about 1 MB, so every second visit would download
    the runtime again, which no phone does.) The service worker is off, as in the slow-network
    row: Chromium's emulation does not reach it. Its screen is a phone's (PHONE_SCREEN, as the
    browser tests' phone): until 2026-12-07 it was Playwright's default 1280x720, so every
    answer on the "phone" laid out and painted the desktop page, sidebars and all."""
    context = playwright.chromium.launch_persistent_context(
        str(folder), executable_path=CHROMIUM, args=CHROMIUM_ARGS, service_workers="block",
        **PHONE_SCREEN)  # type: ignore[arg-type]
    context.add_init_script(init_script("marks"))
    return context


def wait_for_service_worker(page: Page, served: Served) -> None:
    """The service worker is active and has finished its downloads (precache, runtime)."""
    with step("wait for the service worker"):
        page.evaluate("""() => Promise.race([navigator.serviceWorker.ready.then(() => true),
            new Promise((_, reject) => setTimeout(
                () => reject(new Error("the service worker was not ready within 60 s")), 60_000))])""")
    with step("wait for the server to fall quiet"):
        served.settle()


def wait_for_saved_start(page: Page) -> int:
    """Wait until the page's first visit has saved Python's start-up; its size in bytes."""
    with step("wait for the saved start-up"):
        size: int = page.evaluate(function("saved-start"))
    return size


def forget_saved_start(page: Page) -> None:
    page.evaluate('() => caches.delete("lpg-python-start")')
