"""Build the sample report in every input format and encoding, from the text sample.

Run `python tests/make_fixtures.py OUTDIR`, or import build_all(outdir). The files are
generated (by the test session, into a temporary directory) rather than committed,
so they can never drift from the sample they are meant to equal.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if __name__ == "__main__" and str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run as a script from a checkout that is not installed

from cchc_rules.loading import read_report  # noqa: E402
from cchc_rules.model import Entry, Report, dump  # noqa: E402
from cchc_rules.readers import text as text_reader  # noqa: E402
from cchc_rules.readers.layout import build_layout, is_header  # noqa: E402

SAMPLE = ROOT / "examples" / "phu-luc-2-thanh-tra-tinh-2021.txt"

TABLE_FORMATS = ("sample.docx", "sample.xlsx", "sample.csv", "sample-semicolon.csv")
MODEL_FORMATS = ("sample.json", "sample.yaml")
ENCODINGS = (
    "sample-utf8-bom.txt",
    "sample-utf16.txt",
    "sample-cp1258.txt",
    "sample-crlf.txt",
    "sample-nfd.txt",
)
ALL = TABLE_FORMATS + MODEL_FORMATS + ENCODINGS

# The note of 1.3 is one Word (and Excel) cell merged down over 1.3 and 1.3.1.
MERGED_NOTE = ("1.3", "1.3.1")
# Values stored as numbers in the xlsx, with the number format that shows them as written.
PERCENT_CELLS = {"93,69%": (0.9369, "0.00%"), "100%": (1, "0%")}
PADDED_NUMBER = {"3.2.b": "00"}  # "08" stored as the number 8 under the format "00"
FLOAT_NUMBER = {"4.2.a"}  # "38" stored as the float 38.0
TEXT_KEPT = {"1.2", "3.2.a"}  # "03", "09" as text cells: the zero must survive

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def build_all(outdir: Path) -> dict[str, Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    report = read_report(SAMPLE)
    titles, headers = title_and_header_lines()
    rows = [entry_row(entry) for entry in report.entries]
    out = {name: outdir / name for name in ALL}
    write_docx(out["sample.docx"], titles, headers, report.entries)
    write_xlsx(out["sample.xlsx"], titles, headers, report.entries)
    write_csv(out["sample.csv"], titles, headers, rows, ",", bom=True)
    write_csv(out["sample-semicolon.csv"], titles, headers, rows, ";", bom=False)
    write_model(out["sample.json"], out["sample.yaml"], report)
    write_encodings(out)
    return out


def title_and_header_lines() -> tuple[list[str], list[tuple[str, ...]]]:
    """The lines above the table, and the two header rows, as the sample has them."""
    rows = list(text_reader.read_rows(SAMPLE.read_bytes(), str(SAMPLE)))
    titles = [text for text, _ in build_layout(rows).title_lines]
    first = next(i for i, row in enumerate(rows) if is_header(row.cells))
    return titles, [rows[first].cells, rows[first + 1].cells]


def entry_row(entry: Entry) -> tuple[str, str, str, str, str]:
    """The row an entry came from, continuations already joined ("- " back on sub-items)."""
    name = entry.name if entry.stt else f"- {entry.name}"
    return (entry.stt, name, entry.unit, entry.raw, entry.note)


def write_csv(
    path: Path,
    titles: Sequence[str],
    headers: Sequence[Sequence[str]],
    rows: Sequence[Sequence[str]],
    delimiter: str,
    *,
    bom: bool,
) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for title in titles:
        writer.writerow([title])
    writer.writerows(headers)
    writer.writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))


def write_model(json_path: Path, yaml_path: Path, report: Report) -> None:
    import yaml

    meta = dump(report.meta, exclude_none=True, exclude={"source", "title_line"})
    entries = [
        {"id": e.id, "stt": e.stt, "name": e.name, "unit": e.unit, "raw": e.raw, "note": e.note} for e in report.entries
    ]
    json_path.write_text(json.dumps({"meta": meta, "entries": entries}, ensure_ascii=False, indent=2), "utf-8")
    # The YAML variant carries locations (those of the text sample) and a stale value,
    # which the reader must keep and ignore respectively.
    located = [
        {**item, "value": {"status": "number"}, "location": {"line": e.location.line}}
        for item, e in zip(entries, report.entries, strict=True)
    ]
    yaml_path.write_text(
        yaml.safe_dump({"meta": meta, "entries": located}, allow_unicode=True, sort_keys=False), "utf-8"
    )


def write_docx(path: Path, titles: Sequence[str], headers: Sequence[Sequence[str]], entries: Sequence[Entry]) -> None:
    import docx

    document = docx.Document()
    for title in titles:
        document.add_paragraph(title)
    table = document.add_table(rows=2 + len(entries), cols=5)
    table.style = "Table Grid"
    # Header: STT, name and note span both header rows; "Kết quả thống kê" spans unit and value.
    for col in (0, 1, 4):
        table.cell(0, col).merge(table.cell(1, col)).text = headers[0][col]
    table.cell(0, 2).merge(table.cell(0, 3)).text = headers[0][2]
    table.cell(1, 2).text = headers[1][2]
    table.cell(1, 3).text = headers[1][3]
    index = {entry.id: i for i, entry in enumerate(entries)}
    top, below = (index[ident] + 2 for ident in MERGED_NOTE)
    for number, entry in enumerate(entries, start=2):
        cells = table.rows[number].cells
        for col, text in enumerate(entry_row(entry)[:4]):
            cells[col].text = text
        if number != below:
            cells[4].text = entry.note
    merged = table.cell(top, 4).merge(table.cell(below, 4))
    merged.text = entries[top - 2].note
    document.save(str(path))


def write_xlsx(path: Path, titles: Sequence[str], headers: Sequence[Sequence[str]], entries: Sequence[Entry]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    guide = book.active
    guide.title = "Hướng dẫn"
    guide["A1"] = "Điền số liệu vào trang Phụ lục 2; không sửa cột STT."
    sheet = book.create_sheet("Phụ lục 2")
    for row, title in enumerate(titles, start=1):
        sheet.cell(row, 1, title)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
    head = len(titles) + 2
    for col in (1, 2, 5):
        sheet.cell(head, col, headers[0][col - 1])
        sheet.merge_cells(start_row=head, start_column=col, end_row=head + 1, end_column=col)
    sheet.cell(head, 3, headers[0][2])
    sheet.merge_cells(start_row=head, start_column=3, end_row=head, end_column=4)
    sheet.cell(head + 1, 3, headers[1][2])
    sheet.cell(head + 1, 4, headers[1][3])
    first = head + 2
    rows = {entry.id: first + i for i, entry in enumerate(entries)}
    for entry in entries:
        row = rows[entry.id]
        stt, name, unit, raw, note = entry_row(entry)
        for col, text in ((1, stt), (2, name), (3, unit)):
            if text:
                sheet.cell(row, col, text)
        _value_cell(sheet.cell(row, 4), entry.id, raw)
        if note and entry.id != MERGED_NOTE[1]:
            sheet.cell(row, 5, note)
    top, below = (rows[ident] for ident in MERGED_NOTE)
    sheet.merge_cells(start_row=top, start_column=5, end_row=below, end_column=5)
    book.save(str(path))


def _value_cell(cell: Any, ident: str, raw: str) -> None:
    """Numbers as numbers where Excel would store them so; zero-padded text stays text."""
    if not raw:
        return
    if raw in PERCENT_CELLS:
        number, number_format = PERCENT_CELLS[raw]
        cell.value, cell.number_format = number, number_format
    elif ident in PADDED_NUMBER:
        cell.value, cell.number_format = int(raw), PADDED_NUMBER[ident]
    elif ident in FLOAT_NUMBER:
        cell.value = float(raw)
    elif raw.isdigit() and (raw == "0" or not raw.startswith("0")) and ident not in TEXT_KEPT:
        cell.value = int(raw)
    else:
        cell.value = raw
        cell.data_type = "s"


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as old Vietnamese tools write it: precomposed base letters (â, ơ, ư,
    ...) and combining tone marks, since cp1258 has no code for most toned letters."""
    out: list[bytes] = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        tones = "".join(c for c in decomposed if c in _TONES)
        out.append(base.encode("cp1258") + tones.encode("cp1258"))
    return b"".join(out)


def write_encodings(out: dict[str, Path]) -> None:
    data = SAMPLE.read_bytes()
    text = data.decode("utf-8")
    out["sample-utf8-bom.txt"].write_bytes(b"\xef\xbb\xbf" + data)
    out["sample-utf16.txt"].write_bytes(text.encode("utf-16"))
    out["sample-cp1258.txt"].write_bytes(encode_cp1258(text))
    out["sample-crlf.txt"].write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    out["sample-nfd.txt"].write_bytes(unicodedata.normalize("NFD", text).encode("utf-8"))


def main(argv: Sequence[str]) -> int:
    if len(argv) != 1:
        print("usage: python tests/make_fixtures.py OUTDIR", file=sys.stderr)
        return 2
    for name, path in build_all(Path(argv[0])).items():
        print(f"{name}\t{path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
