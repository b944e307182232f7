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
