"""The trimmed, precompiled standard library (tools/sitegen/stdlib.py) is enough, and is shipped.

Three proofs: the module list still covers what the checklist's Python path loads (re-measured
with the stock zip); that path runs with exactly the shipped zip under Node; and a checklist
gives its outcome in Chromium with the shipped zip. The rules' whole suite also runs on it
inside Pyodide (`make test`: the test-only zip of ``write_test_stdlib``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from lp_rules import TOOL_IDS, get_tool
from tests.browser.conftest import ROOT, Site, wait_for_outcome
from tests.perf.conftest import DEFAULT_SITE

sys.path.insert(0, str(ROOT / "tools"))
from sitegen.stdlib import PROBE, SHIPPED, STOCK, module_of, trimmed_stdlib  # noqa: E402

# The site's runtime folder is named by its content's hash (tools/sitegen/runtime.py).
SHIPPED_ZIP = next(iter(sorted((DEFAULT_SITE / "pyodide").glob("*/python_stdlib.zip"))),
                   DEFAULT_SITE / "pyodide" / "(not built)" / "python_stdlib.zip")


EVERY_OUTCOME = {rule.code for tool_id in TOOL_IDS for rule in get_tool(tool_id).rules}
"""Every outcome a checklist can give: the probe's modules are all the Python path loads only if
its requests reached each of them."""


def probe(stdlib: Path | None) -> dict[str, Any]:
    """Run the checklist's Python path in Pyodide under Node; its report."""
    command = ["node", str(PROBE)] + (["--stdlib", str(stdlib)] if stdlib else [])
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    report: dict[str, Any] = json.loads(done.stdout)
    missed = EVERY_OUTCOME - set(report["outcomes"])
    assert not missed, f"the probe's sample reached no answers giving {sorted(missed)}: sample more"
    return report


@pytest.fixture(scope="module")
def shipped() -> Path:
    if not SHIPPED_ZIP.exists():
        pytest.fail("site/ is not built: run `make build-all` first")
    return SHIPPED_ZIP


def test_the_site_ships_the_trimmed_zip(shipped: Path) -> None:
    assert shipped.read_bytes() == trimmed_stdlib().read_bytes()
    with zipfile.ZipFile(shipped) as z:
        entries = z.infolist()
    assert all(e.compress_type == zipfile.ZIP_STORED for e in entries), "entries must be STORED"
    assert all(e.filename.endswith(".pyc") for e in entries), "bytecode only, no sources"
    assert {module_of(e.filename) for e in entries} == SHIPPED
    with zipfile.ZipFile(STOCK) as z:
        assert len(entries) < len(z.infolist()) / 3


def test_the_module_list_covers_what_the_checklists_load() -> None:
    measured = set(probe(None)["modules"])
    missing = measured - SHIPPED
    assert not missing, f"add to MEASURED in tools/sitegen/stdlib.py: {sorted(missing)}"


def test_the_checklist_path_runs_on_exactly_the_shipped_zip(shipped: Path) -> None:
    report = probe(shipped)
    assert report["errors"] == []
    assert report["evaluations"] > 1000
    assert set(report["modules"]) <= SHIPPED


@pytest.mark.browser
def test_a_checklist_runs_on_the_shipped_zip_in_chromium(browser: Browser, site: Site, shipped: Path) -> None:
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    sizes: dict[str, int] = {}
    context.on("response", lambda r: sizes.update({r.url: int(r.headers.get("content-length", -1))})
            if r.url.endswith("python_stdlib.zip") else None)
    page.goto(site.url("tools/consent-withdrawn/?harm=no&safety=no&who=whole_family&competence=not_applicable"
                       "&scope=all_early_help&escalation_risk=no&how=told_us&reason=other"))
    assert wait_for_outcome(page) != ""
    served = {shipped.stat().st_size} | {
        shipped.with_name(shipped.name + suffix).stat().st_size
        for suffix in (".br", ".gz") if shipped.with_name(shipped.name + suffix).exists()
    }
    assert sizes and set(sizes.values()) <= served, sizes
    context.close()
