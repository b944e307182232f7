"""Put the self-hosted Pyodide runtime and the rules wheel into a profile's docs folder.

MkDocs copies them into the built site as static files, so every request the checklists make
goes to the site's own origin. The wheel's SHA-256 is returned so the checklist pages can carry
it and the worker can refuse a wheel that does not match. The standard library is the trimmed,
precompiled one from ``stdlib.py``, at the stock file's path so the worker needs no option.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
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


@dataclass(frozen=True)
class Runtime:
    """Site-relative locations of the runtime files, and the wheel's hash."""

    pyodide_dir: str
    wheel_path: str
    wheel_sha256: str
    runtime_sha256: str  # of the runtime files as shipped: a saved Python start-up is only valid for these


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


def runtime_sources() -> dict[str, Path]:
    """Each runtime file the site ships, by name, and where it is copied from."""
    return {
        name: trimmed_stdlib() if name == "python_stdlib.zip" else PYODIDE_NPM / name
        for name in PYODIDE_FILES
    }


def describe_runtime() -> Runtime:
    """Where the runtime will be in the site, and the hashes pages must carry for it and the wheel."""
    wheel = site_wheel()
    runtime = hashlib.sha256()
    for name, source in runtime_sources().items():
        runtime.update(f"{name}:{hashlib.sha256(source.read_bytes()).hexdigest()}\n".encode())
    return Runtime(
        pyodide_dir="pyodide/",
        wheel_path=f"wheels/{wheel.name}",
        wheel_sha256=hashlib.sha256(wheel.read_bytes()).hexdigest(),
        runtime_sha256=runtime.hexdigest(),
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
