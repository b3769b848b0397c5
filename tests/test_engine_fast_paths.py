"""The compiled rules take shortcuts where nothing is wrong: one scan of a report's rows for all
the coherence checks, totals of its notes for the document rules, a shared verdict for a pass.
Each shortcut must give exactly what the rule written plainly gives. The plain versions are
here, as they were first written, and both run on reports with something odd in every row."""

from __future__ import annotations

import copy
import math
import random
import re
from collections.abc import Iterator
from datetime import date

import pytest

from cchc_rules.catalogue import Catalogue, default_catalogue
from cchc_rules.checker import Checker
from cchc_rules.engine import CompiledRuleset, evaluate
from cchc_rules.findings import ENGINE_RULE, Finding, RuleRun, Severity
from cchc_rules.loading import load_report
from cchc_rules.model import Entry, Flag, ParsedValue, Report, ValueKind, ValueStatus
from cchc_rules.notes.citations import Citation, ParsedNote, format_date, parse_note
from cchc_rules.notes.process import sequence_problems
from cchc_rules.periods import Period
from cchc_rules.rules import coherence, compare
from cchc_rules.rules.base import CompiledRule, Context, RuleSpec, build_context, finding
from cchc_rules.rules.citations import _around
from cchc_rules.values import parse_value

from helpers import SAMPLE

CATALOGUE = default_catalogue()
NOTES = [e.note for e in load_report(SAMPLE).entries if e.note] + [
    "Quyết định số 12/QĐ-UBND ngày 31/02/2021",
    "QĐ số 15/QĐ-UBND ngày 03/03/2021; QĐ số 15/QĐ-UBND ngày 04/03/2021",
    "Kế hoạch số 3/KH-UBND ngày 05/06/2021; Quyết định số 4/QĐ-UBND ngày 01/06/2021 về kiểm tra; "
    "Báo cáo số 9/BC-UBND ngày 02/05/2021 kết quả kiểm tra",
    "Biên bản kiểm tra ngày 03/12/2021, kiểm tra được thực hiện trong tháng 11/2021",
    "Quyết định số 7/QĐ-UBND ngày 05/01/2030",
    "Gồm 10 VBĐT và 5 văn bản mật",
    "không có đơn vị sự nghiệp công lập",
    "Sở Nội vụ báo cáo",
    "   ",
    "\u200b",
]
RAWS = ["", "0", "7", "-3", "1,5", "abc", "1.234", "0,5", "150%", "3/2", "12/7", "Có", "1.000", "12,345", "08"]
ODD_VALUES = [
    ParsedValue(status=ValueStatus.TEXT, number=5.0),
    ParsedValue(status=ValueStatus.BLANK, number=250.0),
    ParsedValue(status=ValueStatus.BLANK, numerator=3, denominator=1),
    ParsedValue(status=ValueStatus.NUMBER, number=math.nan),
    ParsedValue(status=ValueStatus.NUMBER, number=-0.0),
    ParsedValue(status=ValueStatus.NUMBER, number=math.inf),
    ParsedValue(status=ValueStatus.NUMBER, number=50.0, flags=(Flag.ZERO_PADDED, Flag.AMBIGUOUS_RATE)),
    ParsedValue(status=ValueStatus.FRACTION, numerator=5, denominator=2),
    ParsedValue(status=ValueStatus.CODE, number=-1.0, code=-1),
]


def odd_reports(count: int) -> Iterator[Report]:
    """The sample with rows dropped, repeated, re-noted, re-united and re-valued at random."""
    sample = load_report(SAMPLE)
    for seed in range(count):
        rng = random.Random(seed)
        report = copy.deepcopy(sample)
        entries = report.entries
        for _ in range(rng.randint(0, 3)):
            del entries[rng.randrange(len(entries))]
        for _ in range(rng.randint(0, 2)):
            entries.insert(rng.randrange(len(entries)), copy.copy(entries[rng.randrange(len(entries))]))
        for entry in entries:
            roll = rng.random()
            indicator = CATALOGUE.get(entry.id)
            if roll < 0.15:
                entry.note = rng.choice(NOTES)
            elif roll < 0.2:
                entry.unit = rng.choice(["", "%", "văn  BẢN", "Người", "xx", entry.unit.upper()])
            elif roll < 0.3 and indicator is not None:
                entry.raw = rng.choice(RAWS)
                entry.value = parse_value(entry.raw, indicator.kind, indicator.legend)
            elif roll < 0.35:
                entry.value = rng.choice(ODD_VALUES)
            elif roll < 0.37:
                entry.known = False
        report.meta.period = rng.choice(["2021", "2021-Q1", "2021-H1", None, "bad"])
        report.meta.report_date = rng.choice([None, date(2021, 3, 1), date(2021, 12, 20), date(2022, 1, 10)])
        yield report


