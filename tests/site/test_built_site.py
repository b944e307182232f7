"""The built sites: every source statement, working links and anchors, nothing from elsewhere."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml

from lp_rules import PROFILE_IDS, load_profile
from lp_rules.folders import EXTRA
from lp_rules.profiles import FOLDERS, PUBLISHED_IDS, guidance_shown

from tests.rules.oracle import FACTS

from .conftest import ROOT, SITES, Page, html_pages, read_page, search_documents, sha256_base64


def _statements() -> list[dict]:
    """Every authority's guidance, statement by statement, from its folder's statements.toml,
    each with the sites it must be on: every site that shows that guidance (its profile's
    ``guidance_shown``), or only its own for a local detail (``own_site_only``)."""
    found = []
    for profile_id in PROFILE_IDS:
        data = tomllib.loads(FOLDERS[profile_id].joinpath("statements.toml").read_text(encoding="utf-8"))
        showing = [p for p in SITES if profile_id in guidance_shown(p)]
        for s in data["statement"]:
            found.append(dict(s, source=load_profile(profile_id).own_source,
                              profiles=[profile_id] if s.get("own_site_only", False) else showing))
    return found


STATEMENTS = _statements()


@lru_cache(maxsize=None)
def pages(folder: Path) -> dict[Path, Page]:
    return {p: read_page(p) for p in html_pages(folder)}


@lru_cache(maxsize=None)
def all_text(folder: Path) -> str:
    return " ".join(p.text for p in pages(folder).values()).lower()


CASES = [(profile, s) for s in STATEMENTS for profile in s["profiles"]]


@pytest.mark.parametrize("profile,statement", CASES,
                         ids=[f"{p}-{s['source']}-{s['original'][:40]}" for p, s in CASES])
def test_every_source_statement_is_on_the_site(profile: str, statement: dict) -> None:
    folder = SITES[profile]
    if not (folder / "index.html").exists():
        pytest.fail(f"{folder} is not built: run `make build-all` first")
    missing = [p for p in statement["phrases"] if p.lower() not in all_text(folder)]
    assert not missing, f"{profile}: missing {missing} for: {statement['original']}"


def test_the_statement_list_covers_both_sources() -> None:
    # Every published authority's guidance (the fictional one has no guidance to state).
    assert {s["source"] for s in STATEMENTS} == {load_profile(p).own_source for p in PUBLISHED_IDS}
    assert len(STATEMENTS) >= 35


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_no_site_shows_another_areas_contacts(profile_id: str) -> None:
    """Each site shows its own terms; only "Compare the authorities" shows another area's
    settings, in that area's column of a table that every build shows alike
    (tests/site/test_compare.py); search leaves that table out. Each area's contacts and terms
    are in its folder's oracle table, written from its guidance."""
    folder, facts = SITES[profile_id], FACTS[profile_id]
    text = " ".join(p.text for path, p in pages(folder).items()
                    if "compare-authorities" not in path.relative_to(folder).parts).lower()
    search = (folder / "search" / "search_index.json").read_text(encoding="utf-8").lower()
    for own in [facts["assessment"], *facts["search_words"]]:
        assert own.lower() in text, own
    others = [c for other, f in FACTS.items() if other != profile_id for c in f["own_contacts"]]
    for contact in others:
        assert contact.lower() not in text, contact
        assert contact.lower() not in search, contact
    if not facts["gives_support_contact"]:
        assert "ask your local early help team" in text


def test_some_area_has_contacts_no_other_site_may_show() -> None:
    """The test above must have contacts to look for."""
    from tests.rules.oracle import authorities_where

    authorities_where(lambda facts: bool(facts["own_contacts"]))


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
            elif fragment and "=" not in fragment and target.suffix == ".html":
                # (a fragment holding "=" is a checklist link's answers, not a place on the
                # page: lp_rules.links.link_text)
                ids = site[target].ids if target in site else read_page(target).ids
                if fragment not in ids:
                    broken.append(f"{path.relative_to(folder)}: {url} (no #{fragment})")
    assert not broken, "\n".join(broken)


