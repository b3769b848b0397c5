"""Findings and per-rule outcomes: plain data that every output format consumes.

The engine never renders text: a finding carries its rule id, the indicators it
names and the parameters of its message; outputs render it in the user's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from cchc_rules.model import Location


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NOT_EVALUABLE = "not_evaluable"


ENGINE_RULE = "CCHC-ENGINE"
Params = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing wrong with a report: plain data, rendered only by the outputs."""

    rule_id: str
    severity: Severity
    indicators: tuple[str, ...] = ()
    params: Params = field(default_factory=dict)
    variant: str = "default"
    expected: str | None = None
    actual: str | None = None
    location: Location | None = None

    def sort_key(self) -> tuple[Any, ...]:
        line = self.location.line or self.location.row or 0 if self.location else 0
        return (line, self.indicators, self.rule_id, self.variant, str(sorted(self.params.items())))


@dataclass(slots=True)
class Outcome:
    """How one rule fared on one report: counted over every place it was evaluated."""

    rule_id: str
    passed: int = 0
    failed: int = 0
    not_evaluable: int = 0

    @property
    def status(self) -> Status:
        if self.failed:
            return Status.FAIL
        if self.passed:
            return Status.PASS
        return Status.NOT_EVALUABLE


@dataclass(frozen=True, slots=True)
class RuleRun:
    """What a compiled rule returns for one report."""

    passed: int = 0
    not_evaluable: int = 0
    findings: tuple[Finding, ...] = ()


@dataclass
class CheckResult:
    """The findings of one evaluation and how each rule fared."""

    findings: list[Finding]
    outcomes: dict[str, Outcome]

    def counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    def worst(self) -> Severity | None:
        ranked = sorted((f.severity for f in self.findings), key=lambda s: s.rank, reverse=True)
        return ranked[0] if ranked else None
