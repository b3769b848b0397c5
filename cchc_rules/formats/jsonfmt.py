"""The JSON contract: stable, documented, with a schema (`cchc schema findings`).

{"reports": [{"source", "agency", "period", "template", "findings": [...],
"outcomes": {...}, "summary": {"error", "warning", "info"}, "suggestions": [...],
"evidence": {...}}]}; a finding lists the suggestions that answer it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from cchc_rules import __version__
from cchc_rules.findings import Finding
from cchc_rules.fixes.model import Suggestion
from cchc_rules.fixes.text import describe
from cchc_rules.formats import FormatOptions
from cchc_rules.model import Location
from cchc_rules.result import ReportResult

SCHEMA_VERSION = 1


def location_dict(location: Location | None) -> dict[str, Any]:
    if location is None:
        return {}
    data = {k: v for k, v in asdict(location).items() if v is not None and k != "continued"}
    if location.continued:
        data["continued"] = list(location.continued)
    return data


def finding_dict(result: ReportResult, finding: Finding, lang: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "rule_id": finding.rule_id,
        "severity": finding.severity.value,
        "indicators": list(finding.indicators),
        "message": result.message(finding, lang),
        "expected": finding.expected,
        "actual": finding.actual,
        "location": location_dict(finding.location),
    }
    suggestions = result.suggestions_for(finding)
    if suggestions:
        data["suggestions"] = [suggestion_dict(s, lang) for s in suggestions]
    return data


def shown_suggestions(result: ReportResult) -> list[Suggestion]:
    """The suggestions of the findings reported (a baseline or suppression may hide some)."""
    shown = {id(s) for f in result.findings for s in result.suggestions_for(f)}
    return [s for s in result.suggestions if id(s) in shown]


def suggestion_dict(suggestion: Suggestion, lang: str) -> dict[str, Any]:
    return {**suggestion.to_dict(), "text": describe(suggestion, lang)}


def report_dict(result: ReportResult, lang: str = "vi") -> dict[str, Any]:
    meta = result.report.meta
    data: dict[str, Any] = {
        "source": result.source,
        "agency": meta.agency,
        "agency_kind": meta.agency_kind,
        "period": meta.period,
        "template": f"{meta.template_id}/{meta.template_version}" if meta.template_id else None,
        "findings": [finding_dict(result, f, lang) for f in result.findings],
        "outcomes": {
            rule_id: {
                "status": o.status.value,
                "passed": o.passed,
                "failed": o.failed,
                "not_evaluable": o.not_evaluable,
            }
            for rule_id, o in sorted(result.outcomes.items())
        },
        "summary": result.summary(),
        "suggestions": [suggestion_dict(s, lang) for s in shown_suggestions(result)],
        "evidence": result.evidence.to_dict() if result.evidence is not None else {},
    }
    if result.error:
        data["error"] = result.error
    return data


def render(results: Sequence[ReportResult], options: FormatOptions) -> str:
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "cchc-rules", "version": __version__},
        "lang": options.lang,
        "reports": [report_dict(r, options.lang) for r in results],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
