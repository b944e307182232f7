"""Every authority is one folder, and nothing skips one (issue 22, decisions/0009).

The list of authorities is the list of folders in src/lp_rules/authorities/ with a profile.toml.
These tests fail if the package, the oracle or the site tests see a different list, or if an
authority's profile disagrees with the oracle's table written from its guidance. They run inside
Pyodide too, so the Makefile's list and the authority commands, which start processes, are
tested in tests/cli/test_authority_tools.py.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from lp_rules import PROFILE_IDS, load_profile
from lp_rules.profiles import DEFAULT_PROFILE, site_folder

from . import oracle

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ROOT / "src" / "lp_rules" / "authorities"
PUBLISHED = {f.name for f in FOLDERS.iterdir() if (f / "profile.toml").is_file()}
"""The authorities whose sites are published: one folder each in the package."""
EXTRA = [Path(p) for p in os.environ.get("LP_RULES_EXTRA_AUTHORITIES", "").split(os.pathsep) if p]
ON_DISK = PUBLISHED | {f.name for root in EXTRA for f in root.iterdir() if (f / "profile.toml").is_file()}
"""Every authority the tests cover: the published ones and the fictional one (tests/conftest.py)."""


def test_the_package_lists_every_authority_folder() -> None:
    assert set(PROFILE_IDS) == ON_DISK and len(PROFILE_IDS) == len(ON_DISK)
    assert PROFILE_IDS[0] == DEFAULT_PROFILE


def test_the_oracle_has_a_table_for_every_authority() -> None:
    assert set(oracle.FACTS) == ON_DISK


def test_the_exhaustive_walk_covers_every_authority_both_ways() -> None:
    """The shared walk of every answer set (tests/rules/space.py), which the exhaustive,
    principle and compiled-decision tests read: each authority, local practice on and off."""
    from . import space

    builds = [(b.profile_id, b.local_practice) for b in space.BUILDS]
    assert sorted(builds) == sorted((p, local) for p in ON_DISK for local in (True, False))


def test_the_site_tests_read_every_authority_site() -> None:
    """The sites the site tests read (their conftest.py and fixtures take tests/site/sites.py's
    list, which builds nothing, so this runs in the quick loop before any site is built)."""
    from tests.site.sites import SITES

    assert set(SITES) == ON_DISK
    assert len({site_folder(p) for p in ON_DISK}) == len(ON_DISK)


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_each_profile_agrees_with_its_oracle_table(profile_id: str) -> None:
    profile, facts = load_profile(profile_id), oracle.FACTS[profile_id]
    assert profile.id == profile_id, "a profile's id is its folder's name"
    assert profile.own_source == facts["own_source"]
    assert profile.borrowed_source == facts["borrowed_source"]
    assert profile.roles == tuple(facts["roles"])
    assert set(profile.roles) <= set(oracle.ROLES)
    assert profile.referral_lead == facts["referral_lead_source"]
    assert profile.child_voice == facts["child_voice_source"]
    assert bool(profile.review_interval) == facts["gives_review_interval"]
    assert bool(profile.support_contact) == facts["gives_support_contact"]
    assert profile.guidance_name == facts["guidance_name"]
    assert profile.source_title == facts["source_title"]
    assert profile.review_interval == facts["review_interval"]
    assert (profile.front_door, profile.support_contact) == (facts["front_door"], facts["support_contact"])
    assert profile.assessment == facts["assessment"]
    assert profile.citation_label == facts["citation_label"]


def test_the_wheel_ships_each_profile_but_not_the_oracle_tables() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = config["tool"]["setuptools"]["package-data"]["lp_rules"]
    assert "authorities/*/profile.toml" in shipped
    assert not any("oracle" in pattern for pattern in shipped)


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_another_areas_guidance_is_labelled_wherever_it_is_cited(profile_id: str) -> None:
    """RULES.md principle 8: on a site that does not show another authority's guidance, every
    citation of it (an outcome's, an action's: the child's views, "ask for advice") is labelled
    as another area's practice, so no outcome reads as this area's own guidance. The tags of
    the areas not shown come from the oracle's tables, not from the profiles."""
    from lp_rules import TOOLS
    from lp_rules.engine import presented

    profile = load_profile(profile_id)
    hidden = {oracle.FACTS[p]["own_source"] for p in PROFILE_IDS if p not in profile.guidance_shown}
    unlabelled = []
    for tool in TOOLS.values():
        for rule in tool.rules:
            shown, actions = presented(rule, tuple(s.action for s in rule.steps), profile)
            for owner, citations in [(rule.code, shown.citations)] + [(a.code, a.citations) for a in actions]:
                unlabelled += [f"{tool.id} {rule.code} {owner}: {c.source} {c.section!r}"
                               for c in citations
                               if c.source in hidden and "another area's practice" not in c.section]
    assert not unlabelled, "\n".join(unlabelled)
