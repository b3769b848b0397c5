"""One self-contained HTML page: the report itself as a table, each finding on its row.

The page is meant to be mailed or archived next to the report, opened offline years
later, and printed on A4: so no network fetches, system fonts, inline CSS and JS only.
Report text is untrusted (anyone can type `<script>` into a note), so everything goes
through Jinja's autoescape, the script never builds HTML (it only toggles `hidden`),
and a Content-Security-Policy allows exactly the inline style and script of the page,
by hash, and nothing else. This module only prepares plain view data; the layout,
CSS and JS live in templates/report.html.j2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cchc_rules import __version__
from cchc_rules.findings import Finding, Severity
from cchc_rules.fixes.text import headline, reason
from cchc_rules.formats import FormatOptions
from cchc_rules.formats.sarif import logical_name
from cchc_rules.model import Entry, ValueKind
from cchc_rules.render import text
from cchc_rules.result import ReportResult

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
UI = {
    "vi": {
        "title": "Kết quả kiểm tra báo cáo thống kê CCHC", "error": "Lỗi", "warning": "Cảnh báo",
        "info": "Thông tin", "severity": "Mức độ", "section": "Mục", "rule": "Quy tắc", "all": "Tất cả",
        "search": "Tìm", "search_hint": "chỉ tiêu, số liệu, ghi chú, phát hiện…",
        "only": "Chỉ dòng có phát hiện", "shown": "Đang hiện {shown}/{total} dòng", "summary": "Tóm tắt",
        "by_section": "Phát hiện theo mục", "by_rule": "Kết quả theo quy tắc", "general": "Chung",
        "table": "Báo cáo", "stt": "STT", "name": "Chỉ tiêu thống kê", "unit": "Đơn vị tính",
        "value": "Số liệu", "note": "Ghi chú", "findings": "Phát hiện", "expected": "Giá trị đúng",
        "blank": "(trống)", "pass": "Đạt", "fail": "Không đạt", "not_evaluable": "Không đánh giá được",
        "agency": "Cơ quan", "period": "Kỳ báo cáo", "source": "Tệp", "template": "Mẫu", "rows": "Số dòng",
        "rules": "Số quy tắc", "none": "Không có phát hiện nào.", "unusable": "Không đọc được báo cáo",
        "related": "Liên quan", "total": "Tổng", "status": "Kết quả", "line": "dòng",
        "generated": "Tạo bởi cchc-rules", "filters": "Bộ lọc",
    },
    "en": {
        "title": "CCHC statistical report check", "error": "Error", "warning": "Warning", "info": "Info",
        "severity": "Severity", "section": "Section", "rule": "Rule", "all": "All", "search": "Search",
        "search_hint": "indicator, value, note, finding…", "only": "Only rows with findings",
        "shown": "Showing {shown}/{total} rows", "summary": "Summary", "by_section": "Findings by section",
        "by_rule": "Results by rule", "general": "General", "table": "Report", "stt": "No.",
        "name": "Indicator", "unit": "Unit", "value": "Value", "note": "Note", "findings": "Findings",
        "expected": "Expected", "blank": "(blank)", "pass": "Pass", "fail": "Fail",
        "not_evaluable": "Not evaluable", "agency": "Agency", "period": "Period", "source": "File",
        "template": "Template", "rows": "Rows", "rules": "Rules", "none": "No findings.",
        "unusable": "The report could not be read", "related": "Related", "total": "Total",
        "status": "Result", "line": "line", "generated": "Made by cchc-rules", "filters": "Filters",
    },
}  # fmt: skip


@dataclass
class FindingView:
    rule_id: str
    severity: str
    message: str
    expected: str
    where: str
    description: str
    related: list[tuple[str, str]] = field(default_factory=list)  # (indicator, row anchor)
    suggestions: list[tuple[str, str, str]] = field(default_factory=list)  # (headline, confidence, reason)


@dataclass
class RowView:
    entry: Entry
    anchor: str
    section: str
    findings: list[FindingView]
    group: bool = False  # a heading row: blank by design, so no "(blank)" marker

    @property
    def severity(self) -> str:
        return worst([Severity(f.severity) for f in self.findings])

    @property
    def rules(self) -> str:
        return " ".join(sorted({f.rule_id for f in self.findings}))

    @property
    def name(self) -> str:
        return self.entry.name if self.entry.stt or not self.entry.name else f"- {self.entry.name}"


def worst(severities: Sequence[Severity]) -> str:
    return max(severities, key=lambda s: s.rank).value if severities else ""


def attach(result: ReportResult) -> tuple[dict[int, list[Finding]], list[Finding]]:
    """Which entry (by index) each finding belongs on; findings with no row are "general".

    A finding sits on the row of its first indicator; where an indicator has several
    rows (a duplicate), the one at the finding's location.
    """
    entries = result.report.entries
    rows_of: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        rows_of.setdefault(entry.id, []).append(index)
    attached: dict[int, list[Finding]] = {}
    general: list[Finding] = []
    for finding in result.findings:
        candidates = rows_of.get(finding.indicators[0], []) if finding.indicators else []
        if not candidates:
            general.append(finding)
            continue
        here = [i for i in candidates if finding.location is not None and entries[i].location == finding.location]
        attached.setdefault((here or candidates)[0], []).append(finding)
    return attached, general


def anchors(result: ReportResult, number: int) -> list[str]:
    """`row-3.2` in the first report (what links and tests use), `r2-row-3.2` in the second."""
    prefix = "row-" if number == 0 else f"r{number + 1}-row-"
    seen: dict[str, int] = {}
    out: list[str] = []
    for entry in result.report.entries:
        seen[entry.id] = seen.get(entry.id, 0) + 1
        out.append(prefix + entry.id + (f"-{seen[entry.id]}" if seen[entry.id] > 1 else ""))
    return out


def finding_view(result: ReportResult, finding: Finding, first_anchor: dict[str, str], lang: str) -> FindingView:
    spec = result.specs.get(finding.rule_id)
    loc = finding.location
    where = ""
    if loc is not None:
        where = f"{UI[lang]['line']} {loc.line}" if loc.line is not None else (logical_name(loc) or "")
    return FindingView(
        rule_id=finding.rule_id,
        severity=finding.severity.value,
        message=result.message(finding, lang),
        expected=finding.expected or "",
        where=where,
        description=text(spec.description, lang) if spec and spec.description else "",
        related=[(i, first_anchor[i]) for i in finding.indicators[1:] if i in first_anchor],
        suggestions=[(headline(s, lang), s.confidence.value, reason(s, lang)) for s in result.suggestions_for(finding)],
    )


def is_group(result: ReportResult, entry: Entry) -> bool:
    indicator = result.catalogue.get(entry.id)
    return indicator is not None and indicator.kind is ValueKind.GROUP


def section_ids(result: ReportResult) -> list[str]:
    tops = [i for i in result.catalogue.indicators if "." not in i]
    return sorted(tops, key=lambda s: (0, int(s), "") if s.isdigit() else (1, 0, s))


def report_view(result: ReportResult, number: int, lang: str) -> dict[str, Any]:
    attached, general = attach(result)
    dom = anchors(result, number)
    first_anchor: dict[str, str] = {}
    for entry, anchor in zip(result.report.entries, dom, strict=True):
        first_anchor.setdefault(entry.id, anchor)
    rows = [
        RowView(
            entry=entry,
            anchor=dom[i],
            section=entry.id.split(".", 1)[0],
            findings=[finding_view(result, f, first_anchor, lang) for f in attached.get(i, [])],
            group=is_group(result, entry),
        )
        for i, entry in enumerate(result.report.entries)
    ]
    by_section: dict[str, dict[str, int]] = {}
    for finding in result.findings:
        key = finding.indicators[0].split(".", 1)[0] if finding.indicators else ""
        counts = by_section.setdefault(key, {s.value: 0 for s in SEVERITIES})
        counts[finding.severity.value] += 1
    sections = []
    for ident in section_ids(result):
        indicator = result.catalogue.get(ident)
        counts = by_section.get(ident, {s.value: 0 for s in SEVERITIES})
        sections.append({"id": ident, "name": indicator.label(lang) if indicator else ident, "counts": counts})
    if "" in by_section:
        sections.insert(0, {"id": "", "name": UI[lang]["general"], "counts": by_section[""]})
    rules = []
    for rule_id in sorted(result.outcomes):
        outcome, spec = result.outcomes[rule_id], result.specs.get(rule_id)
        rules.append(
            {
                "id": rule_id,
                "severity": spec.severity.value if spec else "",
                "description": text(spec.description, lang) if spec and spec.description else "",
                "status": outcome.status.value,
                "outcome": outcome,
            }
        )
    meta = result.report.meta
    return {
        "anchor": "report" if number == 0 else f"report-{number + 1}",
        "heading": " · ".join(x for x in (meta.agency, meta.period) if x) or result.source,
        "meta": meta,
        "source": result.source,
        "template": f"{meta.template_id}/{meta.template_version}" if meta.template_id else "",
        "error": result.error or "",
        "summary": result.summary(),
        "total": len(result.findings),
        "sections": sections,
        "rules": rules,
        "general": [finding_view(result, f, first_anchor, lang) for f in general],
        "rows": rows,
    }


def csp_hash(content: Any) -> Any:
    """The CSP source for an inline <style> or <script>: sha256 of its exact text."""
    from markupsafe import Markup

    digest = base64.b64encode(hashlib.sha256(str(content).encode("utf-8")).digest()).decode("ascii")
    return Markup(f"'sha256-{digest}'")


def page_environment() -> jinja2.Environment:
    """The Jinja2 environment of every HTML page (the report, the audit's dashboard):
    autoescaping on, undefined names an error, and the CSP hash filter."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("cchc_rules", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["csp_hash"] = csp_hash
    return env


def render(results: Sequence[ReportResult], options: FormatOptions) -> str:
    lang = options.lang if options.lang in UI else "vi"
    env = page_environment()
    reports = [report_view(r, n, lang) for n, r in enumerate(results)]
    sections: dict[str, str] = {}
    for report in reports:
        for section in report["sections"]:
            if section["id"]:
                sections.setdefault(section["id"], section["name"])
    fired: dict[str, int] = {}
    for result in results:
        for finding in result.findings:
            fired[finding.rule_id] = fired.get(finding.rule_id, 0) + 1
    return env.get_template("report.html.j2").render(
        lang=lang,
        ui=UI[lang],
        version=__version__,
        severities=[s.value for s in SEVERITIES],
        sections=list(sections.items()),
        fired=sorted(fired.items()),
        reports=reports,
    )
