"""Completeness: every row the template has is there once, every row that must be
filled is filled, and the title line carries the report's number and day.

A blank is not a zero: it means "not reported". A blank is excused where the
indicator does not apply to this kind of agency, where the agency has no such
units at all, or where its note delegates it ("Sở Nội vụ báo cáo").
"""

from __future__ import annotations

import re

from cchc_rules.catalogue import Catalogue
from cchc_rules.findings import Finding, RuleRun
from cchc_rules.model import Location, ValueKind
from cchc_rules.rules.base import CompiledRule, Context, RuleDefinitionError, RuleSpec, finding

CHECKS = ("missing", "blank", "duplicate", "unknown", "meta_number", "meta_date")


def compile_rule(spec: RuleSpec, catalogue: Catalogue) -> CompiledRule:
    check = spec.params.get("check")
    if check not in CHECKS:
        raise RuleDefinitionError(f"check must be one of {', '.join(CHECKS)}")
    excuse = re.compile(spec.params.get("excused_by_note", r"(?!x)x"), re.IGNORECASE)
    runner = {
        "missing": _missing,
        "blank": _blank,
        "duplicate": _duplicate,
        "unknown": _unknown,
        "meta_number": _meta_number,
        "meta_date": _meta_date,
    }[check]
    return lambda ctx: runner(spec, ctx, excuse)


def _missing(spec: RuleSpec, ctx: Context, _: re.Pattern[str]) -> RuleRun:
    findings = [
        finding(spec, [ident], ctx, location=Location(file=ctx.report.meta.source), stt=ind.stt or ident)
        for ident, ind in ctx.catalogue.indicators.items()
        if ident not in ctx.entries
    ]
    return RuleRun(passed=len(ctx.catalogue.indicators) - len(findings), findings=tuple(findings))


def _blank(spec: RuleSpec, ctx: Context, excuse: re.Pattern[str]) -> RuleRun:
    passed = not_evaluable = 0
    findings: list[Finding] = []
    for ident, ind in ctx.catalogue.indicators.items():
        entry = ctx.entries.get(ident)
        if entry is None or ind.kind is ValueKind.GROUP:
            continue
        if not entry.value.is_blank:
            passed += 1
        elif not ctx.applies(ind) or _total_left_to_sums(ctx, ident) or _excused(ctx, ident, excuse):
            not_evaluable += 1
        else:
            findings.append(finding(spec, [ident], ctx))
    return RuleRun(passed=passed, not_evaluable=not_evaluable, findings=tuple(findings))


def _excused(ctx: Context, ident: str, excuse: re.Pattern[str]) -> bool:
    """A delegation or not-applicable note excuses a blank, unless a plugin requires the row."""
    return ident not in ctx.required and bool(excuse.search(ctx.entries[ident].note))


def _total_left_to_sums(ctx: Context, ident: str) -> bool:
    """A blank total whose parts are filled is the sum rule's to report, with its value."""
    ind = ctx.catalogue.indicators[ident]
    if ind.children_relation != "sum":
        return False
    return any(not ctx.is_blank(child) for child in ctx.catalogue.children(ident))


def _duplicate(spec: RuleSpec, ctx: Context, _: re.Pattern[str]) -> RuleRun:
    findings: list[Finding] = []
    seen: set[str] = set()
    for entry in ctx.report.entries:
        if ctx.counts.get(entry.id, 0) > 1 and entry.id in seen:
            first = ctx.entries[entry.id]
            findings.append(
                finding(
                    spec,
                    [entry.id],
                    ctx,
                    location=entry.location,
                    first_line=first.location.line or first.location.row or "",
                    actual=entry.raw,
                )
            )
        seen.add(entry.id)
    return RuleRun(passed=len(ctx.entries) - len({f.indicators[0] for f in findings}), findings=tuple(findings))


def _unknown(spec: RuleSpec, ctx: Context, _: re.Pattern[str]) -> RuleRun:
    findings = [
        finding(spec, [e.id], ctx, location=e.location, stt=e.stt or e.id, row_name=e.name, actual=e.raw)
        for e in ctx.report.entries
        if not e.known
    ]
    return RuleRun(passed=len(ctx.report.entries) - len(findings), findings=tuple(findings))


def _title_location(ctx: Context) -> Location:
    meta = ctx.report.meta
    return Location(file=meta.source, line=meta.title_line)


def _meta_number(spec: RuleSpec, ctx: Context, _: re.Pattern[str]) -> RuleRun:
    meta = ctx.report.meta
    if meta.report_date_raw is None:
        return RuleRun(not_evaluable=1)
    if meta.report_number:
        return RuleRun(passed=1)
    return RuleRun(findings=(finding(spec, [], ctx, location=_title_location(ctx), title=meta.report_date_raw),))


def _meta_date(spec: RuleSpec, ctx: Context, _: re.Pattern[str]) -> RuleRun:
    meta = ctx.report.meta
    if meta.report_date_raw is None:
        return RuleRun(not_evaluable=1)
    if meta.report_date is not None:
        return RuleRun(passed=1)
    return RuleRun(findings=(finding(spec, [], ctx, location=_title_location(ctx), title=meta.report_date_raw),))
