"""The 52 rules of rulesets/standard.yaml written by hand as a plain Python loop: the
yardstick for the engine's per-report cost (issue #10: "≥ 0.5× the plain-Python loop of
the same rules").

Why: the engine's price for declarative rules (compiled closures, a Context, findings
with parameters) is only a number next to what the same checks cost written by hand.

Two yardsticks live here:

- `plain_check(numbers, decimals)`: the 35 cross-indicator invariants (SUM/PART/CMP/
  RATE-EXCL/RATE-ZERO/COND/EXPR) over a dict id → float. A filled but non-numeric cell
  maps to None and a blank cell is absent, which is all those rules need.
- `plain_check_all(gathered, plan)`: all 52 rules, the invariants plus completeness
  (missing, blank, duplicate and unknown rows, the title's number and day), coherence
  (unit, value forms) and coded values. It reads what a hand-written checker gets from the
  parser: the rows (id, unit, value, note, known) and the title's metadata. `gather(report)`
  builds its dicts from the rows (the first row of an id counts, as in the engine);
  `prepare(catalogue)` turns the catalogue into plain dicts and tuples once.

Each function returns the failing rule ids, one entry per finding (as the engine has them).
Like the bench's evaluate(report, ruleset), it takes no plugin's word on applicability (the
features an agency lacks, rows it need not or must report): only the catalogue and the notes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import NamedTuple

from cchc_rules.catalogue import Catalogue
from cchc_rules.model import Entry, Flag, Report, ReportMeta, ValueKind, ValueStatus

EPS = 1e-9
Ids = tuple[str, ...]
SUMS: tuple[tuple[str, str, Ids], ...] = (
    ("CCHC-SUM-3.2", "3.2", ("3.2.a", "3.2.b", "3.2.c")),
    ("CCHC-SUM-3.4.1.1", "3.4.1.1", ("3.4.1.1.a", "3.4.1.1.b")),
    ("CCHC-SUM-3.4.1.2", "3.4.1.2", ("3.4.1.2.a", "3.4.1.2.b")),
    ("CCHC-SUM-3.4.3", "3.4.3", ("3.4.3.a", "3.4.3.b")),
    ("CCHC-SUM-4.1.4", "4.1.4", ("4.1.4.a", "4.1.4.b", "4.1.4.c")),
)
PARTS: tuple[tuple[str, str, Ids, bool], ...] = (  # "of which": each part ≤ total; exhaustive: total ≤ Σ parts
    ("CCHC-PART-3.4.2", "3.4.2", ("3.4.2.a", "3.4.2.b"), True),
    ("CCHC-PART-3.4.4", "3.4.4", ("3.4.4.a", "3.4.4.b", "3.4.4.c"), False),
    ("CCHC-PART-7.6.2", "7.6.2", ("7.6.2.c",), False),
)
NOT_ABOVE: tuple[tuple[str, Ids, Ids], ...] = (  # Σ left ≤ Σ right
    ("CCHC-CMP-1.1", ("1.1.b",), ("1.1.a",)),
    ("CCHC-CMP-1.3.2", ("1.3.2.b",), ("1.3.2.a",)),
    ("CCHC-CMP-1.5", ("1.5.b", "1.5.c"), ("1.5.a",)),
    ("CCHC-CMP-2.5", ("2.5",), ("2.4",)),
    ("CCHC-CMP-2.4", ("2.4",), ("2.2", "2.3")),
    ("CCHC-CMP-3.3", ("3.3.a",), ("3.2",)),
    ("CCHC-CMP-3.4.2", ("3.4.2",), ("3.2",)),
    ("CCHC-CMP-3.4.3", ("3.4.3",), ("3.2",)),
    ("CCHC-CMP-3.4.4", ("3.4.4",), ("3.2",)),
    ("CCHC-CMP-3.4.5", ("3.4.5",), ("3.2",)),
    ("CCHC-CMP-3.4.1", ("3.4.1.1",), ("3.4.1.2",)),
    ("CCHC-CMP-3.4.7.1", ("3.4.7.1.a", "3.4.7.1.b"), ("3.4.6",)),
    ("CCHC-CMP-3.4.7.2", ("3.4.7.2.a",), ("3.4.6",)),
    ("CCHC-CMP-3.4.7.3", ("3.4.7.3.a",), ("3.4.6",)),
    ("CCHC-CMP-4.2", ("4.2.b",), ("4.2.a",)),
    ("CCHC-CMP-4.2.d", ("4.2.d",), ("4.2.a",)),
)
ZERO_BASES: tuple[tuple[str, str, Ids], ...] = (  # a rate of a zero base must be blank
    ("CCHC-RATE-ZERO-3.4.6", "3.4.6", ("3.4.6.a", "3.4.7.1.c", "3.4.7.1.d")),
    ("CCHC-RATE-ZERO-7.6.3", "7.6.3", ("7.6.3.a", "7.6.3.b")),
    ("CCHC-RATE-ZERO-3.4.1.2", "3.4.1.2", ("3.4.1.4",)),
)
CONDITIONS: tuple[tuple[str, str, Ids], ...] = (  # if X = 0 then each of these is 0 or blank
    ("CCHC-COND-3.4.7.3", "3.4.7.3.a", ("3.4.7.3.b",)),
    ("CCHC-COND-3.4.5", "3.4.5", ("3.4.7.3.a", "3.4.7.3.b")),
    ("CCHC-COND-3.4.4", "3.4.4", ("3.4.7.2.a", "3.4.7.2.b", "3.4.7.2.c")),
    ("CCHC-COND-3.4.3.a", "3.4.3.a", ("3.4.7.1.a",)),
    ("CCHC-COND-3.4.3.b", "3.4.3.b", ("3.4.7.1.b",)),
)
RULE_IDS = frozenset(
    [r[0] for r in (*SUMS, *PARTS, *NOT_ABOVE, *ZERO_BASES, *CONDITIONS)]
    + ["CCHC-RATE-EXCL-7.6.3", "CCHC-EXPR-7.5", "CCHC-EXPR-3.4.1.3"]
)
# The same rules in the engine, by id prefix (Checker(select=...)).
ENGINE_PREFIXES = ("CCHC-SUM", "CCHC-PART", "CCHC-CMP", "CCHC-RATE-EXCL", "CCHC-RATE-ZERO", "CCHC-COND", "CCHC-EXPR")


def numbers_of(report: Report) -> tuple[dict[str, float | None], dict[str, int]]:
    """The dicts the invariants read (first row of an id wins, as in the engine), and rates' printed decimals."""
    gathered = gather(report)
    return gathered.numbers, gathered.decimals


