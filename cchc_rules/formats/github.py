"""GitHub Actions workflow commands: each finding becomes an annotation on the file.

    ::error file=reports/q1.txt,line=52,title=CCHC-SUM-3.2::Tổng số TTHC … phải là 25

Workflow commands are parsed from the log line by line, so every value is escaped as
GitHub's runner unescapes it (actions/toolkit, command.ts): `%`, CR and LF in the
message; those and `:` and `,` in property values. A spreadsheet or Word finding has
no line: its cell or table row goes at the head of the message instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from cchc_rules.findings import Finding, Severity
from cchc_rules.fixes.text import describe
from cchc_rules.formats import FormatOptions
from cchc_rules.formats.sarif import logical_name, source_path
from cchc_rules.result import ReportResult

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
EXPECTED = {"vi": "giá trị đúng", "en": "expected"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(result: ReportResult, finding: Finding, lang: str) -> str:
    props: list[tuple[str, str]] = []
    path = source_path(result.source)
    if path:
        props.append(("file", path))
    loc = finding.location
    if loc is not None and loc.line is not None:
        props.append(("line", str(loc.line)))
    props.append(("title", finding.rule_id))
    message = result.message(finding, lang)
    if finding.expected:
        message += f" ({EXPECTED[lang]}: {finding.expected})"
    for suggestion in result.suggestions_for(finding):
        message += f"\n→ {describe(suggestion, lang)}"
    place = logical_name(loc) if loc is not None and loc.line is None else None
    if place:
        message = f"[{place}] {message}"
    head = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMAND[finding.severity]} {head}::{escape_data(message)}"


def render(results: Sequence[ReportResult], options: FormatOptions) -> str:
    lines = [command(result, finding, options.lang) for result in results for finding in result.findings]
    return "".join(line + "\n" for line in lines)
