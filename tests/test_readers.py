"""Every input format and encoding reads to the same report as the text sample; broken
and hostile inputs end in a CchcError (exit code 2), never in a traceback."""

from __future__ import annotations

import io
import json
import random
import time
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_rules.errors import CchcError
from cchc_rules.loading import load_report
from cchc_rules.model import Entry, Report, ReportMeta, dump, field_names
from cchc_rules.readers import csvfmt, jsonfmt, text
from cchc_rules.readers.layout import build_layout
from cchc_rules.readers.xlsx import number_text
from cchc_rules.resources import schema_path

from make_fixtures import ALL, MERGED_NOTE, SAMPLE


@pytest.fixture(scope="module")
def reference() -> Report:
    return load_report(SAMPLE)


def _key(entry: Entry) -> tuple[Any, ...]:
    return (entry.id, entry.name, entry.unit, entry.raw, entry.note, entry.value)


# -- same report from every format -------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_every_format_reads_to_the_sample_entries(name: str, fixtures_dir: dict[str, Path], reference: Report) -> None:
    report = load_report(fixtures_dir[name])
    assert len(report.entries) == 141
    for expected, got in zip(reference.entries, report.entries, strict=True):
        assert _key(got) == _key(expected)


@pytest.mark.parametrize("name", ALL)
def test_every_format_carries_the_title_metadata(name: str, fixtures_dir: dict[str, Path], reference: Report) -> None:
    meta = load_report(fixtures_dir[name]).meta
    for field in ("agency", "agency_kind", "period", "report_code", "template_id"):
        assert getattr(meta, field) == getattr(reference.meta, field), field


def test_xlsx_locations_are_sheet_and_cell(fixtures_dir: dict[str, Path]) -> None:
    report = load_report(fixtures_dir["sample.xlsx"])
    first = report.entries[0].location
    assert (first.sheet, first.cell, first.row, first.line) == ("Phụ lục 2", "D7", 7, None)
    for index, entry in enumerate(report.entries):
        assert entry.location.sheet == "Phụ lục 2"
        assert entry.location.cell == f"D{7 + index}"


def test_docx_locations_are_table_and_row(fixtures_dir: dict[str, Path]) -> None:
    report = load_report(fixtures_dir["sample.docx"])
    for index, entry in enumerate(report.entries):
        assert (entry.location.table, entry.location.row) == (1, 3 + index)


def test_text_and_csv_locations_are_lines(fixtures_dir: dict[str, Path], reference: Report) -> None:
    utf16 = load_report(fixtures_dir["sample-utf16.txt"])
    assert [e.location.line for e in utf16.entries] == [e.location.line for e in reference.entries]
    csv_report = load_report(fixtures_dir["sample.csv"])
    # Three title lines and two header lines: the table starts on line 6.
    assert [e.location.line for e in csv_report.entries] == list(range(6, 6 + 141))


def test_merged_note_is_attached_once(fixtures_dir: dict[str, Path], reference: Report) -> None:
    expected = reference.by_id()[MERGED_NOTE[0]][0].note
    for name in ("sample.docx", "sample.xlsx"):
        entries = load_report(fixtures_dir[name]).by_id()
        assert entries[MERGED_NOTE[0]][0].note == expected
        assert entries[MERGED_NOTE[1]][0].note == ""
        assert entries[MERGED_NOTE[1]][0].raw == "05/05"


def test_xlsx_numbers_read_as_written(fixtures_dir: dict[str, Path]) -> None:
    entries = load_report(fixtures_dir["sample.xlsx"]).by_id()
    raws = {ident: entries[ident][0].raw for ident in ("1.1.a", "1.2", "3.2.a", "3.2.b", "3.4.1.3", "7.6.3", "7.6.3.a")}
    assert raws == {
        "1.1.a": "76",
        "1.2": "03",
        "3.2.a": "09",
        "3.2.b": "08",
        "3.4.1.3": "100%",
        "7.6.3": "1712",
        "7.6.3.a": "93,69%",
    }


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (76, "General", "76"),
        (76.0, "General", "76"),
        (93.69, "General", "93,69"),
        (0.9369, "0.00%", "93,69%"),
        (0.9369, "0%", "93,69%"),  # never round away what the cell holds
        (1, "0%", "100%"),
        (0.5, "0.00%", "50,00%"),
        (3, "00", "03"),
        (1712, "#,##0", "1712"),
        (1500000.0, "#,##0_);(#,##0)", "1500000"),
        (5, "0.0", "5,0"),
        (-2, "General", "-2"),
        (1e-7, "General", "0,0000001"),
        (1.5e20, "General", "150000000000000000000"),
        (0.1 + 0.2, "General", "0,3"),
        (0.25, '"Tỷ lệ "0.00%', "25,00%"),
    ],
)
def test_xlsx_number_text(value: float, number_format: str, shown: str) -> None:
    assert number_text(value, number_format) == shown


