"""The "Compare the authorities" page: every profile field, each marked same or differs exactly
where the profiles' TOML files agree or differ, values as the files give them and nothing else.

The expectations are computed here from the TOML files, independently of the page's generator
(tools/sitegen/compare.py); the page is read from the built sites.
"""

from __future__ import annotations

import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from lp_rules.profiles import FOLDERS, PUBLISHED_IDS as PROFILE_IDS

from .conftest import ROOT, SITES

# The table sets the published authorities side by side (not the tests' fictional one).
TOML: dict[str, dict[str, Any]] = {
    pid: tomllib.loads(FOLDERS[pid].joinpath("profile.toml").read_text(encoding="utf-8"))
    for pid in PROFILE_IDS
}
FIELDS = set().union(*(data.keys() for data in TOML.values()))
DIFFERING = {f for f in FIELDS if len({repr(TOML[p].get(f)) for p in TOML}) > 1}


class _Table(HTMLParser):
    """The comparison table's rows: field, state, and each cell's text (column labels that are
    shown only when rows stack are left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_table = False
        self.caption = ""
        self.headers: list[tuple[str, str]] = []  # (scope, text) of the head row
        self.rows: dict[str, dict[str, Any]] = {}
        self.row: dict[str, Any] | None = None
        self.cell: list[str] | None = None
        self.where = ""
        self.skip = 0
        self.cell_tag = ""
        self.build = ""
        """The profile whose site the page was read from."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table" and "lp-compare-table" in (a.get("class") or ""):
            self.in_table = True
        if not self.in_table:
            return
        if tag in ("caption", "thead", "tbody"):
            self.where = tag
        if tag == "caption":
            self.cell = []
        elif tag == "tr" and a.get("data-compare-field"):
            self.row = {"field": a["data-compare-field"], "state": a.get("data-compare"), "cells": [],
                        "row_header_scope": None}
        elif tag in ("th", "td"):
            self.cell = []
            self.cell_tag = tag
            if self.where == "thead":
                self.headers.append((a.get("scope") or "", ""))
            elif self.row is not None and tag == "th":
                self.row["row_header_scope"] = a.get("scope")
        elif tag == "span" and "lp-compare-label" in (a.get("class") or ""):
            self.skip += 1
        elif tag == "span" and self.skip:
            self.skip += 1
        if tag == "a" and self.row is not None:
            self.row.setdefault("links", []).append(a.get("href"))

    def handle_endtag(self, tag: str) -> None:
        if not self.in_table:
            return
        if tag == "table":
            self.in_table = False
        elif tag == "span" and self.skip:
            self.skip -= 1
        elif tag == "caption" and self.cell is not None:
            self.caption = " ".join(self.cell).strip()
            self.cell = None
        elif tag in ("th", "td") and self.cell is not None:
            text = re.sub(r"\s+", " ", "".join(self.cell)).strip()
            if self.where == "thead":
                self.headers[-1] = (self.headers[-1][0], text)
            elif self.row is not None and self.cell_tag == "th":
                self.row["header"] = text
            elif self.row is not None:
                self.row["cells"].append(text)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows[self.row["field"]] = self.row
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None and not self.skip:
            self.cell.append(data)


def _read(folder: Path) -> _Table:
    table = _Table()
    table.feed((folder / "compare-authorities" / "index.html").read_text(encoding="utf-8"))
    return table


@pytest.fixture(scope="module", params=list(SITES))
def page(request: pytest.FixtureRequest) -> _Table:
    folder = SITES[request.param]
    if not (folder / "compare-authorities" / "index.html").exists():
        pytest.fail(f"{folder} is not built: run `make build-all` first")
    table = _read(folder)
    table.build = request.param
    return table


def test_the_profiles_really_differ_somewhere() -> None:
    """The test means something: the two profiles differ, and agree on some fields."""
    assert {"front_door", "review_interval", "referral_lead", "child_voice", "roles"} <= DIFFERING
    assert FIELDS - DIFFERING


def test_every_profile_field_has_a_row(page: _Table) -> None:
    assert set(page.rows) == FIELDS



def test_rows_say_same_or_differs_exactly_where_the_profiles_do(page: _Table) -> None:
    differs = {f for f, r in page.rows.items() if r["state"] == "differs"}
    same = {f for f, r in page.rows.items() if r["state"] == "same"}
    assert differs == DIFFERING
    assert same == FIELDS - DIFFERING
    for field, row in page.rows.items():
        status = row["cells"][len(PROFILE_IDS)]
        assert status.startswith("Differs" if field in DIFFERING else "Same"), (field, status)


