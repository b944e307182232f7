"""The page's link reader (docs/assets/js/checklist/links.js) reads every link exactly as the
rules do (lp_rules.links: ``parse_query`` then ``read_link``), so opening a link, Back, Forward
and reload can never read one differently from the rules (issue 20 item 4).

Compared, link by link: the whole reading (answers, the version it was made with and how ``v``
was read, what was carried over, asked again, in conflict or ignored, the recorded outcome), or
the refusal's field and message. On the shared fixture (tests/fixtures/share_links.json), every
link in tests/rules/test_links.py, a seeded generator of valid, hostile and old links (15,000)
and hypothesis's own (batches, shrunk on failure). The addresses' link text too: the fragment,
or an older link's query (``link_text``).

Not compared: text holding a lone UTF-16 surrogate, which no address can hold (a browser
percent-encodes what it puts in ``location``) and which Python cannot encode.
"""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lp_rules import TOOL_IDS, InvalidAnswers, get_tool
from lp_rules.model import PractitionerList
from lp_rules.links import (
    MAX_QUERY, MAX_VALUE, PROTOTYPE_NAMES, RELEASES, link_text, parse_query, read_link, reader_rules,
)
from tests.rules.test_links import LINKS_1_0, LINKS_2_0

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "js" / "links_runner.mjs"
FIXTURE = ROOT / "tests" / "fixtures" / "share_links.json"
RULES = {tool: reader_rules(tool) for tool in TOOL_IDS}


def python_reads(tool: str, text: str) -> dict[str, Any]:
    """What lp_rules.links makes of a link, in the shape the page's reader returns."""
    try:
        reading = read_link(tool, parse_query(tool, text))
    except InvalidAnswers as refused:
        return {"type": "invalid", "field": refused.field, "message": refused.message}
    return reading.as_dict()


def page_reads(links: list[tuple[str, str]], addresses: list[tuple[str, str]] = ()  # type: ignore[assignment]
               ) -> dict[str, list[Any]]:
    """The page's reader on every link and address, in one Node process."""
    request = {"rules": RULES, "links": links, "addresses": list(addresses)}
    done = subprocess.run(["node", str(RUNNER)], input=json.dumps(request), capture_output=True,
                          text=True, check=True, timeout=600)
    result: dict[str, list[Any]] = json.loads(done.stdout)
    return result


def assert_same(links: list[tuple[str, str]]) -> dict[str, int]:
    """Both readers on every link: equal, or the first difference named. Returns how many of
    the links were read and how many refused (so a generator that only ever makes refusals is
    seen)."""
    page = page_reads(links)["links"]
    assert len(page) == len(links)
    counts = {"link": 0, "invalid": 0}
    for (tool, text), js in zip(links, page):
        py = python_reads(tool, text)
        assert js == py, f"{tool} {text!r}:\n page:  {js}\n rules: {py}"
        counts[py["type"]] += 1
    return counts


# ---- the links the project already has ------------------------------------------------------

def known_links() -> list[tuple[str, str]]:
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))["links"]
    links = [(link["tool"], link["query"]) for link in fixture]
    links += [(tool, query) for _, tool, query, _, _ in LINKS_1_0]
    links += [(tool, query) for tool, query, _ in LINKS_2_0]
    return links


def test_the_readers_agree_on_the_fixture_and_the_projects_links() -> None:
    links = known_links()
    counts = assert_same(links + [(tool, "#" + text) for tool, text in links]
                         + [(tool, "?" + text) for tool, text in links])
    assert counts["link"] == 3 * len(links)


# ---- generated links ------------------------------------------------------------------------

OLD_NAMES = sorted({old for r in RELEASES for renames in r.renamed_questions.values() for old in renames})
OLD_OPTIONS = sorted({old for r in RELEASES for by_question in r.renamed_options.values()
                      for options in by_question.values() for old in options})
ODD_TEXT = ["", "+", "a+b", "%", "%2", "%ZZ", "%zz", "%41", "%5f", "%5F", "%C2%B2", "%E2%91%A0",
            "%E2%82", "%C0%AF", "%ED%A0%80", "%FF", "%F0%9F%98%80", "😀", "²", "①", "٢", "é",
            "<b>x</b>", "%3Cb%3E", "=", "==", "a=b", "~", "..", "\u00a0", "\t", "%00", "%0A"]
VERSIONS = ["", "0", "00", "1", "01", "2", "02", "2.1", "2.1.0", "2.", "3", "999", "1000000000",
            "9999999999", "-1", " 2", "2 ", "+2", "%32", "0x2", "1e3", "²", "%C2%B2", "%D9%A2",
            "%EF%BC%92"]


