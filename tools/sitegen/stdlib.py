"""The trimmed, precompiled Python standard library the site ships as python_stdlib.zip.

Pyodide's stock ``python_stdlib.zip`` (2.5 MB of deflated sources) holds the whole standard
library. The checklists need a fraction of it, and compiling sources is most of Python's start-up
time in the browser. So the site ships, under the same name in the runtime's folder
(``pyodide/<runtime hash>/``: runtime.py; the worker needs no option):

- only the modules in ``SHIPPED`` (what Pyodide's own start-up, ``unpackArchive`` of the rules
  wheel and ``lp_rules`` use, measured), plus a small safety margin;
- compiled to bytecode by Pyodide's own Python (``stdlib_compile.mjs``), without sources: under
  Node, loadPyodide takes about 0.9 s with it against 2.4 s with the stock zip;
- with STORED entries, so the host's brotli or gzip compresses the whole file (deflated entries
  would not compress again).

Proof, in two parts. The rules' suite runs inside Pyodide on a test-only zip: the shipped entries
byte for byte plus, for pytest and hypothesis only, the stock modules left out
(``write_test_stdlib``); shipping what pytest needs to every browser would cost payload for no
user. And a smoke check (``stdlib_probe.mjs``, run by tests/perf) takes the checklist's whole
Python path with exactly the shipped zip; tests/perf also loads it in Chromium.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

from .paths import BUILD, PYODIDE_NPM, ROOT

STOCK = PYODIDE_NPM / "python_stdlib.zip"
COMPILER = Path(__file__).with_name("stdlib_compile.mjs")
PROBE = Path(__file__).with_name("stdlib_probe.mjs")

# Derived by measurement, not guessed: `node tools/sitegen/stdlib_probe.mjs` (stock zip) loads
# Pyodide 314.0.7 under Node, installs the lp_rules wheel with unpackArchive as the worker does,
# evaluates ~19,000 requests through lp_rules.bridge.handle (every tool and profile, full and
# partial answers, candidates, invalid and malformed requests), raises an error through the FFI,
# and lists every module loaded from the stdlib zip ("modules" in its output; modules frozen into
# the interpreter, such as os, io, site and importlib._bootstrap, are read from the binary, not the
# zip, so they are not listed). Re-run it when Pyodide or lp_rules changes; tests/perf fails if
# this list no longer covers what it measures.
MEASURED = (
    "__future__", "_colorize", "_opcode_metadata", "_py_warnings", "_pyodide", "_pyodide._base",
    "_pyodide._core_docs", "_pyodide._future_helper", "_pyodide._importhook",
    "_pyodide.docs_argspec", "_pyodide.docstring", "_pyodide.jsbind", "_ssl", "_weakrefset",
    "annotationlib", "ast", "asyncio", "asyncio.base_events", "asyncio.base_futures",
    "asyncio.base_subprocess", "asyncio.base_tasks", "asyncio.constants", "asyncio.coroutines",
    "asyncio.events", "asyncio.exceptions", "asyncio.format_helpers", "asyncio.futures",
    "asyncio.graph", "asyncio.locks", "asyncio.log", "asyncio.mixins", "asyncio.protocols",
    "asyncio.queues", "asyncio.runners", "asyncio.selector_events", "asyncio.sslproto",
    "asyncio.staggered", "asyncio.streams", "asyncio.subprocess", "asyncio.taskgroups",
    "asyncio.tasks", "asyncio.threads", "asyncio.timeouts", "asyncio.transports", "asyncio.trsock",
    "asyncio.unix_events", "base64", "bisect", "bz2", "codeop", "collections", "compression",
    "compression._common", "compression._common._streams", "compression.zstd",
    "compression.zstd._zstdfile", "concurrent", "concurrent.futures", "concurrent.futures._base",
    "contextlib", "contextvars", "copy", "copyreg", "dataclasses", "datetime", "dis", "encodings",
    "encodings.aliases", "encodings.cp437", "encodings.utf_8", "enum", "fnmatch", "functools",
    "glob", "heapq", "importlib", "importlib._abc", "importlib.abc", "importlib.readers",
    "importlib.resources", "importlib.resources._adapters", "importlib.resources._common",
    "importlib.resources._functional", "importlib.resources._itertools", "importlib.resources.abc",
    "importlib.resources.readers", "inspect", "json", "json.decoder", "json.encoder",
    "json.scanner", "keyword", "linecache", "locale", "logging", "lzma", "opcode", "operator",
    "pathlib", "pathlib._os", "pyodide", "pyodide._package_loader", "pyodide._state",
    "pyodide.code", "pyodide.common", "pyodide.ffi", "pyodide.webloop", "random", "re",
    "re._casefix", "re._compiler", "re._constants", "re._parser", "reprlib", "selectors", "shutil",
    "signal", "socket", "ssl", "string", "struct", "subprocess", "tempfile", "textwrap",
    "threading", "token", "tokenize", "tomllib", "tomllib._parser", "tomllib._re", "traceback",
    "types", "typing", "warnings", "weakref", "zipfile", "zipfile._path", "zipfile._path.glob",
)

# Safety margin: small modules the standard library imports lazily on paths the probe may not
# reach (decoding bytes in other Unicode forms or Latin-1, datetime.strptime, t-strings).
MARGIN = (
    "encodings.ascii", "encodings.latin_1", "encodings.utf_8_sig", "encodings.utf_16",
    "encodings.utf_32", "_strptime", "calendar", "string.templatelib",
)

SHIPPED = frozenset(MEASURED + MARGIN)


def module_of(entry: str) -> str | None:
    """The module a zip entry defines ("a/b/__init__.py" -> "a.b"), or None for data files."""
    if not entry.endswith((".py", ".pyc")):
        return None
    return entry.rsplit(".", 1)[0].removesuffix("/__init__").replace("/", ".")


def _copy_sources(dest: zipfile.ZipFile, keep: Callable[[str], bool]) -> set[str]:
    """Copy the stock zip's modules that ``keep`` accepts, STORED; returns their names."""
    copied = set()
    with zipfile.ZipFile(STOCK) as stock:
        for info in stock.infolist():
            name = module_of(info.filename)
            if name is None or not keep(name):
                continue
            entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            entry.external_attr = info.external_attr
            dest.writestr(entry, stock.read(info), compress_type=zipfile.ZIP_STORED)
            copied.add(name)
    return copied


