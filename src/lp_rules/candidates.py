"""The practitioner list's names as tools/ and some tests still import them. The list itself
(its words, fields and ranking) is declared in ``checklists/practitioners.py``, and code asks a
question's kind (``model.PractitionerList``), not this id: import from there in new code; this
module goes once nothing imports it."""

from __future__ import annotations

from .checklists.practitioners import FIELDS, MAX_CANDIDATES, NOBODY_LISTED, PRACTITIONERS

QUESTION_ID = PRACTITIONERS.id

__all__ = ["FIELDS", "MAX_CANDIDATES", "NOBODY_LISTED", "QUESTION_ID"]
