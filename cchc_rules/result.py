"""The result of checking one report: what the Python API returns and every output reads."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from cchc_rules.findings import Severity
from cchc_rules.render import message

if TYPE_CHECKING:  # the fixes load only for a report with findings, so only types here
    from cchc_rules.catalogue import Catalogue
    from cchc_rules.findings import CheckResult, Finding, Outcome
    from cchc_rules.fixes.model import Suggestion
    from cchc_rules.model import Report
    from cchc_rules.notes.evidence import Evidence
    from cchc_rules.rules.base import RuleSpec


class ReportResult:
    """One checked report, with what every output needs to show it.

    `outcomes` may be given as the engine's CheckResult: its outcomes are then counted only
    when first read (an audit reads the findings, never the outcomes)."""

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __init__(
        self,
        report: Report,
        findings: list[Finding],
        outcomes: dict[str, Outcome] | CheckResult,
        specs: dict[str, RuleSpec],
        catalogue: Catalogue,
        plugins: tuple[str, ...] = (),
        error: str | None = None,
        extras: dict[str, Any] | None = None,
        suggestions: list[Suggestion] | None = None,
        evidence: Evidence | None = None,
    ) -> None:
        self.report, self.findings, self._outcomes = report, findings, outcomes
        self.specs, self.catalogue, self.plugins, self.error = specs, catalogue, plugins, error
        self.extras: dict[str, Any] = extras if extras is not None else {}
        # Suggested fixes (cchc_rules/fixes) and what the notes confirm or contradict (cchc_rules/notes).
        self.suggestions: list[Suggestion] = suggestions if suggestions is not None else []
        self.evidence = evidence

    @classmethod
    def of(
        cls,
        report: Report,
        result: CheckResult,
        specs: dict[str, RuleSpec],
        catalogue: Catalogue,
        plugins: tuple[str, ...] = (),
    ) -> ReportResult:
        return cls(report, result.findings, result, specs, catalogue, plugins)

    @property
    def outcomes(self) -> dict[str, Outcome]:
        if not isinstance(self._outcomes, dict):
            self._outcomes = self._outcomes.outcomes
        return self._outcomes

    @outcomes.setter
    def outcomes(self, value: dict[str, Outcome]) -> None:
        self._outcomes = value

    def _fields(self) -> tuple[object, ...]:
        return (self.report, self.findings, self.outcomes, self.specs, self.catalogue, self.plugins, self.error,
                self.extras, self.suggestions, self.evidence)  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, ReportResult)
        return self._fields() == other._fields()

    def replace(self, **changes: Any) -> ReportResult:
        """A copy with some attributes changed (what dataclasses.replace did when this was one)."""
        copied = copy.copy(self)
        for name, value in changes.items():
            if not hasattr(self, name):
                raise TypeError(f"ReportResult has no field {name!r}")
            setattr(copied, name, value)
        return copied

    @property
    def source(self) -> str:
        return self.report.meta.source or ""

    def summary(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    def message(self, finding: Finding, lang: str = "vi") -> str:
        return message(finding, self.specs.get(finding.rule_id), self.catalogue, lang)

    def suggestions_for(self, finding: Finding) -> list[Suggestion]:
        """The suggested changes that answer this finding: to one of its rows, for its rule."""
        return [s for s in self.suggestions if finding.rule_id in s.rule_ids and s.indicator in finding.indicators]

    def confirmed(self, ident: str) -> bool:
        """Does the note of the report confirm this indicator's value (notes/evidence.py)?"""
        return self.evidence is not None and self.evidence.confirmed(ident)

    def fails(self, threshold: Severity | None) -> bool:
        if threshold is None:
            return False
        return any(f.severity.rank >= threshold.rank for f in self.findings)

    def to_dict(self, lang: str = "vi") -> dict[str, Any]:
        from cchc_rules.formats.jsonfmt import report_dict

        return report_dict(self, lang)

    def __repr__(self) -> str:
        s = self.summary()
        return f"<ReportResult {self.source!r}: {s['error']} errors, {s['warning']} warnings, {s['info']} info>"
