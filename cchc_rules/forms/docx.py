"""The blank form as a Word document: the title lines and the five-column table."""

from __future__ import annotations

import io

from cchc_rules.catalogue import Catalogue
from cchc_rules.forms import HEADER_1, HEADER_2, form_rows, title_lines


def render(catalogue: Catalogue, agency: str | None, agency_kind: str | None) -> bytes:
    from docx import Document

    document = Document()
    for text in title_lines(agency):
        document.add_paragraph(text)
    rows = form_rows(catalogue, agency_kind)
    table = document.add_table(rows=2 + len(rows), cols=5)
    table.style = "Table Grid"
    for r, values in enumerate((HEADER_1, HEADER_2)):
        for c, text in enumerate(values):
            if text:
                table.cell(r, c).text = text
    table.cell(0, 2).merge(table.cell(0, 3)).text = HEADER_1[2]
    for row, form in zip(table.rows[2:], rows, strict=True):  # one grid walk per row, not per cell
        for cell, text in zip(row.cells, form.cells, strict=True):
            if text:
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    from cchc_rules.reproducible import normalise_zip

    return normalise_zip(buffer.getvalue())
