"""Suggested fixes (error localisation) and `cchc fix`: the smallest change, how sure it is,
and a corrected copy that changes nothing else and leaves the input alone."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from cchc_rules import check
from cchc_rules.cli.main import main
from cchc_rules.fixes import Confidence, Suggestion
from cchc_rules.fixes.apply import text_source
from cchc_rules.fixes.text import describe
from cchc_rules.result import ReportResult

from helpers import REPO, SAMPLE, edited_sample

V = 3  # the value column


def suggestions(result: ReportResult, ident: str) -> list[Suggestion]:
    return [s for s in result.suggestions if s.indicator == ident]


def only(result: ReportResult, ident: str) -> Suggestion:
    [suggestion] = suggestions(result, ident)
    return suggestion


@pytest.fixture(scope="module")
def sample() -> ReportResult:
    return check(SAMPLE)


def test_done_when_a_blank_total_gets_the_sum(sample: ReportResult) -> None:
    fill = only(sample, "3.2")
    assert (fill.current_raw, fill.proposed_raw, fill.reason) == ("", "25", "derived")
    assert fill.confidence is Confidence.HIGH and fill.rule_ids == ("CCHC-SUM-3.2",) and fill.applicable
    assert fill.detail == "9 + 8 + 8 = 25"
    expected = "Probably 3.2 should be 25 — high confidence: its parts are all given: 9 + 8 + 8 = 25"
    assert describe(fill, "en") == expected
    assert describe(fill, "vi").startswith("Có thể 3.2 nên là 25 — độ tin cậy cao")


def test_a_blank_total_in_a_fragment(tmp_path: Path) -> None:
    fixed = check(edited_sample(tmp_path, {75: {V: ""}, 76: {V: "5"}, 77: {V: "2"}}))
    assert only(fixed, "3.4.3").proposed_raw == "7"


def test_done_when_one_wrong_child_is_named_with_its_right_value(tmp_path: Path) -> None:
    """3.2 = 25 is given and agrees with the five checks that bound other rows by it; a child of
    30 cannot be any other child's error (they would turn negative): 3.2.b should be 8."""
    result = check(edited_sample(tmp_path, {52: {V: "25"}, 54: {V: "30"}}))
    child = only(result, "3.2.b")
    assert (child.current_raw, child.proposed_raw, child.confidence) == ("30", "8", Confidence.MEDIUM)
    assert [(a.indicator, a.proposed) for a in child.alternatives] == [("3.2", "47")]
    assert [(s.kind, s.ident, s.count) for s in child.support] == [("checks", "3.2", 5)]
    assert not suggestions(result, "3.2")
    assert "3.2 agrees with 5 other checks" in describe(child, "en")


def test_one_wrong_child_of_two(tmp_path: Path) -> None:
    result = check(edited_sample(tmp_path, {65: {V: "5"}}))  # 3.4.1.1.a: 3 → 5, the total stays 3
    child = only(result, "3.4.1.1.a")
    assert child.proposed_raw == "3" and child.confidence is Confidence.MEDIUM


def test_a_value_outside_its_own_bounds_must_change(tmp_path: Path) -> None:
    """A negative count cannot stay: of the sum's three cells only it can change, and its own
    rule (CCHC-TYPE-COUNT) is answered by the same change."""
    result = check(edited_sample(tmp_path, {65: {V: "-2"}}))
    pick = only(result, "3.4.1.1.a")
    assert (pick.proposed_raw, pick.confidence) == ("3", Confidence.HIGH)
    assert set(pick.rule_ids) == {"CCHC-SUM-3.4.1.1", "CCHC-TYPE-COUNT"}


def test_equally_small_changes_are_a_tie(tmp_path: Path) -> None:
    """10 + 8 + 8 = 26 ≠ 25: any child one lower would do, and nothing says which."""
    result = check(edited_sample(tmp_path, {52: {V: "25"}, 53: {V: "10"}}))
    [pick] = [s for s in result.suggestions if s.rule_ids == ("CCHC-SUM-3.2",)]
    assert pick.confidence is Confidence.LOW and pick.reason == "tie"
    options = {(pick.indicator, pick.proposed_raw)} | {(a.indicator, a.proposed) for a in pick.alternatives}
    assert options == {("3.2.a", "9"), ("3.2.b", "07"), ("3.2.c", "07"), ("3.2", "26")}
    assert "nothing prefers one" in describe(pick, "en")


