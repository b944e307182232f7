"""The one entry point the browser's worker calls: JSON in, JSON out.

Keeping this in the package (not in JavaScript) means the worker holds no rule logic and the
exchange is tested natively like everything else. A request is
``{"tool", "answers", "profile", "date"}``; the reply is one of
``{"type": "result", "result", "record"}``, ``{"type": "invalid", "message", "field"}``
(the answers break the contract: no recommendation) or ``{"type": "error", "message"}``.
"""

from __future__ import annotations

import json
from typing import Any

from . import evaluate, load_profile
from .errors import InvalidAnswers
from .record import as_text


def handle(request_json: str) -> str:
    """Evaluate one request from the page; never raises."""
    try:
        request: Any = json.loads(request_json)
        if not isinstance(request, dict):
            raise InvalidAnswers("request: expected an object", field="request")
        tool: Any = request.get("tool")
        answers: Any = request.get("answers")
        result = evaluate(tool, answers, str(request.get("profile", "merton")))
        record = ""
        if result["status"] == "complete":
            profile = load_profile(result["profile"])
            record = as_text(result, answers, profile, str(request.get("date", "")))
        reply: dict[str, Any] = {"type": "result", "result": result, "record": record}
    except InvalidAnswers as err:
        reply = {"type": "invalid", "message": err.message, "field": err.field}
    except Exception as err:  # noqa: BLE001 - the page must get a message, not a hang
        reply = {"type": "error", "message": f"{type(err).__name__}: {err}"}
    return json.dumps(reply)
