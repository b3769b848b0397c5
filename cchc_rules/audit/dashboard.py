"""The reviewer's dashboard: one self-contained offline HTML page for the whole batch.

The same rules as the report page (formats/html.py): report text is untrusted, so
everything goes through Jinja's autoescape; charts are inline SVG drawn from numbers
(charts.py), never a library; the only style and script are inline, allowed by their
sha256 in a strict Content-Security-Policy, and the script only toggles `hidden`.
This module prepares view data; the layout lives in templates/dashboard.html.j2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cchc_rules import __version__
from cchc_rules.audit import charts
from cchc_rules.audit.model import STATUSES, AgencyRow
from cchc_rules.audit.result import AuditResult
from cchc_rules.audit.table import contribution_text, how_text, method_note

UI = {
    "vi": {
        "title": "Kiểm tra tổng hợp báo cáo thống kê CCHC", "generated": "Tạo bởi cchc-rules",
        "reports": "Báo cáo", "pass": "Đạt", "warnings": "Có cảnh báo", "errors": "Có lỗi",
        "unreadable": "Không đọc được", "missing": "Thiếu báo cáo", "error": "Lỗi", "warning": "Cảnh báo",
        "info": "Thông tin", "agency": "Cơ quan", "kind": "Loại", "period": "Kỳ", "status": "Trạng thái",
        "file": "Tệp", "consolidated": "Tổng hợp", "details": "Chi tiết", "agencies": "Các cơ quan",
        "charts": "Biểu đồ", "chart_agencies": "Lỗi và cảnh báo theo cơ quan",
        "chart_rules": "Các quy tắc vi phạm nhiều nhất", "chart_rates": "Các tỷ lệ chính của tỉnh",
        "no_data": "Không có dữ liệu.", "province": "Bảng tổng hợp toàn tỉnh", "stt": "STT",
        "name": "Chỉ tiêu thống kê", "unit": "Đơn vị tính", "value": "Số liệu", "method": "Cách tính",
        "trace": "Truy vết", "sources": "nguồn", "own": "Kết quả kiểm tra báo cáo",
        "cross": "Kiểm tra chéo", "none": "Không có phát hiện nào.", "new": "mới", "expected": "Giá trị đúng",
        "line": "dòng", "previous": "Kỳ trước", "report": "Báo cáo số", "batch": "Phát hiện chung của lô",
        "search": "Tìm", "search_hint": "cơ quan, tệp…", "shown": "Đang hiện {shown}/{total} cơ quan",
        "skipped": "Tệp trong thư mục không phải báo cáo (bỏ qua)", "back": "Về danh sách", "filters": "Bộ lọc",
        "agencies_n": "{n} báo cáo", "yes": "có", "rate": "Tỷ lệ (%)",
    },
    "en": {
        "title": "CCHC statistical reports: audit", "generated": "Made by cchc-rules", "reports": "Reports",
        "pass": "Pass", "warnings": "Warnings", "errors": "Errors", "unreadable": "Unreadable",
        "missing": "Missing", "error": "Error", "warning": "Warning", "info": "Info", "agency": "Agency",
        "kind": "Kind", "period": "Period", "status": "Status", "file": "File", "consolidated": "Consolidated",
        "details": "Details", "agencies": "Agencies", "charts": "Charts",
        "chart_agencies": "Errors and warnings per agency", "chart_rules": "Most frequent rules",
        "chart_rates": "The province's key rates", "no_data": "No data.", "province": "Province table",
        "stt": "No.", "name": "Indicator", "unit": "Unit", "value": "Value", "method": "How computed",
        "trace": "Trace", "sources": "sources", "own": "Findings of the report", "cross": "Checks across reports",
        "none": "No findings.", "new": "new", "expected": "Expected", "line": "line", "previous": "Previous period",
        "report": "Report no.", "batch": "Findings on the batch", "search": "Search", "search_hint": "agency, file…",
        "shown": "Showing {shown}/{total} agencies", "skipped": "Files in the folders that are not reports (skipped)",
        "back": "Back to the list", "filters": "Filters", "agencies_n": "{n} reports", "yes": "yes",
        "rate": "Rate (%)",
    },
}  # fmt: skip


def agency_view(row: AgencyRow, result: AuditResult) -> dict[str, Any]:
    return {
        "row": row,
        "status": row.status,
        "counts": row.counts(),
        "file": Path(row.source).name if row.source else "",
        "previous": row.previous_source or "",
    }


def tables_view(result: AuditResult) -> list[dict[str, Any]]:
    anchors = {r.index: r.anchor for r in result.rows}
    lang = result.lang
    tables = []
    for number, cons in enumerate(result.consolidations):
        rows = []
        for row in cons.rows:
            trace = [
                {"anchor": anchors.get(c.row, ""), "text": contribution_text(c), "how": how_text(c, lang),
                 "file": Path(c.source).name}
                for c in row.contributions
            ]  # fmt: skip
            rows.append({"row": row, "note": method_note(row, cons, lang), "trace": trace})
        tables.append({"id": f"province-{number + 1}", "cons": cons, "rows": rows})
    return tables


def render(result: AuditResult) -> str:
    from cchc_rules.formats.html import page_environment

    lang = result.lang if result.lang in UI else "vi"
    env = page_environment()
    main = result.consolidation
    return env.get_template("dashboard.html.j2").render(
        lang=lang,
        ui=UI[lang],
        version=__version__,
        statuses=list(STATUSES),
        counts=result.statuses(),
        summary=result.summary(),
        total=len(result.reports),
        periods=[c.period or "?" for c in result.consolidations],
        agencies=[agency_view(r, result) for r in result.rows],
        charts=[
            (UI[lang]["chart_agencies"], charts.errors_by_agency(result.rows)),
            (UI[lang]["chart_rules"], charts.frequent_rules(result.rows)),
            (UI[lang]["chart_rates"], charts.key_rates(main, lang)),
        ],
        tables=tables_view(result),
        general=result.findings,
        skipped=result.skipped,
    )
