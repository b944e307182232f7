"""`make serve` and `make build` rebuild a site only when what it is built from has changed, and
`make serve HOST=0.0.0.0` reaches other devices on the network (a phone on the same Wi-Fi)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import urllib.request

import pytest

from lp_rules.profiles import DEFAULT_PROFILE, PUBLISHED_IDS

from .conftest import ROOT, SITES

sys.path.insert(0, str(ROOT / "tools"))
from serve import lan_address, make_server  # noqa: E402


def _make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", *args], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, MAKEFLAGS=""))


@pytest.fixture(scope="module")
def up_to_date() -> None:
    """`make test` has just run `make build-all`; run on its own, this says what to do."""
    if _make("-q", "build-all").returncode != 0:
        pytest.fail("the built sites are older than their sources: run `make build-all` first")


def test_a_second_build_with_nothing_changed_builds_nothing(up_to_date: None) -> None:
    # `make -n` lists what would run: neither the wheel nor a site is built again.
    planned = _make("-n", "build-all", "serve").stdout
    assert "build_site.py" not in planned and "-m build --wheel" not in planned, planned
    assert "serve.py" in planned, planned


@pytest.mark.parametrize("changed", ["docs/index.md", "tools/sitegen/checklist_html.py", "overrides/main.html",
                                     f"src/lp_rules/authorities/{DEFAULT_PROFILE}/profile.toml",
                                     "mkdocs.yml", "package-lock.json"])
def test_a_change_to_any_input_rebuilds_the_sites(up_to_date: None, changed: str) -> None:
    # -W: as if the file had just been edited, without touching it.
    planned = _make("-n", "-W", changed, "build-all").stdout
    for profile_id in PUBLISHED_IDS:  # make build-all builds the published authorities
        assert f"build_site.py --profile {profile_id}" in planned, planned


def test_a_change_outside_the_inputs_rebuilds_nothing(up_to_date: None) -> None:
    planned = _make("-n", "-W", "tests/site/conftest.py", "-W", "README.md", "build-all").stdout
    assert "build_site.py" not in planned, planned


def test_builder_and_host_reach_the_commands() -> None:
    planned = _make("-n", "-W", "mkdocs.yml", "serve", "BUILDER=zensical", "HOST=0.0.0.0", "PORT=8123").stdout
    assert f"build_site.py --profile {DEFAULT_PROFILE} --builder zensical" in planned, planned
    assert "serve.py --host 0.0.0.0 --port 8123 site" in planned, planned
    assert "serve.py --host 127.0.0.1 --port 8000 site" in _make("-n", "serve").stdout


def test_serving_on_all_interfaces_reaches_the_machines_network_address() -> None:
    server = make_server(SITES[DEFAULT_PROFILE], "0.0.0.0", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        address = lan_address()
        assert not address.startswith("127."), address
        with urllib.request.urlopen(f"http://{address}:{server.server_address[1]}/", timeout=10) as response:
            assert response.status == 200
            assert b"Lead Practitioner" in response.read()
    finally:
        server.shutdown()
        server.server_close()
