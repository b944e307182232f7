"""What a page template can use: the profile's terms, the rules version, generated parts."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from lp_rules import RULES_VERSION
from lp_rules.links import RELEASES
from lp_rules.profiles import PROFILE_IDS, Profile, load_profile

from . import checklist_html, compare, decision_map, hazards, scenarios, trainer, who_to_call
from .mailto import link_emails_markdown
from .paths import fragments_dir
from .render import make_environment
from .runtime import Runtime


RECENT = timedelta(days=120)
"""How long the home page points to the latest release's "What changed" section."""


def release_is_recent(today: date | None = None) -> bool:
    """Whether the latest rules release is recent enough for the home page to announce it."""
    released = date.fromisoformat(RELEASES[-1].released)
    return (today or date.today()) - released <= RECENT


def guidance_of(tag: str) -> str:
    """The name, as it starts a sentence, of the guidance with this source tag (its
    ``guidance_name``), from the authority whose own guidance it is."""
    for profile_id in PROFILE_IDS:
        profile = load_profile(profile_id)
        if profile.own_source == tag:
            return profile.guidance_name
    raise ValueError(f"no authority's folder gives source {tag!r} as its own guidance")


def page_context(profile: Profile, runtime: Runtime) -> dict[str, Any]:
    """The variables and generated parts every page in docs/ is rendered with.

    ``fragment("glossary/front-door")`` is what this authority's folder says on a topic where
    authorities differ (``fragments/glossary/front-door.md``, rendered with these same
    variables), or "" where its folder has no such fragment: a page holds no branch on an
    authority's id (decisions/0009). ``has_fragment`` tells the page which case it is in, so it
    can say from the data that the area's guidance is silent."""
    folder = fragments_dir(profile.id)

    def has_fragment(name: str) -> bool:
        return (folder / f"{name}.md").is_file()

    def fragment(name: str) -> str:
        path = folder / f"{name}.md"
        if not path.is_file():
            return ""
        template = make_environment(folder).from_string(path.read_text(encoding="utf-8"))
        return template.render(**context).rstrip("\n")

    context: dict[str, Any] = {
        "profile": profile.as_dict(),
        # profile.support_text with its email address as a mailto link, for the Markdown pages.
        "support": link_emails_markdown(profile.support_text),
        "rules_version": RULES_VERSION,
        "latest_release": date.fromisoformat(RELEASES[-1].released).strftime("%-d %B %Y"),
        "release_is_recent": release_is_recent(),
        "checklist": lambda tool_id: checklist_html.checklist(profile, runtime, tool_id),
        "decision_table": lambda tool_id: checklist_html.decision_table(profile, tool_id),
        "scenarios": lambda: scenarios.scenarios_table(profile),
        "trainer_view": lambda: trainer.trainer_view(profile),
        "hazard_log": hazards.hazard_log,
        "decision_map": lambda tool_id, page="tool": decision_map.decision_map(profile, tool_id, page),
        "compare_authorities": compare.compare_table,
        "fragment": fragment,
        "has_fragment": has_fragment,
        "guidance_of": guidance_of,
        "own_guidance": lambda tag: profile.own_source == tag,
        "who_to_call": lambda: who_to_call.who_to_call(profile),
    }
    return context
