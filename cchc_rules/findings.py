"""Findings and per-rule outcomes: plain data that every output format consumes.

The engine never renders text: a finding carries its rule id, the indicators it
names and the parameters of its message; outputs render it in the user's language.

Only Finding is a dataclass (outputs and tests use dataclasses.replace on it). The
others are a NamedTuple or a small slotted class: each dataclass costs the start of
every `cchc` run about a millisecond to build, and the engine makes these per report.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

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


class Outcome:
    """How one rule fared on one report: counted over every place it was evaluated."""

    __slots__ = ("failed", "not_evaluable", "passed", "rule_id")
    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __init__(self, rule_id: str, passed: int = 0, failed: int = 0, not_evaluable: int = 0) -> None:
        self.rule_id = rule_id
        self.passed = passed
        self.failed = failed
        self.not_evaluable = not_evaluable

    def _values(self) -> tuple[str, int, int, int]:
        return (self.rule_id, self.passed, self.failed, self.not_evaluable)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Outcome)
        return self._values() == other._values()

    def __repr__(self) -> str:
        return (
            f"Outcome(rule_id={self.rule_id!r}, passed={self.passed!r}, failed={self.failed!r}, "
            f"not_evaluable={self.not_evaluable!r})"
        )

    @property
    def status(self) -> Status:
        if self.failed:
            return Status.FAIL
        if self.passed:
            return Status.PASS
        return Status.NOT_EVALUABLE


class RuleRun(NamedTuple):
    """What a compiled rule returns for one report."""

    passed: int = 0
    not_evaluable: int = 0
    findings: tuple[Finding, ...] = ()


class CheckResult:
    """The findings of one evaluation and how each rule fared.

    The engine passes `count`, which makes the outcomes from its own tally when they are
    first read: the outputs read them, a batch that wants only the findings never does."""

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __init__(
        self,
        findings: list[Finding],
        outcomes: dict[str, Outcome] | None = None,
        *,
        count: Callable[[], dict[str, Outcome]] | None = None,
    ) -> None:
        if outcomes is None and count is None:
            outcomes = {}
        self.findings = findings
        self._outcomes: dict[str, Outcome] | None = outcomes
        self._count = count if outcomes is None else None

    @property
    def outcomes(self) -> dict[str, Outcome]:
        if self._outcomes is None:
            assert self._count is not None
            self._outcomes, self._count = self._count(), None
        return self._outcomes

    @outcomes.setter
    def outcomes(self, value: dict[str, Outcome]) -> None:
        self._outcomes, self._count = value, None

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, CheckResult)
        return (self.findings, self.outcomes) == (other.findings, other.outcomes)

    def __repr__(self) -> str:
        return f"CheckResult(findings={self.findings!r}, outcomes={self.outcomes!r})"

    def counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    def worst(self) -> Severity | None:
        ranked = sorted((f.severity for f in self.findings), key=lambda s: s.rank, reverse=True)
        return ranked[0] if ranked else None
