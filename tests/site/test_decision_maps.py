"""The decision maps: every question and outcome of each checklist, in the rules' order, urgent
outcomes marked in words, in each profile's terms, and accessible markup.

The expectations come from the rules package (lp_rules.checklists.TOOLS, lp_rules.schema), not
from the map's generator; the maps are read from the built pages.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from lp_rules import schema
from lp_rules.checklists import TOOLS
from lp_rules.model import Always
from lp_rules.profiles import DEFAULT_PROFILE, load_profile
from tests.rules.oracle import FACTS

from .conftest import ROOT, SITES

sys.path.insert(0, str(ROOT / "tools"))
from sitegen import decision_map  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
TOOL_IDS = list(TOOLS)


def _maps(path: Path) -> dict[str, ET.Element]:
    """Each decision map on a built page, by tool id, parsed as XML."""
    source = path.read_text(encoding="utf-8")
    found = {}
    for match in re.finditer(r'<svg class="lp-map".*?</svg>', source, re.S):
        element = ET.fromstring(match.group(0))
        found[element.get("data-map-tool")] = element
    return found


def _text(element: ET.Element) -> str:
    """The words in an SVG element, its lines joined by spaces."""
    parts = [t.strip() for t in element.itertext() if t.strip()]
    return re.sub(r"\s+", " ", " ".join(parts))


def _shown_text(element: ET.Element) -> str:
    """The words shown before any path is highlighted (without the hidden marks)."""
    parts = []
    for child in element:
        if "lp-map-mark" in (child.get("class") or "").split():
            continue
        parts.append(_text(child) if len(child) or child.text else "")
    return re.sub(r"\s+", " ", " ".join(p for p in parts if p))


def _nodes(svg: ET.Element, kind: str) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if f"lp-map-{kind}" in (g.get("class") or "").split()]


def _pages(folder: Path) -> list[tuple[str, Path]]:
    """(tool id, page) for each place a tool's map is shown: its own page and the maps page."""
    return [(t, folder / "tools" / t / "index.html") for t in TOOL_IDS] + [
        (t, folder / "decision-maps" / "index.html") for t in TOOL_IDS
    ]


@pytest.fixture(scope="module", params=list(SITES))
def site(request: pytest.FixtureRequest) -> tuple[str, Path]:
    folder = SITES[request.param]
    if not (folder / "decision-maps" / "index.html").exists():
        pytest.fail(f"{folder} is not built: run `make build-all` first")
    return request.param, folder


def test_each_checklist_page_and_the_maps_page_show_the_maps(site: tuple[str, Path]) -> None:
    _, folder = site
    for tool_id in TOOL_IDS:
        assert list(_maps(folder / "tools" / tool_id / "index.html")) == [tool_id]
    assert list(_maps(folder / "decision-maps" / "index.html")) == TOOL_IDS


def test_every_rule_is_a_decision_node_in_order_with_its_outcome(site: tuple[str, Path]) -> None:
    profile_id, folder = site
    profile = load_profile(profile_id)
    for tool_id, page in _pages(folder):
        svg = _maps(page)[tool_id]
        rules = TOOLS[tool_id].rules
        rows = next(t for t in schema(profile)["tools"] if t["id"] == tool_id)["decision_table"]
        decisions = _nodes(svg, "decision")
        outcomes = _nodes(svg, "outcome")
        assert [d.get("data-map-rule") for d in decisions] == [str(i) for i in range(len(rules))]
        assert [d.get("data-map-code") for d in decisions] == [row["recommendation"] for row in rows]
        assert [o.get("data-map-for") for o in outcomes] == [str(i) for i in range(len(rules))]
        # Each rule's outcome as this authority's decision table gives it: its own code, or
        # guidance_silent where the rule rests on local practice alone and the authority has it
        # off (the fictional authority, like any new one, starts with it off).
        assert [o.get("data-map-outcome") for o in outcomes] == [row["recommendation"] for row in rows]
        if profile.local_practice:
            assert [row["recommendation"] for row in rows] == [r.code for r in rules]
        for rule, row, decision, outcome in zip(rules, rows, decisions, outcomes):
            assert row["when"].lower() in _shown_text(decision).lower(), (tool_id, rule.code)
            assert row["title"] in _shown_text(outcome), (tool_id, rule.code)


def test_every_question_a_rule_reads_is_on_the_map(site: tuple[str, Path]) -> None:
    profile_id, folder = site
    profile = load_profile(profile_id)
    for tool_id, page in _pages(folder):
        svg = _maps(page)[tool_id]
        tool = next(t for t in schema(profile)["tools"] if t["id"] == tool_id)
        summaries = {q["id"]: q["summary"] for q in tool["questions"]}
        read = set().union(*(r.when.questions() for r in TOOLS[tool_id].rules))
        assert read, tool_id
        for rule, decision in zip(TOOLS[tool_id].rules, _nodes(svg, "decision")):
            named = set((decision.get("data-map-questions") or "").split())
            assert named == set(rule.when.questions()), (tool_id, rule.code)
            for qid in rule.when.questions():
                assert summaries[qid] in _shown_text(decision), (tool_id, rule.code, qid)
        shown = {q for d in _nodes(svg, "decision") for q in (d.get("data-map-questions") or "").split()}
        assert shown == read, tool_id


