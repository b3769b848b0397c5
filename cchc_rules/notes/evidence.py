"""Claims: what a note's figures say about indicators, as linear statements.

A claim reads "Σ coefficient·value lies in [low, high]": a parts list says 3.1.a = 15,
a ratio says 7.6.3.a ∈ 100·1604/1712 ± half a unit of its last printed decimal, a
count of dialogues says 1.7 (yes/no) = 1. Against the report's values a claim agrees
(the note confirms the value) or disagrees. Only "strong" claims may contradict a
value: a figure is strong when it is plainly the note's statement of that very value
(parts of the indicator's own unit, its one count); weaker ones (a list of documents,
"không phát sinh", a labelled count on a neighbouring row) only ever confirm.

A figure is matched to an indicator by its noun: the indicator's unit ("văn bản"), a
term of its name ("VBQPPL", "đối thoại"), or a generic "trường hợp" for people.
Counts that a note attributes to something else are left out: "tiếp nhận 02 CC từ cơ
quan khác chuyển về" are transfers, not the recruitments 5.2.1.a counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from cchc_rules.catalogue import Indicator
from cchc_rules.model import Entry, Flag, ValueKind
from cchc_rules.notes.arithmetic import Figure
from cchc_rules.notes.arithmetic import figures as figures_of
from cchc_rules.notes.cache import TEXTS, Bounded, Record, filled, lazy_regex, per_object
from cchc_rules.notes.citations import normalise_note
from cchc_rules.values import fold, format_number

if TYPE_CHECKING:
    from cchc_rules.rules.base import Context

ABBREVIATIONS: dict[str, str] = {
    "tthc": "thủ tục hành chính",
    "vbqppl": "văn bản quy phạm pháp luật",
    "vbđt": "văn bản điện tử",
    "vb": "văn bản",
    "cc": "công chức",
    "vc": "viên chức",
    "ccvc": "công chức viên chức",
    "cbcc": "cán bộ công chức",
    "qđ": "quyết định",
    "hs": "hồ sơ",
    "đvsncl": "đơn vị sự nghiệp công lập",
    "dvc": "dịch vụ công",
}
CLASSIFIERS = frozenset({"vụ", "cuộc", "buổi", "lượt", "lần"})
CASES = frozenset({"trường hợp"})
STOP = frozenset({"số", "lượng", "tổng", "các", "những", "được", "đã", "của", "và"})
DOCUMENT_UNITS = frozenset({"văn bản", "quyết định", "kế hoạch"})
# A count qualified by one of these is about something else than what the row counts.
OTHER_CATEGORY = lazy_regex(
    r"tiếp\s+nhận|chuyển\s+về|chuyển\s+đến|điều\s+động|luân\s+chuyển|biệt\s+phái|chuyển\s+công\s+tác|"
    r"nghỉ\s+hưu|thôi\s+việc",
    re.IGNORECASE,
)
COUNTED = (ValueKind.COUNT, ValueKind.MONEY)
_WORD = lazy_regex(r"[^\W\d_][\w/&]*")
_WORD_CHARACTER = lazy_regex(r"\w")


# Claim and Evidence are Records (notes/cache.py): frozen dataclasses would cost every start
# of `cchc` a millisecond each to build.


class Claim(Record):
    """A note's statement about one or more values: Σ coefficient·value ∈ [low, high]."""

    kind: str  # parts | composition | ratio | count | yesno | labelled | listing | zero | denominator | shares
    source: str  # the indicator whose note says it
    terms: tuple[tuple[str, float], ...]
    low: float
    high: float
    figure: str  # the arithmetic as text: "4 + 3 + 3 + 2 + 2 + 1 = 15", "1604/1712 = 93,69%"
    quote: str  # the note's own words
    expected: str  # the value the note implies, as it would be written
    strong: bool = False
    copy_of: str | None = None
    rule: str = ""

    def __init__(
        self,
        kind: str,
        source: str,
        terms: tuple[tuple[str, float], ...],
        low: float,
        high: float,
        figure: str,
        quote: str,
        expected: str,
        strong: bool = False,
        copy_of: str | None = None,
        rule: str = "",
    ) -> None:
        vars(self).update(
            kind=kind, source=source, terms=terms, low=low, high=high, figure=figure, quote=quote,
            expected=expected, strong=strong, copy_of=copy_of, rule=rule,
        )  # fmt: skip

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(ident for ident, _ in self.terms)

    def value(self, numbers: Mapping[str, float | None]) -> float | None:
        total = 0.0
        for ident, coefficient in self.terms:
            number = numbers.get(ident)
            if number is None:
                return None
            total += coefficient * number
        return total

    def agrees(self, numbers: Mapping[str, float | None]) -> bool | None:
        value = self.value(numbers)
        if value is None:
            return None
        return self.low - 1e-9 <= value <= self.high + 1e-9