REPORTS = list(odd_reports(40))
COMPILED = Checker().compiled(CATALOGUE)
SPECS: dict[str, tuple[RuleSpec, CompiledRule]] = {spec.id: (spec, rule) for spec, rule in COMPILED.rules}


def spec_of(kind: str) -> list[tuple[RuleSpec, CompiledRule]]:
    return [(spec, rule) for spec, rule in COMPILED.rules if spec.kind == kind]


# -- coherence: one scan for all checks ---------------------------------------------------


def plain_coherence(spec: RuleSpec, catalogue: Catalogue, ctx: Context) -> RuleRun:
    name = spec.params["check"]
    check, kinds, only = coherence.CHECKS[name], coherence.KINDS[name], set(spec.indicators)
    passed = not_evaluable = 0
    findings: list[Finding] = []
    for ind in catalogue.indicators.values():
        if (only and ind.id not in only) or (kinds is not None and ind.kind not in kinds):
            continue
        entry = ctx.entries.get(ind.id)
        if entry is None:
            not_evaluable += 1
        elif (result := check(spec, ctx, ind, entry)) is None:
            passed += 1
        else:
            findings.append(result)
    return RuleRun(passed=passed, not_evaluable=not_evaluable, findings=tuple(findings))


@pytest.mark.parametrize("report", REPORTS)
def test_coherence_checks_only_the_rows_the_scan_suspects(report: Report) -> None:
    for spec, rule in spec_of("coherence"):
        ctx = build_context(report, CATALOGUE)
        assert rule(ctx) == plain_coherence(spec, CATALOGUE, ctx), spec.id


def test_a_suspect_is_every_row_some_check_fails() -> None:
    ctx = build_context(REPORTS[0], CATALOGUE)
    failing = set()
    for spec, _ in spec_of("coherence"):
        failing |= {f.indicators[0] for f in plain_coherence(spec, CATALOGUE, ctx).findings}
    assert failing <= {ident for ident, _ in coherence.suspects(ctx)}


# -- completeness: blanks, duplicates, unknown and missing rows -----------------------------


def plain_blank(spec: RuleSpec, ctx: Context) -> RuleRun:
    excuse = re.compile(spec.params["excused_by_note"], re.IGNORECASE)
    passed = not_evaluable = 0
    findings: list[Finding] = []
    for ident, ind in ctx.catalogue.indicators.items():
        entry = ctx.entries.get(ident)
        if entry is None or ind.kind is ValueKind.GROUP:
            continue
        total_left = ind.children_relation == "sum" and any(
            not ctx.is_blank(child) for child in ctx.catalogue.children(ident)
        )
        excused = ident not in ctx.required and bool(excuse.search(entry.note))
        if not entry.value.is_blank:
            passed += 1
        elif not ctx.applies(ind) or total_left or excused:
            not_evaluable += 1
        else:
            findings.append(finding(spec, [ident], ctx))
    return RuleRun(passed=passed, not_evaluable=not_evaluable, findings=tuple(findings))


@pytest.mark.parametrize("report", REPORTS)
def test_blank_rows_are_counted_as_they_were(report: Report) -> None:
    spec, rule = SPECS["CCHC-REQ-BLANK"]
    assert rule(build_context(report, CATALOGUE)) == plain_blank(spec, build_context(report, CATALOGUE))


@pytest.mark.parametrize("report", REPORTS)
def test_duplicate_unknown_and_missing_rows(report: Report) -> None:
    ctx = build_context(report, CATALOGUE)
    runs = {
        rule_id: SPECS[rule_id][1](ctx) for rule_id in ("CCHC-REQ-DUPLICATE", "CCHC-REQ-UNKNOWN", "CCHC-REQ-MISSING")
    }
    ids = [e.id for e in report.entries]
    repeated = [e for n, e in enumerate(report.entries) if e.id in ids[:n]]
    assert [f.location for f in runs["CCHC-REQ-DUPLICATE"].findings] == [e.location for e in repeated]
    assert runs["CCHC-REQ-DUPLICATE"].passed == len(set(ids)) - len({e.id for e in repeated})
    assert [f.indicators[0] for f in runs["CCHC-REQ-UNKNOWN"].findings] == [e.id for e in report.entries if not e.known]
    assert runs["CCHC-REQ-UNKNOWN"].passed == sum(e.known for e in report.entries)
    missing = [i for i in CATALOGUE.indicators if i not in ids]
    assert [f.indicators[0] for f in runs["CCHC-REQ-MISSING"].findings] == missing
    assert ctx.counts == {i: ids.count(i) for i in ids}


