"""Report metadata from the title lines above the table:
"(Kèm theo Báo cáo số 135/BC-TTT ngày 15/12/2021 của Thanh tra tỉnh)"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from cchc_rules.model import Location, ReportMeta
from cchc_rules.notes.cache import lazy_regex

# Compiled on first use: the Vietnamese words, matched ignoring case, take the regex
# compiler ~0.5 ms, and `cchc` commands that read no report never need them.
_ATTACHED = lazy_regex(
    r"Kèm\s+theo\s+Báo\s+cáo\s+số\s*(?P<number>[0-9]*)\s*/\s*(?P<code>[A-ZĐa-zđ&\-]*)\s*"
    r"ngày\s*(?P<day>[0-9]*)\s*/\s*(?P<month>[0-9]*)\s*/\s*(?P<year>[0-9]{4})?"
    r"(?:\s*của\s+(?P<agency>[^)]+?))?\s*\)?\s*$",
    re.IGNORECASE,
)
_TITLE_AGENCY = lazy_regex(r"CẢI CÁCH HÀNH CHÍNH\s+(?:TẠI|CỦA)\s+(?P<agency>.+)$", re.IGNORECASE)


def meta_from_title(lines: Sequence[tuple[str, Location]]) -> ReportMeta:
    meta = ReportMeta()
    for text, location in lines:
        attached = _ATTACHED().search(text)
        if attached:
            meta.title_line = location.line
            meta.report_number = attached.group("number") or None
            meta.report_code = attached.group("code") or None
            meta.report_date_raw = text.strip()
            day, month, year = attached.group("day"), attached.group("month"), attached.group("year")
            if day and month and year:
                try:
                    meta.report_date = date(int(year), int(month), int(day))
                except ValueError:
                    meta.report_date = None
            meta.period = _period_hint(year, month) if year else None
            if attached.group("agency"):
                meta.agency = attached.group("agency").strip()
            continue
        titled = _TITLE_AGENCY().search(text)
        if titled:
            meta.title = text.strip()
            if not meta.agency:
                meta.agency = titled.group("agency").strip().capitalize()
    return meta


def _period_hint(year: str, month: str) -> str:
    from cchc_rules.periods import Period

    return str(Period.from_report_date(int(year), int(month) if month else None))
