"""The report model every reader produces and every rule and output consumes.

Raw cell text is always kept next to the parsed value, because findings must be
able to quote exactly what the agency wrote.

These are plain slotted dataclasses, not pydantic models: a report is built
~150 times per file by trusted code (the readers), and a cold `cchc check` must
not pay for pydantic's model machinery. Untrusted input (the JSON/YAML report
format) is validated at the edge with a pydantic TypeAdapter over these same
classes (`adapter()`), which also dumps them back to JSON. Each class has a docstring:
@dataclass writes one from inspect.signature for a class without, a tenth of a
millisecond of every start.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import TypeAdapter


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


# Flags that put a value in doubt (the others only say how it was written: "08", "93,69%").
DOUBTFUL = frozenset({Flag.NOT_INTEGER, Flag.AMBIGUOUS_RATE, Flag.AMBIGUOUS_SEPARATOR})

# ParsedValue.band: how plainly a value is written, so that a check over every row can pass
# over the plain ones with one comparison and look only at the others.
BLANK_BAND = 0  # blank
SMALL_BAND = 1  # a number 0–100 without a doubtful flag, or a fraction or code that is not text
LARGE_BAND = 2  # a number above 100 without a doubtful flag
ODD_BAND = 3  # text, a negative or NaN, or a doubtful flag: always looked at


@dataclass(frozen=True, slots=True)
class ParsedValue:
    """Immutable, so one parse of a cell text can be shared by every report that has it, and
    so what rules derive from it (`quantity`, `band`) is worked out once, when it is made.
    The derived fields are not compared, not taken as input and not written out (DERIVED)."""

    kind: ValueKind | None = None
    status: ValueStatus = ValueStatus.BLANK
    number: float | None = None
    decimals: int = 0
    numerator: int | None = None
    denominator: int | None = None
    code: int | None = None
    text: str | None = None
    flags: tuple[Flag, ...] = ()
    # The number rules compare: the number, a code's number, a fraction's numerator; else None.
    quantity: float | None = field(default=None, init=False, repr=False, compare=False)
    band: int = field(default=BLANK_BAND, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        status, number = self.status, self.number
        if status is ValueStatus.NUMBER or status is ValueStatus.CODE:
            quantity = number
        elif status is ValueStatus.FRACTION and self.numerator is not None:
            quantity = float(self.numerator)
        else:
            quantity = None
        if status is ValueStatus.TEXT or (self.flags and not DOUBTFUL.isdisjoint(self.flags)):
            band = ODD_BAND
        elif number is not None:
            band = SMALL_BAND if 0 <= number <= 100 else LARGE_BAND if number > 100 else ODD_BAND
        else:
            band = BLANK_BAND if status is ValueStatus.BLANK and self.numerator is None else SMALL_BAND
        object.__setattr__(self, "quantity", quantity)
        object.__setattr__(self, "band", band)

    @property
    def is_blank(self) -> bool:
        return self.status is ValueStatus.BLANK

    def has(self, flag: Flag) -> bool:
        return flag in self.flags


@dataclass(slots=True, unsafe_hash=True)
class Location:
    """Where a row came from: a line (text, CSV), a sheet and cell (xlsx) or a table and row (docx).

    Treated as immutable (change one with dataclasses.replace) and hashed by value, but
    not frozen: a frozen dataclass takes three times as long to build, and a reader
    builds one per row."""

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


_BLANK = ParsedValue()
_NOWHERE = Location()


@dataclass(slots=True)
class Entry:
    """One row of the table: the indicator's id, its cells as written, the parsed value."""

    id: str
    stt: str = ""
    name: str = ""
    unit: str = ""
    raw: str = ""
    value: ParsedValue = _BLANK  # immutable, so one shared default is safe
    note: str = ""
    known: bool = True
    location: Location = _NOWHERE


@dataclass(slots=True)
class ReportMeta:
    """What a report says of itself (its title lines), settled by binding it to the catalogue."""

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


@dataclass(slots=True)
class Report:
    """A report as read: its metadata and its entries, in the file's order."""

    meta: ReportMeta = field(default_factory=ReportMeta)
    entries: list[Entry] = field(default_factory=list)

    def by_id(self) -> dict[str, list[Entry]]:
        out: dict[str, list[Entry]] = {}
        for entry in self.entries:
            out.setdefault(entry.id, []).append(entry)
        return out


def field_names(cls: type) -> tuple[str, ...]:
    """The fields of a model class: what an input file may name."""
    from dataclasses import fields

    return tuple(f.name for f in fields(cls))


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def adapter(cls: type) -> TypeAdapter[Any]:
    """A pydantic validator and serialiser for a model class, built on first use only."""
    if cls not in _ADAPTERS:
        from pydantic import TypeAdapter

        _ADAPTERS[cls] = TypeAdapter(cls)
    return _ADAPTERS[cls]


# ParsedValue's fields worked out from the others: never written out, nor read back.
DERIVED = frozenset({"quantity", "band"})


def dump(obj: Any, **options: Any) -> Any:
    """A model object as JSON-ready data (pydantic's dump options: exclude, exclude_none …),
    without the values' derived fields."""
    data = adapter(type(obj)).dump_python(obj, mode="json", **options)
    _drop_derived(data)
    return data


def _drop_derived(data: Any) -> None:
    if isinstance(data, dict):
        if "band" in data and "status" in data:  # a ParsedValue
            for key in DERIVED:
                data.pop(key, None)
        for item in data.values():
            _drop_derived(item)
    elif isinstance(data, list):
        for item in data:
            _drop_derived(item)
