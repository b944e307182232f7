"""Serve a built site the way a careful static host would (for `make serve`, tests and bench).

    python tools/serve.py [--host 127.0.0.1] [--port 8000] site

``--host 0.0.0.0`` (``make serve HOST=0.0.0.0``) serves to other devices on the network too.

What a plain ``http.server`` does not: WebAssembly and module scripts get the right MIME types
(streaming compilation needs ``application/wasm``); a precompressed ``FILE.br`` or ``FILE.gz``
beside a file is sent when the browser accepts it; the caching policy of
tools/sitegen/caching.py: a year (immutable) only for URLs that hold their content's hash, and
``no-cache`` (revalidate every time) for everything else, pages and sw.js included; and an ETag,
so a revalidated file that has not changed costs a 304 and no download; and the rules worker's
own Content-Security-Policy header (tools/sitegen/csp.py, WORKER_POLICY), since a worker does not
take the page's policy. Standard library only.
"""

from __future__ import annotations

import argparse
import email.utils
import mimetypes
import os
import socket
import sys
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitegen.caching import cache_control  # noqa: E402  (standard library only)
from sitegen.csp import WORKER_POLICY, WORKER_SCRIPT  # noqa: E402

TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".webmanifest": "application/manifest+json",
    ".txt": "text/plain; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def etag(stat: os.stat_result, encoding: str | None) -> str:
    """A validator that changes whenever the file does (size and modification time, as nginx and
    Apache make theirs), one per encoding sent."""
    return f'"{stat.st_size:x}-{stat.st_mtime_ns:x}{"-" + encoding if encoding else ""}"'


class Handler(SimpleHTTPRequestHandler):
    """Static files with MIME types, precompression and cache headers."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}
    # Chromium revalidates (If-None-Match, then 304) only with an HTTP/1.1 server; over 1.0 it
    # downloaded every page again in full, whatever the ETag said.
    protocol_version = "HTTP/1.1"

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                location = self.path.split("?", 1)
                self.send_header("Location", location[0] + "/" + ("?" + location[1] if len(location) > 1 else ""))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = path / "index.html"
        if not path.is_file():
            return self._not_found()
        accepted = self.headers.get("Accept-Encoding", "")
        body, encoding = path, None
        for name, suffix in ENCODINGS:
            candidate = path.with_name(path.name + suffix)
            if name in accepted and candidate.is_file():
                body, encoding = candidate, name
                break
        handle = open(body, "rb")
        stat = os.fstat(handle.fileno())
        tag = etag(stat, encoding)
        unchanged = tag in (t.strip() for t in self.headers.get("If-None-Match", "").split(","))
        self.send_response(HTTPStatus.NOT_MODIFIED if unchanged else HTTPStatus.OK)
        if not unchanged:
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Length", str(stat.st_size))
        self.send_header("ETag", tag)
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.send_header("Cache-Control", cache_control(self.path.split("?", 1)[0]))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in self.policy_headers(self.path.split("?", 1)[0]):
            self.send_header(name, value)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        if unchanged:
            handle.close()
            return None
        return handle

    def policy_headers(self, path: str) -> list[tuple[str, str]]:
        """The rules worker's Content-Security-Policy (a worker's comes from its own response)."""
        return [("Content-Security-Policy", WORKER_POLICY)] if WORKER_SCRIPT.search(path) else []

    def guess_type(self, path: str) -> str:  # type: ignore[override]
        return TYPES.get(Path(path).suffix, mimetypes.guess_type(path)[0] or "application/octet-stream")

    def _not_found(self) -> None:
        page = Path(self.directory) / "404.html"
        if not page.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        data = page.read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        return None

    def log_message(self, format: str, *args: object) -> None:
        if os.environ.get("LP_SERVE_QUIET") != "1":
            sys.stderr.write(f"{self.address_string()} {format % args}\n")


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000,
                handler: type[Handler] = Handler,
                server: type[ThreadingHTTPServer] = ThreadingHTTPServer) -> ThreadingHTTPServer:
    """A server for ``directory`` (port 0 picks a free port: see ``server.server_address``);
    ``handler`` and ``server`` may be subclasses (the bench's counts the bytes it sends)."""
    return server((host, port), partial(handler, directory=str(directory)))


def serve_in_background(directory: Path, handler: type[Handler] = Handler,
                        server: type[ThreadingHTTPServer] = ThreadingHTTPServer
                        ) -> tuple[ThreadingHTTPServer, str]:
    """``directory`` served on a free loopback port from a daemon thread, as the browser tests
    and the bench serve a built site: the server (``shutdown()`` stops it) and its origin."""
    httpd = make_server(directory, port=0, handler=handler, server=server)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def lan_address() -> str:
    """This machine's address on its network, for the phone to open: the source address the
    system would use for an outside route (a UDP "connect" sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.254.254.254", 1))
            return str(probe.getsockname()[0])
        except OSError:
            return socket.gethostbyname(socket.gethostname())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    if not (args.directory / "index.html").is_file():
        raise SystemExit(f"{args.directory}/index.html not found: build the site first (make build)")
    server = make_server(args.directory, args.host, args.port)
    port = server.server_address[1]
    print(f"Serving {args.directory}/ on http://{args.host}:{port}/ (Ctrl+C to stop)")
    if args.host in ("0.0.0.0", "::"):
        print(f"On a phone or another computer on this network, open http://{lan_address()}:{port}/ "
              "(the checklists work; offline use and the saved start-up need https: see README.md)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
