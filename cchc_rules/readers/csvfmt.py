"""The five-column table saved as CSV (Excel's "CSV UTF-8", or ";"-separated where
the decimal comma is the locale's, as in Vietnam)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from cchc_rules.errors import CchcError
from cchc_rules.model import Location
from cchc_rules.readers.decoding import decode
from cchc_rules.readers.layout import RawRow, make_row

NAME = "csv"
EXTENSIONS = (".csv",)

DELIMITERS = ",;\t"
_SAMPLE_LINES = 50


def sniff(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf")
    if b"\x00" in text:
        return False
    first = next((line for line in text.splitlines() if line.strip()), b"")
    return b"," in first or b";" in first


def read_rows(data: bytes, path: str) -> Iterator[RawRow]:
    text = decode(data, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text))
    start = 1
    try:
        for cells in reader:
            yield make_row(cells, Location(file=path, line=start))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise CchcError("broken-file", path=path, format="CSV", reason=f"line {start}: {exc}") from None


def delimiter_of(text: str) -> str:
    """The delimiter csv.Sniffer finds among ",", ";" and tab, else ","."""
    sample = "\n".join(text[:65536].splitlines()[:_SAMPLE_LINES])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","
