"""The report model every reader produces and every rule and output consumes.

Raw cell text is always kept next to the parsed value, because findings must be
able to quote exactly what the agency wrote.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class ValueKind(StrEnum):
    COUNT = "count"
    RATE = "rate"
    MONEY = "money"
    CODED = "coded"
    FRACTION = "fraction"
    YESNO = "yesno"
    TEXT = "text"
    GROUP = "group"


class ValueStatus(StrEnum):
    BLANK = "blank"
    NUMBER = "number"
    FRACTION = "fraction"
    CODE = "code"
    TEXT = "text"


class Flag(StrEnum):
    """Things the parser noticed but did not silently decide."""

    ZERO_PADDED = "zero_padded"
    THOUSANDS_DOT = "thousands_dot"
    PERCENT_IN_VALUE = "percent_in_value"
    ENGLISH_DECIMAL = "english_decimal"
    AMBIGUOUS_RATE = "ambiguous_rate"
    AMBIGUOUS_SEPARATOR = "ambiguous_separator"
    LABEL_FOR_CODE = "label_for_code"
    NEGATIVE = "negative"
    NOT_INTEGER = "not_integer"


class ParsedValue(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: ValueKind | None = None
    status: ValueStatus = ValueStatus.BLANK
    number: float | None = None
    decimals: int = 0
    numerator: int | None = None
    denominator: int | None = None
    code: int | None = None
    text: str | None = None
    flags: tuple[Flag, ...] = ()

    @property
    def is_blank(self) -> bool:
        return self.status is ValueStatus.BLANK

    def has(self, flag: Flag) -> bool:
        return flag in self.flags


class Location(BaseModel):
    """Where a row came from: a line (text, CSV), a sheet and cell (xlsx) or a table and row (docx)."""

    model_config = ConfigDict(frozen=True)

    file: str | None = None
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None
    table: int | None = None
    row: int | None = None
    continued: tuple[int, ...] = ()

    def describe(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.sheet is not None:
            parts.append(f"{self.sheet}!{self.cell}" if self.cell else self.sheet)
        if self.table is not None:
            parts.append(f"table {self.table} row {self.row}")
        return ":".join(parts[:1]) + (" " + ", ".join(parts[1:]) if len(parts) > 1 else "")


class Entry(BaseModel):
    id: str
    stt: str = ""
    name: str = ""
    unit: str = ""
    raw: str = ""
    value: ParsedValue = Field(default_factory=ParsedValue)
    note: str = ""
    known: bool = True
    location: Location = Field(default_factory=Location)


class ReportMeta(BaseModel):
    agency: str | None = None
    agency_kind: str | None = None
    report_number: str | None = None
    report_code: str | None = None
    report_date: date | None = None
    report_date_raw: str | None = None
    period: str | None = None
    template_id: str | None = None
    template_version: str | None = None
    source: str | None = None
    title: str | None = None
    title_line: int | None = None


class Report(BaseModel):
    meta: ReportMeta = Field(default_factory=ReportMeta)
    entries: list[Entry] = Field(default_factory=list)

    def by_id(self) -> dict[str, list[Entry]]:
        out: dict[str, list[Entry]] = {}
        for entry in self.entries:
            out.setdefault(entry.id, []).append(entry)
        return out
