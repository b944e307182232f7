"""The authority commands (``make new-authority``, ``make check-authority``: tools/authority.py)
and the Makefile's list of authorities, run as a council web team runs them (issue 22). They start
processes, so they live here rather than in tests/rules, which also runs inside Pyodide."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from dataclasses import fields
from pathlib import Path

import pytest

from lp_rules import PROFILE_IDS, Profile
from lp_rules.profiles import PUBLISHED_IDS

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ROOT / "src" / "lp_rules" / "authorities"
PUBLISHED = {f.name for f in FOLDERS.iterdir() if (f / "profile.toml").is_file()}
"""The authorities whose sites are published: one folder each in the package."""


def test_the_makefile_builds_every_authority() -> None:
    listed = subprocess.run(["make", "-s", "--no-print-directory", "list-authorities"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split()
    assert sorted(listed) == sorted(PUBLISHED)


def test_the_tests_cover_a_fictional_third_authority_never_published() -> None:
    from tests.conftest import FICTIONAL

    assert FICTIONAL in PROFILE_IDS and FICTIONAL not in PUBLISHED
    assert len(PROFILE_IDS) >= 3


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


def test_check_authority_names_a_missing_oracle_table(tmp_path: Path) -> None:
    """A folder without its oracle.toml (the tests stop on it: tests/rules/oracle.py) is listed
    as wrong, with what to do."""
    assert _tool("new", "tablelessshire", "Tablelessshire", "--into", str(tmp_path)).returncode == 0
    (tmp_path / "tablelessshire" / "oracle.toml").unlink()
    checked = _tool("check", "tablelessshire", extra=tmp_path)
    assert checked.returncode == 1
    assert "WRONG: there is no oracle.toml" in checked.stdout
    assert "copy oracle.toml from another authority's folder" in checked.stdout