class Evidence(Record):
    """All claims of a report's notes, judged against its values."""

    claims: tuple[Claim, ...]
    numbers: Mapping[str, float | None]

    def __init__(self, claims: tuple[Claim, ...] = (), numbers: Mapping[str, float | None] | None = None) -> None:
        vars(self).update(claims=claims, numbers={} if numbers is None else numbers)

    def about(self, ident: str) -> list[Claim]:
        return [c for c in self.claims if ident in c.targets]

    def confirming(self, ident: str) -> list[Claim]:
        """Claims that agree with the value, not counting a note copied from the row above."""
        return [c for c in self.about(ident) if c.copy_of is None and c.agrees(self.numbers)]

    def contradicting(self, ident: str) -> list[Claim]:
        return [c for c in self.about(ident) if c.strong and c.agrees(self.numbers) is False]

    def confirmed(self, ident: str) -> bool:
        return bool(self.confirming(ident)) and not self.contradicting(ident)

    def to_dict(self) -> dict[str, dict[str, object]]:
        """Per indicator: confirmed, contradicted, or only repeated from the row above ("copied")."""
        found: dict[str, list[tuple[Claim, bool]]] = {}
        for claim in self.claims:
            verdict = claim.agrees(self.numbers)
            if verdict is None or (not verdict and not claim.strong):
                continue
            for ident in claim.targets:
                found.setdefault(ident, []).append((claim, verdict))
        out: dict[str, dict[str, object]] = {}
        for ident, items in found.items():
            if any(not verdict for _, verdict in items):
                status = "contradicted"
            elif any(claim.copy_of is None for claim, _ in items):
                status = "confirmed"
            else:
                status = "copied"
            out[ident] = {
                "status": status,
                "claims": [
                    {"kind": c.kind, "source": c.source, "figure": c.figure, "quote": c.quote, "agrees": verdict,
                     **({"copy_of": c.copy_of} if c.copy_of else {})}
                    for c, verdict in items
                ],
            }  # fmt: skip
        return out


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    """The words of a noun, a unit or an indicator's name, folded (cached: the catalogue's are
    read for every figure, and nouns repeat)."""
    return tuple(_WORD().findall(fold(text)))


