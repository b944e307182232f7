"""Put the self-hosted Pyodide runtime and the rules wheel into a profile's docs folder.

MkDocs copies them into the built site as static files, so every request the checklists make
goes to the site's own origin. The wheel's SHA-256 is returned so the checklist pages can carry
it and the worker can refuse a wheel that does not match. The standard library is the trimmed,
precompiled one from ``stdlib.py``, under the stock file's name so the worker needs no option.

Both are at content-addressed URLs (see caching.py), so a host may cache them for a year and a
new release is still seen at once: the runtime in ``pyodide/<hash of its files>/`` (Pyodide loads
``pyodide.asm.wasm``, ``python_stdlib.zip`` and the rest by fixed names beside ``pyodide.mjs``,
so the folder carries the hash; a new Pyodide or a new trimmed stdlib gives a new folder), and
the wheel in ``wheels/<hash of the wheel>/`` (the worker installs it from bytes, so its name is
free). The pages carry these paths (checklist_html.py), so the worker needs no change.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .paths import BUILD, DIST, DOCS, PYODIDE_NPM, ROOT
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


@dataclass(frozen=True)
class Runtime:
    """Site-relative locations of the runtime files, and the wheel's hash."""

    pyodide_dir: str  # pyodide/<16 hex digits of the runtime files' hash>/
    wheel_path: str  # wheels/<16 hex digits of wheel_sha256>/<the wheel's name>
    wheel_sha256: str
    # Of the runtime files as shipped and of the worker that starts Python and takes the saved
    # start-up (rules-worker.js): a saved Python start-up is only valid for exactly these. With
    # the wheel's hash it keys the saved start-up (rules-worker.js), so a new release never
    # restores an older one.
    runtime_sha256: str


def find_wheel() -> Path:
    """The single lp_rules wheel that ``make wheel`` left in dist/."""
    wheels = sorted(DIST.glob("lp_rules-*.whl"))
    if len(wheels) != 1:
        raise SystemExit(
            f"expected exactly one lp_rules wheel in {DIST}, found {len(wheels)}: run `make wheel`"
        )
    return wheels[0]


WHEEL_COMPILER = Path(__file__).with_name("wheel_compile.mjs")
RULES_WORKER = DOCS / "assets" / "js" / "rules-worker.js"


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


def runtime_sources() -> dict[str, Path]:
    """Each runtime file the site ships, by name, and where it is copied from."""
    return {
        name: trimmed_stdlib() if name == "python_stdlib.zip" else PYODIDE_NPM / name
        for name in PYODIDE_FILES
    }


def describe_runtime() -> Runtime:
    """Where the runtime will be in the site, and the hashes pages must carry for it and the wheel."""
    wheel = site_wheel()
    wheel_sha256 = hashlib.sha256(wheel.read_bytes()).hexdigest()
    files = hashlib.sha256()
    for name, source in runtime_sources().items():
        files.update(f"{name}:{hashlib.sha256(source.read_bytes()).hexdigest()}\n".encode())
    start = files.copy()
    start.update(f"rules-worker.js:{hashlib.sha256(RULES_WORKER.read_bytes()).hexdigest()}\n".encode())
    return Runtime(
        pyodide_dir=f"pyodide/{files.hexdigest()[:16]}/",
        wheel_path=f"wheels/{wheel_sha256[:16]}/{wheel.name}",
        wheel_sha256=wheel_sha256,
        runtime_sha256=start.hexdigest(),
    )


def install_runtime(docs: Path, runtime: Runtime) -> None:
    """Copy Pyodide and the wheel under ``docs`` at the places ``runtime`` names."""
    if not (PYODIDE_NPM / "pyodide.asm.wasm").exists():
        raise SystemExit(f"Pyodide not found in {PYODIDE_NPM}: run `npm ci` (make setup)")
    pyodide = docs / runtime.pyodide_dir
    pyodide.mkdir(parents=True, exist_ok=True)
    for name, source in runtime_sources().items():
        shutil.copy2(source, pyodide / name)
    wheel = docs / runtime.wheel_path
    wheel.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(site_wheel(), wheel)
