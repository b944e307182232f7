"""The bench's in-page programs, kept as JavaScript modules in ``js/`` so ESLint reads them.

Each file but ``marks.mjs`` (an init script, run as it is) holds one ``export default`` function;
Playwright's ``page.evaluate`` takes that function's source text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

JS = Path(__file__).with_name("js")
_EXPORT = "export default "


@cache
def init_script(name: str) -> str:
    """A script run before the page's own, as written."""
    return (JS / f"{name}.mjs").read_text(encoding="utf-8")


@cache
def function(name: str) -> str:
    """The source of the function ``js/<name>.mjs`` exports by default."""
    text = (JS / f"{name}.mjs").read_text(encoding="utf-8")
    start = text.index(_EXPORT) + len(_EXPORT)
    return text[start:].strip().removesuffix(";")
