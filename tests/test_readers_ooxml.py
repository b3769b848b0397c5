"""The xlsx and docx readers parse the packages' XML themselves; openpyxl and python-docx
read them before. The former readers are kept here, as they were, as the oracle: on
every workbook and document these tests can build (the fixtures, `cchc template` for
every kind of agency, the sample filled into those templates, workbooks with shared
strings, dates, formulas, merged ranges hiding values, documents with breaks, merged
cells, content controls and nested tables, and seeded mutations of them all) the two
must give the same rows, hence the same entries, field for field. Where the former
reader read a file, the new one must read it identically; where it failed, the new one
may read it, or fail with a one-line error.

The deliberate differences are tested apart: openpyxl filled an empty cell that carries a
hyperlink with the link's address, which Excel never shows; and it showed a number whose
style names a format the file does not define through another format of the file.
"""

from __future__ import annotations

import copy
import io
import random
import re
import subprocess
import sys
import time
import warnings
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_rules.catalogue import default_catalogue
from cchc_rules.errors import CchcError
from cchc_rules.forms import docx as docx_form
from cchc_rules.forms import xlsx as xlsx_form
from cchc_rules.limits import MAX_RAW_ROWS
from cchc_rules.loading import load_report
from cchc_rules.model import Location
from cchc_rules.readers import docx, package, xlsx
from cchc_rules.readers.layout import RawRow, build_layout, make_row
from cchc_rules.readers.merged import Range, _sweep, hidden
from cchc_rules.readers.numfmt import number_text
from cchc_rules.values import normalise

from helpers import SAMPLE

Reader = Callable[[bytes, str], list[RawRow]]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MUTATIONS = 40  # seeded mutations per base file and format


# -- the oracle: the former readers, unchanged but for the package check ----------------------


def reference_xlsx_rows(data: bytes, path: str) -> list[RawRow]:
    """The openpyxl reader as it was (cchc_rules/readers/xlsx.py before the XML reader)."""
    try:
        return list(_openpyxl_rows(data, path))
    except CchcError:
        raise
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise CchcError("broken-file", path=path, format="xlsx", reason=reason) from None


def _openpyxl_rows(data: bytes, path: str) -> Iterator[RawRow]:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True, keep_links=False)
    sheet, header_row, first_col = None, 1, 1
    for candidate in book.worksheets:
        found = [key for key, cell in candidate._cells.items() if _is_stt(cell.value)]
        if found:
            sheet, (header_row, first_col) = candidate, min(found)
            break
    if sheet is None:
        if not book.worksheets:
            return
        sheet = book.worksheets[0]
    by_row: dict[int, dict[int, str]] = {}
    for (row, col), cell in sheet._cells.items():
        text = _openpyxl_text(cell)
        if text.strip():
            by_row.setdefault(row, {})[col] = text
    yield from xlsx.table_rows(sheet.title, by_row, header_row, first_col, path)  # only reading cells differs


def _is_stt(value: Any) -> bool:
    return isinstance(value, str) and normalise(value).upper() == "STT"


def _openpyxl_text(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return number_text(value, cell.number_format or "General")
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y" if value.time() == clock() else "%d/%m/%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, clock | timedelta):
        return str(value)
    return str(value)


def reference_docx_rows(data: bytes, path: str) -> list[RawRow]:
    """The python-docx reader as it was (cchc_rules/readers/docx.py before the XML reader)."""
    try:
        return list(_python_docx_rows(data, path))
    except CchcError:
        raise
    except Exception as exc:
        raise CchcError("broken-file", path=path, format="docx", reason=f"{type(exc).__name__}: {exc}") from None


_W = "{" + W_NS + "}"
_BREAKS = re.compile(r"[\t\r\n\v\f]")


def _python_docx_rows(data: bytes, path: str) -> Iterator[RawRow]:
    import docx as python_docx

    document = python_docx.Document(io.BytesIO(data))
    table_number = non_empty = 0
    for block in _blocks(document.element.body):
        if block.tag == _W + "p" and table_number == 0:
            yield make_row([_BREAKS.sub(" ", str(block.text))], Location(file=path))
        elif block.tag == _W + "tbl":
            table_number += 1
            grid = block.find(_W + "tblGrid")
            by_grid = (0 if grid is None else len(grid.findall(_W + "gridCol"))) == 5
            for number, tr in enumerate(block.iterchildren(_W + "tr"), start=1):
                row = make_row(_row_cells(tr, by_grid), Location(file=path, table=table_number, row=number))
                if any(row.cells):
                    non_empty += 1
                    if non_empty > MAX_RAW_ROWS:
                        raise CchcError("limit-exceeded", path=path, reason=f"more than {MAX_RAW_ROWS} table rows")
                yield row


