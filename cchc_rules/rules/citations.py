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
from functools import lru_cache

from cchc_rules.catalogue import Catalogue
from cchc_rules.findings import Finding, RuleRun
from cchc_rules.model import Entry, ValueKind
from cchc_rules.notes.cache import TEXTS, Bounded, once
from cchc_rules.notes.citations import Citation, NoteDate, ParsedNote, documents, format_date, parse_note
from cchc_rules.periods import Period
from cchc_rules.rules.base import (
    NOT_EVALUABLE,
    CompiledRule,
    Context,
    RuleDefinitionError,
    RuleSpec,
    counted,
    finding,
    show,
    shown,
)
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


def notes(ctx: Context) -> list[tuple[Entry, ParsedNote]]:
    """Each indicator's note (its first row), parsed, in report order; once per report."""
    return summary(ctx).notes


class Summary:
    """What the document rules need of a report's notes, in one pass over them: totals for
    the rules' passes, and the notes a rule must look at more closely (parsed when a rule asks:
    most reports pass, and their notes' totals need no parsed note)."""

    def __init__(self) -> None:
        self.noted: list[Entry] = []
        self.valid_dates = 0
        self.invalid_rows: list[Entry] = []  # a date that does not exist
        self.issued = 0  # dated documents
        self.latest: date | None = None
        self.in_order = 0  # notes with two or more dated documents, none out of order
        self.out_of_order_rows: list[Entry] = []
        self.numbered_rows: list[Entry] = []
        self.numbers: set[str] = set()  # the document numbers cited with a date
        self.cited_numbers = 0  # how many times: more than len(numbers) when one is cited twice
        self.cited: set[str] = set()  # rows whose note cites a document

    @once
    def notes(self) -> list[tuple[Entry, ParsedNote]]:
        return _parsed(self.noted)

    @once
    def invalid(self) -> list[tuple[Entry, ParsedNote]]:
        return _parsed(self.invalid_rows)

    @once
    def out_of_order(self) -> list[tuple[Entry, ParsedNote]]:
        return _parsed(self.out_of_order_rows)

    @once
    def numbered(self) -> list[tuple[Entry, ParsedNote]]:
        return _parsed(self.numbered_rows)


def _parsed(rows: list[Entry]) -> list[tuple[Entry, ParsedNote]]:
    return [(entry, parse_note(entry.note)) for entry in rows]


def summary(ctx: Context) -> Summary:
    found: Summary | None = ctx.memo.get("citations")
    if found is None:
        found = ctx.memo["citations"] = _summarise(ctx.noted)
    return found


# Per note text: what it adds to a report's Summary.
Tally = tuple[int, int, "date | None", bool, bool, bool, "tuple[str, ...]", bool]
_TALLIES: Bounded[str, Tally] = Bounded(TEXTS)
_NOTHING: Tally = (0, 0, None, False, False, False, (), False)


def _tally(note: str) -> Tally:
    """What a note adds to a report's Summary (what ParsedNote's issue_dates, latest_issue, numbered
    and invalid_dates give, which the rules read only of the notes they report on), from the note's
    shape (citations.documents)."""
    valid, invalid, issued, latest, numbers, active, cites = documents(note)
    if not cites:  # most notes: only their dates can count (none issued, none numbered)
        found = (valid, 0, None, bool(invalid), False, False, (), False) if valid or invalid else _NOTHING
        return _TALLIES.put(note, found)
    # a dated document of an activity: there may be a process to put in order
    problems = active and bool(parse_note(note).sequence_problems)
    return _TALLIES.put(note, (valid, issued, latest, bool(invalid), problems, issued > 1 and not problems, numbers,
                               True))  # fmt: skip


def _summarise(noted: list[Entry]) -> Summary:
    out = Summary()
    out.noted = noted
    invalid, out_of_order, numbered, cited = out.invalid_rows, out.out_of_order_rows, out.numbered_rows, out.cited
    valid_dates = issued_total = in_order = 0
    latest: date | None = None
    known = _TALLIES.get
    for entry in noted:
        tally = known(entry.note) or _tally(entry.note)
        if tally is _NOTHING:
            continue  # nothing cited, no date: the usual note of a figure
        valid, issued, last, wrong_day, disordered, ordered, numbers, cites = tally
        if not cites and not valid and not wrong_day:
            continue
        valid_dates += valid
        if wrong_day:
            invalid.append(entry)
        if cites:
            cited.add(entry.id)
        if not issued:
            continue
        issued_total += issued
        if last is not None and (latest is None or last > latest):
            latest = last
        if disordered:
            out_of_order.append(entry)
        elif ordered:
            in_order += 1
        if numbers:
            numbered.append(entry)
            out.numbers.update(numbers)
            out.cited_numbers += len(numbers)
    out.valid_dates, out.issued, out.in_order, out.latest = valid_dates, issued_total, in_order, latest
    return out


