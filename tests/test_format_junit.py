"""JUnit XML: valid against the Ant schema CI tools read, one test case per rule."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cchc_rules import check
from cchc_rules.findings import Finding, Outcome, Severity, Status
from cchc_rules.formats import FormatOptions, junit
from cchc_rules.result import ReportResult
from cchc_rules.rules.base import RuleSpec

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = Path(__file__).resolve().parents[2] / "shared" / "schemas"
SAMPLE = "examples/phu-luc-2-thanh-tra-tinh-2021.txt"


@pytest.fixture(scope="module")
def xml_text(result: ReportResult) -> str:
    return junit.render([result], FormatOptions())


def validate(text: str) -> None:
    path = SCHEMAS / "junit.xsd"
    if not path.is_file():
        pytest.skip(f"no JUnit schema at {path}")
    import xmlschema

    xmlschema.XMLSchema(str(path)).validate(text)


def cases(text: str) -> dict[str, ET.Element]:
    return {case.get("name", ""): case for case in ET.fromstring(text).iter("testcase")}


def test_sample_validates_against_the_junit_schema(xml_text: str) -> None:
    validate(xml_text)


def test_one_suite_with_one_case_per_rule(xml_text: str, result: ReportResult) -> None:
    root = ET.fromstring(xml_text)
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    statuses = [o.status for o in result.outcomes.values()]
    assert suite.get("name") == SAMPLE
    assert suite.get("tests") == str(len(result.outcomes))
    assert suite.get("failures") == str(statuses.count(Status.FAIL))
    assert suite.get("skipped") == str(statuses.count(Status.NOT_EVALUABLE))
    assert suite.get("errors") == "0"
    assert sorted(cases(xml_text)) == sorted(result.outcomes)
    assert {c.get("classname") for c in suite.iter("testcase")} == {SAMPLE}


def test_failed_rule_lists_every_finding(xml_text: str, result: ReportResult) -> None:
    failure = cases(xml_text)["CCHC-SUM-3.2"].find("failure")
    assert failure is not None
    assert failure.get("type") == "error"
    assert failure.get("message", "").endswith("nên 3.2 phải là 25")
    assert "dòng 52" in (failure.text or "") and "giá trị đúng: 25" in (failure.text or "")
    group = cases(xml_text)["CCHC-TYPE-GROUP"].find("failure")
    assert group is not None and group.get("type") == "info"
    expected = sum(f.rule_id == "CCHC-TYPE-GROUP" for f in result.findings)
    lines = (group.text or "").splitlines()
    assert len([x for x in lines if not x.startswith("  → ")]) == expected
    assert len([x for x in lines if x.startswith("  → ")]) == expected  # each heading: leave it blank


def test_not_evaluable_rule_is_skipped_and_passing_rule_is_empty(xml_text: str, result: ReportResult) -> None:
    skipped = [k for k, o in result.outcomes.items() if o.status is Status.NOT_EVALUABLE]
    passed = [k for k, o in result.outcomes.items() if o.status is Status.PASS]
    assert skipped and passed
    element = cases(xml_text)[skipped[0]].find("skipped")
    assert element is not None and element.get("message") == "not evaluable"
    assert list(cases(xml_text)[passed[0]]) == []


def test_deterministic_without_real_time_or_host(result: ReportResult, xml_text: str) -> None:
    assert junit.render([result], FormatOptions()) == xml_text
    suite = ET.fromstring(xml_text).find("testsuite")
    assert suite is not None
    assert suite.get("timestamp") == junit.FIXED_TIMESTAMP and suite.get("hostname") == "localhost"


def test_several_reports_are_several_suites(result: ReportResult, fixtures_dir: dict[str, Path]) -> None:
    text = junit.render([result, check(fixtures_dir["sample.docx"])], FormatOptions(lang="en"))
    validate(text)
    suites = ET.fromstring(text).findall("testsuite")
    assert [s.get("id") for s in suites] == ["0", "1"]
    failure = cases(text)["CCHC-SUM-3.2"].find("failure")
    assert failure is not None and "table 1 row" in (failure.text or "")


def test_hostile_text_is_escaped_and_kept_valid(result: ReportResult) -> None:
    spec = RuleSpec(
        id="X-TEST",
        kind="test",
        severity=Severity.WARNING,
        message={"default": {"vi": "{text}"}},
        description={"vi": "thử"},
    )
    hostile = '<b>"A&B"</b> ]]> \x0b\x00 end'
    finding = Finding(rule_id="X-TEST", severity=Severity.WARNING, params={"text": hostile}, expected="<1>")
    fake = ReportResult(
        report=result.report,
        findings=[finding],
        outcomes={"X-TEST": Outcome("X-TEST", failed=1)},
        specs={"X-TEST": spec},
        catalogue=result.catalogue,
    )
    text = junit.render([fake], FormatOptions())
    validate(text)
    failure = cases(text)["X-TEST"].find("failure")
    assert failure is not None
    assert failure.get("message") == '<b>"A&B"</b> ]]> \ufffd\ufffd end'
    assert failure.get("type") == "warning"
    assert "<b>" not in text and "&lt;b&gt;" in text