def test_the_only_smallest_change_is_high_confidence(tmp_path: Path) -> None:
    """5 online dossiers with no dossier at all and no level-3 procedure: one cell answers both rules."""
    result = check(edited_sample(tmp_path, {90: {V: "5"}}))
    pick = only(result, "3.4.7.1.a")
    assert (pick.proposed_raw, pick.confidence, pick.reason) == ("0", Confidence.HIGH, "unique")
    assert set(pick.rule_ids) == {"CCHC-CMP-3.4.7.1", "CCHC-COND-3.4.3.a"}


def test_money_paid_with_no_dossier_paid(tmp_path: Path) -> None:
    result = check(edited_sample(tmp_path, {100: {V: "1.500.000"}}))
    pick = only(result, "3.4.7.3.b")
    assert pick.proposed_raw == "0" and pick.confidence is Confidence.HIGH


def test_the_notes_decide_7_6_3_b(sample: ReportResult) -> None:
    """a + b = 187,38%: a is confirmed by its note, b's note is a copy of a's, and 7.6.3's note
    (1604 electronic documents of 1712) makes a + b = 93,69%: b should be 0%."""
    pick = only(sample, "7.6.3.b")
    assert (pick.current_raw, pick.proposed_raw, pick.confidence) == ("93,69%", "0%", Confidence.HIGH)
    assert set(pick.rule_ids) == {"CCHC-RATE-EXCL-7.6.3", "CCHC-NOTE-SHARES-7.6.3"}
    kinds = [(s.kind, s.ident) for s in pick.support]
    assert ("confirmed", "7.6.3.a") in kinds and ("copy", "7.6.3.b") in kinds and ("broken", "7.6.3.b") in kinds
    assert not suggestions(sample, "7.6.3.a")


def test_a_note_contradicting_its_value_raises_its_chance_of_change(tmp_path: Path) -> None:
    result = check(edited_sample(tmp_path, {46: {V: "16"}}))
    pick = only(result, "3.1.a")
    assert (pick.proposed_raw, pick.confidence, pick.rule_ids) == ("15", Confidence.MEDIUM, ("CCHC-NOTE-PARTS",))
    assert [(a.indicator, a.note) for a in pick.alternatives] == [("3.1.a", True)]  # or the note is wrong


def test_a_rate_its_note_contradicts(tmp_path: Path) -> None:
    result = check(edited_sample(tmp_path, {179: {V: "90%"}}))
    assert only(result, "7.6.3.a").proposed_raw == "93,69%"
    assert only(result, "7.6.3.b").proposed_raw == "0%"


def test_a_change_that_is_only_bounded_is_not_applied(tmp_path: Path) -> None:
    result = check(edited_sample(tmp_path, {14: {V: "80"}}))  # 1.1.b = 80 > 76 planned
    [pick] = [s for s in result.suggestions if "CCHC-CMP-1.1" in s.rule_ids]
    assert pick.relation in ("≤", "≥") and not pick.applicable
    assert (pick.indicator, pick.relation, pick.proposed_raw) in (("1.1.b", "≤", "76"), ("1.1.a", "≥", "80"))


def test_suggestions_in_every_output(sample: ReportResult) -> None:
    from cchc_rules.formats import FormatOptions, github, html, jsonfmt, junit, sarif, xlsx

    rendered = {
        "json": jsonfmt.render([sample], FormatOptions()),
        "github": github.render([sample], FormatOptions()),
        "junit": junit.render([sample], FormatOptions()),
        "html": html.render([sample], FormatOptions()),
    }
    for name, text in rendered.items():
        assert "Có thể 7.6.3.b nên là 0%" in text.replace("0%25", "0%"), name
    assert '"proposed": "0%"' in sarif.render([sample], FormatOptions())
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(xlsx.render([sample], FormatOptions())))
    comments = [c.comment.text for sheet in book for row in sheet.iter_rows() for c in row if c.comment]
    assert any("Có thể 3.2 nên là 25" in text for text in comments)


# ── cchc fix ────────────────────────────────────────────────────────────────────


