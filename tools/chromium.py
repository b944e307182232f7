"""How the project starts Debian's Chromium, for the bench and the browser tests alike."""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# No sandbox (we run as root in a container), no GPU, and nothing Chromium would fetch on its own
# (a request to any host but the served site would fail the tests' origin check).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
