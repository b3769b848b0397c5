"""Notes as evidence: the figures notes give (parts, ratios, compositions, counts in words),
what they confirm on the sample, and what they contradict once a value is changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_rules import check
from cchc_rules.catalogue import default_catalogue
from cchc_rules.model import Entry
from cchc_rules.notes.arithmetic import find_figures
from cchc_rules.notes.evidence import read_notes
from cchc_rules.result import ReportResult

from helpers import SAMPLE, edited_sample

V = 3  # the value column


@pytest.fixture(scope="module")
def result() -> ReportResult:
    return check(SAMPLE)


def kinds(note: str) -> list[tuple[str, float]]:
    return [(f.kind, f.total) for f in find_figures(note)]


def test_a_list_of_parts() -> None:
    note = "- Lĩnh vực phòng, chống tham nhũng: QĐ số 1243/QĐ-UBND (4 TTHC); 1135/QĐ-UBND (3 TTHC)."
    [parts] = [f for f in find_figures(note) if f.kind == "parts"]
    assert parts.terms == (4, 3) and parts.total == 7 and "1243/QĐ-UBND (4 TTHC)" in parts.quote


def test_an_explicit_ratio_and_a_composition() -> None:
    assert kinds("1604/1712 văn bản") == [("ratio", pytest.approx(100 * 1604 / 1712))]
    [composition] = [f for f in find_figures("Gồm 1604 VBĐT và 108 văn bản mật") if f.kind == "composition"]
    assert composition.terms == (1604, 108) and composition.nouns == ("VBĐT", "văn bản mật")


def test_counts_in_words() -> None:
    assert ("count", 2) in kinds("(Trong năm 2021: 02 trường hợp là đ/c A; đ/c B)")
    assert ("count", 11) in kinds("Lãnh đạo đã tham dự 11 vụ đối thoại lần hai")
    assert ("labelled", 29) in kinds("Kết quả: - Số phiếu phát ra: 29 - Số phiếu thu vào: 18")


@pytest.mark.parametrize(
    "note",
    [
        "Trong năm 2021, Không phát sinh hồ sơ",  # a year
        "Mục 7.3: - Đang thực hiện",  # an item reference
        "tháng 11/2021; quý IV/2021",  # months
        "Quyết định số 11/QĐ-TTT ngày 29/01/2021",  # a document number and a date
        "theo Chỉ thị số 12/CT-UBND ngày 26/5/2017",
    ],
)
def test_numbers_that_are_not_figures(note: str) -> None:
    assert [f for f in find_figures(note) if f.kind in ("count", "ratio", "parts", "composition")] == []


@pytest.mark.parametrize("ident", ["3.1.a", "3.1.b", "7.6.3"])
def test_done_when_values_confirmed_by_their_notes(result: ReportResult, ident: str) -> None:
    assert result.confirmed(ident)
    assert result.evidence is not None
    assert {c.kind for c in result.evidence.confirming(ident)} & {"parts", "composition"}


def test_other_notes_that_confirm_their_values(result: ReportResult) -> None:
    for ident in ("7.6.3.a", "2.3", "5.3.b", "5.3.c", "1.7", "1.2", "1.6.a"):
        assert result.confirmed(ident), ident


def test_a_note_copied_from_the_row_above_confirms_nothing(result: ReportResult) -> None:
    assert result.evidence is not None
    assert not result.confirmed("7.6.3.b")
    assert [c.copy_of for c in result.evidence.about("7.6.3.b") if c.kind == "ratio"] == ["7.6.3.a"]


def test_false_positives_to_avoid(result: ReportResult) -> None:
    """5.2.1.a = 0 with "tiếp nhận 02 CC … chuyển về" (transfers); 1.7 = 1 with "11 vụ" (a yes/no);
    1.6.b's "Số phiếu thu vào: 18" (not 1.6.a's 29); none of the sample's notes contradicts its value."""
    assert result.evidence is not None
    assert not [c for c in result.evidence.claims if "5.2.1.a" in c.targets]
    for ident in result.report.by_id():
        assert not result.evidence.contradicting(ident), ident
    assert not [f for f in result.findings if f.rule_id in ("CCHC-NOTE-PARTS", "CCHC-NOTE-RATIO", "CCHC-NOTE-COUNT")]


