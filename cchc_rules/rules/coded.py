"""Coded values: the value is a code of the indicator's legend. A label written
instead of its code ("Có" for 1) is recognised and reported as such."""

from __future__ import annotations

from cchc_rules.catalogue import Catalogue
from cchc_rules.findings import Finding, RuleRun
from cchc_rules.model import Flag, ValueKind, ValueStatus
from cchc_rules.rules.base import CompiledRule, Context, RuleDefinitionError, RuleSpec, counted, finding

CHECKS = ("range", "label")
# Read once: an enum member is a slow class attribute lookup on Python 3.11.
LABEL_FOR_CODE, BLANK, CODE = Flag.LABEL_FOR_CODE, ValueStatus.BLANK, ValueStatus.CODE


def _legend_text(legend: dict[int, str]) -> str:
    return ", ".join(f"{code} = {label}" for code, label in sorted(legend.items()))


def compile_rule(spec: RuleSpec, catalogue: Catalogue) -> CompiledRule:
    check = spec.params.get("check", "range")
    if check not in CHECKS:
        raise RuleDefinitionError(f"check must be one of {', '.join(CHECKS)}")
    only = set(spec.indicators)
    targets = [
        (i.id, dict(i.legend), _legend_text(dict(i.legend)))
        for i in catalogue.indicators.values()
        if i.kind in (ValueKind.CODED, ValueKind.YESNO) and (not only or i.id in only)
    ]
    labels = check == "label"

    def run(ctx: Context) -> RuleRun:
        passed = not_evaluable = 0
        findings: list[Finding] = []
        entries = ctx.entries
        for ident, legend, shown_legend in targets:
            entry = entries.get(ident)
            if entry is None or entry.value.status is BLANK:
                not_evaluable += 1
                continue
            value = entry.value
            if labels:
                if LABEL_FOR_CODE in value.flags:
                    findings.append(
                        finding(spec, [ident], ctx, actual=entry.raw, expected=str(value.code), code=value.code)
                    )
                else:
                    passed += 1
            elif value.status is CODE and value.code in legend:
                passed += 1
            else:
                findings.append(
                    finding(spec, [ident], ctx, actual=entry.raw, expected=shown_legend, legend=shown_legend)
                )
        if not findings:
            return counted(passed, not_evaluable)
        return RuleRun(passed=passed, not_evaluable=not_evaluable, findings=tuple(findings))

    return run
