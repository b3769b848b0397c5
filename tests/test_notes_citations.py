"""The citation and date parser (cchc_rules/notes/citations.py) on the forms domain.md names,
the sample's own notes, and generated text: it never raises and round-trips every date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_rules import load_report
from cchc_rules.notes.citations import find_dates, format_date, parse_note
from cchc_rules.notes.process import sequence_problems

from helpers import SAMPLE


@pytest.fixture(scope="module")
def notes() -> dict[str, str]:
    return {e.id: e.note for e in load_report(SAMPLE).entries if e.note}


@pytest.mark.parametrize(
    ("text", "number", "doc_type", "issuer", "year"),
    [
        ("Số: 11/QĐ-TTT", "11/QĐ-TTT", "QĐ", "TTT", None),
        ("theo Nghị định 09/2019/NĐ-CP", "09/2019/NĐ-CP", "NĐ", "CP", 2019),
        ("công văn số 828/TTT-VP ngày 09/11/2021", "828/TTT-VP", "CV", "TTT", None),
        ("QĐ số 2493/QĐ-UBND ngày 27/8/2021 (2 TTHC)", "2493/QĐ-UBND", "QĐ", "UBND", None),
        ("Báo cáo số 127/BC-TTT ngày 22/11/2021", "127/BC-TTT", "BC", "TTT", None),
        ("Tờ trình số 5/TTr-SNV", "5/TTr-SNV", "TTr", "SNV", None),
        ("QĐ số 2493/QĐ- UBND ngày 27/8/2021", "2493/QĐ-UBND", "QĐ", "UBND", None),  # a page break read by docx
    ],
)
def test_document_numbers(text: str, number: str, doc_type: str, issuer: str, year: int | None) -> None:
    [citation] = [c for c in parse_note(text).citations if c.number]
    assert (citation.number, citation.doc_type, citation.issuer, citation.year) == (number, doc_type, issuer, year)


def test_a_number_does_not_swallow_the_next_item() -> None:
    [citation] = [c for c in parse_note("1135/QĐ-UBND - Lĩnh vực Khiếu nại").citations if c.number]
    assert citation.number == "1135/QĐ-UBND"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("ngày 29/01/2021", date(2021, 1, 29)),
        ("ngày 27/8/2021", date(2021, 8, 27)),
        ("ban hành ngày 27 tháng 8 năm 2021", date(2021, 8, 27)),
        ("ngày 05-11-2021", date(2021, 11, 5)),
    ],
)
def test_date_forms(text: str, day: date) -> None:
    [found] = find_dates(text)
    assert found.value == day


def test_a_date_that_does_not_exist_is_kept_as_such() -> None:
    [found] = find_dates("Biên bản ngày 31/02/2021")
    assert found.text == "31/02/2021" and found.value is None and not found.exists


def test_numbers_that_are_not_dates() -> None:
    assert find_dates("1604/1712 văn bản; 05/05 phòng; tháng 11/2021; 09/2019/NĐ-CP") == []


def test_months_and_quarters() -> None:
    parsed = parse_note("thực hiện trong tháng 11/2021, đánh giá trong quý IV/2021, ngày 27 tháng 8 năm 2021")
    assert [(m.first, m.last) for m in parsed.months] == [
        (date(2021, 11, 1), date(2021, 11, 30)),
        (date(2021, 10, 1), date(2021, 12, 31)),
    ]


def test_dates_at_the_end_of_the_calendar() -> None:
    parsed = parse_note("tháng 12/9999, quý IV/9999, ngày 31/12/9999, tháng 0/2021, quý 4/0000")
    assert [m.last for m in parsed.months] == [date(9999, 12, 31), date(9999, 12, 31)]


def test_the_sample_note_of_1_3(notes: dict[str, str]) -> None:
    parsed = parse_note(notes["1.3"])
    dated = [(c.doc_type, c.number, c.date.text if c.date else None) for c in parsed.citations if c.date]
    assert dated == [
        ("QĐ", "239/QĐ-TTT", "28/10/2021"),
        ("BB", None, "29/01/2021"),  # minutes cited by name and date
        ("BC", "127/BC-TTT", "22/11/2021"),
        ("TB", "958/TB-TTT", "24/11/2021"),
    ]
    assert parsed.citations[0].basis  # "Căn cứ Kế hoạch CCHC năm 2021": the basis, not a step
    assert [m.text for m in parsed.months] == ["tháng 11/2021"]


def test_the_sample_number_split_over_a_page_break(notes: dict[str, str]) -> None:
    numbers = [c.number for c in parse_note(notes["3.1.a"]).citations]
    assert "2493/QĐ-UBND" in numbers and len(numbers) == 6


def test_deadlines_and_ranges_are_not_issue_dates() -> None:
    parsed = parse_note("Kế hoạch số 5/KH-TTT, hoàn thành trước ngày 31/12/2021; Tính từ 01/01/2021 đến 14/12/2021")
    [plan] = [c for c in parsed.citations if c.number]
    assert plan.date is None


def test_the_minutes_of_1_3_are_out_of_sequence(notes: dict[str, str]) -> None:
    [problem] = sequence_problems(parse_note(notes["1.3"]))
    assert problem.citation.doc_type == "BB" and problem.citation.date is not None
    assert problem.citation.date.text == "29/01/2021"
    assert [c.number for c in problem.follows] == ["239/QĐ-TTT"]
    assert problem.window is not None and problem.window.text == "tháng 11/2021"
    assert problem.variant == "before_window"


def test_minutes_after_the_report_are_not_out_of_sequence(notes: dict[str, str]) -> None:
    """The corrected fixture dates the minutes 29/11/2021, after the report of 22/11: closing minutes may."""
    assert sequence_problems(parse_note(notes["1.3"].replace("29/01/2021", "29/11/2021"))) == []


def test_two_documents_that_only_contradict_each_other_are_a_pair() -> None:
    note = "Quyết định số 5/QĐ-TTT ngày 20/10/2021 kiểm tra; Báo cáo số 7/BC-TTT ngày 10/10/2021 kết quả kiểm tra"
    [problem] = sequence_problems(parse_note(note))
    assert problem.variant == "pair"


def test_a_decision_on_what_follows_an_inspection_comes_after_it() -> None:
    note = (
        "Báo cáo số 7/BC-TTT ngày 10/10/2021 kết quả kiểm tra; "
        "Quyết định số 9/QĐ-TTT ngày 20/10/2021 xử lý sau kiểm tra"
    )
    assert sequence_problems(parse_note(note)) == []


DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=300, deadline=None)
@given(day=DAYS, style=st.sampled_from(["slash", "short", "words"]), before=st.text(max_size=30))
def test_generated_dates_round_trip(day: date, style: str, before: str) -> None:
    text = f"{before} Biên bản ngày {format_date(day, style)}; "
    found = [d for d in find_dates(text) if d.start >= len(before)]
    assert [d.value for d in found] == [day]


@settings(max_examples=300, deadline=None)
@given(number=st.integers(1, 99999), code=st.sampled_from(["QĐ-UBND", "BC-TTT", "TTT-VP", "NĐ-CP"]), day=DAYS)
def test_generated_citations_round_trip(number: int, code: str, day: date) -> None:
    parsed = parse_note(f"- Quyết định số {number}/{code} ngày {format_date(day, 'short')} về việc kiểm tra")
    [citation] = [c for c in parsed.citations if c.number]
    assert citation.number == f"{number}/{code}"
    assert citation.date is not None and citation.date.value == day


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_the_parser_never_raises(text: str) -> None:
    parsed = parse_note(text)
    sequence_problems(parsed)
    for citation in parsed.citations:
        assert 0 <= citation.start <= citation.end <= len(parsed.text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Quyết định số", "QĐ", "ngày", "/", "-", "tháng", "quý IV/", "2021", "31/02/2021", "(4 TTHC)", ";",
             " ", "12", "QĐ-UBND", "Biên bản", "năm", "0", "1.712", "Gồm", "và"]
        ),
        max_size=40,
    )
)  # fmt: skip
def test_the_parser_never_raises_on_near_misses(pieces: list[str]) -> None:
    parse_note(" ".join(pieces))
    parse_note("".join(pieces))
