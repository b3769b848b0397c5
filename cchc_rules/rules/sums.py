"""Totals and their parts. "Trong đó" means "of which", not always "sum of":
where the parts partition the total, total = Σ parts; where they overlap, each
part ≤ total (and, when the parts are exhaustive, total ≤ Σ parts)."""

from __future__ import annotations

from cchc_rules.catalogue import Catalogue
from cchc_rules.findings import Finding, RuleRun
from cchc_rules.rules.base import (
    CompiledRule,
    Context,
    RuleDefinitionError,
    RuleSpec,
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
        return lambda ctx: _sum(spec, ctx, parent, children)
    if mode == "of_which":
        exhaustive = bool(spec.params.get("exhaustive", False))
        return lambda ctx: _of_which(spec, ctx, parent, children, exhaustive)
    raise RuleDefinitionError("mode must be sum or of_which")


def _sum(spec: RuleSpec, ctx: Context, parent: str, children: tuple[str, ...]) -> RuleRun:
    parts = [ctx.number(c) for c in children]
    filled = [p for p in parts if p is not None]
    total = ctx.number(parent)
    listing = " + ".join(show(p) if p is not None else "∅" for p in parts)
    if not filled:
        return RuleRun(not_evaluable=1)
    partial = sum(filled)
    if total is None:
        if not ctx.is_blank(parent) or len(filled) < len(parts):
            return RuleRun(not_evaluable=1)
        found = finding(
            spec,
            [parent, *children],
            ctx,
            variant="blank_total",
            expected=show(partial),
            actual="",
            parent=parent,
            sum=show(partial),
            parts=listing,
        )
        return RuleRun(findings=(found,))
    if len(filled) < len(parts):
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
                parts=listing,
            )
            return RuleRun(findings=(found,))
        return RuleRun(not_evaluable=1)
    if abs(partial - total) <= EPSILON:
        return RuleRun(passed=1)
    found = finding(
        spec,
        [parent, *children],
        ctx,
        expected=show(partial),
        actual=show(total),
        parent=parent,
        sum=show(partial),
        parts=listing,
    )
    return RuleRun(findings=(found,))


def _of_which(spec: RuleSpec, ctx: Context, parent: str, children: tuple[str, ...], exhaustive: bool) -> RuleRun:
    total = ctx.number(parent)
    if total is None:
        return RuleRun(not_evaluable=len(children))
    passed = not_evaluable = 0
    findings: list[Finding] = []
    for child in children:
        part = ctx.number(child)
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
    parts = [ctx.number(c) for c in children]
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
    return RuleRun(passed=passed, not_evaluable=not_evaluable, findings=tuple(findings))
