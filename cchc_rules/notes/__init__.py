"""Notes as evidence: the free-text "Đơn vị thực hiện" column read for figures and
cited documents.

Agencies justify a value in its note ("QĐ số 1243/QĐ-UBND (4 TTHC); …", "1604/1712
văn bản", "Gồm 1604 VBĐT và 108 văn bản mật"), so a note can confirm a value or
contradict it; and the documents it cites carry dates that must make sense. This
package only parses: `citations` finds document numbers, dates and month mentions,
`arithmetic` finds the figures, and `evidence` turns both into claims about
indicators. Rules (rules/note_arithmetic.py, rules/citations.py) and the fixer read
the claims; nothing here renders text or decides severity.

The names below are imported on first use, so that importing one small module of the
package (`notes.cache`) does not load the parsers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cchc_rules.notes.citations import Citation, MonthMention, NoteDate, ParsedNote, parse_note
    from cchc_rules.notes.evidence import Claim, Evidence, collect

__all__ = ["Citation", "Claim", "Evidence", "MonthMention", "NoteDate", "ParsedNote", "collect", "parse_note"]

_HOME = {
    "Citation": "citations",
    "MonthMention": "citations",
    "NoteDate": "citations",
    "ParsedNote": "citations",
    "parse_note": "citations",
    "Claim": "evidence",
    "Evidence": "evidence",
    "collect": "evidence",
}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
