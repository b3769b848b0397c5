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
from typing import TYPE_CHECKING

from cchc_rules.notes.cache import Bounded, filled, lazy_regex
from cchc_rules.notes.citations import ParsedNote, parse_note
from cchc_rules.notes.scan import matches, starts, tail_start

if TYPE_CHECKING:
    # How a figure is read from its note, by where things are: kind, start, end, the spans its
    # quote is made of and whether its spaces are folded, the spans of its nouns ((-1, -1): none)
    # and whether theirs are, how its value is worked out from the numbers at the spans that
    # follow ("sum", the "ratio" of two; a "listing" counts its nouns; "zero"), and its clause
    # (without the spaces around it; None: no clause).
    Span = tuple[int, int]
    Recipe = tuple[str, int, int, tuple[Span, ...], bool, tuple[Span, ...], bool, str, tuple[Span, ...], Span | None]
    # The day-or-ratio checks a note's figures depended on: the spans of a and b, and what was decided.
    Checks = tuple[tuple[Span, Span, bool], ...]

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
# Where _ITEM_REF, _RATIO and _COUNT may start (notes/scan.py): a digit, then what must follow.
_ITEM_REF_AT = lazy_regex(r"\d(?<![\d.]\d)(?=\d?\.\d)")
_RATIO_AT = lazy_regex(r"\d(?<![\d/.,]\d)(?<![^\W\d_]\d)(?=[\d.]*\s*/\s*\d)")
_COUNT_AT = lazy_regex(r"\d(?<![\d/.,\w-]\d)(?=[\d.]*\s+[^\W\d_])")
_DIGIT = lazy_regex(r"\d")
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


_SHAPES: Bounded[tuple[bytes, tuple[Span, ...]], tuple[tuple[Recipe, ...], Checks]] = Bounded()
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")


@lru_cache(maxsize=8192)
def figures(note: str) -> tuple[Figure, ...]:
    """find_figures, shared: cached by the note's text, which is all its figures depend on.

    What the expressions find is also kept by the note's shape (its text with every digit
    written 0, and where its citations, dates and months are): the expressions here look at
    digits only as digits, so a note of the same shape has its figures in the same places,
    made of its own numbers and words. One decision depends on the numbers themselves, whether
    "a/b" is a ratio or a day ("1/5", "/0"): it is checked again, and the note read afresh
    when it goes the other way."""
    parsed = parse_note(note)
    text = parsed.text
    key = (text.encode("utf-8", "surrogatepass").translate(_DIGITS_AS_ZERO), parsed.spans)
    known = _SHAPES.get(key)
    if known is not None and (not known[1] or all([_not_a_ratio(text, a, b) is said for a, b, said in known[1]])):
        recipes = known[0]
    else:
        recipes, checks = _recipes(parsed)
        _SHAPES.put(key, (recipes, checks))
    return tuple([_figure(text, recipe) for recipe in recipes]) if recipes else ()


def _not_a_ratio(text: str, a: Span, b: Span) -> bool:
    """ "a/b" read as numbers: no ratio when b is 0 or it reads as a day and a year ("1/2021")."""
    numerator, denominator = to_int(text[a[0] : a[1]]), to_int(text[b[0] : b[1]])
    return denominator == 0 or (numerator <= 12 and 1900 <= denominator <= 2100)


def _figure(text: str, recipe: Recipe) -> Figure:
    """A figure of this note, made as `recipe` says (of this note or of another of its shape)."""
    kind, start, end, quoted, fold, nouns_at, fold_nouns, how, numbers, clause = recipe
    quote = "".join([text[a:b] for a, b in quoted])
    nouns = tuple(text[a:b] if a >= 0 else "" for a, b in nouns_at)
    if fold:
        quote = _compact(quote)
    if fold_nouns:
        nouns = tuple(_compact(noun) for noun in nouns)
    terms: tuple[int, ...] = ()
    numerator = denominator = None
    if how == "sum":
        terms = tuple(to_int(text[a:b]) for a, b in numbers)
        total = float(sum(terms))
    elif how == "ratio":
        (a, b), (c, d) = numbers
        numerator, denominator = to_int(text[a:b]), to_int(text[c:d])
        total = 100.0 * numerator / denominator
    elif how == "listing":
        terms, total = (1,) * len(nouns), float(len(nouns))
    else:
        total = 0.0
    return filled(Figure, {
        "kind": kind, "start": start, "end": end, "quote": quote, "total": total, "terms": terms, "nouns": nouns,
        "numerator": numerator, "denominator": denominator,
        "clause": text[clause[0] : clause[1]] if clause is not None else "",
    })  # fmt: skip


def _free_digit(text: str, taken: list[tuple[int, int]]) -> bool:
    """Is a digit of the note outside every span taken (citations, dates, months, item numbers)?
    Every figure but a listing and "không phát sinh" needs one."""
    digit = _DIGIT().search
    position = 0
    for start, end in sorted(taken):
        if start > position and digit(text, position, start) is not None:
            return True
        position = max(position, end)
    return digit(text, position) is not None


def _find_figures(note: str, parsed: ParsedNote) -> list[Figure]:
    """Every figure of a parsed note, read afresh (figures() keeps them by shape)."""
    return [_figure(parsed.text, recipe) for recipe in _recipes(parsed)[0]]


