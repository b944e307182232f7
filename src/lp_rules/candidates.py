"""Two names of the practitioner list, kept only for the three importers outside this package
that this change could not edit: ``tools/bench/workload.py`` (``FIELDS``),
``tests/site/test_link_readers.py`` (``FIELDS``) and ``tests/site/test_compiled.py``
(``QUESTION_ID``). The list itself (its words, fields and ranking) is declared in
``checklists/practitioners.py``, and code asks a question's kind (``model.PractitionerList``,
``Tool.list_question``), not this id: import from there; delete this module with its last
importer."""

from __future__ import annotations

from .checklists.practitioners import FIELDS, PRACTITIONERS

QUESTION_ID = PRACTITIONERS.id

__all__ = ["FIELDS", "QUESTION_ID"]
