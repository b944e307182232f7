"""Tests of the built sites (one per authority: site/, site-<id>/), which `make test` builds first.

The checks that take the ``built`` fixture run on each profile built by each builder: MkDocs
(the sites `make build-all` made) and Zensical, Material's successor (built here once per
session into a temporary folder by the same tools/build_site.py steps: see test_zensical.py).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import resource
import subprocess
import sys
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .sites import ROOT, SITES


def _build_the_fictional_site() -> None:
    """Build the fictional authority's site if it is missing or stale (tests/conftest.py)."""
    from tests.conftest import FICTIONAL, build_fictional_site

    if FICTIONAL in SITES:
        build_fictional_site(FICTIONAL)


_build_the_fictional_site()
BUILDERS = ("mkdocs", "zensical")


@dataclass
class Page:
    """What the tests need from one built HTML page."""

    path: Path
    text: str = ""
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, value)
    classes: set[str] = field(default_factory=set)
    inline_scripts: list[str] = field(default_factory=list)
    """The text of each inline script a browser would run: no src, and a type that is absent,
    empty, a JavaScript MIME type or "module" (HTML's "script block's type string"), and each
    import map, which the page's policy governs as a script (Chromium refuses one whose hash the
    policy lacks, and then checks no module against it)."""


RUNNABLE_SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "importmap"}


def sha256_base64(data: bytes) -> str:
    """A file's or script's hash as Subresource Integrity and CSP write it: "sha256-<base64>"."""
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.skip = 0
        self.chunks: list[str] = []
        self.script: list[str] | None = None  # the inline script being read, if it would run

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "script":
            given = dict(attrs)
            runs = (given.get("type") or "").strip().lower() in RUNNABLE_SCRIPT_TYPES
            self.script = [] if runs and "src" not in given else None
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.page.ids.add(value)
            elif name == "name" and tag == "a":
                self.page.ids.add(value)
            elif name in ("href", "src", "srcset", "action", "poster", "data"):
                self.page.links.append((tag, name, value))
            elif name == "class":
                self.page.classes.update(value.split())
            elif name == "style":
                self.page.links.append((tag, "style", value))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag == "script" and self.script is not None:
            self.page.inline_scripts.append("".join(self.script))
            self.script = None

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script.append(data)
        if not self.skip:
            self.chunks.append(data)


def read_page(path: Path) -> Page:
    page = Page(path)
    reader = _Reader(page)
    reader.feed(path.read_text(encoding="utf-8"))
    page.text = re.sub(r"\s+", " ", html.unescape("".join(reader.chunks)))
    return page


@dataclass(frozen=True)
class ZensicalBuild:
    """Every profile built with Zensical: where each went, and how long the whole build took:
    on the clock (``seconds``) and in CPU time, the build's processes' own (``cpu_seconds``: on
    this shared 2-core machine the clock also counts every other process's turn; 204 s on the
    clock under load 14-20 failed a 120 s bound, 2026-12-07)."""

    sites: dict[str, Path]
    seconds: float
    cpu_seconds: float
    output: str


@pytest.fixture(scope="session")
def zensical_build(tmp_path_factory: pytest.TempPathFactory) -> ZensicalBuild:
    """`make build-all BUILDER=zensical`'s steps, into a temporary folder (the MkDocs-built sites
    in site*/ are left alone)."""
    into = tmp_path_factory.mktemp("zensical")
    started, children = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_site.py"), "--all", "--builder", "zensical",
         "--into", str(into)],
        cwd=ROOT, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    if done.returncode:
        pytest.fail(f"the Zensical build failed:\n{done.stdout}\n{done.stderr}")
    return ZensicalBuild({p: into / SITES[p].name for p in SITES}, seconds, cpu_seconds,
                         done.stdout + done.stderr)


@pytest.fixture(
    scope="session",
    params=[(profile, builder) for builder in BUILDERS for profile in SITES],
    ids=lambda param: f"{param[0]}-{param[1]}",
)
def built(request: pytest.FixtureRequest) -> tuple[str, Path]:
    """(profile id, built site folder), for each profile and each builder."""
    profile, builder = request.param
    if builder == "zensical":
        return profile, request.getfixturevalue("zensical_build").sites[profile]
    folder = SITES[profile]
    if not (folder / "index.html").exists():
        pytest.fail(f"{folder} is not built: run `make build-all` (make test does) first")
    return profile, folder


def html_pages(folder: Path) -> list[Path]:
    """The site's own pages (not the copied Pyodide files)."""
    return [p for p in sorted(folder.rglob("*.html")) if "pyodide" not in p.parts]


def search_documents(folder: Path) -> list[dict[str, str]]:
    """The search index's entries (each with a title and text): Material's
    search/search_index.json keeps them under "docs", Zensical's search.json under "items"."""
    material = folder / "search" / "search_index.json"
    if material.is_file():
        return list(json.loads(material.read_text(encoding="utf-8"))["docs"])
    return list(json.loads((folder / "search.json").read_text(encoding="utf-8"))["items"])
