"""Progress on stderr, one line per step with the time since the run began, so a run that stops
shows where: the last ``start`` line without its ``done`` is the step that is waiting."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

_STARTED = time.monotonic()


def log(message: str) -> None:
    """A line on stderr, stamped with the seconds since the run began and the load average."""
    print(f"[{time.monotonic() - _STARTED:7.1f} s, load {os.getloadavg()[0]:4.1f}] {message}",
          file=sys.stderr, flush=True)


@contextmanager
def step(name: str) -> Iterator[None]:
    """Log the start of ``name`` and, when it ends (or fails), its duration."""
    began = time.monotonic()
    log(f"start: {name}")
    try:
        yield
    except BaseException as error:
        log(f"FAILED after {time.monotonic() - began:.1f} s: {name}: {type(error).__name__}")
        raise
    log(f"done:  {name} ({time.monotonic() - began:.1f} s)")
