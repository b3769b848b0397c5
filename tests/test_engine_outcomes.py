"""The engine's per-rule outcomes: the loop keeps each rule's RuleRun and the Outcomes are
counted from them when `CheckResult.outcomes` is first read. They must be what counting
in the loop gave: the same values, in the same order, CCHC-ENGINE after the first rule
that raised, a repeated rule id added up, a rule that does not apply not evaluable."""

from __future__ import annotations

from typing import Any

import pytest

from cchc_rules import engine
from cchc_rules.applicability import Applicability
from cchc_rules.catalogue import default_catalogue
from cchc_rules.checker import Checker
from cchc_rules.engine import CompiledRuleset, evaluate, run_rules
from cchc_rules.findings import ENGINE_RULE, CheckResult, Finding, Outcome, RuleRun, Severity, Status
from cchc_rules.loading import load_report
from cchc_rules.model import Report
from cchc_rules.result import ReportResult
from cchc_rules.rules.base import CompiledRule, Context, RuleSpec, build_context, finding

from helpers import CORRECTED, SAMPLE

CATALOGUE = default_catalogue()
COMPILED = Checker().compiled(CATALOGUE)
REPORTS = [load_report(SAMPLE, CATALOGUE), load_report(CORRECTED, CATALOGUE)]


def counted_in_the_loop(report: Report, ruleset: CompiledRuleset) -> dict[str, Outcome]:
    """The outcomes as the engine counted them before, an Outcome made in the loop."""
    ctx = build_context(report, ruleset.catalogue)
    outcomes: dict[str, Outcome] = {}

    def add(rule_id: str, passed: int, failed: int, not_evaluable: int) -> None:
        outcome = outcomes.setdefault(rule_id, Outcome(rule_id))
        outcome.passed += passed
        outcome.failed += failed
        outcome.not_evaluable += not_evaluable

    for spec, rule in ruleset.rules:
        if spec.applies_to and ctx.kinds.isdisjoint(spec.applies_to):
            add(spec.id, 0, 0, 1)
            continue
        try:
            run = rule(ctx)
        except Exception:
            add(spec.id, 0, 0, 1)
            add(ENGINE_RULE, 0, 1, 0)
            continue
        add(spec.id, run.passed, len(run.findings), run.not_evaluable)
    return outcomes


def spec(rule_id: str, **fields: Any) -> RuleSpec:
    return RuleSpec(id=rule_id, kind="x", severity=Severity.ERROR, message={}, description={}, **fields)


def crash(ctx: Context) -> RuleRun:
    raise RuntimeError("boom")


def fails(rule_id: str) -> CompiledRule:
    def run(ctx: Context) -> RuleRun:
        found = finding(spec(rule_id), ["1.1"], ctx)
        return RuleRun(passed=1, findings=(found, found))

    return run


@pytest.mark.parametrize("report", REPORTS, ids=["sample", "corrected"])
def test_the_bundled_rules_count_as_they_did_in_the_loop(report: Report) -> None:
    result = evaluate(report, COMPILED)
    expected = counted_in_the_loop(report, COMPILED)
    assert result.outcomes == expected and list(result.outcomes) == list(expected)
    assert list(result.outcomes) == [s.id for s, _ in COMPILED.rules]
    assert any(o.status is Status.FAIL for o in result.outcomes.values()) == bool(result.findings)


def test_crashes_repeats_and_rules_that_do_not_apply() -> None:
    rules: list[tuple[RuleSpec, CompiledRule]] = [
        (spec("T-A"), lambda ctx: RuleRun(passed=2)),
        (spec("T-B"), crash),
        (spec("T-A"), lambda ctx: RuleRun(not_evaluable=1)),
        (spec("T-C", applies_to=("no-such-kind",)), lambda ctx: RuleRun(passed=1)),
        (spec("T-D"), fails("T-D")),
        (spec("T-E"), crash),
        (spec("T-A"), crash),
    ]
    ruleset = CompiledRuleset(CATALOGUE, rules)
    result = evaluate(REPORTS[0], ruleset)
    expected = counted_in_the_loop(REPORTS[0], ruleset)
    assert result.outcomes == expected and list(result.outcomes) == list(expected)
    assert list(result.outcomes) == ["T-A", "T-B", ENGINE_RULE, "T-C", "T-D", "T-E"]
    shown = {k: (o.passed, o.failed, o.not_evaluable, o.status.value) for k, o in result.outcomes.items()}
    assert shown == {
        "T-A": (2, 0, 2, "pass"),
        "T-B": (0, 0, 1, "not_evaluable"),
        ENGINE_RULE: (0, 3, 0, "fail"),
        "T-C": (0, 0, 1, "not_evaluable"),
        "T-D": (1, 2, 0, "fail"),
        "T-E": (0, 0, 1, "not_evaluable"),
    }
    assert [f.rule_id for f in result.findings].count(ENGINE_RULE) == 3
    assert [f.rule_id for f in result.findings].count("T-D") == 2


