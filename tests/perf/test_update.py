"""Every update reaches every reader: a returning reader gets a new release's rules and pages.

One release of the site is published at an origin and a reader visits a checklist and a guidance
page, so the browser's HTTP cache, the service worker's copies and the saved Python start-up are
all warm. Then a second release, built through the real pipeline (``python -m build`` and
tools/build_site.py) from a copy of this repository with one rule's title and one guidance page
changed, replaces the first on the same origin. Revisiting must show the new rule's outcome and
the new text on the first page load, or at worst the second, with no error and nothing for the
reader to do. Before content-hashed URLs (tools/sitegen/runtime.py) this failed: the wheel kept
its name, was cached for a year, and the worker refused the stale copy on every load.

It also checks what the service worker (docs/sw.js) does meanwhile: a page and the files it uses
always come from one release, online and offline, and the old release's copy is replaced once
the reader's last page of it is closed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from lp_rules.profiles import DEFAULT_PROFILE, site_folder
from tests.browser.conftest import READY_TIMEOUT_MS, ROOT, Site
from tests.perf.conftest import link_or_copy, poll

CHECKLIST = "tools/change-lead/?harm=no&safety=no&event=absence_short"
RULE = "cover_absence"  # the outcome CHECKLIST gives; its title changes in the second release
RULES_SOURCE = Path("src/lp_rules/checklists/change_lead.py")
GUIDANCE = "consent/"
GUIDANCE_SOURCE = Path("docs/consent.md")
RULE_MARK = " (second release)"
GUIDANCE_MARK = "This paragraph is new in the second release."

# Not copied: what the copy builds for itself, or does not need.
TOP_LEVEL_SKIP = {".git", ".venv", "node_modules", "build", "dist", "site", ".mypy_cache",
                  ".hypothesis", ".pytest_cache"}
# Build caches keyed by content (compiled stdlib and wheel, compressed files): linked, not redone.
SHARED_CACHES = ("stdlib", "wheel", "compressed")


def _ignore(folder: str, names: list[str]) -> set[str]:
    skip = {n for n in names if n == "__pycache__" or n.endswith(".egg-info")}
    if Path(folder) == ROOT:
        skip |= {n for n in names if n in TOP_LEVEL_SKIP or n.startswith("site-")}
    return skip


def _change_rule_title(source: str) -> tuple[str, str]:
    """The rules module with RULE's title marked; and the new title."""
    # The title follows the code, after whatever other fields come between (go_ahead, when).
    found = re.search(rf'code="{RULE}",(?:\n\s*\w+=[^\n]*)*?\n\s*title="([^"]+)"', source)
    assert found, f"{RULES_SOURCE}: no title found for {RULE}"
    new_title = found.group(1) + RULE_MARK
    return source[: found.start(1)] + new_title + source[found.end(1):], new_title


def _change_guidance(source: str) -> str:
    """The page with a new paragraph after its first heading."""
    heading = re.search(r"^# .*$", source, re.M)
    assert heading, f"{GUIDANCE_SOURCE}: no heading"
    return source[: heading.end()] + f"\n\n{GUIDANCE_MARK}\n" + source[heading.end():]


@pytest.fixture(scope="module")
def second_release(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The default authority's site built from a copy of the repository with one rule's title and
    one page changed, through the real pipeline; its folder and the rule's new title."""
    if not (ROOT / site_folder(DEFAULT_PROFILE) / "index.html").exists():
        pytest.fail(f"{site_folder(DEFAULT_PROFILE)}/ is not built: run `make build-all` first")
    started = time.monotonic()
    copy = tmp_path_factory.mktemp("release") / "repo"
    shutil.copytree(ROOT, copy, ignore=_ignore, symlinks=True)
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    for cache in SHARED_CACHES:
        if (ROOT / "build" / cache).is_dir():
            shutil.copytree(ROOT / "build" / cache, copy / "build" / cache, copy_function=link_or_copy)
    rules = copy / RULES_SOURCE
    changed, new_title = _change_rule_title(rules.read_text(encoding="utf-8"))
    rules.write_text(changed, encoding="utf-8")
    page = copy / GUIDANCE_SOURCE
    page.write_text(_change_guidance(page.read_text(encoding="utf-8")), encoding="utf-8")
    # The copy's own rules, not the editable install's, for the wheel and the generated pages.
    env = dict(os.environ, PYTHONPATH=str(copy / "src"), PYTHONDONTWRITEBYTECODE="1")
    for command in (
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(copy / "dist"), "."],
        [sys.executable, "tools/build_site.py", "--profile", DEFAULT_PROFILE],
    ):
        done = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    print(f"second release built in {time.monotonic() - started:.1f} s")
    return copy / site_folder(DEFAULT_PROFILE), new_title


