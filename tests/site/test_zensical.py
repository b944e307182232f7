"""The site builds with Zensical, Material for MkDocs's successor, as well as with MkDocs.

`make build BUILDER=zensical` runs tools/build_site.py's same steps before and after
`zensical build`. The session fixture ``zensical_build`` (conftest.py) builds both profiles that
way into a temporary folder, and every check in tests/site that takes the ``built`` fixture runs
on those sites too (ids ending ``-zensical``). The tests here compare the two builds page by page
and cover what the Zensical build does differently (tools/sitegen/zensical.py).
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from lp_rules.profiles import DEFAULT_PROFILE

from .conftest import ROOT, SITES, ZensicalBuild, html_pages, read_page

sys.path.insert(0, str(ROOT / "tools"))
from sitegen.zensical import page_url_dir, source_relative  # noqa: E402

THEME_IDS = {"__skip", "__toc"}  # the themes' own skip-link target and contents toggle


class _Article(HTMLParser):
    """The text and ids of a page's article (what the Markdown became), without the theme."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.text: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self.depth:
            self.depth += tag == "article"
            self.skip += tag in ("script", "style")
            if values.get("id") and values["id"] not in THEME_IDS:
                self.ids.add(values["id"] or "")
        elif tag == "article" and "md-content__inner" in (values.get("class") or ""):
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= tag == "article"
            self.skip -= tag in ("script", "style") and self.skip > 0

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.text.append(data)


def article(path: Path) -> tuple[str, set[str]]:
    reader = _Article()
    reader.feed(path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", "".join(reader.text)).strip(), reader.ids


@pytest.mark.parametrize("profile", list(SITES))
def test_zensical_builds_every_page_with_the_same_words_and_sections(
        zensical_build: ZensicalBuild, profile: str) -> None:
    """Each page's article (the guidance, the checklist forms, the generated tables) reads the
    same and keeps every section id, so links into the site and the rules' citations hold."""
    mkdocs, zensical = SITES[profile], zensical_build.sites[profile]
    if not (mkdocs / "index.html").exists():
        pytest.fail(f"{mkdocs} is not built: run `make build-all` first")
    pages = sorted(p.relative_to(mkdocs) for p in html_pages(mkdocs))
    assert pages == sorted(p.relative_to(zensical) for p in html_pages(zensical))
    differing = []
    for rel in pages:
        (text_m, ids_m), (text_z, ids_z) = article(mkdocs / rel), article(zensical / rel)
        if ids_m != ids_z:
            differing.append(f"{rel}: ids only in MkDocs {sorted(ids_m - ids_z)[:5]}, "
                             f"only in Zensical {sorted(ids_z - ids_m)[:5]}")
        if text_m != text_z:
            at = next(i for i, (a, b) in enumerate(zip(text_m + "\0", text_z + "\0")) if a != b)
            differing.append(f"{rel}: MkDocs {text_m[at - 40:at + 40]!r} / "
                             f"Zensical {text_z[at - 40:at + 40]!r}")
    assert not differing, "\n".join(differing)


def test_zensical_build_is_strict_and_quick(zensical_build: ZensicalBuild) -> None:
    """`zensical build --strict` found nothing to warn about in either profile, and the whole
    build (generation, Zensical, the post-build steps) stays quick enough to run in every test
    run (measured: about 6 s for both profiles once the runtime is cached in build/). Bounded in
    CPU time, which the machine's load does not stretch as it does the clock (conftest's
    ``ZensicalBuild``)."""
    assert zensical_build.output.count("No issues found") == len(SITES), zensical_build.output
    print(f"the Zensical build: {zensical_build.cpu_seconds:.1f} s CPU, {zensical_build.seconds:.1f} s on the clock")
    assert zensical_build.cpu_seconds < 120, (zensical_build.cpu_seconds, zensical_build.seconds)


def test_the_zensical_licence_notice_ships_outside_the_year_long_folder(
        zensical_build: ZensicalBuild) -> None:
    for folder in zensical_build.sites.values():
        assert not (folder / "assets" / "javascripts" / "LICENSE").exists()
        assert "Third-Party licenses" in (folder / "assets" / "javascripts-LICENSE.txt").read_text()


@pytest.mark.parametrize(("url", "source", "expected"), [
    # a checklist page (tools/who-should-lead/) citing a guidance section
    ("../../safeguarding/#significant-harm", "tools/who-should-lead.md", "../safeguarding/#significant-harm"),
    ("./", "tools/who-should-lead.md", "who-should-lead/"),
    # a scenario link from a top-level page, query kept
    ("../tools/change-lead/?v=2&harm=no", "trainer.md", "tools/change-lead/?v=2&harm=no"),
    ("../tools/change-lead/#v=2&harm=no", "trainer.md", "tools/change-lead/#v=2&harm=no"),
    ("../assets/js/trainer.js", "trainer.md", "assets/js/trainer.js"),
    ("#scenario-3", "trainer.md", "#scenario-3"),
    ("?v=2", "scenarios.md", "?v=2"),
])
def test_page_relative_urls_become_relative_to_the_markdown_file(url: str, source: str, expected: str) -> None:
    assert source_relative(url, source) == expected


def test_index_pages_keep_their_urls() -> None:
    assert page_url_dir("tools/index.md") == "tools"
    assert page_url_dir("index.md") == ""
    assert page_url_dir("tools/change-lead.md") == "tools/change-lead"


def test_every_zensical_page_links_to_the_same_places(zensical_build: ZensicalBuild) -> None:
    """Every href and src on the pages with generated raw HTML points where MkDocs's does (bar
    the themes' own files), so no rewritten link gained or lost a folder."""
    mkdocs, zensical = SITES[DEFAULT_PROFILE], zensical_build.sites[DEFAULT_PROFILE]
    theme = re.compile(r"assets/(?:javascripts|stylesheets)/|^https?:|^#__")
    for rel in ("tools/who-should-lead/index.html", "trainer/index.html", "scenarios/index.html",
                "decision-maps/index.html", "compare-authorities/index.html"):
        base = "http://site.invalid/" + rel.removesuffix("index.html")

        def targets(folder: Path) -> set[str]:
            return {urljoin(base, value) for _, attribute, value in read_page(folder / rel).links
                    if attribute in ("href", "src") and not theme.search(value)}

        assert targets(mkdocs) == targets(zensical), (rel, sorted(targets(mkdocs) ^ targets(zensical)))


def test_zensical_pages_wear_materials_look(zensical_build: ZensicalBuild) -> None:
    """Zensical's default "modern" look (white header, other fonts and icons) is not what the
    site's styles were written against: the build asks for its "classic" variant, Material's."""
    for folder in zensical_build.sites.values():
        html = (folder / "index.html").read_text(encoding="utf-8")
        assert "assets/stylesheets/classic/main." in html
        assert "assets/stylesheets/modern/" not in html
