"""The audit as an Excel workbook: the agencies with their status, every finding, and
the province table with its trace, for a reviewer who works in Excel."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cchc_rules.audit.province import Consolidation
from cchc_rules.model import ValueKind

if TYPE_CHECKING:
    from cchc_rules.audit.result import AuditResult

HEAD = {
    "rows": (("STT", "No."), ("Cơ quan", "Agency"), ("Loại", "Kind"), ("Kỳ", "Period"), ("Trạng thái", "Status"),
             ("Lỗi", "Errors"), ("Cảnh báo", "Warnings"), ("Thông tin", "Info"), ("Tổng hợp", "Consolidated"),
             ("Tệp", "File"), ("Lỗi đọc tệp", "Read error")),
    "findings": (("Cơ quan", "Agency"), ("Tệp", "File"), ("Mức độ", "Severity"), ("Quy tắc", "Rule"),
                 ("Chỉ tiêu", "Indicators"), ("Nội dung", "Message"), ("Giá trị đúng", "Expected"),
                 ("Vị trí", "Where"), ("Mới", "New")),
    "trace": (("Kỳ", "Period"), ("Chỉ tiêu", "Indicator"), ("STT", "No."), ("Cơ quan", "Agency"),
              ("Số liệu", "Value"), ("Tử số", "Numerator"), ("Mẫu số", "Denominator"), ("Cách lấy", "How"),
              ("Tệp", "File")),
}  # fmt: skip
SHEETS = {"rows": ("Cơ quan", "Agencies"), "findings": ("Phát hiện", "Findings"), "trace": ("Truy vết", "Trace")}
STATUS = {"pass": ("Đạt", "Pass"), "warnings": ("Cảnh báo", "Warnings"), "errors": ("Lỗi", "Errors"),
          "unreadable": ("Không đọc được", "Unreadable"), "missing": ("Thiếu báo cáo", "Missing")}  # fmt: skip


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _sheet(wb: Any, key: str, lang: str) -> Any:
    from openpyxl.styles import Font

    ws = wb.create_sheet(_pick(SHEETS[key], lang))
    ws.append([_pick(h, lang) for h in HEAD[key]])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    return ws


def add_table_sheets(wb: Any, consolidations: Sequence[Consolidation], lang: str) -> None:
    """One sheet per period in the template's layout, then the trace of every total."""
    from openpyxl.styles import Alignment, Font

    from cchc_rules.audit.table import contribution_text, how_text, template_rows

    for cons in consolidations:
        ws = wb.create_sheet(f"{'Province' if lang == 'en' else 'Tỉnh'} {cons.period or '-'}"[:31])
        lines = template_rows(cons, lang)
        for number, cells in enumerate(lines[:5], start=1):
            ws.append(cells)
            for cell in ws[number]:
                cell.font = Font(bold=True)
        ws.merge_cells(start_row=4, start_column=3, end_row=4, end_column=4)
        for row, cells in zip(cons.rows, lines[5:], strict=True):
            ws.append([*cells[:3], _typed(row.value, row.indicator.kind, cells[3]), cells[4]])
            if row.indicator.kind is ValueKind.RATE and row.value is not None:
                ws.cell(ws.max_row, 4).number_format = "0.00%"
            ws.cell(ws.max_row, 5).alignment = Alignment(wrap_text=True, vertical="top")
        for column, width in {"A": 10, "B": 70, "C": 18, "D": 14, "E": 80}.items():
            ws.column_dimensions[column].width = width
        ws.freeze_panes = "A6"
    trace = _sheet(wb, "trace", lang)
    for cons in consolidations:
        for row in cons.rows:
            for part in row.contributions:
                shown = contribution_text(part).split(": ", 1)[-1] if part.how == "fraction" else part.shown
                trace.append([cons.period or "", row.id, row.indicator.stt, part.agency, shown, part.numerator,
                              part.denominator, how_text(part, lang), part.source])  # fmt: skip


def _typed(value: float | None, kind: ValueKind, shown: str) -> Any:
    """Numbers as numbers (rates as fractions under a % format, as Excel keeps them); the rest as written."""
    if value is None or kind not in (ValueKind.COUNT, ValueKind.MONEY, ValueKind.RATE):
        return shown
    if kind is ValueKind.RATE:
        return round(value / 100.0, 6)
    return int(value) if float(value).is_integer() else value


def render(result: AuditResult) -> bytes:
    from openpyxl import Workbook

    lang = result.lang
    wb = Workbook()
    wb.remove(wb.active)
    rows = _sheet(wb, "rows", lang)
    findings = _sheet(wb, "findings", lang)
    for row in result.rows:
        counts = row.counts()
        rows.append([row.index + 1, row.label, row.agency_kind or "", row.period or "",
                     _pick(STATUS[row.status], lang), counts["error"], counts["warning"], counts["info"],
                     "x" if row.consolidated else "", row.source, row.error or ""])  # fmt: skip
        for f in row.all_findings():
            findings.append([row.label, row.source, f.severity, f.rule_id, ", ".join(f.indicators), f.message,
                             f.expected or "", f.where, "x" if f.new else ""])  # fmt: skip
    for f in result.findings:
        findings.append(["", "", f.severity, f.rule_id, ", ".join(f.indicators), f.message, f.expected or "", "", ""])
    for ws, widths in ((rows, (6, 40, 16, 10, 14, 8, 10, 10, 10, 50, 50)), (findings, (30, 40, 10, 24, 14, 90))):
        for number, width in enumerate(widths, start=1):
            ws.column_dimensions[chr(64 + number)].width = width
    add_table_sheets(wb, result.consolidations, lang)
    return save(wb)


def save(wb: Any) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
