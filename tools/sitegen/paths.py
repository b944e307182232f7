"""Where things live in the repository and in each profile's build."""

from __future__ import annotations

from pathlib import Path

from lp_rules.profiles import FOLDERS, site_folder

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
CONFIG = ROOT / "mkdocs.yml"
AUTHORITIES = ROOT / "src" / "lp_rules" / "authorities"
"""One folder per authority (decisions/0009): its profile, page fragments and oracle table."""


def build_dir(profile_id: str) -> Path:
    """The folder a profile's rendered docs and generated config go into."""
    return BUILD / profile_id


def fragments_dir(profile_id: str) -> Path:
    """An authority's page fragments: what it says on a topic where authorities differ."""
    return Path(str(FOLDERS[profile_id])) / "fragments"


def site_dir(profile_id: str) -> Path:
    """The default profile builds into site/; others into site-<id>/ (``site_folder``)."""
    return ROOT / site_folder(profile_id)