# line: (edit, rule, indicator, what the message must quote)
CONTRADICTIONS = {
    "parts": ({46: {V: "16"}}, "CCHC-NOTE-PARTS", "3.1.a", "4 + 3 + 3 + 2 + 2 + 1 = 15"),
    "composition": ({178: {V: "1700"}}, "CCHC-NOTE-PARTS", "7.6.3", "1604 + 108 = 1712"),
    "ratio": ({179: {V: "90%"}}, "CCHC-NOTE-RATIO", "7.6.3.a", "1604/1712 = 93,69%"),
    "count": ({41: {V: "20"}}, "CCHC-NOTE-COUNT", "2.3", "21 VBQPPL"),
    "cases": ({137: {V: "03"}}, "CCHC-NOTE-COUNT", "5.3.b", "02 trường hợp"),
    "yesno": ({33: {V: "0"}}, "CCHC-NOTE-COUNT", "1.7", "11 vụ đối thoại"),
}


@pytest.mark.parametrize("name", sorted(CONTRADICTIONS))
def test_done_when_a_changed_value_that_contradicts_its_note_is_reported(name: str, tmp_path: Path) -> None:
    edits, rule_id, indicator, quoted = CONTRADICTIONS[name]
    changed = check(edited_sample(tmp_path, edits))
    [finding] = [f for f in changed.findings if f.rule_id == rule_id]
    assert finding.indicators[0] == indicator
    assert quoted in changed.message(finding, "vi") and quoted in changed.message(finding, "en")
    assert not changed.confirmed(indicator)


def test_transfers_are_not_recruitments(tmp_path: Path) -> None:
    """Had the note said "tuyển dụng 02 CC", 0 would contradict it; "tiếp nhận … chuyển về" does not."""
    recruited = check(edited_sample(tmp_path, {129: {4: "(Trong năm 2021: tuyển dụng 02 CC qua thi tuyển)"}}))
    assert [f.indicators for f in recruited.findings if f.rule_id == "CCHC-NOTE-COUNT"] == [("5.2.1.a",)]


def test_the_sample_shares_finding_reads_the_parent_note(result: ReportResult) -> None:
    [finding] = [f for f in result.findings if f.rule_id == "CCHC-NOTE-SHARES-7.6.3"]
    assert finding.indicators == ("7.6.3.a", "7.6.3.b", "7.6.3")
    assert finding.expected == "7.6.3.a + 7.6.3.b = 93,69%" and finding.actual == "187,38%"
    assert "Gồm 1604 VBĐT và 108 văn bản mật" in result.message(finding, "en")


PIECES = st.sampled_from(
    ["(4 TTHC)", "(3 TTHC);", "Gồm", "1604", "VBĐT", "và", "108", "văn bản mật", "/", "1712", "02", "trường hợp",
     "tham dự", "11 vụ đối thoại", "Số phiếu phát ra:", "29", "không phát sinh", "Kế hoạch", ";", "0", "-", "%",
     "tiếp nhận", "CC", "chuyển về", "năm 2021", "QĐ số 1/QĐ-UBND", "(0 TTHC)", "0/0"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(notes=st.lists(st.lists(PIECES, max_size=12).map(" ".join), min_size=6, max_size=6))
def test_reading_any_note_never_raises(notes: list[str]) -> None:
    catalogue = default_catalogue()
    idents = ["3.1.a", "7.6.3", "7.6.3.a", "7.6.3.b", "1.7", "1.6.b"]
    entries = {i: Entry(id=i, raw="1", note=n) for i, n in zip(idents, notes, strict=True)}
    evidence = read_notes(entries, catalogue.indicators, {i: 1.0 for i in idents})
    for claim in evidence.claims:
        assert claim.low <= claim.high
        claim.agrees(evidence.numbers)
    evidence.to_dict()
