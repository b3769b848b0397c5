"""The report as a spreadsheet (.xlsx), read with openpyxl.

Library choice, measured with bench/readers_xlsx.py on the sample workbook (12 KB,
143 rows; median of 20 runs): python-calamine 0.9.1 loads it with merged ranges in
about 1 ms, openpyxl 3.1.5 (read_only=False, needed for merged ranges) in about 15 ms.
calamine is 15 times faster, but it has no number formats: the 93,69% cell comes back
as 0.9369, a "100%" cell as 1.0 (which a rate would read as an ambiguous 1) and an "08"
shown through the format "00" as 8.0. The engine must see the text the agency saw, and
15 ms per report does not matter, so openpyxl it is.

Cells are turned back into the text a user sees: 76.0 is "76", 93.69 is "93,69", a
0.9369 under a percent format is "93,69%", 3 under the format "00" is "03". Text
cells stay as they are, so "03" keeps its zero.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from cchc_rules.errors import CchcError
from cchc_rules.limits import MAX_RAW_ROWS
from cchc_rules.model import Location
from cchc_rules.readers.layout import RawRow, make_row
from cchc_rules.readers.package import check_package
from cchc_rules.values import normalise

NAME = "xlsx"
EXTENSIONS = (".xlsx", ".xlsm")

# Checked on the XML before openpyxl builds a cell object for every <c> element.
MAX_XML_ELEMENTS = 250_000
_ROW_OR_CELL = re.compile(rb"<(?:\w{1,16}:)?(?:row|c)[\s/>]")
_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
_DECIMALS = re.compile(r"\.([0#?]+)")
_ZEROS = re.compile(r"^0+$")


def sniff(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") and b"xl/" in head


def read_rows(data: bytes, path: str) -> Iterator[RawRow]:
    check_package(
        data,
        path,
        "xlsx",
        "xl/workbook.xml",
        count_tags=_ROW_OR_CELL,
        count_under="xl/worksheets/",
        max_tags=MAX_XML_ELEMENTS,
    )
    try:
        rows = list(_workbook_rows(data, path))
    except CchcError:
        raise
    except Exception as exc:  # openpyxl raises many kinds; the user needs one message
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise CchcError("broken-file", path=path, format="xlsx", reason=reason) from None
    yield from rows


def _workbook_rows(data: bytes, path: str) -> Iterator[RawRow]:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # read_only=False: read-only worksheets do not know their merged ranges.
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True, keep_links=False)
    sheet, header_row, first_col = _table_sheet(book.worksheets)
    if sheet is None:
        return
    yield from _sheet_rows(sheet, header_row, first_col, path)


def _table_sheet(sheets: list[Any]) -> tuple[Any, int, int]:
    """The first sheet with an "STT" header cell, and where that cell is; else the first sheet."""
    for sheet in sheets:
        found = [key for key, cell in _cells(sheet).items() if _is_stt(cell.value)]
        if found:
            row, col = min(found)
            return sheet, row, col
    return (sheets[0], 1, 1) if sheets else (None, 1, 1)


def _cells(sheet: Any) -> dict[tuple[int, int], Any]:
    # The cells the file really holds. Public iteration (iter_rows, max_row) would create
    # a cell for every coordinate up to the furthest one, a million rows for a sheet
    # with one formatted cell at the bottom.
    cells: dict[tuple[int, int], Any] = sheet._cells
    return cells


def _is_stt(value: Any) -> bool:
    return isinstance(value, str) and normalise(value).upper() == "STT"


def _sheet_rows(sheet: Any, header_row: int, first_col: int, path: str) -> Iterator[RawRow]:
    from openpyxl.utils import get_column_letter

    by_row: dict[int, dict[int, str]] = {}
    for (row, col), cell in _cells(sheet).items():
        text = cell_text(cell)
        if text.strip():
            by_row.setdefault(row, {})[col] = text
    if len(by_row) > MAX_RAW_ROWS:
        raise CchcError("limit-exceeded", path=path, reason=f"{len(by_row)} non-empty rows > {MAX_RAW_ROWS}")
    for row in sorted(by_row):
        texts = by_row[row]
        if row < header_row:
            # Title lines may sit left of the table or span it: keep every cell, in order.
            cols = sorted(texts)
            cells = [texts[c] for c in cols]
            cell_ref = f"{get_column_letter(cols[0])}{row}"
        else:
            last = max(max(texts), first_col + 4)
            cells = [texts.get(c, "") for c in range(first_col, last + 1)]
            cell_ref = f"{get_column_letter(first_col + 3)}{row}"
        yield make_row(cells, Location(file=path, sheet=sheet.title, cell=cell_ref, row=row))


def cell_text(cell: Any) -> str:
    """The text a user sees in the cell (decimal comma, percent applied, no thousands dots)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return number_text(value, cell.number_format or "General")
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y" if value.time() == time() else "%d/%m/%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time | timedelta):
        return str(value)
    return str(value)


def number_text(value: float, number_format: str) -> str:
    """Render a number as its format shows it, never rounding away digits the cell holds.

    Thousands grouping in the format is left out: "1.712" in a count and in a rate read
    differently, and the stored number is unambiguous.
    """
    if not math.isfinite(value):
        return str(value)
    section = _LITERALS.sub("", number_format.split(";", 1)[0])
    percent = "%" in section
    text = _plain(value * 100 if percent else value)
    whole, _, fraction = text.partition(".")
    decimals = _DECIMALS.search(section)
    if decimals and len(fraction) < len(decimals.group(1)):
        fraction = fraction.ljust(len(decimals.group(1)), "0")
    if not fraction and _ZEROS.match(section) and not whole.startswith("-"):
        whole = whole.zfill(len(section))
    text = f"{whole},{fraction}" if fraction else whole
    return text + "%" if percent else text


def _plain(value: float) -> str:
    """Shortest decimal form without binary noise (0.9369*100 is 93.69) or an exponent."""
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(f"{value:.15g}"), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
