"""Conditional rules: if A is 0 (or blank, or any given value), then B must be 0 or
blank. Money paid online with no dossier paid online is a contradiction."""

from __future__ import annotations

from cchc_rules.catalogue import Catalogue
from cchc_rules.findings import Finding, RuleRun
from cchc_rules.rules.base import (
    CompiledRule,
    Context,
    RuleDefinitionError,
    RuleSpec,
    counted,
    finding,
    ids_param,
    shown,
)

MUST = ("zero_or_blank", "blank", "positive")


def compile_rule(spec: RuleSpec, catalogue: Catalogue) -> CompiledRule:
    when = str(spec.params.get("if", ""))
    equals = spec.params.get("equals", 0)
    then = ids_param(spec, "then")
    must = spec.params.get("must_be", "zero_or_blank")
    if not when or not then:
        raise RuleDefinitionError("a conditional rule needs 'if' and 'then'")
    if must not in MUST:
        raise RuleDefinitionError(f"must_be must be one of {', '.join(MUST)}")

    def holds(ctx: Context, ident: str) -> bool | None:
        value = ctx.number(ident)
        if must == "blank":
            return ctx.is_blank(ident)
        if must == "positive":
            return None if value is None else value > 0
        if ctx.is_blank(ident):
            return True
        return None if value is None else value == 0

    try:
        target: float | None = float(equals)
    except (TypeError, ValueError, OverflowError):
        target = None  # raised again when the rule runs, as it always was

    condition_unknown, condition_unmet = counted(0, len(then)), counted(len(then))

    def run(ctx: Context) -> RuleRun:
        value = ctx.numbers.get(when)
        if value is None:
            return condition_unknown
        if value != (float(equals) if target is None else target):
            return condition_unmet
        passed = not_evaluable = 0
        findings: list[Finding] = []
        for ident in then:
            verdict = holds(ctx, ident)
            if verdict is None:
                not_evaluable += 1
            elif verdict:
                passed += 1
            else:
                findings.append(
                    finding(
                        spec,
                        [ident, when],
                        ctx,
                        actual=shown(ctx, ident),
                        expected={"zero_or_blank": "0", "blank": "", "positive": "> 0"}[must],
                        condition=when,
                        condition_value=shown(ctx, when),
                        then=ident,
                    )
                )
        if not findings:
            return counted(passed, not_evaluable)
        return RuleRun(passed=passed, not_evaluable=not_evaluable, findings=tuple(findings))

    return run