def test_rules_citations_point_at_existing_sections(built: tuple[str, Path]) -> None:
    from lp_rules import load_profile, schema
    from lp_rules.checklists import TOOLS
    from lp_rules.sources import PROFILE_CITATIONS, Citation

    profile, folder = built
    urls = {c["url"] for t in schema(profile)["tools"] for row in t["decision_table"] for c in row["citations"]}
    cited = [c for t in TOOLS.values() for r in t.rules for s in r.steps for c in s.action.citations]
    urls |= {load_profile(profile).citation(c).url for c in cited}
    # Every choice a profile may make must point somewhere real too, not only this profile's.
    urls |= {c.url for choice in PROFILE_CITATIONS for c in choice.choices}
    assert all(isinstance(c, Citation) for choice in PROFILE_CITATIONS for c in choice.choices)
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
    """Each page's policy allows its own inline scripts and nothing broader. The hashes are worked
    out here from CSP's definition (base64 of the SHA-256 of the script's UTF-8 text), not with
    the build's function that wrote them; tests/browser/test_pages.py asks Chromium itself."""
    _, folder = built
    for path in html_pages(folder):
        source = path.read_text(encoding="utf-8")
        match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', source)
        assert match, f"{path} has no CSP"
        policy = match.group(1)
        assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy
        assert "'unsafe-eval'" not in policy.replace("'wasm-unsafe-eval'", "")
        allowed = set(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", policy))
        needed = {f"'{sha256_base64(body.encode('utf-8'))}'" for body in read_page(path).inline_scripts}
        assert needed <= allowed, f"{path}: inline scripts not allowed: {needed - allowed}"
        assert allowed <= needed, f"{path}: the policy allows scripts the page does not have: {allowed - needed}"


def test_search_index_finds_practitioners_words(built: tuple[str, Path]) -> None:
    profile, folder = built
    text = " ".join(d["title"] + " " + d["text"] for d in search_documents(folder))
    words = ["TAF", "consent", "keyworker", "Team Around the Family"]
    # An area's own terms are on every site that shows its guidance (its glossary entries).
    words += [w for shown in guidance_shown(profile) for w in FACTS[shown]["search_words"]]
    words += [w for w in (load_profile(profile).assessment, load_profile(profile).assessment_short) if w]
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


# --- Rules 2.0: the guidance says the same as the rules -------------------------------------

GUIDANCE_IDS = {
    "safeguarding": {
        "immediate-danger", "significant-harm", "section-47", "social-worker-leads", "child-in-need",
        "lead-under-section-17", "levels-of-need", "two-meanings-of-consent", "sharing-without-consent",
        "telling-the-family", "withdrawing-consent", "who-can-consent", "wishes-and-feelings",
        "record-your-decision", "publications",
    },
    "local-practice": {
        "about-local-practice", "waiting-for-the-front-door", "handover", "step-down-handover",
        "long-absence", "closing-the-plan", "young-person-consents", "partial-consent", "re-engaging",
        "capacity-to-lead", "introducing-the-new-lead", "young-person-cannot-decide",
        "young-person-decides",
    },
    "consent": {"seeking-consent", "assessment-and-plan", "ehc-needs-assessment", "convening-a-taf",
                "when-consent-is-refused-or-withdrawn"},
    "what-changed": {"rules-2-0", "old-links"} | {f"change-{n}" for n in range(1, 16)},
    "index": {"what-do-i-do-now", "the-guidance"},
    "why-a-lead-practitioner": {"fragmented-support", "holistic-support", "whole-family"},
    "key-principles": {"principles", "single-point-of-contact", "assessment-of-need", "review-the-plan",
                       "not-accountable-for-others"},
    "who-can-be-the-lead": {"any-practitioner", "relationship-and-agreement", "noticing-needs", "keyworkers"},
    "identifying-the-lead": {"at-the-initial-taf", "case-by-case"},
    "supporting-the-lead": {"what-other-practitioners-do", "cover-during-absence", "recognition",
                            "sharing-the-work", "not-accountable"},
    "changing-the-lead": {"when-the-lead-changes", "keep-changes-to-a-minimum", "examples",
                          "after-a-referral-is-accepted"},
    "training": {"courses", "booking"},
    "further-support": {"contact", "worried-about-a-child"},
    "glossary": {"lead-practitioner", "keyworker", "taf", "early-help", "ehc", "front-door", "referral-accepted", "child-in-need",
                 "child-protection", "threshold", "step-up", "step-down", "ordinarily-available-provision",
                 "consent", "gillick-competence", "capacity-16-17", "wishes-and-feelings",
                 "significant-harm", "dsl", "senco", "health-visitor", "school-nurse"},
}


def _page(folder: Path, name: str) -> Page:
    path = folder / "index.html" if name == "index" else folder / name / "index.html"
    return pages(folder)[path]


@pytest.mark.parametrize("name", sorted(GUIDANCE_IDS))
def test_stable_section_ids_are_kept(built: tuple[str, Path], name: str) -> None:
    """Section ids are permanent links (checklist citations, training materials)."""
    profile, folder = built
    expected = set(GUIDANCE_IDS[name])
    if name == "glossary":  # each area's own entries, from its oracle table
        expected |= set(FACTS[profile]["glossary_own_site"])
        expected |= {i for shown in guidance_shown(profile) for i in FACTS[shown]["glossary_shown"]}
    assert not expected - _page(folder, name).ids, sorted(expected - _page(folder, name).ids)


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_each_glossary_is_its_own(profile_id: str) -> None:
    """A glossary has no entry or term another area defines for its own site alone, nor the
    entries of an area whose guidance the site does not show."""
    page = _page(SITES[profile_id], "glossary")
    for other, facts in FACTS.items():
        if other == profile_id:
            continue
        assert not set(facts["glossary_own_site"]) & page.ids, other
        for term in facts["glossary_own_site_terms"]:
            assert term not in page.text, term
        if other not in guidance_shown(profile_id):
            assert not set(facts["glossary_shown"]) & page.ids, other


def test_some_area_has_glossary_entries_for_its_own_site() -> None:
    from tests.rules.oracle import authorities_where

    authorities_where(lambda facts: bool(facts["glossary_own_site"]))
    authorities_where(lambda facts: bool(facts["glossary_shown"]))


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_no_site_names_what_a_guidance_does_not(profile_id: str) -> None:
    """A guidance that does not name its council (its oracle table's ``never_named``,
    ``never_on_pages``): no site names it, and no guidance page names its county."""
    folder = SITES[profile_id]
    text = all_text(folder)
    never = [w for facts in FACTS.values() for w in facts["never_named"]]
    on_pages = [w for facts in FACTS.values() for w in facts["never_on_pages"]]
    assert never and on_pages, "nothing to look for"
    for word in never:
        assert word.lower() not in text, word
    guidance = [p for p in pages(folder) if "tools" not in p.relative_to(folder).parts]
    for path in guidance:
        for word in on_pages:
            assert word.lower() not in pages(folder)[path].text.lower(), (path, word)


LOWER_CASE_AREAS = [load_profile(p).area for p in PROFILE_IDS if load_profile(p).area[:1].islower()]
"""Areas whose name starts lower-case ("the ... area"): the pages capitalise it after a full stop."""


def test_profile_terms_read_well(built: tuple[str, Path]) -> None:
    """A profile's term at the start of a sentence is capitalised; no doubled article."""
    _, folder = built
    for path, page in pages(folder).items():
        assert not re.search(r"\b(the|The) the\b", page.text), path
        for area in LOWER_CASE_AREAS:  # an area named "the ... area" starts no sentence lower-case
            assert not re.search(rf"[.!?] {re.escape(area)}", page.text), path


def _article_text(path: Path) -> str:
    """The page's own content (not the navigation), one block per line."""
    source = path.read_text(encoding="utf-8")
    article = source[source.find("<article"):source.find("</article>")]
    article = re.sub(r'<a class="headerlink".*?</a>', "", article, flags=re.S)
    article = re.sub(r"</?(p|li|h[1-6]|dt|dd|tr|td|th|ul|ol|dl)\b[^>]*>", "\n", article)
    return html_unescape(re.sub(r"<[^>]+>", "", article))


def _sentences(path: Path) -> list[str]:
    """The content's sentences; a heading or list item ends one."""
    found = []
    for block in _article_text(path).split("\n"):
        block = re.sub(r"\s+", " ", block).strip()
        found += [s for s in re.split(r"(?<=[.!?])\s+", block) if s]
    return found


def test_sharing_without_consent_is_never_tied_to_significant_harm(built: tuple[str, Path]) -> None:
    """IS24 golden rule 3: the threshold is a risk, or a perceived risk, of harm.

    The checklist pages are left to the rules' own tests (their text comes from src/lp_rules).
    The safety page is left out too: describing the mistaken belief is what its hazard H01 is for.
    """
    _, folder = built
    forbidden = re.compile(
        r"(share|sharing|consent)[^.]{0,120}(protect|prevent|keep)[^.]{0,40}from significant harm"
        r"|only (share|sharing)[^.]{0,80}significant harm"
        r"|significant harm[^.]{0,80}(needed|required|necessary) (to|before you) share"
        r"|do not share or do what they refused"
        r"|not share or do what they refused",
        re.I,
    )
    offending = []
    for path in pages(folder):
        if {"tools", "safety"} & set(path.relative_to(folder).parts):
            continue
        for sentence in _sentences(path):
            lowered = sentence.lower()
            if forbidden.search(sentence):
                offending.append(f"{path.relative_to(folder)}: {sentence}")
            elif "significant harm" in lowered and re.search(r"without consent|\bshar(e|ing)\b", lowered):
                if "perceived risk of harm" not in lowered and "not only significant harm" not in lowered:
                    offending.append(f"{path.relative_to(folder)}: {sentence}")
    assert not offending, "\n".join(offending)


_LABEL = re.compile(r"<p><em>(Sources?:.*?)</em></p>", re.S)
_BLOCK_START = re.compile(r"<h[1-6][^>]*>.*?</h[1-6]>", re.S)


def _labelled_passages(path: Path) -> list[tuple[str, str]]:
    """(label, text) for each `*Source: ...*` line and the text between it and the previous
    heading or label."""
    source = path.read_text(encoding="utf-8")
    article = source[source.find("<article"):source.find("</article>")]
    passages = []
    start = 0
    for match in _LABEL.finditer(article):
        before = article[start:match.start()]
        headings = list(_BLOCK_START.finditer(before))
        if headings:
            before = before[headings[-1].end():]
        strip = lambda s: re.sub(r"\s+", " ", html_unescape(re.sub(r"<[^>]+>", " ", s))).strip()
        passages.append((strip(match.group(1)), strip(before)))
        start = match.end()
    return passages


def html_unescape(text: str) -> str:
    import html
    return html.unescape(text)


LABELS = {pid: f"{facts['citation_label']} ({facts['own_source']})" for pid, facts in FACTS.items()}
"""How a page's source line names each authority's guidance ("<citation_label> (<tag>)")."""


def test_source_labels_cover_only_that_sources_words(built: tuple[str, Path]) -> None:
    """Under a label that names one source document, no other source's words and terms (each
    area's ``source_terms``); under a label that names none, no area's services or plan
    (``service_terms``)."""
    _, folder = built
    assert any(f["source_terms"] for f in FACTS.values()) and any(f["service_terms"] for f in FACTS.values())
    wrong = []
    for path in pages(folder):
        if "tools" in path.relative_to(folder).parts:
            continue
        for label, text in _labelled_passages(path):
            named = [pid for pid, own in LABELS.items() if own in label]
            if len(named) == 1:
                others = [t for pid, f in FACTS.items() if pid != named[0] for t in f["source_terms"]]
                others += ["graduated process"]
            elif not named:
                others = [t for f in FACTS.values() for t in f["service_terms"]]
            else:
                continue
            wrong += [f"{path.relative_to(folder)} [{label}]: {t}" for t in others if t in text]
    assert not wrong, "\n".join(wrong)


def test_no_page_says_graduated_process(built: tuple[str, Path]) -> None:
    _, folder = built
    assert "graduated process" not in all_text(folder)


def test_every_page_sends_no_address_anywhere(built: tuple[str, Path]) -> None:
    """Answers live in a checklist's address (its fragment; an older link's, in the query until
    the page moves them): no request, to another site or to this one, carries the address as
    its Referer (issue 24: with same-origin, a favicon request carried ?v=2&harm=no)."""
    _, folder = built
    for path in pages(folder):
        html_text = path.read_text(encoding="utf-8")
        assert '<meta name="referrer" content="no-referrer">' in html_text, path
        assert 'content="same-origin"' not in html_text, path


def test_the_home_page_announces_a_recent_release_only() -> None:
    import sys
    from datetime import date, timedelta

    sys.path.insert(0, str(ROOT / "tools"))
    from lp_rules.links import RELEASES
    from sitegen.context import RECENT, release_is_recent

    released = date.fromisoformat(RELEASES[-1].released)
    assert release_is_recent(released)
    assert release_is_recent(released + RECENT)
    assert not release_is_recent(released + RECENT + timedelta(days=1))


def test_the_home_page_links_to_what_changed_while_the_release_is_recent(
        built: tuple[str, Path]) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    from sitegen.context import release_is_recent

    _, folder = built
    page = read_page(folder / "index.html")
    linked = any(v.endswith("what-changed/#rules-2-1") for _, _, v in page.links)
    assert linked == release_is_recent()



def test_the_sites_rules_know_its_own_authority(built: tuple[str, Path]) -> None:
    """The wheel a site ships is what Python runs in its checklists: its own authority must load
    from that wheel alone, as in a reader's browser (no extra authority folders, not the source
    tree). A fictional authority's site once shipped the package's wheel without its folder, so
    every full outcome there was refused ("unknown profile") and only the at-once part worked."""
    profile, folder = built
    [wheel] = sorted(folder.glob("wheels/*/*.whl"))
    environment = {k: v for k, v in os.environ.items()
                   if k not in (EXTRA, "PYTHONPATH")}
    done = subprocess.run(
        [sys.executable, "-I", "-c",
         "import sys; sys.path.insert(0, sys.argv[1]); import lp_rules; "
         "assert lp_rules.__file__.startswith(sys.argv[1]), lp_rules.__file__; "
         "print(lp_rules.load_profile(sys.argv[2]).id)", str(wheel), profile],
        capture_output=True, text=True, env=environment)
    assert done.returncode == 0 and done.stdout.strip() == profile, done.stderr[-600:]
