"""cchc-rules: checks Vietnam's administrative-reform (CCHC) statistical reports.

from cchc_rules import check, load_report
result = check("phu-luc-2.txt")
for finding in result.findings:
    print(finding.rule_id, result.message(finding))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Checker", "ReportResult", "__version__", "check", "load_report"]

if TYPE_CHECKING:
    from cchc_rules.api import check, load_report
    from cchc_rules.checker import Checker
    from cchc_rules.result import ReportResult


def __getattr__(name: str) -> Any:
    # Lazy, so that `import cchc_rules` (and the CLI's start-up) stays cheap.
    if name in ("check", "load_report"):
        from cchc_rules import api

        return getattr(api, name)
    if name == "Checker":
        from cchc_rules.checker import Checker

        return Checker
    if name == "ReportResult":
        from cchc_rules.result import ReportResult

        return ReportResult
    raise AttributeError(name)
