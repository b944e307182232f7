"""The two servers of a bench run, each counting the bytes it sends: the site as built, and a
bare page that loads stock Pyodide as a plain host would serve it."""

from __future__ import annotations

import gzip
import shutil
import time
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from serve import Handler, serve_in_background
from sitegen.paths import PYODIDE_NPM
from sitegen.runtime import PYODIDE_FILES

STOCK_PAGE = Path(__file__).with_name("stock")
STOCK_GZIP = (".html", ".js", ".mjs", ".json", ".wasm", ".zip")


class Served:
    """A folder on an ephemeral loopback port; ``sent`` lists (path, body bytes) per response."""

    def __init__(self, folder: Path) -> None:
        self.sent: list[tuple[str, int]] = []
        log = self.sent

        class Counting(Handler):
            def send_header(self, keyword: str, value: str) -> None:
                if keyword == "Content-Length":
                    log.append((self.path.split("?", 1)[0], int(value)))
                super().send_header(keyword, value)

            def log_message(self, format: str, *args: object) -> None:
                pass

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a browser context closed mid-download (background precache): not news

        self.server, self.origin = serve_in_background(folder, Counting, Server)

    def url(self, path: str) -> str:
        return f"{self.origin}/{path}"

    def mark(self) -> int:
        return len(self.sent)

    def since(self, mark: int) -> list[tuple[str, int]]:
        return list(self.sent[mark:])

    def settle(self, quiet_s: float = 1.0, limit_s: float = 60.0) -> None:
        """Wait until no response has been sent for ``quiet_s`` (background downloads done)."""
        started, seen, last_change = time.monotonic(), len(self.sent), time.monotonic()
        while time.monotonic() - started < limit_s:
            time.sleep(0.1)
            if len(self.sent) != seen:
                seen, last_change = len(self.sent), time.monotonic()
            elif time.monotonic() - last_change >= quiet_s:
                return


def stock_site(folder: Path) -> Path:
    """The stock page (``stock/``) and stock Pyodide from node_modules, gzip -6 beside each file."""
    shutil.copytree(STOCK_PAGE, folder)
    (folder / "pyodide").mkdir()
    for name in PYODIDE_FILES:
        shutil.copy2(PYODIDE_NPM / name, folder / "pyodide" / name)
    for path in folder.rglob("*"):
        if path.suffix in STOCK_GZIP:
            data = path.read_bytes()
            packed = gzip.compress(data, compresslevel=6, mtime=0)
            if len(packed) < len(data):
                path.with_name(path.name + ".gz").write_bytes(packed)
    return folder


def split_bytes(sent: list[tuple[str, int]]) -> dict[str, int]:
    """Bytes by kind: the Pyodide runtime, the rules wheel, and everything else (the page)."""
    kinds = {"page": 0, "pyodide": 0, "wheel": 0}
    for path, size in sent:
        kind = "pyodide" if "/pyodide/" in path else "wheel" if path.endswith(".whl") else "page"
        kinds[kind] += size
    return kinds
