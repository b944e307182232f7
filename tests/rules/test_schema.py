"""The schema the site is generated from: every question and option of the contract."""

from __future__ import annotations

import pytest

from lp_rules import RULES_VERSION, get_tool, load_profile, schema

from .oracle import QUESTIONS, ROLES

CONTRACT = {
    "who-should-lead": ["harm", "social_care", "existing_plan", "services", "consent",
                        "young_person_can_consent", "candidates"],
    "change-lead": ["harm", "event", "family_agrees", "successor", "consent_covers_successor",
                    "changes_so_far"],
    "consent-withdrawn": ["harm", "who", "competence", "scope", "escalation_risk", "how", "reason"],
}


def test_schema_lists_every_question_in_asking_order() -> None:
    data = schema()
    assert data["rules_version"] == RULES_VERSION
    for tool in data["tools"]:
        assert [q["id"] for q in tool["questions"]] == CONTRACT[tool["id"]]
        for q in tool["questions"]:
            assert q["text"] and q["summary"]
            if q["kind"] == "choice":
                # The contract's option ids, pinned in the oracle (written from RULES.md), not
                # read back from the package.
                pinned = dict(QUESTIONS[tool["id"]])[q["id"]]
                assert [o["id"] for o in q["options"]] == list(pinned)
            else:
                assert q["max_items"] == 8
                assert [f["id"] for f in q["fields"]] == ["role", "relationship", "family_view",
                                                         "main_needs", "capacity", "leaving_soon"]
                assert [o["id"] for o in q["fields"][0]["options"]] == list(ROLES)


def test_decision_table_follows_rule_order_with_sources() -> None:
    for tool in schema()["tools"]:
        rows = tool["decision_table"]
        assert [r["recommendation"] for r in rows] == [r.code for r in get_tool(tool["id"]).rules]
        assert all(r["when"] and r["citations"] for r in rows)
        assert rows[0]["when"].startswith("Significant harm suspected")


def _every_error(profile: str) -> list[tuple[str, str, bool]]:
    """(question or field id, its error message, whether it is a practitioner field)."""
    found = []
    for tool in schema(load_profile(profile))["tools"]:
        for q in tool["questions"]:
            found.append((q["id"], q.get("error", ""), False))
            found.extend((f["id"], f.get("error", ""), True) for f in q.get("fields", []))
    return found


@pytest.mark.parametrize("profile", ["merton", "graduated-pathway"])
def test_every_question_and_field_has_a_plain_error_message(profile: str) -> None:
    """GOV.UK's pattern: "Select ..." (or "Add ..." for the list), in words, with no id in it,
    and a practitioner field's message names the practitioner by number ({n})."""
    # Ids that read as ids (one word is also a word: "services", "who", "how").
    ids = {qid for qid, _, _ in _every_error(profile) if "_" in qid} | {
        o for qs in QUESTIONS.values() for _, opts in qs for o in opts if "_" in o
    }
    for qid, message, is_field in _every_error(profile):
        assert message.startswith(("Select ", "Add ")), (qid, message)
        assert not message.endswith("."), (qid, message)  # GOV.UK error messages have no stop
        assert ("{n}" in message) == is_field, (qid, message)
        words = set(message.replace("{n}", "").replace("'", " ").split())
        assert not words & ids, (qid, message)
