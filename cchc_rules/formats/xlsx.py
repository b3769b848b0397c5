"""An annotated workbook: the report with a comment and a colour on each finding's cell.

Agencies fill the template in Excel and send it back; the most useful answer is their
own file with the problems marked where they typed them. So a submitted .xlsx is
loaded again (a copy in memory: the input is never written) and annotated in place;
any other input is laid out in the template's five columns first. A "Phát hiện"
("Findings") sheet lists every finding, including those no cell can carry.

Text from the report is always written as text, never as a formula: a note that
starts with "=" must not run in the reader's Excel.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Sequence
from copy import copy
from pathlib import Path
from typing import Any

from cchc_rules.findings import Finding, Severity
from cchc_rules.fixes.text import describe
from cchc_rules.formats import FormatOptions
from cchc_rules.formats.html import attach
from cchc_rules.formats.sarif import logical_name
from cchc_rules.result import ReportResult

FILL = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}
AUTHOR = "cchc-rules"
VALUE_COLUMN = "D"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
WORDS = {
    "vi": {
        "findings": "Phát hiện",
        "expected": "Giá trị đúng",
        "report": "Báo cáo",
        "line": "dòng",
        "error": "lỗi",
        "warning": "cảnh báo",
        "info": "thông tin",
    },
    "en": {
        "findings": "Findings",
        "expected": "Expected",
        "report": "Report",
        "line": "line",
        "error": "error",
        "warning": "warning",
        "info": "info",
    },
}
HEADERS = {
    "vi": ("STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"),
    "en": ("No.", "Indicator", "Unit", "Value", "Note"),
}
COLUMNS = {
    "vi": ("Tệp", "Quy tắc", "Mức độ", "Chỉ tiêu", "Ô", "Nội dung", "Giá trị đúng"),
    "en": ("File", "Rule", "Severity", "Indicator", "Cell", "Message", "Expected"),
}  # fmt: skip


def put_text(cell: Any, value: str) -> None:
    """Write a string as a string: openpyxl would store "=…" as a formula. Empty stays empty."""
    if value:
        cell.value = value
        cell.data_type = "s"


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name: at most 31 characters, none of []:*?/\\, unique ignoring case."""
    base = _BAD_SHEET_CHARS.sub("_", name).strip("' ") or "Sheet"
    title, number = base[:31], 1
    while title.lower() in taken:
        number += 1
        suffix = f" ({number})"
        title = base[: 31 - len(suffix)] + suffix
    taken.add(title.lower())
    return title


def annotate(cell: Any, findings: Sequence[Finding], result: ReportResult, lang: str) -> None:
    from openpyxl.comments import Comment

    lines = []
    for finding in findings:
        line = f"[{finding.rule_id}] {result.message(finding, lang)}"
        if finding.expected:
            line += f"\n→ {WORDS[lang]['expected']}: {finding.expected}"
        for suggestion in result.suggestions_for(finding):
            line += f"\n→ {describe(suggestion, lang)}"
        lines.append(line)
    note = "\n\n".join(lines)
    if cell.comment is not None and cell.comment.text:
        note = f"{cell.comment.text}\n\n{note}"
    comment = Comment(note, AUTHOR)
    comment.width, comment.height = 360, min(80 + 60 * len(lines), 600)
    cell.comment = comment
    paint(cell, max((f.severity for f in findings), key=lambda s: s.rank))


def paint(cell: Any, severity: Severity) -> None:
    from openpyxl.styles import PatternFill

    cell.fill = PatternFill(fill_type="solid", start_color=FILL[severity], end_color=FILL[severity])


def source_cell(finding: Finding) -> tuple[str, str] | None:
    """(sheet, cell) of a finding read from a workbook: its cell, or column D of its row."""
    loc = finding.location
    if loc is None or loc.sheet is None:
        return None
    if loc.cell:
        return loc.sheet, loc.cell
    if loc.row is not None:
        return loc.sheet, f"{VALUE_COLUMN}{loc.row}"
    return None


def annotate_source(book: Any, result: ReportResult, lang: str) -> dict[int, str]:
    """Annotate a loaded copy of the submitted workbook; returns finding index -> "Sheet!D13"."""
    groups: dict[tuple[str, str], list[int]] = {}
    for index, finding in enumerate(result.findings):
        place = source_cell(finding)
        if place is not None and place[0] in book.sheetnames:
            groups.setdefault(place, []).append(index)
    where: dict[int, str] = {}
    for (sheet, ref), indexes in groups.items():
        annotate(book[sheet][ref], [result.findings[i] for i in indexes], result, lang)
        for i in indexes:
            where[i] = f"{sheet}!{ref}"
    return where


