"""Unit and kind coherence: the unit as written matches the catalogue's, and every
value has the form its kind demands (counts and money are non-negative integers,
rates lie within 0–100, fractions have a part no larger than the whole)."""

from __future__ import annotations

import math
from collections.abc import Callable

from cchc_rules.catalogue import Catalogue, Indicator
from cchc_rules.findings import Finding, RuleRun
from cchc_rules.model import DOUBTFUL, Entry, Flag, ValueKind, ValueStatus
from cchc_rules.notes.cache import per_object
from cchc_rules.rules.base import CompiledRule, Context, RuleDefinitionError, RuleSpec, counted, finding, show
from cchc_rules.values import fold

NUMERIC = (ValueKind.COUNT, ValueKind.RATE, ValueKind.MONEY, ValueKind.FRACTION)
Check = Callable[[RuleSpec, Context, Indicator, Entry], Finding | None]


def _unit(spec: RuleSpec, ctx: Context, ind: Indicator, entry: Entry) -> Finding | None:
    if fold(entry.unit) == fold(ind.unit):
        return None
    return finding(spec, [ind.id], ctx, expected=ind.unit, actual=entry.unit, unit=entry.unit or "∅")


def _integer(kind: ValueKind) -> Check:
    def check(spec: RuleSpec, ctx: Context, ind: Indicator, entry: Entry) -> Finding | None:
        value = entry.value
        if ind.kind is not kind or value.status is not ValueStatus.NUMBER or value.number is None:
            return None
        if value.number < 0 or value.has(Flag.NOT_INTEGER):
            return finding(spec, [ind.id], ctx, actual=entry.raw)
        return None

    return check


def _rate(spec: RuleSpec, ctx: Context, ind: Indicator, entry: Entry) -> Finding | None:
    value = entry.value
    if ind.kind is not ValueKind.RATE or value.number is None:
        return None
    if 0 <= value.number <= 100:
        return None
    return finding(spec, [ind.id], ctx, actual=entry.raw, expected="0–100")


def _text(spec: RuleSpec, ctx: Context, ind: Indicator, entry: Entry) -> Finding | None:
    if ind.kind not in NUMERIC or entry.value.status is not ValueStatus.TEXT:
        return None
    return finding(spec, [ind.id], ctx, actual=entry.raw, kind=ind.kind.value)


def _fraction(spec: RuleSpec, ctx: Context, ind: Indicator, entry: Entry) -> Finding | None:
    value = entry.value
    if ind.kind is not ValueKind.FRACTION or value.numerator is None or value.denominator is None:
        return None
    if value.numerator <= value.denominator:
        return None
    return finding(spec, [ind.id], ctx, actual=entry.raw, numerator=value.numerator, denominator=value.denominator)


def _flag(flag: Flag, kinds: tuple[ValueKind, ...]) -> Check:
    def check(spec: RuleSpec, ctx: Context, ind: Indicator, entry: Entry) -> Finding | None:
        if ind.kind not in kinds or not entry.value.has(flag):
            return None
        number = entry.value.number or 0.0
        return finding(
            spec,
            [ind.id],
            ctx,
            actual=entry.raw,
            low=show(number, entry.value.decimals),
            high=show(number * 100),
        )

    return check


def _group_value(spec: RuleSpec, ctx: Context, ind: Indicator, entry: Entry) -> Finding | None:
    if ind.kind is not ValueKind.GROUP or entry.value.is_blank:
        return None
    return finding(spec, [ind.id], ctx, actual=entry.raw)


CHECKS: dict[str, Check] = {
    "unit": _unit,
    "count": _integer(ValueKind.COUNT),
    "money": _integer(ValueKind.MONEY),
    "rate": _rate,
    "text": _text,
    "fraction": _fraction,
    "ambiguous_rate": _flag(Flag.AMBIGUOUS_RATE, (ValueKind.RATE,)),
    "separator": _flag(Flag.AMBIGUOUS_SEPARATOR, NUMERIC),
    "group_value": _group_value,
}


