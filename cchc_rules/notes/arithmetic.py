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
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING

from cchc_rules.notes.cache import TEXTS, Bounded, Record, filled, lazy_regex
from cchc_rules.notes.citations import ParsedNote, Shape, flattened, months_valid, parse_note, planned, spans_of
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
    # "(4 TTHC)" in a part of a note: start, end, its number's span and its noun's, the noun folded
    # (the lists of parts of one noun are joined), its clause.
    PartMatch = tuple[int, int, Span, Span, str, Span]
    # What a part of a note (between "; ", or the note whole) says, read alone (_reading): its parts
    # in brackets, its other figures (each with the span that the note's lists of parts must leave
    # free for it to count; None: kept), its list items (None: one is not a document) and the checks.
    Reading = tuple[tuple[PartMatch, ...], tuple[tuple[Recipe, Span | None], ...], tuple[Span, ...] | None, Checks]

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


class Figure(Record):
    """One piece of arithmetic in a note. `terms` are the parts a total is made of.

    A Record (notes/cache.py): a frozen dataclass would cost every start of `cchc` a millisecond."""

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

    def __init__(
        self,
        kind: str,
        start: int,
        end: int,
        quote: str,
        total: float,
        terms: tuple[int, ...] = (),
        nouns: tuple[str, ...] = (),
        numerator: int | None = None,
        denominator: int | None = None,
        clause: str = "",
    ) -> None:
        vars(self).update(
            kind=kind, start=start, end=end, quote=quote, total=total, terms=terms, nouns=nouns,
            numerator=numerator, denominator=denominator, clause=clause,
        )  # fmt: skip


def to_int(text: str) -> int:
    return int(text.replace(".", ""))


def _compact(text: str) -> str:
    return " ".join(text.split())


def find_figures(note: str, parsed: ParsedNote | None = None) -> list[Figure]:
    """Every figure in a note; numbers inside citations, dates and months are left alone."""
    return list(figures(note))


_SHAPES: Bounded[tuple[Shape, tuple[bool, ...]], tuple[tuple[Recipe, ...], Checks]] = Bounded()


@lru_cache(maxsize=TEXTS)
def figures(note: str) -> tuple[Figure, ...]:
    """find_figures, shared: cached by the note's text, which is all its figures depend on.

    What the expressions find is also kept by the note's shape (its text with every digit
    written 0, and where its citations, dates and months are): the expressions here look at
    digits only as digits, so a note of the same shape has its figures in the same places,
    made of its own numbers and words. One decision depends on the numbers themselves, whether
    "a/b" is a ratio or a day ("1/5", "/0"): it is checked again, and the note read afresh
    when it goes the other way. The shape is citations.planned's (the same for one text with
    its digits written 0, but for a note whose digits' values matter, which has its own), so
    that a note of a known shape needs no parsed note."""
    text, shape = planned(note)
    if shape is None:  # a blank note
        return tuple(_find_figures(note, parse_note(note)))
    key = (shape, months_valid(text, shape))  # (what the spans of citations, dates and months depend on)
    known = _SHAPES.get(key)
    if known is not None and _holds(text, known[1]):
        recipes = known[0]
    else:
        if shape.parts:
            recipes, checks = _by_parts(text, shape)
        else:
            recipes, checks = _whole(text, spans_of(text, shape), shape.clauses)
        recipes = tuple([_settled(text, recipe) for recipe in recipes])
        _SHAPES.put(key, (recipes, checks))
    return tuple([_figure(text, recipe) for recipe in recipes]) if recipes else ()


def _settled(text: str, recipe: Recipe) -> Recipe:
    """The recipe, folding the spaces of its quote and nouns only where this note has spaces to fold.

    Notes of one shape differ only in their digits, never in their spaces: a quote already folded in
    one is folded in all (folding a note's long list of documents is the dearest part of a figure)."""
    kind, start, end, quoted, fold, nouns_at, fold_nouns, how, numbers, clause = recipe
    if fold:
        quote = "".join([text[a:b] for a, b in quoted])
        fold = " ".join(quote.split()) != quote
    if fold_nouns:
        fold_nouns = any([" ".join(text[a:b].split()) != text[a:b] for a, b in nouns_at if a >= 0])
    return kind, start, end, quoted, fold, nouns_at, fold_nouns, how, numbers, clause