def _invalid_date(spec: RuleSpec, ctx: Context) -> RuleRun:
    notes = summary(ctx)
    if not notes.invalid:
        return counted(notes.valid_dates)
    findings: list[Finding] = []
    for entry, parsed in notes.invalid:
        for when in parsed.invalid_dates:
            quoted = _around(parsed, when)
            findings.append(finding(spec, [entry.id], ctx, actual=when.text, date=when.text, quote=quoted))
    return RuleRun(passed=notes.valid_dates, findings=tuple(findings))


def _around(parsed: ParsedNote, when: NoteDate) -> str:
    start, end = parsed.clause_of(when.start)
    return quote(parsed.text[start:end])


def issue_dates(parsed: ParsedNote) -> Iterator[tuple[Citation, date]]:
    yield from parsed.issue_dates


@lru_cache(maxsize=256)
def _period_end(period: str) -> date | None:
    try:
        return Period.parse(period).end
    except Exception:  # an unreadable period is the loader's to report
        return None


def _late(spec: RuleSpec, ctx: Context) -> RuleRun:
    meta = ctx.report.meta
    end = _period_end(meta.period) if meta.period else None
    if end is None and meta.report_date is None:
        return NOT_EVALUABLE
    # A date is late when it is after either limit: dates on or before the earlier one all pass.
    limit = min(d for d in (meta.report_date, end) if d is not None)
    notes = summary(ctx)
    if notes.latest is None or notes.latest <= limit:
        return counted(notes.issued)
    passed = 0
    findings: list[Finding] = []
    for entry, parsed in notes.notes:
        latest = parsed.latest_issue
        if latest is None:
            continue
        if latest <= limit:
            passed += len(parsed.issue_dates)
            continue
        for citation, when in parsed.issue_dates:
            if meta.report_date is not None and when > meta.report_date:
                variant, shown_limit = "report", meta.report_date
            elif end is not None and when > end:
                variant, shown_limit = "period", end
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
                    limit=format_date(shown_limit),
                    period=meta.period or "",
                )
            )
    if not findings:
        return counted(passed)
    return RuleRun(passed=passed, findings=tuple(findings))


def _sequence(spec: RuleSpec, ctx: Context) -> RuleRun:
    notes = summary(ctx)
    if not notes.out_of_order:
        return counted(notes.in_order)
    findings: list[Finding] = []
    for entry, parsed in notes.out_of_order:
        for problem in parsed.sequence_problems:
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
    return RuleRun(passed=notes.in_order, findings=tuple(findings))


def _number_dates(spec: RuleSpec, ctx: Context) -> RuleRun:
    notes = summary(ctx)
    if len(notes.numbers) == notes.cited_numbers:
        return counted(0)  # no number is cited twice: nothing to compare
    first: dict[str, tuple[Entry, Citation]] = {}
    passed = 0
    findings: list[Finding] = []
    for entry, parsed in notes.numbered:
        for key, citation, when in parsed.numbered:
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
    if not findings:
        return counted(passed)
    return RuleRun(passed=passed, findings=tuple(findings))


def _missing(spec: RuleSpec, ctx: Context) -> RuleRun:
    passed = not_evaluable = 0
    findings: list[Finding] = []
    for ident in spec.indicators:
        indicator = ctx.catalogue.get(ident)
        if indicator is None or ident not in ctx.entries:
            not_evaluable += 1
            continue
        claimed = _claimed(ctx, ident, indicator.kind is ValueKind.GROUP)
        if claimed is None:
            not_evaluable += 1
            continue
        cited = summary(ctx).cited
        if ident in cited or any(child in cited for child in ctx.catalogue.children(ident)):
            passed += 1
            continue
        findings.append(finding(spec, [ident], ctx, actual=claimed, claim=claimed))
    if not findings:
        return counted(passed, not_evaluable)
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
