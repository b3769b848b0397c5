"""The sample report: every finding on it is true, and the real mistakes are found.
docs/sample-findings.md explains each one."""

from __future__ import annotations

import pytest

from cchc_rules import check
from cchc_rules.findings import Severity
from cchc_rules.result import ReportResult

from helpers import CORRECTED, SAMPLE, SEED


@pytest.fixture(scope="module")
def result() -> ReportResult:
    return check(SAMPLE)


def _one(result: ReportResult, rule_id: str, indicator: str | None = None) -> list[object]:
    return [f for f in result.findings if f.rule_id == rule_id and (indicator is None or indicator in f.indicators)]


def test_bundled_sample_is_the_seed_byte_for_byte() -> None:
    if not SEED.exists():
        pytest.skip("../shared is not here (a user's clone)")
    assert SAMPLE.read_bytes() == SEED.read_bytes()


def test_blank_total_of_3_2_with_the_value_its_children_give(result: ReportResult) -> None:
    [finding] = _one(result, "CCHC-SUM-3.2")
    assert finding.expected == "25"
    assert finding.severity is Severity.ERROR
    assert "25" in result.message(finding, "vi") and "9 + 8 + 8" in result.message(finding, "vi")


def test_two_rates_of_7_6_3_add_up_to_187_38(result: ReportResult) -> None:
    [finding] = _one(result, "CCHC-RATE-EXCL-7.6.3")
    assert finding.actual == "187,38%"
    assert "187,38%" in result.message(finding, "en")


def test_rate_1_of_7_6_1_a_is_ambiguous(result: ReportResult) -> None:
    [finding] = _one(result, "CCHC-RATE-AMBIGUOUS", "7.6.1.a")
    assert "1% hay 100%" in result.message(finding, "vi")


def test_report_number_and_day_left_blank(result: ReportResult) -> None:
    assert _one(result, "CCHC-META-NUMBER")
    assert _one(result, "CCHC-META-DATE")
    assert result.report.meta.period == "2021"


def test_text_where_a_number_belongs(result: ReportResult) -> None:
    [finding] = _one(result, "CCHC-TYPE-TEXT")
    assert finding.indicators == ("7.6.4.a",) and finding.actual == "Có thực hiện"


def test_inspection_minutes_dated_before_the_decision_that_ordered_them(result: ReportResult) -> None:
    """1.3's note: decision 239/QĐ-TTT of 28/10/2021 ordered the inspection, held in 11/2021, yet
    the minutes read 29/01/2021 (the plan's date); the report of 22/11/2021 is not blamed."""
    [finding] = _one(result, "CCHC-DOC-SEQUENCE")
    assert finding.indicators == ("1.3",) and finding.severity is Severity.WARNING
    assert finding.params["doc"] == "Biên bản kiểm tra CCHC của Tổ kiểm tra ngày 29/01/2021"
    assert finding.params["other"] == "Quyết định số 239/QĐ-TTT ngày 28/10/2021"
    assert finding.params["window"] == "tháng 11/2021"
    message = result.message(finding, "en")
    assert "29/01/2021" in message and "28/10/2021" in message and "tháng 11/2021" in message


def test_the_notes_confirm_the_values_they_itemise(result: ReportResult) -> None:
    assert all(result.confirmed(i) for i in ("3.1.a", "3.1.b", "7.6.3", "7.6.3.a"))


def test_exactly_the_true_findings(result: ReportResult) -> None:
    """The whole list, so that a new false alarm fails here (see docs/sample-findings.md)."""
    got = sorted((f.rule_id, f.indicators[0] if f.indicators else "") for f in result.findings)
    assert got == sorted(
        [
            ("CCHC-META-NUMBER", ""),
            ("CCHC-META-DATE", ""),
            ("CCHC-SUM-3.2", "3.2"),
            ("CCHC-RATE-EXCL-7.6.3", "7.6.3.a"),
            ("CCHC-NOTE-SHARES-7.6.3", "7.6.3.a"),
            ("CCHC-DOC-SEQUENCE", "1.3"),
            ("CCHC-RATE-AMBIGUOUS", "7.6.1.a"),
            ("CCHC-TYPE-TEXT", "7.6.4.a"),
            ("CCHC-REQ-BLANK", "4.2.e"),
            ("CCHC-RATE-ZERO-3.4.6", "3.4.6.a"),
            ("CCHC-RATE-ZERO-3.4.6", "3.4.7.1.c"),
            ("CCHC-RATE-ZERO-3.4.6", "3.4.7.1.d"),
            # 5.2.2 and 6 too, but the thanh_tra_tinh plugin drops those (see plugins/README.md)
            *[("CCHC-TYPE-GROUP", i) for i in ("1.6", "2", "3.4.7", "3.4.7.1", "3.4.7.2", "3.4.7.3")],
        ]
    )


def test_no_public_service_unit_rows_are_excused_by_the_notes(result: ReportResult) -> None:
    blanks = {f.indicators[0] for f in _one(result, "CCHC-REQ-BLANK")}
    assert not blanks & {"5.2.2.a", "5.2.2.b", "5.4.d", "4.1.1", "4.1.4", "7.6.2", "7.7.a"}


def test_corrected_sample_has_no_finding_at_all() -> None:
    corrected = check(CORRECTED)
    assert corrected.findings == []
    assert all(o.status.value != "fail" for o in corrected.outcomes.values())


def test_missing_data_is_not_a_pass(result: ReportResult) -> None:
    assert result.outcomes["CCHC-SUM-4.1.4"].status.value == "not_evaluable"
