"""Command line: ``python -m lp_rules evaluate TOOL --answers JSON`` and ``schema``.

Bad input exits with status 2 and one line on stderr naming the field and the valid choices;
nothing is printed on stdout then, so no recommendation can come from invalid input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import NoReturn, Sequence

from . import PROFILE_IDS, TOOL_IDS, InvalidAnswers, evaluate, schema


class _Parser(argparse.ArgumentParser):
    """argparse, but its usage errors are one line and exit 2 like every other bad input."""

    def error(self, message: str) -> NoReturn:
        _fail(f"{self.prog}: {message}")


def _fail(message: str) -> NoReturn:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="lp_rules", description="Lead Practitioner checklist rules.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = commands.add_parser("evaluate", help="evaluate answers for one tool")
    run.add_argument("tool", help=f"one of: {', '.join(TOOL_IDS)}")
    run.add_argument("--answers", default="{}", help="answers as a JSON object")
    run.add_argument("--profile", default="merton", help=f"one of: {', '.join(PROFILE_IDS)}")
    show = commands.add_parser("schema", help="print every tool's questions and options")
    show.add_argument("--profile", default="merton", help=f"one of: {', '.join(PROFILE_IDS)}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "schema":
            result = schema(args.profile)
        else:
            answers = _parse_answers(args.answers)
            result = evaluate(args.tool, answers, args.profile, explain=True)
    except InvalidAnswers as err:
        _fail(err.message)
    try:
        print(json.dumps(result, indent=2, ensure_ascii=False), flush=True)
    except BrokenPipeError:
        # The reader went away (`| head`): say so once, not with a traceback.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stops Python's exit-time flush failing
        _fail("output: the program reading the output closed it before the end")
    return 0


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """json's object hook: a key given twice is refused (json alone keeps the last silently)."""
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise InvalidAnswers(f"answers.{key}: given more than once", field=f"answers.{key}")
        seen.add(key)
    return dict(pairs)


def _parse_answers(text: str) -> object:
    """The --answers JSON: any text that is not one JSON value of sane shape exits 2."""
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as err:
        _fail(f"--answers: not valid JSON ({err.msg} at line {err.lineno} column {err.colno})")
    except RecursionError:
        _fail("--answers: nested too deeply to be answers")
    except InvalidAnswers:
        raise
    except ValueError:  # an integer longer than Python converts (4,300 digits)
        _fail("--answers: holds a number too long to read; answers are strings, such as \"no\"")
