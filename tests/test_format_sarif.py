"""SARIF output: valid against the official 2.1.0 schema, rules described, findings located."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cchc_rules import check
from cchc_rules.formats import FormatOptions, sarif
from cchc_rules.model import Location
from cchc_rules.result import ReportResult

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = Path(__file__).resolve().parents[2] / "shared" / "schemas"
SAMPLE = "examples/phu-luc-2-thanh-tra-tinh-2021.txt"


@pytest.fixture(scope="module")
def document(result: ReportResult) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(sarif.render([result], FormatOptions()))
    return data


def validate(document: dict[str, Any]) -> None:
    path = SCHEMAS / "sarif-schema-2.1.0.json"
    if not path.is_file():
        pytest.skip(f"no SARIF schema at {path}")
    schema = json.loads(path.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)  # draft-04, from its $schema
    validator.check_schema(schema)
    validator(schema).validate(document)


def by_rule(document: dict[str, Any], rule_id: str) -> list[dict[str, Any]]:
    return [r for r in document["runs"][0]["results"] if r["ruleId"] == rule_id]


def test_sample_validates_against_the_sarif_schema(document: dict[str, Any]) -> None:
    validate(document)


def test_driver_describes_every_rule_sorted(document: dict[str, Any], result: ReportResult) -> None:
    driver = document["runs"][0]["tool"]["driver"]
    assert driver["name"] == "cchc-rules"
    assert driver["version"]
    assert driver["informationUri"].startswith("https://")
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == sorted(result.specs)
    rule = driver["rules"][ids.index("CCHC-SUM-3.2")]
    assert rule["defaultConfiguration"] == {"level": "error"}
    assert rule["fullDescription"]["text"] == result.specs["CCHC-SUM-3.2"].description["vi"]
    assert rule["shortDescription"]["text"] == result.specs["CCHC-SUM-3.2"].message["default"]["vi"]
    assert rule["help"]["text"] and rule["help"]["markdown"]
    assert rule["properties"]["kind"] == result.specs["CCHC-SUM-3.2"].kind
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels["CCHC-TYPE-GROUP"] == "note"  # info → note
    assert levels["CCHC-REQ-BLANK"] == "warning"


def test_results_point_at_their_rule_and_line(document: dict[str, Any], result: ReportResult) -> None:
    run = document["runs"][0]
    assert len(run["results"]) == len(result.findings)
    for item in run["results"]:
        assert run["tool"]["driver"]["rules"][item["ruleIndex"]]["id"] == item["ruleId"]
    (total,) = by_rule(document, "CCHC-SUM-3.2")
    assert total["level"] == "error"
    assert total["message"]["text"].endswith("nên 3.2 phải là 25")
    physical = total["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == SAMPLE
    assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert physical["region"] == {"startLine": 52}
    properties = total["properties"]
    assert {k: properties[k] for k in ("indicators", "expected", "actual")} == {
        "indicators": ["3.2", "3.2.a", "3.2.b", "3.2.c"],
        "expected": "25",
        "actual": "",
    }
    [suggestion] = properties["suggestions"]
    assert (suggestion["indicator"], suggestion["proposed"], suggestion["confidence"]) == ("3.2", "25", "high")
    [fix] = total["fixes"]  # the suggested value goes into the empty value cell of line 52
    [change] = fix["artifactChanges"]
    [replacement] = change["replacements"]
    line = (ROOT / SAMPLE).read_text(encoding="utf-8").split("\n")[51]
    column = len("\t".join(line.split("\t")[:3])) + 2
    assert replacement == {
        "deletedRegion": {"startLine": 52, "startColumn": column, "endColumn": column},
        "insertedContent": {"text": "25"},
    }
    assert {r["level"] for r in by_rule(document, "CCHC-TYPE-GROUP")} == {"note"}


def test_run_is_deterministic_and_has_no_timestamps(result: ReportResult) -> None:
    first = sarif.render([result], FormatOptions())
    assert first == sarif.render([result], FormatOptions())
    run = json.loads(first)["runs"][0]
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["artifacts"][0]["location"]["uri"] == SAMPLE
    assert "Time" not in first and "timestamp" not in first.lower()


def test_fingerprint_ignores_line_numbers(result: ReportResult) -> None:
    finding = next(f for f in result.findings if f.rule_id == "CCHC-SUM-3.2")
    key = f"CCHC-SUM-3.2|3.2,3.2.a,3.2.b,3.2.c|{SAMPLE}"
    assert sarif.fingerprint(finding, SAMPLE) == hashlib.sha256(key.encode()).hexdigest()
    moved = replace(finding, location=Location(file=SAMPLE, line=99))
    assert sarif.fingerprint(moved, SAMPLE) == sarif.fingerprint(finding, SAMPLE)
    assert sarif.fingerprint(finding, "./" + SAMPLE) == sarif.fingerprint(finding, SAMPLE)


def test_english_messages(result: ReportResult) -> None:
    document = json.loads(sarif.render([result], FormatOptions(lang="en")))
    (total,) = by_rule(document, "CCHC-SUM-3.2")
    assert total["message"]["text"] == result.message(
        next(f for f in result.findings if f.rule_id == "CCHC-SUM-3.2"), "en"
    )
    assert document["runs"][0]["tool"]["driver"]["language"] == "en"


@pytest.mark.parametrize(("name", "logical"), [("sample.xlsx", "Phụ lục 2!D36"), ("sample.docx", "table 1 row ")])
def test_spreadsheet_and_word_findings_get_logical_locations(
    name: str, logical: str, fixtures_dir: dict[str, Path]
) -> None:
    result = check(fixtures_dir[name])
    document = json.loads(sarif.render([result], FormatOptions()))
    validate(document)
    (total,) = by_rule(document, "CCHC-SUM-3.2")
    (location,) = total["locations"]
    assert location["logicalLocations"][0]["name"].startswith(logical)
    assert location["logicalLocations"][0]["kind"] == "element"
    artifact = location["physicalLocation"]["artifactLocation"]
    assert set(location["physicalLocation"]) == {"artifactLocation"}  # no region: there is no line
    assert artifact["uri"] == Path(fixtures_dir[name]).as_uri()  # absolute input → file: URI
    assert "uriBaseId" not in artifact


def test_several_reports_in_one_run(result: ReportResult, fixtures_dir: dict[str, Path]) -> None:
    other = check(fixtures_dir["sample.csv"])
    document = json.loads(sarif.render([result, other], FormatOptions()))
    validate(document)
    (run,) = document["runs"]
    assert len(run["artifacts"]) == 2
    assert len(run["results"]) == len(result.findings) + len(other.findings)
    indexes = {r["locations"][0]["physicalLocation"]["artifactLocation"]["index"] for r in run["results"]}
    assert indexes == {0, 1}


def test_path_with_spaces_and_backslashes() -> None:
    assert sarif.source_path("reports\\Phụ lục 2.txt") == "reports/Phụ lục 2.txt"
    assert sarif.artifact_location("./reports/Phụ lục 2.txt")["uri"] == "reports/Ph%E1%BB%A5%20l%E1%BB%A5c%202.txt"
