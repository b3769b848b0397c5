"""The blank form as an Excel workbook, with data validation: codes as drop-down lists,
counts as whole numbers, rates within 0–100."""

from __future__ import annotations

import io

from cchc_rules.catalogue import Catalogue
from cchc_rules.forms import HEADER_1, HEADER_2, form_rows, title_lines
from cchc_rules.model import ValueKind

WIDTHS = {"A": 10, "B": 70, "C": 22, "D": 14, "E": 50}


def render(catalogue: Catalogue, agency: str | None, agency_kind: str | None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "Phụ lục 2"
    for column, width in WIDTHS.items():
        ws.column_dimensions[column].width = width
    for text in title_lines(agency):
        ws.append([text])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=5)
        ws.cell(ws.max_row, 1).alignment = Alignment(horizontal="center")
        ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.append(list(HEADER_1))
    ws.append(list(HEADER_2))
    first_header = ws.max_row - 1
    ws.merge_cells(start_row=first_header, start_column=3, end_row=first_header, end_column=4)
    for row in (first_header, first_header + 1):
        for cell in ws[row]:
            cell.font = Font(bold=True)
    grey = PatternFill("solid", fgColor="DDDDDD")
    whole = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                           errorTitle="Số nguyên", error="Nhập số nguyên không âm / a whole number ≥ 0")  # fmt: skip
    rate = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True,
                          errorTitle="Tỷ lệ", error="Nhập tỷ lệ từ 0 đến 100 / a rate within 0–100")  # fmt: skip
    ws.add_data_validation(whole)
    ws.add_data_validation(rate)
    lists: dict[str, DataValidation] = {}
    for form in form_rows(catalogue, agency_kind):
        ws.append(list(form.cells))
        ref = f"D{ws.max_row}"
        ind = form.indicator
        if ind.kind is ValueKind.GROUP or not form.applies:
            for cell in ws[ws.max_row]:
                cell.fill = grey
        if ind.kind in (ValueKind.COUNT, ValueKind.MONEY):
            whole.add(ref)
        elif ind.kind is ValueKind.RATE:
            rate.add(ref)
        elif ind.kind in (ValueKind.CODED, ValueKind.YESNO):
            codes = ",".join(str(c) for c in sorted(ind.legend))
            if codes not in lists:
                legend = "; ".join(f"{c} = {label}" for c, label in sorted(ind.legend.items()))
                lists[codes] = DataValidation(type="list", formula1=f'"{codes}"', allow_blank=True,
                                              promptTitle="Mã", prompt=legend[:250], showInputMessage=True)  # fmt: skip
                ws.add_data_validation(lists[codes])
            lists[codes].add(ref)
        ws.cell(ws.max_row, 2).alignment = Alignment(wrap_text=True)
    ws.freeze_panes = ws.cell(first_header + 2, 1)
    buffer = io.BytesIO()
    wb.save(buffer)
    from cchc_rules.reproducible import normalise_zip

    return normalise_zip(buffer.getvalue())
