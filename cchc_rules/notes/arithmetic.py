"""The figures a note gives, each with the words it was read from.

    QĐ số 1243/QĐ-UBND (4 TTHC); 1135/QĐ-UBND (3 TTHC)   parts: 4 + 3 (same noun)
    Gồm 1604 VBĐT và 108 văn bản mật                     a composition: 1604 + 108
    1604/1712 văn bản                                    a ratio
    02 trường hợp, tham dự 11 vụ đối thoại               counts in words
    Số phiếu phát ra: 29                                 a labelled count
    Kế hoạch …; Kế hoạch …; Thông báo …                  a list of documents (3)
    không phát sinh                                      nothing happened (0)

Numbers that belong to a document number, a date, a month, a year ("năm 2021") or an
item reference ("Mục 7.3") are never read as figures. This module does not decide
what a figure is about: evidence.py matches figures to indicators.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from cchc_rules.notes.cache import lazy_regex
from cchc_rules.notes.citations import ParsedNote, parse_note

NUM = r"\d{1,3}(?:\.\d{3})+(?!\d)|\d+"
_PARTS = lazy_regex(rf"\(\s*(?P<n>{NUM})\s+(?P<noun>[^\W\d_][^()\d;]{{0,30}}?)\s*\)")
_GOM = lazy_regex(r"(?<![^\W\d_])(?:bao\s+)?gồm\s*:?\s*", re.IGNORECASE)
_ITEM = lazy_regex(
    rf"\s*(?P<n>{NUM})\s+(?P<noun>[^\W\d_][^\d,;+()]*?)(?=\s*(?:,|;|\+|\bvà\b|\bcùng\b|\)|\.\s|\.$|$))",
    re.IGNORECASE,
)
_ITEM_SEP = lazy_regex(r"\s*(?:,|\+|\bvà\b|\bcùng\b)\s*", re.IGNORECASE)
_RATIO = lazy_regex(
    rf"(?<![\d/.,])(?<![^\W\d_])(?P<a>{NUM})\s*/\s*(?P<b>{NUM})(?![\d/]|\s*/|[.,]\d|-?\s?[A-ZĐ])"
    r"(?:\s+(?P<noun>[^\W\d_][\w/&]*(?:\s+[^\W\d_][\w/&]*){0,2}))?"
)
_LABELLED = lazy_regex(
    rf"(?P<label>(?<![^\W\d_])(?:tổng\s+)?số\s+(?:lượng\s+)?[^\W\d_][^\d:;()]{{0,50}}?)\s*:\s*(?P<n>{NUM})(?![\d/]|[.,]\d)",
    re.IGNORECASE,
)
_COUNT = lazy_regex(
    rf"(?<![\d/.,\w-])(?P<n>{NUM})(?![\d/]|[.,]\d|%)\s+(?P<noun>[^\W\d_][\w/&]*(?:\s+[^\W\d_][\w/&]*){{0,4}})"
)
_LEAD = lazy_regex(r"(?:[^\W\d_][\w/]*\s+){1,2}$")
_NOT_A_COUNT = lazy_regex(
    r"(?:\bnăm|\btháng|\bquý|\bngày|\bsố|\bmục|\bđiều|\bkhoản|\blần|\bthứ|\bgiai\s+đoạn|\bphiên\s+bản|"
    r"\bmức\s+độ|\bmức|\bcấp|\bkhóa|\bnhiệm\s+kỳ|\bphụ\s+lục|\bbiểu)\s*$",
    re.IGNORECASE,
)
_NOT_A_RATIO = lazy_regex(r"(?:\bngày|\btừ|\bđến|\btháng|\bquý|\btrước|\bsau|\bhạn|\bsố)\s*$", re.IGNORECASE)
_ITEM_REF = lazy_regex(r"(?<![\d.])\d{1,2}(?:\.\d{1,2})+\.?(?!\d)")
_ZERO = lazy_regex(r"(?<![^\W\d_])(?:không|chưa)\s+(?:phát\s+sinh|có|triển\s+khai)(?![^\W\d_])", re.IGNORECASE)
_LIST_SPLIT = lazy_regex(r";|\s+và\s+", re.IGNORECASE)
_LIST_MARK = lazy_regex(r"^[\s\-–*+•.]*")
_DOC_START = lazy_regex(
    r"^(?:Quyết định|Báo cáo|Kế hoạch|Thông báo|Chỉ thị|Hướng dẫn|Tờ trình|Biên bản|Nghị quyết|Công văn|"
    r"Kết luận|Quy chế|QĐ|KH|TB|BC)(?![^\W\d_])"
)


@dataclass(frozen=True)  # no slots: building a slotted class costs twice as much at import
class Figure:
    """One piece of arithmetic in a note. `terms` are the parts a total is made of."""

    kind: str  # parts | composition | ratio | count | labelled | listing | zero
    start: int
    end: int
    quote: str
    total: float
    terms: tuple[int, ...] = ()
    nouns: tuple[str, ...] = ()
    numerator: int | None = None
    denominator: int | None = None
    clause: str = ""


def to_int(text: str) -> int:
    return int(text.replace(".", ""))


def _compact(text: str) -> str:
    return " ".join(text.split())


def find_figures(note: str, parsed: ParsedNote | None = None) -> list[Figure]:
    """Every figure in a note; numbers inside citations, dates and months are left alone."""
    return list(figures(note))


@lru_cache(maxsize=8192)
def figures(note: str) -> tuple[Figure, ...]:
    """find_figures, shared: cached by the note's text, which is all its figures depend on."""
    return tuple(_find_figures(note, parse_note(note)))