def test_json_entries_without_location_get_their_line(fixtures_dir: dict[str, Path]) -> None:
    path = fixtures_dir["sample.json"]
    lines = path.read_text("utf-8").splitlines()
    for entry in load_report(path).entries:
        assert entry.location.file == str(path)
        assert entry.location.line is not None
        assert f'"id": "{entry.id}"' in "".join(lines[entry.location.line - 1 : entry.location.line + 1])


def test_yaml_entries_are_located_in_the_yaml_file(fixtures_dir: dict[str, Path]) -> None:
    """Findings must point at the file being checked, whatever it was converted from."""
    path = fixtures_dir["sample.yaml"]
    report = load_report(path)
    lines = path.read_text("utf-8").split("\n")
    assert all(e.location.file == str(path) for e in report.entries)
    for entry in report.entries:
        assert entry.location.line is not None and entry.id in lines[entry.location.line - 1]


def test_report_schema_accepts_the_fixtures_and_matches_the_model(fixtures_dir: dict[str, Path]) -> None:
    schema = json.loads(schema_path("report").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(json.loads(fixtures_dir["sample.json"].read_text("utf-8")))
    validator.validate(yaml.safe_load(fixtures_dir["sample.yaml"].read_text("utf-8")))
    assert set(schema["$defs"]["meta"]["properties"]) == set(field_names(ReportMeta))
    assert set(schema["$defs"]["entry"]["properties"]) == set(field_names(Entry))


def test_a_dumped_report_reads_back(reference: Report, tmp_path: Path) -> None:
    """What `cchc parse --json` prints (the model, values and all) is valid input."""
    dumped = dump(reference)
    path = tmp_path / "dumped.json"
    path.write_text(json.dumps(dumped, ensure_ascii=False), "utf-8")
    schema = json.loads(schema_path("report").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(dumped)
    report = load_report(path)
    assert [_key(e) for e in report.entries] == [_key(e) for e in reference.entries]
    assert all(e.location.file == str(path) for e in report.entries)


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("list.json", b"[1, 2]", "mapping"),
        ("bad.json", b'{"entries": [', "line 1"),
        ("nested.json", b"[" * 100_000, "deep"),
        ("number.yaml", b"entries:\n  - id: '1.2'\n    raw: 03\n", "quote it"),
        ("typo.yaml", b"entries:\n  - id: '1.2'\n    rwa: '03'\n", "line 3"),
        ("meta.json", b'{"meta": {"agncy": "x"}, "entries": []}', "agncy"),
        ("noid.json", b'{"entries": [{"raw": "1"}]}', "id"),
        ("tabs.yaml", b"entries:\n\t- id: x\n", "line"),
        ("missing.yaml", b"meta: {}\n", "entries"),
    ],
)
def test_invalid_report_files(tmp_path: Path, name: str, content: bytes, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CchcError) as caught:
        load_report(path)
    assert caught.value.code == "invalid-report"
    assert caught.value.exit_code == 2
    assert says in caught.value.message("en")


def test_csv_record_over_several_lines_keeps_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_text(
        'STT;Chỉ tiêu;Đơn vị tính;Số liệu;Ghi chú\n1.1.;"Kế hoạch\nCCHC";;;"a;\nb"\n1.2.;Văn bản;Văn bản;03;\n',
        "utf-8",
    )
    rows = list(csvfmt.read_rows(path.read_bytes(), str(path)))
    assert [row.location.line for row in rows] == [1, 2, 5]
    assert rows[1].cells == ("1.1.", "Kế hoạch\nCCHC", "", "", "a;\nb")


# -- broken and hostile inputs -----------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _replace_member(package: Path, name: str, data: bytes) -> bytes:
    with zipfile.ZipFile(package) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members[name] = data
    return _zip(members)


_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
    )
    + b"]>\n"
)


