"""The page's views write no words of their own: every word the practitioner editor shows is the
list's own (``ListEditor`` in checklists/practitioners.py), exported in the page data the build
writes (``schema()``, the page's ``lp-data``); every word the trainer's script says is in
``texts.TRAINER_SCRIPT``, which the trainer page holds as data (its root's ``data-words``); every
word the checklist's scripts and its rules' loader (rules-worker.js) say is in
``texts.CHECKLIST_SCRIPT``, in the page data (``words``), which the page sends the loader. A word a view
reads that the data does not hold would show as "undefined"; a changed word must reach the page
without touching JavaScript."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from lp_rules import PROFILE_IDS, get_tool, load_profile, schema
from lp_rules.checklists.texts import CHECKLIST_PAGE, CHECKLIST_SCRIPT, TRAINER_PAGE, TRAINER_SCRIPT
from lp_rules.schema import page_words, tool_schema

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


RULES_WORKER = ROOT / "docs/assets/js/rules-worker.js"
CHECKLIST_JS = [ROOT / "docs/assets/js/checklist.js",
                *sorted((ROOT / "docs/assets/js/checklist").glob("*.js")), RULES_WORKER]
PAGE_VIEWS = [p for p in CHECKLIST_JS if p != EDITOR_VIEW]
"""The checklist's scripts that read the page's words as ``words`` (the editor's ``words`` are
the list's own, checked above), the rules' loader among them: the page hands it its words."""
FILL = re.compile(r"\bfill(Parts)?\(([^{;]*?),\s*\{([^}]*)\}(,\s*\()?")
"""A filling of words: ``fill(words.key, { n: ..., role })``, ``fillParts(..., { ... }, (text) =>``
(a link function: the words hold a ``[link]``). The first argument may choose between keys."""


def _fills() -> tuple[dict[str, set[str]], set[str], Counter[str]]:
    """What the scripts fill into each key (by name), which keys get a link, and how many times
    each key is read inside a filling."""
    filled: dict[str, set[str]] = {}
    linked: set[str] = set()
    in_fill: Counter[str] = Counter()
    for path in PAGE_VIEWS:
        for parts, chosen, values, link in FILL.findall(path.read_text(encoding="utf-8")):
            names = {m.group(1) for piece in values.split(",")
                     if (m := re.match(r"\s*(\w+)\s*(?::|$)", piece))}
            for key in re.findall(r"\bwords\.(\w+)", chosen):
                assert filled.setdefault(key, names) == names, f"{key} filled two ways"
                in_fill[key] += 1
                if link:
                    linked.add(key)
    return filled, linked, in_fill


def test_the_checklist_scripts_read_only_exported_words() -> None:
    read = Counter(key for path in PAGE_VIEWS for key in
                   re.findall(r"\bwords\.(\w+)\b", path.read_text(encoding="utf-8")))
    assert {"continue", "do_now", "loading", "what_if", "link_twice", "disagree"} <= read.keys()
    assert {"downloading", "damaged", "http_error", "published", "ready"} <= set(
        re.findall(r"\bwords\.(\w+)\b", RULES_WORKER.read_text(encoding="utf-8")))
    assert not CHECKLIST_PAGE.keys() & CHECKLIST_SCRIPT.keys()
    for profile_id in PROFILE_IDS:
        words = page_words(load_profile(profile_id))
        assert words == schema(load_profile(profile_id))["words"]
        assert not read.keys() - words.keys(), "a script reads words the page data does not hold"
        assert all(isinstance(t, str) and t.strip() for t in words.values())
    assert not CHECKLIST_SCRIPT.keys() - read.keys(), "words no script reads"


@pytest.mark.parametrize("profile_id", PROFILE_IDS)
def test_every_name_in_braces_is_one_the_page_fills(profile_id: str) -> None:
    """Each of the script's words holds exactly the names the script fills into it (a name it
    does not fill would show in braces; a name it fills and the words lack would drop a number
    or an answer), a ``[link]`` exactly where the script makes one, and words the script reads
    as they are hold no names."""
    filled, linked, in_fill = _fills()
    assert {"question_of", "link_practitioner", "what_if_change", "still_works"} <= filled.keys()
    assert {"damaged", "download_stalled", "downloaded_mb", "not_published"} <= filled.keys()
    read = Counter(key for path in PAGE_VIEWS for key in
                   re.findall(r"\bwords\.(\w+)\b", path.read_text(encoding="utf-8")))
    words = page_words(load_profile(profile_id))
    for key in CHECKLIST_SCRIPT:
        text = words[key]
        names = set(PLACE.findall(text))
        assert names == filled.get(key, set()), f"{key}: {text}"
        if read[key] > in_fill[key]:
            assert not names, f"{key} is also shown as it is: {text}"
        assert len(re.findall(r"\[[^\]]+\]", text)) == (key in linked), f"{key}: {text}"


def test_the_page_hands_the_rules_loader_its_words() -> None:
    """The rules' loader (a worker: it cannot read the page) says only the words the page sends
    it in its init message; without them every sentence it says would show as "undefined"."""
    client = (ROOT / "docs/assets/js/checklist/worker-client.js").read_text(encoding="utf-8")
    assert re.search(r'postMessage\(\{ type: "init",[^}]*\bwords\b', client)
    worker = RULES_WORKER.read_text(encoding="utf-8")
    assert re.search(r'type === "init"\) \{\s*words = message\.words;', worker)


def test_the_outcome_names_a_practitioner_as_the_editor_does() -> None:
    """The outcome's list titles each practitioner with the editor's card title, filled with
    their number and role only: in the outcome model (lp_rules.presentation, checked in
    test_presentation), which the page draws, never naming them itself."""
    view = (ROOT / "docs/assets/js/checklist/outcome-view.js").read_text(encoding="utf-8")
    assert "editor.title" not in view
    for q in get_tool("who-should-lead").lists:
        assert set(PLACE.findall(q.editor.title)) <= {"n", "role"}, q.editor.title


SENTENCE = re.compile(r"(?<![-\w])[A-Za-z]{2,}\s+[A-Za-z]{2,}(?![-\w])|^\s*[A-Z][a-z]+\W?\s*$")
"""Two words in a row (class names and selectors are joined by hyphens), or one capitalised word
("Continue"; ids are lower case)."""
READ_NOT_WRITTEN = {"more than once", "Enter", "import site; site.getsitepackages()[0]"}
"""Words a script looks for and never shows: in the rules' own message (core.js's invalidError
tells a question given twice in a link, lp_rules.links's "given more than once", by them), and
a key's name (``event.key``), and the Python the rules' loader runs to find where to install
the rules."""


TOKEN = re.compile(r'(?P<lit>"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`)'
                   r"|(?P<code>[^\"'`]+)")


SHOWN_THROW = re.compile(r"throw\s+(new\s+)?(LoadFailure|Mismatch)\b")
"""A throw whose message the page shows: the rules' loader's failures (rules-worker.js)."""


def _literals(source: str) -> list[str]:
    """The script's string literals outside comments and outside ``throw`` statements (a
    developer's message, as in links.py, stays with the code that checks), except a thrown
    failure the page shows (``SHOWN_THROW``)."""
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    source = re.sub(r"(?m)(^|\s)//.*$", r"\1", source)
    found, throwing = [], False
    for token in TOKEN.finditer(source):
        code = token.group("code")
        if code is not None:
            at = code.rfind("throw")
            throwing = (at >= 0 and ";" not in code[at:] and not SHOWN_THROW.match(code[at:])
                        or throwing and ";" not in code)
        elif not throwing:
            found.append(re.sub(r"\$\{[^}]*\}", " ", token.group("lit")[1:-1]))
    return found


@pytest.mark.parametrize("path", CHECKLIST_JS, ids=lambda p: p.name)
def test_the_checklist_scripts_write_no_sentence(path: Path) -> None:
    """Every sentence the checklist page shows or says is in the rules package
    (texts.CHECKLIST_SCRIPT, the checklist modules): none is written in its JavaScript."""
    written = [t for t in _literals(path.read_text(encoding="utf-8"))
               if SENTENCE.search(t) and t not in READ_NOT_WRITTEN]
    assert not written, f"{path.name} writes words of its own: {written}"
