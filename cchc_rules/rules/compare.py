"""Comparisons between indicators: done ≤ planned, on time + late ≤ assigned,
resolved ≤ found. Each side is a sum of one or more indicators."""

from __future__ import annotations

import operator
from collections.abc import Callable

from cchc_rules.catalogue import Catalogue
from cchc_rules.findings import RuleRun
from cchc_rules.rules.base import (
    CompiledRule,
    Context,
    RuleDefinitionError,
    RuleSpec,
    finding,
    ids_param,
    show,
)

OPS: dict[str, Callable[[float, float], bool]] = {
    "<=": lambda a, b: a <= b + 1e-9,
    "<": operator.lt,
    ">=": lambda a, b: a + 1e-9 >= b,
    ">": operator.gt,
    "==": lambda a, b: abs(a - b) <= 1e-9,
}

SHOWN = {"<=": "≤", ">=": "≥", "==": "="}


def compile_rule(spec: RuleSpec, catalogue: Catalogue) -> CompiledRule:
    left, right = ids_param(spec, "left"), ids_param(spec, "right")
    op = spec.params.get("op", "<=")
    if not left or not right:
        raise RuleDefinitionError("a comparison needs left and right indicators")
    if op not in OPS:
        raise RuleDefinitionError(f"op must be one of {', '.join(OPS)}")
    test = OPS[op]

    def run(ctx: Context) -> RuleRun:
        lhs = [ctx.number(i) for i in left]
        rhs = [ctx.number(i) for i in right]
        if any(v is None for v in lhs) or any(v is None for v in rhs):
            return RuleRun(not_evaluable=1)
        a = sum(v for v in lhs if v is not None)
        b = sum(v for v in rhs if v is not None)
        if test(a, b):
            return RuleRun(passed=1)
        found = finding(
            spec,
            [*left, *right],
            ctx,
            expected=f"{SHOWN.get(op, op)} {show(b)}",
            actual=show(a),
            left=" + ".join(left),
            right=" + ".join(right),
            left_value=show(a),
            right_value=show(b),
            op=op,
        )
        return RuleRun(findings=(found,))

    return run