def _hostile(fixtures_dir: dict[str, Path]) -> dict[str, tuple[str, bytes, str]]:
    docx_bytes = fixtures_dir["sample.docx"].read_bytes()
    xlsx_bytes = fixtures_dir["sample.xlsx"].read_bytes()
    noise = random.Random(1258).randbytes(4096)
    bomb = b'<?xml version="1.0"?><w:document>' + b" " * (50 * 1024 * 1024) + b"</w:document>"
    return {
        "unknown": (
            "report.pdf",
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n",
            "unknown-format",
        ),
        "truncated-xlsx": ("half.xlsx", xlsx_bytes[: len(xlsx_bytes) // 2], "broken-file"),
        "truncated-docx": ("half.docx", docx_bytes[: len(docx_bytes) // 2], "broken-file"),
        "noise-txt": ("noise.txt", noise, ""),
        "noise-csv": ("noise.csv", noise, ""),
        "empty": ("empty.txt", b"", "empty-file"),
        "blank": ("blank.docx", b" \n\t\n", "empty-file"),
        "text-as-docx": ("text.docx", SAMPLE.read_bytes(), "broken-file"),
        "ole-as-xlsx": ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), "broken-file"),
        "zip-without-document": ("other.docx", _zip({"word/other.xml": b"<a/>"}), "broken-file"),
        "docx-without-content-types": (
            "bare.docx",
            _zip({"word/document.xml": b'<?xml version="1.0"?><w:document/>'}),
            "broken-file",
        ),
        "docx-bad-xml": (
            "badxml.docx",
            _replace_member(fixtures_dir["sample.docx"], "word/document.xml", b"<w:document><w:body>"),
            "broken-file",
        ),
        "xlsx-bad-xml": (
            "badxml.xlsx",
            _replace_member(fixtures_dir["sample.xlsx"], "xl/workbook.xml", b"<workbook"),
            "broken-file",
        ),
        "docx-zip-bomb": (
            "bomb.docx",
            _replace_member(fixtures_dir["sample.docx"], "word/document.xml", bomb),
            "limit-exceeded",
        ),
        "xlsx-zip-bomb": (
            "bomb.xlsx",
            _replace_member(fixtures_dir["sample.xlsx"], "xl/sharedStrings.xml", bomb),
            "limit-exceeded",
        ),
        "docx-billion-laughs": (
            "laughs.docx",
            _replace_member(
                fixtures_dir["sample.docx"], "word/document.xml", _LAUGHS + b"<w:document>&lol9;</w:document>"
            ),
            "broken-file",
        ),
        "xlsx-billion-laughs": (
            "laughs.xlsx",
            _replace_member(fixtures_dir["sample.xlsx"], "xl/sharedStrings.xml", _LAUGHS + b"<sst>&lol9;</sst>"),
            "broken-file",
        ),
        "bomb-by-sniffing": (
            "bomb.bin",
            _replace_member(fixtures_dir["sample.docx"], "word/document.xml", bomb),
            "",
        ),
    }


HOSTILE = [
    "unknown",
    "truncated-xlsx",
    "truncated-docx",
    "noise-txt",
    "noise-csv",
    "empty",
    "blank",
    "text-as-docx",
    "ole-as-xlsx",
    "zip-without-document",
    "docx-without-content-types",
    "docx-bad-xml",
    "xlsx-bad-xml",
    "docx-zip-bomb",
    "xlsx-zip-bomb",
    "docx-billion-laughs",
    "xlsx-billion-laughs",
    "bomb-by-sniffing",
]


@pytest.fixture(scope="module")
def hostile(fixtures_dir: dict[str, Path]) -> dict[str, tuple[str, bytes, str]]:
    return _hostile(fixtures_dir)


@pytest.mark.parametrize("case", HOSTILE)
def test_broken_inputs_are_user_errors(case: str, hostile: dict[str, tuple[str, bytes, str]], tmp_path: Path) -> None:
    name, content, code = hostile[case]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CchcError) as caught:
        load_report(path)
    assert caught.value.exit_code == 2
    if code:
        assert caught.value.code == code, caught.value.one_line()


def test_xlsx_with_too_many_rows_is_refused(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Phụ lục 2")
    sheet.append(["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"])
    for number in range(1, 20_001):
        sheet.append([f"{number}.", "x"])
    path = tmp_path / "long.xlsx"
    book.save(str(path))
    with pytest.raises(CchcError) as caught:
        load_report(path)
    assert caught.value.code == "limit-exceeded"


def test_xlsx_claiming_a_million_rows_is_not_walked(fixtures_dir: dict[str, Path], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(fixtures_dir["sample.xlsx"])
    sheet = book["Phụ lục 2"]
    sheet["E1048576"].number_format = "0.00"  # a formatted, empty cell at the very bottom
    path = tmp_path / "tall.xlsx"
    book.save(str(path))
    with zipfile.ZipFile(path) as archive:
        assert b"1048576" in archive.read("xl/worksheets/sheet2.xml")
    start = time.perf_counter()
    report = load_report(path)
    assert time.perf_counter() - start < 10
    assert len(report.entries) == 141


# -- arbitrary bytes ---------------------------------------------------------------------------

_TEXTISH = st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
_BYTES = st.one_of(
    st.binary(max_size=600),
    st.binary(max_size=600).map(lambda data: b"\xef\xbb\xbf" + data),
    st.binary(max_size=600).map(lambda data: b"\xff\xfe" + data),
    _TEXTISH.map(lambda chars: chars.encode("utf-8")),
    _TEXTISH.map(lambda chars: chars.encode("utf-16")),
    st.lists(
        st.sampled_from(["1.", "- x", "STT", "\t", ",", ";", '"', "\n", "\r\n", "93,69%", "Mục 1:"]),
        max_size=60,
    ).map(lambda parts: "".join(parts).encode("utf-8")),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_BYTES)
def test_text_and_csv_readers_only_raise_user_errors(data: bytes) -> None:
    for module, path in ((text, "x.txt"), (csvfmt, "x.csv")):
        try:
            build_layout(module.read_rows(data, path))
        except CchcError as error:
            assert error.exit_code == 2


@settings(max_examples=100, deadline=None)
@given(data=_BYTES)
def test_json_reader_only_raises_user_errors(data: bytes) -> None:
    for path in ("x.json", "x.yaml"):
        try:
            jsonfmt.read_report(data, path)
        except CchcError as error:
            assert error.exit_code == 2
