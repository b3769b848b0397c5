"""The report as agencies write it: a Word table (.docx), read with python-docx.

Word merges cells: a header spans columns (w:gridSpan) and a note is often one cell
merged down over several rows (w:vMerge). python-docx's row.cells repeats the merged
cell for every grid position it covers, which would copy one note onto every row,
so this reader walks the row XML itself and keeps a merged cell's text once, at its
first grid position of its first row.

The package is checked before python-docx sees it (readers.package.check_package):
OOXML is a zip of XML, so a hostile file can be a zip bomb or an XML entity bomb.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from cchc_rules.errors import CchcError
from cchc_rules.limits import MAX_RAW_ROWS
from cchc_rules.model import Location
from cchc_rules.readers.layout import RawRow, make_row
from cchc_rules.readers.package import check_package

NAME = "docx"
EXTENSIONS = (".docx",)

MAX_SPAN = 64

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BREAKS = re.compile(r"[\t\r\n\v\f]")


def sniff(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") and b"word/" in head


def read_rows(data: bytes, path: str) -> Iterator[RawRow]:
    check_package(data, path, "docx", "word/document.xml")
    try:
        rows = list(_document_rows(data, path))
    except CchcError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds; the user needs one message
        raise CchcError("broken-file", path=path, format="docx", reason=_describe(exc)) from None
    yield from rows


# -- the document -----------------------------------------------------------------------------


def _document_rows(data: bytes, path: str) -> Iterator[RawRow]:
    import docx as python_docx

    document = python_docx.Document(io.BytesIO(data))
    table_number = 0
    non_empty = 0
    for block in _blocks(document.element.body):
        if block.tag == _W + "p" and table_number == 0:
            yield make_row([_paragraph_text(block)], Location(file=path))
        elif block.tag == _W + "tbl":
            table_number += 1
            by_grid = _grid_columns(block) == 5
            for number, tr in enumerate(block.iterchildren(_W + "tr"), start=1):
                location = Location(file=path, table=table_number, row=number)
                row = make_row(_row_cells(tr, by_grid), location)
                if any(row.cells):
                    non_empty += 1
                    if non_empty > MAX_RAW_ROWS:
                        raise CchcError("limit-exceeded", path=path, reason=f"more than {MAX_RAW_ROWS} table rows")
                yield row


def _blocks(parent: Any) -> Iterator[Any]:
    """Body paragraphs and tables in order, looking inside content controls (w:sdt)."""
    for child in parent.iterchildren():
        if child.tag == _W + "sdt":
            for content in child.iterchildren(_W + "sdtContent"):
                yield from _blocks(content)
        elif child.tag in (_W + "p", _W + "tbl"):
            yield child


def _grid_columns(tbl: Any) -> int:
    grid = tbl.find(_W + "tblGrid")
    return 0 if grid is None else len(grid.findall(_W + "gridCol"))


def _row_cells(tr: Any, by_grid: bool) -> list[str]:
    """One text per grid column when the grid is the template's five, else one per cell."""
    cells: list[str] = [""] * _int_prop(tr.find(_W + "trPr"), "gridBefore", 0) if by_grid else []
    for tc in _row_tcs(tr):
        properties = tc.find(_W + "tcPr")
        text = "" if _continues_vertical_merge(properties) else _cell_text(tc)
        cells.append(text)
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


def _continues_vertical_merge(properties: Any) -> bool:
    """<w:vMerge/> or <w:vMerge w:val="continue"/>: the cell above holds the text."""
    if properties is None:
        return False
    merge = properties.find(_W + "vMerge")
    return merge is not None and merge.get(_W + "val", "continue") != "restart"


def _int_prop(properties: Any, name: str, default: int) -> int:
    if properties is None:
        return default
    element = properties.find(_W + name)
    if element is None:
        return default
    try:
        value = int(element.get(_W + "val", default))
    except (TypeError, ValueError):
        return default
    return min(max(value, 0 if name == "gridBefore" else 1), MAX_SPAN)


def _cell_text(tc: Any) -> str:
    paragraphs = [_paragraph_text(p) for p in tc.iterchildren(_W + "p")]
    return " ".join(text for text in paragraphs if text.strip())


def _paragraph_text(p: Any) -> str:
    # CT_P.text renders runs, hyperlinks, tabs and breaks as Paragraph.text does.
    # Line breaks and tabs inside a cell are layout, not data: the text export has none.
    return _BREAKS.sub(" ", str(p.text))


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"
