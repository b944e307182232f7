"""Where the authorities' folders are (decisions/0009): the list of authorities is this list.

Each authority is one folder named by its id, holding its ``profile.toml``: the package's own
``authorities/`` folder, then any folder named in the environment variable
``LP_RULES_EXTRA_AUTHORITIES`` (paths separated as in PATH). The tests use that for their
fictional authority, which is created by ``make new-authority``'s tool into a temporary folder
and never published: no site build or wheel for readers sets the variable.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

EXTRA = "LP_RULES_EXTRA_AUTHORITIES"


def package_folder() -> Any:
    """The package's own ``authorities/`` folder (a Traversable: it is in the wheel)."""
    return resources.files(__package__).joinpath("authorities")


def authority_folders() -> dict[str, Any]:
    """Every authority's folder by id: the package's, then the extra ones, each alphabetically.
    An id found twice is refused: each authority is exactly one folder."""
    roots: list[Any] = [package_folder()]
    roots += [Path(p) for p in os.environ.get(EXTRA, "").split(os.pathsep) if p]
    found: dict[str, Any] = {}
    for root in roots:
        for entry in sorted(root.iterdir(), key=lambda e: e.name):
            if entry.is_dir() and entry.joinpath("profile.toml").is_file():
                if entry.name in found:
                    raise ValueError(f"authority {entry.name!r} has two folders: {root} and another")
                found[entry.name] = entry
    return found
