"""The template copied out of Word as tab-separated text, exactly as agencies have it."""

from __future__ import annotations

from collections.abc import Iterator

from cchc_rules.model import Location
from cchc_rules.readers.decoding import decode
from cchc_rules.readers.layout import RawRow, make_row
from cchc_rules.values import normalise_text

NAME = "text"
EXTENSIONS = (".txt", ".tsv", ".tab")


def sniff(head: bytes) -> bool:
    return b"\t" in head or b"\t\x00" in head


def read_rows(data: bytes, path: str) -> Iterator[RawRow]:
    text = normalise_text(decode(data, path))
    for number, line in enumerate(text.splitlines(), start=1):
        yield make_row(line.split("\t"), Location(file=path, line=number), normalised=True)
