"""An authority is a folder (issue 22, decisions/0009): what one authority says lives in its
folder, so the shared pages and the code name no authority, and a site shows only the guidance
its profile lists (``guidance_shown``).

The names looked for are read from the folders (ids, names, source labels, contacts), never
listed here, so a new authority is covered the day its folder exists.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lp_rules.profiles import FOLDERS, PROFILE_IDS, guidance_shown, load_profile

from .conftest import ROOT, SITES, html_pages, read_page

NAME_FIELDS = ("authority", "area", "partnership", "citation_label", "source_title")
"""The profile fields that name an authority or its guidance (besides its id)."""

CONTACT_FIELDS = ("support_contact", "support_email", "front_door_contact", "front_door_phone",
                  "out_of_hours_phone", "lado_contact", "idva_service", "training_booking_url")
"""The profile fields that are an authority's own contacts: no other area's site may show one."""

TERM_FIELDS = ("front_door", "support_contact", "assessment", "assessment_short", "plan",
               "allocated_lead")
"""The profile fields that are an authority's own local terms (its front door, its assessment's
name): a term counts as one authority's only where no other authority uses the same words (the
new-authority defaults, "family plan", are everyone's)."""


def _plain(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip(), flags=re.I)


def names_of(profile_id: str) -> set[str]:
    """How pages and code could name this authority: its id (also with spaces for hyphens) and
    the profile's names for it and its guidance."""
    profile = load_profile(profile_id)
    found = {profile_id, profile_id.replace("-", " ")}
    found |= {_plain(getattr(profile, f)) for f in NAME_FIELDS}
    return {n for n in found if len(n) >= 4}


def contacts_of(profile_id: str) -> set[str]:
    profile = load_profile(profile_id)
    return {getattr(profile, f).strip() for f in CONTACT_FIELDS if getattr(profile, f).strip()}


