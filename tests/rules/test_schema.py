"""The schema the site is generated from: every question and option of the contract."""

from __future__ import annotations

from lp_rules import RULES_VERSION, get_tool, schema

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
