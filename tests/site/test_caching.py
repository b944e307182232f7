"""The caching policy (tools/sitegen/caching.py) holds for the built sites and tools/serve.py.

A file may be cached for a year only if its URL holds its content's hash: these tests check that
every such URL's hash is its content's, that everything a page runs or styles itself with is
content-addressed (so no cached copy can be of another release), that the folders the
performance page tells hosts to cache for a year hold nothing else, that the service worker's
lists match the files, and that serve.py sends exactly this policy, with working revalidation.
(A browser republishing one release over another: tests/perf/test_update.py.)
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import brotli
import pytest

from .conftest import ROOT, html_pages, read_page, sha256_base64

sys.path.insert(0, str(ROOT / "tools"))
from serve import make_server  # noqa: E402
from sitegen.caching import ASSET_GROUPS, CONTENT_ADDRESSED, IMMUTABLE, REVALIDATE, cache_control  # noqa: E402
from sitegen.csp import WORKER_POLICY  # noqa: E402
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
    assert runtime.name == _hex((runtime / "runtime.json").read_bytes())[:16], \
        "pyodide/<hash>/ is not its manifest's hash"
    assert sorted(p.name for p in _files(runtime)) == sorted([*PYODIDE_FILES, "runtime.json"])
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


def test_every_precompressed_copy_is_its_file_exactly(built: tuple[str, Path]) -> None:
    """A host (serve.py, nginx's gzip_static and brotli_static) sends FILE.br or FILE.gz in place of
    FILE to any browser that accepts it, so a stale or damaged twin would be what readers get, and
    every other check here reads FILE."""
    _, folder = built
    decoders = {".br": brotli.decompress, ".gz": gzip.decompress}
    twins = [p for p in sorted(folder.rglob("*")) if p.suffix in decoders]
    assert len(twins) > 100, "the build wrote no precompressed copies"
    for twin in twins:
        original = twin.with_suffix("")
        assert original.is_file(), f"{_rel(twin, folder)} has no uncompressed file"
        assert decoders[twin.suffix](twin.read_bytes()) == original.read_bytes(), _rel(twin, folder)


def test_a_damaged_or_half_written_cached_copy_is_never_published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two sites build side by side and share build/compressed/: a build that read another's
    half-written copy published an empty core.js.gz (a fresh-clone make test, 7 December). What
    the cache holds is used only when it decodes to the file exactly."""
    from sitegen import precompress

    monkeypatch.setattr(precompress, "CACHE", tmp_path / "compressed")
    data = b"export const words = 'the same bytes in every build';\n" * 64
    site = tmp_path / "site"
    site.mkdir()
    (site / "core.js").write_bytes(data)
    for suffix, damaged in ((".gz", b""), (".br", b"\x1b\x00half")):
        cached = precompress.CACHE / (_hex(data) + suffix)
        cached.parent.mkdir(exist_ok=True)
        cached.write_bytes(damaged)  # as another build's unfinished write leaves it
    precompress.precompress(site)
    assert gzip.decompress((site / "core.js.gz").read_bytes()) == data
    assert brotli.decompress((site / "core.js.br").read_bytes()) == data
    assert not list(precompress.CACHE.glob("*.partial")), "a partial copy was left behind"


def test_the_runtime_manifest_pins_every_runtime_file_and_the_pages_pin_it(built: tuple[str, Path]) -> None:
    """Every byte of the runtime the worker loads is checked (rules-worker.js): against this
    manifest, which is checked against the hash each checklist page carries."""
    _, folder = built
    [runtime] = (folder / "pyodide").iterdir()
    manifest = (runtime / "runtime.json").read_bytes()
    files = json.loads(manifest)["files"]
    assert sorted(files) == sorted(PYODIDE_FILES)
    for name, entry in files.items():
        data = (runtime / name).read_bytes()
        assert entry == {"sha256": _hex(data), "size": len(data)}, name
    carried = set()
    for path in html_pages(folder):
        for found in re.findall(r'"runtimeSha256": "([0-9a-f]+)"', path.read_text(encoding="utf-8")):
            carried.add(found)
    assert carried == {_hex(manifest)}


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
        assert integrity == sha256_base64(file.read_bytes())
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


def test_serve_sends_the_rules_worker_its_own_csp_and_no_other_file_one(built: tuple[str, Path]) -> None:
    _, folder = built
    server = make_server(folder, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        [worker] = folder.glob("assets/js/*/rules-worker.js")
        [checklist] = folder.glob("assets/js/*/checklist.js")
        for path, expected in ((_rel(worker, folder), WORKER_POLICY), (_rel(checklist, folder), None),
                               ("consent/", None)):
            for encoding in ("br", "identity"):
                request = urllib.request.Request(f"{origin}/{path}", headers={"Accept-Encoding": encoding})
                with urllib.request.urlopen(request) as response:
                    assert response.headers["Content-Security-Policy"] == expected, (path, encoding)
    finally:
        server.shutdown()


def test_the_hosting_guidance_gives_the_worker_its_csp() -> None:
    """docs/performance.md#hosting: the nginx, Apache and IIS snippets and the header shown carry
    exactly the policy serve.py and the service worker send, on the worker's file."""
    page = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    hosting = page[page.index("## What a web host needs"):]
    assert f"Content-Security-Policy: {WORKER_POLICY}\n" in hosting
    nginx = hosting[hosting.index("```nginx"):hosting.index("### Apache")]
    assert re.search(r'location ~ "[^"]*rules-worker[^"]*" \{[^}]*add_header Content-Security-Policy "'
                     + re.escape(WORKER_POLICY) + '";', nginx)
    assert nginx.index("rules-worker") < nginx.index("(pyodide|wheels|assets/js)")  # first match wins
    apache = hosting[hosting.index("```apache"):hosting.index("### IIS")]
    assert re.search(r"<If [^>]*rules-worker[^>]*>\s*Header set Content-Security-Policy \""
                     + re.escape(WORKER_POLICY) + '"', apache)
    iis = hosting[hosting.index("### IIS"):hosting.index("### GitHub Pages")]
    assert f'name="Content-Security-Policy" value="{WORKER_POLICY}"' in iis.replace("\n", " ")


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
