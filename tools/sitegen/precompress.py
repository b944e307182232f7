"""Precompressed copies of the built site's files, for hosts that can serve them.

``FILE.br`` (brotli at its best quality) and ``FILE.gz`` (gzip -9) are written beside each
compressible file when smaller; ``tools/serve.py`` (and nginx's ``gzip_static``/``brotli_static``,
or IIS static compression) send them to browsers that accept them. Compressing at build time lets
the slow, strongest settings be used once instead of on every request; results are cached by
content hash in build/compressed/, so the unchanging Pyodide runtime is compressed only once.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path
from typing import Callable

import brotli

from .paths import BUILD

COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".zip", ".whl", ".svg",
                ".txt", ".xml"}
MIN_SIZE = 1024
CACHE = BUILD / "compressed"
CODECS: dict[str, Callable[[bytes], bytes]] = {
    ".br": lambda data: brotli.compress(data, quality=11),
    ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0),
}
DECODERS: dict[str, Callable[[bytes], bytes]] = {".br": brotli.decompress, ".gz": gzip.decompress}


def _decodes_to(packed: bytes, suffix: str, data: bytes) -> bool:
    try:
        return DECODERS[suffix](packed) == data
    except (OSError, EOFError, brotli.error):  # truncated or not this codec's at all
        return False


def _compressed(data: bytes, suffix: str) -> bytes:
    """``data`` compressed, from the cache when a copy there decodes to it exactly. The sites
    build side by side (`make -j2`) and share the cache: a copy is written under a name of its
    own and renamed into place whole, so no build reads another's half-written file (one did,
    and published an empty core.js.gz); a copy left damaged by an interrupted build is made
    again."""
    cached = CACHE / (hashlib.sha256(data).hexdigest() + suffix)
    if cached.exists():
        packed = cached.read_bytes()
        if _decodes_to(packed, suffix, data):
            return packed
    packed = CODECS[suffix](data)
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = cached.with_name(f"{cached.name}.{os.getpid()}.partial")
    partial.write_bytes(packed)
    os.replace(partial, cached)
    return packed


def precompress(site: Path) -> tuple[int, int]:
    """Compress every eligible file; returns total bytes before and after brotli."""
    before = after = 0
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSIBLE or path.stat().st_size < MIN_SIZE:
            continue
        data = path.read_bytes()
        sizes = [len(data)]
        for suffix in CODECS:
            packed = _compressed(data, suffix)
            if len(packed) < len(data):
                path.with_name(path.name + suffix).write_bytes(packed)
                sizes.append(len(packed))
        before += len(data)
        after += min(sizes)
    return before, after