def fix(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["fix", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_done_when_fix_all_then_check_passes_but_for_the_listed_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = SAMPLE.read_bytes()
    fixed = tmp_path / "fixed.txt"
    code, out, _ = fix(capsys, str(SAMPLE), "--output", str(fixed), "--all", "--lang", "en")
    assert SAMPLE.read_bytes() == before  # never touches the input
    assert code == 1  # an error is left: 7.6.4.a "Có thực hiện" has no number to derive
    assert "Errors with no fix that can be derived" in out and "CCHC-TYPE-TEXT 7.6.4.a (line 182)" in out
    again = check(fixed)
    assert [(f.rule_id, f.indicators[0]) for f in again.findings if f.severity.value == "error"] == [
        ("CCHC-TYPE-TEXT", "7.6.4.a")
    ]
    assert {f.rule_id for f in again.findings} >= {"CCHC-NOTE-RATIO"}  # 7.6.3.b's copied note must follow
    assert main(["check", str(fixed), "--format", "json"]) == 1  # exit 1: that one error
    capsys.readouterr()


def test_fix_changes_only_the_accepted_value_cells(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fixed = tmp_path / "fixed.txt"
    code, out, _ = fix(capsys, str(SAMPLE), "-o", str(fixed), "--accept", "CCHC-SUM-3.2", "CCHC-RATE-EXCL-7.6.3")
    assert code == 1 and "3.2: (trống) → 25" in out and "7.6.3.b: 93,69% → 0%" in out
    old = SAMPLE.read_text(encoding="utf-8").split("\n")
    new = fixed.read_text(encoding="utf-8").split("\n")
    changed = [i + 1 for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    assert changed == [52, 180]
    assert new[51].split("\t")[3] == "25" and new[179].split("\t")[3] == "0%"
    assert [c for i, c in enumerate(new[179].split("\t")) if i != 3] == [
        c for i, c in enumerate(old[179].split("\t")) if i != 3
    ]


@pytest.mark.parametrize(
    "name", ["sample-utf8-bom.txt", "sample-utf16.txt", "sample-cp1258.txt", "sample-crlf.txt", "sample-nfd.txt"]
)
def test_fix_keeps_encoding_line_endings_and_everything_else(
    name: str, fixtures_dir: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = fixtures_dir[name]
    original = source.read_bytes()
    fixed = tmp_path / name
    fix(capsys, str(source), "-o", str(fixed), "--accept", "CCHC-SUM-3.2")
    decoded = text_source(original)
    lines = decoded.text.splitlines(keepends=True)
    cells = lines[51].split("\t")
    cells[3] = "25"
    lines[51] = "\t".join(cells)
    assert fixed.read_bytes() == decoded.encode("".join(lines))
    assert source.read_bytes() == original
    assert check(fixed).findings != [] and not [f for f in check(fixed).findings if f.rule_id == "CCHC-SUM-3.2"]


def test_fix_of_a_workbook_is_a_workbook(
    fixtures_dir: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = fixtures_dir["sample.xlsx"]
    original = source.read_bytes()
    fixed = tmp_path / "fixed.xlsx"
    code, _, _ = fix(capsys, str(source), "-o", str(fixed), "--all")
    assert code == 1 and source.read_bytes() == original
    errors = [(f.rule_id, f.indicators[0]) for f in check(fixed).findings if f.severity.value == "error"]
    assert errors == [("CCHC-TYPE-TEXT", "7.6.4.a")]


@pytest.mark.parametrize("name", ["sample.docx", "sample.csv", "sample.json"])
def test_other_inputs_give_the_json_report_format(
    name: str, fixtures_dir: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixed = tmp_path / "fixed.json"
    fix(capsys, str(fixtures_dir[name]), "-o", str(fixed), "--all")
    again = check(fixed)
    by_id = {e.id: e for e in again.report.entries}
    assert by_id["3.2"].raw == "25" and by_id["7.6.3.b"].raw == "0%" and by_id["1.6"].raw == ""
    assert by_id["1.3"].note == check(fixtures_dir[name]).report.by_id()["1.3"][0].note
    assert [f.rule_id for f in again.findings if f.severity.value == "error"] == ["CCHC-TYPE-TEXT"]


def test_fix_refuses_what_it_cannot_do(
    fixtures_dir: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "report.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    code, _, err = fix(capsys, str(copy), "-o", str(copy), "--all")
    assert code == 2 and "output-is-input" in err and copy.read_bytes() == SAMPLE.read_bytes()
    code, _, err = fix(capsys, str(copy), "-o", str(tmp_path / "out.txt"))
    assert code == 2 and "--accept" in err
    code, _, err = fix(capsys, str(fixtures_dir["sample.docx"]), "-o", str(tmp_path / "out.docx"), "--all")
    assert code == 2 and ".json" in err


def test_fix_help_says_what_it_writes(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    with pytest.raises(SystemExit):
        main(["fix", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "keep their exact bytes except the changed value cells" in out
    assert "JSON or YAML report format" in out


def test_utf16_round_trip_helper() -> None:
    data = codecs.BOM_UTF16_LE + "a\tb\r\n".encode("utf-16-le")
    source = text_source(data)
    assert source.encode(source.text) == data