def _publish(release: Path, folder: Path) -> None:
    """Replace everything the host serves with another release, as a deployment does."""
    for child in folder.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    shutil.copytree(release, folder, dirs_exist_ok=True)


class Reader:
    """A browser profile (service workers on) that fails the test on any error or off-site request."""

    def __init__(self, browser: Browser, site: Site) -> None:
        self.context: BrowserContext = browser.new_context()
        self.site = site
        self.errors: list[str] = []
        self.off_site: list[str] = []
        self.context.on("request", lambda r: None if r.url.startswith((site.origin + "/", "blob:", "data:"))
                        else self.off_site.append(r.url))
        self.context.on("weberror", lambda e: self.errors.append(f"uncaught: {e.error}"))
        self.context.on("console", lambda m: self.errors.append(f"console: {m.text}")
                        if m.type == "error" else None)
        self.page = self.context.new_page()

    def new_page(self) -> Page:
        self.page = self.context.new_page()
        return self.page

    def check(self) -> None:
        assert not self.off_site, f"requests left the site's origin: {self.off_site}"
        assert not self.errors, f"errors: {self.errors}"


@pytest.fixture
def reader(browser: Browser, site_copy: tuple[Site, Path]) -> Iterator[Reader]:
    """A returning reader of the published site (site_copy: a private copy a test can
    republish into); checked for errors by each test at its end."""
    visitor = Reader(browser, site_copy[0])
    yield visitor
    visitor.context.close()


def _outcome_title(page: Page) -> str:
    """Wait for the checklist's outcome (or its failure); the outcome's title, or the failure."""
    page.wait_for_selector('[data-recommendation], .lp-status[data-state="failed"]',
                           timeout=READY_TIMEOUT_MS)
    if page.get_attribute(".lp-status", "data-state") == "failed":
        return "failed: " + page.inner_text(".lp-status")
    assert page.get_attribute("[data-recommendation]", "data-recommendation") == RULE
    return page.inner_text("#lp-outcome-title")


def _guidance_mark(page: Page) -> str:
    return GUIDANCE_MARK if GUIDANCE_MARK in page.inner_text("main") else "(old text)"


def _caches(page: Page) -> list[str]:
    names: list[str] = page.evaluate("caches.keys()")
    return names


def _warm(reader: Reader) -> str:
    """Visit a checklist and a guidance page until every cache is warm; the rule's title."""
    page = reader.page
    site = reader.site
    page.goto(site.url(CHECKLIST))
    title = _outcome_title(page)
    # The service worker active with its copy of the site, the runtime kept for offline use and
    # Python's start-up saved: polled from Python, each check one evaluation in the page.
    poll(page, """async () => {
        const names = await caches.keys();
        const runtime = names.find((n) => n.startsWith('lpg-runtime-'));
        const start = await (await caches.open('lpg-python-start')).keys();
        return Boolean((await navigator.serviceWorker.getRegistration())?.active)
            && names.some((n) => n.startsWith('lpg-site-'))
            && Boolean(runtime) && (await (await caches.open(runtime)).keys()).length >= 5
            && start.length === 1;
    }""")
    page.reload()  # now through the service worker, from the saved start-up
    assert _outcome_title(page) == title
    assert page.get_attribute(".lp-status", "data-python-start") == "saved"
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    page.goto(site.url(GUIDANCE))
    assert GUIDANCE_MARK not in page.inner_text("main")
    return title


