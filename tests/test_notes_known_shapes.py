"""What the notes readers work out once per shape, or more cheaply, gives what reading the note gives.

Three shortcuts are checked here: a figure's spaces are folded only where its shape has spaces to
fold (arithmetic._settled), a document's number is keyed from its shape's folded code
(citations._counted), and a note's digits are found by deleting bytes (evidence._digits).
"""

from __future__ import annotations

import random
import re

import pytest

from cchc_rules.notes import arithmetic, citations, evidence

# Notes of one shape (only their digits differ), some with spaces to fold in a quote or a noun.
FAMILIES = [
    ["Gồm {a} VBĐT và {b} văn bản giấy", "Gồm {a} VBĐT  và {b} văn\u00a0bản giấy"],
    ["QĐ số {a}/QĐ-UBND ngày {d}/8/2021 ({b} TTHC); QĐ số {c}/QĐ-UBND ({b}  TTHC)"],
    ["Quyết định số {a}/QĐ-UBND ngày {d}/07/2021; Kế hoạch số {c}/KH-UBND ngày 1{d}/8/2021"],
    ["{a}/{b}{c} hồ sơ", "{a}/{b}{c}   hồ\tsơ"],
    ["Tổ chức {a} cuộc  đối thoại, {b} lượt người tham gia", "Số phiếu phát ra:  {a}"],
    ["Kế hoạch số {a}/kh -  ubnd ngày {d}/0{d}/2021; Quyết định số {c}/QĐ- UBND ngày 2{d}/1{d}/2020"],
]


def _notes(template: str, rng: random.Random, count: int) -> list[str]:
    digits = lambda: str(rng.randint(1, 9)) + str(rng.randint(0, 9))  # noqa: E731 (two digits keep the shape)
    return [template.format(a=digits(), b=digits(), c=digits(), d=rng.randint(1, 9)) for _ in range(count)]


@pytest.mark.parametrize("family", FAMILIES)
def test_figures_of_a_known_shape_are_those_read_afresh(family: list[str]) -> None:
    rng = random.Random(7)
    for template in family:
        for note in _notes(template, rng, 12):
            parsed = citations.parse_note(note)
            assert arithmetic.figures(note) == tuple(arithmetic._find_figures(note, parsed)), note


@pytest.mark.parametrize("family", FAMILIES)
def test_document_numbers_of_a_known_shape_are_the_citations_keys(family: list[str]) -> None:
    rng = random.Random(11)
    for template in family:
        for note in _notes(template, rng, 12):
            keys = tuple(key for key, _, _ in citations.parse_note(note).numbered)
            assert citations.documents(note)[4] == keys, note


def test_digits_are_those_the_expression_leaves() -> None:
    rng = random.Random(3)
    alphabet = "0123456789 ab/;đĐệ\n\u0660\u0661\uff11\u00a0\ud800\udfff" + "".join(
        chr(rng.randint(0x80, 0x10FFFF)) for _ in range(50)
    )
    for _ in range(5000):
        note = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        assert evidence._digits(note).decode() == re.sub("[^0-9]+", "", note), repr(note)
