"""The share-link format, from the one fixture file the page's JavaScript tests read too
(tests/fixtures/share_links.json, read by tests/js/core.test.mjs through core.js's codec): a
link's query means the answers it lists, and those answers are written back as the query."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lp_rules.links import parse_query, query_string, read_link, share_query

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "share_links.json"
LINKS: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))["links"]


@pytest.mark.parametrize("link", LINKS, ids=[link["name"] for link in LINKS])
def test_a_link_means_its_answers(link: dict[str, Any]) -> None:
    reading = read_link(link["tool"], parse_query(link["tool"], link["query"]))
    assert reading.answers == link["answers"]
    assert not reading.migrated


@pytest.mark.parametrize("link", LINKS, ids=[link["name"] for link in LINKS])
def test_answers_are_written_as_the_link(link: dict[str, Any]) -> None:
    written = query_string(share_query(link["tool"], link["answers"]))
    assert written == link.get("written", link["query"])
