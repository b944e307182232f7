"""The page's views write no words of their own: every word the practitioner editor shows is the
list's own (``ListEditor`` in checklists/practitioners.py), exported in the page data the build
writes (``schema()``, the page's ``lp-data``); every word the trainer's script says is in
``texts.TRAINER_SCRIPT``, which the trainer page holds as data (its root's ``data-words``). A word a view
reads that the data does not hold would show as "undefined"; a changed word must reach the page
without touching JavaScript."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from lp_rules import PROFILE_IDS, get_tool, load_profile, schema
from lp_rules.checklists.texts import TRAINER_PAGE, TRAINER_SCRIPT
from lp_rules.schema import tool_schema

ROOT = Path(__file__).resolve().parents[2]
EDITOR_VIEW = ROOT / "docs/assets/js/checklist/practitioners-view.js"
TRAINER_JS = ROOT / "docs/assets/js/trainer.js"
PLACE = re.compile(r"\{(\w+)\}")


def _read(path: Path, name: str) -> set[str]:
    """The keys a view reads from its words object (``words.add_first``)."""
    return set(re.findall(rf"\b{name}\.(\w+)\b", path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_the_practitioner_editor_reads_only_exported_words(profile_id: str) -> None:
    used = _read(EDITOR_VIEW, "words")
    assert {"title", "name", "add_first", "add_another", "removed", "moved_up"} <= used
    lists = [q for t in schema(load_profile(profile_id))["tools"] for q in t["questions"]
             if q["kind"] == "candidates"]
    assert lists
    for q in lists:
        words = q["editor"]
        assert not used - words.keys(), "the view reads words the page data does not hold"
        assert all(isinstance(t, str) and t.strip() for t in words.values())
        fillable = {"n", "title"} | {f["id"] for f in q["fields"]}
        for key, text in words.items():
            assert set(PLACE.findall(text)) <= fillable, f"{key}: {text}"
        assert str(q["max_items"]) in words["full"]


def test_a_changed_word_reaches_the_page_data() -> None:
    tool = get_tool("who-should-lead")
    listed = tool.lists[0]
    changed = replace(listed, editor=replace(listed.editor, add_first="Name a practitioner"))
    data = tool_schema(replace(tool, lists=(changed,)), load_profile())
    q = next(q for q in data["questions"] if q["id"] == listed.id)
    assert q["editor"]["add_first"] == "Name a practitioner"


def test_the_trainer_script_reads_only_its_exported_words() -> None:
    used = _read(TRAINER_JS, "words")
    assert {"answer_tag", "no_prediction", "right", "wrong", "reveal", "hide"} <= used
    assert not used - TRAINER_SCRIPT.keys(), "trainer.js reads words TRAINER_SCRIPT does not hold"
    for key, text in {**TRAINER_PAGE, **TRAINER_SCRIPT}.items():
        assert set(PLACE.findall(text)) <= {"n", "total", "outcome"}, f"{key}: {text}"
