"""The one exception the rules raise for bad input, shared by the API, CLI and browser."""

from __future__ import annotations


class InvalidAnswers(ValueError):
    """Answers (or a tool or profile id) that the contract does not allow.

    The message is one line that names the bad field and lists the valid choices, so the CLI
    can print it as is and the browser can point at the field.
    """

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def one_line(text: str) -> str:
    """``text`` safe to print as one line on a terminal: every character that is not printable
    (a newline, an escape sequence's ESC, a right-to-left override) is written as its Python
    escape (``\\n``, ``\\x1b``, ``\\u202e``), so nothing a user typed can break the line or
    drive the terminal."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
