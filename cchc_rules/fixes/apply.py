"""Write a corrected copy of a report with accepted suggestions, and nothing else changed.

- Text (the table copied out of Word, .txt/.tsv): only the value cells of the accepted
  changes are replaced, in the original text. Everything else stays byte for byte: the
  encoding and its byte-order mark, line endings, page-break headers, notes, spacing.
- Excel (.xlsx/.xlsm): a copy of the workbook with the value cells replaced (openpyxl).
- Anything else (Word, CSV, JSON/YAML): the project's own report format, JSON or YAML by
  the output's extension, which `cchc` reads back (schemas/report.schema.json).
The input file is never written: outputs.write_atomic refuses to.
"""

from __future__ import annotations

import codecs
import io
import json
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from cchc_rules.errors import CchcError
from cchc_rules.fixes.model import Suggestion
from cchc_rules.model import Report, dump
from cchc_rules.values import normalise

VALUE_COLUMN = 3
TEXT_SUFFIXES = (".txt", ".tsv", ".tab")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
MODEL_SUFFIXES = (".json", ".yaml", ".yml")
_INTEGER = re.compile(r"^(?:0|[1-9]\d*)$")


@dataclass(frozen=True)
class TextSource:
    """A text report decoded as the reader decodes it, but not normalised, with how to encode it back."""

    text: str
    codec: str
    bom: bytes

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)


def text_source(data: bytes) -> TextSource:
    """The same choices as readers/decoding.py: UTF-8 with or without BOM, UTF-16 with BOM, Windows-1258."""
    if data.startswith(codecs.BOM_UTF8):
        return TextSource(data[3:].decode("utf-8"), "utf-8", codecs.BOM_UTF8)
    if data.startswith(codecs.BOM_UTF16_LE):
        return TextSource(data[2:].decode("utf-16-le"), "utf-16-le", codecs.BOM_UTF16_LE)
    if data.startswith(codecs.BOM_UTF16_BE):
        return TextSource(data[2:].decode("utf-16-be"), "utf-16-be", codecs.BOM_UTF16_BE)
    try:
        return TextSource(data.decode("utf-8"), "utf-8", b"")
    except UnicodeDecodeError:
        return TextSource(data.decode("cp1258"), "cp1258", b"")


def split_ending(line: str) -> tuple[str, str]:
    body = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
    return body, line[len(body) :]


def cell_span(body: str, column: int = VALUE_COLUMN) -> tuple[int, int] | None:
    """Code-point offsets [start, end) of a tab-separated cell in a line; None if the line is shorter."""
    start = 0
    for _ in range(column):
        tab = body.find("\t", start)
        if tab < 0:
            return None
        start = tab + 1
    end = body.find("\t", start)
    return start, len(body) if end < 0 else end


def value_line(lines: Sequence[str], suggestion: Suggestion) -> int | None:
    """The index of the line that holds this row's value cell, checked against what it reads."""
    location = suggestion.location
    if location is None or location.line is None:
        return None
    for number in (location.line, *location.continued):
        if not 1 <= number <= len(lines):
            continue
        body, _ = split_ending(lines[number - 1])
        span = cell_span(body)
        cell = body[span[0] : span[1]] if span else ""
        if normalise(cell) == normalise(suggestion.current_raw) and (span is not None or not suggestion.current_raw):
            return number - 1
    return None


def fix_text(data: bytes, suggestions: Sequence[Suggestion]) -> bytes:
    source = text_source(data)
    lines = source.text.splitlines(keepends=True)
    for suggestion in suggestions:
        index = value_line(lines, suggestion)
        if index is None:
            raise CchcError(
                "invalid-report", path=str(suggestion.location.file if suggestion.location else ""),
                reason=f"{suggestion.indicator}: the value cell is not where it was read; nothing written",
            )  # fmt: skip
        body, ending = split_ending(lines[index])
        span = cell_span(body)
        if span is None:
            cells = body.split("\t")
            cells += [""] * (VALUE_COLUMN + 1 - len(cells))
            cells[VALUE_COLUMN] = suggestion.proposed_raw
            body = "\t".join(cells)
        else:
            body = body[: span[0]] + suggestion.proposed_raw + body[span[1] :]
        lines[index] = body + ending
    return source.encode("".join(lines))


def fix_xlsx(data: bytes, suggestions: Sequence[Suggestion], keep_vba: bool = False) -> bytes:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(io.BytesIO(data), keep_links=False, keep_vba=keep_vba)
    for suggestion in suggestions:
        location = suggestion.location
        if location is None or location.sheet not in book.sheetnames or not location.cell:
            raise CchcError("invalid-report", path=str(location.file if location else ""),
                            reason=f"{suggestion.indicator}: no cell to write; nothing written")  # fmt: skip
        cell = book[location.sheet][location.cell]
        proposed = suggestion.proposed_raw
        if not proposed:
            cell.value = None
        elif _INTEGER.match(proposed):
            cell.value = int(proposed)
        else:
            cell.value = proposed
            cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def fix_model(report: Report, suggestions: Sequence[Suggestion], yaml_out: bool) -> bytes:
    """The report in the project's own format, values as they will read after the fix."""
    changes = {s.indicator: s.proposed_raw for s in suggestions}
    seen: set[str] = set()
    entries = []
    for entry in report.entries:
        raw = changes[entry.id] if entry.id in changes and entry.id not in seen else entry.raw
        seen.add(entry.id)
        entries.append(dump(replace(entry, raw=raw), exclude={"value", "known", "location"}))
    meta = dump(report.meta, exclude_none=True, exclude={"source", "title_line"})
    document = {"meta": meta, "entries": entries}
    if yaml_out:
        import yaml

        return yaml.safe_dump(document, allow_unicode=True, sort_keys=False).encode("utf-8")
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def output_kind(source: Path, output: Path) -> str:
    """text, xlsx or model: what `cchc fix` writes for this input and this output name."""
    suffix, out = source.suffix.lower(), output.suffix.lower()
    if out in MODEL_SUFFIXES:
        return "model"
    if suffix in TEXT_SUFFIXES or (suffix not in EXCEL_SUFFIXES and suffix not in MODEL_SUFFIXES and _is_text(source)):
        return "text"
    if suffix in EXCEL_SUFFIXES and out in EXCEL_SUFFIXES:
        return "xlsx"
    raise CchcError(
        "usage",
        reason=f"cannot write {source.suffix or 'this input'} as {output.suffix or 'a file without extension'}; "
        "write a .json or .yaml report (cchc reads both)" + (" or an .xlsx copy" if suffix in EXCEL_SUFFIXES else ""),
    )


def _is_text(path: Path) -> bool:
    from cchc_rules.loading import choose_reader

    try:
        head = path.read_bytes()[:4096]
        return choose_reader(path, head).name == "text"
    except (OSError, CchcError):
        return False


def write_fixed(source: Path, output: Path, report: Report, suggestions: Sequence[Suggestion]) -> str:
    """Write the corrected copy; returns what was written (text, xlsx or model)."""
    from cchc_rules.loading import read_bytes
    from cchc_rules.outputs import write_atomic

    kind = output_kind(source, output)
    if kind == "text":
        payload = fix_text(read_bytes(source), suggestions)
    elif kind == "xlsx":
        payload = fix_xlsx(read_bytes(source), suggestions, keep_vba=source.suffix.lower() == ".xlsm")
    else:
        payload = fix_model(report, suggestions, yaml_out=output.suffix.lower() in (".yaml", ".yml"))
    write_atomic(output, payload, [source])
    return kind
