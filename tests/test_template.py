"""`cchc template`: blank forms in every format read back as the template, and a blank
xlsx filled with the sample's values checks exactly as the sample does."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_rules import check, load_report
from cchc_rules.catalogue import default_catalogue
from cchc_rules.cli.main import main
from cchc_rules.result import ReportResult

from helpers import SAMPLE


def make(tmp_path: Path, fmt: str, *extra: str) -> Path:
    out = tmp_path / f"blank.{fmt}"
    assert main(["template", "--format", fmt, "--output", str(out), *extra]) == 0
    return out


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "csv", "json"])
def test_blank_form_reads_back_as_the_template(fmt: str, tmp_path: Path) -> None:
    report = load_report(make(tmp_path, fmt, "--agency", "Sở Y tế"))
    catalogue = default_catalogue()
    assert [e.id for e in report.entries] == list(catalogue.indicators)
    for entry in report.entries:
        ind = catalogue.indicators[entry.id]
        assert (entry.name, entry.unit, entry.raw) == (ind.name, ind.unit, "")
    assert report.meta.agency == "Sở Y tế" and report.meta.agency_kind == "so-nganh"


def test_rows_of_another_agency_carry_their_delegation(tmp_path: Path) -> None:
    report = load_report(make(tmp_path, "csv", "--agency", "Sở Y tế"))
    notes = {e.id: e.note for e in report.entries}
    assert notes["4.1.1"] == "Sở Nội vụ báo cáo" and notes["7.1"].startswith("Sở Thông tin")
    blanks = {f.indicators[0] for f in check(report).findings if f.rule_id == "CCHC-REQ-BLANK"}
    assert "4.1.1" not in blanks and "1.1.a" in blanks


def test_xlsx_data_validation(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    sheet = load_workbook(make(tmp_path, "xlsx")).active
    rows = {sheet.cell(r, 2).value: r for r in range(1, sheet.max_row + 1)}
    by_type: dict[str, set[str]] = {}
    for dv in sheet.data_validations.dataValidation:
        for ref in str(dv.sqref).split():
            by_type.setdefault(f"{dv.type}:{dv.formula1}:{dv.formula2}", set()).add(ref)
    row_of = {name: f"D{r}" for name, r in rows.items() if isinstance(name, str)}
    assert row_of["- Hình thức khảo sát"] in by_type['list:"0,1,2":None']
    assert row_of["- Số nhiệm vụ đề ra trong kế hoạch"] in by_type["whole:0:None"]
    assert row_of["Tỷ lệ TTHC đã được phê duyệt quy trình nội bộ"] in by_type["decimal:0:100"]


def _key(result: ReportResult) -> list[tuple[str, tuple[str, ...], str | None, str | None]]:
    return sorted((f.rule_id, f.indicators, f.expected, f.actual) for f in result.findings)


def test_blank_xlsx_filled_with_the_sample_checks_as_the_sample(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    blank = make(tmp_path, "xlsx", "--agency", "Thanh tra tỉnh")
    sample = load_report(SAMPLE)
    workbook = load_workbook(blank)
    sheet = workbook.active
    title = next(r for r in range(1, 10) if str(sheet.cell(r, 1).value or "").startswith("(Kèm theo"))
    sheet.cell(title, 1).value = sample.meta.report_date_raw
    by_id = {e.id: e for e in sample.entries}
    first = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "1.")
    for offset, ident in enumerate(default_catalogue().indicators):
        row = first + offset
        sheet.cell(row, 4).value = by_id[ident].raw or None
        sheet.cell(row, 5).value = by_id[ident].note or None
    filled = tmp_path / "filled.xlsx"
    workbook.save(filled)
    assert _key(check(filled)) == _key(check(SAMPLE))
