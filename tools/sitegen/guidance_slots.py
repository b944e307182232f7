"""What a page says where authorities differ: its slots for each authority's words and names.

A page holds no authority's name or id and no branch on one (decisions/0009). Where authorities
differ, it calls one of these (``page_context`` gives them to every page):

- ``guidance("consent/seeking-consent")``: what each authority whose guidance this site shows
  (``guidance_shown``, its own first) says on that topic, from its folder's
  ``fragments/consent/seeking-consent.md``; then, for each whose folder has no such fragment, the
  line saying so from its data: "<guidance_name> does not cover this." (``silent=`` words the
  line for the topic; ``silent=""`` says nothing, for a topic only some areas have);
- ``fragment("glossary/front-door")``: the same for this authority's own folder alone, for its
  local details (its front door, its terms); "" where it has none, unless ``silent=`` asks for
  the line; ``has_fragment`` tells the page which case it is in;
- ``guidance_names``, ``guidance_documents``, ``guidance_named``, ``rule_sources``: the guidance
  this site shows, by name or title, mid-sentence, with its source tag.

A fragment is rendered with the page's own variables, and ``own_site``: whether this site is its
authority's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lp_rules.profiles import Profile, guidance_shown, load_profile
from lp_rules.sources import RULES_LOCAL_SOURCES

from .paths import fragments_dir
from .render import make_environment


def _mid_sentence(name: str) -> str:
    """A name as it starts a sentence, written to stand mid-sentence: "The X guidance" becomes
    "the X guidance", "Another ..." becomes "another ..."; any other name stays as it is."""
    for article in ("The ", "Another "):
        if name.startswith(article):
            return article.lower() + name[len(article):]
    return name


def _join(items: list[str], joiner: str) -> str:
    """"a", "a or b", "a, b or c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {joiner} {items[-1]}"


def slots(profile: Profile, context: dict[str, Any]) -> dict[str, Callable[..., Any]]:
    """The slot functions for one site's pages; ``context`` is the page's own variables, which
    each fragment is rendered with (filled in by the caller before any slot is called)."""
    shown_ids = guidance_shown(profile.id)
    shown = [load_profile(i) for i in shown_ids]

    def text_of(authority_id: str, name: str) -> str | None:
        path = fragments_dir(authority_id) / f"{name}.md"
        if not path.is_file():
            return None
        template = make_environment(path.parent).from_string(path.read_text(encoding="utf-8"))
        return template.render(**context, own_site=authority_id == profile.id).rstrip("\n")

    def silent_line(authority_id: str, silent: str) -> str:
        return f"{load_profile(authority_id).guidance_name} {silent}." if silent else ""

    def guidance(name: str, silent: str = "does not cover this", inline: bool = False) -> str:
        texts = {i: text_of(i, name) for i in shown_ids}
        # What each says, then who is silent: a silence never sits above another's source line.
        said = [t for t in texts.values() if t]
        said += [s for i, t in texts.items() if t is None and (s := silent_line(i, silent))]
        # inline: within a paragraph, each followed by a space ("**Why.** {{ guidance(...) }}...")
        return "".join(f"{s} " for s in said) if inline else "\n\n".join(said)

    def fragment(name: str, silent: str = "") -> str:
        return text_of(profile.id, name) or silent_line(profile.id, silent)

    def has_fragment(name: str) -> bool:
        return (fragments_dir(profile.id) / f"{name}.md").is_file()

    def guidance_names(joiner: str = "or") -> str:
        """The guidance this site shows, mid-sentence: "X's guidance (source A) or the Y guidance
        (source B)" (each one's ``guidance_name``)."""
        return _join([f"{_mid_sentence(p.guidance_name)} (source {p.own_source})" for p in shown], joiner)

    def guidance_documents() -> str:
        """The documents of the guidance this site shows, by title: "*<title>* (source A) and ..."."""
        return _join([f"*{p.source_title}* (source {p.own_source})" for p in shown], "and")

    def guidance_named(tag: str, mid: bool = False, tagged: bool = False) -> str:
        """The guidance with this source tag by its name where this site shows it (with " (source
        B)" if ``tagged``), else as "Another area's guidance (source B)": a site names only the
        guidance it shows."""
        owner = next((p for p in shown if p.own_source == tag), None)
        name = (owner.guidance_name + (f" (source {tag})" if tagged else "") if owner
                else f"Another area's guidance (source {tag})")
        return _mid_sentence(name) if mid else name

    def rule_sources(joiner: str = "or") -> str:
        """The guidance the checklists' rules were written from, mid-sentence, each with its tag."""
        return _join([guidance_named(t, mid=True, tagged=True) for t in RULES_LOCAL_SOURCES], joiner)

    return {
        "guidance": guidance, "fragment": fragment, "has_fragment": has_fragment,
        "guidance_names": guidance_names, "guidance_named": guidance_named,
        "rule_sources": rule_sources, "guidance_documents": guidance_documents,
    }