def _holds(text: str, checks: Checks) -> bool:
    """Do the day-or-ratio decisions of another note of this shape hold for this one?"""
    return not checks or all([_not_a_ratio(text, a, b) is said for a, b, said in checks])


_PIECES: Bounded[tuple[Shape, tuple[Span, ...]], Reading] = Bounded()


def _by_parts(text: str, shape: Shape) -> tuple[tuple[Recipe, ...], Checks]:
    r"""The figures of a note of several parts (between "; "), from each part read alone (kept by its
    shape: a new note is most often a new arrangement of known parts).

    Nothing the expressions find holds a ";" or sees past one (as in citations.parse_note), but
    for what _merged does over the whole note: a list of parts of one noun, which may run over
    several ("(4 TTHC); …; (3 TTHC)", and takes what is in between), the lead of its quote, and a
    list of documents. One expression does see the end of a part: "\.$" of _ITEM, so a part
    that ends with "." before "; " and may hold a composition ("gồm") is read with the note."""
    readings: list[tuple[int, Reading]] = []
    last = shape.parts[-1][0]
    for start, end, part in shape.parts:
        piece = text[start:end]
        if start != last and piece.endswith(".") and "gồm" in piece.lower():
            return _whole(text, spans_of(text, shape), flattened(shape).clauses)
        own = spans_of(piece, part)
        reading = _PIECES.get((part, own))
        if reading is None or not _holds(piece, reading[3]):
            reading = _PIECES.put((part, own), _reading(piece, own, part.clauses, True))
        readings.append((start, reading))
    return _merged(text, readings, True)


def _not_a_ratio(text: str, a: Span, b: Span) -> bool:
    """ "a/b" read as numbers: no ratio when b is 0 or it reads as a day and a year ("1/2021")."""
    numerator, denominator = to_int(text[a[0] : a[1]]), to_int(text[b[0] : b[1]])
    return denominator == 0 or (numerator <= 12 and 1900 <= denominator <= 2100)


def _figure(text: str, recipe: Recipe) -> Figure:
    """A figure of this note, made as `recipe` says (of this note or of another of its shape)."""
    kind, start, end, quoted, fold, nouns_at, fold_nouns, how, numbers, clause = recipe
    # (lists, not generators, and the usual one span read alone: a batch makes many of these)
    quote = text[quoted[0][0] : quoted[0][1]] if len(quoted) == 1 else "".join([text[a:b] for a, b in quoted])
    if fold:
        quote = " ".join(quote.split())
    if fold_nouns:
        nouns = tuple([" ".join(text[a:b].split()) if a >= 0 else "" for a, b in nouns_at])
    else:
        nouns = tuple([text[a:b] if a >= 0 else "" for a, b in nouns_at])
    terms: tuple[int, ...] = ()
    numerator = denominator = None
    if how == "sum":
        terms = tuple([int(text[a:b].replace(".", "")) for a, b in numbers])  # to_int
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
    """The figures of a parsed note, read whole."""
    return _whole(parsed.text, parsed.spans, parsed.clauses)


def _whole(text: str, spans: tuple[Span, ...], clauses: tuple[Span, ...]) -> tuple[tuple[Recipe, ...], Checks]:
    listing = ";" in text or "và" in text.lower()
    return _merged(text, [(0, _reading(text, spans, clauses, listing))], listing)


def _clause_span(clauses: tuple[Span, ...], text: str, position: int) -> Span:
    """The clause that holds a position (ParsedNote.clause_of), without the spaces around it."""
    start, end = next(((s, e) for s, e in clauses if s <= position < e), (0, len(text)))
    inside = text[start:end]
    return start + len(inside) - len(inside.lstrip()), start + len(inside.rstrip())  # as .strip() leaves it


