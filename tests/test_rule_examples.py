"""Every rule documents itself with a passing and a failing example; these tests run
them, and fail any rule that lacks a description, a message or an example."""

from __future__ import annotations

import pytest

from cchc_rules.checker import Checker
from cchc_rules.engine import compile_rules, evaluate
from cchc_rules.findings import CheckResult
from cchc_rules.rules.base import RuleSpec

CHECKER = Checker()
SPECS = CHECKER.rule_specs()


def _evaluate(spec: RuleSpec, outcome: str) -> CheckResult:
    report = CHECKER.fragment(spec.example[outcome])
    catalogue = CHECKER.catalogue_for(report)
    return evaluate(report, compile_rules([spec], catalogue, CHECKER.plugins.rule_kinds()))


def _run(spec: RuleSpec, outcome: str) -> list[str]:
    return [f.rule_id for f in _evaluate(spec, outcome).findings]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_rule_is_documented(spec: RuleSpec) -> None:
    assert spec.description.get("vi") and spec.description.get("en"), "description in vi and en"
    for variant, langs in spec.message.items():
        assert langs.get("vi") and langs.get("en"), f"message {variant} in vi and en"
    assert "pass" in spec.example and "fail" in spec.example, "a passing and a failing example"


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_failing_example_fails(spec: RuleSpec) -> None:
    assert spec.id in _run(spec, "fail")


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_passing_example_passes(spec: RuleSpec) -> None:
    found = _run(spec, "pass")
    if spec.kind == "completeness" and spec.params.get("check") == "blank":
        # The fragment leaves the rest of the template blank; only its own rows count.
        result = _evaluate(spec, "pass")
        named = set(spec.example["pass"]["values"])
        assert not [f for f in result.findings if set(f.indicators) & named]
        return
    if spec.kind == "completeness" and spec.params.get("check") == "missing":
        assert found == []
        return
    assert spec.id not in found


def test_every_rule_kind_is_used_by_the_standard_ruleset() -> None:
    from cchc_rules.rules import BUILTIN_KINDS

    assert {s.kind for s in SPECS if not s.plugin} == set(BUILTIN_KINDS)


def test_rule_ids_are_unique_and_stable_in_form() -> None:
    ids = [s.id for s in SPECS]
    assert len(ids) == len(set(ids))
    assert all(s.id.startswith("CCHC-") for s in SPECS if not s.plugin)
    assert all(not s.id.startswith("CCHC-") for s in SPECS if s.plugin)
