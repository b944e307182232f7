"""The three checklists, each declared as data in its own module."""

from __future__ import annotations

from ..model import Tool
from .change_lead import TOOL as CHANGE_LEAD
from .consent_withdrawn import TOOL as CONSENT_WITHDRAWN
from .who_should_lead import TOOL as WHO_SHOULD_LEAD

TOOLS: dict[str, Tool] = {t.id: t for t in (WHO_SHOULD_LEAD, CHANGE_LEAD, CONSENT_WITHDRAWN)}
TOOL_IDS: tuple[str, ...] = tuple(TOOLS)