def _reading(text: str, spans: tuple[Span, ...], clauses: tuple[Span, ...], listing: bool) -> Reading:
    """What a note, or a part of one, says read alone (see Reading); its list items only if `listing`."""
    taken: list[tuple[int, int]] = list(spans)
    if "." in text:
        taken += [(m.start(), m.end()) for m in matches(_ITEM_REF(), text, starts(_ITEM_REF_AT(), text))]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    def clause(position: int) -> Span:
        return _clause_span(clauses, text, position)

    lowered = text.lower()
    parts: list[PartMatch] = []
    others: list[tuple[Recipe, Span | None]] = []
    checks: list[tuple[Span, Span, bool]] = []
    if _free_digit(text, taken):
        if "(" in text:
            parts = _part_matches(text, free, clause)
        found = _compositions(text, free, clause) if "gồm" in lowered else []
        taken += _part_spans(parts) + [(r[1], r[2]) for r in found]
        others += [(recipe, None) for recipe in found]
        if "/" in text:
            others += _ratios(text, free, clause, taken, checks)
        if ":" in text:
            for match in _LABELLED().finditer(text):
                n = match.span("n")
                if not free(*n):
                    continue
                others.append((("labelled", match.start(), match.end(), (match.span(),), True,
                                (match.span("label"),), True, "sum", (n,), clause(match.start())), n))  # fmt: skip
                taken.append(n)
        others += _counts(text, free, clause)
    items = _list_items(text) if listing else None
    if "không" in lowered or "chưa" in lowered:
        for match in _ZERO().finditer(text):
            others.append((("zero", match.start(), match.end(), (match.span(),), False, (), False, "zero", (),
                            clause(match.start())), None))  # fmt: skip
    return tuple(parts), tuple(others), items, tuple(checks)


def _part_spans(parts: list[PartMatch]) -> list[Span]:
    """What the lists of parts take: from each noun's first to its last."""
    spans: dict[str, Span] = {}
    for start, end, _, _, noun, _ in parts:
        spans[noun] = (spans[noun][0], end) if noun in spans else (start, end)
    return list(spans.values())


def _merged(text: str, readings: list[tuple[int, Reading]], listing: bool) -> tuple[tuple[Recipe, ...], Checks]:
    """A note's figures from the readings of its parts (at their offsets): the lists of parts of one
    noun joined over the note, what they take left out, and the note's list of documents."""
    groups: dict[str, list[PartMatch]] = {}
    others: list[tuple[Recipe, Span | None]] = []
    items: list[Span] | None = [] if listing else None
    checks: list[tuple[Span, Span, bool]] = []
    for offset, (parts, found, listed, checked) in readings:
        for part in parts:
            groups.setdefault(part[4], []).append(_moved_part(part, offset) if offset else part)
        if offset:
            others += [(_moved(recipe, offset), _at(block, offset) if block else None) for recipe, block in found]
        else:
            others += found
        checks += [(_at(a, offset), _at(b, offset), said) for a, b, said in checked] if offset else checked
        if items is not None:
            items = None if listed is None else items + ([_at(i, offset) for i in listed] if offset else list(listed))
    recipes = [_parts(text, matched) for matched in groups.values()]
    taken = [(r[1], r[2]) for r in recipes]
    for recipe, block in others:
        if block is None or not any(s < block[1] and block[0] < e for s, e in taken):
            recipes.append(recipe)
    if items is not None and len(items) >= 2:
        recipes.append(("listing", 0, len(text), ((0, len(text)),), True, tuple(items), False, "listing", (), None))
    recipes.sort(key=lambda r: (r[1], r[0]))
    return tuple(recipes), tuple(checks)


def _at(span: Span, offset: int) -> Span:
    return (span[0] + offset, span[1] + offset) if span[0] >= 0 else span


def _moved_part(part: PartMatch, offset: int) -> PartMatch:
    start, end, n, noun, key, clause = part
    return start + offset, end + offset, _at(n, offset), _at(noun, offset), key, _at(clause, offset)


