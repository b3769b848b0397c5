"""The Python API: `check` and `load_report`, for notebooks and scripts."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cchc_rules.checker import Checker
from cchc_rules.loading import Overrides
from cchc_rules.model import Report
from cchc_rules.result import ReportResult


def load_report(
    path: str | Path,
    *,
    agency: str | None = None,
    agency_kind: str | None = None,
    period: str | None = None,
) -> Report:
    """Read a report in any supported format and parse its values with the catalogue."""
    return Checker().load(path, Overrides(agency=agency, agency_kind=agency_kind, period=period))


def check(
    report: str | Path | Report,
    *,
    rulesets: Sequence[str | Path] = (),
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    agency: str | None = None,
    agency_kind: str | None = None,
    period: str | None = None,
) -> ReportResult:
    """Check one report against the standard ruleset (and any extra rulesets)."""
    checker = Checker(ruleset_paths=[Path(p) for p in rulesets], select=select, ignore=ignore)
    overrides = Overrides(agency=agency, agency_kind=agency_kind, period=period)
    if isinstance(report, Report):
        return checker.check_report(checker.bind(report, overrides))
    return checker.check_file(report, overrides)
