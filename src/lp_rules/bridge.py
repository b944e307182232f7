"""The one entry point the browser's worker calls: JSON in, JSON out.

Keeping this in the package (not in JavaScript) means the worker holds no rule logic and the
exchange is tested natively like everything else. A request is
``{"tool", "answers", "profile", "date", "page"}`` (``page``: the checklist's address, for the
record's link); the reply is one of ``{"type": "result", "result", "record"}`` (``record``: the
record as text, for Copy and Download; the ``result`` of a complete outcome also carries
``presentation``, the outcome model (lp_rules.presentation: the outcome view draws the
practitioners, sources, reasons, why not and what would change from it, never ranking,
regrouping or rewording them), and
``record_sections``, the same record section by section (lp_rules.record.data_of), which the
outcome view lays out on paper: both travel in the result because the result is what the page
hands its outcome view; text and paper come from one list of sections, so they never differ),
``{"type": "invalid", "message", "field"}`` (the answers break the contract: no recommendation)
or ``{"type": "error", "message"}``. A request ``{"type": "link", "tool", "query"}`` reads a
share link's query string under today's rules (lp_rules.links); its reply is
``{"type": "link", "answers", "made_with", "version", "renamed", "asked_again", "conflicting",
"asked_now", "ignored", "recorded_outcome", "notice"}`` (``asked_now``: questions added since
the link was made that today's rules ask, rules 2.1; ``version``: how the link's ``v`` was
read, ``conflicting``: questions the link answered differently under an old and a new name, and
an unknown ``outcome`` listed in ``ignored``: for developers; ``notice`` says all of it in plain
words).
"""

from __future__ import annotations

import json
from typing import Any

from . import DEFAULT_PROFILE, evaluate, get_tool, load_profile
from .errors import InvalidAnswers
from .links import notice, now_asked, parse_query, read_link
from .presentation import present
from .record import data_of, sections, text_of


def _read_link(request: dict[str, Any]) -> dict[str, Any]:
    tool = get_tool(request.get("tool")).id
    query = request.get("query")
    if not isinstance(query, str):
        raise InvalidAnswers("query: expected the link's query string", field="query")
    reading = read_link(tool, parse_query(tool, query))
    try:
        needed = evaluate(tool, reading.answers, str(request.get("profile", DEFAULT_PROFILE)))["next"]
    except InvalidAnswers:
        needed = []  # the page shows the refusal; nothing is asked until it is put right
    asked = now_asked(tool, reading.answers, needed)
    return {**reading.as_dict(), "asked_now": list(asked), "notice": notice(tool, reading, asked)}


def handle(request_json: str) -> str:
    """Evaluate one request from the page; never raises."""
    try:
        request: Any = json.loads(request_json)
        if not isinstance(request, dict):
            raise InvalidAnswers("request: expected an object", field="request")
        if request.get("type") == "link":
            return json.dumps(_read_link(request))
        tool: Any = request.get("tool")
        answers: Any = request.get("answers")
        result = evaluate(tool, answers, str(request.get("profile", DEFAULT_PROFILE)), explain=True)
        record = ""
        if result["status"] == "complete":
            profile = load_profile(result["profile"])
            model = present(result, answers, profile)  # once: the record renders it too
            made = sections(result, answers, profile, str(request.get("date", "")),
                            str(request.get("page", "")), model=model)
            record = text_of(made)
            result["presentation"] = model.as_data()
            result["record_sections"] = data_of(made)
        reply: dict[str, Any] = {"type": "result", "result": result, "record": record}
    except InvalidAnswers as err:
        reply = {"type": "invalid", "message": err.message, "field": err.field}
    except Exception as err:  # noqa: BLE001 - the page must get a message, not a hang
        reply = {"type": "error", "message": f"{type(err).__name__}: {err}"}
    return json.dumps(reply)
