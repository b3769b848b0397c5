"""`cchc audit` on a reviewer's folder: statuses, duplicates and gaps, the province table
and its trace, the previous period, and the outputs. The dashboard has its own tests
(test_audit_dashboard.py); robust statistics and parallel runs are in test_audit_batch.py."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from cchc_rules.audit import AuditResult, audit
from cchc_rules.audit.model import agency_key
from cchc_rules.cli.main import main
from cchc_rules.loading import load_report

from helpers import SAMPLE
from test_audit_fixtures import SO_TU_PHAP, previous_folder, retitle, reviewer_folder, set_cell

EXPECTED = ["Thanh tra tỉnh", "Sở Tư pháp", "Sở Y tế"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return reviewer_folder(tmp_path_factory.mktemp("audit"))


@pytest.fixture(scope="module")
def result(folder: Path) -> AuditResult:
    return audit(folder, expected_agencies=EXPECTED)


def status_of(result: AuditResult, name: str) -> str:
    return result.row(name).status


# -- the folder: statuses ----------------------------------------------------------------------


def test_every_report_gets_its_status(result: AuditResult) -> None:
    assert [Path(r.source).name for r in result.reports] == [
        "so-tu-phap.txt", "so-y-te.xlsx", "thanh-tra-tinh-copy.txt", "thanh-tra-tinh-corrected.txt",
        "thanh-tra-tinh.txt",
    ]  # fmt: skip
    assert status_of(result, "thanh-tra-tinh.txt") == "errors"  # the sample: 3.2 blank, 7.6.3 over 100%, text
    assert status_of(result, "thanh-tra-tinh-copy.txt") == "errors"
    assert status_of(result, "thanh-tra-tinh-corrected.txt") == "warnings"  # clean, but one of three copies
    assert status_of(result, "so-tu-phap.txt") == "pass"
    assert status_of(result, "so-y-te.xlsx") == "unreadable"
    assert result.statuses() == {"pass": 1, "warnings": 1, "errors": 2, "unreadable": 1, "missing": 1}


def test_unreadable_is_listed_with_its_error_and_the_audit_goes_on(result: AuditResult) -> None:
    broken = result.row("so-y-te.xlsx")
    assert broken.error_code == "broken-file" and "so-y-te.xlsx" in (broken.error or "")
    assert "\n" not in (broken.error or "") and broken.values is None and broken.findings == []
    assert result.fails(None)  # an unreadable report fails the audit even with --fail-on never
    assert result.row("so-tu-phap.txt").values is not None  # the reports after it were checked


def test_folder_files_that_are_not_reports_are_skipped(result: AuditResult) -> None:
    assert [Path(s).name for s in result.skipped] == ["notes.pdf"]


def test_report_findings_are_those_of_check(result: AuditResult) -> None:
    sample = result.row("thanh-tra-tinh.txt")
    own = {(f.rule_id, f.indicators[0]) for f in sample.findings if f.severity == "error"}
    assert own == {("CCHC-SUM-3.2", "3.2"), ("CCHC-RATE-EXCL-7.6.3", "7.6.3.a"), ("CCHC-TYPE-TEXT", "7.6.4.a")}
    assert sample.values is not None and sample.values.raw("7.6.1.a") == "1"
    assert sample.values.number("7.6.1.a") is None  # 1% or 100%? no figure to add up or compare
    assert sample.values.number("7.6.3") == 1712 and sample.values.ratio("7.6.3.a") == (1604, 1712)
    total = next(f for f in sample.findings if f.rule_id == "CCHC-SUM-3.2")
    assert total.expected == "25" and "nên 3.2 phải là 25" in total.message and total.location == {"line": 52}


# -- duplicates and gaps -----------------------------------------------------------------------


def test_duplicates_are_flagged_and_only_the_latest_is_consolidated(result: AuditResult) -> None:
    copies = [r for r in result.reports if r.agency == "Thanh tra tỉnh"]
    assert len(copies) == 3
    for row in copies:
        (dup,) = [f for f in row.audit_findings if f.rule_id == "AUDIT-DUPLICATE"]
        assert dup.severity == "warning" and dup.params["count"] == 3
        assert "Chỉ tổng hợp thanh-tra-tinh-corrected.txt" in dup.message
    # the corrected report is dated 15/12/2021; the sample's date is blank
    assert [Path(r.source).name for r in copies if r.consolidated] == ["thanh-tra-tinh-corrected.txt"]
    identical = next(f for f in result.row("thanh-tra-tinh.txt").audit_findings if f.rule_id == "AUDIT-DUPLICATE")
    assert "thanh-tra-tinh-copy.txt giống hệt tệp này" in identical.message
    assert result.row("so-tu-phap.txt").consolidated


def test_missing_agency_is_flagged(result: AuditResult) -> None:
    missing = [r for r in result.rows if r.missing]
    assert [(r.agency, r.period, r.status) for r in missing] == [("Sở Y tế", "2021", "missing")]
    (finding,) = missing[0].audit_findings
    assert finding.rule_id == "AUDIT-MISSING-AGENCY" and finding.severity == "warning"
    assert finding.message == "Chưa có báo cáo của Sở Y tế cho kỳ 2021"


def test_agency_not_on_the_list_is_noted(folder: Path) -> None:
    result = audit(folder, expected_agencies=["THANH TRA TỈNH"], lang="en")  # case and form do not matter
    assert not [f for f in result.row("thanh-tra-tinh.txt").audit_findings if f.rule_id == "AUDIT-UNKNOWN-AGENCY"]
    (note,) = [f for f in result.row("so-tu-phap.txt").audit_findings if f.rule_id == "AUDIT-UNKNOWN-AGENCY"]
    assert note.severity == "info" and "Sở Tư pháp is not on the list" in note.message
    assert [r.agency for r in result.rows if r.missing] == []


def test_agency_names_compare_as_a_reviewer_reads_them() -> None:
    assert agency_key("Ủy ban nhân dân huyện  Châu Thành") == agency_key("UBND huyện Châu Thành")
    assert agency_key("Sở Tư pháp") == agency_key("SỞ TƯ PHÁP") == agency_key("So\u031b\u0309 Tư pháp")


# -- the province table ------------------------------------------------------------------------


def test_counts_are_summed_with_their_trace(result: AuditResult, folder: Path) -> None:
    table = result.consolidation
    assert table is not None and table.period == "2021" and len(table.reports) == 2
    total = table.row("7.6.3")
    assert total.method == "sum" and total.value == 2212 and total.shown == "2212"
    trace = [(c.agency, c.value, Path(c.source).name, c.how) for c in total.contributions]
    assert trace == [("Sở Tư pháp", 500, "so-tu-phap.txt", "reported"),
                     ("Thanh tra tỉnh", 1712, "thanh-tra-tinh-corrected.txt", "reported")]  # fmt: skip
    assert table.row("1.1.a").value == 76 + 54
    assert table.row("3.2").value == 25 + 25
    assert table.row("3.4.7.3.b").value == 0 and table.row("3.4.7.3.b").indicator.kind.value == "money"
    assert table.row("6.2").value == 1  # only Sở Tư pháp has public service units
    assert table.row("1").method == "group" and table.row("1").value is None


def test_rates_are_recomputed_from_numerators_and_denominators(result: AuditResult) -> None:
    table = result.consolidation
    assert table is not None
    rate = table.row("7.6.3.a")  # its base is 7.6.3 (rulesets); the notes cite 1604/1712 and 450/500
    assert rate.method == "rate"
    assert (rate.numerator, rate.denominator) == (1604 + 450, 1712 + 500)
    assert rate.value == pytest.approx(100 * 2054 / 2212) and rate.shown == "92,86%"
    assert [(c.agency, c.how, c.numerator, c.denominator) for c in rate.contributions] == [
        ("Sở Tư pháp", "note", 450, 500), ("Thanh tra tỉnh", "note", 1604, 1712)]  # fmt: skip
    assert rate.value != pytest.approx((93.69 + 90) / 2)  # not the average of the agencies' rates
    assert table.row("7.6.3.b").shown == "0%"
    fraction = table.row("1.3.1")
    assert fraction.method == "fraction" and fraction.shown == "10/10"


def test_a_rate_with_no_numerator_in_the_catalogue_is_not_consolidated(result: AuditResult) -> None:
    table = result.consolidation
    assert table is not None
    for ident in ("3.4.1.3", "4.2.e", "7.6.1.a"):
        row = table.row(ident)
        assert (row.method, row.reason, row.value, row.shown) == ("not_consolidated", "rate_no_pair", None, "")
    assert [c.shown for c in table.row("3.4.1.3").contributions] == ["100%", "100%"]  # listed, not averaged
    assert table.row("3.4.6.a").reason == "zero_base"  # no dossier anywhere: the rate does not apply


def test_a_blank_total_is_taken_from_its_parts_and_rate_from_rate_times_base(tmp_path: Path) -> None:
    (tmp_path / "ttt.txt").write_bytes(SAMPLE.read_bytes())
    text = set_cell(SO_TU_PHAP.read_text(encoding="utf-8"), "- Tỷ lệ văn bản được gửi hoàn toàn dưới dạng điện "
                    "tử (Sử dụng chữ ký số, chứng thư số và gửi trên môi trường điện tử)", "", column=4)  # fmt: skip
    (tmp_path / "stp.txt").write_text(text, encoding="utf-8")
    table = audit(tmp_path).consolidation
    assert table is not None
    total = table.row("3.2")
    assert total.value == 50
    assert [(c.agency, c.shown, c.how) for c in total.contributions] == [
        ("Sở Tư pháp", "25", "reported"), ("Thanh tra tỉnh", "09 + 08 + 08", "children")]  # fmt: skip
    rate = table.row("7.6.3.a")  # Sở Tư pháp's note no longer cites 450/500: 90% × 500
    assert [(c.how, c.numerator, c.denominator) for c in rate.contributions] == [
        ("rate_base", 450, 500), ("note", 1604, 1712)]  # fmt: skip


def test_consolidated_table_files(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for ext in ("csv", "json", "xlsx"):
        code = main(["audit", str(folder), "--consolidated", str(tmp_path / f"tinh.{ext}"), "--progress", "never",
                     "--format", f"json={tmp_path / 'audit.json'}"])  # fmt: skip
        assert code == 1
    # csv: the template's layout, which reads back as a Phụ lục 2 of 141 rows
    province = load_report(tmp_path / "tinh.csv")
    assert len(province.entries) == 141 and all(e.known for e in province.entries)
    by_id = {e.id: e for e in province.entries}
    assert by_id["7.6.3"].raw == "2212" and by_id["7.6.3.a"].raw == "92,86%"
    assert "Thanh tra tỉnh: 1712" in by_id["7.6.3"].note and "Sở Tư pháp: 500" in by_id["7.6.3"].note
    assert "không lấy trung bình" in by_id["3.4.1.3"].note and by_id["3.4.1.3"].raw == ""
    header = next(csv.reader(io.StringIO((tmp_path / "tinh.csv").read_text(encoding="utf-8-sig"))))
    assert header == ["Phụ lục 2"]
    # json: every total with its contributions
    rows = {r["id"]: r for r in json.loads((tmp_path / "tinh.json").read_text())["consolidated"][0]["rows"]}
    assert rows["7.6.3"]["value"] == 2212
    assert {c["source"].rsplit("/", 1)[-1] for c in rows["7.6.3"]["contributions"]} == {
        "so-tu-phap.txt", "thanh-tra-tinh-corrected.txt"}  # fmt: skip
    # xlsx: numbers as numbers, rates under a % format, and the trace sheet
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "tinh.xlsx")
    sheet = book["Tỉnh 2021"]
    values = {sheet.cell(r, 2).value: sheet.cell(r, 4) for r in range(6, sheet.max_row + 1)}
    assert values["Tổng số VĂN BẢN ĐI giữa các cơ quan nhà nước trên địa bàn tỉnh. Trong đó:"].value == 2212
    rate_cell = values["- Tỷ lệ văn bản được gửi hoàn toàn dưới dạng điện tử (Sử dụng chữ ký số, chứng thư số và "
                       "gửi trên môi trường điện tử)"]  # fmt: skip
    assert rate_cell.value == pytest.approx(0.928571, abs=1e-6) and rate_cell.number_format == "0.00%"
    trace = [row for row in book["Truy vết"].iter_rows(values_only=True) if row[1] == "7.6.3.a"]
    assert {(r[3], r[5], r[6]) for r in trace} == {("Thanh tra tỉnh", 1604, 1712), ("Sở Tư pháp", 450, 500)}


# -- the previous period -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def with_previous(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> AuditResult:
    return audit(folder, previous=previous_folder(tmp_path_factory.mktemp("previous")))


def test_previous_flags_a_cumulative_indicator_that_fell(with_previous: AuditResult) -> None:
    row = with_previous.row("so-tu-phap.txt")
    assert (Path(row.previous_source or "").name, row.previous_period) == ("so-tu-phap-q3.txt", "2021-Q3")
    (fell,) = [f for f in row.audit_findings if f.rule_id == "AUDIT-CUMULATIVE-FELL"]
    assert fell.severity == "error" and fell.indicators == ("6.2",) and fell.expected == "≥ 3" and fell.actual == "1"
    assert fell.message.startswith("6.2 là số lũy kế nhưng giảm từ 3 (kỳ 2021-Q3")
    assert row.status == "errors"


def test_previous_flags_a_jump_and_new_findings(with_previous: AuditResult) -> None:
    row = with_previous.row("so-tu-phap.txt")
    jumps = {f.indicators[0]: f for f in row.audit_findings if f.rule_id == "AUDIT-JUMP"}
    assert set(jumps) == {"1.5.a", "1.5.b"}  # 12 → 128 and 10 → 120; 2 → 8 moved by less than 10
    assert "gấp 10,7 lần (ngưỡng 3,0)" in jumps["1.5.a"].message
    sample = with_previous.row("thanh-tra-tinh.txt")  # its previous report (the corrected one, Q3) was clean
    (new,) = [f for f in sample.audit_findings if f.rule_id == "AUDIT-NEW-FINDING"]
    assert "CCHC-SUM-3.2 (3.2, 3.2.a, 3.2.b, 3.2.c)" in new.message
    assert any(f.new and f.rule_id == "CCHC-SUM-3.2" for f in sample.findings)
    assert not any(f.new for f in row.findings)  # nothing new in Sở Tư pháp's own findings


def test_previous_cumulative_only_within_one_year(folder: Path, tmp_path: Path) -> None:
    old = previous_folder(tmp_path)
    for path in old.iterdir():
        path.write_text(path.read_text(encoding="utf-8").replace("/9/2021", "/12/2020"), encoding="utf-8")
    row = audit(folder, previous=old).row("so-tu-phap.txt")
    assert row.previous_period == "2020"
    assert not [f for f in row.audit_findings if f.rule_id == "AUDIT-CUMULATIVE-FELL"]


def test_jump_factor_is_configurable(folder: Path, tmp_path: Path) -> None:
    row = audit(folder, previous=previous_folder(tmp_path), jump_factor=20).row("so-tu-phap.txt")
    assert not [f for f in row.audit_findings if f.rule_id == "AUDIT-JUMP"]


# -- the command -------------------------------------------------------------------------------


def test_cli_console_and_exit_codes(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = tmp_path / "agencies.txt"
    expected.write_text("# Sở, ngành\nThanh tra tỉnh\nSở Tư pháp\n\nSở Y tế\n", encoding="utf-8")
    code = main(["audit", str(folder), "--expected-agencies", str(expected), "--color", "never", "--progress", "never"])
    out = capsys.readouterr().out
    assert code == 1
    assert "không đọc được" in out and "so-y-te.xlsx" in out and "AUDIT-DUPLICATE" in out
    assert "Chưa có báo cáo của Sở Y tế cho kỳ 2021" in out
    assert "Bảng tổng hợp tỉnh 2021: 2 báo cáo" in out
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "stp.txt").write_bytes(SO_TU_PHAP.read_bytes())
    assert main(["audit", str(clean), "--progress", "never"]) == 0
    other = retitle(SO_TU_PHAP.read_text(encoding="utf-8"), agency="Sở Y tế")
    (clean / "syt.txt").write_text(other, encoding="utf-8")
    only_stp = tmp_path / "only-stp.txt"
    only_stp.write_text("Sở Tư pháp\n", encoding="utf-8")  # Sở Y tế is not on it: AUDIT-UNKNOWN-AGENCY, info
    unknown = ["audit", str(clean), "--progress", "never", "--expected-agencies", str(only_stp)]
    assert main([*unknown, "--fail-on", "warning"]) == 0
    assert main([*unknown, "--fail-on", "info"]) == 1
    (clean / "broken.docx").write_bytes(b"")
    assert main(["audit", str(clean), "--progress", "never", "--fail-on", "never"]) == 1
    assert main(["audit", str(tmp_path / "empty-dir-does-not-exist.txt"), "--progress", "never"]) == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["audit", str(empty)]) == 2
    err = capsys.readouterr().err
    assert "lỗi/error [usage]" in err and "no report files" in err


def test_cli_json_and_english(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["audit", str(folder), "--format", "json", "--lang", "en", "--progress", "never"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["kind"] == "audit" and data["lang"] == "en"
    assert data["summary"]["reports"] == 5 and data["summary"]["unreadable"] == 1
    by_file = {Path(r["source"]).name: r for r in data["reports"]}
    assert by_file["thanh-tra-tinh.txt"]["status"] == "errors"
    assert by_file["so-y-te.xlsx"]["error_code"] == "broken-file"
    dup = by_file["thanh-tra-tinh-corrected.txt"]["audit_findings"][0]
    assert dup["rule_id"] == "AUDIT-DUPLICATE" and dup["message"].startswith("Thanh tra tỉnh sent 3 reports")
    assert data["consolidated"][0]["rows"][0]["id"] == "1"


def test_cli_refuses_bad_options_and_binary_to_stdout(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(folder), "--jump-factor", "1", "--progress", "never"]) == 2
    assert main(["audit", str(folder), "--consolidated", "x.ods", "--progress", "never"]) == 2
    assert main(["audit", str(folder), "--format", "xlsx", "--progress", "never"]) == 2
    assert main(["audit", str(folder), "--format", "sarif", "--progress", "never"]) == 2
    err = capsys.readouterr().err
    assert err.count("lỗi/error [usage]") == 4 and "Traceback" not in err


def test_cli_never_overwrites_a_report(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = folder / "so-tu-phap.txt"
    before = target.read_bytes()
    assert main(["audit", str(folder), "--format", f"json={target}", "--progress", "never"]) == 2
    assert target.read_bytes() == before and "output-is-input" in capsys.readouterr().err


def test_another_agency_in_any_format(tmp_path: Path, fixtures_dir: dict[str, Path]) -> None:
    """Any mix of formats: the sample as xlsx and docx is one agency's report twice."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in ("sample.xlsx", "sample.docx"):
        (folder / name).write_bytes(fixtures_dir[name].read_bytes())
    other = retitle(SO_TU_PHAP.read_text(encoding="utf-8"), agency="Sở Y tế")
    (folder / "so-y-te.txt").write_text(other, encoding="utf-8")
    result = audit(folder)
    assert [r.status for r in result.rows] == ["errors", "errors", "pass"]
    assert sum(f.rule_id == "AUDIT-DUPLICATE" for f in result.all_findings()) == 2
    assert result.row("Sở Y tế").agency_kind == "so-nganh"
