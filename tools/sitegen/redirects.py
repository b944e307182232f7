"""Keep old addresses working: a tiny static page at each old path that points to the new one.

No MkDocs plugin: the pages are written into the rendered docs folder before the build, so any
static host serves them. Each has a meta refresh, a canonical link and a visible link (no script,
so the strict Content-Security-Policy is no obstacle).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import yaml

from .paths import ROOT

REDIRECTS_FILE = ROOT / "redirects.yml"


def target_url(page: str) -> str:
    """The directory URL of a docs/ Markdown file, relative to the site root."""
    if page == "index.md":
        return ""
    return page.removesuffix(".md").removesuffix("/index") + "/"


def load() -> dict[str, str]:
    data = yaml.safe_load(REDIRECTS_FILE.read_text(encoding="utf-8")) or {}
    return {str(old).strip("/") + "/": str(new) for old, new in data.items()}


def write_redirects(docs: Path) -> int:
    """Write one redirect page per entry; fails if a target page does not exist."""
    redirects = load()
    for old, page in redirects.items():
        if not (docs / page).is_file():
            raise SystemExit(f"redirects.yml: {old} points to {page}, which is not in docs/")
        depth = old.count("/")
        href = escape("../" * depth + target_url(page))
        html = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>This page has moved</title>
<meta http-equiv="refresh" content="0; url={href}">
<link rel="canonical" href="{href}">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
</head><body><p>This page has moved to <a href="{href}">{href}</a>.</p></body></html>
"""
        out = docs / old / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
    return len(redirects)
