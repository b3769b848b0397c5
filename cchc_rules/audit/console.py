"""The audit in a terminal (rich): one line per report with its status, then what
needs the reviewer: unreadable files, errors, the cross-report findings, and the
province table in one line. The full detail is in the dashboard (--format html)."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cchc_rules.audit.model import AgencyRow, AuditFinding
from cchc_rules.audit.result import AuditResult

LIST_ALL_UP_TO = 200  # beyond this many reports, the passing ones are counted, not listed
MAX_LINES = 200
STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan", "pass": "green", "errors": "bold red",
         "warnings": "yellow", "unreadable": "bold magenta", "missing": "magenta"}  # fmt: skip
WORDS = {
    "vi": {"title": "Kiểm tra tổng hợp", "agency": "Cơ quan", "period": "Kỳ", "status": "Trạng thái",
           "file": "Tệp", "error": "lỗi", "warning": "cảnh báo", "info": "thông tin", "pass": "đạt",
           "errors": "lỗi", "warnings": "cảnh báo", "unreadable": "không đọc được", "missing": "thiếu báo cáo",
           "cross": "Kiểm tra chéo giữa các báo cáo", "errors_of": "Lỗi trong từng báo cáo",
           "not_listed": "{n} báo cáo đạt (không liệt kê)", "more": "… và {n} dòng nữa (xem --format html)",
           "reports": "báo cáo", "table": "Bảng tổng hợp tỉnh", "summed": "chỉ tiêu cộng",
           "rates": "tỷ lệ tính lại", "not_consolidated": "không tổng hợp", "total": "Tổng cộng",
           "skipped": "tệp không phải báo cáo bị bỏ qua"},
    "en": {"title": "Audit", "agency": "Agency", "period": "Period", "status": "Status", "file": "File",
           "error": "error", "warning": "warning", "info": "info", "pass": "pass", "errors": "errors",
           "warnings": "warnings", "unreadable": "unreadable", "missing": "missing",
           "cross": "Checks across reports", "errors_of": "Errors in each report",
           "not_listed": "{n} passing reports (not listed)", "more": "… and {n} more lines (see --format html)",
           "reports": "reports", "table": "Province table", "summed": "indicators summed",
           "rates": "rates recomputed", "not_consolidated": "not consolidated", "total": "Total",
           "skipped": "files that are not reports were skipped"},
}  # fmt: skip


def _line(row: AgencyRow, finding: AuditFinding, words: dict[str, str]) -> Text:
    text = Text("  ")
    text.append(f"{words[finding.severity]:<9}", style=STYLE[finding.severity])
    text.append(f" {finding.rule_id}", style="bold")
    text.append(f"  {row.label}", style="dim")
    text.append(f"\n      {finding.message}")
    return text


def render(result: AuditResult, color: bool = False, width: int | None = None) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width or 120, highlight=False)
    words = WORDS["en" if result.lang == "en" else "vi"]
    table = Table(title=f"{words['title']}: {len(result.reports)} {words['reports']}", title_justify="left")
    for header in ("#", words["agency"], words["period"], words["status"], "E", "W", "I", words["file"]):
        table.add_column(header, justify="right" if header in ("#", "E", "W", "I") else "left")
    listed = result.rows if len(result.rows) <= LIST_ALL_UP_TO else [r for r in result.rows if r.status != "pass"]
    for row in listed:
        counts = row.counts()
        status = Text(words[row.status], style=STYLE[row.status])
        table.add_row(str(row.index + 1), row.label, row.period or "", status, str(counts["error"]),
                      str(counts["warning"]), str(counts["info"]), row.source)  # fmt: skip
    console.print(table)
    if len(listed) < len(result.rows):
        console.print(words["not_listed"].format(n=len(result.rows) - len(listed)))
    lines: list[Text] = []
    for row in result.rows:
        if row.status == "unreadable":
            lines.append(Text(f"  ✖ {row.source}: {row.error}", style=STYLE["unreadable"]))
    errors = [(r, f) for r in result.rows for f in r.findings if f.severity == "error"]
    cross = [(r, f) for r in result.rows for f in r.audit_findings]
    for title, items in ((words["errors_of"], errors), (words["cross"], cross)):
        if items:
            lines.append(Text(title, style="bold underline"))
            lines.extend(_line(row, finding, words) for row, finding in items)
    for finding in result.findings:
        lines.append(Text(f"  {words[finding.severity]:<9} {finding.rule_id}\n      {finding.message}"))
    for text in lines[:MAX_LINES]:
        console.print(text)
    if len(lines) > MAX_LINES:
        console.print(words["more"].format(n=len(lines) - MAX_LINES))
    for cons in result.consolidations:
        methods = [r.method for r in cons.rows if r.value is not None or r.shown_value]
        console.print(
            f"{words['table']} {cons.period or '?'}: {len(cons.reports)} {words['reports']}; "
            f"{methods.count('sum')} {words['summed']}, {methods.count('rate')} {words['rates']}, "
            f"{sum(r.method == 'not_consolidated' for r in cons.rows)} {words['not_consolidated']}"
        )
    if result.skipped:
        console.print(f"{len(result.skipped)} {words['skipped']}", style="dim")
    statuses = result.statuses()
    summary = result.summary()
    parts = ", ".join(f"{statuses[k]} {words[k]}" for k in statuses if statuses[k])
    found = ", ".join(f"{summary[k]} {words[k]}" for k in ("error", "warning", "info"))
    seconds = f"{result.elapsed:.1f}" if result.lang == "en" else f"{result.elapsed:.1f}".replace(".", ",")
    console.print(f"{words['total']}: {len(result.reports)} {words['reports']} — {parts}; {found} ({seconds} s)")
    return buffer.getvalue()
