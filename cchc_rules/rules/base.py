"""What every rule kind shares: the rule as declared, the compact view of a report
that compiled rules read, and small helpers for their verdicts."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cchc_rules.applicability import Applicability
from cchc_rules.catalogue import Catalogue, Indicator
from cchc_rules.findings import Finding, RuleRun, Severity
from cchc_rules.model import Entry, Location, Report, ValueKind, ValueStatus
from cchc_rules.values import format_number


@dataclass(frozen=True)
class RuleSpec:
    """A rule as a ruleset declares it; `params` are the kind-specific fields."""

    id: str
    kind: str
    severity: Severity
    message: Mapping[str, Mapping[str, str]]  # variant -> lang -> template
    description: Mapping[str, str]
    params: Mapping[str, Any] = field(default_factory=dict)
    indicators: tuple[str, ...] = ()
    name: str = ""
    legal_basis: str = ""
    example: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""
    line: int = 0
    applies_to: tuple[str, ...] = ()
    plugin: str = ""


@dataclass
class Context:
    """A report reduced to what rules read, built once per report."""

    report: Report
    catalogue: Catalogue
    entries: dict[str, Entry]
    counts: dict[str, int]
    numbers: dict[str, float | None]
    kinds: frozenset[str]
    absent_features: frozenset[str]
    not_applicable: frozenset[str] = frozenset()
    required: frozenset[str] = frozenset()
    memo: dict[str, Any] = field(default_factory=dict)  # per-report results rules share

    def number(self, ident: str) -> float | None:
        return self.numbers.get(ident)

    def entry(self, ident: str) -> Entry | None:
        return self.entries.get(ident)

    def is_blank(self, ident: str) -> bool:
        entry = self.entries.get(ident)
        return entry is None or entry.value.status is ValueStatus.BLANK

    def location(self, ident: str) -> Location | None:
        entry = self.entries.get(ident)
        return entry.location if entry else None

    def applies(self, indicator: Indicator) -> bool:
        """Must this agency report this indicator at all (before notes are read)?"""
        if indicator.id in self.required:
            return True
        if indicator.id in self.not_applicable:
            return False
        if indicator.applies_to and not self.kinds.intersection(indicator.applies_to):
            return False
        if indicator.reported_by != "each" and indicator.reported_by not in self.kinds:
            return False
        return not self.absent_features.intersection(indicator.requires)


CompiledRule = Callable[[Context], RuleRun]
Compiler = Callable[[RuleSpec, Catalogue], CompiledRule]


def build_context(report: Report, catalogue: Catalogue, applicability: Applicability | None = None) -> Context:
    applicability = applicability or Applicability()
    entries: dict[str, Entry] = {}
    counts: dict[str, int] = {}
    numbers: dict[str, float | None] = {}
    for entry in report.entries:
        counts[entry.id] = counts.get(entry.id, 0) + 1
        if entry.id in entries:
            continue
        entries[entry.id] = entry
        value = entry.value
        if value.status in (ValueStatus.NUMBER, ValueStatus.CODE):
            numbers[entry.id] = value.number
        elif value.status is ValueStatus.FRACTION and value.numerator is not None:
            numbers[entry.id] = float(value.numerator)
        else:
            numbers[entry.id] = None
    absent = set(applicability.absent_features)
    for feature in catalogue.features.values():
        if feature.absent_when and any(feature.absent_when.search(e.note) for e in report.entries if e.note):
            absent.add(feature.id)
    return Context(
        report=report,
        catalogue=catalogue,
        entries=entries,
        counts=counts,
        numbers=numbers,
        kinds=frozenset(catalogue.kind_lineage(report.meta.agency_kind)),
        absent_features=frozenset(absent),
        not_applicable=frozenset(applicability.not_applicable),
        required=frozenset(applicability.required),
    )


def show(value: float | None, decimals: int = 0) -> str:
    return "" if value is None else format_number(value, decimals)


def shown(ctx: Context, ident: str) -> str:
    """The cell as the agency wrote it, for quoting."""
    entry = ctx.entries.get(ident)
    return entry.raw if entry else ""


def finding(
    spec: RuleSpec,
    indicators: Sequence[str],
    ctx: Context,
    *,
    variant: str = "default",
    expected: str | None = None,
    actual: str | None = None,
    location: Location | None = None,
    **params: Any,
) -> Finding:
    first = indicators[0] if indicators else None
    return Finding(
        rule_id=spec.id,
        severity=spec.severity,
        indicators=tuple(indicators),
        params=params,
        variant=variant if variant in spec.message else "default",
        expected=expected,
        actual=actual,
        location=location if location is not None else (ctx.location(first) if first else None),
    )


def ids_param(spec: RuleSpec, key: str) -> tuple[str, ...]:
    value = spec.params.get(key, ())
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def indicators_of_kind(catalogue: Catalogue, *kinds: ValueKind) -> list[Indicator]:
    return [i for i in catalogue.indicators.values() if i.kind in kinds]


class RuleDefinitionError(ValueError):
    """A rule whose parameters cannot be compiled; the ruleset loader names its line."""
