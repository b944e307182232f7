"""Subresource integrity for the pages' own scripts, as the runtime and the rules wheel have.

A script a page loads by ``<script src>`` gets ``integrity="sha384-..."`` of the built file, so a
copy cut short or damaged on the way (by a host, a proxy, a cache) is refused by the browser
rather than run. The checklist's entry module imports its modules (``checklist/*.js``) by
relative name, which no attribute can reach: the page declares their hashes in an import map's
``integrity`` section (an import map must come before the modules it covers; Chromium has
enforced it since version 127, and a browser without it ignores the section). The import map is
inline, so the Content-Security-Policy step, which runs after this one, allows it by its hash
(csp.py).

The import map goes at the end of the page's head, followed by a ``modulepreload`` link (with its
hash) for the entry module and each module it imports as it starts: the browser then fetches them
while it parses the page, instead of after. Chromium's look-ahead parser does not fetch module
scripts once a page has an import map, so the entry's tag, near the end of the page, was found
only when the page was parsed, and each level of imports cost another round trip after that (on
loopback under load, the modules arrived 140 ms after the page was parsed). In the head, after
the stylesheets, they do not take bandwidth from what the first paint needs. A module loaded
only later (``import()``, such as the record's view) is not preloaded.

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
# A module's static import of another module by relative name (not a type import in a comment:
# those are written import("./x.js") and have no "from").
_STATIC_IMPORT = re.compile(r'^import\s[^;]*?\sfrom\s+"(\./[^"]+\.js)";', re.M)


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
    """The import map declaring the modules' hashes, each by its address relative to the page, and
    a modulepreload link for the entry module and the modules it imports statically."""
    base = src.rsplit("/", 1)[0] + "/" if "/" in src else ""
    integrity = {
        base + module.relative_to(target.parent).as_posix(): sri(module) for module in modules
    }
    links = [f'<link rel="modulepreload" href="{src}" integrity="{sri(target)}">'] + [
        f'<link rel="modulepreload" href="{base + module.relative_to(target.parent).as_posix()}" '
        f'integrity="{sri(module)}">' for module in _static_imports(target) if module in modules
    ]
    return f'<script type="importmap">{json.dumps({"integrity": integrity})}</script>\n' + "\n".join(links) + "\n"


def _static_imports(entry: Path) -> list[Path]:
    """The modules ``entry`` imports with ``import … from "./…"``, and theirs, in the order found
    (not those it loads with ``import()`` when needed)."""
    found: list[Path] = []
    todo = [entry]
    while todo:
        module = todo.pop(0)
        for name in _STATIC_IMPORT.findall(module.read_text(encoding="utf-8")):
            imported = (module.parent / name).resolve()
            if imported not in found and imported.is_file():
                found.append(imported)
                todo.append(imported)
    return found


def add_integrity(site: Path) -> int:
    """Add integrity to every same-site script of every page (and the import map where a page loads
    an entry module); returns how many script tags were given one."""
    entries = _imported_modules(site)
    tagged = 0
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")

        head: list[str] = []  # the import map and preloads, for the end of the head

        def tag(match: re.Match[str]) -> str:
            nonlocal tagged
            target = _target(site, page, match["src"])
            if target is None or "integrity=" in match["attrs"]:
                return match[0]
            tagged += 1
            if target in entries:
                head.append(_import_map(match["src"], target, entries[target]))
            return f'<script{match["attrs"]} integrity="{sri(target)}">'

        changed = _SCRIPT_SRC.sub(tag, html)
        if head:
            changed = changed.replace("</head>", "".join(head) + "</head>", 1)
        if changed != html:
            page.write_text(changed, encoding="utf-8")
    return tagged
