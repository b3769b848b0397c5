"""Totals and their parts. "Trong đó" means "of which", not always "sum of":
where the parts partition the total, total = Σ parts; where they overlap, each
part ≤ total (and, when the parts are exhaustive, total ≤ Σ parts)."""

from __future__ import annotations

from functools import partial
from typing import cast

from cchc_rules.catalogue import Catalogue
from cchc_rules.findings import Finding, RuleRun
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
)

EPSILON = 1e-9


def compile_rule(spec: RuleSpec, catalogue: Catalogue) -> CompiledRule:
    parent = str(spec.params.get("parent", ""))
    children = ids_param(spec, "children")
    if not parent or not children:
        raise RuleDefinitionError("a sum rule needs a parent and its children")
    mode = spec.params.get("mode", "sum")
    if mode == "sum":
        return partial(_sum, spec, parent, children)  # partial: one call per report, not two
    if mode == "of_which":
        exhaustive = bool(spec.params.get("exhaustive", False))
        return partial(_of_which, spec, parent, children, exhaustive, counted(0, len(children)))
    raise RuleDefinitionError("mode must be sum or of_which")


def _listing(parts: list[float | None]) -> str:
    return " + ".join(show(p) if p is not None else "∅" for p in parts)


def _sum(spec: RuleSpec, parent: str, children: tuple[str, ...], ctx: Context) -> RuleRun:
    parts = list(map(ctx.numbers.get, children))
    gaps = parts.count(None)
    if gaps == len(parts):
        return NOT_EVALUABLE
    partial = sum(cast("list[float]", parts) if not gaps else [p for p in parts if p is not None])
    total = ctx.numbers.get(parent)
    if total is None:
        if gaps or not ctx.is_blank(parent):
            return NOT_EVALUABLE
        found = finding(
            spec,
            [parent, *children],
            ctx,
            variant="blank_total",
            expected=show(partial),
            actual="",
            parent=parent,
            sum=show(partial),
            parts=_listing(parts),
        )
        return RuleRun(findings=(found,))
    if gaps:
        if partial > total + EPSILON:
            found = finding(
                spec,
                [parent, *children],
                ctx,
                variant="parts_exceed",
                expected=f"≥ {show(partial)}",
                actual=show(total),
                parent=parent,
                sum=show(partial),
                parts=_listing(parts),
            )
            return RuleRun(findings=(found,))
        return NOT_EVALUABLE
    if abs(partial - total) <= EPSILON:
        return PASSED
    found = finding(
        spec,
        [parent, *children],
        ctx,
        expected=show(partial),
        actual=show(total),
        parent=parent,
        sum=show(partial),
        parts=_listing(parts),
    )
    return RuleRun(findings=(found,))


def _of_which(
    spec: RuleSpec, parent: str, children: tuple[str, ...], exhaustive: bool, no_total: RuleRun, ctx: Context
) -> RuleRun:
    numbers = ctx.numbers
    total = numbers.get(parent)
    if total is None:
        return no_total
    passed = not_evaluable = 0
    findings: list[Finding] = []
    parts = list(map(numbers.get, children))
    for child, part in zip(children, parts, strict=True):
        if part is None:
            not_evaluable += 1
        elif part <= total + EPSILON:
            passed += 1
        else:
            findings.append(
                finding(
                    spec,
                    [child, parent],
                    ctx,
                    expected=f"≤ {show(total)}",
                    actual=show(part),
                    parent=parent,
                    part=child,
                    total=show(total),
                )
            )
    if exhaustive and all(p is not None for p in parts):
        partial = sum(p for p in parts if p is not None)
        if total > partial + EPSILON:
            findings.append(
                finding(
                    spec,
                    [parent, *children],
                    ctx,
                    variant="not_covered",
                    expected=f"≤ {show(partial)}",
                    actual=show(total),
                    parent=parent,
                    sum=show(partial),
                    total=show(total),
                )
            )
        else:
            passed += 1
    if not findings:
        return counted(passed, not_evaluable)
    return RuleRun(passed=passed, not_evaluable=not_evaluable, findings=tuple(findings))
