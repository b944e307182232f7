"""The built trainer's view (trainer/index.html) in both sites: every scenario of
training-scenarios.toml, under the number the scenarios page gives it, with the outcome that the
profile's rules give, laid out as the rules' one outcome model (lp_rules.record.outcome_sections:
the record's sections, with what would change it), embedded so no Python runs in the browser."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from lp_rules import evaluate, load_profile
from lp_rules.record import ANSWERS, outcome_sections

from .conftest import ROOT, SITES, read_page, search_documents

sys.path.insert(0, str(ROOT / "tools"))

from sitegen import scenarios  # noqa: E402

SCENARIOS = scenarios.load()


def _sections(source: str) -> dict[int, str]:
    found = re.findall(r'<section class="lp-trainer-scenario" id="scenario-(\d+)"(.*?)</section>', source, re.S)
    return {int(n): body for n, body in found}


def test_every_scenario_is_in_the_trainer_page(built: tuple[str, Path]) -> None:
    profile, folder = built
    path = folder / "trainer" / "index.html"
    source = path.read_text(encoding="utf-8")
    sections = _sections(source)
    assert sorted(sections) == list(range(1, len(SCENARIOS) + 1))
    listed = (folder / "scenarios" / "index.html").read_text(encoding="utf-8")
    for n, s in enumerate(SCENARIOS, start=1):
        body = html.unescape(sections[n])
        result = evaluate(s["tool"], s["answers"], profile, explain=True)
        assert f'data-scenario-recommendation="{result["recommendation"]}"' in body, n
        assert f'id="scenario-{n}" data-scenario-tool="{s["tool"]}" data-scenario-recommendation="{result["recommendation"]}"' in listed, n
        assert s["title"] in body and s["situation"] in body, n
        assert f'data-recommendation="{result["recommendation"]}"' in body
        assert result["title"] in body and result["summary"] in body, n
        text = re.sub(r"<[^>]+>", "", body)  # an action's email address is a mailto link
        for a in result["actions"]:
            assert a["text"] in text, (n, a["code"])
        # Why not and what would change it: the rules' plain sentences (RULES.md, `sentence`).
        for w in result["why_not"]:
            assert w["sentence"] in body, (n, w)
        for c in result["what_would_change"]:
            assert c["sentence"] in body, (n, c)
        assert "Not “" not in body and "<li>If “" not in body, n  # the old forms
        # The answers before the predictions, then the outcome's sections in the model's order
        # and under its headings (the outcome itself is the panel, its first).
        model = outcome_sections(result, s["answers"], load_profile(profile), changes=True)
        headings = re.findall(r"<h3[^>]*>(.*?)</h3>", body)
        shown = [h for h in headings if h not in ("What will the checklist say?", "For the trainer")]
        assert shown == [ANSWERS, result["title"],
                         *(m.heading for m in model[1:] if m.heading != ANSWERS)], n
        for tag in {c["source"] for c in result["citations"]}:
            assert re.search(rf"<li>{tag}: [^<]+</li>", body), (n, tag)
        assert (s.get("teach", "") in body) if s.get("teach") else "lp-trainer-teach" not in body
        assert "<details" in body and "<summary>Reveal the outcome</summary>" in body


def test_the_trainer_page_needs_no_python_and_no_inline_script(built: tuple[str, Path]) -> None:
    _, folder = built
    source = (folder / "trainer" / "index.html").read_text(encoding="utf-8")
    article = source[source.find("<article"):source.find("</article>")]
    # Named by its content after the build (tools/sitegen/caching.py): trainer.<hash>.js.
    assert re.search(r'src="\.\./assets/js/trainer\.[0-9a-f]{16}\.js"', article)
    assert "pyodide" not in article and "checklist.js" not in article
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", article), "no inline script in the content"
    assert " style=" not in article


def test_the_scenarios_page_links_to_the_trainer_view(built: tuple[str, Path]) -> None:
    _, folder = built
    page = read_page(folder / "scenarios" / "index.html")
    assert ("a", "href", "../trainer/") in page.links


def test_search_keeps_only_what_the_trainer_page_alone_says() -> None:
    """Search finds each scenario's actions here, and its story on the scenarios page only; what
    repeats (the possible outcomes, the answers) and what is written from the answers (why not,
    what would change it) stay out of the search index, which every page loads. Material's
    index (the MkDocs builds)."""
    for profile, folder in SITES.items():
        documents = search_documents(folder)
        trainer = html.unescape(" ".join(d["title"] + " " + d["text"] for d in documents
                                         if d["location"].startswith("trainer/")))
        scenarios_page = html.unescape(" ".join(d["text"] for d in documents
                                                if d["location"].startswith("scenarios/")))
        for s in SCENARIOS:
            result = evaluate(s["tool"], s["answers"], profile, explain=True)
            for a in result["actions"]:
                assert a["text"] in trainer, (profile, a["code"])
            assert s["situation"] in scenarios_page and s["situation"] not in trainer
            for entry in result["why_not"] + result["what_would_change"]:
                assert entry["sentence"] not in trainer, (profile, entry)
        assert "What will the checklist say?" not in trainer
