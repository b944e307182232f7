"""Fill in the service worker's precache lists, version and URL rule after the build.

The version is a hash of every file's content, so any change to the site gives sw.js new bytes;
browsers then install the new worker, which precaches the new files and, once no page of the old
release is open, deletes the old caches (docs/sw.js explains why it waits). Every listed file
carries its SHA-256 as a subresource-integrity value: the worker fetches it with that integrity,
so its copy of a release is exactly the files built here, it tells a page of its own release
from another release's by the page's hash, and it serves a cached copy of a content-addressed file
(the runtime and the wheel included) only if the copy still has its hash (decisions/0008). The Python runtime (pyodide/) is listed separately:
a checklist page asks for it to be cached once its rules are running, under the runtime's own
hash, so a guidance-only visit never downloads it. CONTENT_ADDRESSED is caching.py's rule, so
the worker and the host's headers agree on which URLs name their content; WORKER_POLICY is
csp.py's, so the worker gives the rules worker the same policy a host does.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from .caching import CONTENT_ADDRESSED
from .csp import WORKER_POLICY

SKIP_SUFFIXES = (".br", ".gz", ".map")  # compressed twins; the theme's source maps (1.3 MB)


def _url(path: Path, site: Path) -> str:
    rel = path.relative_to(site).as_posix()
    if path.name == "index.html":
        return rel[: -len("index.html")] or "./"
    return rel


def write_service_worker(site: Path) -> int:
    """Rewrite site/sw.js with the version and precache lists; returns how many site URLs it lists."""
    worker = site / "sw.js"
    if not (site / "offline" / "index.html").is_file():
        raise SystemExit("offline/index.html not built: the service worker's offline page (docs/offline.md)")
    site_hash, runtime_hash = hashlib.sha256(), hashlib.sha256()
    urls: list[list[str]] = []
    runtime: list[list[str]] = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if path == worker or path.name.endswith(SKIP_SUFFIXES):
            continue
        rel = path.relative_to(site)
        digest = hashlib.sha256(path.read_bytes())
        integrity = "sha256-" + base64.b64encode(digest.digest()).decode("ascii")
        if rel.parts[0] == "pyodide":
            runtime_hash.update(f"{rel}:{digest.hexdigest()}\n".encode())
            runtime.append([rel.as_posix(), integrity])
            continue
        site_hash.update(f"{rel}:{digest.hexdigest()}\n".encode())
        urls.append([_url(path, site), integrity])
    source = worker.read_text(encoding="utf-8")
    for placeholder, value in (
        ('const VERSION = "dev";', f"const VERSION = {json.dumps(site_hash.hexdigest()[:16])};"),
        ('const RUNTIME_VERSION = "dev";',
         f"const RUNTIME_VERSION = {json.dumps(runtime_hash.hexdigest()[:16])};"),
        ("const PRECACHE = [];", f"const PRECACHE = {json.dumps(urls, separators=(',', ':'))};"),
        ("const RUNTIME = [];", f"const RUNTIME = {json.dumps(runtime, separators=(',', ':'))};"),
        ("const CONTENT_ADDRESSED = /(?!)/;",
         f"const CONTENT_ADDRESSED = new RegExp({json.dumps(CONTENT_ADDRESSED.pattern)});"),
        ('const WORKER_POLICY = "";', f"const WORKER_POLICY = {json.dumps(WORKER_POLICY)};"),
    ):
        if placeholder not in source:
            raise SystemExit(f"sw.js: placeholder {placeholder!r} not found")
        source = source.replace(placeholder, value)
    worker.write_text(source, encoding="utf-8")
    return len(urls)
