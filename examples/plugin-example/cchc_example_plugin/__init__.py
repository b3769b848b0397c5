"""Example plugin: a province caps labour contracts in state administrative bodies.

It contributes a rule kind of its own (`at_most`: an indicator may not exceed a fixed
limit) and a ruleset that uses it. It serves every kind of agency.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from cchc_rules.catalogue import Catalogue
from cchc_rules.findings import RuleRun
from cchc_rules.plugins import hookimpl
from cchc_rules.rules.base import CompiledRule, Compiler, Context, RuleDefinitionError, RuleSpec, finding, show


def compile_at_most(spec: RuleSpec, catalogue: Catalogue) -> CompiledRule:
    indicator = str(spec.params.get("indicator", ""))
    limit = spec.params.get("limit")
    if indicator not in catalogue.indicators or not isinstance(limit, (int, float)):
        raise RuleDefinitionError("at_most needs a known indicator and a numeric limit")

    def run(ctx: Context) -> RuleRun:
        value = ctx.number(indicator)
        if value is None:
            return RuleRun(not_evaluable=1)
        if value <= limit:
            return RuleRun(passed=1)
        found = finding(spec, [indicator], ctx, expected=f"≤ {show(limit)}", actual=show(value), limit=show(limit))
        return RuleRun(findings=(found,))

    return run


@hookimpl
def cchc_rule_kinds() -> Mapping[str, Compiler]:
    return {"at_most": compile_at_most}


@hookimpl
def cchc_rulesets() -> Sequence[Path]:
    return [Path(__file__).with_name("rules.yaml")]
