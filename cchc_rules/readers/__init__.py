"""Readers: one module per input format, each turning bytes into the same report model.

A reader module defines NAME, EXTENSIONS, sniff(head) and either read_rows(data, path),
yielding the template's five-column rows, or read_report(data, path) for formats that
carry the model itself; a read_rows module may add read_layout(data, path), the same
Layout as build_layout(read_rows(...)) only faster. Modules are imported only when a file needs them.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import NamedTuple


class ReaderSpec(NamedTuple):
    """An input format: its name, the file extensions it claims and the module that reads it.

    A NamedTuple rather than a dataclass, which would cost every start of `cchc` a
    millisecond to build."""

    name: str
    extensions: tuple[str, ...]
    module: str

    def load(self) -> ModuleType:
        return importlib.import_module(self.module)


BUILTIN_READERS: tuple[ReaderSpec, ...] = (
    ReaderSpec("docx", (".docx",), "cchc_rules.readers.docx"),
    ReaderSpec("xlsx", (".xlsx", ".xlsm"), "cchc_rules.readers.xlsx"),
    ReaderSpec("json", (".json", ".yaml", ".yml"), "cchc_rules.readers.jsonfmt"),
    ReaderSpec("csv", (".csv",), "cchc_rules.readers.csvfmt"),
    ReaderSpec("text", (".txt", ".tsv", ".tab"), "cchc_rules.readers.text"),
)


def sniff_name(head: bytes) -> str | None:
    """Guess a format from the first bytes, for files whose extension says nothing."""
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in head:
            return "docx"
        if b"xl/" in head:
            return "xlsx"
        return "zip"
    if _looks_binary(head):
        return None
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"{", b"[")):
        return "json"
    if stripped.startswith((b"meta:", b"entries:", b"---")):
        return "json"
    if b"\t" in head or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    if b"," in head or b";" in head:
        return "csv"
    return None


def _looks_binary(head: bytes) -> bool:
    """Control bytes other than white space: not a text format whatever its tabs say."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32 or b == 127)
    return controls > max(2, len(head) // 100)