def plain_check(v: Mapping[str, float | None], decimals: Mapping[str, int]) -> list[str]:
    """The ids of the invariant rules that fail, one entry per finding."""
    failed: list[str] = []
    get = v.get
    for rule, parent, children in SUMS:
        parts = list(map(get, children))
        gaps = parts.count(None)
        if gaps == len(parts):
            continue
        partial = sum(p for p in parts if p is not None) if gaps else sum(parts)  # type: ignore[arg-type]
        total = get(parent)
        if total is None:  # a blank total is the sum rule's only when every part is filled
            if not gaps and parent not in v:
                failed.append(rule)
        elif gaps:  # some parts blank: the filled ones must not exceed the total
            if partial > total + EPS:
                failed.append(rule)
        elif abs(partial - total) > EPS:
            failed.append(rule)
    for rule, parent, children, exhaustive in PARTS:
        total = get(parent)
        if total is None:
            continue
        parts = list(map(get, children))
        for part in parts:
            if part is not None and part > total + EPS:
                failed.append(rule)
        if exhaustive and None not in parts and total > sum(parts) + EPS:  # type: ignore[arg-type]
            failed.append(rule)
    for rule, left, right in NOT_ABOVE:
        lhs, rhs = list(map(get, left)), list(map(get, right))
        if None in lhs or None in rhs:
            continue
        if sum(lhs) > sum(rhs) + EPS:  # type: ignore[arg-type]
            failed.append(rule)
    a, b = get("7.6.3.a"), get("7.6.3.b")
    if a is not None and b is not None:
        places = max(decimals.get("7.6.3.a", 0), decimals.get("7.6.3.b", 0))
        if a + b > 100 + (0.5 * 10.0**-places + 1e-9) * 2:
            failed.append("CCHC-RATE-EXCL-7.6.3")
    for rule, base, rates in ZERO_BASES:
        if get(base) == 0:
            failed.extend(rule for r in rates if get(r) is not None)
    for rule, when, then in CONDITIONS:
        if get(when) == 0:
            failed.extend(rule for t in then if (x := get(t)) is not None and x != 0)
    failed.extend(_expressions(v))
    return failed


