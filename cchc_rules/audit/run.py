"""The audit from start to end: check the batch (and the previous period's), then the
checks across reports, then the province table. The order matters: duplicates are set
aside before anything is consolidated or compared between agencies."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_rules.audit.batch import discover, progress_bar, run_batch
from cchc_rules.audit.compare import DEFAULT_JUMP_FACTOR, compare_periods, period_order
from cchc_rules.audit.consolidate import consolidate
from cchc_rules.audit.coverage import expected_gaps, mark_duplicates
from cchc_rules.audit.model import AgencyRow
from cchc_rules.audit.outliers import DEFAULT_THRESHOLD, find_outliers
from cchc_rules.audit.rates import rate_sources
from cchc_rules.audit.result import AuditResult
from cchc_rules.audit.worker import BatchOptions
from cchc_rules.errors import CchcError

if TYPE_CHECKING:
    from cchc_rules.catalogue import Catalogue
    from cchc_rules.checker import Checker
    from cchc_rules.config import Suppression

Inputs = str | Path | Iterable[str | Path]


def _paths(inputs: Inputs | None) -> list[str | Path]:
    if inputs is None:
        return []
    if isinstance(inputs, str | Path):
        return [inputs]
    return list(inputs)


def audit(
    inputs: Inputs,
    *,
    previous: Inputs | None = None,
    expected_agencies: Sequence[str] = (),
    jump_factor: float = DEFAULT_JUMP_FACTOR,
    outlier_threshold: float = DEFAULT_THRESHOLD,
    jobs: int | None = None,
    lang: str = "vi",
    rulesets: Sequence[str | Path] = (),
    standard: bool = True,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    severity: Mapping[str, str] | None = None,
    plugins_dirs: Sequence[str | Path] = (),
    plugins: Sequence[str] = (),
    no_plugins: Sequence[str] = (),
    suppress: Sequence[Suppression] = (),
    progress: bool = False,
) -> AuditResult:
    """Audit a batch of reports (folders and files, any mix of formats).

    >>> result = audit("reports/2021/", previous="reports/2021-Q3/", expected_agencies=["Sở Tư pháp"])
    >>> result.statuses(), result.consolidation.row("7.6.3.a").shown
    """
    options = BatchOptions(
        rulesets=tuple(str(p) for p in rulesets), standard=standard, select=tuple(select), ignore=tuple(ignore),
        severity=tuple(sorted((severity or {}).items())), plugins_dirs=tuple(str(p) for p in plugins_dirs),
        plugins=tuple(plugins), no_plugins=tuple(no_plugins), suppress=tuple(suppress), lang=lang,
    )  # fmt: skip
    return run_audit_batch(
        _paths(inputs), options, previous=_paths(previous), expected_agencies=expected_agencies,
        jump_factor=jump_factor, outlier_threshold=outlier_threshold, jobs=jobs, progress=progress,
    )  # fmt: skip


def run_audit_batch(
    inputs: Sequence[str | Path],
    options: BatchOptions,
    *,
    previous: Sequence[str | Path] = (),
    expected_agencies: Sequence[str] = (),
    jump_factor: float = DEFAULT_JUMP_FACTOR,
    outlier_threshold: float = DEFAULT_THRESHOLD,
    jobs: int | None = None,
    progress: bool = False,
) -> AuditResult:
    start = time.perf_counter()
    lang = options.lang
    found = discover(inputs)
    if not found.files:
        raise CchcError("usage", reason=f"không có báo cáo nào / no report files in: {', '.join(map(str, inputs))}")
    checker = options.checker()
    specs = checker.rule_specs()  # loads (and validates) the rulesets before any worker starts
    with progress_bar(len(found.files), progress) as tick:
        rows = run_batch(found.files, options, jobs, tick, checker)
    before: list[AgencyRow] = []
    if previous:
        earlier = discover(previous)
        with progress_bar(len(earlier.files), progress, "Kỳ trước / Previous period") as tick:
            before = run_batch(earlier.files, options, jobs, tick, checker)
    catalogue_for = _catalogues(checker)
    mark_duplicates(rows, lang)
    placeholders = expected_gaps(rows, expected_agencies, lang)
    if before:
        compare_periods(rows, before, catalogue_for, lang, jump_factor)
    find_outliers(rows, catalogue_for, lang, outlier_threshold)
    sources = rate_sources(specs)
    periods = sorted({r.period for r in rows if r.consolidated}, key=lambda p: period_order(p) or (9999, 9))
    tables = [
        consolidate([r for r in rows if r.consolidated and r.period == p], catalogue_for(p), sources, p)
        for p in periods
    ]
    return AuditResult(
        rows=rows + placeholders, consolidations=tables, previous=before, skipped=found.skipped, lang=lang,
        jump_factor=jump_factor, expected_agencies=list(expected_agencies), elapsed=time.perf_counter() - start,
    )  # fmt: skip


def _catalogues(checker: Checker) -> Callable[[str | None], Catalogue]:
    from cchc_rules.model import Report, ReportMeta

    @cache
    def catalogue_for(period: str | None) -> Catalogue:
        return checker.base_catalogue(Report(meta=ReportMeta(period=period)))

    return catalogue_for