def generated_links(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """Links as they arrive: today's, a release's older ones, altered and hostile ones."""
    links = []
    for _ in range(n):
        tool = rng.choice(TOOL_IDS)
        links.append((tool, generated_link(rng, tool)))
    return links


def option_or_odd(rng: random.Random, question: Any) -> str:
    roll = rng.random()
    if roll < 0.6:
        return str(rng.choice(question.option_ids))
    if roll < 0.7:
        return rng.choice(OLD_OPTIONS)
    if roll < 0.9:
        return rng.choice(ODD_TEXT)
    return "".join(rng.choice("ab_%2C😀²+~.=") for _ in range(rng.randint(0, 12)))


def list_value(rng: random.Random, listed: PractitionerList) -> str:
    """A list question's value as a link could hold it: valid, too long, or with odd rows."""
    rows = []
    for _ in range(rng.choice([0, 1, 2, 8, 9, 16, 17, 40])):
        parts = [rng.choice(f.option_ids) if rng.random() < 0.85 else "" for f in listed.fields]
        if rng.random() < 0.05:
            parts.append("extra")
        if rng.random() < 0.1:
            parts = parts[: rng.randint(0, len(parts))]
        rows.append(".".join(parts))
    return "~".join(rows)


def generated_link(rng: random.Random, tool_id: str) -> str:
    tool = get_tool(tool_id)
    pairs: list[tuple[str, str]] = []
    if rng.random() < 0.8:
        pairs.append(("v", rng.choice(VERSIONS) if rng.random() < 0.4 else "2"))
    for question in tool.questions:
        if rng.random() < 0.55:
            pairs.append((question.id, option_or_odd(rng, question)))
    for listed in tool.lists:
        if rng.random() < 0.5:
            pairs.append((listed.id, list_value(rng, listed)))
    for _ in range(rng.choice([0, 0, 0, 1, 2])):
        roll = rng.random()
        if roll < 0.3:
            pairs.append((rng.choice(OLD_NAMES), rng.choice(["yes", "no", "unsure", "child_in_need"])))
        elif roll < 0.45:
            pairs.append(("outcome", rng.choice([r.code for r in tool.rules] + ["constructor", "", "nope",
                                                                                  "safeguarding_referral"])))
        elif roll < 0.55:
            pairs.append((rng.choice(sorted(PROTOTYPE_NAMES)), "x"))
        elif roll < 0.7:
            pairs.append((rng.choice(["utm_source", "fbclid", "safelinks", "", "%5F%5Fproto%5F%5F",
                                      "h%61rm", "harm+", "HARM"]), rng.choice(ODD_TEXT)))
        elif roll < 0.85 and pairs:
            pairs.append(rng.choice(pairs))  # the same key twice
        else:
            pairs.append((rng.choice(tool.question_ids), "x" * rng.choice([MAX_VALUE, MAX_VALUE + 1])
                          + rng.choice(["", "😀"])))
    rng.shuffle(pairs) if rng.random() < 0.2 else None
    text = "&".join(f"{k}={v}" if rng.random() < 0.97 else k for k, v in pairs)
    roll = rng.random()
    if roll < 0.03:
        # Around the longest link the reader accepts, counted in characters (code points).
        filler = "&utm=" + "😀" * (MAX_QUERY - len(text) - 5 + rng.choice([-1, 0, 1]))
        text += filler
    elif roll < 0.06:
        text += "&" * rng.randint(1, 3)
    prefix = rng.choice(["", "", "", "?", "#"])
    return prefix + text


def test_the_readers_agree_on_15000_generated_links() -> None:
    rng = random.Random(20261206)
    counts = assert_same(generated_links(rng, 15_000))
    # The generator reaches both sides: links read (migrated and not) and links refused.
    assert counts["link"] > 3000 and counts["invalid"] > 1000, counts


@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(
    st.sampled_from(TOOL_IDS),
    st.lists(st.tuples(
        st.sampled_from(["v", "outcome", "harm", "safety", "social_care", "candidates", "who",
                         "competence", "event", *OLD_NAMES, "constructor", "x", ""])
        | st.text(max_size=6),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
        | st.sampled_from(ODD_TEXT + VERSIONS + ["yes", "no", "child_in_need", "gp.good.agrees.yes.yes.no"]),
    ), max_size=6)), min_size=50, max_size=50))
def test_the_readers_agree_on_hypothesis_links(batch: list[tuple[str, list[tuple[str, str]]]]) -> None:
    assert_same([(tool, "&".join(f"{k}={v}" for k, v in pairs)) for tool, pairs in batch])


# ---- where the answers are in an address ----------------------------------------------------

ADDRESSES = [
    ("", ""), ("", "#v=2&harm=no"), ("?v=2&harm=yes", ""), ("?v=2&harm=yes", "#v=2&harm=no"),
    ("?utm_source=mail", "#v=2&harm=no"), ("?v=2&harm=yes", "#decision-table"),
    ("", "#decision-table"), ("?harm=no", "#"), ("?", "#v=2"), ("", "#=") , ("?a=b", "#x"),
    ("?v=2&harm=no", "#scenario-3"), ("", "#v=2&harm=no#again"), ("", "#harm=no?x=1"),
]


@pytest.mark.parametrize("search,hash", ADDRESSES)
def test_the_readers_find_the_answers_in_the_same_part_of_an_address(search: str, hash: str) -> None:
    """A browser gives ``location.search`` and ``location.hash`` ("" for a lone "?" or "#")."""
    page = page_reads([], [(search if search != "?" else "", hash if hash != "#" else "")])
    assert page["addresses"] == [link_text(f"https://example.org/tools/change-lead/{search}{hash}")]


def test_the_fragment_wins_and_a_place_on_the_page_is_not_a_link() -> None:
    """Written from the contract (lp_rules.links' docstring), not from the code."""
    page = "https://example.org/tools/change-lead/"
    assert link_text(page + "#v=2&harm=no") == "v=2&harm=no"
    assert link_text(page + "?v=2&harm=yes") == "v=2&harm=yes"  # an older link
    assert link_text(page + "?utm_source=x#v=2&harm=no") == "v=2&harm=no"
    assert link_text(page + "?v=2&harm=yes#decision-table") == "v=2&harm=yes"
    assert link_text(page + "#decision-table") == "" and link_text(page) == ""
