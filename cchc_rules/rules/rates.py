"""Rates. Where numerator and denominator are both in the report, the rate must be
100·a/b within the rounding of its printed decimals; a rate of a zero base is not 0
but not applicable; mutually exclusive shares cannot add up to more than 100%."""

from __future__ import annotations

from functools import partial
from typing import cast

from cchc_rules.catalogue import Catalogue
from cchc_rules.findings import Finding, RuleRun
from cchc_rules.model import Flag
from cchc_rules.rules.base import (
    NOT_EVALUABLE,
    PASSED,
    CompiledRule,
    Context,
    RuleDefinitionError,
    RuleSpec,
    counted,
    finding,
    ids_param,
    show,
    shown,
)

CHECKS = ("value", "zero_base", "exclusive")


def tolerance(decimals: int) -> float:
    """Half a unit of the last printed decimal: 93,69% stands for [93,685; 93,695)."""
    return 0.5 * 10.0 ** (-decimals) + 1e-9


def compile_rule(spec: RuleSpec, catalogue: Catalogue) -> CompiledRule:
    check = spec.params.get("check", "value")
    if check == "value":
        rate = str(spec.params.get("rate", ""))
        numerator, denominator = ids_param(spec, "numerator"), ids_param(spec, "denominator")
        if not rate or not numerator or not denominator:
            raise RuleDefinitionError("a rate rule needs rate, numerator and denominator")
        return partial(_value, spec, rate, numerator, denominator)  # one call per report, not two
    if check == "zero_base":
        base, rates = str(spec.params.get("base", "")), ids_param(spec, "rates")
        if not base or not rates:
            raise RuleDefinitionError("a zero_base rule needs base and rates")
        return partial(_zero_base, spec, base, rates)
    if check == "exclusive":
        shares = ids_param(spec, "shares")
        if len(shares) < 2:
            raise RuleDefinitionError("an exclusive rule needs at least two shares")
        return partial(_exclusive, spec, shares)
    raise RuleDefinitionError(f"check must be one of {', '.join(CHECKS)}")


def _sum(ctx: Context, ids: tuple[str, ...]) -> float | None:
    values = list(map(ctx.numbers.get, ids))
    if None in values:
        return None
    return sum(cast("list[float]", values))


def _value(
    spec: RuleSpec, rate: str, numerator: tuple[str, ...], denominator: tuple[str, ...], ctx: Context
) -> RuleRun:
    entry = ctx.entries.get(rate)
    reported = ctx.numbers.get(rate)
    top, bottom = _sum(ctx, numerator), _sum(ctx, denominator)
    if entry is None or reported is None or top is None or bottom is None or bottom == 0:
        return NOT_EVALUABLE
    if entry.value.has(Flag.AMBIGUOUS_RATE):
        return NOT_EVALUABLE
    decimals = entry.value.decimals
    computed = 100.0 * top / bottom
    tol = tolerance(decimals)
    if abs(computed - reported) <= tol:
        return PASSED
    shown_decimals = max(decimals, 2)
    found = finding(
        spec,
        [rate, *numerator, *denominator],
        ctx,
        expected=f"{show(round(computed, shown_decimals), shown_decimals)}%",
        actual=shown(ctx, rate),
        rate=rate,
        reported=shown(ctx, rate),
        computed=f"{show(round(computed, shown_decimals), shown_decimals)}%",
        tolerance=f"±{show(tol - 1e-9, decimals + 1)}",
        numerator=show(top),
        denominator=show(bottom),
    )
    return RuleRun(findings=(found,))


def _zero_base(spec: RuleSpec, base: str, rates: tuple[str, ...], ctx: Context) -> RuleRun:
    numbers = ctx.numbers
    value = numbers.get(base)
    if value is None:
        return counted(0, len(rates))
    passed = not_evaluable = 0
    findings: list[Finding] = []
    for rate in rates:
        if numbers.get(rate) is None:
            not_evaluable += 1
        elif value != 0:
            passed += 1
        else:
            findings.append(
                finding(spec, [rate, base], ctx, expected="", actual=shown(ctx, rate), base=base, rate=rate)
            )
    if not findings:
        return counted(passed, not_evaluable)
    return RuleRun(passed=passed, not_evaluable=not_evaluable, findings=tuple(findings))


def _exclusive(spec: RuleSpec, shares: tuple[str, ...], ctx: Context) -> RuleRun:
    values = list(map(ctx.numbers.get, shares))
    if None in values:
        return NOT_EVALUABLE
    entries = [ctx.entries.get(s) for s in shares]
    decimals = max((e.value.decimals for e in entries if e is not None), default=0)
    total = sum(cast("list[float]", values))
    if total <= 100 + tolerance(decimals) * len(shares):
        return PASSED
    found = finding(
        spec,
        list(shares),
        ctx,
        expected="≤ 100%",
        actual=f"{show(total, decimals)}%",
        total=f"{show(total, decimals)}%",
        shares=" + ".join(shown(ctx, s) for s in shares),
    )
    return RuleRun(findings=(found,))
