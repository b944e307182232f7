"""Build the site for one authority profile, or all of them.

    python tools/build_site.py                       # the default authority into site/
    python tools/build_site.py --profile <id>        # into site-<id>/
    python tools/build_site.py --all
    python tools/build_site.py --all --builder zensical      # Material's successor instead
    python tools/build_site.py --all --into /tmp/x           # into /tmp/x/site, /tmp/x/site-...

Steps: render docs/ with the profile's terms into build/<profile>/docs, add the Pyodide runtime
and the rules wheel, write build/<profile>/mkdocs.yml (a copy of mkdocs.yml with this profile's
folders and name; build/<profile>/zensical.yml for Zensical, which reads the same format), then
`mkdocs build --strict` (or `zensical build --strict`), then the post-build steps on the built
HTML (our scripts and styles renamed by content, each page's Content-Security-Policy, the
service worker's precache list, precompressed copies). Both builders get the same steps before
and after.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitegen.caching import fingerprint_assets  # noqa: E402
from sitegen.context import page_context  # noqa: E402
from sitegen.csp import add_policies  # noqa: E402
from sitegen.integrity import add_integrity  # noqa: E402
from sitegen.offline import write_service_worker  # noqa: E402
from sitegen.precompress import precompress  # noqa: E402
from sitegen.paths import CONFIG, DOCS, build_dir, site_dir  # noqa: E402
from sitegen.redirects import write_redirects  # noqa: E402
from sitegen.register_page import write_register_page  # noqa: E402
from sitegen.render import render_tree  # noqa: E402
from sitegen.runtime import describe_runtime, install_runtime  # noqa: E402
from sitegen.zensical import move_licence_out_of_long_lived_folder, rewrite_raw_html_links  # noqa: E402

from lp_rules.profiles import DEFAULT_PROFILE, PROFILE_IDS, load_profile  # noqa: E402


BUILDERS = ("mkdocs", "zensical")
# Zensical (0.0.73) refuses a site_dir outside the folder its configuration file is in, and
# panics on an absolute docs_dir, so it gets both relative to build/<profile>/ and its output is
# moved to the site folder afterwards.
ZENSICAL_OUT = "zensical-site"


def write_config(profile_id: str, docs: Path, site: Path, builder: str = "mkdocs") -> Path:
    """This profile's copy of mkdocs.yml, with its own folders and site name."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    profile = load_profile(profile_id)
    path = build_dir(profile_id) / f"{builder}.yml"
    if builder == "zensical":
        config["docs_dir"] = str(docs.relative_to(path.parent))
        config["site_dir"] = ZENSICAL_OUT
    else:
        config["docs_dir"] = str(docs)
        config["site_dir"] = str(site)
    config["site_name"] = profile.site_name
    # Every page says so while the authority's governance is incomplete (overrides/main.html).
    config.setdefault("extra", {})["not_approved"] = profile.approval_notice
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            ext["pymdownx.snippets"]["base_path"] = [str(docs)]
    theme = config["theme"]
    theme["custom_dir"] = str(CONFIG.parent / theme["custom_dir"])
    if builder == "zensical":
        # Zensical's own look ("modern": white header, its own fonts and icons) is its default;
        # "classic" is Material's, which the site's styles were written and checked against.
        theme["variant"] = "classic"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def run_builder(builder: str, config: Path, site: Path) -> None:
    """The one step that differs: MkDocs or Zensical turns the rendered docs into HTML in site."""
    if builder == "mkdocs":
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config)],
            check=True,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        )
        return
    # The two differences Zensical needs (sitegen/zensical.py says why).
    rewrite_raw_html_links(config.parent / "docs")
    out = config.parent / ZENSICAL_OUT
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", str(config)],
        check=True,
    )
    move_licence_out_of_long_lived_folder(out)
    shutil.rmtree(site, ignore_errors=True)
    site.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(out, site)


@contextmanager
def step(profile_id: str, what: str) -> Iterator[None]:
    """Say what the build is doing, then how long it took: a first build compiles the Python
    runtime's files and takes minutes, and must never sit silent while it does."""
    print(f"[{profile_id}] {what}...", flush=True)
    started = time.perf_counter()
    yield
    print(f"[{profile_id}] {what}: done in {time.perf_counter() - started:.1f} s", flush=True)


def build(profile_id: str, builder: str = "mkdocs", into: Path | None = None) -> float:
    """Build one profile's site (into its usual folder, or under ``into``); returns the seconds
    it took."""
    started = time.perf_counter()
    site = site_dir(profile_id) if into is None else into / site_dir(profile_id).name
    docs = build_dir(profile_id) / "docs"
    docs.parent.mkdir(parents=True, exist_ok=True)
    profile = load_profile(profile_id)
    with step(profile_id, "checking the Python runtime's files (the first build compiles them)"):
        runtime = describe_runtime(profile_id)
    with step(profile_id, "writing the pages from docs/ with this authority's terms"):
        render_tree(DOCS, docs, page_context(profile, runtime))
    write_redirects(docs)
    write_register_page(docs)
    with step(profile_id, "copying the Python runtime and the rules into the site"):
        install_runtime(docs, runtime)
    config = write_config(profile_id, docs, site, builder)
    with step(profile_id, f"building the HTML with {builder}"):
        run_builder(builder, config, site)
    with step(profile_id, "fingerprinting, security policies, offline list and compression"):
        postbuild(site)
    return time.perf_counter() - started


def postbuild(site: Path) -> None:
    """Steps on the built site, in order: renaming first (the rest see the final names), then
    the scripts' integrity (the policy hashes the import maps it adds), compression last."""
    fingerprint_assets(site)
    add_integrity(site)
    add_policies(site)
    write_service_worker(site)
    precompress(site)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--profile", choices=PROFILE_IDS, default=DEFAULT_PROFILE)
    group.add_argument("--all", action="store_true", help="build every profile")
    parser.add_argument("--builder", choices=BUILDERS, default="mkdocs")
    parser.add_argument("--into", type=Path, help="build the site folders under this folder")
    args = parser.parse_args()
    into = args.into.resolve() if args.into else None
    for profile_id in PROFILE_IDS if args.all else (args.profile,):
        seconds = build(profile_id, args.builder, into)
        where = (into or site_dir(profile_id).parent) / site_dir(profile_id).name
        print(f"built {profile_id} with {args.builder} into {where}/ in {seconds:.2f} s")


if __name__ == "__main__":
    main()