def _expressions(v: Mapping[str, float | None]) -> list[str]:
    failed: list[str] = []
    portal, portals = v.get("7.5.a"), v.get("7.5")
    if portal is not None and portal != 0 and portals is not None and not portals >= 1:
        failed.append("CCHC-EXPR-7.5")
    share, processes = v.get("3.4.1.3"), v.get("3.4.1.2")
    if share is not None and share != 0 and processes is not None and not processes > 0:
        failed.append("CCHC-EXPR-3.4.1.3")
    return failed


# ── All 52 rules of standard.yaml ─────────────────────────────────────────────────────────

MISSING, BLANK, DUPLICATE, UNKNOWN = "CCHC-REQ-MISSING", "CCHC-REQ-BLANK", "CCHC-REQ-DUPLICATE", "CCHC-REQ-UNKNOWN"
META_NUMBER, META_DATE = "CCHC-META-NUMBER", "CCHC-META-DATE"
UNIT, COUNT, MONEY, RATE = "CCHC-UNIT", "CCHC-TYPE-COUNT", "CCHC-TYPE-MONEY", "CCHC-TYPE-RATE"
TEXT, FRACTION, SEPARATOR = "CCHC-TYPE-TEXT", "CCHC-TYPE-FRACTION", "CCHC-TYPE-SEPARATOR"
AMBIGUOUS = "CCHC-RATE-AMBIGUOUS"
GROUP, CODE_RANGE, CODE_LABEL = "CCHC-TYPE-GROUP", "CCHC-CODE-RANGE", "CCHC-CODE-LABEL"
STANDARD_RULE_IDS = RULE_IDS | {
    MISSING, BLANK, DUPLICATE, UNKNOWN, META_NUMBER, META_DATE, UNIT, COUNT, MONEY, RATE,
    TEXT, FRACTION, AMBIGUOUS, SEPARATOR, GROUP, CODE_RANGE, CODE_LABEL,
}  # fmt: skip
# CCHC-REQ-BLANK's excused_by_note, as standard.yaml writes it: a delegation or a not-applicable note.
BLANK_EXCUSE = re.compile(
    r"(báo cáo|tổng hợp)\s*[.]?\s*$|không triển khai|không có đơn vị sự nghiệp|không áp dụng|không phát sinh",
    re.IGNORECASE,
)

_BLANK, _NUMBER, _CODE = ValueStatus.BLANK, ValueStatus.NUMBER, ValueStatus.CODE
_FRACTION, _TEXT = ValueStatus.FRACTION, ValueStatus.TEXT
K_COUNT, K_MONEY, K_RATE, K_FRACTION = ValueKind.COUNT, ValueKind.MONEY, ValueKind.RATE, ValueKind.FRACTION
K_GROUP, K_CODED, K_YESNO = ValueKind.GROUP, ValueKind.CODED, ValueKind.YESNO
NOT_INTEGER, AMBIGUOUS_RATE, AMBIGUOUS_SEPARATOR = Flag.NOT_INTEGER, Flag.AMBIGUOUS_RATE, Flag.AMBIGUOUS_SEPARATOR
LABEL_FOR_CODE = Flag.LABEL_FOR_CODE
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))  # zero-width spaces and joiners, BOM


