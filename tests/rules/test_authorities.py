"""Every authority is one folder, and nothing skips one (issue 22, decisions/0009).

The list of authorities is the list of folders in src/lp_rules/authorities/ with a profile.toml.
These tests fail if the package, the Makefile, the oracle or the site tests see a different list,
or if an authority's profile disagrees with the oracle's table written from its guidance.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from dataclasses import fields
from pathlib import Path

import pytest

from lp_rules import PROFILE_IDS, Profile, load_profile
from lp_rules.profiles import DEFAULT_PROFILE, PUBLISHED_IDS, site_folder

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


def test_the_makefile_builds_every_authority() -> None:
    listed = subprocess.run(["make", "-s", "--no-print-directory", "list-authorities"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split()
    assert sorted(listed) == sorted(PUBLISHED)


def test_the_tests_cover_a_fictional_third_authority_never_published() -> None:
    from tests.conftest import FICTIONAL

    assert FICTIONAL in PROFILE_IDS and FICTIONAL not in PUBLISHED
    assert len(PROFILE_IDS) >= 3


def test_the_site_tests_read_every_authority_site() -> None:
    from tests.site.conftest import SITES

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


def test_the_wheel_ships_each_profile_but_not_the_oracle_tables() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = config["tool"]["setuptools"]["package-data"]["lp_rules"]
    assert "authorities/*/profile.toml" in shipped
    assert not any("oracle" in pattern for pattern in shipped)


TOOL = ROOT / "tools" / "authority.py"


def _tool(*args: str, extra: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if extra is not None:
        env["LP_RULES_EXTRA_AUTHORITIES"] = str(extra)
    return subprocess.run([sys.executable, str(TOOL), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)


def test_new_authority_writes_one_folder_with_every_field_and_safe_defaults(tmp_path: Path) -> None:
    made = _tool("new", "exampleshire", "Exampleshire", "--into", str(tmp_path))
    assert made.returncode == 0, made.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["exampleshire"]
    folder = tmp_path / "exampleshire"
    data = tomllib.loads((folder / "profile.toml").read_text(encoding="utf-8"))
    assert set(data) == {f.name for f in fields(Profile)}
    assert data["local_practice"] is False
    for contact in ("front_door_contact", "support_contact", "support_email", "lado_contact",
                    "training_booking_url", "guide_owner", "approved_by"):
        assert data[contact] == "", contact
    assert (folder / "oracle.toml").is_file() and (folder / "statements.toml").is_file()
    checked = _tool("check", "exampleshire", extra=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "NOT GIVEN: guide_owner is empty" in checked.stdout
    assert "TO FILL IN" in checked.stdout
    again = _tool("new", "exampleshire", "Exampleshire", "--into", str(tmp_path))
    assert again.returncode != 0 and "already exists" in again.stderr


def test_check_authority_says_what_is_wrong_in_plain_words(tmp_path: Path) -> None:
    assert _tool("new", "wrongshire", "Wrongshire", "--into", str(tmp_path)).returncode == 0
    path = tmp_path / "wrongshire" / "profile.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('support_email = ""', 'support_email = "not an address"')
    text = text.replace('roles = ["gp"', 'roles = ["wizard", "gp"')
    text = text.replace('approved_on = ""', 'approved_on = "next spring"')
    path.write_text(text, encoding="utf-8")
    checked = _tool("check", "wrongshire", extra=tmp_path)
    assert checked.returncode == 1
    assert "WRONG: support_email = 'not an address' is not an email address" in checked.stdout
    assert "WRONG: roles: 'wizard' is not a role the checklists know" in checked.stdout
    assert "WRONG: approved_on = 'next spring' is not a date written YYYY-MM-DD" in checked.stdout


@pytest.mark.parametrize("profile_id", PUBLISHED_IDS)
def test_check_authority_finds_nothing_wrong_in_the_seeds(profile_id: str) -> None:
    checked = _tool("check", profile_id)
    assert "WRONG: the rules cannot load" not in checked.stdout
    assert "WRONG: roles" not in checked.stdout and "WRONG: id" not in checked.stdout
