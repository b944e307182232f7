"""Every built page is valid HTML by the W3C Nu HTML checker (vnu-jar from npm, run with Java).

One run of the checker over every page of both profiles, built by MkDocs and by Zensical
(conftest.py's ``zensical_build``): starting Java once costs a few seconds, checking 112 pages
a few more. Errors written by the theme that this project cannot fix are allowed by exact
message in html_valid_allowlist.toml, each with its reason; anything else fails, listed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from .conftest import ROOT, SITES, ZensicalBuild, html_pages

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWLIST = Path(__file__).with_name("html_valid_allowlist.toml")


def allowed(message: dict[str, object], allowlist: list[dict[str, str]]) -> bool:
    return any(message.get("message") == a["message"] and a["markup"] in str(message.get("extract", ""))
               for a in allowlist)


def nu_errors(pages: list[Path]) -> list[dict[str, object]]:
    """The checker's errors (not its warnings) for ``pages``, from one run."""
    java = os.environ.get("JAVA") or shutil.which("java")
    if not java:
        pytest.fail("Java is missing: `make java` installs Debian's default-jre-headless (make test does)")
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run `make setup` (npm ci installs vnu-jar)")
    done = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, pages)],
                          capture_output=True, text=True)
    report = json.loads(done.stderr or "{}")
    return [m for m in report.get("messages", []) if m.get("type") in ("error", "non-document-error")]


def test_every_built_page_is_valid_html(zensical_build: ZensicalBuild) -> None:
    folders = [*SITES.values(), *zensical_build.sites.values()]
    for folder in SITES.values():
        if not (folder / "index.html").exists():
            pytest.fail(f"{folder} is not built: run `make build-all` first")
    pages = [page for folder in folders for page in html_pages(folder)]
    allowlist = tomllib.loads(ALLOWLIST.read_text(encoding="utf-8"))["allow"]
    errors = [m for m in nu_errors(pages) if not allowed(m, allowlist)]
    listed = [f"{str(m.get('url', '')).removeprefix('file:')}:{m.get('lastLine', '?')}: {m.get('message')}"
              f"\n    {str(m.get('extract', '')).strip()[:160]}" for m in errors]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(listed)


def test_the_allowlist_lets_through_only_what_it_names() -> None:
    """The filter matches message and markup both: a theme error passes, the same message on our
    own markup does not."""
    allowlist = tomllib.loads(ALLOWLIST.read_text(encoding="utf-8"))["allow"]
    theme = {"message": allowlist[0]["message"], "extract": f'<label {allowlist[0]["markup"]} tabindex="">'}
    ours = {"message": allowlist[0]["message"], "extract": '<label class="lp-radio" tabindex="">'}
    assert allowed(theme, allowlist) and not allowed(ours, allowlist)
    assert all(a["reason"].strip() for a in allowlist)