def _pattern(names: set[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)


def terms_of(profile_id: str) -> set[str]:
    """This authority's own local terms and contacts: those no other authority shares."""
    def values(p: str) -> set[str]:
        profile = load_profile(p)
        return {_plain(getattr(profile, f)).lower() for f in TERM_FIELDS} | {c.lower() for c in contacts_of(p)}
    others = {v for p in PROFILE_IDS if p != profile_id for v in values(p)}
    return {v for v in values(profile_id) if len(v) >= 3 and v not in others}


ALL_NAMES = _pattern({n for p in PROFILE_IDS for n in names_of(p) | terms_of(p)})


def _searched_files() -> list[str]:
    """The pages' sources (docs/, Markdown) and the code (tools/, src/lp_rules/ outside the
    authorities' folders), relative to the repository."""
    found: list[Path] = [p for p in (ROOT / "docs").rglob("*.md")]
    found += [p for p in (ROOT / "tools").rglob("*") if p.suffix in (".py", ".js", ".mjs", ".toml")]
    package = ROOT / "src" / "lp_rules"
    found += [p for p in package.rglob("*") if p.suffix in (".py", ".toml", ".js", ".json")
              and "authorities" not in p.relative_to(package).parts]
    return sorted(p.relative_to(ROOT).as_posix() for p in found
                  if "__pycache__" not in p.parts and p.is_file())


def test_the_names_come_from_every_folder() -> None:
    # The oracle of the searches below: every authority with a folder gives names to look for.
    assert len(PROFILE_IDS) >= 2
    for profile_id in PROFILE_IDS:
        assert profile_id in names_of(profile_id)
        assert ALL_NAMES.search(f"see {load_profile(profile_id).citation_label} (x)"), profile_id
    # A local term, such as the default authority's support contact, is looked for too.
    default = load_profile(PROFILE_IDS[0])
    assert default.support_contact and ALL_NAMES.search(f"ask the {default.support_contact}.")


def test_no_page_source_or_code_names_an_authority() -> None:
    named = {}
    for rel in _searched_files():
        text = " ".join((ROOT / rel).read_text(encoding="utf-8").split())  # a name may wrap
        hits = sorted({m.group(0) for m in ALL_NAMES.finditer(text)})
        if hits:
            named[rel] = hits
    assert not named, "\n".join(f"{rel}: {', '.join(h)}" for rel, h in named.items())


def test_every_guidance_slot_is_filled_by_some_folder() -> None:
    """A page with a guidance slot finds a fragment for it in some authority's folder: a slot
    no folder fills is a typo that would say every area is silent."""
    slot = re.compile(r"""\bguidance\(\s*["']([^"']+)["']""")
    missing = []
    for page in (ROOT / "docs").rglob("*.md"):
        for name in slot.findall(page.read_text(encoding="utf-8")):
            if not any(Path(str(f)).joinpath("fragments", f"{name}.md").is_file() for f in FOLDERS.values()):
                missing.append(f"{page.relative_to(ROOT)}: {name}")
    assert not missing, "\n".join(missing)


RULES_PAGES = ("tools", "trainer", "scenarios", "decision-maps")
"""Pages generated from the checklists' rules. An outcome that rests on another area's guidance
cites that guidance by its title after saying this area's guidance is silent (RULES.md
principle 8), so its source title may appear there, and nothing else of that area."""


def _pages_of(profile_id: str) -> dict[str, str]:
    folder = SITES[profile_id]
    if not (folder / "index.html").exists():
        pytest.fail(f"{folder} is not built: run `make build-all` first")
    return {p.relative_to(folder).as_posix(): read_page(p).text for p in html_pages(folder)}


NOT_SHOWING_ALL = [p for p in PROFILE_IDS if set(PROFILE_IDS) - set(guidance_shown(p))]
"""The sites that leave some authority's guidance out (the fictional one; the seeds show both)."""


def test_some_site_leaves_another_authoritys_guidance_out() -> None:
    """The test below means something: at least one site (the fictional one) has others to hide."""
    assert NOT_SHOWING_ALL


@pytest.mark.parametrize("profile_id", NOT_SHOWING_ALL)
def test_a_site_names_only_the_authorities_whose_guidance_it_shows(profile_id: str) -> None:
    """Another authority's name, source label or contact is on no page of a site that does not
    show its guidance, except "Compare the authorities" (which sets the published authorities'
    settings side by side, contacts withheld: test_compare.py) and, on the pages the rules
    generate, the title of the source an outcome rests on."""
    others = [p for p in PROFILE_IDS if p not in guidance_shown(profile_id)]
    names = _pattern({n for p in others for n in names_of(p)})
    titles = [load_profile(p).source_title for p in others]
    contacts = {c for p in others for c in contacts_of(p)}
    wrong = []
    for rel, text in _pages_of(profile_id).items():
        if rel.startswith("compare-authorities/"):
            continue
        if rel.split("/")[0] in RULES_PAGES:
            for title in titles:
                text = text.replace(title, "")
        hits = sorted({m.group(0) for m in names.finditer(text)})
        wrong += [f"{rel}: {m}" for m in hits]
    for rel, text in _pages_of(profile_id).items():
        wrong += [f"{rel}: contact {c!r}" for c in contacts if c.lower() in text.lower()]
    search = (SITES[profile_id] / "search" / "search_index.json").read_text(encoding="utf-8").lower()
    wrong += [f"search index: contact {c!r}" for c in contacts if c.lower() in search]
    assert not wrong, "\n".join(wrong)


def test_the_fictional_site_shows_its_own_silence_not_another_area() -> None:
    """A new authority's site, with an empty fragments/ folder, says on each guidance page that
    its guidance does not cover the topic (from its guidance_name), and shows no seed's text."""
    from tests.conftest import FICTIONAL

    if FICTIONAL not in SITES:
        pytest.fail("the fictional authority was not made (tests/conftest.py)")
    profile = load_profile(FICTIONAL)
    assert guidance_shown(FICTIONAL) == (FICTIONAL,)
    pages = _pages_of(FICTIONAL)
    silent = f"{profile.guidance_name} does not cover this."
    for page in ("consent/index.html", "key-principles/index.html", "who-can-be-the-lead/index.html",
                 "why-a-lead-practitioner/index.html", "supporting-the-lead/index.html"):
        assert silent in pages[page], page
    seeds = [p for p in PROFILE_IDS if p != FICTIONAL]
    for page in ("consent/index.html", "key-principles/index.html", "who-can-be-the-lead/index.html"):
        for seed in seeds:
            assert load_profile(seed).citation_label not in pages[page], (page, seed)
