"""The report as a spreadsheet (.xlsx), read from the workbook's XML.

Library choice, measured with bench/readers.py on the sample workbook (12 KB, 143 rows):
openpyxl (load_workbook, read_only=False for the merged ranges) took 13-24 ms a read and
about 300 ms for the first one, its import; python-calamine takes about 1 ms, but it has
no number formats, so the 93,69% cell comes back as 0.9369, a "100%" cell as 1.0 and an
"08" shown through the format "00" as 8.0. Parsing only the parts needed (workbook,
styles, shared strings, the sheets up to the table's) with the standard library's
ElementTree takes about 4 ms (20 ms the first time), keeps every number format and merged
range, and gives the values openpyxl gave: tests/test_readers_ooxml.py keeps the openpyxl
reader as its oracle and compares the two on every workbook it can build.

Cells are turned back into the text a user sees (readers.numfmt): 76.0 is "76", 93.69 is
"93,69", a 0.9369 under a percent format is "93,69%", 3 under the format "00" is "03".
Text cells stay as they are, so "03" keeps its zero.
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc_rules.errors import CchcError
from cchc_rules.limits import MAX_RAW_ROWS
from cchc_rules.model import Location
from cchc_rules.readers.layout import RawRow, make_row
from cchc_rules.readers.numfmt import number_text, value_text
from cchc_rules.readers.package import Package
from cchc_rules.readers.xlsx_book import Book, read_book
from cchc_rules.readers.xlsx_sheet import Cell, column_letter, sheet_cells
from cchc_rules.values import normalise

NAME = "xlsx"
EXTENSIONS = (".xlsx", ".xlsm")
__all__ = ["EXTENSIONS", "NAME", "number_text", "read_rows", "sniff"]


def sniff(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") and b"xl/" in head


def read_rows(data: bytes, path: str) -> Iterator[RawRow]:
    with Package(data, path, "xlsx", "xl/workbook.xml") as package:
        # Every sheet's size is checked before any part is parsed, as openpyxl's were.
        for name in package.names():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                package.read(name)
        try:
            rows = list(_workbook_rows(package, path))
        except CchcError:
            raise
        except Exception as exc:  # a malformed part fails in many ways; the user needs one message
            reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            raise package.broken(reason) from None
    yield from rows


def _workbook_rows(package: Package, path: str) -> Iterator[RawRow]:
    book = read_book(package)
    table = _table_sheet(package, book)
    if table is None:
        return
    title, cells, header_row, first_col = table
    yield from _sheet_rows(title, cells, book, header_row, first_col, path)


def _table_sheet(package: Package, book: Book) -> tuple[str, dict[tuple[int, int], Cell], int, int] | None:
    """The first sheet with an "STT" header cell, and where that cell is; else the first sheet."""
    first = None
    for sheet in book.sheets:
        cells = sheet_cells(package, sheet.part, book)
        found = [key for key, (value, _) in cells.items() if _is_stt(value)]
        if found:
            row, col = min(found)
            return sheet.title, cells, row, col
        if first is None:
            first = (sheet.title, cells, 1, 1)
    return first


def _is_stt(value: object) -> bool:
    return isinstance(value, str) and normalise(value).upper() == "STT"


def _sheet_rows(
    title: str, cells: dict[tuple[int, int], Cell], book: Book, header_row: int, first_col: int, path: str
) -> Iterator[RawRow]:
    by_row: dict[int, dict[int, str]] = {}
    for (row, col), (value, style) in cells.items():
        text = value_text(value, book.formats[style])
        if text.strip():
            by_row.setdefault(row, {})[col] = text
    return table_rows(title, by_row, header_row, first_col, path)


def table_rows(
    title: str, by_row: dict[int, dict[int, str]], header_row: int, first_col: int, path: str
) -> Iterator[RawRow]:
    """The sheet's non-empty cells (row -> column -> text) as the table's rows: title lines whole,
    table rows from the STT column on."""
    if len(by_row) > MAX_RAW_ROWS:
        raise CchcError("limit-exceeded", path=path, reason=f"{len(by_row)} non-empty rows > {MAX_RAW_ROWS}")
    for row in sorted(by_row):
        texts = by_row[row]
        if row < header_row:
            # Title lines may sit left of the table or span it: keep every cell, in order.
            cols = sorted(texts)
            row_cells = [texts[c] for c in cols]
            cell_ref = f"{column_letter(cols[0])}{row}"
        else:
            last = max(max(texts), first_col + 4)
            row_cells = [texts.get(c, "") for c in range(first_col, last + 1)]
            cell_ref = f"{column_letter(first_col + 3)}{row}"
        yield make_row(row_cells, Location(file=path, sheet=title, cell=cell_ref, row=row))
