"""Which files may be cached for a year, and the post-build step that makes our own assets so.

The rule that lets every update reach every reader: a URL may be cached long-term only if its
content can never change, that is, if the URL holds a hash of the content. Everything else is
revalidated on every use (``Cache-Control: no-cache``: the browser may keep a copy but must ask
the host whether it is still current, which costs a round trip and, when unchanged, no download).

Content-addressed, cached for a year (``public, max-age=31536000, immutable``):

- the Python runtime, with the trimmed ``python_stdlib.zip``: ``pyodide/<runtime hash>/``
  (runtime.py; a folder, because Pyodide finds its files by fixed names beside its loader);
- the rules wheel: ``wheels/<wheel hash>/lp_rules-...whl`` (runtime.py; the worker installs it
  from bytes, so the file name does not matter);
- our checklist script, its modules and the rules worker, which refer to each other by name:
  ``assets/js/<hash>/checklist.js``, ``.../checklist/core.js``... and ``.../rules-worker.js``
  (``fingerprint_assets`` below);
- our other scripts and styles: ``assets/js/offline.<hash>.js``, ``assets/css/guide.<hash>.css``
  (below);
- Material's bundles, which Material names by content: ``assets/javascripts/bundle.<hash>.min.js``,
  ``assets/stylesheets/main.<hash>.min.css``.

Revalidated (``no-cache``): pages, ``sw.js``, the search index, images, Material's lunr files,
the sitemap and anything else.

``CONTENT_ADDRESSED`` says which URL paths are content-addressed. ``tools/serve.py`` uses it for
its headers and the service worker (docs/sw.js, filled in by offline.py) for its caching, so the
host's headers, the worker and the build cannot disagree. tests/perf/test_update.py publishes
one release over another and checks that a returning reader gets the new one.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

# A URL path (from the site root or the host's root: matched anywhere) whose name holds its
# content's hash: a folder of 16 hex digits under pyodide/, wheels/ or assets/js/ (with at most one
# subfolder: the checklist's modules), or a file named NAME.<8 or 16 hex digits>[.min].js|css (ours
# and Material's bundles, and their source maps).
CONTENT_ADDRESSED = re.compile(
    r"/(?:pyodide|wheels|assets/js)/[0-9a-f]{16}/(?:[^/]+/)?[^/]+$"
    r"|/[^/]+\.(?:[0-9a-f]{8}|[0-9a-f]{16})(?:\.min)?\.(?:js|css)(?:\.map)?$"
)

# Our own scripts that refer to each other by relative name (checklist.js imports
# ``./checklist/*.js``, whose worker client starts ``new URL("../rules-worker.js",
# import.meta.url)``): they move together into one hashed folder, keeping their places in it. The
# first is the one pages refer to; an entry ending in "/" stands for every file in that folder.
ASSET_GROUPS = (("assets/js/checklist.js", "assets/js/rules-worker.js", "assets/js/checklist/"),)
# Our own scripts and styles; those in no group are renamed NAME.<hash>.EXT in place (offline.js
# finds the site root two folders above itself, so it stays in assets/js/).
OWN_ASSETS = ("assets/js", "assets/css")


def cache_control(path: str) -> str:
    """The Cache-Control header for a URL path: a year only where the URL names the content."""
    if CONTENT_ADDRESSED.search("/" + path.lstrip("/")):
        return IMMUTABLE
    return REVALIDATE


def content_hash(*files: Path) -> str:
    """The first 16 hex digits of a file's SHA-256 (``sha256sum`` shows it); for several files,
    of the SHA-256 of their SHA-256 digests, in order."""
    if len(files) == 1:
        return hashlib.sha256(files[0].read_bytes()).hexdigest()[:16]
    digest = hashlib.sha256()
    for file in files:
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()[:16]


def group_files(site: Path, group: tuple[str, ...]) -> list[str]:
    """A group's files (site-relative, in hashing order), its folders' files listed by name."""
    files: list[str] = []
    for rel in group:
        if rel.endswith("/"):
            found = sorted(p.relative_to(site).as_posix() for p in (site / rel).glob("*") if p.is_file())
            if not found:
                raise SystemExit(f"fingerprint: expected files in {site / rel}")
            files += found
        elif (site / rel).is_file():
            files.append(rel)
        else:
            raise SystemExit(f"fingerprint: expected {rel} in {site}")
    return files


def _new_paths(site: Path) -> dict[str, str]:
    """Each of our own asset files (site-relative) and the content-addressed path it moves to."""
    moves: dict[str, str] = {}
    for group in ASSET_GROUPS:
        files = group_files(site, group)
        base = Path(group[0]).parent
        folder = base / content_hash(*(site / rel for rel in files))
        for rel in files:
            moves[rel] = (folder / Path(rel).relative_to(base)).as_posix()
    for own in OWN_ASSETS:
        for path in sorted((site / own).glob("*")):
            rel = path.relative_to(site).as_posix()
            if path.is_file() and rel not in moves and not CONTENT_ADDRESSED.search("/" + rel):
                moves[rel] = f"{own}/{path.stem}.{content_hash(path)}{path.suffix}"
    return moves


def fingerprint_assets(site: Path) -> dict[str, str]:
    """Move our own scripts and styles to content-addressed paths and point every page at them.

    Returns the moves (old site-relative path: new one). Runs after MkDocs and before the CSP,
    service worker and compression steps, which then see only the final names. Fails the build if
    an asset is not referenced by any page (its reference would no longer be rewritten)."""
    moves = _new_paths(site)
    # A group's files after its first are loaded by the first, by relative name, not by pages.
    referred_by_name = {rel for group in ASSET_GROUPS for rel in group_files(site, group)[1:]}
    patterns = {
        old: re.compile(r'(?P<lead>\b(?:href|src)="(?:[^"?#]*/)?)' + re.escape(old) + r'(?P<tail>[?#"])')
        for old in moves
    }
    used = dict.fromkeys(moves, 0)
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        changed = html
        for old, pattern in patterns.items():
            def renamed(m: re.Match[str], new: str = moves[old]) -> str:
                return m["lead"] + new + m["tail"]
            changed, count = pattern.subn(renamed, changed)
            used[old] += count
        if changed != html:
            page.write_text(changed, encoding="utf-8")
    for old, new in moves.items():
        target = site / new
        target.parent.mkdir(parents=True, exist_ok=True)
        (site / old).rename(target)
    for folder in {rel for group in ASSET_GROUPS for rel in group if rel.endswith("/")}:
        (site / folder).rmdir()  # emptied: its files moved into the group's hashed folder
    unused = [old for old, count in used.items() if count == 0 and old not in referred_by_name]
    if unused:
        raise SystemExit(f"fingerprint: no page refers to {unused}")
    return moves
