"""The result of checking one report: what the Python API returns and every output reads."""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass(repr=False)  # its own __repr__ below: the dataclass need not build one
class ReportResult:
    """One checked report, with what every output needs to show it."""

    report: Report
    findings: list[Finding]
    outcomes: dict[str, Outcome]
    specs: dict[str, RuleSpec]
    catalogue: Catalogue
    plugins: tuple[str, ...] = ()
    error: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)
    # Suggested fixes (cchc_rules/fixes) and what the notes confirm or contradict (cchc_rules/notes).
    suggestions: list[Suggestion] = field(default_factory=list)
    evidence: Evidence | None = None

    @classmethod
    def of(
        cls,
        report: Report,
        result: CheckResult,
        specs: dict[str, RuleSpec],
        catalogue: Catalogue,
        plugins: tuple[str, ...] = (),
    ) -> ReportResult:
        return cls(report, result.findings, result.outcomes, specs, catalogue, plugins)

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
