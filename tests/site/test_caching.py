"""The caching policy (tools/sitegen/caching.py) holds for the built sites and tools/serve.py.

A file may be cached for a year only if its URL holds its content's hash: these tests check that
every such URL's hash is its content's, that everything a page runs or styles itself with is
content-addressed (so no cached copy can be of another release), that the folders the
performance page tells hosts to cache for a year hold nothing else, that the service worker's
lists match the files, and that serve.py sends exactly this policy, with working revalidation.
(A browser republishing one release over another: tests/perf/test_update.py.)
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

from .conftest import ROOT, html_pages, read_page

sys.path.insert(0, str(ROOT / "tools"))
from serve import make_server  # noqa: E402
from sitegen.caching import ASSET_GROUPS, CONTENT_ADDRESSED, IMMUTABLE, REVALIDATE, cache_control  # noqa: E402
from sitegen.runtime import PYODIDE_FILES  # noqa: E402

COMPRESSED = (".br", ".gz")

# What docs/performance.md#hosting tells a host to cache for a year, folder by folder (for hosts
# that cannot match a pattern, such as IIS): every file inside must be content-addressed.
LONG_LIVED_FOLDERS = ("pyodide", "wheels", "assets/js", "assets/css", "assets/stylesheets",
                      "assets/javascripts")
EXCEPT = ("assets/javascripts/lunr",)  # Material's search languages: fixed names, revalidated


def _files(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(COMPRESSED)]


def _rel(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix()


def _hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_content_addressed_names_are_their_contents_hash(built: tuple[str, Path]) -> None:
    _, folder = built
    [runtime] = (folder / "pyodide").iterdir()
    lines = "".join(f"{name}:{_hex((runtime / name).read_bytes())}\n" for name in PYODIDE_FILES)
    assert runtime.name == _hex(lines.encode())[:16], "pyodide/<hash>/ is not its files' hash"
    assert sorted(p.name for p in _files(runtime)) == sorted(PYODIDE_FILES)
    [wheel] = _files(folder / "wheels")
    assert wheel.parent.name == _hex(wheel.read_bytes())[:16]
    for group in ASSET_GROUPS:
        base = Path(group[0]).parent
        [moved] = [p for p in (folder / base).iterdir() if p.is_dir()]
        files = []
        for rel in group:  # in the build's hashing order (caching.group_files)
            inside = moved / Path(rel).relative_to(base)
            files += [p for p in _files(inside) if p.parent == inside] if rel.endswith("/") else [inside]
        digest = hashlib.sha256(b"".join(hashlib.sha256(f.read_bytes()).digest() for f in files))
        assert moved.name == digest.hexdigest()[:16], group
        assert sorted(_files(moved)) == sorted(files), "a file in the group's folder is not hashed"
    for own in ("assets/js", "assets/css"):
        for path in (folder / own).glob("*.*"):
            if path.is_file() and not path.name.endswith(COMPRESSED):
                stem, digest, _ = path.name.rsplit(".", 2)
                assert digest == _hex(path.read_bytes())[:16], _rel(path, folder)


def test_pages_load_only_content_addressed_scripts_and_styles(built: tuple[str, Path]) -> None:
    _, folder = built
    offending = []
    for path in html_pages(folder):
        page = read_page(path)
        for tag, attr, url in page.links:
            if (tag, attr) in (("script", "src"), ("link", "href")) and url.endswith((".js", ".css", ".mjs")):
                if not CONTENT_ADDRESSED.search("/" + url.split("?")[0].lstrip("./")):
                    offending.append(f"{_rel(path, folder)}: {url}")
    assert not offending, "\n".join(offending)


def test_folders_hosts_cache_for_a_year_hold_only_content_addressed_files(built: tuple[str, Path]) -> None:
    _, folder = built
    offending = []
    for long_lived in LONG_LIVED_FOLDERS:
        assert (folder / long_lived).is_dir(), long_lived
        for path in _files(folder / long_lived):
            rel = _rel(path, folder)
            if not rel.startswith(EXCEPT) and not CONTENT_ADDRESSED.search("/" + rel):
                offending.append(rel)
    assert not offending, offending
    assert not any(CONTENT_ADDRESSED.search("/" + _rel(p, folder)) for p in _files(folder / EXCEPT[0]))


def test_the_service_worker_lists_every_file_with_its_hash(built: tuple[str, Path]) -> None:
    _, folder = built
    source = (folder / "sw.js").read_text(encoding="utf-8")
    lists = {name: json.loads(re.search(rf"const {name} = (\[.*?\]);\n", source).group(1))
             for name in ("PRECACHE", "RUNTIME")}
    pattern = json.loads(re.search(r"const CONTENT_ADDRESSED = new RegExp\((\".*\")\);", source).group(1))
    assert pattern == CONTENT_ADDRESSED.pattern
    listed = {}
    for path, integrity in lists["PRECACHE"] + lists["RUNTIME"]:
        file = folder / (path + "index.html" if path.endswith("/") else path if path != "./" else "index.html")
        assert integrity == "sha256-" + base64.b64encode(hashlib.sha256(file.read_bytes()).digest()).decode()
        listed[file] = path
    expected = {p for p in _files(folder) if p.name != "sw.js" and not p.name.endswith(".map")}
    assert set(listed) == expected
    assert all(path.startswith("pyodide/") for path, _ in lists["RUNTIME"])


def test_cache_control_by_url() -> None:
    for path in ("/pyodide/0123456789abcdef/pyodide.asm.wasm", "/wheels/0123456789abcdef/lp_rules-2.0.0-py3-none-any.whl",
                 "/assets/js/0123456789abcdef/rules-worker.js",
                 "/assets/js/0123456789abcdef/checklist/core.js", "/assets/css/guide.0123456789abcdef.css",
                 "/assets/javascripts/bundle.a5f9d56c.min.js", "/guide/assets/stylesheets/main.57a0d79d.min.css"):
        assert cache_control(path) == IMMUTABLE, path
    for path in ("/", "/consent/", "/sw.js", "/search/search_index.json", "/pyodide/python_stdlib.zip",
                 "/wheels/lp_rules-2.0.0-py3-none-any.whl", "/assets/js/checklist.js",
                 "/assets/javascripts/lunr/min/lunr.da.min.js", "/assets/images/favicon.png",
                 "/pyodide/0123456789abcdef/", "/assets/css/guide.css"):
        assert cache_control(path) == REVALIDATE, path


def test_serve_sends_the_policy_and_revalidates(built: tuple[str, Path]) -> None:
    _, folder = built
    server = make_server(folder, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        [wheel] = _files(folder / "wheels")
        for path, policy in (("consent/", REVALIDATE), ("sw.js", REVALIDATE),
                             (_rel(wheel, folder), IMMUTABLE)):
            with urllib.request.urlopen(urllib.request.Request(origin + "/" + path,
                                        headers={"Accept-Encoding": "br"})) as response:
                assert response.headers["Cache-Control"] == policy, path
                tag = response.headers["ETag"]
                assert tag and response.read()
            revalidate = urllib.request.Request(origin + "/" + path,
                                                headers={"Accept-Encoding": "br", "If-None-Match": tag})
            try:
                urllib.request.urlopen(revalidate)
                raise AssertionError(f"{path}: an unchanged file was sent again")
            except urllib.error.HTTPError as error:
                assert error.code == 304, path
            changed = urllib.request.Request(origin + "/" + path,
                                             headers={"Accept-Encoding": "br", "If-None-Match": '"other"'})
            with urllib.request.urlopen(changed) as response:
                assert response.status == 200 and response.read()
    finally:
        server.shutdown()