def fold(text: str) -> str:
    """A unit as compared: NFC, zero-width characters dropped, single spaces, case-folded."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return " ".join(text.split()).casefold()


class Row(NamedTuple):
    """What the value checks need of an indicator."""

    kind: ValueKind
    unit: str
    folded: str  # the unit as compared
    codes: frozenset[int]  # a coded indicator's legend


class Fillable(NamedTuple):
    """An indicator that takes a value (not a heading): who must fill it (CCHC-REQ-BLANK)."""

    applies_to: frozenset[str]  # agency kinds it concerns (none: every kind)
    reported_by: str  # "each", or the one kind that reports it
    requires: frozenset[str]  # features the agency must have, else it is not asked
    sum_children: tuple[str, ...]  # a total's parts: a blank total with filled parts is the sum rule's


Concerns = dict[str, Fillable]  # the fillable indicators an agency kind must report


class Plan(NamedTuple):
    """The catalogue as plain dicts and tuples, built once (`prepare`)."""

    ids: frozenset[str]  # every row of the template
    rows: dict[str, Row]
    fillable: Concerns  # every indicator that is not a group heading
    concerns: dict[str | None, Concerns]  # per agency kind (None: unknown), what it must report
    features: tuple[tuple[str, re.Pattern[str]], ...]  # a feature and the note that says the agency lacks it


class Gathered(NamedTuple):
    """One report as the plain loop reads it: its rows and title, and dicts built from the rows."""

    rows: list[Entry]
    meta: ReportMeta
    entries: dict[str, Entry]  # the first row of each id
    numbers: dict[str, float | None]  # as numbers_of: blank cells absent, non-numeric ones None
    decimals: dict[str, int]


def concerning(fillable: Concerns, kinds: frozenset[str]) -> Concerns:
    """The indicators an agency of these kinds (its kind and the kind's ancestors) must report."""
    return {
        ident: need
        for ident, need in fillable.items()
        if (not need.applies_to or not kinds.isdisjoint(need.applies_to))
        and (need.reported_by == "each" or need.reported_by in kinds)
    }


def prepare(catalogue: Catalogue) -> Plan:
    indicators = catalogue.indicators.values()
    fillable = {
        i.id: Fillable(
            frozenset(i.applies_to),
            i.reported_by,
            frozenset(i.requires),
            tuple(catalogue.children(i.id)) if i.children_relation == "sum" else (),
        )
        for i in indicators
        if i.kind is not K_GROUP
    }
    return Plan(
        ids=frozenset(catalogue.indicators),
        rows={i.id: Row(i.kind, i.unit, fold(i.unit), frozenset(i.legend)) for i in indicators},
        fillable=fillable,
        concerns={
            kind: concerning(fillable, frozenset(catalogue.kind_lineage(kind)))
            for kind in (None, *catalogue.agency_kinds)
        },
        features=tuple((f.id, f.absent_when) for f in catalogue.features.values() if f.absent_when is not None),
    )


def gather(report: Report) -> Gathered:
    """The dicts plain_check_all reads, in one pass over the rows."""
    entries: dict[str, Entry] = {}
    numbers: dict[str, float | None] = {}
    decimals: dict[str, int] = {}
    for entry in report.entries:
        ident = entry.id
        if ident in entries:
            continue
        entries[ident] = entry
        value = entry.value
        status = value.status
        if status is _BLANK:
            continue
        numbers[ident] = value.quantity  # the number, a code's, a fraction's numerator, else None
        if status is _NUMBER or status is _CODE:
            decimals[ident] = value.decimals
    return Gathered(report.entries, report.meta, entries, numbers, decimals)


def plain_check_all(report: Gathered, plan: Plan) -> list[str]:
    """The ids of the standard rules that fail, one entry per finding."""
    rows, meta, entries, numbers, decimals = report
    failed = plain_check(numbers, decimals)
    # Completeness: every template row there once, no row the template lacks, the title's number and day.
    if not entries.keys() >= plan.ids:
        failed.extend(MISSING for ident in plan.ids if ident not in entries)
    if len(entries) != len(rows):
        seen: set[str] = set()
        for entry in rows:
            if entry.id in seen:
                failed.append(DUPLICATE)
            seen.add(entry.id)
    for entry in rows:
        if not entry.known:
            failed.append(UNKNOWN)
    if meta.report_date_raw is not None:
        if not meta.report_number:
            failed.append(META_NUMBER)
        if meta.report_date is None:
            failed.append(META_DATE)
    agency = meta.agency_kind
    concerns = plan.concerns.get(agency)
    if concerns is None:  # a kind the catalogue does not know: only itself, no ancestors
        concerns = concerning(plan.fillable, frozenset((agency,)) if agency else frozenset())
    # One pass over the first rows: the unit, the value's form for its kind, and the blanks.
    blanks: list[str] = []
    table = plan.rows
    for ident, entry in entries.items():
        row = table.get(ident)
        if row is None:
            continue
        kind, unit, folded, codes = row
        if entry.unit != unit and fold(entry.unit) != folded:
            failed.append(UNIT)
        value = entry.value
        status = value.status
        if status is _BLANK:
            if ident in concerns:  # a heading never does
                blanks.append(ident)
            continue
        flags = value.flags
        if kind is K_COUNT or kind is K_MONEY:
            number = value.number
            if status is _NUMBER and number is not None and (number < 0 or NOT_INTEGER in flags):
                failed.append(COUNT if kind is K_COUNT else MONEY)
        elif kind is K_RATE:
            number = value.number
            if number is not None and not 0 <= number <= 100:
                failed.append(RATE)
            if AMBIGUOUS_RATE in flags:
                failed.append(AMBIGUOUS)
        elif kind is K_FRACTION:
            part, whole = value.numerator, value.denominator
            if part is not None and whole is not None and part > whole:
                failed.append(FRACTION)
        elif kind is K_CODED or kind is K_YESNO:
            if status is not _CODE or value.code not in codes:
                failed.append(CODE_RANGE)
            if LABEL_FOR_CODE in flags:
                failed.append(CODE_LABEL)
            continue
        elif kind is K_GROUP:
            failed.append(GROUP)  # a heading carries no value
            continue
        else:  # free text: nothing to check but the unit
            continue
        if status is _TEXT:  # count, money, rate, fraction
            failed.append(TEXT)
        if AMBIGUOUS_SEPARATOR in flags:
            failed.append(SEPARATOR)
    if blanks:
        failed.extend([BLANK] * _unexcused(blanks, concerns, report, plan))
    return failed


def _unexcused(blanks: list[str], concerns: Concerns, report: Gathered, plan: Plan) -> int:
    """How many of the blanks this agency must fill nothing excuses: no note rules out a feature
    the indicator requires, it is not a total whose parts are filled, its note does not excuse it."""
    entries = report.entries
    absent: frozenset[str] | None = None
    found = 0
    for ident in blanks:
        _, _, requires, children = concerns[ident]
        if requires:
            if absent is None:
                absent = _absent_features(report.rows, plan.features)
            if not absent.isdisjoint(requires):
                continue
        if children and any((e := entries.get(c)) is not None and e.value.status is not _BLANK for c in children):
            continue
        note = entries[ident].note
        if note and BLANK_EXCUSE.search(note):
            continue
        found += 1
    return found


def _absent_features(rows: list[Entry], features: tuple[tuple[str, re.Pattern[str]], ...]) -> frozenset[str]:
    """Features a note (any row's, a repeated row's too) says the agency lacks."""
    notes = [entry.note for entry in rows if entry.note]
    return frozenset(feature for feature, pattern in features if any(pattern.search(note) for note in notes))


def plain_check_report(report: Report, plan: Plan) -> list[str]:
    """plain_check_all with its dicts built from the report: what a hand-written checker does per report."""
    return plain_check_all(gather(report), plan)
