"""Give every built page a Content-Security-Policy that allows only the site's own origin.

The policy goes in a ``<meta http-equiv>`` tag so it works on any static host. Material's theme
writes a few small inline scripts whose text differs per page (they hold the page's relative
base URL), so after the build each page gets the SHA-256 hashes of exactly its own inline
scripts; nothing else inline can run. ``wasm-unsafe-eval`` lets Pyodide compile WebAssembly.

The checklists' rules worker needs a policy of its own: a worker does not take the page's policy,
only the one sent with its own script (CSP Level 3), and a ``<meta>`` tag cannot reach it. So
``WORKER_POLICY`` is sent as a ``Content-Security-Policy`` header with every response for
``rules-worker.js`` (``WORKER_SCRIPT``): by tools/serve.py, by the service worker (docs/sw.js,
filled in by offline.py) whenever it serves the script, whatever the host sent, and by any host
configured as docs/performance.md#hosting shows (tests/site/test_caching.py checks that its
snippets carry this exact policy). It allows the site's own origin and compiling WebAssembly,
nothing else: no eval, no blob: or data: scripts, no request to another host.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# Executable inline scripts: no src attribute and no data type such as application/json. An
# import map (integrity.py) is not executed but the policy still governs it, as a script.
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_DATA_TYPE = re.compile(r'type="(?!module|text/javascript|importmap)[^"]+"')

POLICY = (
    "default-src 'self'; "
    "script-src 'self' 'wasm-unsafe-eval' {hashes}; "
    "style-src 'self'; "
    "img-src 'self' data:; "
    "font-src 'self'; "
    "connect-src 'self'; "
    "worker-src 'self'; "
    "manifest-src 'self'; "
    "object-src 'none'; "
    "base-uri 'self'; "
    "form-action 'self'"
)

WORKER_POLICY = (
    "default-src 'self'; "
    "script-src 'self' 'wasm-unsafe-eval'; "
    "object-src 'none'; "
    "base-uri 'none'"
)
# The URL paths (matched at the end) that get WORKER_POLICY as a header.
WORKER_SCRIPT = re.compile(r"/rules-worker\.js$")


def inline_hashes(html: str) -> list[str]:
    """CSP source expressions for each executable inline script in a page."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs or _DATA_TYPE.search(attrs):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(set(hashes))


def policy_for(html: str) -> str:
    """The policy for one page."""
    return POLICY.format(hashes=" ".join(inline_hashes(html))).replace("  ", " ")


def add_policy(page: Path) -> None:
    """Insert the policy as the first element of the page's <head>."""
    html = page.read_text(encoding="utf-8")
    if 'http-equiv="Content-Security-Policy"' in html:
        return
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    html = html.replace("<head>", "<head>\n    " + meta, 1)
    page.write_text(html, encoding="utf-8")


def add_policies(site: Path) -> int:
    """Every HTML page of a built site; returns how many were given a policy."""
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        add_policy(page)
    return len(pages)
