"""Fixtures for the performance and offline tests (the browser ones are in tests/conftest.py):
a served copy of the site that a test may change, to play a new version being published."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import Iterator

import pytest

from tests.browser.conftest import ROOT, Site


@pytest.fixture
def site_copy(tmp_path: Path) -> Iterator[tuple[Site, Path]]:
    """A private copy of the built Merton site, served on its own port."""
    folder = tmp_path / "site"
    shutil.copytree(ROOT / "site", folder)
    served = Site(folder)
    yield served, folder
    served.server.shutdown()
