"""One worksheet's cells, read from its XML with the values openpyxl 3.1 gave them
(load_workbook(data_only=True)): the cached result of a formula, a shared or inline
string, a number, a date where the cell's style shows one. Only the cells the file holds
are built, and those a merged range hides are dropped."""

from __future__ import annotations

import re
from functools import lru_cache
from string import ascii_uppercase
from typing import Any
from xml.etree.ElementTree import Element

from cchc_rules.readers.merged import Range, hidden
from cchc_rules.readers.numfmt import from_iso, from_serial
from cchc_rules.readers.ooxml import local_name
from cchc_rules.readers.package import Package
from cchc_rules.readers.xlsx_book import MAIN, Book, rich_text

MAX_ROWS_AND_CELLS = 250_000  # of one sheet (the whole XML tree is bounded by readers.package)
MAX_COLUMN = 18_278  # "ZZZ", the widest openpyxl reads
_RANGE = re.compile(r"^[$]?([A-Za-z]{1,3})?[$]?(\d+)?(:[$]?([A-Za-z]{1,3})?[$]?(\d+)?)?$")
_ROW, _VALUE, _INLINE, _MERGES = MAIN + "row", MAIN + "v", MAIN + "is", MAIN + "mergeCells"


Cell = tuple[Any, int]  # the value (never None: str, int, float, bool or a date/time) and its style's index


def sheet_cells(package: Package, part: str, book: Book) -> dict[tuple[int, int], Cell]:
    """(row, column) -> the cell, for every cell with a value that no merged range hides."""
    root = package.xml(part)
    cells: dict[tuple[int, int], Cell] = {}
    styles = len(book.formats)
    counted = row = 0
    for row_element in root.iter(_ROW):
        row = _row_number(row_element.get("r"), row)
        col = 0
        counted += 1 + len(row_element)
        if counted > MAX_ROWS_AND_CELLS:
            raise package.limit(f"{part}: more than {MAX_ROWS_AND_CELLS} rows or cells")
        for element in row_element:
            style = int(element.get("s") or 0)
            if not -styles <= style < styles:  # indexed as openpyxl indexed its list of styles
                raise ValueError(f"cell style {style} is not in the workbook")
            coordinate = element.get("r")
            if coordinate:
                row_at, col = _coordinate(coordinate)
            else:
                row_at, col = row, col + 1
            value = _value(element, style, book)
            if value is None:
                cells.pop((row_at, col), None)
            else:
                cells[(row_at, col)] = (value, style)
    merges = list(root.iter(_MERGES))
    if merges:
        ranges = [_range(merge.get("ref")) for merge in merges[-1] if local_name(merge.tag) == "mergeCell"]
        for key in hidden(cells, ranges):
            del cells[key]
    return cells


def _value(element: Element, style: int, book: Book) -> Any:
    kind = element.get("t", "n")
    if kind == "inlineStr":
        inline = element.find(_INLINE)
        return None if inline is None else rich_text(inline)
    raw = element.findtext(_VALUE) or None
    if raw is None:
        return None
    if kind == "n":
        number = float(raw) if "." in raw or "E" in raw or "e" in raw else int(raw)
        if style not in book.dates:
            return number
        try:
            return from_serial(number, book.epoch, style in book.elapsed)
        except (OverflowError, ValueError):
            return "#VALUE!"  # openpyxl's reading of a date serial out of range
    if kind == "s":
        return book.strings[int(raw)]
    if kind == "b":
        return bool(int(raw))
    if kind == "d":
        return from_iso(raw)
    return raw  # "str" (a formula's text), "e" (an error such as #DIV/0!), anything else as written


def _row_number(text: str | None, previous: int) -> int:
    if text is None:
        return previous + 1
    try:
        return int(text)
    except ValueError:
        number = float(text)
        if not number.is_integer():
            raise ValueError(f"{text} is not a valid row number") from None
        return int(number)


@lru_cache(maxsize=65536)  # every report of a batch has the same "A7" ... "E147"
def _coordinate(text: str) -> tuple[int, int]:
    """The (row, column) of "D7", split as openpyxl split it: the letters before the first digit, then the rest."""
    split = next((i for i, char in enumerate(text) if char.isdecimal() and char.isascii()), len(text) - 1)
    return int(text[split:]), column_index(text[:split])


def _range(ref: str | None) -> Range:
    """A merged range's bounds; openpyxl's rules: a single cell is a range, rows or columns alone are not."""
    match = _RANGE.match((ref or "").rpartition("!")[2])
    if ref is None or not match:
        raise ValueError(f"{ref} is not a valid coordinate or range")
    min_col, min_row, colon, max_col, max_row = match.groups()
    if not (min_col and min_row) or (colon and not (max_col and max_row)):
        raise ValueError(f"{ref} is not a valid cell range")
    first_row, first_col = int(min_row), column_index(min_col)
    last_row, last_col = (int(max_row), column_index(max_col)) if colon else (first_row, first_col)
    if first_col > last_col or first_row > last_row:
        raise ValueError(f"{ref}: its end comes before its start")
    return first_row, first_col, last_row, last_col


def column_index(letters: str) -> int:
    """The column number of "A" (1) to "ZZZ" (18278); anything else is an error, as in openpyxl."""
    index = 0
    for letter in letters.upper():
        if letter not in ascii_uppercase or not letters.isascii():
            raise ValueError(f"{letters!r} is not a valid column name")
        index = index * 26 + ascii_uppercase.index(letter) + 1
    if not 0 < index <= MAX_COLUMN or len(letters) > 3:
        raise ValueError(f"{letters!r} is not a valid column name")
    return index


def column_letter(index: int) -> str:
    if not 1 <= index <= MAX_COLUMN:
        raise ValueError(f"Invalid column index {index}")
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = ascii_uppercase[remainder] + letters
    return letters
