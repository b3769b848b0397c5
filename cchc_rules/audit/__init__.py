"""The reviewer's audit: many reports of one period checked together, consolidated into
the province's table, compared with the previous period and with each other.

    from cchc_rules.audit import audit
    result = audit("reports/2021/", previous="reports/2021-Q3/")
    result.statuses()                                  # {'pass': 12, 'warnings': 5, ...}
    result.consolidation.row("7.6.3.a").shown          # '92,86%'

Modules: batch (find and check the files, in processes), worker (one report → one row),
coverage (duplicates and missing agencies), consolidate (the province table), table
(writing it), compare (period over period), outliers (median/MAD), dashboard (HTML),
console, jsonout and workbook (the other outputs), rules (the AUDIT- rules).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["AuditResult", "audit"]

if TYPE_CHECKING:
    from cchc_rules.audit.result import AuditResult
    from cchc_rules.audit.run import audit


def __getattr__(name: str) -> Any:
    # Lazy, so that importing a submodule in a worker process does not import the whole audit.
    if name == "audit":
        from cchc_rules.audit.run import audit

        return audit
    if name == "AuditResult":
        from cchc_rules.audit.result import AuditResult

        return AuditResult
    raise AttributeError(name)
