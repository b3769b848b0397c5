"""Reporting periods and their data cut-off windows (Nghị định 09/2019/NĐ-CP).

Q I runs from 15/12 of the previous year to 14/3; the half-year from 15/12 to 14/6;
Q III from 15/6 to 14/9; the year from 15/12 of the previous year to 14/12.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from cchc_rules.errors import CchcError

_PERIOD = re.compile(r"^(\d{4})(?:-(Q1|H1|Q3|Y))?$", re.IGNORECASE)
_BY_MONTH = {3: "Q1", 6: "H1", 9: "Q3", 12: "Y"}


class Period(NamedTuple):
    """A reporting period: a year and its part."""

    year: int
    part: str  # Q1, H1, Q3 or Y

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.match(text.strip())
        if not match:
            raise CchcError("invalid-period", value=text)
        return cls(int(match.group(1)), (match.group(2) or "Y").upper())

    @classmethod
    def from_report_date(cls, year: int, month: int | None) -> Period:
        """Reports are due by the 20th of the period's last month, so the month names it."""
        return cls(year, _BY_MONTH.get(month or 12, "Y"))

    def __str__(self) -> str:
        return str(self.year) if self.part == "Y" else f"{self.year}-{self.part}"

    @property
    def start(self) -> date:
        if self.part == "Q3":
            return date(self.year, 6, 15)
        return date(self.year - 1, 12, 15)

    @property
    def end(self) -> date:
        month = {"Q1": 3, "H1": 6, "Q3": 9, "Y": 12}[self.part]
        return date(self.year, month, 14)

    @property
    def due(self) -> date:
        return date(self.end.year, self.end.month, 20)
