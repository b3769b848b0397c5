"""The audit as JSON: each report with its status and findings (those of `cchc check
--format json`, plus the audit's own), the batch's findings and the province tables."""

from __future__ import annotations

import json
from typing import Any

from cchc_rules import __version__
from cchc_rules.audit.model import AgencyRow, AuditFinding
from cchc_rules.audit.result import AuditResult
from cchc_rules.audit.table import table_dict

SCHEMA_VERSION = 1


def finding_dict(finding: AuditFinding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule_id": finding.rule_id,
        "severity": finding.severity,
        "indicators": list(finding.indicators),
        "message": finding.message,
        "expected": finding.expected,
        "actual": finding.actual,
        "location": dict(finding.location),
    }
    if finding.params:
        data["params"] = {k: v for k, v in finding.params.items() if isinstance(v, str | int | float)}
    if finding.new:
        data["new"] = True
    return data


def row_dict(row: AgencyRow) -> dict[str, Any]:
    return {
        "index": row.index,
        "anchor": row.anchor,
        "source": row.source or None,
        "agency": row.agency,
        "agency_kind": row.agency_kind,
        "period": row.period,
        "report_number": row.report_number,
        "report_date": row.report_date,
        "status": row.status,
        "consolidated": row.consolidated,
        "error": row.error,
        "error_code": row.error_code,
        "summary": row.counts(),
        "previous": {"source": row.previous_source, "period": row.previous_period} if row.previous_source else None,
        "findings": [finding_dict(f) for f in row.findings],
        "audit_findings": [finding_dict(f) for f in row.audit_findings],
    }


def audit_dict(result: AuditResult) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "cchc-rules", "version": __version__},
        "kind": "audit",
        "lang": result.lang,
        "summary": {"reports": len(result.reports), **result.statuses(), "findings": result.summary()},
        "options": {"jump_factor": result.jump_factor, "expected_agencies": result.expected_agencies},
        "reports": [row_dict(r) for r in result.rows],
        "findings": [finding_dict(f) for f in result.findings],
        "previous": [{"source": r.source, "agency": r.agency, "period": r.period} for r in result.previous],
        "consolidated": [table_dict(c, result.lang) for c in result.consolidations],
        "skipped": result.skipped,
    }


def render(result: AuditResult) -> str:
    return json.dumps(audit_dict(result), ensure_ascii=False, indent=2) + "\n"
