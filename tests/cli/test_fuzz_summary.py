"""The run's fuzz summary line (tests/conftest.py) as pytest prints it: "all passed" only when
every test that tried malformed inputs passed, and never over another failure (issue 24: "none
crashed" was printed after a fuzz test failed). A real pytest process over two tiny tests; not part of the in-Pyodide run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _summary(tmp_path: Path, body: str) -> str:
    (tmp_path / "test_fuzzing.py").write_text(
        "from tests.rules import fuzz_count\n\n" + body, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "src")]))
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "tests.conftest", "-q",
                           "-p", "no:cacheprovider", "-p", "no:randomly", "--rootdir", str(tmp_path),
                           str(tmp_path)], capture_output=True, text=True, env=env, timeout=120,
                          cwd=ROOT)
    lines = [line for line in done.stdout.splitlines() if line.startswith("fuzz:")]
    assert len(lines) == 1, done.stdout + done.stderr
    return lines[0]


PASSING = "def test_tries_two():\n    fuzz_count.inputs += 2\n"


def test_all_passed_when_the_fuzz_tests_passed(tmp_path: Path) -> None:
    assert _summary(tmp_path, PASSING + "def test_other():\n    pass\n") == (
        "fuzz: 2 malformed inputs tried by 1 tests: all passed")


def test_another_failure_is_said_beside_the_fuzz_tests(tmp_path: Path) -> None:
    assert _summary(tmp_path, PASSING + "def test_other():\n    assert False\n") == (
        "fuzz: 2 malformed inputs tried by 1 tests: all passed; 1 other tests failed (see above)")


@pytest.mark.parametrize("failing", [
    "def test_crashes():\n    fuzz_count.inputs += 3\n    raise TypeError('crash')\n",
    "def test_recommends():\n    fuzz_count.inputs += 3\n    assert False\n",
])
def test_a_failed_fuzz_test_is_never_summed_up_as_passed(tmp_path: Path, failing: str) -> None:
    line = _summary(tmp_path, PASSING + failing)
    assert line == "fuzz: 5 malformed inputs tried by 2 tests: 1 of them failed (see failures above)"
