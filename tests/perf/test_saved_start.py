"""The saved Python start-up (docs/assets/js/rules-worker.js): a second visit restores Pyodide's
memory snapshot instead of starting Python again. It must give the same answers as a fresh start,
hold no answers, be keyed to the exact runtime and wheel, and never leave a checklist broken."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.conftest import ROOT, Site, expect_page_errors, wait_for_outcome
from tests.perf.conftest import DEFAULT_SITE, poll

CHECK = Path(__file__).with_name("saved_start_check.mjs")
MAGIC = bytes.fromhex("00736e70")  # Pyodide's snapshot header, little-endian 0x706e7300
URL = ("tools/consent-withdrawn/?harm=no&safety=no&who=parent_carer&other_parent_agrees=no&competence=not_competent"
       "&scope=all_early_help&escalation_risk=no&how=told_us&reason=other")

# In the page: once the start-up saved under `key` is the only one saved, [its size, its first 4
# bytes as hex, whether its bytes hold the start of any request the page sends]; until then null.
# Listing and reading happen in one call, polled by tests.perf.conftest.poll.
SAVED = """async (key) => {
    const cache = await caches.open('lpg-python-start');
    const keys = await cache.keys();
    if (keys.length !== 1 || keys[0].url !== key) return null;
    const saved = await cache.match(key);
    if (!saved) return null;
    const bytes = new Uint8Array(await saved.arrayBuffer());
    const text = new TextDecoder('latin1').decode(bytes);
    return [bytes.length,
            Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(''),
            text.includes('"answers":{')];
}"""


@pytest.fixture(scope="module")
def check() -> dict[str, Any]:
    """Fresh and restored interpreters under Node, with the built site's runtime and wheel."""
    done = subprocess.run(["node", str(CHECK), str(DEFAULT_SITE)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def test_a_restored_start_answers_exactly_as_a_fresh_one(check: dict[str, Any]) -> None:
    assert check["compared"] > 500
    assert check["differences"] == []


def test_the_saved_start_holds_no_answers(check: dict[str, Any]) -> None:
    assert check["needle_after"], "the search must find a request Python holds"
    assert not check["needle_before"]
    assert not check["any_request"]


def _key(page: Page) -> str:
    """The key the worker saves this page's start-up under (the hashes of its runtime manifest and
    wheel, and the content-addressed folder of the worker itself)."""
    data = json.loads(page.inner_text(".lp-data"))
    root = page.evaluate("(r) => new URL(r, document.baseURI).href", data["root"])
    worker = (page.get_attribute('script[src$="/checklist.js"]', "src") or "").split("/")[-2]
    return f"{root}python-start/{data['runtimeSha256'][:16]}-{data['wheelSha256'][:16]}-{worker}"


def _saved(page: Page, key: str) -> list[Any]:
    """Wait until the start-up under ``key`` is the only one saved; [size, magic, holds request].

    Fails if another one (an older version's) is never removed."""
    found: list[Any] = poll(page, SAVED, key, interval_s=0.5)
    return found


def _started(page: Page) -> str:
    wait_for_outcome(page, "continue_universal_support")
    return page.get_attribute(".lp-status", "data-python-start") or ""


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(service_workers="block")  # what is cached here is the worker's alone
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def kept_context(browser: Browser) -> Iterator[BrowserContext]:
    """One profile for the tests that spoil a saved start-up and watch it replaced: each ends
    with a whole one saved again (it asserts so), which the next one's ``saved_page`` restores
    rather than starting Python afresh and saving a new snapshot (seconds of CPU each)."""
    ctx = browser.new_context(service_workers="block")
    yield ctx
    ctx.close()


@pytest.fixture
def saved_page(kept_context: BrowserContext, site: Site) -> Iterator[tuple[Page, str]]:
    """A tab with the checklist answered at URL, and the start-up key under which the whole
    start-up is now saved, the only one: saved by this start if it was the profile's first, or
    restored from an earlier test's (the subject of test_a_second_visit_restores...)."""
    page = kept_context.new_page()
    page.goto(site.url(URL))
    assert _started(page) in ("fresh", "saved")
    key = _key(page)
    size, magic, _ = _saved(page, key)
    assert size > 10_000_000 and magic == MAGIC.hex()
    yield page, key
    page.close()


def test_a_second_visit_restores_the_start_the_first_saved(context: BrowserContext, site: Site) -> None:
    page = context.new_page()
    page.goto(site.url(URL))
    assert _started(page) == "fresh"
    key = _key(page)
    size, magic, holds_request = _saved(page, key)
    assert size > 10_000_000 and magic == MAGIC.hex() and not holds_request
    page.reload()
    assert _started(page) == "saved"
    # Another checklist on the site uses the same start-up: it holds the rules, not one tool.
    page.goto(site.url("tools/change-lead/?harm=no&safety=no&event=absence_short"))
    wait_for_outcome(page, "cover_absence")
    assert page.get_attribute(".lp-status", "data-python-start") == "saved"


def test_an_unusable_saved_start_is_replaced(saved_page: tuple[Page, str]) -> None:
    page, key = saved_page
    page.evaluate("""async (key) => (await caches.open('lpg-python-start'))
                     .put(key, new Response(new Uint8Array(4096).fill(7)))""", key)
    page.reload()
    assert _started(page) == "fresh"
    poll(page, """async (key) => {
        const saved = await (await caches.open('lpg-python-start')).match(key);
        return !!saved && (await saved.arrayBuffer()).byteLength > 4096;
    }""", key)
    _, magic, _ = _saved(page, key)
    assert magic == MAGIC.hex()
    page.reload()
    assert _started(page) == "saved"


@pytest.mark.parametrize("keep", ["half", "all but the last byte"])
def test_a_truncated_saved_start_is_discarded_and_python_starts_afresh_at_once(
        saved_page: tuple[Page, str], keep: str) -> None:
    # Before: half a start-up made every visit wait 30 s and fail; one byte short was restored
    # and used.
    page, key = saved_page
    size, _, _ = _saved(page, key)
    # Fewer bytes, everything else as saved (its headers included).
    page.evaluate("""async ([key, half]) => {
        const cache = await caches.open('lpg-python-start');
        const saved = await cache.match(key);
        const bytes = new Uint8Array(await saved.arrayBuffer());
        const kept = half ? bytes.length >> 1 : bytes.length - 1;
        await cache.put(key, new Response(bytes.slice(0, kept), { headers: saved.headers }));
    }""", [key, keep == "half"])
    started = time.monotonic()
    page.reload()
    assert _started(page) == "fresh"
    # A fresh start, not the 30 s wait for a start that never comes (make test runs this beside
    # other tests: a fresh start took up to 11 s at load 5-9, hence not a tighter bound).
    assert time.monotonic() - started < 25
    # Discarded and replaced by a whole one, so the next visit restores without any Retry.
    assert _saved(page, key)[0] == size
    page.reload()
    assert _started(page) == "saved"


def test_a_new_version_starts_afresh_and_replaces_the_old_start(browser: Browser,
                                                                site_copy: tuple[Site, Path]) -> None:
    site, folder = site_copy
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(site.url(URL))
    _started(page)
    old = _key(page)
    _saved(page, old)
    # Publish a new version whose runtime differs: a new manifest (the same files, one more byte
    # in the manifest), so a new runtime folder, and pages carrying its hash.
    checklist = folder / "tools" / "consent-withdrawn" / "index.html"
    html = checklist.read_text(encoding="utf-8")
    data = json.loads(page.inner_text(".lp-data"))
    runtime = data["runtimeSha256"]
    assert html.count(runtime) == 1
    old_dir = folder / data["pyodide"]
    manifest = (old_dir / "runtime.json").read_bytes() + b"\n"
    new_sha = hashlib.sha256(manifest).hexdigest()
    new_dir = old_dir.parent / new_sha[:16]
    shutil.copytree(old_dir, new_dir)
    (new_dir / "runtime.json").write_bytes(manifest)
    for compressed in new_dir.glob("runtime.json.*"):
        compressed.unlink()
    html = html.replace(runtime, new_sha).replace(data["pyodide"], f"pyodide/{new_dir.name}/")
    checklist.write_text(html, encoding="utf-8")
    for compressed in checklist.parent.glob("index.html.*"):
        compressed.unlink()
    page.reload()
    assert _started(page) == "fresh"
    new = _key(page)
    assert new != old
    _saved(page, new)
    context.close()


def test_retry_starts_python_afresh(saved_page: tuple[Page, str]) -> None:
    page, _ = saved_page
    expect_page_errors(page, "404", "Failed to fetch")
    page.route("**/*.whl", lambda route: route.fulfill(status=404, body=""))
    page.reload()
    page.wait_for_selector('.lp-status[data-state="failed"]', timeout=30_000)
    page.unroute("**/*.whl")
    page.click("[data-retry]")
    assert _started(page) == "fresh"
