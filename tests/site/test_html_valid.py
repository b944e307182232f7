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
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss16m")
"""One short run over every page: Java's quick compiler only and its simplest collector. The
checker's report is the same byte for byte; its CPU time is about a third (the default
optimising compiler and parallel collector work on threads of their own that a run this short
never repays): 90 pages 5.4 s against 16.3 s CPU, measured 2026-12-07 under load 14-18. The
quick compiler's frames are larger: with the default stack the checker overflowed on a page of
unclosed elements (it needed 2 MB), hence a larger one."""


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
    done = subprocess.run([java, *JVM_OPTIONS, "-jar", str(VNU), "--format", "json", "--errors-only",
                           *map(str, pages)], capture_output=True, text=True)
    try:  # no report is a failure, never "no errors" (a stack overflow writes none)
        report = json.loads(done.stderr)
        messages = report["messages"]
    except (ValueError, KeyError) as err:
        pytest.fail(f"the checker gave no report ({err!r}; exit {done.returncode}):\n"
                    f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


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
