"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure DevOps).

One <testsuite> per report and one <testcase> per rule: a rule that fired is a
failure listing its findings, a rule that could not be evaluated is skipped. The
shape follows the Apache Ant schema (shared/schemas/junit.xsd), which is strict:
<testsuites> takes no attributes, and each suite must carry `timestamp`, `hostname`,
`time`, `package` and `id`, plus `properties`, `system-out` and `system-err`. Those
that would make the output differ between runs get fixed values (the epoch,
"localhost", 0 seconds) so that the same input always gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from cchc_rules.findings import Finding, Outcome, Severity, Status
from cchc_rules.fixes.text import describe
from cchc_rules.formats import FormatOptions
from cchc_rules.model import Location
from cchc_rules.result import ReportResult

FIXED_TIMESTAMP = "1970-01-01T00:00:00"
HOSTNAME = "localhost"
# Characters XML 1.0 cannot carry at all; a report could contain them (pasted from Word).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
WORDS = {
    "vi": {"line": "dòng", "expected": "giá trị đúng", "findings": "phát hiện", "not_evaluable": "không đánh giá được",
           "unusable": "không đọc được báo cáo"},
    "en": {"line": "line", "expected": "expected", "findings": "findings", "not_evaluable": "not evaluable",
           "unusable": "the report could not be read"},
}  # fmt: skip


def clean(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def where(location: Location | None, words: dict[str, str]) -> str:
    if location is None:
        return ""
    if location.line is not None:
        return f"{words['line']} {location.line}"
    if location.sheet is not None:
        return f"{location.sheet}!{location.cell}" if location.cell else location.sheet
    if location.table is not None:
        return f"table {location.table} row {location.row}"
    return ""


def finding_line(result: ReportResult, finding: Finding, lang: str) -> str:
    words = WORDS[lang]
    head = ", ".join(x for x in (where(finding.location, words), ",".join(finding.indicators[:1])) if x)
    line = (f"[{head}] " if head else "") + result.message(finding, lang)
    if finding.expected:
        line += f" ({words['expected']}: {finding.expected})"
    for suggestion in result.suggestions_for(finding):
        line += f"\n  → {describe(suggestion, lang)}"
    return line


def testcase(result: ReportResult, outcome: Outcome, findings: list[Finding], lang: str) -> ET.Element:
    case = ET.Element("testcase", name=outcome.rule_id, classname=clean(result.source), time="0")
    if outcome.status is Status.FAIL:
        spec = result.specs.get(outcome.rule_id)
        ranked = sorted((f.severity for f in findings), key=lambda s: s.rank, reverse=True)
        severity = ranked[0] if ranked else (spec.severity if spec else Severity.ERROR)
        if len(findings) == 1:
            message = result.message(findings[0], lang)
        else:
            message = f"{max(len(findings), outcome.failed)} {WORDS[lang]['findings']}"
        failure = ET.SubElement(case, "failure", message=clean(message), type=severity.value)
        failure.text = clean("\n".join(finding_line(result, f, lang) for f in findings))
    elif outcome.status is Status.NOT_EVALUABLE:
        ET.SubElement(case, "skipped", message="not evaluable")
    return case


def testsuite(result: ReportResult, number: int, lang: str) -> ET.Element:
    by_rule: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_rule.setdefault(finding.rule_id, []).append(finding)
    outcomes = [result.outcomes[k] for k in sorted(result.outcomes)]
    failures = sum(o.status is Status.FAIL for o in outcomes)
    skipped = sum(o.status is Status.NOT_EVALUABLE for o in outcomes)
    name = clean(result.source) or f"report-{number}"
    suite = ET.Element(
        "testsuite",
        name=name,
        tests=str(len(outcomes) + (1 if result.error else 0)),
        failures=str(failures),
        errors="1" if result.error else "0",
        skipped=str(skipped),
        time="0",
        timestamp=FIXED_TIMESTAMP,
        hostname=HOSTNAME,
        package=name,
        id=str(number),
    )
    properties = ET.SubElement(suite, "properties")
    meta = result.report.meta
    template = f"{meta.template_id}/{meta.template_version}" if meta.template_id else None
    for key, value in (
        ("agency", meta.agency),
        ("agency_kind", meta.agency_kind),
        ("period", meta.period),
        ("template", template),
    ):
        if value:
            ET.SubElement(properties, "property", name=key, value=clean(value))
    if result.error:
        case = ET.SubElement(suite, "testcase", name="read", classname=name, time="0")
        error = ET.SubElement(case, "error", message=WORDS[lang]["unusable"], type="unusable-input")
        error.text = clean(result.error)
    for outcome in outcomes:
        suite.append(testcase(result, outcome, by_rule.get(outcome.rule_id, []), lang))
    counts = result.summary()
    ET.SubElement(suite, "system-out").text = " ".join(f"{k}={counts[k]}" for k in ("error", "warning", "info"))
    ET.SubElement(suite, "system-err")
    return suite


def render(results: Sequence[ReportResult], options: FormatOptions) -> str:
    root = ET.Element("testsuites")
    for number, result in enumerate(results):
        root.append(testsuite(result, number, options.lang))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
