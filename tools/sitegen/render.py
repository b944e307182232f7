"""Render docs/ for one profile: Markdown pages are Jinja templates over the profile's terms.

Pages are written once; local terms and contacts come from the profile (``{{ profile.front_door_text }}``),
and generated parts (checklist forms, decision tables) are functions the page calls. Jinja's
comment syntax is moved off ``{# ... #}`` because Markdown's attr_list uses ``{#anchor}``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import jinja2


def make_environment(source: Path) -> jinja2.Environment:
    """A strict Jinja environment: an unknown placeholder fails the build."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(source)),
        undefined=jinja2.StrictUndefined,
        comment_start_string="{%#",
        comment_end_string="#%}",
        keep_trailing_newline=True,
        autoescape=False,
    )


def render_tree(source: Path, target: Path, context: dict[str, Any]) -> list[Path]:
    """Copy ``source`` to ``target``, rendering each ``.md`` file; returns the pages written."""
    if target.exists():
        shutil.rmtree(target)
    env = make_environment(source)
    pages: list[Path] = []
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        out = target / rel
        if path.is_dir():
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            template = env.get_template(rel.as_posix())
            out.write_text(template.render(**context), encoding="utf-8")
            pages.append(out)
        else:
            shutil.copy2(path, out)
    return pages

