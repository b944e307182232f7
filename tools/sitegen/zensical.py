"""What the Zensical build needs beyond MkDocs's steps (tools/build_site.py --builder zensical).

Generated pages carry raw HTML (checklist forms, scenario and trainer links, decision maps, the
comparison table) whose relative URLs are written relative to the page's address, as a browser
reads them: ``tools/who-should-lead.md`` becomes ``tools/who-should-lead/`` and links to
``../../safeguarding/#significant-harm``. MkDocs leaves raw HTML as written. Zensical (since its
fix for zensical/zensical#258) resolves relative URLs in raw HTML against the Markdown file, as it
does Markdown links, so the same URL would gain one ``../`` and point outside the site. Rather
than teach every generator which builder runs, the Zensical build rewrites those URLs in the
rendered copy (build/<profile>/docs) to be relative to the Markdown file, which Zensical then
turns back into exactly the page-relative URL MkDocs would have shipped. The built-site tests
(tests/site, run on both builders) check every link and anchor of the result.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

# A relative URL in an href or src attribute: not a fragment, not from the root, no scheme.
_ATTRIBUTE = re.compile(r'(?P<lead>\b(?:href|src)=")(?P<url>(?![#/]|[a-zA-Z][a-zA-Z0-9+.-]*:)[^"]*)"')


def page_url_dir(source: str) -> str:
    """The folder of the page's address for a Markdown file (directory URLs): ``a/b.md`` is
    ``a/b/``, ``a/index.md`` is ``a/``."""
    folder, name = posixpath.split(source)
    stem = name.removesuffix(".md")
    return folder if stem in ("index", "README") else posixpath.join(folder, stem)


def source_relative(url: str, source: str) -> str:
    """A page-relative URL rewritten relative to the Markdown file's folder."""
    cut = re.search(r"[?#]", url)
    path, tail = (url[: cut.start()], url[cut.start():]) if cut else (url, "")
    if not path:
        return url
    page_dir = page_url_dir(source)
    target = posixpath.normpath(posixpath.join(page_dir, path))
    relative = posixpath.relpath(target, posixpath.dirname(source) or ".")
    if path.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return relative + tail


def rewrite_raw_html_links(docs: Path) -> int:
    """Rewrite the raw-HTML relative URLs of every non-index Markdown file under ``docs``;
    returns how many were rewritten."""
    count = 0
    for path in sorted(docs.rglob("*.md")):
        source = path.relative_to(docs).as_posix()
        if page_url_dir(source) == posixpath.dirname(source):
            continue
        text = path.read_text(encoding="utf-8")

        def rewrite(match: re.Match[str], source: str = source) -> str:
            nonlocal count
            count += 1
            return match["lead"] + source_relative(match["url"], source) + '"'

        changed = _ATTRIBUTE.sub(rewrite, text)
        if changed != text:
            path.write_text(changed, encoding="utf-8")
    return count


def move_licence_out_of_long_lived_folder(site: Path) -> None:
    """Zensical ships its scripts' third-party licences as ``assets/javascripts/LICENSE``, a fixed
    name in a folder hosts are told to cache for a year (docs/performance.md#hosting); keep the
    notice, beside that folder, where it is revalidated like any other file."""
    licence = site / "assets" / "javascripts" / "LICENSE"
    if licence.is_file():
        shutil.move(licence, site / "assets" / "javascripts-LICENSE.txt")