def _find_figures(note: str, parsed: ParsedNote) -> list[Figure]:
    text = parsed.text
    taken: list[tuple[int, int]] = list(parsed.spans)
    taken += [(m.start(), m.end()) for m in _ITEM_REF().finditer(text)]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    def clause(position: int) -> str:
        start, end = parsed.clause_of(position)
        return text[start:end].strip()

    figures: list[Figure] = []
    figures += _parts(text, free, clause)
    figures += _compositions(text, free, clause)
    taken += [(f.start, f.end) for f in figures]
    for match in _RATIO().finditer(text):
        a, b = to_int(match.group("a")), to_int(match.group("b"))
        if not free(match.start(), match.end("b")) or b == 0 or (a <= 12 and 1900 <= b <= 2100):
            continue
        if _NOT_A_RATIO().search(text[: match.start()]):
            continue  # "từ 1/5 đến 30/6": days, not a ratio
        noun = match.group("noun") or ""
        figures.append(
            Figure("ratio", match.start(), match.end(), _compact(match.group(0)), 100.0 * a / b,
                   nouns=(noun,), numerator=a, denominator=b, clause=clause(match.start()))
        )  # fmt: skip
        taken.append((match.start(), match.end("b")))
    for match in _LABELLED().finditer(text):
        if not free(match.start("n"), match.end("n")):
            continue
        n = to_int(match.group("n"))
        figures.append(
            Figure("labelled", match.start(), match.end(), _compact(match.group(0)), float(n),
                   terms=(n,), nouns=(_compact(match.group("label")),), clause=clause(match.start()))
        )  # fmt: skip
        taken.append((match.start("n"), match.end("n")))
    for match in _COUNT().finditer(text):
        if not free(match.start("n"), match.end("n")) or _NOT_A_COUNT().search(text[: match.start()]):
            continue
        n = to_int(match.group("n"))
        lead = _LEAD().search(text[max(0, match.start() - 40) : match.start()])
        said = (lead.group(0) if lead else "") + match.group(0)
        figures.append(
            Figure("count", match.start(), match.end(), _compact(said), float(n),
                   terms=(n,), nouns=(_compact(match.group("noun")),), clause=clause(match.start()))
        )  # fmt: skip
    listed = _listing(text)
    if listed is not None:
        figures.append(listed)
    for match in _ZERO().finditer(text):
        figures.append(Figure("zero", match.start(), match.end(), match.group(0), 0.0, clause=clause(match.start())))
    return sorted(figures, key=lambda f: (f.start, f.kind))


def _parts(text: str, free: Callable[[int, int], bool], clause: Callable[[int], str]) -> list[Figure]:
    """ "(4 TTHC); … (3 TTHC)": the parts of each noun (evidence.py joins spellings of one noun)."""
    groups: dict[str, list[re.Match[str]]] = {}
    for match in _PARTS().finditer(text):
        if free(match.start(), match.end()):
            groups.setdefault(_compact(match.group("noun")).casefold(), []).append(match)
    found: list[Figure] = []
    for matches in groups.values():
        terms = tuple(to_int(m.group("n")) for m in matches)
        first, last = matches[0], matches[-1]
        lead = text.rfind(";", 0, first.start())
        lead = max(lead, text.rfind(":", 0, first.start()) - 60, 0) if lead < 0 else lead + 1
        found.append(
            Figure("parts", first.start(), last.end(), _compact(text[lead : last.end()]), float(sum(terms)),
                   terms=terms, nouns=tuple(_compact(m.group("noun")) for m in matches),
                   clause=clause(first.start()))
        )  # fmt: skip
    return found


def _compositions(text: str, free: Callable[[int, int], bool], clause: Callable[[int], str]) -> list[Figure]:
    """ "Gồm 1604 VBĐT và 108 văn bản mật": the parts a total consists of."""
    found: list[Figure] = []
    for head in _GOM().finditer(text):
        position, items = head.end(), list[re.Match[str]]()
        while True:
            item = _ITEM().match(text, position)
            if item is None or not free(item.start("n"), item.end("n")):
                break
            items.append(item)
            position = item.end()
            sep = _ITEM_SEP().match(text, position)
            if sep is None:
                break
            position = sep.end()
        if len(items) < 2:
            continue
        terms = tuple(to_int(i.group("n")) for i in items)
        end = items[-1].end()
        found.append(
            Figure("composition", head.start(), end, _compact(text[head.start() : end]), float(sum(terms)),
                   terms=terms, nouns=tuple(_compact(i.group("noun")) for i in items), clause=clause(head.start()))
        )  # fmt: skip
    return found


def _listing(text: str) -> Figure | None:
    """A note that is nothing but a list of documents names how many there are."""
    items = [_LIST_MARK().sub("", part).strip() for part in _LIST_SPLIT().split(text)]
    items = [i for i in items if i]
    if len(items) < 2 or not all(_DOC_START().match(i) for i in items):
        return None
    return Figure("listing", 0, len(text), _compact(text), float(len(items)), terms=(1,) * len(items),
                  nouns=tuple(items))  # fmt: skip
