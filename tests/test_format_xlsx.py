"""The annotated workbook: comments and colours on the finding cells, the input never touched."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cchc_rules import check
from cchc_rules.cli.main import main
from cchc_rules.findings import Finding
from cchc_rules.formats import FormatOptions, xlsx
from cchc_rules.result import ReportResult

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "phu-luc-2-thanh-tra-tinh-2021.txt"
NOTE_OF_1_1 = "Đã ban hành: Quyết định số 11/QĐ-TTT ngày 29/01/2021"
ERROR_FILL = xlsx.FILL[next(iter(xlsx.FILL))]


def load(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def build_input(path: Path) -> Path:
    """The sample as a one-sheet workbook: its title lines, header and five columns, all text."""
    lines = SAMPLE.read_bytes().decode("utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("STT\t"))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Phụ lục 2"
    for line in lines[:header]:
        if line.strip():
            sheet.append([line.strip()])
    sheet.append(lines[header].split("\t")[:5])
    sheet.append(lines[header + 1].split("\t")[:5])
    for entry in check(SAMPLE).report.entries:
        name = entry.name if entry.stt else f"- {entry.name}"
        sheet.append([entry.stt or None, name, entry.unit or None, entry.raw or None, entry.note or None])
    book.save(path)
    return path


def on_rows(result: ReportResult) -> dict[str, list[Finding]]:
    """Findings that belong on a row (first indicator present in the report), by indicator."""
    ids = {e.id for e in result.report.entries}
    out: dict[str, list[Finding]] = {}
    for finding in result.findings:
        if finding.indicators and finding.indicators[0] in ids:
            out.setdefault(finding.indicators[0], []).append(finding)
    return out


@pytest.fixture(scope="module")
def result() -> ReportResult:
    return check(SAMPLE)


def test_text_input_laid_out_and_annotated(result: ReportResult) -> None:
    book = load(xlsx.render([result], FormatOptions()))
    assert book.sheetnames == ["phu-luc-2-thanh-tra-tinh-2021", "Phát hiện"]
    table = book["phu-luc-2-thanh-tra-tinh-2021"]
    # The title lines come first, so that the workbook reads back with its agency and period.
    assert table.cell(1, 1).value == "Phụ lục 2"
    assert table.cell(3, 1).value == result.report.meta.report_date_raw
    assert [c.value for c in table[4]] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu", "Ghi chú"]
    row_of = {e.id: i + 5 for i, e in enumerate(result.report.entries)}
    assert table.cell(row_of["1.2"], 4).value == "03"  # as written, not the number 3
    for ident, findings in on_rows(result).items():
        comment = table.cell(row_of[ident], 4).comment
        assert comment is not None, ident
        assert all(f.rule_id in comment.text for f in findings)
    total = table.cell(row_of["3.2"], 4)
    assert "Giá trị đúng: 25" in total.comment.text
    assert total.fill.start_color.rgb.endswith(ERROR_FILL)
    commented = [c for row in table.iter_rows() for c in row if c.comment is not None]
    assert len(commented) == len(on_rows(result))


def test_findings_sheet_lists_every_finding(result: ReportResult) -> None:
    book = load(xlsx.render([result], FormatOptions(lang="en")))
    sheet = book["Findings"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("File", "Rule", "Severity", "Indicator", "Cell", "Message", "Expected")
    assert len(rows) == len(result.findings) + 1
    total = next(r for r in rows if r[1] == "CCHC-SUM-3.2")
    index = [e.id for e in result.report.entries].index("3.2")
    assert total[4] == f"phu-luc-2-thanh-tra-tinh-2021!D{index + 5}"  # below 3 title lines and the header
    finding = next(f for f in result.findings if f.rule_id == "CCHC-SUM-3.2")
    assert total[5] == result.message(finding, "en") and total[6] == "25"


def test_xlsx_input_is_annotated_in_a_copy_and_left_untouched(tmp_path: Path) -> None:
    source = build_input(tmp_path / "in.xlsx")
    before = source.read_bytes()
    out = tmp_path / "out.xlsx"
    code = main(["check", str(source), "--format", f"xlsx={out}", "--format", "json=" + str(tmp_path / "f.json")])
    assert code == 1
    assert source.read_bytes() == before
    checked = check(source)
    assert on_rows(checked), "the workbook should produce row findings like the sample"
    book = load(out.read_bytes())
    assert book.sheetnames == ["Phụ lục 2", "Phát hiện"]
    for findings in on_rows(checked).values():
        location = findings[0].location
        assert location is not None and location.sheet == "Phụ lục 2" and location.cell
        cell = book[location.sheet][location.cell]
        assert cell.comment is not None and findings[0].rule_id in cell.comment.text
    total = next(f for f in checked.findings if f.rule_id == "CCHC-SUM-3.2")
    assert total.location is not None and total.location.cell
    assert book["Phụ lục 2"][total.location.cell].fill.start_color.rgb.endswith(ERROR_FILL)
    assert book["Phụ lục 2"]["B1"].value is None and book["Phụ lục 2"]["A1"].value  # layout kept


def test_output_over_the_input_is_refused(tmp_path: Path) -> None:
    source = build_input(tmp_path / "in.xlsx")
    before = source.read_bytes()
    assert main(["check", str(source), "--format", f"xlsx={source}"]) == 2
    assert source.read_bytes() == before


def test_report_text_is_never_a_formula(tmp_path: Path) -> None:
    text = SAMPLE.read_bytes().decode("utf-8").replace(NOTE_OF_1_1, '=HYPERLINK("http://example.invalid","x")', 1)
    source = tmp_path / "formula.txt"
    source.write_bytes(text.encode("utf-8"))
    data = xlsx.render([check(source)], FormatOptions())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert all(b"<f>" not in archive.read(n) for n in sheets)
    cell = load(data)["formula"]["E6"]  # 1.1, below the title lines and the header
    assert cell.value == '=HYPERLINK("http://example.invalid","x")' and cell.data_type == "s"


def test_several_reports_get_unique_short_sheet_names(tmp_path: Path) -> None:
    long = "bao-cao-thong-ke-cai-cach-hanh-chinh-thanh-tra-tinh-2021"
    sources = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        sources.append(tmp_path / folder / f"{long}.txt")
        sources[-1].write_bytes(SAMPLE.read_bytes())
    sources.append(build_input(tmp_path / "in.xlsx"))
    results = [check(s) for s in sources]
    book = load(xlsx.render(results, FormatOptions()))
    names = book.sheetnames
    assert len(names) == 4 and names[-1] == "Phát hiện"
    assert all(len(n) <= 31 for n in names)
    assert len({n.lower() for n in names}) == 4
    assert "Phụ lục 2" in names  # the workbook's own table sheet, copied
    assert book["Phát hiện"].max_row == 1 + sum(len(r.findings) for r in results)
    copied = book["Phụ lục 2"]
    total = next(f for f in results[2].findings if f.rule_id == "CCHC-SUM-3.2")
    assert total.location is not None and copied[total.location.cell].comment is not None


def test_sheet_title_rules() -> None:
    taken: set[str] = set()
    assert xlsx.sheet_title("a/b:c*?[d]", taken) == "a_b_c___d_"
    first = xlsx.sheet_title("x" * 40, taken)
    second = xlsx.sheet_title("X" * 40, taken)
    assert len(first) == len(second) == 31 and first.lower() != second.lower()
