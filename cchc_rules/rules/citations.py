"""Cited documents: the dates a note gives must exist and make sense.

check: invalid_date   a date that does not exist (31/02/2021)
check: late           a document dated after the period's end, or after the report's own date
check: sequence       documents of one process that go back in time (notes/process.py)
check: number_dates   one document number cited with two different dates
check: missing        a value that says something was issued (a plan, decisions) with no
                      document cited in its note (or its sub-rows' notes), for `indicators`
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from cchc_rules.catalogue import Catalogue
from cchc_rules.findings import Finding, RuleRun
from cchc_rules.model import Entry, ValueKind
from cchc_rules.notes.citations import Citation, NoteDate, ParsedNote, format_date, parse_note
from cchc_rules.notes.process import sequence_problems
from cchc_rules.periods import Period
from cchc_rules.rules.base import CompiledRule, Context, RuleDefinitionError, RuleSpec, finding, show, shown
from cchc_rules.rules.note_arithmetic import quote

CHECKS = ("invalid_date", "late", "sequence", "number_dates", "missing")


def compile_rule(spec: RuleSpec, catalogue: Catalogue) -> CompiledRule:
    check = spec.params.get("check")
    if check not in CHECKS:
        raise RuleDefinitionError(f"check must be one of {', '.join(CHECKS)}")
    if check == "missing":
        if not spec.indicators:
            raise RuleDefinitionError("a missing-citation check needs indicators")
        unknown = [i for i in spec.indicators if i not in catalogue.indicators]
        if unknown:
            raise RuleDefinitionError(f"unknown indicators: {', '.join(unknown)}")
    runner = {
        "invalid_date": _invalid_date,
        "late": _late,
        "sequence": _sequence,
        "number_dates": _number_dates,
        "missing": _missing,
    }[check]
    return lambda ctx: runner(spec, ctx)


def notes(ctx: Context) -> Iterator[tuple[Entry, ParsedNote]]:
    """Each indicator's note (its first row), parsed, in report order."""
    for entry in ctx.entries.values():
        if entry.note.strip():
            yield entry, parse_note(entry.note)


def _invalid_date(spec: RuleSpec, ctx: Context) -> RuleRun:
    passed = 0
    findings: list[Finding] = []
    for entry, parsed in notes(ctx):
        for when in parsed.dates:
            if when.exists:
                passed += 1
                continue
            quoted = _around(parsed, when)
            findings.append(finding(spec, [entry.id], ctx, actual=when.text, date=when.text, quote=quoted))
    return RuleRun(passed=passed, findings=tuple(findings))


def _around(parsed: ParsedNote, when: NoteDate) -> str:
    start, end = parsed.clause_of(when.start)
    return quote(parsed.text[start:end])


def issue_dates(parsed: ParsedNote) -> Iterator[tuple[Citation, date]]:
    for citation in parsed.citations:
        if citation.date is not None and citation.date.value is not None:
            yield citation, citation.date.value


def _late(spec: RuleSpec, ctx: Context) -> RuleRun:
    meta = ctx.report.meta
    try:
        end = Period.parse(meta.period).end if meta.period else None
    except Exception:  # an unreadable period is the loader's to report
        end = None
    if end is None and meta.report_date is None:
        return RuleRun(not_evaluable=1)
    passed = 0
    findings: list[Finding] = []
    for entry, parsed in notes(ctx):
        for citation, when in issue_dates(parsed):
            if meta.report_date is not None and when > meta.report_date:
                variant, limit = "report", meta.report_date
            elif end is not None and when > end:
                variant, limit = "period", end
            else:
                passed += 1
                continue
            findings.append(
                finding(
                    spec,
                    [entry.id],
                    ctx,
                    variant=variant,
                    actual=citation.date.text if citation.date else "",
                    doc=citation.quote,
                    date=citation.date.text if citation.date else "",
                    limit=format_date(limit),
                    period=meta.period or "",
                )
            )
    return RuleRun(passed=passed, findings=tuple(findings))


def _sequence(spec: RuleSpec, ctx: Context) -> RuleRun:
    passed = 0
    findings: list[Finding] = []
    for entry, parsed in notes(ctx):
        problems = sequence_problems(parsed)
        if not problems:
            passed += sum(1 for _ in issue_dates(parsed)) > 1
            continue
        for problem in problems:
            doc = problem.citation
            other = (problem.follows or problem.precedes or ((problem.pair,) if problem.pair else ()))[:1]
            findings.append(
                finding(
                    spec,
                    [entry.id],
                    ctx,
                    variant=problem.variant,
                    actual=doc.date.text if doc.date else "",
                    doc=doc.quote,
                    date=doc.date.text if doc.date else "",
                    other=other[0].quote if other else "",
                    window=problem.window.text if problem.window else "",
                    activity=problem.activity,
                )
            )
    return RuleRun(passed=passed, findings=tuple(findings))


def _number_dates(spec: RuleSpec, ctx: Context) -> RuleRun:
    first: dict[str, tuple[Entry, Citation]] = {}
    passed = 0
    findings: list[Finding] = []
    for entry, parsed in notes(ctx):
        for citation, when in issue_dates(parsed):
            key = citation.key
            if key is None:
                continue
            if key not in first:
                first[key] = (entry, citation)
                continue
            earlier_entry, earlier = first[key]
            assert earlier.date is not None and earlier.date.value is not None and citation.date is not None
            if earlier.date.value == when:
                passed += 1
                continue
            if citation.year is None and earlier.date.value.year != when.year:
                continue  # numbers start again each year: 01/QĐ-UBND of 2020 is not that of 2021
            findings.append(
                finding(
                    spec,
                    [entry.id, *([earlier_entry.id] if earlier_entry.id != entry.id else [])],
                    ctx,
                    actual=citation.date.text,
                    number=citation.number,
                    date=citation.date.text,
                    other_date=earlier.date.text,
                    other=earlier_entry.id,
                )
            )
    return RuleRun(passed=passed, findings=tuple(findings))


def _missing(spec: RuleSpec, ctx: Context) -> RuleRun:
    passed = not_evaluable = 0
    findings: list[Finding] = []
    for ident in spec.indicators:
        indicator = ctx.catalogue.get(ident)
        if indicator is None or ident not in ctx.entries:
            not_evaluable += 1
            continue
        rows = [ident, *ctx.catalogue.children(ident)]
        claimed = _claimed(ctx, ident, indicator.kind is ValueKind.GROUP)
        if claimed is None:
            not_evaluable += 1
            continue
        cited = any(
            parse_note(entry.note).citations for row in rows if (entry := ctx.entry(row)) is not None and entry.note
        )
        if cited:
            passed += 1
            continue
        findings.append(finding(spec, [ident], ctx, actual=claimed, claim=claimed))
    return RuleRun(passed=passed, not_evaluable=not_evaluable, findings=tuple(findings))


def _claimed(ctx: Context, ident: str, group: bool) -> str | None:
    """What in the report says something was issued: the value itself, or a sub-row's."""
    if not group:
        value = ctx.number(ident)
        return shown(ctx, ident) if value is not None and value > 0 else None
    for child in ctx.catalogue.children(ident):
        value = ctx.number(child)
        if value is not None and value > 0:
            return f"{child} = {show(value)}"
    return None