def _loads(page: Page, url: str, read, expected: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Load ``url``, and reload it once unless the first load gave ``expected``; each reading."""
    page.goto(url)
    seen = [read(page)]
    if seen[0] != expected:
        page.reload()
        seen.append(read(page))
    return seen


def test_a_new_release_reaches_a_returning_reader(reader: Reader, site_copy: tuple[Site, Path],
                                                  second_release: tuple[Path, str]) -> None:
    site, folder = site_copy
    release, new_title = second_release
    old_title = _warm(reader)
    assert new_title == old_title + RULE_MARK
    _publish(release, folder)

    page = reader.page
    rule = _loads(page, site.url(CHECKLIST), _outcome_title, new_title)
    guidance = _loads(page, site.url(GUIDANCE), _guidance_mark, GUIDANCE_MARK)
    print(f"after publishing: checklist {rule}, guidance {guidance}")
    assert rule[-1] == new_title and guidance[-1] == GUIDANCE_MARK, (rule, guidance)
    assert not any(r.startswith("failed") for r in rule), rule
    # Online, pages are always checked with the host, and everything they load is named by its
    # content or checked too: so the first load is already the new release.
    assert len(rule) == 1 and len(guidance) == 1, (rule, guidance)
    reader.check()


def _site_caches(page: Page) -> list[str]:
    return [n for n in _caches(page) if n.startswith("lpg-site-")]


def test_the_service_worker_keeps_each_page_with_its_own_release(
        reader: Reader, site_copy: tuple[Site, Path], second_release: tuple[Path, str]) -> None:
    """A page left open from the old release keeps working with the old release's files while a
    new tab shows the new release; offline, the reader gets one whole release (the old one while
    its pages are open, then the new one); the new release's copy replaces the old once the old
    release's last page is closed."""
    site, folder = site_copy
    release, new_title = second_release
    old_title = _warm(reader)
    old_tab = reader.page
    old_tab.goto(site.url(CHECKLIST))
    assert _outcome_title(old_tab) == old_title
    [old_cache] = _site_caches(old_tab)
    runtime = [n for n in _caches(old_tab) if n.startswith("lpg-runtime-")]
    _publish(release, folder)

    # A new tab gets the new release on its first load, and the browser installs the new worker.
    new_tab = reader.new_page()
    assert _outcome_title(_load(new_tab, site.url(CHECKLIST))) == new_title
    poll(new_tab, f"""async () => (await caches.keys()).some((n) => n.startsWith('lpg-site-') && n !== {old_cache!r})
                      && !(await navigator.serviceWorker.getRegistration()).installing""")

    # The old tab is the old release, and so is every file it asks for: its search index (which
    # names pages and sections) comes from the old release, which the host no longer has ...
    index = "() => fetch(new URL('../../search/search_index.json', location.href)).then((r) => r.text())"
    assert GUIDANCE_MARK not in old_tab.evaluate(index)
    assert GUIDANCE_MARK in new_tab.evaluate(index)
    # ... and starting its rules again (what its Retry button does: a fresh Python, the worker
    # script and the wheel fetched again) still works, with the old release's files.
    old_tab.evaluate("document.querySelector('[data-retry]').click()")  # hidden unless it failed
    old_tab.wait_for_selector('.lp-status:is([data-state="ready"], [data-state="failed"])',
                              timeout=READY_TIMEOUT_MS)
    assert _outcome_title(old_tab) == old_title
    assert old_tab.get_attribute(".lp-status", "data-python-start") == "fresh"

    # The new worker waits while a page of the old one is open, and offline meanwhile the reader
    # gets the old release, whole: its page, scripts, wheel and runtime.
    assert new_tab.evaluate("async () => Boolean((await navigator.serviceWorker.getRegistration()).waiting)")
    reader.context.set_offline(True)
    assert _outcome_title(_load(new_tab, site.url(CHECKLIST))) == old_title
    assert GUIDANCE_MARK not in _load(new_tab, site.url(GUIDANCE)).inner_text("main")

    # Once the old release's pages are closed, the new worker takes over and deletes the old
    # copy; offline now, the reader gets the new release, whole.
    old_tab.close()
    new_tab.close()
    _wait_for_activation(reader.context)
    page = reader.new_page()
    assert _outcome_title(_load(page, site.url(CHECKLIST))) == new_title
    assert GUIDANCE_MARK in _load(page, site.url(GUIDANCE)).inner_text("main")
    assert old_cache not in _site_caches(page)
    # The runtime did not change between the releases, so its copy was kept.
    assert [n for n in _caches(page) if n.startswith("lpg-runtime-")] == runtime
    reader.check()


def _wait_for_activation(context: BrowserContext, timeout_s: float = 60.0) -> None:
    """Wait until the waiting service worker has taken over (status "activated").

    Watched from a blank page, outside the site: a page of the site opened before the new worker
    takes over would be served by the old one, which would then keep control while that page is
    open (Chromium activates a waiting worker only when the old one has no pages and has
    finished its work, about a second after the last page closes)."""
    blank = context.new_page()
    session = context.new_cdp_session(blank)
    versions: dict[str, str] = {}
    session.on("ServiceWorker.workerVersionUpdated",
               lambda event: versions.update({v["versionId"]: v["status"] for v in event["versions"]}))
    session.send("ServiceWorker.enable")
    deadline = time.monotonic() + timeout_s
    while not ("activated" in versions.values()
               and not {"installing", "installed", "activating"} & set(versions.values())):
        assert time.monotonic() < deadline, f"the new service worker did not take over: {versions}"
        blank.wait_for_timeout(100)
    session.detach()
    blank.close()


def _load(page: Page, url: str) -> Page:
    page.goto(url)
    return page
