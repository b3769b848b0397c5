"""GitHub Actions workflow commands: one annotation per finding, escaped as the runner expects."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cchc_rules import check
from cchc_rules.findings import Finding, Severity
from cchc_rules.formats import FormatOptions, github
from cchc_rules.model import Location
from cchc_rules.result import ReportResult
from cchc_rules.rules.base import RuleSpec

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "examples/phu-luc-2-thanh-tra-tinh-2021.txt"


@pytest.fixture(scope="module")
def lines(result: ReportResult) -> list[str]:
    return github.render([result], FormatOptions()).splitlines()


def fake(result: ReportResult, finding: Finding, source: str | None = None) -> ReportResult:
    """A result holding one finding of a test rule whose message is its `text` parameter."""
    spec = RuleSpec(
        id=finding.rule_id,
        kind="test",
        severity=finding.severity,
        message={"default": {"vi": "{text}"}},
        description={"vi": "thử"},
    )
    report = result.report
    if source is not None:
        report = replace(report, meta=replace(report.meta, source=source))
    return ReportResult(report, [finding], {}, {spec.id: spec}, result.catalogue)


def test_one_command_per_finding(lines: list[str], result: ReportResult) -> None:
    assert len(lines) == len(result.findings)
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)


def test_error_with_file_line_title_and_expected(lines: list[str]) -> None:
    (line,) = [x for x in lines if "title=CCHC-SUM-3.2::" in x]
    assert line == (
        f"::error file={SAMPLE},line=52,title=CCHC-SUM-3.2::Tổng số TTHC đang có hiệu lực (3.2) bỏ trống; "
        "các dòng con cộng lại là 9 + 8 + 8 = 25, nên 3.2 phải là 25 (giá trị đúng: 25)"
        "%0A→ Có thể 3.2 nên là 25 — độ tin cậy cao: các dòng con đã có đủ: 9 + 8 + 8 = 25"
    )


def test_severity_maps_to_command(lines: list[str]) -> None:
    assert all(x.startswith("::notice ") for x in lines if "title=CCHC-TYPE-GROUP::" in x)
    assert all(x.startswith("::warning ") for x in lines if "title=CCHC-REQ-BLANK::" in x)


def test_percent_in_message_is_escaped(lines: list[str]) -> None:
    (line,) = [x for x in lines if "title=CCHC-RATE-AMBIGUOUS::" in x]
    assert "1%25 hay 100%25" in line
    assert "%" not in line.replace("%25", "")


def test_escape_rules() -> None:
    assert github.escape_data("50% a\r\nb: c, d") == "50%25 a%0D%0Ab: c, d"
    assert github.escape_property("C:\\a,b%\n") == "C%3A\\a%2Cb%25%0A"


def test_message_and_properties_escaped_in_commands(result: ReportResult) -> None:
    finding = Finding(
        rule_id="X-TEST",
        severity=Severity.ERROR,
        params={"text": "dòng 1\ndòng 2 ::error ok 100%"},
        location=Location(line=3),
    )
    out = github.render([fake(result, finding, source="báo cáo, quý 1: bản 2.txt")], FormatOptions())
    assert out == "::error file=báo cáo%2C quý 1%3A bản 2.txt,line=3,title=X-TEST::dòng 1%0Adòng 2 ::error ok 100%25\n"
    assert out.count("\n") == 1  # one command, one line: a newline in a message cannot start another


def test_no_line_for_spreadsheet_findings(fixtures_dir: dict[str, Path]) -> None:
    xlsx = check(fixtures_dir["sample.xlsx"])
    lines = github.render([xlsx], FormatOptions(lang="en")).splitlines()
    (line,) = [x for x in lines if "title=CCHC-SUM-3.2::" in x]
    assert ",line=" not in line
    assert "::[Phụ lục 2!D36] " in line
    assert "(expected: 25)%0A→ Probably 3.2 should be 25 — high confidence" in line
    meta = [x for x in lines if "title=CCHC-META-DATE::" in x]
    assert meta and ",line=" not in meta[0]


def test_info_is_a_notice_and_no_finding_prints_nothing(result: ReportResult) -> None:
    finding = Finding(rule_id="X-TEST", severity=Severity.INFO, params={"text": "x"})
    assert github.render([fake(result, finding)], FormatOptions()).startswith("::notice file=")
    empty = ReportResult(result.report, [], {}, {}, result.catalogue)
    assert github.render([empty], FormatOptions()) == ""
