"""The engine: compile rules once, then evaluate them over reports.

It does no I/O and renders no text. A rule that raises becomes an engine finding
and every other rule still runs; a rule that names indicators the report lacks
is "not evaluable", never a pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial

from cchc_rules.applicability import Applicability
from cchc_rules.catalogue import Catalogue
from cchc_rules.errors import CchcError
from cchc_rules.findings import ENGINE_RULE, CheckResult, Finding, Outcome, RuleRun, Severity
from cchc_rules.model import Location, Report
from cchc_rules.rules import BUILTIN_KINDS, READS_TEMPLATE, builtin_compiler
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


class CompiledRuleset:
    """A ruleset compiled for one catalogue: (spec, compiled rule) in order, every spec by id,
    and whether its rules read how rows differ from the template (what the view works out)."""

    def __init__(
        self,
        catalogue: Catalogue,
        rules: list[tuple[RuleSpec, CompiledRule]],
        specs: dict[str, RuleSpec] | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.rules = rules
        self.specs: dict[str, RuleSpec] = {} if specs is None else specs
        self.template = any(spec.kind in READS_TEMPLATE for spec, _ in rules)

    def __repr__(self) -> str:
        return f"<CompiledRuleset of {len(self.rules)} rules>"


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
            spec = spec._replace(severity=severity[spec.id])
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


# What the tally records for a rule not run (it does not apply, or `accept` refused it), and
# for a rule that raised (its own outcome, then one failure of CCHC-ENGINE). Told apart by identity.
_SKIPPED = RuleRun(not_evaluable=1)
_CRASHED = RuleRun(not_evaluable=1)


def evaluate(
    report: Report,
    ruleset: CompiledRuleset,
    applicability: Applicability | None = None,
    accept: Callable[[RuleSpec, Context], bool] | None = None,
) -> CheckResult:
    """Run every compiled rule over one report. The loop only keeps each rule's RuleRun (a rule
    that passes returns a shared one); the outcomes are counted from them when first read."""
    ctx = build_context(report, ruleset.catalogue, applicability, ruleset.template)
    kinds = ctx.kinds
    rules = tuple(ruleset.rules)
    findings: list[Finding] = []
    runs: list[RuleRun] = []
    keep = runs.append
    for spec, rule in rules:
        if (spec.applies_to and kinds.isdisjoint(spec.applies_to)) or (accept is not None and not accept(spec, ctx)):
            keep(_SKIPPED)
            continue
        try:
            run = rule(ctx)
        except Exception as exc:  # a crashing rule must not stop the others
            keep(_CRASHED)
            findings.append(engine_finding(report, rule=spec.id, error=exc))
            continue
        if run.findings:
            findings.extend(run.findings)
        keep(run)
    if findings:
        findings.sort(key=Finding.sort_key)
    return CheckResult(findings, count=partial(_count, rules, runs))


def _count(rules: Sequence[tuple[RuleSpec, CompiledRule]], runs: list[RuleRun]) -> dict[str, Outcome]:
    """The outcomes, rule by rule in order (a rule id given twice adds up), CCHC-ENGINE after
    the first rule that raised."""
    outcomes: dict[str, Outcome] = {}
    for (spec, _), run in zip(rules, runs, strict=True):
        _record(outcomes, spec.id, run.passed, len(run.findings), run.not_evaluable)
        if run is _CRASHED:
            _record(outcomes, ENGINE_RULE, 0, 1, 0)
    return outcomes


def _record(outcomes: dict[str, Outcome], rule_id: str, passed: int, failed: int, not_evaluable: int) -> None:
    outcome = outcomes.get(rule_id)
    if outcome is None:
        outcomes[rule_id] = Outcome(rule_id, passed, failed, not_evaluable)
        return
    outcome.passed += passed
    outcome.failed += failed
    outcome.not_evaluable += not_evaluable


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