def _moved(recipe: Recipe, offset: int) -> Recipe:
    """A recipe of a part of a note, moved to where the part starts."""
    kind, start, end, quoted, fold, nouns, fold_nouns, how, numbers, clause = recipe
    return (kind, start + offset, end + offset, tuple([_at(s, offset) for s in quoted]), fold,
            tuple([_at(s, offset) for s in nouns]), fold_nouns, how, tuple([_at(s, offset) for s in numbers]),
            _at(clause, offset) if clause is not None else None)  # fmt: skip


def _ratios(
    text: str,
    free: Callable[[int, int], bool],
    clause: Callable[[int], Span],
    taken: list[tuple[int, int]],
    checks: list[tuple[Span, Span, bool]],
) -> list[tuple[Recipe, Span | None]]:
    found: list[tuple[Recipe, Span | None]] = []
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
        found.append((("ratio", start, match.end(), (match.span(),), True, (match.span("noun"),), False,
                       "ratio", (a, b), clause(start)), (start, match.end("b"))))  # fmt: skip
        taken.append((start, match.end("b")))
    return found


def _counts(
    text: str, free: Callable[[int, int], bool], clause: Callable[[int], Span]
) -> list[tuple[Recipe, Span | None]]:
    found: list[tuple[Recipe, Span | None]] = []
    for match in matches(_COUNT(), text, starts(_COUNT_AT(), text)):
        start = match.start()
        if not free(start, match.end("n")) or _NOT_A_COUNT().search(text, tail_start(text, start), start):
            continue
        lead = _LEAD().search(text, max(0, start - 40, tail_start(text, start)), start)
        said = ((lead.span(),) if lead else ()) + (match.span(),)
        found.append((("count", start, match.end(), said, True, (match.span("noun"),), True, "sum",
                       (match.span("n"),), clause(start)), (start, match.end("n"))))  # fmt: skip
    return found


def _part_matches(text: str, free: Callable[[int, int], bool], clause: Callable[[int], Span]) -> list[PartMatch]:
    """ "(4 TTHC)", "(3 TTHC)": each part in brackets, with its noun folded (_merged joins those of one noun)."""
    return [
        (match.start(), match.end(), match.span("n"), match.span("noun"), _compact(match.group("noun")).casefold(),
         clause(match.start()))
        for match in _PARTS().finditer(text)
        if free(match.start(), match.end())
    ]  # fmt: skip


def _parts(text: str, matched: list[PartMatch]) -> Recipe:
    """ "(4 TTHC); … (3 TTHC)": the parts of one noun (evidence.py joins spellings of one noun)."""
    first, last = matched[0], matched[-1]
    lead = text.rfind(";", 0, first[0])
    lead = max(lead, text.rfind(":", 0, first[0]) - 60, 0) if lead < 0 else lead + 1
    return ("parts", first[0], last[1], ((lead, last[1]),), True, tuple([m[3] for m in matched]), True, "sum",
            tuple([m[2] for m in matched]), first[5])  # fmt: skip


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


def _list_items(text: str) -> tuple[Span, ...] | None:
    """A note that is nothing but a list of documents names how many there are: its items, or None
    when one is not a document."""
    mark = _LIST_MARK().match  # the list marks at the start of each part ("- ", "• ")
    document = _DOC_START().match
    items: list[Span] = []
    start = 0
    for cut in chain(_LIST_SPLIT().finditer(text), (None,)):  # the parts re.split gives, where they are
        end = cut.start() if cut is not None else len(text)
        part = text[start:end]
        marks = mark(part)  # always matches, if only nothing
        inside = part[marks.end() if marks else 0 :]
        item = inside.strip()
        if item:
            if document(item) is None:
                return None  # a part that is not a document: not a list of them
            first = end - len(inside.lstrip())  # after the marks and the spaces
            items.append((first, first + len(item)))
        if cut is not None:
            start = cut.end()
    return tuple(items)