# -- the documents a note cites: totals per report -----------------------------------------


def plain_notes(ctx: Context) -> list[tuple[Entry, ParsedNote]]:
    return [(e, parse_note(e.note)) for e in ctx.entries.values() if e.note.strip()]


def issue_dates(parsed: ParsedNote) -> list[tuple[Citation, date]]:
    return [(c, c.date.value) for c in parsed.citations if c.date is not None and c.date.value is not None]


def plain_documents(spec: RuleSpec, ctx: Context) -> tuple[int, int, list[object]]:
    """The four document checks that read every note, as first written: passes, not
    evaluable, and what each finding is about."""
    check, passed, findings = spec.params["check"], 0, list[object]()
    if check == "invalid_date":
        for entry, parsed in plain_notes(ctx):
            for written in parsed.dates:
                if written.exists:
                    passed += 1
                else:
                    findings.append(finding(spec, [entry.id], ctx, actual=written.text, date=written.text,
                                            quote=_around(parsed, written)))  # fmt: skip
    elif check == "sequence":
        for _, parsed in plain_notes(ctx):
            problems = sequence_problems(parsed)
            if not problems:
                passed += len(issue_dates(parsed)) > 1
            for problem in problems:
                findings.append(problem)  # compared by citation below
    elif check == "late":
        meta = ctx.report.meta
        try:
            end = Period.parse(meta.period).end if meta.period else None
        except Exception:
            end = None
        if end is None and meta.report_date is None:
            return 0, 1, []
        for entry, parsed in plain_notes(ctx):
            for _, when in issue_dates(parsed):
                if meta.report_date is not None and when > meta.report_date:
                    findings.append((entry.id, format_date(meta.report_date)))
                elif end is not None and when > end:
                    findings.append((entry.id, format_date(end)))
                else:
                    passed += 1
    elif check == "number_dates":
        first: dict[str, date] = {}
        for entry, parsed in plain_notes(ctx):
            for citation, when in issue_dates(parsed):
                key = citation.key
                if key is None:
                    continue
                if key not in first:
                    first[key] = when
                elif first[key] == when:
                    passed += 1
                elif citation.year is not None or first[key].year == when.year:
                    findings.append((entry.id, key))
    return passed, 0, findings


@pytest.mark.parametrize("report", REPORTS)
def test_document_checks_count_as_they_did(report: Report) -> None:
    for spec, rule in spec_of("citations"):
        if spec.params["check"] == "missing":
            continue
        ctx = build_context(report, CATALOGUE)
        fast = rule(ctx)
        passed, not_evaluable, about = plain_documents(spec, build_context(report, CATALOGUE))
        assert (fast.passed, fast.not_evaluable, len(fast.findings)) == (passed, not_evaluable, len(about)), spec.id
        if spec.params["check"] == "invalid_date":
            assert list(fast.findings) == about
        if spec.params["check"] == "late":
            assert [(f.indicators[0], f.params["limit"]) for f in fast.findings] == about


# -- the engine's bookkeeping --------------------------------------------------------------


def test_passes_share_one_verdict_and_outcomes_are_counted_per_rule() -> None:
    report = REPORTS[3]
    slow = CompiledRuleset(CATALOGUE, [(s, _fresh(r)) for s, r in COMPILED.rules], COMPILED.specs)
    fast_result, slow_result = evaluate(report, COMPILED), evaluate(report, slow)
    assert fast_result.findings == slow_result.findings
    assert fast_result.outcomes == slow_result.outcomes
    assert list(fast_result.outcomes) == [spec.id for spec, _ in COMPILED.rules]


def _fresh(rule: CompiledRule) -> CompiledRule:
    """A rule as a plugin writes it: each run returns a RuleRun of its own, never a shared one."""

    def run(ctx: Context) -> RuleRun:
        done = rule(ctx)
        return RuleRun(passed=done.passed, not_evaluable=done.not_evaluable, findings=done.findings)

    return run


def test_a_repeated_rule_id_adds_up_and_a_crash_is_an_engine_finding() -> None:
    spec = RuleSpec(id="T-1", kind="x", severity=Severity.ERROR, message={}, description={})

    def crash(ctx: Context) -> RuleRun:
        raise RuntimeError("boom")

    ruleset = CompiledRuleset(
        CATALOGUE,
        [(spec, lambda ctx: RuleRun(passed=2)), (spec, lambda ctx: RuleRun(not_evaluable=1)), (spec, crash)],
        {},
    )
    result = evaluate(REPORTS[0], ruleset)
    outcome = result.outcomes["T-1"]
    assert (outcome.passed, outcome.failed, outcome.not_evaluable) == (2, 0, 2)
    assert list(result.outcomes) == ["T-1", ENGINE_RULE] and result.outcomes[ENGINE_RULE].failed == 1
    assert [f.params["error"] for f in result.findings] == ["RuntimeError: boom"]


