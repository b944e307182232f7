"""The page's Check your answers says what the outcome model's answers say (issue 23 item 3).

The page draws Check your answers at once, before Python is ready, as GOV.UK's summary list with
a Change link per answer; the record, the trainer's view and the print draw the model's
``presentation.answer_items``. Both take their words from the package (each question's summary,
each option's label, the list's role field): this test holds them to the same answers in the
same order, the same answers marked "not needed", and the same practitioners.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from lp_rules import DEFAULT_PROFILE, evaluate, load_profile
from lp_rules.links import parse_query, read_link
from lp_rules.presentation import NOT_NEEDED, answer_items

from .conftest import Site, wait_ready

LINKS = {
    # Three practitioners, one who cannot lead.
    "who-should-lead": "v=2&harm=no&safety=no&social_care=none&existing_plan=no&services=several"
                       "&consent=agreed&young_person_can_consent=yes"
                       "&candidates=gp.poor.objects.no.no.yes~health_visitor.good.not_asked.no.yes.no"
                       "~teacher.good.agrees.yes.yes.no",
    # Two answers the outcome (a short absence) no longer needs.
    "change-lead": "v=2&harm=no&safety=no&event=absence_short&family_agrees=yes&successor=yes",
    # The longest way through: every question asked.
    "consent-withdrawn": "v=2&harm=no&safety=yes&who=parent_carer&competence=not_applicable"
                         "&other_parent_agrees=no&scope=all_early_help&escalation_risk=yes"
                         "&how=told_us&reason=relationship_with_lead",
}

ROWS = """() => [...document.querySelectorAll('.lp-answers:not([hidden]) .lp-summary-row')].map(r => ({
    summary: r.querySelector('dt').textContent.trim(),
    value: r.querySelector('dd').firstChild.textContent.trim(),
    notNeeded: r.dataset.notNeeded === 'true',
}))"""


@pytest.mark.parametrize("tool_id", list(LINKS))
def test_check_your_answers_says_what_the_model_says(page: Page, site: Site, tool_id: str) -> None:
    answers = read_link(tool_id, parse_query(tool_id, LINKS[tool_id])).answers
    profile = load_profile(DEFAULT_PROFILE)
    result = evaluate(tool_id, answers, profile)
    assert result["status"] == "complete", result["next"]  # the link is a complete answer set
    expected = []
    for item in answer_items(tool_id, answers, profile, frozenset(result["relevant"])):
        summary, _, value = item.text.partition(": ")
        not_needed = value.endswith(f" ({NOT_NEEDED})")
        value = value.removesuffix(f" ({NOT_NEEDED})")
        if item.sub:  # a list: the page names each practitioner by role, the model in full
            value = ", ".join(line.split(" (")[0] for line in item.sub)
        expected.append({"summary": summary, "value": value, "notNeeded": not_needed})

    page.goto(site.url(f"tools/{tool_id}/#{LINKS[tool_id]}"))
    wait_ready(page)
    assert page.evaluate(ROWS) == expected
