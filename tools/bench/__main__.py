"""``make bench``: build both sites, measure the default one, print (and with --record write)
the results table. See the package's docstring for what is measured and how."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Playwright, sync_playwright

from build_site import build
from chromium import CHROMIUM, CHROMIUM_ARGS
from sitegen.paths import ROOT, site_dir

from lp_rules import PROFILE_IDS

from . import __doc__ as PACKAGE_DOC
from .measure import (Results, check_offline, measure_bytes, measure_latency, measure_operable,
                      measure_phone, measure_phone_answers, measure_slow_network, measure_times)
from .progress import log, step
from .report import PARTIAL_ROWS, summarise, table, wait_for_quiet
from .serving import Served, stock_site
from .workload import compiled_bytes

RESULTS = ROOT / "docs" / "includes" / "performance-results.md"


def main() -> None:
    parser = argparse.ArgumentParser(prog="make bench", description=(PACKAGE_DOC or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--evaluations", type=int, default=240)
    parser.add_argument("--record", action="store_true", help=f"write {RESULTS.relative_to(ROOT)}")
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "bench.json")
    parser.add_argument("--quiet-wait", type=float, default=300,
                        help="seconds to wait at most for the load average to drop below nproc")
    parser.add_argument("--only", action="append", choices=sorted(PARTIAL_ROWS), default=[],
                        help="measure only this part, on the site as last built (no build, no "
                             "--record): 'answers', the cold phone's urgent answer and answers "
                             "before and after Python is ready; 'operable', the cold share link's "
                             "form wired and outcome decided; may be given twice")
    parser.add_argument("--site", type=Path, metavar="DIR",
                        help="with --only: measure this built site (a copy of another branch's "
                             "build, say) instead of the default profile's, so two builds are "
                             "compared by the same bench in the same session")
    parser.add_argument("--from", dest="saved", type=Path, metavar="JSON",
                        help="measure nothing: summarise a run saved by --json again (and print or "
                             "--record its table)")
    args = parser.parse_args()
    if args.only and args.record:
        parser.error("--record writes the whole table: it cannot be used with --only")
    if args.site and not args.only:
        parser.error("--site measures a site as built: it needs --only (a whole run builds first)")

    if args.saved:
        saved = json.loads(args.saved.read_text(encoding="utf-8"))
        summary = summarise(Results.from_dict(saved["raw"]), saved["machine"]["chromium"],
                            saved["machine"]["date"])
    else:
        summary = measure(args)
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, indent=1), encoding="utf-8")
    print(json.dumps({"machine": summary["machine"], "rows": summary["rows"]}, indent=1))
    print()
    print(table(summary))
    if args.record:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(table(summary), encoding="utf-8")
        print(f"recorded in {RESULTS.relative_to(ROOT)}")


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Build both sites (a partial run: neither, it measures the site as last built), measure the
    default one; the summary (report.summarise)."""
    # What `make bench` runs (after building), with this run's arguments.
    results = Results(runs=args.runs, command=" ".join(["PYTHONPATH=tools python -m bench", *sys.argv[1:]]),
                      only=args.only)
    if not args.only:
        for profile in PROFILE_IDS:
            results.build_s[profile] = build(profile)
    wait_for_quiet(args.quiet_wait)
    results.load_start = round(os.getloadavg()[0], 1)
    log(f"measuring: {results.command}; load average {results.load_start} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="lp-bench-") as tmp:
        # Serve a copy, so a rebuild elsewhere during the run cannot change what is measured.
        copy = Path(tmp) / "site"
        shutil.copytree(args.site or site_dir(PROFILE_IDS[0]), copy)
        results.compiled = compiled_bytes(copy)
        site = Served(copy)
        stock = Served(stock_site(Path(tmp) / "stock"))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            if args.only:
                measure_parts(args.only, playwright, browser, site, results)
            else:
                measure_all(playwright, browser, site, stock, results, args.evaluations)
            results.load_end = round(os.getloadavg()[0], 1)
            version = browser.version
            browser.close()
        site.server.shutdown()
        stock.server.shutdown()
    log(f"measured; load average {results.load_end}")
    return summarise(results, version)


def measure_all(playwright: Playwright, browser: Browser, site: Served, stock: Served,
                results: Results, evaluations: int) -> None:
    """A whole run: every part, for the whole table."""
    with step("bytes"):
        measure_bytes(browser, site, stock, results)
    with step("times, cold, warm and offline"):
        measure_times(browser, site, stock, results)
    with step("slow network"):
        measure_slow_network(browser, site, stock, results)
    with step("phone"):
        measure_phone(playwright, site, stock, results)
    with step("per-answer latency"):
        measure_latency(browser, site, results, evaluations)
    with step("offline"):
        check_offline(browser, site, results)


def measure_parts(parts: list[str], playwright: Playwright, browser: Browser, site: Served,
                  results: Results) -> None:
    """A partial run (``--only``): each part asked for, in the order given."""
    for part in parts:
        with step(part):
            if part == "answers":
                measure_phone_answers(playwright, site, results)
            else:
                measure_operable(browser, site, results)


if __name__ == "__main__":
    main()