# -- the context: first rows, notes, features a note rules out -----------------------------


def test_the_first_row_counts_and_every_row_note_can_rule_out_a_feature() -> None:
    sncl = next(f for f in CATALOGUE.features.values() if f.absent_when is not None)
    first = Entry(id="1.1", raw="1", value=parse_value("1", ValueKind.COUNT))
    again = Entry(id="1.1", raw="2", value=parse_value("2", ValueKind.COUNT), note="không có đơn vị sự nghiệp công lập")
    spaces = Entry(id="1.2", raw="", note="  ")
    ctx = build_context(Report(entries=[first, again, spaces]), CATALOGUE)
    assert ctx.entries["1.1"] is first and ctx.numbers["1.1"] == 1.0 and ctx.counts == {"1.1": 2, "1.2": 1}
    assert ctx.has_duplicates and ctx.noted == [] and ctx.blanks == ["1.2"]
    assert sncl.id in ctx.absent_features
    assert "1.3" in ctx.missing and "1.1" not in ctx.missing


@pytest.mark.parametrize("template", [True, False], ids=["template-compared", "template-lazy"])
@pytest.mark.parametrize("report", REPORTS)
def test_the_view_in_one_pass_is_the_view_written_plainly(report: Report, template: bool) -> None:
    """build_context works out the blanks, the noted, unknown and odd rows and whether a row is
    missing on its one pass; with or without a repeated row they are what each part, written
    plainly, says (and the same worked out on first use, for a ruleset that reads no template)."""
    ctx = build_context(report, CATALOGUE, template=template)
    first: dict[str, Entry] = {}
    for entry in report.entries:
        first.setdefault(entry.id, entry)
    rows = list(first.values())
    assert list(ctx.entries.items()) == list(first.items())
    plain = {
        ident: e.value.number
        if e.value.status in (ValueStatus.NUMBER, ValueStatus.CODE)
        else float(e.value.numerator)
        if e.value.status is ValueStatus.FRACTION and e.value.numerator is not None
        else None
        for ident, e in first.items()
    }
    assert {k: repr(v) for k, v in ctx.numbers.items()} == {k: repr(v) for k, v in plain.items()}  # NaN too
    assert ctx.blanks == [e.id for e in rows if e.value.status is ValueStatus.BLANK]
    assert [ctx.rows[k] for k in ctx.annotated] == [e for e in rows if e.note]
    assert ctx.unknown == [e for e in report.entries if not e.known]
    assert ctx.missing == [i for i in CATALOGUE.indicators if i not in first]
    plain_band = {ValueKind.RATE: 1, ValueKind.GROUP: 0, ValueKind.FRACTION: 0}
    assert ctx.odd == [
        e.id
        for e in rows
        if (ind := CATALOGUE.get(e.id)) is not None
        and (e.unit != ind.unit or e.value.band > plain_band.get(ind.kind, 2))
    ]


# -- comparisons: the usual one-indicator "<=" is written out -------------------------------

ODD_NUMBERS = [None, 0.0, -0.0, 1.0, 1.0 + 1e-10, 1.0 + 1e-8, 2.0, math.nan, math.inf, -math.inf, 1e20]


@pytest.mark.parametrize("op", list(compare.OPS))
def test_a_comparison_of_one_indicator_a_side_is_its_operator(op: str) -> None:
    spec = RuleSpec(
        id="T-CMP", kind="compare", severity=Severity.ERROR, message={"default": {"vi": "x", "en": "x"}},
        description={}, params={"left": "1.2", "right": "1.3", "op": op},
    )  # fmt: skip
    rule = compare.compile_rule(spec, CATALOGUE)
    for a in ODD_NUMBERS:
        for b in ODD_NUMBERS:
            ctx = Context(Report(), CATALOGUE, {}, {"1.2": a, "1.3": b}, frozenset())
            run = rule(ctx)
            if a is None or b is None:
                assert run == RuleRun(not_evaluable=1), (a, b)
            elif compare.OPS[op](a, b):
                assert run == RuleRun(passed=1), (a, b)
            else:
                assert [f.params["op"] for f in run.findings] == [op] and run.passed == 0, (a, b)
