"""Completeness: every row the template has is there once, every row that must be
filled is filled, and the title line carries the report's number and day.

A blank is not a zero: it means "not reported". A blank is excused where the
indicator does not apply to this kind of agency, where the agency has no such
units at all, or where its note delegates it ("Sở Nội vụ báo cáo").
"""

from __future__ import annotations

import re
from functools import partial

from cchc_rules.catalogue import Catalogue
from cchc_rules.findings import Finding, RuleRun
from cchc_rules.model import Location, ValueKind
from cchc_rules.notes.cache import Bounded, per_object
from cchc_rules.rules.base import (
    NOT_EVALUABLE,
    PASSED,
    CompiledRule,
    Context,
    RuleDefinitionError,
    RuleSpec,
    counted,
    finding,
)

CHECKS = ("missing", "blank", "duplicate", "unknown", "meta_number", "meta_date")


def compile_rule(spec: RuleSpec, catalogue: Catalogue) -> CompiledRule:
    check = spec.params.get("check")
    if check not in CHECKS:
        raise RuleDefinitionError(f"check must be one of {', '.join(CHECKS)}")
    if check == "blank":
        return _blank_rule(spec, re.compile(spec.params.get("excused_by_note", r"(?!x)x"), re.IGNORECASE))
    runner = {
        "missing": _missing,
        "duplicate": _duplicate,
        "unknown": _unknown,
        "meta_number": _meta_number,
        "meta_date": _meta_date,
    }[check]
    return partial(runner, spec)


def _missing(spec: RuleSpec, ctx: Context) -> RuleRun:
    indicators = ctx.catalogue.indicators
    if not ctx.missing:
        return counted(len(indicators))
    findings = [
        finding(spec, [ident], ctx, location=Location(file=ctx.report.meta.source), stt=indicators[ident].stt or ident)
        for ident in ctx.missing
    ]
    return RuleRun(passed=len(indicators) - len(findings), findings=tuple(findings))


def _blank_rule(spec: RuleSpec, excuse: re.Pattern[str]) -> CompiledRule:
    excused_by: Bounded[str, bool] = Bounded()  # note -> does it excuse a blank

    def excused(ctx: Context, ident: str) -> bool:
        """A delegation or not-applicable note excuses a blank, unless a plugin requires the row."""
        if ident in ctx.required:
            return False
        note = ctx.entries[ident].note
        found = excused_by.get(note)
        return excused_by.put(note, excuse.search(note) is not None) if found is None else found

    def run(ctx: Context) -> RuleRun:
        fillable = per_object(ctx.catalogue, "fillable", lambda: _fillable(ctx.catalogue))
        missing = ctx.missing
        present = len(fillable) - (sum(1 for ident in missing if ident in fillable) if missing else 0)
        blanks = [ident for ident in ctx.blanks if ident in fillable]
        if not blanks:
            return counted(present)
        # Most are rows this agency need not report: set aside in one pass, the rest looked at.
        due = _due(ctx, fillable)
        left = [ident for ident in blanks if ident in due]
        left.sort(key=fillable.__getitem__)  # the catalogue's order
        not_evaluable = len(blanks) - len(left)
        findings: list[Finding] = []
        for ident in left:
            if _total_left_to_sums(ctx, ident) or excused(ctx, ident):
                not_evaluable += 1
            else:
                findings.append(finding(spec, [ident], ctx))
        passed = present - len(blanks)
        if not findings:
            return counted(passed, not_evaluable)
        return RuleRun(passed=passed, not_evaluable=not_evaluable, findings=tuple(findings))

    return run


def _fillable(catalogue: Catalogue) -> dict[str, int]:
    """Indicators that take a value (not headings), with their place in the catalogue."""
    return {ident: n for n, (ident, ind) in enumerate(catalogue.indicators.items()) if ind.kind is not ValueKind.GROUP}


def _not_applying(ctx: Context) -> frozenset[str]:
    """Indicators this agency need not report: the same for every report of its kind, so kept."""
    known: Bounded[tuple[frozenset[str], ...], frozenset[str]] = per_object(ctx.catalogue, "not-applying", Bounded)
    key = (ctx.kinds, ctx.absent_features, ctx.required, ctx.not_applicable)
    found = known.get(key)
    if found is None:
        found = known.put(key, frozenset(i.id for i in ctx.catalogue.indicators.values() if not ctx.applies(i)))
    return found


def _due(ctx: Context, fillable: dict[str, int]) -> frozenset[str]:
    """The rows this agency must fill: those that take a value, less those it need not report.
    The same for every report with the same rows not applying (a few kinds a batch), so kept."""
    skipped = _not_applying(ctx)
    known: Bounded[frozenset[str], frozenset[str]] = per_object(ctx.catalogue, "blank-due", Bounded)
    found = known.get(skipped)
    if found is None:
        found = known.put(skipped, frozenset(fillable).difference(skipped))
    return found


def _total_left_to_sums(ctx: Context, ident: str) -> bool:
    """A blank total whose parts are filled is the sum rule's to report, with its value."""
    ind = ctx.catalogue.indicators[ident]
    if ind.children_relation != "sum":
        return False
    return any(not ctx.is_blank(child) for child in ctx.catalogue.children(ident))


def _duplicate(spec: RuleSpec, ctx: Context) -> RuleRun:
    if not ctx.has_duplicates:
        return counted(len(ctx.entries))
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


def _unknown(spec: RuleSpec, ctx: Context) -> RuleRun:
    rows = ctx.report.entries
    if not ctx.unknown:
        return counted(len(rows))
    findings = [
        finding(spec, [e.id], ctx, location=e.location, stt=e.stt or e.id, row_name=e.name, actual=e.raw)
        for e in ctx.unknown
    ]
    return RuleRun(passed=len(rows) - len(findings), findings=tuple(findings))


def _title_location(ctx: Context) -> Location:
    meta = ctx.report.meta
    return Location(file=meta.source, line=meta.title_line)


def _meta_number(spec: RuleSpec, ctx: Context) -> RuleRun:
    meta = ctx.report.meta
    if meta.report_date_raw is None:
        return NOT_EVALUABLE
    if meta.report_number:
        return PASSED
    return RuleRun(findings=(finding(spec, [], ctx, location=_title_location(ctx), title=meta.report_date_raw),))


def _meta_date(spec: RuleSpec, ctx: Context) -> RuleRun:
    meta = ctx.report.meta
    if meta.report_date_raw is None:
        return NOT_EVALUABLE
    if meta.report_date is not None:
        return PASSED
    return RuleRun(findings=(finding(spec, [], ctx, location=_title_location(ctx), title=meta.report_date_raw),))