def _cache_key() -> str:
    """Changes whenever the stock zip, the module list or the compiler changes."""
    digest = hashlib.sha256(STOCK.read_bytes())
    digest.update("\n".join(sorted(SHIPPED)).encode())
    digest.update(COMPILER.read_bytes())
    return digest.hexdigest()[:16]


def trimmed_stdlib() -> Path:
    """The shipped zip, built once per input (cached in build/stdlib/, shared by profiles)."""
    cache = BUILD / "stdlib" / _cache_key()
    out = cache / "python_stdlib.zip"
    if out.exists():
        return out
    if cache.parent.exists():
        shutil.rmtree(cache.parent)
    cache.mkdir(parents=True)
    sources = cache / "sources.zip"
    with zipfile.ZipFile(sources, "w", zipfile.ZIP_STORED) as dest:
        missing = SHIPPED - _copy_sources(dest, lambda name: name in SHIPPED)
    if missing:
        raise SystemExit(f"not in {STOCK}: {sorted(missing)}; re-measure with {PROBE.name}")
    partial = cache / "python_stdlib.zip.partial"
    subprocess.run(["node", str(COMPILER), str(sources), str(partial)], check=True, cwd=ROOT)
    sources.unlink()
    partial.rename(out)
    return out


def write_test_stdlib(dest: Path) -> Path:
    """Test-only zip: the shipped entries, byte for byte, plus every stock module they leave out.

    pytest and hypothesis need much more of the standard library than the checklists do; with
    this zip (``node tests/pyodide/run_rules_tests.mjs --stdlib ZIP``) the rules' suite runs in
    Pyodide while Pyodide and lp_rules still load every module they use from the shipped
    bytecode. One zip, not two on sys.path: packages such as importlib are split between the sets.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_STORED) as out:
        with zipfile.ZipFile(trimmed_stdlib()) as shipped:
            for info in shipped.infolist():
                out.writestr(info, shipped.read(info))
        _copy_sources(out, lambda name: name not in SHIPPED)
    return dest


def main() -> None:
    """``PYTHONPATH=tools python -m sitegen.stdlib [--test-zip PATH]``: build the zips."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--test-zip", type=Path, help="also write the test-only stdlib here")
    args = parser.parse_args()
    print(trimmed_stdlib().relative_to(ROOT))
    if args.test_zip:
        print(write_test_stdlib(args.test_zip).resolve().relative_to(ROOT))


if __name__ == "__main__":
    main()
