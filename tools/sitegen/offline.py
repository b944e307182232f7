"""Fill in the service worker's precache list and version after the build.

The version is a hash of every file's content, so any change to the site gives sw.js new bytes;
browsers then install the new worker, which precaches the new files and deletes the old caches.
The Python runtime (pyodide/) is listed separately: a checklist page asks for it to be cached once
its rules are running, under the runtime's own hash, so a guidance-only visit never downloads it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

SKIP_SUFFIXES = (".br", ".gz", ".map")  # compressed twins; the theme's source maps (1.3 MB)


def _url(path: Path, site: Path) -> str:
    rel = path.relative_to(site).as_posix()
    if path.name == "index.html":
        return rel[: -len("index.html")] or "./"
    return rel


def write_service_worker(site: Path) -> int:
    """Rewrite site/sw.js with the version and precache list; returns how many URLs it lists."""
    worker = site / "sw.js"
    site_hash, runtime_hash = hashlib.sha256(), hashlib.sha256()
    urls, runtime = [], []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if path == worker or path.name.endswith(SKIP_SUFFIXES):
            continue
        rel = path.relative_to(site)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if rel.parts[0] == "pyodide":
            runtime_hash.update(f"{rel}:{digest}\n".encode())
            runtime.append(rel.as_posix())
            continue
        site_hash.update(f"{rel}:{digest}\n".encode())
        urls.append(_url(path, site))
    source = worker.read_text(encoding="utf-8")
    for placeholder, value in (
        ('const VERSION = "dev";', f"const VERSION = {json.dumps(site_hash.hexdigest()[:16])};"),
        ('const RUNTIME_VERSION = "dev";',
         f"const RUNTIME_VERSION = {json.dumps(runtime_hash.hexdigest()[:16])};"),
        ("const PRECACHE = [];", f"const PRECACHE = {json.dumps(urls)};"),
        ("const RUNTIME = [];", f"const RUNTIME = {json.dumps(runtime)};"),
    ):
        if placeholder not in source:
            raise SystemExit(f"sw.js: placeholder {placeholder!r} not found")
        source = source.replace(placeholder, value)
    worker.write_text(source, encoding="utf-8")
    return len(urls)
