"""Build the site for one authority profile, or all of them.

    python tools/build_site.py                       # the default profile (Merton) into site/
    python tools/build_site.py --profile graduated-pathway   # into site-graduated-pathway/
    python tools/build_site.py --all

Steps: render docs/ with the profile's terms into build/<profile>/docs, add the Pyodide runtime
and the rules wheel, write build/<profile>/mkdocs.yml (a copy of mkdocs.yml with this profile's
folders and name), then `mkdocs build --strict`, then the post-build steps on the built HTML
(our scripts and styles renamed by content, each page's Content-Security-Policy, the service
worker's precache list, precompressed copies).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitegen.caching import fingerprint_assets  # noqa: E402
from sitegen.context import page_context  # noqa: E402
from sitegen.csp import add_policies  # noqa: E402
from sitegen.offline import write_service_worker  # noqa: E402
from sitegen.precompress import precompress  # noqa: E402
from sitegen.paths import CONFIG, DOCS, build_dir, site_dir  # noqa: E402
from sitegen.redirects import write_redirects  # noqa: E402
from sitegen.render import render_tree  # noqa: E402
from sitegen.runtime import describe_runtime, install_runtime  # noqa: E402

from lp_rules.profiles import PROFILE_IDS, load_profile  # noqa: E402


def write_config(profile_id: str, docs: Path) -> Path:
    """This profile's copy of mkdocs.yml, with its own folders and site name."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    profile = load_profile(profile_id)
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(site_dir(profile_id))
    config["site_name"] = profile.site_name
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            ext["pymdownx.snippets"]["base_path"] = [str(docs)]
    theme = config["theme"]
    theme["custom_dir"] = str(CONFIG.parent / theme["custom_dir"])
    path = build_dir(profile_id) / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def build(profile_id: str) -> float:
    """Build one profile's site; returns the seconds it took."""
    started = time.perf_counter()
    docs = build_dir(profile_id) / "docs"
    docs.parent.mkdir(parents=True, exist_ok=True)
    profile = load_profile(profile_id)
    runtime = describe_runtime()
    render_tree(DOCS, docs, page_context(profile, runtime))
    write_redirects(docs)
    install_runtime(docs, runtime)
    config = write_config(profile_id, docs)
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config)],
        check=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    postbuild(site_dir(profile_id))
    return time.perf_counter() - started


def postbuild(site: Path) -> None:
    """Steps on the built site, in order: renaming first (the rest see the final names),
    compression last."""
    fingerprint_assets(site)
    add_policies(site)
    write_service_worker(site)
    precompress(site)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--profile", choices=PROFILE_IDS, default="merton")
    group.add_argument("--all", action="store_true", help="build every profile")
    args = parser.parse_args()
    for profile_id in PROFILE_IDS if args.all else (args.profile,):
        seconds = build(profile_id)
        print(f"built {profile_id} into {site_dir(profile_id).name}/ in {seconds:.2f} s")


if __name__ == "__main__":
    main()
