"""One runner for every YAML rule case in tests/rule_cases: a report fragment, the
rules to run, and exactly the findings expected (sqlfluff's yaml_test_cases, for CCHC)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from cchc_rules.catalogue import default_catalogue
from cchc_rules.checker import Checker
from cchc_rules.engine import compile_rules, evaluate
from cchc_rules.fragments import build_fragment
from cchc_rules.ruleset import parse_ruleset

CASES_DIR = Path(__file__).parent / "rule_cases"


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(case, id=f"{path.stem}:{case['name']}"))
    return params


@pytest.fixture(scope="module")
def standard_specs() -> dict[str, Any]:
    return {s.id: s for s in Checker().rule_specs()}


@pytest.mark.parametrize("case", _cases())
def test_rule_case(case: dict[str, Any], standard_specs: dict[str, Any]) -> None:
    catalogue = default_catalogue()
    if "ruleset" in case:
        specs = list(parse_ruleset(case["ruleset"], "case").rules)
    else:
        specs = [standard_specs[r] for r in case["rules"]]
    report = build_fragment(case.get("fragment", {}), catalogue)
    result = evaluate(report, compile_rules(specs, catalogue))
    got = result.findings
    if "scope" in case:  # rules that look at the whole template: judge only these rows
        scope = set(case["scope"])
        got = [f for f in got if scope & set(f.indicators)]
    expected = case.get("expect", [])
    assert len(got) == len(expected), [(f.rule_id, f.indicators, f.expected, f.actual) for f in got]
    for want in expected:
        matches = [
            f
            for f in got
            if all(
                (list(getattr(f, key)) if key == "indicators" else getattr(f, key)) == value
                for key, value in want.items()
                if key in ("rule_id", "indicators", "expected", "actual", "variant")
            )
            and all(str(f.params.get(k)) == str(v) for k, v in want.get("params", {}).items())
        ]
        seen = [(f.rule_id, f.indicators, f.expected, f.actual, dict(f.params)) for f in got]
        assert matches, f"no finding like {want}; got {seen}"
    outcomes = case.get("outcomes", {})
    for rule_id, status in outcomes.items():
        assert result.outcomes[rule_id].status.value == status