def _blocks(parent: Any) -> Iterator[Any]:
    for child in parent.iterchildren():
        if child.tag == _W + "sdt":
            for content in child.iterchildren(_W + "sdtContent"):
                yield from _blocks(content)
        elif child.tag in (_W + "p", _W + "tbl"):
            yield child


def _row_cells(tr: Any, by_grid: bool) -> list[str]:
    cells: list[str] = [""] * _int_prop(tr.find(_W + "trPr"), "gridBefore", 0) if by_grid else []
    for tc in _row_tcs(tr):
        properties = tc.find(_W + "tcPr")
        merge = None if properties is None else properties.find(_W + "vMerge")
        continues = merge is not None and merge.get(_W + "val", "continue") != "restart"
        paragraphs = [_BREAKS.sub(" ", str(p.text)) for p in tc.iterchildren(_W + "p")]
        cells.append("" if continues else " ".join(text for text in paragraphs if text.strip()))
        if by_grid:
            cells.extend([""] * (_int_prop(properties, "gridSpan", 1) - 1))
    return cells


def _row_tcs(tr: Any) -> Iterator[Any]:
    for child in tr.iterchildren():
        if child.tag == _W + "tc":
            yield child
        elif child.tag == _W + "sdt":
            for content in child.iterchildren(_W + "sdtContent"):
                yield from content.iterchildren(_W + "tc")


def _int_prop(properties: Any, name: str, default: int) -> int:
    element = None if properties is None else properties.find(_W + name)
    if element is None:
        return default
    try:
        value = int(element.get(_W + "val", default))
    except (TypeError, ValueError):
        return default
    return min(max(value, 0 if name == "gridBefore" else 1), docx.MAX_SPAN)


# -- building the corpus ----------------------------------------------------------------------


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _saved(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_INLINE = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: xml:space="preserve")?>(.*?)</t></is></c>', re.S)


def with_shared_strings(data: bytes) -> bytes:
    """The workbook as Excel writes it: strings in xl/sharedStrings.xml, some as rich text
    runs with a phonetic guide, instead of openpyxl's inline strings."""
    members = _members(data)
    strings: list[bytes] = []

    def share(match: re.Match[bytes]) -> bytes:
        text = match[3]
        if len(strings) % 3 == 1 and len(text) > 1 and b"&" not in text:
            half = len(text) // 2
            while half and (text[half] & 0xC0) == 0x80:  # never split a UTF-8 character
                half -= 1
            item = b'<r><rPr><b/></rPr><t xml:space="preserve">%s</t></r><r><t xml:space="preserve">%s</t></r>' % (
                text[:half],
                text[half:],
            )
            item += b'<rPh sb="0" eb="1"><t>phonetic</t></rPh>'
        else:
            item = b'<t xml:space="preserve">%s</t>' % text
        strings.append(item)
        return b'<c %st="s"%s><v>%d</v></c>' % (match[1], match[2], len(strings) - 1)

    for name in [n for n in members if n.startswith("xl/worksheets/sheet")]:
        members[name] = _INLINE.sub(share, members[name])
    items = b"".join(b"<si>%s</si>" % item for item in strings)
    members["xl/sharedStrings.xml"] = b'<sst xmlns="%s" count="%d">%s</sst>' % (MAIN.encode(), len(strings), items)
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" '
        b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    return _zip(members)


def filled_xlsx_template(agency: str) -> bytes:
    """The blank form of `cchc template`, filled with the sample's values and notes."""
    from openpyxl import load_workbook

    sample = load_report(SAMPLE)
    by_id = {e.id: e for e in sample.entries}
    workbook = load_workbook(io.BytesIO(xlsx_form.render(default_catalogue(), agency, "thanh-tra-tinh")))
    sheet = workbook.active
    first = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "1.")
    for offset, ident in enumerate(default_catalogue().indicators):
        sheet.cell(first + offset, 4).value = by_id[ident].raw or None
        sheet.cell(first + offset, 5).value = by_id[ident].note or None
    return _saved(workbook)