def test_a_rule_the_caller_does_not_accept_is_not_evaluable() -> None:
    rules: list[tuple[RuleSpec, CompiledRule]] = [(spec("T-A"), crash), (spec("T-B"), lambda ctx: RuleRun(passed=1))]
    result = evaluate(REPORTS[0], CompiledRuleset(CATALOGUE, rules), Applicability(), lambda s, ctx: s.id != "T-A")
    assert [(k, o.passed, o.not_evaluable) for k, o in result.outcomes.items()] == [("T-A", 0, 1), ("T-B", 1, 0)]
    assert result.findings == []


def test_outcomes_are_made_only_when_read(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []

    class Counting(Outcome):
        __slots__ = ()

        def __init__(self, rule_id: str, *counts: int) -> None:
            made.append(rule_id)
            super().__init__(rule_id, *counts)

    monkeypatch.setattr(engine, "Outcome", Counting)
    result = evaluate(REPORTS[0], COMPILED)
    assert made == [] and result.findings
    first = result.outcomes
    assert len(made) == len(COMPILED.rules) and result.outcomes is first  # counted once


def test_the_subset_of_rule_tests_and_explain() -> None:
    wanted = [s.id for s, _ in COMPILED.rules][::7]
    result = run_rules(REPORTS[0], COMPILED, wanted)
    assert list(result.outcomes) == wanted


def test_a_check_result_made_by_hand_is_as_before() -> None:
    found = Finding("X-TEST", Severity.ERROR, ("1.1",))
    made = CheckResult(findings=[found], outcomes={"X-TEST": Outcome("X-TEST", failed=1)})
    assert made.outcomes == {"X-TEST": Outcome("X-TEST", 0, 1, 0)} and made.counts()["error"] == 1
    assert made == CheckResult([found], {"X-TEST": Outcome("X-TEST", failed=1)})
    assert CheckResult([]).outcomes == {} and made.worst() is Severity.ERROR
    made.outcomes = {}
    assert made.outcomes == {}
    assert repr(Outcome("X", 1)) == "Outcome(rule_id='X', passed=1, failed=0, not_evaluable=0)"
    assert Outcome("X", 1) != Outcome("X", 0, 1) and Outcome("X") != ("X", 0, 0, 0)


def test_the_report_result_carries_the_outcomes_counted() -> None:
    result = evaluate(REPORTS[0], COMPILED)
    checked = ReportResult.of(REPORTS[0], result, COMPILED.specs, CATALOGUE)
    assert checked.outcomes is result.outcomes
    assert Checker().check_file(SAMPLE).outcomes["CCHC-SUM-3.2"].status is Status.FAIL


def test_a_report_result_counts_the_outcomes_only_when_they_are_read() -> None:
    """An audit reads a result's findings and never its outcomes: they are not counted for it."""
    counted: list[int] = []
    truth = counted_in_the_loop(REPORTS[0], COMPILED)

    def count() -> dict[str, Outcome]:
        counted.append(1)
        return dict(truth)

    lazy = CheckResult([], count=count)
    result = ReportResult.of(REPORTS[0], lazy, COMPILED.specs, CATALOGUE)
    copied = result.replace(findings=[])
    assert counted == [] and result.findings == [] and copied.report is result.report
    assert result.outcomes == truth and counted == [1]
    assert result.outcomes is result.outcomes and counted == [1]
    with pytest.raises(TypeError):
        result.replace(outcome={})


def test_a_checked_report_has_the_outcomes_counted_in_the_loop() -> None:
    checker = Checker(suggest=False)
    checked = checker.check_report(checker.load(SAMPLE))
    ruleset = checker.compiled(checked.catalogue, checked.plugins)
    assert checked.outcomes == counted_in_the_loop(checked.report, ruleset)
    assert checked == checked.replace() and checked != checked.replace(findings=[])
