"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run per invocation, every rule of the ruleset in `tool.driver.rules` (so a viewer
can show a rule that did not fire), and nothing that changes between two runs on the
same input: no timestamps, no absolute paths unless the input was given as one.
Fingerprints leave out line numbers, so a finding keeps its identity when rows move.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from cchc_rules import __version__
from cchc_rules.findings import Finding, Severity
from cchc_rules.formats import FormatOptions
from cchc_rules.model import Location
from cchc_rules.render import text
from cchc_rules.result import ReportResult
from cchc_rules.rules.base import RuleSpec

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/cchc-rules/"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "cchcFingerprint/v1"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
LEGAL = {"vi": "Căn cứ", "en": "Legal basis"}
EXPLAIN = {"vi": "Xem thêm: `cchc explain {id}`", "en": "More: `cchc explain {id}`"}


def source_path(source: str) -> str:
    """The input as given, with forward slashes and no leading "./": stable across OSes."""
    if not source:
        return ""
    path = PurePosixPath(PureWindowsPath(source).as_posix()) if "\\" in source else PurePosixPath(source)
    return path.as_posix()


def artifact_location(source: str) -> dict[str, Any]:
    """A relative path resolves against %SRCROOT% (the repository); an absolute one is a file: URI."""
    path = source_path(source)
    if Path(source).is_absolute():
        return {"uri": Path(source).as_uri()}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def logical_name(location: Location) -> str | None:
    """Where a spreadsheet or Word table finding sits, when there is no line to point at."""
    if location.sheet is not None:
        if location.cell:
            return f"{location.sheet}!{location.cell}"
        return f"{location.sheet}!D{location.row}" if location.row is not None else location.sheet
    if location.table is not None:
        return f"table {location.table} row {location.row}" if location.row is not None else f"table {location.table}"
    return None


def fingerprint(finding: Finding, source: str) -> str:
    key = f"{finding.rule_id}|{','.join(finding.indicators)}|{source_path(source)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def rule_descriptor(spec: RuleSpec, lang: str) -> dict[str, Any]:
    description = text(spec.description, lang) if spec.description else spec.id
    default = spec.message.get("default") or next(iter(spec.message.values()), {})
    short = text(default, lang) if default else description
    help_text = description
    help_md = f"**{spec.id}**" + (f" — {spec.name}" if spec.name else "") + f"\n\n{description}"
    if spec.legal_basis:
        help_text += f"\n\n{LEGAL[lang]}: {spec.legal_basis}"
        help_md += f"\n\n*{LEGAL[lang]}*: {spec.legal_basis}"
    help_md += "\n\n" + EXPLAIN[lang].format(id=spec.id)
    family = spec.id.split("-")[1].lower() if spec.id.count("-") >= 1 else spec.kind
    return {
        "id": spec.id,
        "name": spec.name or spec.id,
        "shortDescription": {"text": short},
        "fullDescription": {"text": description},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": LEVEL[spec.severity]},
        "properties": {"kind": spec.kind, "tags": sorted({"cchc", family, spec.kind})},
    }


def source_lines(source: str) -> list[str] | None:
    """The lines of a text report as given, to point a fix at its value cell; None for other inputs."""
    from cchc_rules.fixes.apply import TEXT_SUFFIXES, text_source

    if Path(source).suffix.lower() not in TEXT_SUFFIXES:
        return None
    try:
        return text_source(Path(source).read_bytes()).text.splitlines(keepends=True)
    except (OSError, UnicodeDecodeError):
        return None


def fixes(result: ReportResult, finding: Finding, lines: list[str] | None, lang: str) -> list[dict[str, Any]]:
    """SARIF fixes: the suggested value replaces the value cell (text reports only)."""
    from cchc_rules.fixes.apply import cell_span, split_ending, value_line
    from cchc_rules.fixes.text import describe

    out: list[dict[str, Any]] = []
    for suggestion in result.suggestions_for(finding):
        index = value_line(lines, suggestion) if lines is not None and suggestion.applicable else None
        if index is None or lines is None:
            continue
        span = cell_span(split_ending(lines[index])[0])
        if span is None:
            continue
        region = {"startLine": index + 1, "startColumn": span[0] + 1, "endColumn": span[1] + 1}
        replacement = {"deletedRegion": region, "insertedContent": {"text": suggestion.proposed_raw}}
        out.append(
            {
                "description": {"text": describe(suggestion, lang)},
                "artifactChanges": [
                    {"artifactLocation": artifact_location(result.source), "replacements": [replacement]}
                ],
            }
        )
    return out


def result_dict(
    result: ReportResult,
    finding: Finding,
    rule_index: int | None,
    artifact: int,
    lang: str,
    lines: list[str] | None = None,
) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {**artifact_location(result.source), "index": artifact}}
    location: dict[str, Any] = {"physicalLocation": physical}
    loc = finding.location
    if loc is not None and loc.line is not None:
        physical["region"] = {"startLine": loc.line}
    elif loc is not None and (name := logical_name(loc)):
        location["logicalLocations"] = [{"name": name, "kind": "element"}]
    data: dict[str, Any] = {"ruleId": finding.rule_id}
    if rule_index is not None:
        data["ruleIndex"] = rule_index
    data.update(
        level=LEVEL[finding.severity],
        message={"text": result.message(finding, lang)},
        locations=[location],
        partialFingerprints={FINGERPRINT: fingerprint(finding, result.source)},
        properties={
            "indicators": list(finding.indicators),
            "expected": finding.expected,
            "actual": finding.actual,
        },
    )
    suggestions = result.suggestions_for(finding)
    if suggestions:
        from cchc_rules.fixes.text import describe

        data["properties"]["suggestions"] = [{**s.to_dict(), "text": describe(s, lang)} for s in suggestions]
        found = fixes(result, finding, lines, lang)
        if found:
            data["fixes"] = found
    return data


def render(results: Sequence[ReportResult], options: FormatOptions) -> str:
    specs: dict[str, RuleSpec] = {}
    for result in results:
        specs.update(result.specs)
    ordered = sorted(specs)
    rule_index = {rule_id: i for i, rule_id in enumerate(ordered)}
    sources = list(dict.fromkeys(r.source for r in results))
    out_results: list[dict[str, Any]] = []
    for result in results:
        artifact = sources.index(result.source)
        lines = source_lines(result.source) if result.suggestions else None
        out_results.extend(
            result_dict(result, f, rule_index.get(f.rule_id), artifact, options.lang, lines) for f in result.findings
        )
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "cchc-rules",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "language": options.lang,
                "rules": [rule_descriptor(specs[rule_id], options.lang) for rule_id in ordered],
            }
        },
        "invocations": [{"executionSuccessful": all(r.error is None for r in results)}],
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The directory cchc was run from"}}},
        "artifacts": [{"location": artifact_location(s), "roles": ["analysisTarget"]} for s in sources],
        "language": options.lang,
        "columnKind": "unicodeCodePoints",
        "results": out_results,
    }
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
