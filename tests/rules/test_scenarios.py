"""The worked examples in shared/domain/scenarios.json, read from that file (not copied)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lp_rules import evaluate

from .conftest import SCENARIOS


def _load() -> list[dict[str, Any]]:
    if not SCENARIOS.exists():
        return []
    data: list[dict[str, Any]] = json.loads(SCENARIOS.read_text(encoding="utf-8"))
    return data


def test_worked_examples_are_present(scenarios_path: Path) -> None:
    assert len(_load()) >= 10, "the worked examples file should hold the brief's scenarios"


@pytest.mark.parametrize("scenario", _load(), ids=lambda s: s["name"])
def test_worked_example(scenario: dict[str, Any]) -> None:
    result = evaluate(scenario["tool"], scenario["answers"])
    expect = scenario["expect"]
    assert result["status"] == expect["status"]
    if "recommendation" in expect:
        assert result["recommendation"] == expect["recommendation"]
    if "suggested_candidate" in expect:
        assert result["suggested_candidate"] == expect["suggested_candidate"]
    if "next_first" in expect:
        assert result["next"][0] == expect["next_first"]
    codes = [a["code"] for a in result["actions"]]
    for code in expect.get("actions_include", []):
        assert code in codes, f"{code} missing from {codes}"
    for code in expect.get("actions_exclude", []):
        assert code not in codes, f"{code} should not be in {codes}"
