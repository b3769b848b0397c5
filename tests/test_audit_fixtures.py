"""The audit tests' fixtures: a reviewer's folder and a previous period, built from the sample,
the corrected sample and a second agency (tests/fixtures/phu-luc-2-so-tu-phap-2021.txt: the
corrected sample retitled to Sở Tư pháp, a department with public service units, and some
values changed). The builders are imported by the other test_audit* modules; the tests
here check that the fixtures are what those tests assume."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

from helpers import CORRECTED, REPO, SAMPLE

SO_TU_PHAP = REPO / "tests" / "fixtures" / "phu-luc-2-so-tu-phap-2021.txt"
ATTACHED = re.compile(r"\(Kèm theo Báo cáo số [^\n]*\)")


def set_cell(text: str, row: str, value: str, column: int = 3) -> str:
    """The report with one cell replaced; `row` is an STT ("6.2.") or a sub-item's name ("- Tổng số …")."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        cells = line.split("\t")
        if len(cells) == 5 and (cells[0] == row or cells[1] == row):
            cells[column] = value
            lines[number] = "\t".join(cells)
            return "\n".join(lines)
    raise KeyError(row)


def retitle(text: str, agency: str | None = None, attached: str | None = None) -> str:
    """Change the agency in the title lines and/or the "(Kèm theo Báo cáo số …)" line."""
    if agency is not None:
        old = re.search(r"của ([^)\n]+)\)", text)
        assert old
        text = text.replace(old.group(1), agency).replace(old.group(1).upper(), agency.upper())
    if attached is not None:
        text = ATTACHED.sub(attached, text, count=1)
    return text


def reviewer_folder(tmp: Path) -> Path:
    """The issue's folder: the sample, the corrected sample, another agency, a duplicate, an unreadable file."""
    folder = tmp / "ky-2021"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "thanh-tra-tinh.txt")
    shutil.copy(CORRECTED, folder / "thanh-tra-tinh-corrected.txt")
    shutil.copy(SO_TU_PHAP, folder / "so-tu-phap.txt")
    shutil.copy(SAMPLE, folder / "thanh-tra-tinh-copy.txt")  # the duplicate: the same file sent twice
    (folder / "so-y-te.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not a report")  # in a folder, not a report by its name
    return folder


def previous_folder(tmp: Path) -> Path:
    """Sở Tư pháp's report for Q III 2021 (15/9/2021): 3 units self-financing (6.2), 12 tasks (1.5.a)."""
    folder = tmp / "ky-truoc"
    folder.mkdir()
    text = SO_TU_PHAP.read_text(encoding="utf-8")
    text = retitle(text, attached="(Kèm theo Báo cáo số 150/BC-STP ngày 15/9/2021 của Sở Tư pháp)")
    text = set_cell(text, "6.2.", "3")
    text = set_cell(text, "- Tổng số nhiệm vụ được giao", "12")
    text = set_cell(text, "- Số nhiệm vụ đã hoàn thành đúng hạn", "10")
    text = set_cell(text, "- Số nhiệm vụ đã hoàn thành nhưng quá hạn", "2")
    (folder / "so-tu-phap-q3.txt").write_text(text, encoding="utf-8")
    corrected = retitle(CORRECTED.read_text(encoding="utf-8"), attached=(
        "(Kèm theo Báo cáo số 98/BC-TTT ngày 14/9/2021 của Thanh tra tỉnh)"))  # fmt: skip
    (folder / "thanh-tra-tinh-q3.txt").write_text(corrected, encoding="utf-8")
    return folder


def test_the_second_agency_is_a_clean_department_with_public_service_units() -> None:
    from cchc_rules import check

    result = check(SO_TU_PHAP)
    meta = result.report.meta
    assert (meta.agency, meta.agency_kind, meta.period, meta.report_date) == (
        "Sở Tư pháp", "so-nganh", "2021", date(2021, 12, 14))  # fmt: skip
    assert not [f for f in result.findings if f.severity.value in ("error", "warning")]
    by_id = {e.id: e.raw for e in result.report.entries}
    assert (by_id["6.2"], by_id["7.6.3"], by_id["7.6.3.a"]) == ("1", "500", "90%")


def test_the_previous_period_is_q3_of_the_same_year(tmp_path: Path) -> None:
    from cchc_rules import load_report

    reports = {p.name: load_report(p) for p in previous_folder(tmp_path).iterdir()}
    assert {n: (r.meta.agency, r.meta.period) for n, r in reports.items()} == {
        "so-tu-phap-q3.txt": ("Sở Tư pháp", "2021-Q3"),
        "thanh-tra-tinh-q3.txt": ("Thanh tra tỉnh", "2021-Q3"),
    }
    assert {e.id: e.raw for e in reports["so-tu-phap-q3.txt"].entries}["6.2"] == "3"
