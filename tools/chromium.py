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

# The two screens the project is used and measured on: a phone, by touch, at 390x844 (its CSS
# pixels; twice as many device pixels, as a mid-range phone paints), and a desktop at 1280x800.
# The browser tests run their flows on both (tests/browser/devices.py); the bench's emulated phone
# has the phone's (tools/bench/browsing.py).
PHONE_SCREEN = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True,
                "device_scale_factor": 2}
DESKTOP_SCREEN = {"viewport": {"width": 1280, "height": 800}}
