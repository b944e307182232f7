"""Subresource integrity for the pages' own scripts, as the runtime and the rules wheel have.

A script a page loads by ``<script src>`` gets ``integrity="sha384-..."`` of the built file, so a
copy cut short or damaged on the way (by a host, a proxy, a cache) is refused by the browser
rather than run. The checklist's entry module imports its modules (``checklist/*.js``) by
relative name, which no attribute can reach: the page declares their hashes in an import map's
``integrity`` section, placed just before the entry module's tag (an import map must come before
the modules it covers; Chromium has enforced it since version 127, and a browser without it
ignores the section). The import map is inline, so the Content-Security-Policy step, which runs
after this one, allows it by its hash (csp.py).

A refused script never runs, and the checklist page's inline watchdog then says the checklist
could not start (checklist_watchdog.js). Runs after fingerprinting (caching.py), so the hashes
are of the files as published.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path, PurePosixPath

from .caching import ASSET_GROUPS

# A script element's start tag with a src attribute.
_SCRIPT_SRC = re.compile(r'<script(?P<attrs>[^>]*?\ssrc="(?P<src>[^"]+)"[^>]*)>')


def sri(file: Path) -> str:
    """The file's subresource-integrity value (SHA-384, as browsers prefer)."""
    return "sha384-" + base64.b64encode(hashlib.sha384(file.read_bytes()).digest()).decode("ascii")


def _target(site: Path, page: Path, src: str) -> Path | None:
    """The built file a page's script address names, or None (another host, or no such file)."""
    address = src.split("?", 1)[0].split("#", 1)[0]
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", address, re.I):
        return None
    base = site if address.startswith("/") else page.parent
    target = (base / address.lstrip("/")).resolve()
    if not target.is_file() or not target.is_relative_to(site.resolve()):
        return None
    return target


def _imported_modules(site: Path) -> dict[Path, list[Path]]:
    """Each group's entry module (as built: the first file of its hashed folder) and the modules it
    imports: the files of the group's folders (caching.ASSET_GROUPS; the rules worker, loaded as
    a worker, which no import map reaches, is not among them)."""
    found: dict[Path, list[Path]] = {}
    for group in ASSET_GROUPS:
        entry = PurePosixPath(group[0])
        folders = [PurePosixPath(rel).name for rel in group if rel.endswith("/")]
        for built in sorted((site / entry.parent).glob(f"*/{entry.name}")):
            found[built.resolve()] = sorted(
                file.resolve() for name in folders for file in (built.parent / name).glob("*.js")
            )
    return found


def _import_map(src: str, target: Path, modules: list[Path]) -> str:
    """The import map declaring the modules' hashes, each by its address relative to the page."""
    base = src.rsplit("/", 1)[0] + "/" if "/" in src else ""
    integrity = {
        base + module.relative_to(target.parent).as_posix(): sri(module) for module in modules
    }
    return f'<script type="importmap">{json.dumps({"integrity": integrity})}</script>\n'


def add_integrity(site: Path) -> int:
    """Add integrity to every same-site script of every page (and the import map where a page loads
    an entry module); returns how many script tags were given one."""
    entries = _imported_modules(site)
    tagged = 0
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")

        def tag(match: re.Match[str]) -> str:
            nonlocal tagged
            target = _target(site, page, match["src"])
            if target is None or "integrity=" in match["attrs"]:
                return match[0]
            tagged += 1
            start = f'<script{match["attrs"]} integrity="{sri(target)}">'
            if target in entries:
                return _import_map(match["src"], target, entries[target]) + start
            return start

        changed = _SCRIPT_SRC.sub(tag, html)
        if changed != html:
            page.write_text(changed, encoding="utf-8")
    return tagged
