"""The audit's plain data: what a worker sends back for one report, and what the audit
returns. Compact and picklable on purpose: a batch may hold 10,000 reports, so a row
keeps its findings as short records and its values in two flat arrays, never the
report model itself.
"""

from __future__ import annotations

import math
import sys
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_rules.values import fold

SEVERITIES = ("error", "warning", "info")
STATUSES = ("pass", "warnings", "errors", "unreadable", "missing")


@dataclass(slots=True)
class AuditFinding:
    """A finding as the audit keeps it: its message already rendered."""

    rule_id: str
    severity: str
    indicators: tuple[str, ...] = ()
    message: str = ""
    expected: str | None = None
    actual: str | None = None
    location: Mapping[str, Any] = field(default_factory=dict)
    params: Mapping[str, Any] = field(default_factory=dict)
    new: bool = False  # not in the same agency's previous report

    @property
    def fingerprint(self) -> tuple[str, tuple[str, ...]]:
        return (self.rule_id, self.indicators)

    @property
    def where(self) -> str:
        loc = self.location
        if "line" in loc:
            return f"{loc['line']}"
        if "sheet" in loc:
            return f"{loc['sheet']}!{loc.get('cell', '')}".rstrip("!")
        if "table" in loc:
            return f"{loc['table']}:{loc.get('row', '')}"
        return ""


def agency_key(name: str) -> str:
    """Names compared as a reviewer would: NFC, case and spacing aside, "Ủy ban nhân dân" = "UBND"."""
    key = fold(name)
    for long in ("ủy ban nhân dân ", "uỷ ban nhân dân "):
        if key.startswith(long):
            key = "ubnd " + key[len(long) :]
    return key


_SHARED: dict[tuple[str, ...], tuple[tuple[str, ...], dict[str, int]]] = {}


class Values:
    """A report's values by indicator: the number (NaN when there is none) and the cell as written.

    The ids tuple and its index are shared by every report of one catalogue, so a row
    costs two flat arrays, not a dict of tuples.
    """

    __slots__ = ("_index", "ids", "numbers", "ratios", "raws")

    def __init__(
        self,
        ids: tuple[str, ...],
        numbers: array[float],
        raws: tuple[str, ...],
        ratios: dict[str, tuple[int, int]] | None = None,
        *,
        intern: bool = True,
    ) -> None:
        self.ids, self._index = _shared(ids)
        self.numbers = numbers
        # Interned where the rows are kept (10,000 reports repeat their cells); a worker,
        # which sends its row away at once, leaves it to the unpickling (see __reduce__).
        self.raws = tuple(sys.intern(r) for r in raws) if intern else tuple(raws)
        self.ratios = ratios or {}

    def __reduce__(self) -> tuple[Any, ...]:
        return (Values, (self.ids, self.numbers, self.raws, self.ratios))

    def number(self, ident: str) -> float | None:
        pos = self._index.get(ident)
        if pos is None:
            return None
        value = self.numbers[pos]
        return None if math.isnan(value) else value

    def raw(self, ident: str) -> str:
        pos = self._index.get(ident)
        return "" if pos is None else self.raws[pos]

    def ratio(self, ident: str) -> tuple[int, int] | None:
        """A fraction as written (05/05), or the a/b a rate's note gives as its evidence."""
        return self.ratios.get(ident)

    def items(self) -> Iterator[tuple[str, float | None, str]]:
        for pos, ident in enumerate(self.ids):
            value = self.numbers[pos]
            yield ident, None if math.isnan(value) else value, self.raws[pos]


def _shared(ids: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, int]]:
    known = _SHARED.get(ids)
    if known is None:
        known = _SHARED[ids] = (ids, {ident: pos for pos, ident in enumerate(ids)})
    return known


@dataclass(slots=True)
class AgencyRow:
    """One report of the batch (or a placeholder for an expected agency that sent none)."""

    index: int
    source: str
    agency: str | None = None
    agency_kind: str | None = None
    period: str | None = None
    report_number: str | None = None
    report_date: str | None = None
    digest: str = ""
    error: str | None = None
    error_code: str | None = None
    findings: list[AuditFinding] = field(default_factory=list)
    audit_findings: list[AuditFinding] = field(default_factory=list)
    values: Values | None = None
    consolidated: bool = False
    missing: bool = False
    previous_source: str | None = None
    previous_period: str | None = None

    @property
    def anchor(self) -> str:
        return f"agency-{self.index + 1}"

    @property
    def label(self) -> str:
        return self.agency or Path(self.source).name

    @property
    def agency_key(self) -> str | None:
        return agency_key(self.agency) if self.agency else None

    @property
    def readable(self) -> bool:
        return self.error is None and not self.missing

    def all_findings(self) -> list[AuditFinding]:
        return [*self.findings, *self.audit_findings]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for finding in self.all_findings():
            counts[finding.severity] += 1
        return counts

    @property
    def status(self) -> str:
        if self.missing:
            return "missing"
        if self.error is not None:
            return "unreadable"
        counts = self.counts()
        return "errors" if counts["error"] else "warnings" if counts["warning"] else "pass"


@dataclass(frozen=True)
class Fatal:
    """A worker met an error that stops the whole audit (a broken ruleset): re-raised by the parent."""

    code: str
    params: Mapping[str, Any]