def test_columns_name_each_profile_in_order(page: _Table) -> None:
    assert page.caption
    texts = [t for _, t in page.headers]
    assert [s for s, _ in page.headers] == ["col"] * len(page.headers)
    assert texts[0] == "Setting" and texts[-2:] == ["Same or differs", "A council must decide"]
    for text, pid in zip(texts[1:-2], PROFILE_IDS):
        area = TOML[pid]["area"]
        assert text == area[:1].upper() + area[1:]


CONTACTS = {"front_door_contact", "front_door_phone", "front_door_hours", "out_of_hours_phone",
            "support_contact", "support_email", "training_booking_name", "training_booking_url",
            "lado_contact"}
"""Who to reach and how (RULES.md principle 8: a build shows only its own area's)."""
DETAILS = ("front_door_contact", "front_door_phone", "out_of_hours_phone", "support_email",
           "training_booking_url", "lado_contact")
"""The contact details themselves (an organisation's name may be compared; its address not)."""
OTHER_AREAS = "Given in that area's profile: each site shows only its own area's contacts."


def test_values_are_the_profiles_own_and_nothing_is_invented(page: _Table) -> None:
    for field, row in page.rows.items():
        assert row["row_header_scope"] == "row" and field in row["header"]
        for pid, cell in zip(PROFILE_IDS, row["cells"]):
            value = TOML[pid][field]
            if field in CONTACTS and value and pid != page.build:
                assert cell == OTHER_AREAS, (page.build, pid, field, cell)
            elif isinstance(value, bool):
                assert cell == ("On" if value else "Off"), (pid, field, cell)
            elif field == "roles":
                assert len(value) and cell, (pid, field)
            elif field == "training":
                for course in value:
                    assert course["title"] in cell, (pid, course["title"])
                if not value:
                    assert cell == "None listed"
            elif field == "guidance_shown":  # each area named, in the profile's order
                at = [cell.lower().find(TOML[shown]["area"].lower()) for shown in value]
                assert -1 not in at and at == sorted(at), (pid, cell)
            elif field in ("referral_lead", "child_voice"):
                assert cell.startswith(f"{value}:"), (pid, field, cell)
            elif value:
                assert cell.startswith(value), (pid, field, cell)
            else:
                assert cell.startswith("Not given"), (pid, field, cell)


def test_every_contact_on_the_page_comes_from_a_profile(page: _Table) -> None:
    values = " ".join(str(v) for data in TOML.values() for v in data.values())
    for row in page.rows.values():
        for cell in row["cells"]:
            for email in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", cell):
                assert email in values, email
            for url in re.findall(r"https?://[^\s\"<>)]+", cell):
                assert url.rstrip(".") in values, url
        for href in row.get("links", []):
            assert not re.match(r"^(https?:)?//", href or ""), f"no link leaves the site: {href}"


def test_every_row_says_what_a_council_must_decide(page: _Table) -> None:
    for field, row in page.rows.items():
        assert len(row["cells"]) == len(PROFILE_IDS) + 2, field
        assert len(row["cells"][-1]) > 20, field


def test_review_action_is_given_only_where_there_is_an_interval(page: _Table) -> None:
    row = page.rows["review_interval"]
    for pid, cell in zip(PROFILE_IDS, row["cells"]):
        if TOML[pid]["review_interval"]:
            assert "Outcomes with the review action say" in cell and TOML[pid]["review_interval"] in cell
            assert "left out" not in cell
        else:
            assert "review_every_6_8_weeks is left out of every outcome" in cell


def test_each_build_shows_only_its_own_contacts() -> None:
    """Principle 8: no page of a build names another area's contact, anywhere on its site."""
    checked = 0
    for build, folder in SITES.items():
        own = tomllib.loads(FOLDERS[build].joinpath("profile.toml").read_text(encoding="utf-8"))
        others = [str(TOML[pid][f]) for pid in PROFILE_IDS if pid != build for f in DETAILS
                  if TOML[pid].get(f) and TOML[pid][f] != own.get(f)]
        checked += len(others)
        for path in folder.rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            for contact in others:
                assert contact not in text, (build, path.relative_to(folder), contact)
    assert checked, "the test means something: some build has another area's contact to hide"
