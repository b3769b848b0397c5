"""The engine: compile rules once, then evaluate them over reports.

It does no I/O and renders no text. A rule that raises becomes an engine finding
and every other rule still runs; a rule that names indicators the report lacks
is "not evaluable", never a pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from cchc_rules.applicability import Applicability
from cchc_rules.catalogue import Catalogue
from cchc_rules.errors import CchcError
from cchc_rules.findings import ENGINE_RULE, CheckResult, Finding, Outcome, RuleRun, Severity
from cchc_rules.model import Location, Report
from cchc_rules.rules import BUILTIN_KINDS, builtin_compiler
from cchc_rules.rules.base import (
    CompiledRule,
    Compiler,
    Context,
    RuleDefinitionError,
    RuleSpec,
    build_context,
)

ENGINE_SPEC = RuleSpec(
    id=ENGINE_RULE,
    kind="engine",
    severity=Severity.ERROR,
    message={
        "default": {
            "vi": "Quy tắc {rule} gặp lỗi khi chạy ({error}); các quy tắc khác vẫn được kiểm tra",
            "en": "Rule {rule} failed while running ({error}); the other rules still ran",
        },
        "plugin": {
            "vi": "Phần mở rộng {plugin} gặp lỗi ({error}); phần kiểm tra còn lại vẫn chạy",
            "en": "Plugin {plugin} failed ({error}); the rest of the check still ran",
        },
    },
    description={
        "vi": "Lỗi của chính bộ kiểm tra: một quy tắc hoặc phần mở rộng bị lỗi khi chạy.",
        "en": "A fault of the checker itself: a rule or plugin raised while running.",
    },
)


@dataclass
class CompiledRuleset:
    catalogue: Catalogue
    rules: list[tuple[RuleSpec, CompiledRule]]
    specs: dict[str, RuleSpec] = field(default_factory=dict)


def compile_rules(
    specs: Iterable[RuleSpec],
    catalogue: Catalogue,
    kinds: Mapping[str, Compiler] | None = None,
    severity: Mapping[str, Severity] | None = None,
) -> CompiledRuleset:
    """Compile every rule into a plain callable; a bad rule is a load error naming its line."""
    compiled: list[tuple[RuleSpec, CompiledRule]] = []
    by_id: dict[str, RuleSpec] = {ENGINE_RULE: ENGINE_SPEC}
    extra = dict(kinds or {})
    for spec in specs:
        if severity and spec.id in severity:
            spec = _with_severity(spec, severity[spec.id])
        compiler = extra.get(spec.kind)
        if compiler is None:
            if spec.kind not in BUILTIN_KINDS:
                raise CchcError(
                    "invalid-ruleset", path=spec.source, line=spec.line, rule=spec.id,
                    reason=f"unknown rule kind '{spec.kind}'",
                )  # fmt: skip
            compiler = builtin_compiler(spec.kind)
        try:
            compiled.append((spec, compiler(spec, catalogue)))
        except RuleDefinitionError as exc:
            raise CchcError(
                "invalid-ruleset", path=spec.source, line=spec.line, rule=spec.id, reason=str(exc)
            ) from None
        by_id[spec.id] = spec
    return CompiledRuleset(catalogue=catalogue, rules=compiled, specs=by_id)


def _with_severity(spec: RuleSpec, severity: Severity) -> RuleSpec:
    from dataclasses import replace

    return replace(spec, severity=severity)


def evaluate(
    report: Report,
    ruleset: CompiledRuleset,
    applicability: Applicability | None = None,
    accept: Callable[[RuleSpec, Context], bool] | None = None,
) -> CheckResult:
    ctx = build_context(report, ruleset.catalogue, applicability)
    findings: list[Finding] = []
    outcomes: dict[str, Outcome] = {}
    for spec, rule in ruleset.rules:
        outcome = outcomes.setdefault(spec.id, Outcome(spec.id))
        if spec.applies_to and not ctx.kinds.intersection(spec.applies_to):
            outcome.not_evaluable += 1
            continue
        if accept is not None and not accept(spec, ctx):
            outcome.not_evaluable += 1
            continue
        try:
            run = rule(ctx)
        except Exception as exc:  # a crashing rule must not stop the others
            run = RuleRun(findings=(engine_finding(report, rule=spec.id, error=exc),))
            engine = outcomes.setdefault(ENGINE_RULE, Outcome(ENGINE_RULE))
            engine.failed += 1
            outcome.not_evaluable += 1
            findings.extend(run.findings)
            continue
        outcome.passed += run.passed
        outcome.not_evaluable += run.not_evaluable
        outcome.failed += len(run.findings)
        findings.extend(run.findings)
    findings.sort(key=Finding.sort_key)
    return CheckResult(findings=findings, outcomes=outcomes)


def engine_finding(report: Report, *, error: BaseException, rule: str = "", plugin: str = "") -> Finding:
    text = f"{type(error).__name__}: {error}"
    return Finding(
        rule_id=ENGINE_RULE,
        severity=Severity.ERROR,
        params={"rule": rule, "plugin": plugin, "error": " ".join(text.split())[:200]},
        variant="plugin" if plugin else "default",
        location=Location(file=report.meta.source),
    )


def run_rules(report: Report, ruleset: CompiledRuleset, rule_ids: Sequence[str]) -> CheckResult:
    """Evaluate a subset of rules: what the rule tests and `cchc explain` use."""
    subset = CompiledRuleset(
        catalogue=ruleset.catalogue,
        rules=[(s, r) for s, r in ruleset.rules if s.id in rule_ids],
        specs=ruleset.specs,
    )
    return evaluate(report, subset)
