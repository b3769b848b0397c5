"""Unit and kind coherence: the unit as written matches the catalogue's, and every
value has the form its kind demands (counts and money are non-negative integers,
rates lie within 0–100, fractions have a part no larger than the whole)."""

from __future__ import annotations

from collections.abc import Callable

from cchc_rules.catalogue import Catalogue, Indicator
from cchc_rules.findings import Finding, RuleRun
from cchc_rules.model import Entry, Flag, ValueKind, ValueStatus
from cchc_rules.rules.base import CompiledRule, Context, RuleDefinitionError, RuleSpec, finding, show
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
    targets = [
        i for i in catalogue.indicators.values() if (not only or i.id in only) and (kinds is None or i.kind in kinds)
    ]

    def run(ctx: Context) -> RuleRun:
        passed = not_evaluable = 0
        findings: list[Finding] = []
        for ind in targets:
            entry = ctx.entries.get(ind.id)
            if entry is None:
                not_evaluable += 1
                continue
            result = check(spec, ctx, ind, entry)
            if result is None:
                passed += 1
            else:
                findings.append(result)
        return RuleRun(passed=passed, not_evaluable=not_evaluable, findings=tuple(findings))

    return run
