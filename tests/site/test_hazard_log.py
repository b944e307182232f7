"""The hazard log (hazard-log.toml): every hazard is complete, every test it names exists, and the
built safety page shows every hazard.

A test is found by reading its file with ``ast``, not by importing it, so a test file that needs
a browser or a built site can be checked anywhere.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

import pytest

from lp_rules.profiles import PROFILE_IDS

from .conftest import ROOT, SITES, read_page

sys.path.insert(0, str(ROOT / "tools"))
from sitegen.hazards import HAZARD_LOG, Hazard, load, problems  # noqa: E402

RAW = tomllib.loads(HAZARD_LOG.read_text(encoding="utf-8"))["hazard"]
HAZARDS = load()


def defined_tests(path: Path) -> set[str]:
    """Every test function pytest can collect from a file, as node-id tails ("test_x",
    "TestClass::test_x", "TestClass::TestInner::test_x")."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()

    def walk(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
                found.add(prefix + node.name)
            elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
                walk(node.body, f"{prefix}{node.name}::")

    walk(tree.body, "")
    return found


def missing_test(node_id: str, root: Path = ROOT) -> str | None:
    """Why ``node_id`` names no test under ``root``, or None when it names one.

    ``tests/x/test_y.py::test_z`` names a function, ``...::TestClass::test_z`` a method, and
    ``...::test_z[case]`` one case of a parametrised test (its function must exist).
    """
    file, sep, tail = node_id.partition("::")
    if not sep or not tail:
        return f"{node_id}: not a pytest node id (tests/.../test_x.py::test_name)"
    path = root / file
    if not (file.startswith("tests/") and path.name.startswith("test_") and path.suffix == ".py"):
        return f"{node_id}: {file} is not a test file under tests/"
    if not path.is_file():
        return f"{node_id}: there is no file {file}"
    name, bracket, param = tail.partition("[")
    if bracket and (not param.endswith("]") or len(param) < 2):
        return f"{node_id}: a parameter must be written [like-this]"
    if name not in defined_tests(path):
        return f"{node_id}: {file} has no test {name}"
    return None


def test_every_hazard_has_every_field() -> None:
    assert all(not problems(entry) for entry in RAW), [p for e in RAW for p in problems(e)]
    assert len(HAZARDS) >= 10


@pytest.mark.parametrize("hazard", HAZARDS, ids=lambda h: h.id)
def test_every_hazard_names_tests_that_exist(hazard: Hazard) -> None:
    assert hazard.tests, f"{hazard.id} names no test"
    missing = [why for t in hazard.tests if (why := missing_test(t)) is not None]
    assert not missing, f"{hazard.id} ({hazard.title}): " + "; ".join(missing)


def test_the_checks_catch_a_bad_entry(tmp_path: Path) -> None:
    """The checks above can fail: a made-up test, a bad node id and an incomplete entry."""
    tests = tmp_path / "tests" / "rules" / "test_example.py"
    tests.parent.mkdir(parents=True)
    tests.write_text(
        "import pytest\n\n"
        "@pytest.mark.parametrize('x', [1])\n"
        "def test_real(x):\n    pass\n\n"
        "def helper():\n    pass\n\n"
        "class TestGroup:\n    def test_method(self):\n        pass\n"
        "    async def test_async(self):\n        pass\n",
        encoding="utf-8",
    )
    found = "tests/rules/test_example.py"
    for node_id in (f"{found}::test_real", f"{found}::test_real[1]",
                    f"{found}::TestGroup::test_method", f"{found}::TestGroup::test_async"):
        assert missing_test(node_id, tmp_path) is None, node_id
    for node_id in (f"{found}::test_made_up_name",        # no such test
                    f"{found}::test_made_up_name[1]",     # ... with a parameter
                    f"{found}::test_method",              # a method named without its class
                    f"{found}::helper",                   # not a test
                    f"{found}::test_real[1",              # malformed parameter
                    f"{found}",                           # no test named
                    "tests/rules/test_absent.py::test_real",
                    "docs/index.md::test_real"):
        assert missing_test(node_id, tmp_path) is not None, node_id
    # The real repository: a made-up name in a real file is caught too.
    assert missing_test("tests/rules/test_partial.py::test_no_such_test_exists") is not None

    good = dict(RAW[0])
    assert problems(good) == []
    for field in ("title", "cause", "effect", "controls", "residual_risk", "tests"):
        incomplete = {k: v for k, v in good.items() if k != field}
        assert f"missing {field}" in " ".join(problems(incomplete)), field
    assert problems(dict(good, tests=[]))
    assert problems(dict(good, controls=["  "]))
    assert problems(dict(good, residual_risk=""))
    assert problems(dict(good, id="1"))
    assert problems(dict(good, colour="red"))


@pytest.mark.parametrize("profile", PROFILE_IDS)
def test_the_safety_page_shows_every_hazard(profile: str) -> None:
    folder = SITES[profile]
    path = folder / "safety" / "index.html"
    if not path.exists():
        pytest.fail(f"{path} is not built: run `make build-all` (make test does) first")
    page = read_page(path)
    for hazard in HAZARDS:
        assert hazard.anchor in page.ids, f"{profile}: no section #{hazard.anchor}"
        assert f"{hazard.id}: {hazard.title}" in page.text, f"{profile}: {hazard.id} {hazard.title}"
        assert ("a", "href", f"#{hazard.anchor}") in page.links, f"{profile}: nothing links to {hazard.id}"
        for node_id in hazard.tests:
            assert node_id in page.text, f"{profile}: {hazard.id} does not list {node_id}"
