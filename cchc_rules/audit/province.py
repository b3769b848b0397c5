"""The province table as data: each row of the template with its figure, how it was
computed, and the contributions it is made of (the trace back to the reports)."""

from __future__ import annotations

from dataclasses import dataclass, field

from cchc_rules.audit.model import AgencyRow, Values
from cchc_rules.catalogue import Catalogue, Indicator
from cchc_rules.model import ValueKind
from cchc_rules.values import format_number

ADDITIVE = frozenset({ValueKind.COUNT, ValueKind.MONEY})
Pair = tuple[AgencyRow, Values]


def show_number(number: float) -> str:
    """As an agency would write it: 2212, 92,86, 6,5, 0 (two decimals at most, none to spare)."""
    rounded = round(number, 2)
    if float(rounded).is_integer():
        return format_number(rounded)
    return format_number(rounded, 1 if round(number, 1) == rounded else 2)


@dataclass(frozen=True, slots=True)
class Contribution:
    row: int
    agency: str
    source: str
    value: float | None
    shown: str
    how: str  # reported, children, fraction, note, rate_base, indicators
    numerator: float | None = None
    denominator: float | None = None


@dataclass
class ConsolidatedRow:
    indicator: Indicator
    method: str  # group, sum, fraction, rate, reported_by, not_consolidated
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    contributions: list[Contribution] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    reason: str = ""  # why there is no value: rate_no_pair, not_additive, zero_base, no_data, conflict
    shown_value: str = ""

    @property
    def id(self) -> str:
        return self.indicator.id

    @property
    def shown(self) -> str:
        if self.shown_value or self.value is None:
            return self.shown_value
        if self.indicator.kind is ValueKind.RATE:
            return show_number(self.value) + "%"
        return format_number(self.value)


@dataclass
class Consolidation:
    period: str | None
    template: str
    rows: list[ConsolidatedRow]
    reports: list[int]  # the AgencyRow indexes summed
    catalogue: Catalogue | None = field(default=None, repr=False, compare=False)

    def row(self, ident: str) -> ConsolidatedRow:
        for row in self.rows:
            if row.id == ident:
                return row
        raise KeyError(ident)


def contribution(row: AgencyRow, value: float | None, shown: str, how: str, **parts: float) -> Contribution:
    return Contribution(row.index, row.label, row.source, value, shown, how, parts.get("top"), parts.get("bottom"))
