"""What an audit returns: every report's row, the province tables and the cross-report
findings; what the CLI's outputs render and a notebook explores."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_rules.audit.model import SEVERITIES, STATUSES, AgencyRow, AuditFinding, agency_key
from cchc_rules.audit.province import Consolidation

RANK = {"error": 3, "warning": 2, "info": 1}


@dataclass
class AuditResult:
    rows: list[AgencyRow]  # the reports in file order, then a placeholder per missing agency
    consolidations: list[Consolidation]
    findings: list[AuditFinding] = field(default_factory=list)  # findings of no single report
    previous: list[AgencyRow] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    lang: str = "vi"
    jump_factor: float = 3.0
    expected_agencies: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def reports(self) -> list[AgencyRow]:
        return [r for r in self.rows if not r.missing]

    @property
    def consolidation(self) -> Consolidation | None:
        """The province table of the batch's main period (the one with most reports)."""
        return max(self.consolidations, key=lambda c: len(c.reports), default=None)

    def row(self, name: str) -> AgencyRow:
        """The first row whose agency or file name is `name`."""
        key = agency_key(name)
        for row in self.rows:
            if row.agency_key == key or Path(row.source).name == name or row.source == name:
                return row
        raise KeyError(name)

    def statuses(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts

    def summary(self) -> dict[str, int]:
        """Findings by severity, over every report and the batch."""
        counts = dict.fromkeys(SEVERITIES, 0)
        for finding in self.all_findings():
            counts[finding.severity] += 1
        return counts

    def all_findings(self) -> list[AuditFinding]:
        return [f for row in self.rows for f in row.all_findings()] + list(self.findings)

    def fails(self, threshold: str | None) -> bool:
        """An unreadable report always fails the audit; findings fail it from `threshold` up."""
        if any(r.status == "unreadable" for r in self.rows):
            return True
        if threshold is None:
            return False
        return any(RANK[f.severity] >= RANK[threshold] for f in self.all_findings())

    def to_dict(self) -> dict[str, Any]:
        from cchc_rules.audit.jsonout import audit_dict

        return audit_dict(self)

    def __repr__(self) -> str:
        s = self.statuses()
        parts = ", ".join(f"{s[k]} {k}" for k in STATUSES if s[k])
        return f"<AuditResult {len(self.reports)} reports: {parts}>"