def test_arrows_join_each_rule_to_its_outcome_and_the_next_rule(site: tuple[str, Path]) -> None:
    _, folder = site
    for tool_id, page in _pages(folder):
        svg = _maps(page)[tool_id]
        count = len(TOOLS[tool_id].rules)
        edges = [(g.get("data-map-edge"), g.get("data-map-from")) for g in _nodes(svg, "edge")]
        assert sorted(f for kind, f in edges if kind == "yes") == sorted(str(i) for i in range(count))
        assert sorted(f for kind, f in edges if kind == "no") == sorted(str(i) for i in range(count - 1))
        labels = {g.get("data-map-edge"): _text(g) for g in _nodes(svg, "edge")}
        assert labels["no"] == "No"
        last = TOOLS[tool_id].rules[-1]
        assert isinstance(last.when, Always) or tool_id == "change-lead", "a catch-all ends the rules"


def test_urgent_outcomes_are_marked_in_words_not_colour_alone(site: tuple[str, Path]) -> None:
    _, folder = site
    for tool_id, page in _pages(folder):
        svg = _maps(page)[tool_id]
        rules = TOOLS[tool_id].rules
        assert any(r.urgent for r in rules), tool_id
        for rule, outcome in zip(rules, _nodes(svg, "outcome")):
            classes = (outcome.get("class") or "").split()
            words = _shown_text(outcome)
            if rule.urgent:
                assert outcome.get("data-map-urgent") is not None, rule.code
                assert "lp-map-urgent" in classes
                assert words.startswith("Urgent "), (rule.code, words)
                assert outcome.find(f".//{SVG}g[@class='lp-map-icon']") is not None, "a warning sign"
            else:
                assert outcome.get("data-map-urgent") is None and "lp-map-urgent" not in classes
                assert "Urgent" not in words and words.startswith("Outcome "), (rule.code, words)


def test_maps_use_the_profiles_terms(site: tuple[str, Path]) -> None:
    profile_id, folder = site
    text = " ".join(_text(svg) for svg in _maps(folder / "decision-maps" / "index.html").values())
    front_door = FACTS[profile_id]["front_door"]  # from its oracle table, written from its guidance
    assert (front_door or "your local children's social care front door") in text
    for other, facts in FACTS.items():
        if other != profile_id:
            for term in facts["own_terms"]:
                assert term not in text, (other, term)


def test_maps_are_accessible_images_of_real_text(site: tuple[str, Path]) -> None:
    _, folder = site
    for tool_id, page in _pages(folder):
        source = page.read_text(encoding="utf-8")
        svg = _maps(page)[tool_id]
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby", "").split()
        title = svg.find(f"{SVG}title")
        desc = svg.find(f"{SVG}desc")
        assert title is not None and title.get("id") == title_id
        assert desc is not None and desc.get("id") == desc_id
        assert TOOLS[tool_id].title in (title.text or "")
        assert "decision table" in (desc.text or "")
        # Real text, coloured through classes: no inline styles, no text drawn as paths.
        assert svg.find(f".//{SVG}text") is not None and svg.find(f".//{SVG}path") is None
        for element in svg.iter():
            assert "style" not in element.attrib, element.tag
            assert "fill" not in element.attrib and "stroke" not in element.attrib, element.tag
        # The text alternative: the decision table, linked from beside the map.
        if "tools" in page.parts:
            assert 'id="decision-table"' in source and 'href="#decision-table"' in source
            details = re.search(r'<details class="lp-decision-map" id="decision-map"[^>]*>\s*'
                                r"<summary>Decision map</summary>", source)
            assert details, "the map is in a collapsed <details> called Decision map"
            assert " open" not in details.group(0)
        else:
            assert f'href="../tools/{tool_id}/#decision-table"' in source


def test_highlight_hooks_and_styles_exist(site: tuple[str, Path]) -> None:
    """The page's script will set lp-map-path / lp-map-here; the marks and styles are ready."""
    _, folder = site
    # Named by its content after the build (tools/sitegen/caching.py): maps.<hash>.css.
    [maps_css] = (folder / "assets" / "css").glob("maps.*.css")
    css = maps_css.read_text(encoding="utf-8")
    for selector in (".lp-map-path > .lp-map-mark--path", ".lp-map-here > .lp-map-mark--here",
                     ".lp-map-node.lp-map-path .lp-map-shape", ".lp-map-edge.lp-map-here .lp-map-line"):
        assert selector in css, selector
    svg = _maps(folder / "tools" / "who-should-lead" / "index.html")["who-should-lead"]
    for node in _nodes(svg, "decision"):
        marks = {m.get("class") for m in node.findall(f"{SVG}g")}
        assert marks == {"lp-map-mark lp-map-mark--path", "lp-map-mark lp-map-mark--here"}
    for node in _nodes(svg, "outcome"):
        assert "Your outcome" in _text(node)


def test_a_profile_without_local_practice_shows_where_the_guidance_is_silent() -> None:
    """Where local practice is off, a rule resting on it alone gives "The guidance does not
    cover this" (lp_rules.engine), and the map says so."""
    profile = replace(load_profile(DEFAULT_PROFILE), local_practice=False)
    steps = decision_map.steps(profile, "consent-withdrawn")
    by_code = {r.code: s for r, s in zip(TOOLS["consent-withdrawn"].rules, steps)}
    assert by_code["continue_agreed_parts"].code == "guidance_silent"
    assert by_code["continue_agreed_parts"].title == "The guidance does not cover this"
    assert by_code["continue_universal_support"].code == "continue_universal_support"


def test_wrapped_lines_fit_their_boxes_by_the_generators_measure() -> None:
    for profile_id in SITES:
        profile = load_profile(profile_id)
        for tool_id in TOOL_IDS:
            for step in decision_map.steps(profile, tool_id):
                for line in decision_map.wrap(step.condition, decision_map.DECISION_TEXT_W, decision_map.FONT):
                    assert decision_map.text_width(line, decision_map.FONT) <= decision_map.DECISION_TEXT_W or " " not in line