def filled_docx_template(agency: str) -> bytes:
    import docx as python_docx

    sample = load_report(SAMPLE)
    by_id = {e.id: e for e in sample.entries}
    document = python_docx.Document(io.BytesIO(docx_form.render(default_catalogue(), agency, "thanh-tra-tinh")))
    table = document.tables[0]
    for row, ident in zip(table.rows[2:], default_catalogue().indicators, strict=True):
        cells = row.cells
        cells[3].text = by_id[ident].raw
        cells[4].text = by_id[ident].note
    return _saved(document)


def edge_workbook(*, date1904: bool = False) -> bytes:
    """A workbook that reaches every way a cell can hold a value, and the sheets around it."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    book = Workbook()
    guide = book.active
    guide.title = "Ghi chú"
    guide["A1"] = "Trang hướng dẫn, không có bảng"
    guide.sheet_state = "hidden"
    chart_data = book.create_sheet("Số liệu biểu đồ")
    for row in range(1, 4):
        chart_data.cell(row, 1, row * 2)
    chart = BarChart()
    chart.add_data(Reference(chart_data, min_col=1, min_row=1, max_row=3))
    book.create_chartsheet("Biểu đồ").add_chart(chart)
    sheet = book.create_sheet("Phụ lục 2")
    sheet["B1"] = "Phụ lục 2"
    sheet["B2"] = "(Kèm theo Báo cáo số 12/BC-STP ngày 15/12/2021 của Sở Tư pháp)"
    sheet["A2"] = "  lề trái  "
    for col, text in enumerate(("STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"), start=2):
        sheet.cell(4, col, text)
    values: list[tuple[Any, str]] = [
        (76, "General"), (76.0, "General"), (93.69, "General"), (0.9369, "0.00%"), (1, "0%"), (3, "00"),
        (1712, "#,##0"), (1500000.5, "#,##0.00_);(#,##0.00)"), (-2, "0;-0"), (1e-7, "General"),
        (0.25, '"Tỷ lệ "0.00%'), (datetime(2021, 12, 15), "dd/mm/yyyy"), (datetime(2021, 12, 15, 8, 30), "d/m/yy h:mm"),
        (clock(8, 30), "h:mm"), (timedelta(hours=30, minutes=15), "[h]:mm:ss"), (True, "General"), (False, "General"),
        ("#DIV/0!", "General"), ("03", "@"), ("Có\nthực hiện", "General"), ("  cách  ", "General"), (44545, "mm-dd-yy"),
        (45.5, 'd" ngày"'), (12, "0.0"), (10**20, "General"), (7, "[Red]0"), (0.5, "# ?/?"),
    ]  # fmt: skip
    for index, (value, number_format) in enumerate(values):
        row = 5 + index
        sheet.cell(row, 2, f"{index + 1}.")
        sheet.cell(row, 3, f"Chỉ tiêu {index + 1}")
        sheet.cell(row, 4, "Số")
        cell = sheet.cell(row, 5, value)
        cell.number_format = number_format
        sheet.cell(row, 6, f"ghi chú {index + 1}" if index % 4 == 0 else None)
    sheet["G7"] = "ngoài bảng"
    sheet["C40"] = "STT"  # a second header cell, below the first: the first one counts
    sheet["E41"] = "Văn bản 15"
    data = _saved(book)
    members = _members(data)
    name = next(n for n, d in members.items() if n.startswith("xl/worksheets/") and b'r="E41"' in d)
    members[name] = _patched_sheet(members[name])
    if date1904:
        members["xl/workbook.xml"] = members["xl/workbook.xml"].replace(b"<workbookPr/>", b'<workbookPr date1904="1"/>')
    return _zip(members)


def _patched_sheet(xml: bytes) -> bytes:
    """What openpyxl cannot write: formulas with cached values, t="d" and t="str" cells,
    rows and cells without r, a date serial out of range, values under merged ranges."""
    extra = (
        '<row r="33"><c r="B33" t="inlineStr"><is><t>28.</t></is></c><c r="E33"><f>1+1</f><v>2</v></c>'
        '<c r="F33" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>'
        '<row r="34"><c r="B34" t="inlineStr"><is><t>29.</t></is></c><c r="E34" t="d"><v>2021-12-15T08:30:00</v></c>'
        '<c r="F34" t="d"><v>2021-12-15</v></c></row>'
        '<row><c/><c t="inlineStr"><is><t>30.</t></is></c><c/><c/><c><v>5.5E1</v></c></row>'
        '<row r="36.0"><c r="B36" t="inlineStr"><is><t>31.</t></is></c><c r="E36" s="{style}"><v>1E10</v></c>'
        '<c r="F36" t="inlineStr"><is><r><t>rich </t></r><r><t>text</t></r></is></c></row>'
        '<row r="37"><c r="B37" t="inlineStr"><is><t>32.</t></is></c><c r="E37" t="b"><v>1</v></c>'
        '<c r="F37" t="inlineStr"><is><t>ẩn dưới ô gộp</t></is></c><c r="F38" t="inlineStr"><is><t>x</t></is></c>'
        '<c r="E37" t="inlineStr"><is><t>ô lặp: bản sau thắng</t></is></c></row>'
        '<row r="38"><c r="B38" t="inlineStr"><is><t>33.</t></is></c><c r="E38" t="e"><v>#N/A</v></c>'
        '<c r="F38" t="inlineStr"><is><t>cũng ẩn</t></is></c></row>'
    )
    date_style = re.search(rb'<c r="E16" s="(\d+)"', xml)
    assert date_style is not None
    xml = xml.replace(b"</sheetData>", extra.format(style=int(date_style[1])).encode() + b"</sheetData>")
    ranges = b'<mergeCell ref="F36:F38"/><mergeCell ref="F37:G37"/><mergeCell ref="B1:F1"/>'
    merges = b'<mergeCells count="3">' + ranges + b"</mergeCells>"
    if b"<mergeCells" in xml:
        return re.sub(rb"<mergeCells.*?</mergeCells>", merges, xml, flags=re.S)
    return re.sub(rb"(</sheetData>)", rb"\1" + merges, xml, count=1)


def edge_document() -> bytes:
    """A document that reaches every way a paragraph and a table can hold text."""
    import docx as python_docx
    from docx.oxml import parse_xml

    document = python_docx.Document()
    document.add_paragraph("Phụ lục 2")
    document.add_paragraph("(Kèm theo Báo cáo số 12/BC-STP ngày 15/12/2021 của Sở Tư pháp)")
    runs = (
        '<w:r><w:t>a</w:t><w:tab/><w:t xml:space="preserve"> b </w:t><w:br/><w:t>c</w:t><w:br w:type="page"/>'
        '<w:t>d</w:t><w:br w:type="column"/><w:cr/><w:noBreakHyphen/><w:ptab w:relativeTo="margin" w:alignment="left"'
        ' w:leader="none"/><w:sym w:font="Wingdings" w:char="F0FC"/><w:lastRenderedPageBreak/></w:r>'
        '<w:hyperlink r:id="rId99"><w:r><w:t>liên kết</w:t></w:r></w:hyperlink>'
        '<w:ins w:id="1" w:author="x"><w:r><w:t>chèn</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="x"><w:r><w:delText>xoá</w:delText></w:r></w:del>'
        '<w:fldSimple w:instr="PAGE"><w:r><w:t>7</w:t></w:r></w:fldSimple>'
        "<w:smartTag><w:r><w:t>thẻ</w:t></w:r></w:smartTag>"
    )
    namespaces = f'xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    document.element.body.insert(2, parse_xml(f"<w:p {namespaces}>{runs}</w:p>"))
    table = document.add_table(rows=9, cols=5)
    table.cell(0, 2).merge(table.cell(0, 3)).text = "Kết quả"
    for col, text in ((0, "STT"), (1, "Chỉ tiêu"), (4, "Ghi chú")):
        table.cell(0, col).merge(table.cell(1, col)).text = text
    table.cell(1, 2).text, table.cell(1, 3).text = "Đơn vị tính", "Số liệu"
    for index in range(2, 9):
        for col, text in enumerate((f"{index - 1}.", f"Chỉ tiêu {index}", "Số", str(index * 3))):
            table.cell(index, col).text = text
    table.cell(2, 4).merge(table.cell(4, 4)).text = "Ghi chú gộp ba dòng"
    table.cell(5, 4).add_paragraph("")
    table.cell(5, 4).add_paragraph("đoạn thứ hai\tcó tab")
    table.cell(6, 1).paragraphs[0].add_run("  ").add_break()
    nested = table.cell(7, 4).add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "bảng lồng"
    rows = table._tbl.findall(_W + "tr")
    sdt_row = parse_xml(f"<w:sdt {namespaces}><w:sdtContent/></w:sdt>")
    rows[8].addprevious(sdt_row)
    sdt_row[0].append(copy.deepcopy(rows[8]))  # a row inside a content control: the reader never saw those
    cell = rows[3].findall(_W + "tc")[1]
    sdt_cell = parse_xml(f"<w:sdt {namespaces}><w:sdtContent/></w:sdt>")
    cell.addprevious(sdt_cell)
    sdt_cell[0].append(cell)
    trpr = parse_xml(f'<w:trPr {namespaces}><w:gridBefore w:val="1"/></w:trPr>')
    rows[7].insert(0, trpr)
    rows[7].remove(rows[7].findall(_W + "tc")[0])
    block = parse_xml(f"<w:sdt {namespaces}><w:sdtContent/></w:sdt>")
    table._tbl.addprevious(block)
    block[0].append(table._tbl)
    document.add_paragraph("Sau bảng: không đọc")
    other = document.add_table(rows=2, cols=3)
    other.cell(0, 0).text, other.cell(1, 2).text = "bảng hai", "ô cuối"
    return _saved(document)


def _mutations(data: bytes, part: str, count: int, seed: int) -> dict[str, bytes]:
    """Seeded edits of one XML part, each a small change a broken or unusual writer might make."""
    from lxml import etree

    members = _members(data)
    source = etree.fromstring(members[part])
    found = {}
    rng = random.Random(seed)
    values = ["0", "1", "2", "-1", "99", "", "restart", "continue", "s", "n", "str", "b", "e", "inlineStr", "d",
              "A1", "E7", "ZZZ9", "x", "1.5", "3E2", "page", "E8:E9", "A1:A1", "B2:A1"]  # fmt: skip
    for number in range(count):
        root = copy.deepcopy(source)
        elements = [e for e in root.iter() if isinstance(e.tag, str) and e is not root]
        for _ in range(rng.randint(1, 3)):
            target = rng.choice(elements)
            action = rng.randrange(4)
            if action == 0 and target.getparent() is not None:
                target.getparent().remove(target)
            elif action == 1 and target.getparent() is not None:
                target.addnext(copy.deepcopy(target))
            elif action == 2:
                names = list(target.attrib) or ["r", "s", "t", f"{{{W_NS}}}val"]
                target.set(rng.choice(names), rng.choice(values))
            else:
                target.text = rng.choice(values)
        members[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        found[f"mutation-{seed}-{number}"] = _zip(members)
    return found


def _table_sheet_part(data: bytes) -> str:
    sheets = {n: d for n, d in _members(data).items() if n.startswith("xl/worksheets/sheet")}
    return max(sheets, key=lambda n: len(sheets[n]))  # the table's


@pytest.fixture(scope="module")
def workbooks(fixtures_dir: dict[str, Path]) -> dict[str, bytes]:
    catalogue = default_catalogue()
    found = {"sample": fixtures_dir["sample.xlsx"].read_bytes()}
    for kind in (None, *catalogue.agency_kinds):
        found[f"template-{kind}"] = xlsx_form.render(catalogue, "Sở Y tế" if kind else None, kind)
    found["template-filled"] = filled_xlsx_template("Thanh tra tỉnh")
    found["edge"] = edge_workbook()
    found["edge-1904"] = edge_workbook(date1904=True)
    for name in ("sample", "template-filled", "edge"):
        found[f"{name}-shared-strings"] = with_shared_strings(found[name])
    for seed, name in enumerate(("sample-shared-strings", "edge", "edge-shared-strings")):
        found.update(_mutations(found[name], _table_sheet_part(found[name]), MUTATIONS, seed))
        found.update(_mutations(found[name], "xl/styles.xml", MUTATIONS // 4, 100 + seed))
    return found


@pytest.fixture(scope="module")
def documents(fixtures_dir: dict[str, Path]) -> dict[str, bytes]:
    catalogue = default_catalogue()
    found = {"sample": fixtures_dir["sample.docx"].read_bytes()}
    for kind in (None, *catalogue.agency_kinds):
        found[f"template-{kind}"] = docx_form.render(catalogue, "Sở Y tế" if kind else None, kind)
    found["template-filled"] = filled_docx_template("Thanh tra tỉnh")
    found["edge"] = edge_document()
    for seed, name in enumerate(("sample", "edge")):
        found.update(_mutations(found[name], "word/document.xml", MUTATIONS, 200 + seed))
    return found


# -- the new readers give what the former ones gave -------------------------------------------


def _outcome(reader: Reader, data: bytes, path: str) -> list[RawRow] | str:
    try:
        return reader(data, path)
    except CchcError as error:
        return f"error {error.code}"


def _entries(rows: list[RawRow]) -> list[tuple[Any, ...]]:
    layout = build_layout(rows)
    fields = ("id", "stt", "name", "unit", "raw", "note", "location")
    return [tuple(getattr(e, f) for f in fields) for e in layout.entries] + [
        (text, location) for text, location in layout.title_lines
    ]


def _same(new: Reader, old: Reader, corpus: dict[str, bytes], fmt: str) -> None:
    compared = 0
    for name, data in corpus.items():
        path = f"{name}.{fmt}"
        before = _outcome(old, data, path)
        after = _outcome(new, data, path)
        if isinstance(before, str):
            assert isinstance(after, list) or after.startswith("error "), name  # read, or a one-line error
            continue
        assert after == before, name
        assert _entries(after) == _entries(before), name
        compared += 1
    assert compared >= len([n for n in corpus if not n.startswith("mutation")])


def test_xlsx_reader_reads_as_openpyxl_did(workbooks: dict[str, bytes]) -> None:
    _same(lambda data, path: list(xlsx.read_rows(data, path)), reference_xlsx_rows, workbooks, "xlsx")


def test_docx_reader_reads_as_python_docx_did(documents: dict[str, bytes]) -> None:
    _same(lambda data, path: list(docx.read_rows(data, path)), reference_docx_rows, documents, "docx")


def test_the_edge_files_reach_what_they_are_meant_to(workbooks: dict[str, bytes], documents: dict[str, bytes]) -> None:
    """The corpus is only as good as what it holds: check the hard cases are really read."""
    rows = [row.cells for row in xlsx.read_rows(workbooks["edge-shared-strings"], "edge.xlsx")]
    raws = [cells[3] for cells in rows]
    for shown in ("93,69%", "03", "15/12/2021", "15/12/2021 08:30:00", "08:30:00", "1 day, 6:15:00", "TRUE",
                  "#DIV/0!", "2", "55", "#VALUE!", "#N/A", "ô lặp: bản sau thắng"):  # fmt: skip
        assert shown in raws, shown
    notes = " ".join(cells[4] for cells in rows)
    assert "rich text" in notes and "ab" in notes and "ẩn dưới ô gộp" not in notes and "cũng ẩn" not in notes
    text = [row.cells[0] for row in docx.read_rows(documents["edge"], "edge.docx")]
    assert "a  b  cd - liên kết" in text[2] and "chèn" not in text[2] and "7" not in text[2]
    cells = {c for row in docx.read_rows(documents["edge"], "edge.docx") for c in row.cells}
    assert "Ghi chú gộp ba dòng" in cells and "đoạn thứ hai có tab" in cells and "bảng hai" in cells
    assert sum(1 for name in workbooks if name.startswith("mutation")) >= 3 * MUTATIONS


# -- the deliberate difference ----------------------------------------------------------------


def test_an_empty_hyperlinked_cell_reads_empty(fixtures_dir: dict[str, Path]) -> None:
    """openpyxl wrote the link's address into an empty cell that carries a hyperlink; Excel
    shows the cell empty, and so does the reader now."""
    data = fixtures_dir["sample.xlsx"].read_bytes()
    row = next(r.location.row for r in xlsx.read_rows(data, "x.xlsx") if r.cells[1].startswith("- ") and not r.cells[4])
    members = _members(data)
    link = f'<hyperlinks><hyperlink ref="E{row}" location="Guide!A1"/></hyperlinks>'.encode()
    members["xl/worksheets/sheet2.xml"] = members["xl/worksheets/sheet2.xml"].replace(
        b"</worksheet>", link + b"</worksheet>"
    )
    data = _zip(members)
    old = {r.location.row: r.cells for r in reference_xlsx_rows(data, "x.xlsx")}
    new = {r.location.row: r.cells for r in xlsx.read_rows(data, "x.xlsx")}
    assert old[row][4] == "Guide!A1"
    assert new[row][4] == ""
    assert {r: c for r, c in old.items() if r != row} == {r: c for r, c in new.items() if r != row}


def test_a_number_format_the_file_lacks_shows_as_general(fixtures_dir: dict[str, Path]) -> None:
    """openpyxl numbered the formats a file defines in the order its styles use them, so a
    style naming an undefined one (id 165 here) borrowed the second defined format."""
    members = _members(fixtures_dir["sample.xlsx"].read_bytes())
    styles = members["xl/styles.xml"]
    members["xl/styles.xml"] = styles.replace(b"</numFmts>", b'<numFmt numFmtId="170" formatCode="0.000"/></numFmts>')
    members["xl/styles.xml"] = members["xl/styles.xml"].replace(b'<numFmts count="1">', b'<numFmts count="2">')
    members["xl/styles.xml"] = members["xl/styles.xml"].replace(
        b"</cellXfs>",
        b'<xf numFmtId="170" fontId="0" fillId="0" borderId="0"/><xf numFmtId="165" fontId="0"/></cellXfs>',
    )
    sheet = members["xl/worksheets/sheet2.xml"]
    members["xl/worksheets/sheet2.xml"] = re.sub(rb'(<c r="D9")( s="\d+")?', rb'\1 s="5"', sheet, count=1)
    data = _zip(members)
    old = {r.location.row: r.cells[3] for r in reference_xlsx_rows(data, "x.xlsx")}
    new = {r.location.row: r.cells[3] for r in xlsx.read_rows(data, "x.xlsx")}
    assert (old[9], new[9]) == ("76,000", "76")
    assert {r: c for r, c in old.items() if r != 9} == {r: c for r, c in new.items() if r != 9}


def test_a_part_the_reader_never_opens_cannot_break_the_read(fixtures_dir: dict[str, Path]) -> None:
    members = _members(fixtures_dir["sample.docx"].read_bytes())
    members["word/styles.xml"] = b"<w:styles"
    data = _zip(members)
    assert _outcome(reference_docx_rows, data, "x.docx") == "error broken-file"
    assert len(list(docx.read_rows(data, "x.docx"))) == 146


# -- the package: limits on what is read ------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "declares"),
    [
        (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]><x/>', True),
        (b"<!-- a comment with <tags> --><?pi data?>\r\n<!DOCTYPE x><x/>", True),
        (b"\xef\xbb\xbf<!doctype x><x/>", True),
        ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><x/>'.encode("utf-16"), True),
        ("<!DOCTYPE x><x/>".encode("utf-16-be"), True),
        (b'<?xml version="1.0"?><x><![CDATA[<!DOCTYPE x>]]></x>', False),
        (b"<x>&lt;!DOCTYPE x&gt;</x>", False),
        (b'<?xml version="1.0"?><w:document xmlns:w="x"/>', False),
        (b"", False),
        (b"<!--" + b" " * 70_000 + b"--><x/>", True),  # a prolog too long to check is refused
    ],
)
def test_only_the_prolog_can_declare_a_dtd(head: bytes, declares: bool) -> None:
    assert package.declares_dtd(head, complete=True) is declares


def test_a_long_prolog_is_read_to_its_end() -> None:
    head = b"<?xml version='1.0'?>" + b"<!--" + b" " * 5000 + b"-->" + b"<!DOCTYPE x><x/>"
    assert package.declares_dtd(head[:1024]) is None
    assert package.declares_dtd(head[:3]) is None
    members = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>", "docProps/app.xml": head}
    with pytest.raises(CchcError) as caught:
        list(docx.read_rows(_zip(members), "x.docx"))
    assert caught.value.code == "broken-file" and "DTD" in caught.value.one_line()


def test_a_dtd_in_a_part_without_xml_name_is_refused_when_read(fixtures_dir: dict[str, Path]) -> None:
    members = _members(fixtures_dir["sample.docx"].read_bytes())
    members["word/document.part"] = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>' + members.pop("word/document.xml").split(b"?>", 1)[1]
    )
    members["word/document.xml"] = b"<unused/>"
    members["_rels/.rels"] = members["_rels/.rels"].replace(b"word/document.xml", b"word/document.part")
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"/word/document.xml", b"/word/document.part"
    )
    with pytest.raises(CchcError) as caught:
        list(docx.read_rows(_zip(members), "x.docx"))
    assert caught.value.code == "broken-file" and "DTD" in caught.value.one_line()


def test_a_part_with_too_many_elements_is_not_parsed(fixtures_dir: dict[str, Path], monkeypatch: Any) -> None:
    monkeypatch.setattr(package, "MAX_PART_ELEMENTS", 1000)
    for reader, name in ((docx.read_rows, "sample.docx"), (xlsx.read_rows, "sample.xlsx")):
        with pytest.raises(CchcError) as caught:
            list(reader(fixtures_dir[name].read_bytes(), name))
        assert caught.value.code == "limit-exceeded" and "XML elements" in caught.value.one_line()


def test_a_sheet_with_too_many_cells_is_refused(fixtures_dir: dict[str, Path], monkeypatch: Any) -> None:
    from cchc_rules.readers import xlsx_sheet

    monkeypatch.setattr(xlsx_sheet, "MAX_ROWS_AND_CELLS", 500)
    with pytest.raises(CchcError) as caught:
        list(xlsx.read_rows(fixtures_dir["sample.xlsx"].read_bytes(), "x.xlsx"))
    assert caught.value.code == "limit-exceeded" and "rows or cells" in caught.value.one_line()


def test_parts_are_inflated_once_and_only_when_read(fixtures_dir: dict[str, Path], monkeypatch: Any) -> None:
    inflated: list[str] = []
    original = package.Package._inflate

    def spy(self: package.Package, name: str) -> bytes:
        inflated.append(name)
        return original(self, name)

    monkeypatch.setattr(package.Package, "_inflate", spy)
    list(docx.read_rows(fixtures_dir["sample.docx"].read_bytes(), "x.docx"))
    assert sorted(inflated) == ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]


def test_a_sheet_of_huge_merged_ranges_reads_quickly(fixtures_dir: dict[str, Path]) -> None:
    """openpyxl built a cell for every position a merged range covers: one range of the
    whole sheet was 17 billion cells. The reader only looks at the cells the file holds."""
    members = _members(fixtures_dir["sample.xlsx"].read_bytes())
    ranges = b"".join(b'<mergeCell ref="F%d:XFD1048576"/>' % row for row in range(1, 2001))
    members["xl/worksheets/sheet2.xml"] = members["xl/worksheets/sheet2.xml"].replace(
        b"</sheetData>", b'</sheetData><mergeCells count="2000">%s</mergeCells>' % ranges
    )
    start = time.perf_counter()
    rows = list(xlsx.read_rows(_zip(members), "x.xlsx"))
    assert time.perf_counter() - start < 5
    assert len(rows) == 146


_RANGES = st.lists(
    st.tuples(st.integers(1, 12), st.integers(1, 12), st.integers(0, 4), st.integers(0, 4)).map(
        lambda r: (r[0], r[1], r[0] + r[2], r[1] + r[3])
    ),
    max_size=12,
)


@given(cells=st.sets(st.tuples(st.integers(1, 18), st.integers(1, 18)), max_size=60), ranges=_RANGES)
def test_merged_ranges_hide_the_same_cells_either_way(cells: set[tuple[int, int]], ranges: list[Range]) -> None:
    listed = hidden(cells, ranges)
    assert listed == (_sweep(cells, ranges) if cells and ranges else set())
    for row, col in listed:
        assert any(r1 <= row <= r2 and c1 <= col <= c2 and (row, col) != (r1, c1) for r1, c1, r2, c2 in ranges)


def test_the_readers_import_no_office_library(fixtures_dir: dict[str, Path]) -> None:
    code = (
        "import sys; from pathlib import Path; from cchc_rules.loading import read_report\n"
        "read_report(Path(sys.argv[1])); read_report(Path(sys.argv[2]))\n"
        "print(sorted(m for m in ('openpyxl', 'docx', 'lxml', 'python_calamine') if m in sys.modules))"
    )
    paths = [str(fixtures_dir[name]) for name in ("sample.xlsx", "sample.docx")]
    done = subprocess.run([sys.executable, "-c", code, *paths], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
