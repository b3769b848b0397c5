"""Comparisons between indicators: done ≤ planned, on time + late ≤ assigned,
resolved ≤ found. Each side is a sum of one or more indicators."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import cast

from cchc_rules.catalogue import Catalogue
from cchc_rules.findings import RuleRun
from cchc_rules.rules.base import (
    NOT_EVALUABLE,
    PASSED,
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
    single = len(left) == 1 and len(right) == 1  # a one-term sum is the term (show() and tests agree)

    def fail(ctx: Context, a: float, b: float) -> RuleRun:
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

    if single and op == "<=":  # the usual rule, written out: no list to build, no call for the test
        first, second = left[0], right[0]

        def at_most(ctx: Context) -> RuleRun:
            get = ctx.numbers.get
            a, b = get(first), get(second)
            if a is None or b is None:
                return NOT_EVALUABLE
            if a <= b + 1e-9:  # as OPS["<="]
                return PASSED
            return fail(ctx, a, b)

        return at_most

    def run(ctx: Context) -> RuleRun:
        get = ctx.numbers.get
        if single:  # one indicator a side, the usual rule: no lists to build
            a, b = get(left[0]), get(right[0])
            if a is None or b is None:
                return NOT_EVALUABLE
        else:
            lhs, rhs = list(map(get, left)), list(map(get, right))
            if None in lhs or None in rhs:
                return NOT_EVALUABLE
            a, b = sum(cast("list[float]", lhs)), sum(cast("list[float]", rhs))
        if test(a, b):
            return PASSED
        return fail(ctx, a, b)

    return run
