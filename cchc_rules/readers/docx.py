"""The report as agencies write it: a Word table (.docx), read from the document's XML.

Library choice, measured with bench/readers.py on the sample document (41 KB, a 143-row
table): python-docx took 40-55 ms a read and about 140 ms for the first one, most of it
building the object model of every part (styles, numbering, settings) that a table
reader never looks at. The reader parses word/document.xml alone with the standard
library's ElementTree, in about 6 ms (22 ms the first time), and reads the elements as
it read python-docx's: a paragraph's text is python-docx's Paragraph.text (its runs and
its hyperlinks' runs; w:tab, w:ptab, w:br, w:cr and w:noBreakHyphen as their characters).
tests/test_readers_ooxml.py keeps the python-docx reader as its oracle and compares the
two on every document it can build.

Word merges cells: a header spans columns (w:gridSpan) and a note is often one cell
merged down over several rows (w:vMerge). Repeating the merged cell for every grid
position it covers, as python-docx's row.cells does, would copy one note onto every row,
so a merged cell's text is kept once, at its first grid position of its first row.

The package is checked as it is read (readers.package.Package): OOXML is a zip of XML,
so a hostile file can be a zip bomb or an XML entity bomb.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element

from cchc_rules.errors import CchcError
from cchc_rules.limits import MAX_RAW_ROWS
from cchc_rules.model import Location
from cchc_rules.readers.layout import RawRow, make_row
from cchc_rules.readers.ooxml import OFFICE_DOCUMENT, content_types, relationships
from cchc_rules.readers.package import Package

NAME = "docx"
EXTENSIONS = (".docx",)

MAX_SPAN = 64
# The only main part python-docx opens: not a macro-enabled document, not a template.
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BREAKS = re.compile(r"[\t\r\n\v\f]")
# Run content as python-docx's Run.text gives it; a w:br is a line break unless its type says page or column.
_RUN_TEXT = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def sniff(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") and b"word/" in head


def read_rows(data: bytes, path: str) -> Iterator[RawRow]:
    with Package(data, path, "docx", "word/document.xml") as package:
        try:
            rows = list(_document_rows(package, path))
        except CchcError:
            raise
        except Exception as exc:  # a malformed part fails in many ways; the user needs one message
            raise package.broken(_describe(exc)) from None
    yield from rows


# -- the document -----------------------------------------------------------------------------


def _document_rows(package: Package, path: str) -> Iterator[RawRow]:
    table_number = 0
    non_empty = 0
    for block in _blocks(_body(package)):
        if block.tag == _W + "p" and table_number == 0:
            yield make_row([_paragraph_text(block)], Location(file=path))
        elif block.tag == _W + "tbl":
            table_number += 1
            by_grid = _grid_columns(block) == 5
            for number, tr in enumerate(_children(block, _W + "tr"), start=1):
                location = Location(file=path, table=table_number, row=number)
                row = make_row(_row_cells(tr, by_grid), location)
                if any(row.cells):
                    non_empty += 1
                    if non_empty > MAX_RAW_ROWS:
                        raise CchcError("limit-exceeded", path=path, reason=f"more than {MAX_RAW_ROWS} table rows")
                yield row


def _body(package: Package) -> Element:
    """The w:body of the main document part, found as python-docx finds it (the package's
    officeDocument relationship, whose part must be a Word document)."""
    types = content_types(package)
    by_id = {rel.id: rel for rel in relationships(package, "")}  # a repeated id: the last one counts
    documents = [rel for rel in by_id.values() if rel.type == OFFICE_DOCUMENT]
    if len(documents) != 1 or documents[0].external:
        raise package.broken(f"{len(documents)} officeDocument relationships")
    part = documents[0].target
    if types.of(part) != DOCUMENT_TYPE:
        raise package.broken(f"{part} is not a Word document, content type is {types.of(part)}")
    root = package.xml(part)
    body = root.find(_W + "body") if root.tag == _W + "document" else None
    if body is None:
        raise package.broken(f"{part}: no w:body")
    return body


def _blocks(parent: Element) -> Iterator[Element]:
    """Body paragraphs and tables in order, looking inside content controls (w:sdt)."""
    for child in parent:
        if child.tag == _W + "sdt":
            for content in _children(child, _W + "sdtContent"):
                yield from _blocks(content)
        elif child.tag in (_W + "p", _W + "tbl"):
            yield child


def _grid_columns(tbl: Element) -> int:
    grid = tbl.find(_W + "tblGrid")
    return 0 if grid is None else len(grid.findall(_W + "gridCol"))


def _row_cells(tr: Element, by_grid: bool) -> list[str]:
    """One text per grid column when the grid is the template's five, else one per cell."""
    cells: list[str] = [""] * _int_prop(tr.find(_W + "trPr"), "gridBefore", 0) if by_grid else []
    for tc in _row_tcs(tr):
        properties = tc.find(_W + "tcPr")
        text = "" if _continues_vertical_merge(properties) else _cell_text(tc)
        cells.append(text)
        if by_grid:
            cells.extend([""] * (_int_prop(properties, "gridSpan", 1) - 1))
    return cells


def _row_tcs(tr: Element) -> Iterator[Element]:
    for child in tr:
        if child.tag == _W + "tc":
            yield child
        elif child.tag == _W + "sdt":
            for content in _children(child, _W + "sdtContent"):
                yield from _children(content, _W + "tc")


def _continues_vertical_merge(properties: Element | None) -> bool:
    """<w:vMerge/> or <w:vMerge w:val="continue"/>: the cell above holds the text."""
    if properties is None:
        return False
    merge = properties.find(_W + "vMerge")
    return merge is not None and merge.get(_W + "val", "continue") != "restart"


def _int_prop(properties: Element | None, name: str, default: int) -> int:
    if properties is None:
        return default
    element = properties.find(_W + name)
    if element is None:
        return default
    try:
        value = int(element.get(_W + "val", str(default)))
    except (TypeError, ValueError):
        return default
    return min(max(value, 0 if name == "gridBefore" else 1), MAX_SPAN)


def _cell_text(tc: Element) -> str:
    paragraphs = [_paragraph_text(p) for p in tc if p.tag == _W + "p"]
    return " ".join(text for text in paragraphs if text.strip())


def _paragraph_text(p: Element) -> str:
    """python-docx's Paragraph.text: its runs, and the runs of its hyperlinks, in order.

    Line breaks and tabs inside a cell are layout, not data: the text export has none."""
    runs = []
    for child in p:
        if child.tag == _W + "r":
            runs.append(_run_text(child))
        elif child.tag == _W + "hyperlink":
            runs.extend(_run_text(r) for r in child if r.tag == _W + "r")
    return _BREAKS.sub(" ", "".join(runs))


def _run_text(r: Element) -> str:
    parts = []
    for child in r:
        if child.tag == _W + "t":
            parts.append(child.text or "")
        elif child.tag == _W + "br":
            parts.append("\n" if child.get(_W + "type", "textWrapping") == "textWrapping" else "")
        else:
            parts.append(_RUN_TEXT.get(child.tag, ""))
    return "".join(parts)


def _children(parent: Element, tag: str) -> list[Element]:
    """The children with this tag (Element.iterfind goes through the slower ElementPath)."""
    return [child for child in parent if child.tag == tag]


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"