@lru_cache(maxsize=4096)
def _expand(words: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for word in words:
        out.extend(ABBREVIATIONS.get(word, word).split())
    return tuple(out)


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def refers_to(noun: str, indicator: Indicator) -> bool:
    """Does a figure's noun ("TTHC", "văn bản mật", "vụ đối thoại") name what the row counts?"""
    raw = _words(noun)
    if not raw:
        return False
    words = _expand(raw)
    unit = _words(indicator.unit) if indicator.kind not in (ValueKind.CODED, ValueKind.YESNO) else ()
    if unit and words[: len(unit)] == unit:
        return True
    name_raw = _words(indicator.name)
    name = _expand(name_raw)
    if raw[0] in ABBREVIATIONS and raw[0] in name_raw:
        return True
    if " ".join(words[:2]) in CASES:
        return unit == ("người",)
    head = words[1:3] if words[0] in CLASSIFIERS else words[:2]
    return len(head) == 2 and _contains(name, head)


def _label_refers_to(label: str, indicator: Indicator) -> bool:
    content = [w for w in _expand(_words(label)) if w not in STOP]
    return bool(content) and content[0] in _expand(_words(indicator.name))


def _show(value: float, decimals: int = 0) -> str:
    return format_number(round(value, decimals) if decimals else value, decimals)


def _rate_tolerance(entry: Entry | None) -> tuple[float, int]:
    decimals = entry.value.decimals if entry is not None and entry.value.number is not None else 2
    return _tolerance(decimals), decimals


@lru_cache(maxsize=64)
def _tolerance(decimals: int) -> float:
    from cchc_rules.rules.rates import tolerance  # here: rules/ imports this module

    return tolerance(decimals)


def collect(ctx: Context) -> Evidence:
    """Read every note of a report (its first row per indicator, in order) into claims,
    once per report: every notes rule and the fixes ask for the same evidence."""
    evidence = ctx.memo.get("evidence")
    if evidence is None:
        evidence = ctx.memo["evidence"] = _read(ctx.rows, ctx.annotated, ctx.catalogue.indicators, ctx.numbers)
    assert isinstance(evidence, Evidence)
    return evidence


def read_notes(
    entries: Mapping[str, Entry], catalogue_get: Mapping[str, Indicator], numbers: Mapping[str, float | None]
) -> Evidence:
    rows = list(entries.values())
    return _read(rows, [k for k, entry in enumerate(rows) if entry.note], catalogue_get, numbers)


def _read(
    rows: list[Entry],
    annotated: list[int],
    catalogue_get: Mapping[str, Indicator],
    numbers: Mapping[str, float | None],
) -> Evidence:
    """The claims of the rows at `annotated` (those with a note). A note the same as the row
    above's is marked as a copy: it repeats, it does not confirm."""
    reader: _Reader = per_object(catalogue_get, "evidence", lambda: _Reader(catalogue_get))
    known = reader.known
    rate, ambiguous = ValueKind.RATE, Flag.AMBIGUOUS_RATE
    claims: list[Claim] = []
    for index in annotated:
        entry = rows[index]
        note = entry.note
        figures = figures_of(note)
        if not figures:
            continue  # a note without figures (most only cite documents) claims nothing
        indicator = catalogue_get.get(entry.id)
        if indicator is None or note.isspace():
            continue
        copy_of = rows[index - 1].id if index and _same_note(rows[index - 1].note, note) else None
        if indicator.kind is rate:  # a rate's claims depend on how it is written too
            value = entry.value
            written = (value.decimals if value.number is not None else None, ambiguous in value.flags)
            key: tuple[object, ...] = (indicator.id, note, copy_of, written)
        else:
            key = (indicator.id, note, copy_of)
        found = known.get(key)
        if found is None:
            found = known.put(key, tuple(_claims(entry, figures, indicator, copy_of, catalogue_get, reader)))
        if found:
            claims.extend(found)
    return Evidence(claims=tuple(claims), numbers=dict(numbers))


def _same_note(above: str, note: str) -> bool:
    """fold(above) == fold(note), without folding in the usual case of a row above with no note:
    a note that is not all spaces and is ASCII, or has a letter or a digit, never folds to nothing."""
    if above == note:
        return True
    if not above and (note.isascii() or _WORD_CHARACTER().search(note) is not None):
        return False  # a letter or a digit is never folded away
    # fold keeps each ASCII digit, in order, and makes none (NFC, case folding: the tests check every
    # character), so notes whose digits differ differ: most, and much quicker to see than to fold them.
    if _digits(above) != _digits(note):
        return False
    return fold(above) == fold(note)


_NOT_DIGITS = bytes([byte for byte in range(256) if not 0x30 <= byte <= 0x39])


def _digits(note: str) -> bytes:
    """The ASCII digits of a note, in order (what re.sub("[^0-9]+", "", note) leaves): in UTF-8 their
    bytes are never part of another character, and deleting bytes is much quicker than the expression."""
    return note.encode("utf-8", "surrogatepass").translate(None, _NOT_DIGITS)


class _Reader:
    """Per catalogue: each indicator's neighbours (its siblings and children, which a labelled
    count may be about), and the claims already read, by note: what a note says about its row
    depends only on its text, the row, whether it copies the row above and how a rate is written."""

    def __init__(self, catalogue_get: Mapping[str, Indicator]) -> None:
        siblings: dict[str | None, list[Indicator]] = {}
        for indicator in catalogue_get.values():
            siblings.setdefault(indicator.parent, []).append(indicator)
        self.near = {
            ident: [*siblings.get(ind.parent, []), *siblings.get(ind.id, [])] for ident, ind in catalogue_get.items()
        }
        self.known: Bounded[tuple[object, ...], tuple[Claim, ...]] = Bounded(TEXTS)
        self._refers: Bounded[tuple[str, str], bool] = Bounded()

    def refers(self, nouns: tuple[str, ...], indicator: Indicator) -> bool:
        """Does one of a figure's nouns name what the row counts (refers_to, kept: nouns repeat)?"""
        known = self._refers
        for noun in nouns:
            key = (noun, indicator.id)
            found = known.get(key)
            if found is None:
                found = known.put(key, refers_to(noun, indicator))
            if found:
                return True
        return False


def _claim(
    kind: str, source: str, target: str, value: float, shown: str, quote: str, expected: str,
    strong: bool, copy_of: str | None, tol: float = 0.0,
) -> Claim:  # fmt: skip
    """Claim(...) with terms ((target, 1.0),), made without its __init__ (see build)."""
    return filled(Claim, {
        "kind": kind, "source": source, "terms": ((target, 1.0),), "low": value - tol, "high": value + tol,
        "figure": shown, "quote": quote, "expected": expected, "strong": strong, "copy_of": copy_of, "rule": "",
    })  # fmt: skip


def _claims(
    entry: Entry,
    figures: tuple[Figure, ...],
    ind: Indicator,
    copy_of: str | None,
    catalogue_get: Mapping[str, Indicator],
    reader: _Reader,
) -> list[Claim]:
    """What the figures of the row's note (figures_of(entry.note)) claim about it and its neighbours."""
    out: list[Claim] = []
    source = ind.id
    refers = reader.refers
    if ind.kind in COUNTED:
        # Parts of the row's noun, however spelt ("(4 TTHC)", "(2 thủ tục)"), are one list.
        parts = [f for f in figures if f.kind == "parts" and refers(f.nouns, ind)]
        if parts:
            terms = tuple([t for f in parts for t in f.terms])
            total = float(sum(terms))
            shown = " + ".join([str(t) for t in terms]) + f" = {_show(total)}"
            quote = parts[0].quote if len(parts) == 1 else " ".join(normalise_note(entry.note).split())
            out.append(_claim("parts", source, source, total, shown, quote, _show(total), True, copy_of))
        for f in figures:
            if f.kind == "composition" and refers(f.nouns, ind):
                shown = " + ".join([str(t) for t in f.terms]) + f" = {_show(f.total)}"
                out.append(_claim(f.kind, source, source, f.total, shown, f.quote, _show(f.total), True, copy_of))
        # A count is the note's statement of the value only when it is the note's one count:
        # "02 văn bản chỉ đạo và 01 kế hoạch" splits a total of 3.
        every_count = [f for f in figures if f.kind == "count"]
        counts = [f for f in every_count if _counts_this(f, ind, refers)] if every_count else every_count
        for f in counts:
            out.append(_claim("count", source, source, f.total, f.quote, f.quote, _show(f.total),
                              len(every_count) == 1, copy_of))  # fmt: skip
        listing = next((f for f in figures if f.kind == "listing"), None)
        if listing is not None and " ".join(_words(ind.unit)) in DOCUMENT_UNITS:
            shown = f"{len(listing.terms)} văn bản: " + "; ".join(listing.nouns)
            out.append(_claim("listing", source, source, listing.total, shown, listing.quote, _show(listing.total),
                              False, copy_of))  # fmt: skip
        zero = next((f for f in figures if f.kind == "zero"), None)
        if zero is not None and not counts:
            out.append(_claim("zero", source, source, 0.0, zero.quote, zero.quote, "0", False, copy_of))
    if ind.kind is ValueKind.YESNO and 1 in ind.legend:
        counts = [f for f in figures if f.kind == "count" and _counts_this(f, ind, refers)]
        distinct = {f.total > 0 for f in counts}
        for f in counts:
            code = 1.0 if f.total > 0 else 0.0
            shown = f"{f.quote} → {ind.legend.get(int(code), '')} = {int(code)}"
            out.append(_claim("yesno", source, source, code, shown, f.quote, str(int(code)), len(distinct) == 1,
                              copy_of))  # fmt: skip
    if ind.kind is ValueKind.RATE:
        ratios = [f for f in figures if f.kind == "ratio"]
        if ratios:
            out += _ratio_claims(entry, ind, copy_of, catalogue_get, ratios)
    for f in figures:
        if f.kind != "labelled":
            continue
        for other in reader.near[source]:
            if other.kind in COUNTED and other.id != source and _label_refers_to(f.nouns[0], other):
                out.append(_claim("labelled", source, other.id, f.total, f.quote, f.quote, _show(f.total), False,
                                  copy_of))  # fmt: skip
    return out


def _ratio_claims(
    entry: Entry, ind: Indicator, copy_of: str | None, catalogue_get: Mapping[str, Indicator], ratios: list[Figure]
) -> list[Claim]:
    """A rate's claims: each ratio gives the rate, and the denominator of a parent whose children are rates."""
    out: list[Claim] = []
    source = ind.id
    tol, decimals = _rate_tolerance(entry)
    parent = catalogue_get.get(ind.parent) if ind.parent else None
    strong = len(ratios) == 1 and not entry.value.has(Flag.AMBIGUOUS_RATE)
    for f in ratios:
        expected = f"{_show(f.total, max(decimals, 2))}%"
        shown = f"{f.numerator}/{f.denominator} = {expected}"
        out.append(_claim("ratio", source, source, f.total, shown, f.quote, expected, strong, copy_of, tol))
        if parent is not None and parent.children_relation == "rates" and f.denominator is not None:
            out.append(_claim("denominator", source, parent.id, float(f.denominator), f"{f.numerator}/{f.denominator}",
                              f.quote, str(f.denominator), False, copy_of))  # fmt: skip
    return out


def _counts_this(figure: Figure, indicator: Indicator, refers: Callable[[tuple[str, ...], Indicator], bool]) -> bool:
    if not refers(figure.nouns[:1], indicator):
        return False
    other = OTHER_CATEGORY().search(figure.clause)
    return other is None or fold(other.group(0)) in fold(indicator.name)
