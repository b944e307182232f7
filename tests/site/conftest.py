"""Tests of the built sites (site/ and site-graduated-pathway/), which `make test` builds first."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITES = {"merton": ROOT / "site", "graduated-pathway": ROOT / "site-graduated-pathway"}


@dataclass
class Page:
    """What the tests need from one built HTML page."""

    path: Path
    text: str = ""
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, value)
    classes: set[str] = field(default_factory=set)


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.skip = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
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

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.chunks.append(data)


def read_page(path: Path) -> Page:
    page = Page(path)
    reader = _Reader(page)
    reader.feed(path.read_text(encoding="utf-8"))
    page.text = re.sub(r"\s+", " ", html.unescape("".join(reader.chunks)))
    return page


@pytest.fixture(scope="session", params=list(SITES))
def built(request: pytest.FixtureRequest) -> tuple[str, Path]:
    """(profile id, built site folder), for each profile."""
    folder = SITES[request.param]
    if not (folder / "index.html").exists():
        pytest.fail(f"{folder} is not built: run `make build-all` (make test does) first")
    return request.param, folder


def html_pages(folder: Path) -> list[Path]:
    """The site's own pages (not the copied Pyodide files)."""
    return [p for p in sorted(folder.rglob("*.html")) if "pyodide" not in p.parts]