# Which indicators each check can concern, so that compiling narrows the loop.
KINDS: dict[str, tuple[ValueKind, ...] | None] = {
    "unit": None,
    "count": (ValueKind.COUNT,),
    "money": (ValueKind.MONEY,),
    "rate": (ValueKind.RATE,),
    "text": NUMERIC,
    "fraction": (ValueKind.FRACTION,),
    "ambiguous_rate": (ValueKind.RATE,),
    "separator": NUMERIC,
    "group_value": (ValueKind.GROUP,),
}


def compile_rule(spec: RuleSpec, catalogue: Catalogue) -> CompiledRule:
    name = spec.params.get("check")
    if name not in CHECKS:
        raise RuleDefinitionError(f"check must be one of {', '.join(CHECKS)}")
    check = CHECKS[name]
    only = set(spec.indicators)
    kinds = KINDS[name]
    targets = {
        i.id: i
        for i in catalogue.indicators.values()
        if (not only or i.id in only) and (kinds is None or i.kind in kinds)
    }

    every_row_passes = counted(len(targets))

    def run(ctx: Context) -> RuleRun:
        missing = ctx.missing
        if not missing and not ctx.odd:  # every row as the template expects: the usual report
            return every_row_passes
        not_evaluable = sum(1 for ident in missing if ident in targets) if missing else 0
        findings: list[Finding] = []
        for ident, entry in suspects(ctx):
            ind = targets.get(ident)
            if ind is not None and (result := check(spec, ctx, ind, entry)) is not None:
                findings.append(result)
        if not findings:
            return every_row_passes if not not_evaluable else counted(len(targets) - not_evaluable, not_evaluable)
        passed = len(targets) - not_evaluable - len(findings)
        return RuleRun(passed=passed, not_evaluable=not_evaluable, findings=tuple(findings))

    return run


# The flags some check reads; the others (a zero-padded "08", "93,69%") never fail one.
READ_FLAGS = DOUBTFUL
# Per kind, the numbers no check objects to: 0 ≤ n ≤ limit (none at all for a heading or a fraction).
LIMITS = {ValueKind.RATE: 100.0, ValueKind.GROUP: -1.0, ValueKind.FRACTION: -1.0}
SPECIAL = (ValueKind.GROUP, ValueKind.FRACTION)  # blank is all they may be without a look
Row = tuple[int, str, str, float, bool]


def suspects(ctx: Context) -> list[tuple[str, Entry]]:
    """The rows some check might fail, in catalogue order; every other row passes every check.

    Worked out once per report for all the checks, from the rows the view found to differ from
    the template (ctx.odd: a unit not as written there, a value not plain for its kind): a cheap
    superset of what the checks fail, so a check need only look at these rows."""
    found: list[tuple[str, Entry]] | None = ctx.memo.get("coherence")
    if found is None:
        found = ctx.memo["coherence"] = _suspects(ctx)
    return found


def _suspects(ctx: Context) -> list[tuple[str, Entry]]:
    odd = ctx.odd
    if not odd:
        return []
    table: dict[str, Row] = per_object(ctx.catalogue, "coherence", lambda: _table(ctx.catalogue))
    entries = ctx.entries
    found = [(table[ident][0], ident, entries[ident]) for ident in odd if _suspect(entries[ident], table[ident])]
    found.sort(key=lambda item: item[0])
    return [(ident, entry) for _, ident, entry in found]


def _suspect(entry: Entry, row: Row) -> bool:
    """Might some check fail this row? Flags no check reads and a unit that differs only in
    case or spacing do not make it so."""
    _, unit, folded, limit, special = row
    value = entry.value
    number = value.number
    if number is not None:
        quiet = 0 <= number <= limit and value.status is not ValueStatus.TEXT
    else:
        status = value.status
        quiet = status is not ValueStatus.TEXT and not (
            special and (status is not ValueStatus.BLANK or value.numerator is not None)
        )
    return (
        not quiet
        or (bool(value.flags) and not READ_FLAGS.isdisjoint(value.flags))
        or (entry.unit != unit and fold(entry.unit) != folded)
    )


def _table(catalogue: Catalogue) -> dict[str, Row]:
    """Per indicator: its place in the catalogue, its unit as written and folded, the highest
    number no check objects to, and whether it is a heading or a fraction."""
    return {
        i.id: (n, i.unit, fold(i.unit), LIMITS.get(i.kind, math.inf), i.kind in SPECIAL)
        for n, i in enumerate(catalogue.indicators.values())
    }
