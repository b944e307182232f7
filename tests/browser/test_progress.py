"""The download's progress tells the truth: the bytes the host actually sends.

The site is served as a static host serves it, with each file's brotli copy (Content-Encoding: br,
Content-Length the compressed size). The progress must count those bytes (about 3.9 MB), not the
decompressed files' (about 14 MB), which is what a reader waiting on a slow phone watches.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from .conftest import RECORD_PROGRESS, Site, wait_ready

# What the worker downloads and counts (PRELOAD in docs/assets/js/rules-worker.js).
COUNTED = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
pytestmark = pytest.mark.cold_start  # what is downloaded: nothing may be cached

SHOWN = re.compile(r"Downloading Python and the checklist's rules: (\d+\.\d) of (\d+\.\d) MB")


def brotli_bytes(site: Site) -> int:
    """The bytes the host sends for the counted files: each one's .br copy where it has one."""
    total = 0
    for name in COUNTED:
        (path,) = site.folder.glob(f"pyodide/*/{name}")
        packed = path.with_name(path.name + ".br")
        total += (packed if packed.exists() else path).stat().st_size
    return total


def test_the_progress_counts_the_bytes_the_host_sends(page: Page, site: Site) -> None:
    page.add_init_script(RECORD_PROGRESS)
    page.goto(site.url("tools/change-lead/"))
    wait_ready(page)
    texts = page.evaluate("window.__progress")
    figures = [t for t in texts if t.startswith("Downloading Python and the checklist's rules: ")]
    # This host says every file's compressed size, so every figure is in bytes, none a share.
    assert figures and all(SHOWN.fullmatch(t) for t in figures), texts
    shown = [m.groups() for m in map(SHOWN.fullmatch, figures) if m]
    sent_mb = brotli_bytes(site) / 1e6
    totals = {float(total) for _, total in shown}
    # One total throughout, the compressed one, to the 0.1 MB the line shows.
    assert len(totals) == 1 and abs(totals.pop() - sent_mb) <= 0.1, (shown, sent_mb)
    done = [float(loaded) for loaded, _ in shown]
    assert done == sorted(done), shown  # it only goes forward
    assert abs(done[-1] - sent_mb) <= 0.1, (shown, sent_mb)  # and ends with everything
