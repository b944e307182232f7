"""The built sites the site tests read, one per authority: only names and folders, with no side
effects, so that tests/rules/test_authorities.py can check the list in the quick loop (`make
check`, a fresh clone with only `make setup`) without building anything. Importing the site
tests' conftest.py builds the fictional authority's site, which needs the built wheel first."""

from __future__ import annotations

from pathlib import Path

from lp_rules.profiles import PROFILE_IDS, site_folder

ROOT = Path(__file__).resolve().parents[2]
SITES = {profile_id: ROOT / site_folder(profile_id) for profile_id in PROFILE_IDS}
"""Every authority's built site (one per folder in src/lp_rules/authorities/, and the tests'
fictional authority: tests/conftest.py)."""
