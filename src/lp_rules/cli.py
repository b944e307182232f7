"""Command line: ``python -m lp_rules evaluate TOOL --answers JSON`` and ``schema``.

Bad input exits with status 2 and one line on stderr naming the field and the valid choices;
nothing is printed on stdout then, so no recommendation can come from invalid input. Output
that cannot be written (a full disk, a closed pipe or stdout) also exits 2 with one line, so a
script never takes a cut-short outcome for a whole one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, NoReturn, Sequence

from . import DEFAULT_PROFILE, PROFILE_IDS, TOOL_IDS, InvalidAnswers, evaluate, schema
from .errors import one_line
from .validate import field_name


class _Parser(argparse.ArgumentParser):
    """argparse, but its usage errors are one line and exit 2 like every other bad input."""

    def error(self, message: str) -> NoReturn:
        _fail(f"{self.prog}: {message}")


class _Once(argparse.Action):
    """An option that may be given once: argparse alone keeps the last of ``--answers A
    --answers B`` silently, and the user may have meant either."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        if getattr(namespace, self.dest) is not None:
            parser.error(f"{option_string}: given more than once; give it once")
        setattr(namespace, self.dest, values)


def _fail(message: str) -> NoReturn:
    print(f"error: {one_line(message)}", file=sys.stderr)
    raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="lp_rules", description="Lead Practitioner checklist rules.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = commands.add_parser("evaluate", help="evaluate answers for one tool")
    run.add_argument("tool", help=f"one of: {', '.join(TOOL_IDS)}")
    run.add_argument("--answers", action=_Once, help="answers as a JSON object (default {})")
    run.add_argument("--profile", action=_Once, help=f"one of: {', '.join(PROFILE_IDS)} (default {DEFAULT_PROFILE})")
    show = commands.add_parser("schema", help="print every tool's questions and options")
    show.add_argument("--profile", action=_Once, help=f"one of: {', '.join(PROFILE_IDS)} (default {DEFAULT_PROFILE})")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    profile = args.profile or DEFAULT_PROFILE
    try:
        if args.command == "schema":
            result = schema(profile)
        else:
            answers = _parse_answers("{}" if args.answers is None else args.answers)
            result = evaluate(args.tool, answers, profile, explain=True)
    except InvalidAnswers as err:
        _fail(err.message)
    _write(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def _write(text: str) -> None:
    """``text`` and a newline on stdout, or exit 2 with one line saying why it could not be."""
    if sys.stdout is None:  # started with stdout closed (`>&-`): print would write nothing
        _fail("output: standard output is closed, so the result could not be written")
    try:
        print(text, flush=True)
    except OSError as err:
        # Python flushes stdout again on exit, which would fail the same way with a traceback:
        # point it at /dev/null first (what is lost is lost; the message below says so).
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError):  # not a real file (a test's capture): nothing to flush
            pass
        if isinstance(err, BrokenPipeError):
            _fail("output: the program reading the output closed it before the end")
        _fail(f"output: could not be written ({err.strerror or type(err).__name__}); "
              "the result is incomplete")


class _Repeated(dict[str, Any]):
    """A JSON object in which ``key`` was given more than once (json alone keeps the last
    silently); named with its exact path once the whole text is read."""

    key: str


def _keep_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json's object hook: marks an object with a key given twice (``_first_repeat`` names it)."""
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            marked = _Repeated(pairs)
            marked.key = key
            return marked
        seen.add(key)
    return dict(pairs)


def _first_repeat(answers: object) -> tuple[str, str] | None:
    """The path of the first object (in reading order) with a key given twice, and that key's
    full name (``answers.candidates[0].role``). Walked without recursion: the text may nest as
    deep as json reads."""
    stack: list[tuple[str, object]] = [("answers", answers)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, _Repeated):
            return path, field_name(path, value.key)
        if isinstance(value, dict):
            stack.extend((field_name(path, k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", v) for i, v in reversed(list(enumerate(value))))
    return None


def _parse_answers(text: str) -> object:
    """The --answers JSON: any text that is not one JSON value of sane shape exits 2."""
    try:
        answers = json.loads(text, object_pairs_hook=_keep_repeats)
    except json.JSONDecodeError as err:
        _fail(f"--answers: not valid JSON ({err.msg} at line {err.lineno} column {err.colno})")
    except RecursionError:
        _fail("--answers: nested too deeply to be answers")
    except ValueError:  # an integer longer than Python converts (4,300 digits)
        _fail("--answers: holds a number too long to read; answers are strings, such as \"no\"")
    repeat = _first_repeat(answers)
    if repeat is not None:
        raise InvalidAnswers(f"{repeat[1]}: given more than once", field=repeat[1])
    return answers
