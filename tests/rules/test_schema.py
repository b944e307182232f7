"""The schema the site is generated from: every question and option of the contract."""

from __future__ import annotations

import pytest

from lp_rules import PROFILE_IDS, RULES_VERSION, get_tool, load_profile, schema

from .oracle import QUESTIONS, ROLES

CONTRACT = {
    "who-should-lead": ["harm", "safety", "social_care", "existing_plan", "services", "consent",
                        "young_person_can_consent", "candidates"],
    "change-lead": ["harm", "safety", "event", "concern_about_lead", "family_agrees", "successor",
                    "consent_covers_successor", "changes_so_far"],
    "consent-withdrawn": ["harm", "safety", "who", "competence", "other_parent_agrees", "scope",
                          "escalation_risk", "how", "reason"],
}
"""Asking order: `harm` first, `safety` "right after `harm` is `no`" (principle 7), each new
2.1 question right after the answer that makes it asked."""
NEW_IN_2_1 = {
    "safety": ("yes", "no", "unsure"),
    "concern_about_lead": ("harm_threshold", "conduct_or_complaint", "no", "unsure"),
    "other_parent_agrees": ("yes", "no", "no_one_else", "unsure"),
}
"""RULES.md 2.1's new questions' option ids, pinned here from the contract until the oracle
(tests/rules/oracle.py) lists them too."""
SAFETY_TEXT = (
    "Do you know of or suspect domestic abuse, honour-based abuse or exploitation, or anyone "
    "(in the family or outside it, such as an ex-partner) who could harm someone if they "
    "learned of this contact, this plan, or where someone is?"
)
"""Principle 7's exact wording."""


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
                pinned = dict(QUESTIONS[tool["id"]]).get(q["id"]) or NEW_IN_2_1[q["id"]]
                assert [o["id"] for o in q["options"]] == list(pinned)
            else:
                assert q["max_items"] == 8
                assert [f["id"] for f in q["fields"]] == ["role", "relationship", "family_view",
                                                         "main_needs", "capacity", "leaving_soon"]
                assert q["role_field"] == "role"
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


@pytest.mark.parametrize("profile", PROFILE_IDS)
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


def test_the_safety_question_is_asked_in_every_tool_in_the_contracts_words() -> None:
    for tool in schema()["tools"]:
        safety = next(q for q in tool["questions"] if q["id"] == "safety")
        assert safety["text"] == SAFETY_TEXT


def test_the_16_17_hint_follows_the_mental_capacity_act() -> None:
    """Change 10: "MCA 2005 wording for 16-17 (assumed unless established otherwise,
    decision-specific, best interests)"; 2.0's "presumed unless there is reason to doubt it"
    conflicts with s1(2)."""
    tool = next(t for t in schema()["tools"] if t["id"] == "consent-withdrawn")
    competence = next(q for q in tool["questions"] if q["id"] == "competence")
    hint = next(o["hint"] for o in competence["options"] if o["id"] == "aged_16_17")
    for words in ("assumed to have capacity unless it is established", "1(2)", "1(3)", "1(4)",
                  "this decision", "best interests", "section 4"):
        assert words in hint, words
    assert "reason to doubt" not in hint


def test_schema_names_every_rules_2_1_source() -> None:
    """Shared contract 3: the national tags of rules 2.1, and WT23 no more; the local tags are
    the authorities' own (A, B and any other authority's, such as the tests' fictional one)."""
    tags = set(schema()["sources"])
    local = {load_profile(p).own_source for p in PROFILE_IDS}
    assert {"A", "B"} <= local
    assert {"WT", "IS24", "CA89", "DPA", "MCA05", "DAA21", "CONF", "CWSA26", "FFP",
            "LOCAL"} | local == tags
    assert schema()["sources"]["WT"] == "Working Together to Safeguard Children 2026 (DfE)"