def build_table(book: Any, result: ReportResult, lang: str, taken: set[str]) -> dict[int, str]:
    """Lay the report out in the template's columns and annotate its value cells."""
    from openpyxl.styles import Alignment, Font

    title = sheet_title(Path(result.source).stem or WORDS[lang]["report"], taken)
    sheet = book.create_sheet(title)
    meta = result.report.meta
    # The title lines come first, so that the workbook reads back with its agency and period.
    heading = [line for line in ("Phụ lục 2", meta.title, meta.report_date_raw) if line]
    for row, line in enumerate(heading, start=1):
        put_text(sheet.cell(row, 1), line)
    top = len(heading) + 1
    for col, header in enumerate(HEADERS[lang], start=1):
        sheet.cell(top, col, header).font = Font(bold=True)
    for letter, width in zip("ABCDE", (9, 60, 14, 12, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{top + 1}"
    wrap = Alignment(wrap_text=True, vertical="top")
    for row, entry in enumerate(result.report.entries, start=top + 1):
        name = entry.name if entry.stt or not entry.name else f"- {entry.name}"
        for col, value in enumerate((entry.stt, name, entry.unit, entry.raw, entry.note), start=1):
            cell = sheet.cell(row, col)
            put_text(cell, value)
            cell.alignment = wrap
    attached, _ = attach(result)
    where: dict[int, str] = {}
    position = {id(f): i for i, f in enumerate(result.findings)}
    for entry_index, findings in sorted(attached.items()):
        ref = f"{VALUE_COLUMN}{entry_index + top + 1}"
        annotate(sheet[ref], findings, result, lang)
        for finding in findings:
            where[position[id(finding)]] = f"{title}!{ref}"
    return where


def copy_sheet(book: Any, source: Any, taken: set[str]) -> Any:
    """Copy a sheet's cells, styles, merges and widths into another workbook."""
    target = book.create_sheet(sheet_title(source.title, taken))
    for row in source.iter_rows():
        for cell in row:
            if type(cell).__name__ == "MergedCell":
                continue
            new = target.cell(cell.row, cell.column, cell.value)
            if cell.data_type == "s" and cell.value:
                new.data_type = "s"  # text that starts with "=" stays text
            if cell.has_style:
                new.font, new.fill, new.border = copy(cell.font), copy(cell.fill), copy(cell.border)
                new.alignment, new.number_format = copy(cell.alignment), cell.number_format
    for merged in source.merged_cells.ranges:
        target.merge_cells(str(merged))
    for key, dim in source.column_dimensions.items():
        target.column_dimensions[key].width = dim.width
    return target


def load_source(result: ReportResult) -> Any | None:
    """A fresh in-memory copy of the submitted workbook, or None if it is not one we can reopen."""
    import openpyxl

    if not result.source.lower().endswith(".xlsx"):
        return None
    try:
        data = Path(result.source).read_bytes()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), keep_links=False)
    except Exception:  # moved or unreadable since it was checked: fall back to the template layout
        return None


def findings_sheet(book: Any, results: Sequence[ReportResult], places: list[dict[int, str]], lang: str) -> None:
    from openpyxl.styles import Alignment, Font

    words = WORDS[lang]
    sheet = book.create_sheet(sheet_title(words["findings"], {s.lower() for s in book.sheetnames}))
    for col, header in enumerate(COLUMNS[lang], start=1):
        sheet.cell(1, col, header).font = Font(bold=True)
    for letter, width in zip("ABCDEFG", (30, 24, 11, 14, 18, 90, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    row = 2
    for result, where in zip(results, places, strict=True):
        for index, finding in enumerate(result.findings):
            place = where.get(index) or (logical_name(finding.location) if finding.location else None) or ""
            if not place and finding.location is not None and finding.location.line is not None:
                place = f"{words['line']} {finding.location.line}"
            values = (
                result.source,
                finding.rule_id,
                words[finding.severity.value],
                ", ".join(finding.indicators),
                place,
                result.message(finding, lang),
                finding.expected or "",
            )
            for col, value in enumerate(values, start=1):
                put_text(sheet.cell(row, col), value)
            sheet.cell(row, 6).alignment = Alignment(wrap_text=True, vertical="top")
            paint(sheet.cell(row, 3), finding.severity)
            row += 1
    sheet.auto_filter.ref = f"A1:G{max(row - 1, 1)}"


def render(results: Sequence[ReportResult], options: FormatOptions) -> bytes:
    import openpyxl

    lang = options.lang if options.lang in WORDS else "vi"
    places: list[dict[int, str]] = []
    single = load_source(results[0]) if len(results) == 1 else None  # annotate the whole workbook
    if single is not None:
        book = single
        places.append(annotate_source(book, results[0], lang))
    else:
        book = openpyxl.Workbook()
        book.remove(book.active)
        taken: set[str] = set()
        for result in results:
            source = load_source(result)
            table = source_table(source, result)
            if source is not None and table is not None:
                copied = copy_sheet(book, source[table], taken)
                places.append(annotate_source(book, rename(result, table, copied.title), lang))
            else:
                places.append(build_table(book, result, lang, taken))
    findings_sheet(book, results, places, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    from cchc_rules.reproducible import normalise_zip

    return normalise_zip(buffer.getvalue())


def source_table(source: Any | None, result: ReportResult) -> str | None:
    """The sheet the reader took the table from (the one its entries point at)."""
    if source is None:
        return None
    for entry in result.report.entries:
        if entry.location.sheet and entry.location.sheet in source.sheetnames:
            return str(entry.location.sheet)
    return None


def rename(result: ReportResult, old: str, new: str) -> ReportResult:
    """The same result with findings moved to the copied sheet's (possibly shortened) name."""
    if old == new:
        return result
    from dataclasses import replace

    moved = [
        replace(f, location=replace(f.location, sheet=new)) if f.location is not None and f.location.sheet == old else f
        for f in result.findings
    ]
    return result.replace(findings=moved)
