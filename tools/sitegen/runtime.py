"""Put the self-hosted Pyodide runtime and the rules wheel into a profile's docs folder.

MkDocs copies them into the built site as static files, so every request the checklists make
goes to the site's own origin. The wheel's SHA-256 is returned so the checklist pages can carry
it and the worker can refuse a wheel that does not match. The standard library is the trimmed,
precompiled one from ``stdlib.py``, under the stock file's name so the worker needs no option.

Every runtime file is integrity-checked, not only the wheel: the runtime folder holds a manifest,
``runtime.json``, giving each file's SHA-256 and size. The pages carry the manifest's own SHA-256
(``runtime_sha256``); the worker fetches the manifest, refuses it unless it has that hash, and
then refuses any runtime file whose bytes do not match their entry, once a second download past
every cache has not matched either (rules-worker.js; decisions/0008: a damaged copy kept
"immutable" in the HTTP cache is replaced, not reported forever). So one hash in the page pins
every byte of Python the checklist runs.

Both are at content-addressed URLs (see caching.py), so a host may cache them for a year and a
new release is still seen at once: the runtime in ``pyodide/<hash of its manifest>/`` (Pyodide
loads ``pyodide.asm.wasm``, ``python_stdlib.zip`` and the rest by fixed names beside
``pyodide.mjs``, so the folder carries the hash; a new Pyodide or a new trimmed stdlib gives a new
manifest and so a new folder), and the wheel in ``wheels/<hash of the wheel>/`` (the worker
installs it from bytes, so its name is free). The pages carry these paths (checklist_html.py).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .paths import BUILD, DIST, PYODIDE_NPM, ROOT
from .stdlib import trimmed_stdlib

# The files Pyodide needs at run time (no source maps, no console pages, no TypeScript types).
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",  # replaced by the trimmed one (stdlib.py)
    "pyodide-lock.json",
    "package.json",
)
MANIFEST = "runtime.json"  # {"files": {name: {"sha256": hex, "size": bytes}}}, beside them


@dataclass(frozen=True)
class Runtime:
    """Site-relative locations of the runtime files, and the wheel's hash."""

    pyodide_dir: str  # pyodide/<16 hex digits of runtime_sha256>/
    wheel_path: str  # wheels/<16 hex digits of wheel_sha256>/<the wheel's name>
    wheel_sha256: str
    # Of the manifest (runtime.json), which pins every runtime file's bytes. With the wheel's hash
    # and the worker's own content-addressed folder it keys the saved Python start-up
    # (rules-worker.js), so a new release never restores an older one.
    runtime_sha256: str
    manifest: bytes  # runtime.json as written into the runtime folder
    wheel_source: Path  # the wheel copied into the site (authority_wheel)


def find_wheel() -> Path:
    """The single lp_rules wheel that ``make wheel`` left in dist/."""
    wheels = sorted(DIST.glob("lp_rules-*.whl"))
    if len(wheels) != 1:
        raise SystemExit(
            f"expected exactly one lp_rules wheel in {DIST}, found {len(wheels)}: run `make wheel`"
        )
    return wheels[0]


WHEEL_COMPILER = Path(__file__).with_name("wheel_compile.mjs")


def site_wheel() -> Path:
    """The wheel the site ships: dist's, plus bytecode compiled by Pyodide (wheel_compile.mjs).

    Cached in build/wheel/ by the source wheel's hash, so each build compiles it only once.
    """
    wheel = find_wheel()
    key = hashlib.sha256(wheel.read_bytes() + WHEEL_COMPILER.read_bytes()).hexdigest()[:16]
    compiled = BUILD / "wheel" / key / wheel.name
    if not compiled.exists():
        compiled.parent.mkdir(parents=True, exist_ok=True)
        partial = compiled.with_suffix(".partial")
        subprocess.run(["node", str(WHEEL_COMPILER), str(wheel), str(partial)], check=True, cwd=ROOT)
        partial.rename(compiled)
    return compiled


def authority_wheel(profile_id: str) -> Path:
    """The wheel a site for ``profile_id`` ships: :func:`site_wheel`, unless the authority's
    folder is outside the package (an extra folder, ``lp_rules.folders.EXTRA``: the tests'
    fictional authority), when it is a copy with that folder added as
    ``lp_rules/authorities/<id>/``. Without it Python in that site's checklists could not load
    the site's own authority ("unknown profile"), and only the compiled, at-once part of its
    outcomes worked. Cached beside the compiled wheel by the folder's contents."""
    from lp_rules.folders import authority_folders, package_folder

    wheel = site_wheel()
    folder = authority_folders()[profile_id]
    if str(folder).startswith(str(package_folder())):
        return wheel
    files = sorted(p for p in Path(folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    digest = hashlib.sha256(wheel.read_bytes())
    for path in files:
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    extended = wheel.parent / f"{profile_id}-{digest.hexdigest()[:16]}" / wheel.name
    if not extended.exists():
        extended.parent.mkdir(parents=True, exist_ok=True)
        partial = extended.with_suffix(".partial")
        shutil.copy2(wheel, partial)
        with zipfile.ZipFile(partial, "a", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                name = f"lp_rules/authorities/{profile_id}/{path.relative_to(folder).as_posix()}"
                archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)),
                                 path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED)
        partial.rename(extended)
    return extended


def runtime_sources() -> dict[str, Path]:
    """Each runtime file the site ships, by name, and where it is copied from."""
    return {
        name: trimmed_stdlib() if name == "python_stdlib.zip" else PYODIDE_NPM / name
        for name in PYODIDE_FILES
    }


def runtime_manifest(sources: dict[str, Path]) -> bytes:
    """The manifest of the runtime files: each one's SHA-256 and size, as compact sorted JSON."""
    files = {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in sorted((name, path.read_bytes()) for name, path in sources.items())
    }
    return json.dumps({"files": files}, sort_keys=True, separators=(",", ":")).encode("ascii")


def describe_runtime(profile_id: str) -> Runtime:
    """Where the runtime will be in ``profile_id``'s site, and the hashes pages must carry for it
    and the wheel."""
    wheel = authority_wheel(profile_id)
    wheel_sha256 = hashlib.sha256(wheel.read_bytes()).hexdigest()
    manifest = runtime_manifest(runtime_sources())
    runtime_sha256 = hashlib.sha256(manifest).hexdigest()
    return Runtime(
        pyodide_dir=f"pyodide/{runtime_sha256[:16]}/",
        wheel_path=f"wheels/{wheel_sha256[:16]}/{wheel.name}",
        wheel_source=wheel,
        wheel_sha256=wheel_sha256,
        runtime_sha256=runtime_sha256,
        manifest=manifest,
    )


def install_runtime(docs: Path, runtime: Runtime) -> None:
    """Copy Pyodide and the wheel under ``docs`` at the places ``runtime`` names."""
    if not (PYODIDE_NPM / "pyodide.asm.wasm").exists():
        raise SystemExit(f"Pyodide not found in {PYODIDE_NPM}: run `npm ci` (make setup)")
    pyodide = docs / runtime.pyodide_dir
    pyodide.mkdir(parents=True, exist_ok=True)
    for name, source in runtime_sources().items():
        shutil.copy2(source, pyodide / name)
    (pyodide / MANIFEST).write_bytes(runtime.manifest)
    wheel = docs / runtime.wheel_path
    wheel.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(runtime.wheel_source, wheel)