def _recipes(parsed: ParsedNote) -> tuple[tuple[Recipe, ...], Checks]:
    text = parsed.text
    taken: list[tuple[int, int]] = list(parsed.spans)
    if "." in text:
        taken += [(m.start(), m.end()) for m in matches(_ITEM_REF(), text, starts(_ITEM_REF_AT(), text))]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    def clause(position: int) -> Span:
        start, end = parsed.clause_of(position)
        inside = text[start:end]
        return start + len(inside) - len(inside.lstrip()), start + len(inside.rstrip())  # as .strip() leaves it

    lowered = text.lower()
    found: list[Recipe] = []
    checks: list[tuple[Span, Span, bool]] = []
    if _free_digit(text, taken):
        if "(" in text:
            found += _parts(text, free, clause)
        if "gồm" in lowered:
            found += _compositions(text, free, clause)
        taken += [(r[1], r[2]) for r in found]
        if "/" in text:
            found += _ratios(text, free, clause, taken, checks)
        if ":" in text:
            for match in _LABELLED().finditer(text):
                if not free(match.start("n"), match.end("n")):
                    continue
                found.append(("labelled", match.start(), match.end(), (match.span(),), True, (match.span("label"),),
                              True, "sum", (match.span("n"),), clause(match.start())))  # fmt: skip
                taken.append((match.start("n"), match.end("n")))
        found += _counts(text, free, clause)
    listed = _listing(text) if ";" in text or "và" in lowered else None
    if listed is not None:
        found.append(listed)
    if "không" in lowered or "chưa" in lowered:
        for match in _ZERO().finditer(text):
            found.append(("zero", match.start(), match.end(), (match.span(),), False, (), False, "zero", (),
                          clause(match.start())))  # fmt: skip
    found.sort(key=lambda r: (r[1], r[0]))
    return tuple(found), tuple(checks)


def _ratios(
    text: str,
    free: Callable[[int, int], bool],
    clause: Callable[[int], Span],
    taken: list[tuple[int, int]],
    checks: list[tuple[Span, Span, bool]],
) -> list[Recipe]:
    found: list[Recipe] = []
    for match in matches(_RATIO(), text, starts(_RATIO_AT(), text)):
        if not free(match.start(), match.end("b")):
            continue
        a, b = match.span("a"), match.span("b")
        day = _not_a_ratio(text, a, b)
        checks.append((a, b, day))
        if day:
            continue
        start = match.start()
        if _NOT_A_RATIO().search(text, tail_start(text, start), start):
            continue  # "từ 1/5 đến 30/6": days, not a ratio
        found.append(("ratio", start, match.end(), (match.span(),), True, (match.span("noun"),), False,
                      "ratio", (a, b), clause(start)))  # fmt: skip
        taken.append((start, match.end("b")))
    return found


def _counts(text: str, free: Callable[[int, int], bool], clause: Callable[[int], Span]) -> list[Recipe]:
    found: list[Recipe] = []
    for match in matches(_COUNT(), text, starts(_COUNT_AT(), text)):
        start = match.start()
        if not free(start, match.end("n")) or _NOT_A_COUNT().search(text, tail_start(text, start), start):
            continue
        lead = _LEAD().search(text, max(0, start - 40, tail_start(text, start)), start)
        said = ((lead.span(),) if lead else ()) + (match.span(),)
        found.append(("count", start, match.end(), said, True, (match.span("noun"),), True, "sum", (match.span("n"),),
                      clause(start)))  # fmt: skip
    return found


def _parts(text: str, free: Callable[[int, int], bool], clause: Callable[[int], Span]) -> list[Recipe]:
    """ "(4 TTHC); … (3 TTHC)": the parts of each noun (evidence.py joins spellings of one noun)."""
    groups: dict[str, list[re.Match[str]]] = {}
    for match in _PARTS().finditer(text):
        if free(match.start(), match.end()):
            groups.setdefault(_compact(match.group("noun")).casefold(), []).append(match)
    found: list[Recipe] = []
    for matched in groups.values():
        first, last = matched[0], matched[-1]
        lead = text.rfind(";", 0, first.start())
        lead = max(lead, text.rfind(":", 0, first.start()) - 60, 0) if lead < 0 else lead + 1
        found.append(("parts", first.start(), last.end(), ((lead, last.end()),), True,
                      tuple(m.span("noun") for m in matched), True, "sum", tuple(m.span("n") for m in matched),
                      clause(first.start())))  # fmt: skip
    return found


def _compositions(text: str, free: Callable[[int, int], bool], clause: Callable[[int], Span]) -> list[Recipe]:
    """ "Gồm 1604 VBĐT và 108 văn bản mật": the parts a total consists of."""
    found: list[Recipe] = []
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
        end = items[-1].end()
        found.append(("composition", head.start(), end, ((head.start(), end),), True,
                      tuple(i.span("noun") for i in items), True, "sum", tuple(i.span("n") for i in items),
                      clause(head.start())))  # fmt: skip
    return found


def _listing(text: str) -> Recipe | None:
    """A note that is nothing but a list of documents names how many there are."""
    mark = _LIST_MARK().match  # the list marks at the start of each part ("- ", "• ")
    items: list[Span] = []
    start = 0
    for cut in [*_LIST_SPLIT().finditer(text), None]:  # the parts re.split gives, where they are
        end = cut.start() if cut is not None else len(text)
        part = text[start:end]
        marks = mark(part)  # always matches, if only nothing
        inside = part[marks.end() if marks else 0 :]
        item = inside.strip()
        if item:
            first = end - len(inside.lstrip())  # after the marks and the spaces
            items.append((first, first + len(item)))
        if cut is not None:
            start = cut.end()
    if len(items) < 2 or not all(_DOC_START().match(text[a:b]) for a, b in items):
        return None
    return ("listing", 0, len(text), ((0, len(text)),), True, tuple(items), False, "listing", (), None)
