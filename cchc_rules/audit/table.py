"""Write the province table in the template's layout (xlsx, csv or json), each total
with how it was computed and what it is made of.

The csv and the xlsx sheet have the template's five columns under its two header
rows, so a reviewer can file them as the province's Phụ lục 2; the last column (in
the template, the note) says how each figure was computed and from which agencies.
The json and the xlsx "Truy vết / Trace" sheet list every contribution with its file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cchc_rules.audit.province import ConsolidatedRow, Consolidation, Contribution
from cchc_rules.errors import CchcError
from cchc_rules.values import format_number

NOTES: dict[str, tuple[str, str]] = {
    "sum": ("Tổng của {n} cơ quan", "Sum over {n} agencies"),
    "children": (" ({k} lấy tổng các dòng con)", " ({k} from the sum of their sub-rows)"),
    "fraction": ("Tổng tử số / tổng mẫu số của {n} cơ quan", "Sum of numerators / sum of denominators, {n} agencies"),
    "rate": ("Tính lại: 100 × {top} / {bottom} ({n} cơ quan)", "Recomputed: 100 × {top} / {bottom} ({n} agencies)"),
    "reported_by": ("Theo báo cáo của {kind}", "As reported by {kind}"),
    "excluded": ("; không tính: {names} (thiếu tỷ lệ hoặc mẫu số)", "; left out: {names} (rate or base missing)"),
    "rate_no_pair": (
        "Không tổng hợp: không có tử số, mẫu số để tính lại tỷ lệ (không lấy trung bình các tỷ lệ)",
        "Not consolidated: no numerator and denominator to recompute the rate from (rates are never averaged)",
    ),
    "not_additive": ("Không tổng hợp: chỉ tiêu dạng mã hoặc văn bản", "Not consolidated: a coded or text indicator"),
    "zero_base": ("Mẫu số bằng 0: tỷ lệ không áp dụng", "Zero denominator: the rate does not apply"),
    "no_data": ("Không có cơ quan nào báo cáo", "No agency reported it"),
    "conflict": ("Không tổng hợp: các báo cáo ghi khác nhau", "Not consolidated: the reports disagree"),
}  # fmt: skip
HOW: dict[str, tuple[str, str]] = {
    "reported": ("số liệu đã ghi", "as reported"),
    "children": ("tổng các dòng con", "sum of its sub-rows"),
    "fraction": ("phân số đã ghi", "fraction as written"),
    "note": ("tử số, mẫu số theo ghi chú", "numerator and denominator from the note"),
    "rate_base": ("tỷ lệ × mẫu số", "rate × base"),
    "indicators": ("tử số, mẫu số từ các chỉ tiêu", "numerator and denominator from the indicators"),
}
TITLE = {
    "vi": ("THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH — TỔNG HỢP TOÀN TỈNH",
           "(Tổng hợp từ {n} báo cáo, kỳ {period})"),
    "en": ("STATISTICS ON THE RESULTS OF ADMINISTRATIVE REFORM — PROVINCE CONSOLIDATED",
           "(Consolidated from {n} reports, period {period})"),
}  # fmt: skip


def _say(key: str, lang: str, **params: Any) -> str:
    vi, en = NOTES[key]
    return (en if lang == "en" else vi).format(**params)


def method_note(row: ConsolidatedRow, cons: Consolidation, lang: str) -> str:
    """How the figure was computed, in one sentence."""
    n = len(row.contributions)
    if row.method == "group":
        return ""
    if row.reason:
        return _say(row.reason, lang)
    if row.method == "sum":
        kids = sum(1 for c in row.contributions if c.how == "children")
        return _say("sum", lang, n=n) + (_say("children", lang, k=kids) if kids else "")
    if row.method == "fraction":
        return _say("fraction", lang, n=n)
    if row.method == "rate":
        top, bottom = format_number(row.numerator or 0), format_number(row.denominator or 0)
        text = _say("rate", lang, top=top, bottom=bottom, n=n)
        return text + (_say("excluded", lang, names=", ".join(row.excluded)) if row.excluded else "")
    kind = cons.catalogue.agency_kinds.get(row.indicator.reported_by) if cons.catalogue else None
    name = (kind.name.get(lang) or kind.name.get("vi", "")) if kind else row.indicator.reported_by
    return _say("reported_by", lang, kind=name)


def contribution_text(part: Contribution) -> str:
    text = f"{part.agency}: {part.shown}"
    if part.numerator is not None and part.denominator is not None and part.how != "fraction":
        text += f" ({format_number(part.numerator)}/{format_number(part.denominator)})"
    return text


def how_text(part: Contribution, lang: str) -> str:
    vi, en = HOW.get(part.how, (part.how, part.how))
    return en if lang == "en" else vi


def table_dict(cons: Consolidation, lang: str) -> dict[str, Any]:
    return {
        "period": cons.period,
        "template": cons.template,
        "reports": len(cons.reports),
        "rows": [
            {
                "id": row.id, "stt": row.indicator.stt, "name": row.indicator.label(lang), "unit": row.indicator.unit,
                "kind": row.indicator.kind.value, "method": row.method, "value": row.value, "shown": row.shown,
                "numerator": row.numerator, "denominator": row.denominator, "reason": row.reason or None,
                "note": method_note(row, cons, lang), "excluded": list(row.excluded),
                "contributions": [
                    {"report": c.row, "agency": c.agency, "source": c.source, "value": c.value, "shown": c.shown,
                     "how": c.how, "numerator": c.numerator, "denominator": c.denominator}
                    for c in row.contributions
                ],
            }
            for row in cons.rows
        ],
    }  # fmt: skip


def render_json(consolidations: Sequence[Consolidation], lang: str) -> str:
    data = {"consolidated": [table_dict(c, lang) for c in consolidations]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def template_rows(cons: Consolidation, lang: str) -> list[list[str]]:
    """The title lines, the two header rows and one row per indicator, as the template has them."""
    from cchc_rules.forms import HEADER_1, HEADER_2

    title, subtitle = TITLE["en" if lang == "en" else "vi"]
    lines = [["Phụ lục 2"], [title], [subtitle.format(n=len(cons.reports), period=cons.period or "?")]]
    lines += [list(HEADER_1), list(HEADER_2)]
    for row in cons.rows:
        ind = row.indicator
        note = method_note(row, cons, lang)
        trace = "; ".join(contribution_text(c) for c in row.contributions)
        cells = [ind.stt, ind.name if ind.stt else f"- {ind.name}", ind.unit, row.shown]
        lines.append([*cells, f"{note}. {trace}" if note and trace else note or trace])
    return lines


def render_csv(consolidations: Sequence[Consolidation], lang: str) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for number, cons in enumerate(consolidations):
        if number:
            writer.writerow([])
        writer.writerows(template_rows(cons, lang))
    return "\ufeff" + buffer.getvalue()  # Excel opens a UTF-8 csv right only with the BOM


def render_xlsx(consolidations: Sequence[Consolidation], lang: str) -> bytes:
    from openpyxl import Workbook

    from cchc_rules.audit.workbook import add_table_sheets, save

    wb = Workbook()
    wb.remove(wb.active)
    add_table_sheets(wb, consolidations, lang)
    return save(wb)


def write_table(path: Path, consolidations: Sequence[Consolidation], lang: str, inputs: Sequence[Path] = ()) -> None:
    """The province table, in the format its extension names."""
    from cchc_rules.outputs import write_atomic

    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        data: str | bytes = render_xlsx(consolidations, lang)
    elif suffix == ".csv":
        data = render_csv(consolidations, lang)
    elif suffix == ".json":
        data = render_json(consolidations, lang)
    else:
        raise CchcError("usage", reason=f"--consolidated {path}: use a .xlsx, .csv or .json file name")
    write_atomic(path, data, inputs)
