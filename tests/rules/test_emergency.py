"""Who to call (issue 21, item 1): every urgent and escalation outcome, in every checklist and
build, starts with routes that always work; no other outcome carries them.

Written from the brief, not from the package: 999 first as ``tel:999``; the area's numbers only
where its profile holds them (both seeds hold none, so the reader is sent to GOV.UK's service and
the local council's website); then GOV.UK's "Report child abuse to a local council" and the NSPCC
helpline (0808 800 5000, help@nspcc.org.uk), each citing a published page.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest

from lp_rules import PROFILE_IDS, evaluate
from lp_rules.emergency import local_routes, parse, routes
from lp_rules.profiles import load_profile
from lp_rules.record import as_text
from lp_rules.register import RegisterError

from . import oracle, space

ESCALATIONS = {"step_up", "report_concern_about_practitioner"}
"""Outcomes that send the concern up today without being urgent in principle 1's sense."""
GOV_UK = "https://www.gov.uk/report-child-abuse-to-local-council"
NSPCC_TEL = "tel:08088005000"
NSPCC_EMAIL = "mailto:help@nspcc.org.uk"


def _hrefs(block: list[dict[str, Any]]) -> list[str]:
    return [link["href"] for route in block for link in route["links"]]


@space.check("asked", "full")
def who_to_call_on_urgent_and_escalation_outcomes(path: space.Path) -> str:
    """Urgent (harm yes or unsure) and escalation outcomes carry the block; others do not."""
    result = path.result
    wanted = oracle.urgent(path.answers) or result["recommendation"] in ESCALATIONS
    assert result["escalation"] == (result["recommendation"] in ESCALATIONS), result["recommendation"]
    if not wanted:
        assert result["emergency"] == [], f"{result['recommendation']} carries who to call"
        return "none"
    block = result["emergency"]
    hrefs = _hrefs(block)
    assert hrefs[0] == "tel:999", f"999 is not first: {hrefs}"
    for href in (GOV_UK, NSPCC_TEL, NSPCC_EMAIL):
        assert href in hrefs, f"{result['recommendation']}: no {href}"
    return "urgent" if result["urgent"] else "escalation"


@space.each_build
def test_who_to_call_on_every_urgent_and_escalation_outcome(build: space.Build) -> None:
    tally = space.assert_held(build, who_to_call_on_urgent_and_escalation_outcomes)
    assert tally["urgent"] and tally["escalation"] and tally["none"], tally


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_no_number_is_invented_where_the_profile_holds_none(profile_id: str) -> None:
    profile = load_profile(profile_id)
    assert not (profile.front_door_phone or profile.out_of_hours_phone), "the seeds give none"
    [local] = local_routes(profile)
    assert local.links == ()
    assert "GOV.UK" in local.text and "local council's website" in local.text
    block = routes(profile)
    assert [r["id"] for r in block] == ["immediate_danger", "front_door", "local_council",
                                        "nspcc_helpline"]
    for route in block:
        if route["links"]:
            assert route["source"]["url"].startswith("https://"), route["id"]
            assert route["source"]["checked"], route["id"]
    digits = {"".join(ch for ch in h if ch.isdigit()) for h in _hrefs(block) if h.startswith("tel:")}
    assert digits == {"999", "08088005000"}, "a number that is neither 999 nor the NSPCC's"


def test_the_areas_numbers_and_hours_where_the_profile_holds_them() -> None:
    profile = dataclasses.replace(load_profile(), front_door_phone="020 0000 0001",
                                  front_door_hours="Monday to Friday, 9am to 5pm",
                                  out_of_hours_phone="020 0000 0002")
    block = routes(profile)
    assert [r["id"] for r in block][:3] == ["immediate_danger", "front_door", "out_of_hours"]
    assert block[1]["links"] == [{"text": "Call 020 0000 0001", "href": "tel:02000000001"}]
    assert "Monday to Friday, 9am to 5pm" in block[1]["text"]
    assert block[2]["links"][0]["href"] == "tel:02000000002"
    assert "Outside Monday to Friday, 9am to 5pm" in block[2]["title"]


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_the_record_says_who_to_call_before_what_to_do(profile_id: str) -> None:
    answers = {"harm": "unsure"}
    result = evaluate("change-lead", answers, profile_id, explain=True)
    text = as_text(result, answers, load_profile(profile_id), "2026-12-06")
    assert text.index("Outcome:") < text.index("Who to call:") < text.index("What to do:")
    for written in ("999", "0808 800 5000", "help@nspcc.org.uk", GOV_UK):
        assert written in text.split("What to do:")[0], written
    calm = {"harm": "no", "safety": "no", "event": "absence_short"}
    result = evaluate("change-lead", calm, profile_id, explain=True)
    assert result["recommendation"] == "cover_absence"
    assert "Who to call:" not in as_text(result, calm, load_profile(profile_id), "2026-12-06")


def test_a_route_without_a_checked_source_or_a_link_is_refused() -> None:
    good = {"id": "immediate_danger", "title": "T", "text": "X", "source": "S",
            "source_url": "https://example.org/", "checked_from": ["https://example.org/"],
            "checked_on": "2026-12-06", "links": [{"text": "Call 999", "href": "tel:999"}]}
    parse({"route": [good]})
    for broken, says in (({"checked_from": []}, "checked_from"),
                         ({"links": []}, "at least one link"),
                         ({"links": [{"text": "x", "href": "javascript:alert(1)"}]}, "href"),
                         ({"source_url": "http://example.org/"}, "https://"),
                         ({"id": "nspcc_helpline"}, "first [[route]]")):
        with pytest.raises(RegisterError, match=re.escape(says)):
            parse({"route": [{**good, **broken}]})
