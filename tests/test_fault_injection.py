"""Every rule kind catches a fault injected into a copy of the sample (the copy only:
the sample itself is never edited)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_rules import check

from helpers import SAMPLE, edited_sample

V, N, U = 3, 4, 2  # value, note and unit columns

# kind: (edits {line: {column: text}}, rule that must now fire, indicator it names)
FAULTS = {
    "completeness": ({13: {1: "Số nhiệm vụ đề ra", 3: "76"}, 14: {0: "1.1.9", 1: "Dòng lạ", 3: "5"}},
                     "CCHC-REQ-UNKNOWN", "1.1.9"),
    "coherence": ({115: {U: "Biên chế"}}, "CCHC-UNIT", "4.2.a"),
    "coded": ({165: {V: "3"}}, "CCHC-CODE-RANGE", "7.5.a"),
    "sum": ({67: {V: "6"}}, "CCHC-SUM-3.4.1.2", "3.4.1.2"),
    "compare": ({14: {V: "80"}}, "CCHC-CMP-1.1", "1.1.b"),
    "rate": ({178: {V: "0"}}, "CCHC-RATE-ZERO-7.6.3", "7.6.3.a"),
    "conditional": ({100: {V: "1.500.000"}}, "CCHC-COND-3.4.7.3", "3.4.7.3.b"),
    "expression": ({164: {V: "0"}}, "CCHC-EXPR-7.5", "7.5.a"),
}  # fmt: skip


@pytest.mark.parametrize("kind", sorted(FAULTS))
def test_injected_fault_is_caught(kind: str, tmp_path: Path) -> None:
    edits, rule_id, indicator = FAULTS[kind]
    before = check(SAMPLE)
    assert not [f for f in before.findings if f.rule_id == rule_id and indicator in f.indicators]
    after = check(edited_sample(tmp_path, edits))
    assert [f for f in after.findings if f.rule_id == rule_id and indicator in f.indicators], [
        (f.rule_id, f.indicators) for f in after.findings
    ]


def test_missing_row_is_caught(tmp_path: Path) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    del lines[40]  # the row of 2.3
    path = tmp_path / "missing.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = check(path)
    assert [f for f in result.findings if f.rule_id == "CCHC-REQ-MISSING" and f.indicators == ("2.3",)]


def test_duplicated_row_is_kept_twice_and_caught(tmp_path: Path) -> None:
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    lines.insert(41, lines[40])
    path = tmp_path / "dup.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = check(path)
    assert len([e for e in result.report.entries if e.id == "2.3"]) == 2
    assert [f for f in result.findings if f.rule_id == "CCHC-REQ-DUPLICATE" and f.indicators == ("2.3",)]


def test_the_sample_is_untouched_by_the_tests() -> None:
    assert "\t\t\t\tCCHC năm 2021, Thông báo số 958/TB-TTT" in SAMPLE.read_text(encoding="utf-8")
