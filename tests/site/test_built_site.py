"""The built sites: every source statement, working links and anchors, nothing from elsewhere."""

from __future__ import annotations

import json
import re
import tomllib
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml

from .conftest import ROOT, SITES, Page, html_pages, read_page

STATEMENTS = tomllib.loads((Path(__file__).parent / "source_statements.toml").read_text())["statement"]


@lru_cache(maxsize=None)
def pages(folder: Path) -> dict[Path, Page]:
    return {p: read_page(p) for p in html_pages(folder)}


@lru_cache(maxsize=None)
def all_text(folder: Path) -> str:
    return " ".join(p.text for p in pages(folder).values()).lower()


CASES = [(profile, s) for s in STATEMENTS for profile in s.get("profiles", list(SITES))]


@pytest.mark.parametrize("profile,statement", CASES,
                         ids=[f"{p}-{s['source']}-{s['original'][:40]}" for p, s in CASES])
def test_every_source_statement_is_on_the_site(profile: str, statement: dict) -> None:
    folder = SITES[profile]
    if not (folder / "index.html").exists():
        pytest.fail(f"{folder} is not built: run `make build-all` first")
    missing = [p for p in statement["phrases"] if p.lower() not in all_text(folder)]
    assert not missing, f"{profile}: missing {missing} for: {statement['original']}"


def test_the_statement_list_covers_both_sources() -> None:
    assert {s["source"] for s in STATEMENTS} == {"A", "B"}
    assert len(STATEMENTS) >= 35


def test_graduated_pathway_shows_its_own_terms_and_no_merton_contacts() -> None:
    text = all_text(SITES["graduated-pathway"])
    assert "my assessment and my plan+" in text and "my plan" in text
    for merton_only in ("fsd@merton.gov.uk", "early help support coordinators",
                        "training.safeguardinginmerton.org.uk", "effective support for families in merton"):
        assert merton_only not in text, merton_only
    assert "ask your local early help team" in text


def _resolve(page: Path, folder: Path, url: str) -> tuple[Path, str] | None:
    parsed = urlparse(url)
    if parsed.scheme or url.startswith("//") or not (parsed.path or parsed.fragment):
        return None
    # Only the theme's 404 page uses root-absolute links (it can be served from any depth).
    base = folder if parsed.path.startswith("/") else page.parent
    target = (base / unquote(parsed.path).lstrip("/")).resolve() if parsed.path else page
    if target.is_dir():
        target = target / "index.html"
    return target, parsed.fragment


def test_internal_links_and_anchors_resolve(built: tuple[str, Path]) -> None:
    _, folder = built
    site = pages(folder)
    broken = []
    for path, page in site.items():
        for tag, attr, url in page.links:
            if attr not in ("href", "src") or url.startswith(("mailto:", "data:", "blob:", "javascript:")):
                continue
            resolved = _resolve(path, folder, url)
            if resolved is None:
                continue
            target, fragment = resolved
            if not target.exists():
                broken.append(f"{path.relative_to(folder)}: {url} (no file)")
            elif fragment and target.suffix == ".html":
                ids = site[target].ids if target in site else read_page(target).ids
                if fragment not in ids:
                    broken.append(f"{path.relative_to(folder)}: {url} (no #{fragment})")
    assert not broken, "\n".join(broken)


def test_rules_citations_point_at_existing_sections(built: tuple[str, Path]) -> None:
    from lp_rules import schema
    profile, folder = built
    urls = {c["url"] for t in schema(profile)["tools"] for row in t["decision_table"] for c in row["citations"]}
    from lp_rules.checklists import TOOLS
    urls |= {c.url for t in TOOLS.values() for r in t.rules for s in r.steps for c in s.action.citations}
    for url in sorted(urls):
        page_path, fragment = url.split("#")
        target = folder / page_path / "index.html"
        assert target.exists(), url
        assert fragment in read_page(target).ids, url


EXTERNAL = re.compile(r"^(https?:)?//", re.I)


def test_nothing_is_loaded_from_another_host(built: tuple[str, Path]) -> None:
    _, folder = built
    offending = []
    for path, page in pages(folder).items():
        for tag, attr, value in page.links:
            if tag == "a" and attr == "href":
                continue  # an ordinary link a reader chooses to follow
            if tag == "link" and attr == "href" and "canonical" in path.read_text(encoding="utf-8") and value.startswith("http"):
                continue
            candidates = value.split(",") if attr == "srcset" else [value]
            if attr == "style":
                candidates = re.findall(r"url\(([^)]*)\)", value)
            if any(EXTERNAL.match(c.strip().strip("'\"")) for c in candidates):
                offending.append(f"{path.relative_to(folder)}: <{tag} {attr}={value}>")
    for css in list(folder.rglob("*.css")) + list(folder.rglob("*.js")) + list(folder.rglob("*.mjs")):
        if "pyodide" in css.parts:
            continue
        text = css.read_text(encoding="utf-8", errors="replace")
        for found in re.findall(r"(?:@import\s+|url\()\s*['\"]?((?:https?:)?//[^'\")\s]+)", text):
            offending.append(f"{css.relative_to(folder)}: {found}")
    assert not offending, "\n".join(offending)


def test_every_page_has_a_content_security_policy(built: tuple[str, Path]) -> None:
    _, folder = built
    import sys
    sys.path.insert(0, str(ROOT / "tools"))
    from sitegen.csp import inline_hashes
    for path in html_pages(folder):
        source = path.read_text(encoding="utf-8")
        match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', source)
        assert match, f"{path} has no CSP"
        policy = match.group(1)
        assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy
        assert "'unsafe-eval'" not in policy.replace("'wasm-unsafe-eval'", "")
        for expression in inline_hashes(source):
            assert expression in policy, f"{path}: inline script {expression} not allowed"


def test_search_index_finds_practitioners_words(built: tuple[str, Path]) -> None:
    profile, folder = built
    index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(d["title"] + " " + d["text"] for d in index["docs"])
    words = ["TAF", "consent", "keyworker", "Team Around the Family", "My Plan"]
    words.append("EHA" if profile == "merton" else "My Assessment and My Plan+")
    for word in words:
        assert word.lower() in text.lower(), word


def test_pages_show_last_reviewed_and_section_links(built: tuple[str, Path]) -> None:
    _, folder = built
    for path, page in pages(folder).items():
        if "md-content" not in page.classes or path.name == "404.html":
            continue  # redirect pages, the theme's 404 page
        assert "lp-last-reviewed" in page.classes, f"{path} has no last-reviewed date"
        source = path.read_text(encoding="utf-8")
        # Guidance headings (the checklist's own widget headings, lp-*, are not sections).
        for heading_id in re.findall(r'<h[23] id="((?!lp-)[^"]+)"', source):
            assert f'href="#{heading_id}" title="Link to this section"' in source, (path, heading_id)


def test_old_addresses_redirect_to_existing_pages(built: tuple[str, Path]) -> None:
    _, folder = built
    redirects = yaml.safe_load((ROOT / "redirects.yml").read_text(encoding="utf-8"))
    assert redirects
    for old in redirects:
        page = folder / old / "index.html"
        source = page.read_text(encoding="utf-8")
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', source).group(1)
        assert (page.parent / target / "index.html").resolve().exists(), (old, target)
