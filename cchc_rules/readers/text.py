"""The template copied out of Word as tab-separated text, exactly as agencies have it."""

from __future__ import annotations

from collections.abc import Iterator

from cchc_rules.model import Location
from cchc_rules.readers.decoding import decode
from cchc_rules.readers.layout import Layout, RawRow, build_layout_from_lines, make_row
from cchc_rules.values import normalise_text

NAME = "text"
EXTENSIONS = (".txt", ".tsv", ".tab")


def sniff(head: bytes) -> bool:
    return b"\t" in head or b"\t\x00" in head


def read_lines(data: bytes, path: str) -> list[str]:
    """The file's lines, decoded and normalised as a whole (so each cell needs only a strip)."""
    return normalise_text(decode(data, path), nfc=False).splitlines()  # decode gives NFC text


def read_rows(data: bytes, path: str) -> Iterator[RawRow]:
    for number, line in enumerate(read_lines(data, path), start=1):
        yield make_row(line.split("\t"), Location(file=path, line=number), normalised=True)


def read_layout(data: bytes, path: str) -> Layout:
    """build_layout(read_rows(data, path)), without a RawRow per line: the reader every audit
    worker runs on every report (loading.parse_bytes prefers it to read_rows)."""
    return build_layout_from_lines(read_lines(data, path), path)
