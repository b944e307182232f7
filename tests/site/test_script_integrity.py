"""Every script a page loads from the site is integrity-checked against the file as published, and
the checklist's modules, which its entry module imports by name, through the page's import map
(tools/sitegen/integrity.py). The hashes are worked out here from the definition (base64 of the
SHA-384 of the file), not with the build's function; tests/browser/test_page_script_faults.py
shows Chromium refusing a damaged module."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from .conftest import html_pages

SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>")
IMPORT_MAP = re.compile(r'<script type="importmap">(?P<body>.*?)</script>', re.S)


def _sri(file: Path) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(file.read_bytes()).digest()).decode("ascii")


def _file(site: Path, page: Path, address: str) -> Path:
    base = site if address.startswith("/") else page.parent
    return (base / address.lstrip("/")).resolve()


def test_every_script_from_the_site_carries_the_hash_of_its_file(built: tuple[str, Path]) -> None:
    _, site = built
    checked = 0
    for page in html_pages(site):
        for tag in SCRIPT.finditer(page.read_text(encoding="utf-8")):
            src = re.search(r'\ssrc="([^"]+)"', tag["attrs"])
            if not src:
                continue
            integrity = re.search(r'\sintegrity="([^"]+)"', tag["attrs"])
            assert integrity, f"{page}: {tag[0]} has no integrity"
            assert integrity[1] == _sri(_file(site, page, src[1])), f"{page}: {tag[0]}"
            checked += 1
    assert checked > 50, checked


def test_each_checklist_page_checks_every_module_its_entry_imports(built: tuple[str, Path]) -> None:
    _, site = built
    pages = [p for p in html_pages(site) if 'class="lp-checklist"' in p.read_text(encoding="utf-8")]
    assert len(pages) == 3, pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        [found] = IMPORT_MAP.findall(html)
        entry = re.search(r'<script type="module" src="([^"]+/checklist\.js)"', html)
        assert entry and html.index("importmap") < entry.start(), f"{page}: the import map must come first"
        modules = sorted((_file(site, page, entry[1]).parent / "checklist").glob("*.js"))
        assert len(modules) >= 6, modules
        integrity = json.loads(found)["integrity"]
        assert {_file(site, page, address) for address in integrity} == set(modules), page
        for address, value in integrity.items():
            assert value == _sri(_file(site, page, address)), (page, address)
