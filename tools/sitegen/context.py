"""What a page template can use: the profile's terms, the rules version, generated parts."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from lp_rules import RULES_VERSION
from lp_rules.links import RELEASES
from lp_rules.profiles import Profile

from . import (checklist_html, compare, decision_map, guidance_slots, hazards, scenarios, trainer,
               who_to_call)
from .mailto import link_emails_markdown
from .runtime import Runtime


RECENT = timedelta(days=120)
"""How long the home page points to the latest release's "What changed" section."""


def release_is_recent(today: date | None = None) -> bool:
    """Whether the latest rules release is recent enough for the home page to announce it."""
    released = date.fromisoformat(RELEASES[-1].released)
    return (today or date.today()) - released <= RECENT


def page_context(profile: Profile, runtime: Runtime) -> dict[str, Any]:
    """The variables and generated parts every page in docs/ is rendered with; where
    authorities differ, the slots of guidance_slots.py (a page holds no authority's name or id
    and no branch on one: decisions/0009)."""
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
        "who_to_call": lambda: who_to_call.who_to_call(profile),
    }
    context.update(guidance_slots.slots(profile, context))
    return context
