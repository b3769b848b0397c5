"""Cited documents in a note: numbers with their type and issuer codes, dates, and
the months or quarters a note says something happened in (domain.md, "Cited documents").

    Quyết định số 239/QĐ-TTT ngày 28/10/2021   a decision (QĐ) of the inspectorate (TTT)
    09/2019/NĐ-CP                              a decree (NĐ) of the Government (CP), year 2019
    công văn số 828/TTT-VP ngày 09/11/2021     an official letter: no type code
    Biên bản kiểm tra … ngày 29/01/2021        minutes cited by name and date, no number
    trong tháng 11/2021, quý IV/2021           when an activity took place

The parser never raises and never guesses a date: "31/02/2021" is kept as a date that
does not exist (`value` is None), because that is itself worth reporting. Spans index
the NFC-normalised note, which is what `ParsedNote.text` holds.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cchc_rules.notes.cache import TEXTS, Bounded, Record, build, filled, lazy_regex, once
from cchc_rules.notes.scan import ci, ci_chars, matches, starts, tail_start

if TYPE_CHECKING:
    from cchc_rules.notes.process import Problem

    Span = tuple[int, int]  # (start, end)
    # Where the day, month and year are in a date.
    DateParts = tuple[Span, Span, Span]
    # A note's shape (see parse_note, Shape): where its clauses, dates, months and documents are
    # (from its start), and what of them does not depend on the value of its digits. A date: start,
    # end, its parts. A month: start, end, whether it is a quarter, where its month (quarter) and
    # year are.
    _DateShape = tuple[int, int, DateParts]
    _MonthShape = tuple[int, int, bool, tuple[int, int], tuple[int, int]]
    # A document: its fields but those read from its digits and where it is, its start and end,
    # whether its quote is its text as it is (no run of spaces to fold), where its number's digits
    # are ((-1, -1): cited by name) and its year's ((-1, -1): none), its code, which date is its
    # (-1: none), its clause without the spaces around it.
    _CitationShape = tuple[
        dict[str, object], int, int, bool, tuple[int, int], tuple[int, int], str, int, tuple[int, int]
    ]

# Type codes (domain.md) and the names a note uses for them.
TYPE_NAMES: dict[str, tuple[str, str]] = {
    "QĐ": ("Quyết định", "decision"),
    "BC": ("Báo cáo", "report"),
    "KH": ("Kế hoạch", "plan"),
    "TB": ("Thông báo", "notice"),
    "CT": ("Chỉ thị", "directive"),
    "HD": ("Hướng dẫn", "guidance"),
    "TTr": ("Tờ trình", "submission"),
    "BB": ("Biên bản", "minutes"),
    "NQ": ("Nghị quyết", "resolution"),
    "NĐ": ("Nghị định", "decree"),
    "TT": ("Thông tư", "circular"),
    "TTLT": ("Thông tư liên tịch", "joint circular"),
    "KL": ("Kết luận", "conclusion"),
    "CV": ("Công văn", "official letter"),
    "QC": ("Quy chế", "regulation"),
    "CĐ": ("Công điện", "dispatch"),
}
_WORD_TYPES: dict[str, str] = {name.casefold(): code for code, (name, _) in TYPE_NAMES.items()}
_WORDS = sorted((name for name, _ in TYPE_NAMES.values()), key=len, reverse=True)
_WORD_ALTERNATION = "|".join(re.escape(w) for w in _WORDS)
_ABBREVIATIONS = "QĐ|BC|KH|TB|CV"

# "a segment of a code": starts upper-case, never ends inside a word ("QĐ-UBND - Lĩnh" stops at UBND)
_SEG = r"[A-ZĐ][A-Za-zĐđ&]*(?![^\W\d_])"
_NUMBER = lazy_regex(
    rf"(?<![\w/.-])(?P<num>\d{{1,5}})(?:\s*/\s*(?P<year>(?:19|20)\d{{2}}))?\s*/\s*"
    rf"(?P<code>{_SEG}(?:-\s?{_SEG})*)"
)
_BEFORE_NUMBER = lazy_regex(
    rf"(?P<word>{_WORD_ALTERNATION}|{_ABBREVIATIONS})\s*(?:số\s*)?[:.]?\s*$|(?P<so>\bsố)\s*$",
    re.IGNORECASE,
)
_MENTION = lazy_regex(rf"(?<![^\W\d_])(?:{_WORD_ALTERNATION})(?![^\W\d_])", re.IGNORECASE)

_DATE = lazy_regex(
    r"(?<![\d/])(?<!\d\.)(?P<d1>\d{1,2})\s*/\s*(?P<m1>\d{1,2})\s*/\s*(?P<y1>\d{4})(?![\d/])"
    r"|(?<![\d.-])(?P<d2>\d{1,2})(?P<sep>[.-])(?P<m2>\d{1,2})(?P=sep)(?P<y2>\d{4})(?![\d.-]\d)"
    r"|(?P<word>ngày)\s+(?P<d3>\d{1,2})\s+tháng\s+(?P<m3>\d{1,2})\s*(?:,\s*)?năm\s+(?P<y3>\d{4})(?!\d)",
    re.IGNORECASE,
)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_MONTH = lazy_regex(
    r"(?<![^\W\d_])tháng\s+(?P<month>\d{1,2})\s*(?:/|năm)\s*(?P<year>\d{4})(?!\d)"
    r"|(?<![^\W\d_])quý\s+(?P<quarter>IV|I{1,3}|[1-4])\s*(?:/|năm)\s*(?P<qyear>\d{4})(?!\d)",
    re.IGNORECASE,
)
_BOUNDARY = lazy_regex(r";|\n|(?:(?<=\s)|^)[-–•*+](?=\s)|\.(?=\s)")
_BASIS = lazy_regex(r"\W*(?:căn\s+cứ|theo|thực\s+hiện)\b", re.IGNORECASE)  # matched at the clause's start
_NOT_ISSUE_DATE = lazy_regex(r"(?:\btừ|\bđến|\btrước|\bhạn)\s*(?:ngày\s*)?$", re.IGNORECASE)
_INTRODUCED = lazy_regex(r"\bngày\s*$", re.IGNORECASE)
_DASH_SPACE = lazy_regex(r"-\s+")
_YEAR_IN_NUMBER = lazy_regex(r"/\s*(?:19|20)\d{2}\s*/")  # where _NUMBER may read a year (09/2019/NĐ-CP)

# What a process is about: a citation belongs to the activity its clause names.
ACTIVITIES = ("kiểm tra", "thanh tra", "khảo sát", "thăm dò", "đo lường", "đánh giá", "đối thoại")
# "Thanh tra tỉnh" is an agency, not an inspection.
_ACTIVITY = lazy_regex(
    "(?:" + "|".join(re.escape(a) for a in ACTIVITIES) + r")(?!\s+(?:tỉnh|chính\s+phủ|huyện|bộ|sở|viên)\b)",
    re.IGNORECASE,
)
MAX_NOTE = 20_000  # longer notes are cut: no real note is this long, and regexes stay linear

# Where each expression above may start (notes/scan.py): one character, then what must follow.
_BOUNDARY_AT = lazy_regex(r"[;\n\-–•*+.](?:(?<=[;\n])|(?=\s))")
_DATE_AT = lazy_regex(r"\d(?<!\d\d)(?=\d?(?:\s*/|[.-]))")
_DATE_WORDS_AT = lazy_regex(lambda: rf"[{ci_chars('n')}](?={ci('gày')}\s)")
_MONTH_AT = lazy_regex(lambda: rf"[{ci_chars('tq')}](?<![^\W\d_].)(?={ci('háng')}\s|{ci('uý')}\s)")
_NUMBER_AT = lazy_regex(r"\d(?<![\w/.-]\d)(?=\d{0,4}(?:\s*/\s*\d{4})?\s*/\s*[A-ZĐ])")
_DIGIT = lazy_regex(r"\d")
_NOT_SPACE = lazy_regex(r"\S")


def _word_starts(words: list[str] | tuple[str, ...], at_word_start: bool) -> str:
    """Where one of `words` (matched ignoring case) may start: its first two characters."""
    pairs: dict[str, set[str]] = {}
    for word in words:
        pairs.setdefault(word[0].lower(), set()).add(word[1].lower())
    firsts = "".join(ci_chars(first) for first in pairs)
    after = "|".join(
        f"(?<=[{ci_chars(first)}])(?=[{''.join(ci_chars(c) for c in sorted(seconds))}])"
        for first, seconds in pairs.items()
    )
    return f"[{firsts}]" + (r"(?<![^\W\d_].)" if at_word_start else "") + f"(?:{after})"


_MENTION_AT = lazy_regex(lambda: _word_starts(_WORDS, at_word_start=True))
_ACTIVITY_AT = lazy_regex(lambda: _word_starts(ACTIVITIES, at_word_start=False))
# _BEFORE_NUMBER's words end where the note's "số", ":" and spaces before a number begin.
_WORD_LENGTHS = sorted({len(w) for w in (*_WORDS, *_ABBREVIATIONS.split("|"))}, reverse=True)
_SO = lazy_regex("số", re.IGNORECASE)
_WORD_FIRSTS = lazy_regex(lambda: f"[{ci_chars(''.join(w[0] for w in (*_WORDS, *_ABBREVIATIONS.split('|'))))}]")
# Words _NOT_ISSUE_DATE cannot match without: a note with none of them skips it. A note with
# "İ", "ı" or "ſ" never does: re.IGNORECASE matches them where text.lower() does not (_lower_misses).
_NOT_ISSUE_WORDS = ("từ", "đến", "trước", "hạn")


# The parsed notes are Records (notes/cache.py): immutable and compared as frozen dataclasses
# are, without the millisecond each dataclass would cost every start of `cchc` to build.


class NoteDate(Record):
    """A date as written; `value` is None when the day does not exist (31/02/2021)."""

    text: str
    start: int
    end: int
    day: int
    month: int
    year: int
    value: date | None

    def __init__(self, text: str, start: int, end: int, day: int, month: int, year: int, value: date | None) -> None:
        vars(self).update(text=text, start=start, end=end, day=day, month=month, year=year, value=value)

    @property
    def exists(self) -> bool:
        return self.value is not None


class MonthMention(Record):
    """ "tháng 11/2021" or "quý IV/2021": a window of dates."""

    text: str
    start: int
    end: int
    first: date
    last: date

    def __init__(self, text: str, start: int, end: int, first: date, last: date) -> None:
        vars(self).update(text=text, start=start, end=end, first=first, last=last)


class Citation(Record):
    """One cited document: by number ("239/QĐ-TTT"), by name ("Biên bản kiểm tra …"), or both."""

    start: int
    end: int
    quote: str
    doc_type: str | None
    number: str | None = None
    issuer: str | None = None
    year: int | None = None
    date: NoteDate | None = None
    clause: str = ""
    basis: bool = False
    activities: frozenset[str] = frozenset()

    def __init__(
        self,
        start: int,
        end: int,
        quote: str,
        doc_type: str | None,
        number: str | None = None,
        issuer: str | None = None,
        year: int | None = None,
        date: NoteDate | None = None,
        clause: str = "",
        basis: bool = False,
        activities: frozenset[str] = frozenset(),
    ) -> None:
        vars(self).update(
            start=start, end=end, quote=quote, doc_type=doc_type, number=number, issuer=issuer, year=year,
            date=date, clause=clause, basis=basis, activities=activities,
        )  # fmt: skip

    @property
    def key(self) -> str | None:
        """The number as an identity: case and spaces folded."""
        return "".join(self.number.split()).casefold() if self.number else None


class ParsedNote(Record):
    """A note's cited documents, dates, month mentions and clauses; `spans` (not shown): where
    its citations, dates and months are."""

    HIDDEN = frozenset({"spans"})

    text: str
    citations: tuple[Citation, ...] = ()
    dates: tuple[NoteDate, ...] = ()
    months: tuple[MonthMention, ...] = ()
    clauses: tuple[tuple[int, int], ...] = ()
    spans: tuple[tuple[int, int], ...] = ()

    def __init__(
        self,
        text: str,
        citations: tuple[Citation, ...] = (),
        dates: tuple[NoteDate, ...] = (),
        months: tuple[MonthMention, ...] = (),
        clauses: tuple[tuple[int, int], ...] = (),
        spans: tuple[tuple[int, int], ...] = (),
    ) -> None:
        vars(self).update(text=text, citations=citations, dates=dates, months=months, clauses=clauses, spans=spans)

    def clause_of(self, position: int) -> tuple[int, int]:
        for start, end in self.clauses:
            if start <= position < end:
                return start, end
        return 0, len(self.text)

    # What the document rules ask of a note, worked out once: a parsed note is shared
    # by every report that has the same note (parse_note is cached by text).

    @once
    def issue_dates(self) -> tuple[tuple[Citation, date], ...]:
        """The cited documents that have a date that exists, with it."""
        return tuple(
            [(c, when) for c in self.citations if (on := c.date) is not None and (when := on.value) is not None]
        )

    @once
    def latest_issue(self) -> date | None:
        issued = self.issue_dates
        return max([when for _, when in issued]) if issued else None

    @once
    def invalid_dates(self) -> tuple[NoteDate, ...]:
        return tuple([d for d in self.dates if d.value is None])

    @once
    def numbered(self) -> tuple[tuple[str, Citation, date], ...]:
        """The dated documents that have a number, with the number as an identity (Citation.key)."""
        return tuple([("".join(c.number.split()).casefold(), c, when) for c, when in self.issue_dates if c.number])

    @once
    def sequence_problems(self) -> tuple[Problem, ...]:
        """notes/process.py's problems: documents of one process that go back in time."""
        active = [c.activities for c, _ in self.issue_dates if c.activities and not c.basis]
        if not active:
            return ()  # no dated document of an activity: no process to put in order
        if not self.months:  # no month a document must fall in: only two documents of one activity can disagree
            seen: set[str] = set()
            for activities in active:
                if not seen.isdisjoint(activities):
                    break
                seen.update(activities)
            else:
                return ()
        from cchc_rules.notes.process import sequence_problems

        return tuple(sequence_problems(self))


def normalise_note(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")[:MAX_NOTE]


def _make_date(text: str, start: int, end: int, day: int, month: int, year: int) -> NoteDate:
    try:
        value: date | None = date(year, month, day)
    except ValueError:
        value = None
    return build(NoteDate, text=text, start=start, end=end, day=day, month=month, year=year, value=value)


def find_dates(text: str) -> list[NoteDate]:
    return [date for date, _ in _find_dates(text, text.lower())]


_DATE_GROUPS = (("d1", "m1", "y1"), ("d2", "m2", "y2"), ("d3", "m3", "y3"))


def _find_dates(text: str, lowered: str) -> list[tuple[NoteDate, DateParts]]:
    """find_dates, given text.lower() ("ngày 27 tháng 8 năm 2021" needs "tháng"), with where
    each date's day, month and year are."""
    candidates = [m.start() for m in _DATE_AT().finditer(text)]
    if "tháng" in lowered:
        candidates = sorted(candidates + [m.start() for m in _DATE_WORDS_AT().finditer(text)])
    found: list[tuple[NoteDate, DateParts]] = []
    for match in matches(_DATE(), text, candidates):
        # groups: d1 m1 y1 | d2 sep m2 y2 | word d3 m3 y3
        groups = match.groups()
        names = _DATE_GROUPS[0 if groups[0] is not None else 1 if groups[3] is not None else 2]
        day, month, year = match.span(names[0]), match.span(names[1]), match.span(names[2])
        found.append((_date_at(text, match.start(), match.end(), day, month, year), (day, month, year)))
    return found


def _date_at(text: str, start: int, end: int, day: Span, month: Span, year: Span) -> NoteDate:
    read = [int(text[a:b]) for a, b in (day, month, year)]
    return _make_date(text[start:end], start, end, read[0], read[1], read[2])


def _last_day(year: int, month: int) -> date:
    """The month's last day (without the calendar module, a millisecond to import)."""
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def find_months(text: str, taken: list[tuple[int, int]] | None = None) -> list[MonthMention]:
    found = (_month(match) for match in _find_months(text, text.lower(), taken))
    return [m for m in found if m is not None]


def _find_months(text: str, lowered: str, taken: list[tuple[int, int]] | None) -> list[re.Match[str]]:
    """The month and quarter mentions outside `taken`, before their numbers are checked (_month)."""
    if "tháng" not in lowered and "quý" not in lowered:
        return []
    found: list[re.Match[str]] = []
    for match in matches(_MONTH(), text, starts(_MONTH_AT(), text)):
        if taken and any(s <= match.start() < e for s, e in taken):
            continue  # "tháng 8 năm 2021" inside "ngày 27 tháng 8 năm 2021"
        found.append(match)
    return found


def _month(match: re.Match[str]) -> MonthMention | None:
    """A month or quarter mention, or None when its month or year cannot be (tháng 13/2021)."""
    start, end = match.span()
    if match.group("month"):
        return _month_of(match.string, 0, start, end, False, match.span("month"), match.span("year"))
    return _month_of(match.string, 0, start, end, True, match.span("quarter"), match.span("qyear"))


def find_clauses(text: str) -> list[tuple[int, int]]:
    """Spans between ";", line breaks, list markers ("- ") and sentence ends (". " + capital)."""
    spans: list[tuple[int, int]] = []
    start = 0
    boundary = _BOUNDARY().match
    resume = 0
    for candidate in _BOUNDARY_AT().finditer(text):
        position = candidate.start()
        if position < resume:
            continue
        match = boundary(text, position)
        if match is None:
            continue
        resume = end = match.end()
        if match.group(0) == ".":
            following = _NOT_SPACE().search(text, end)  # the first character after the spaces
            if following is None or not ((first := following.group(0)).isupper() or first in "-–*("):
                continue
        if position > start:
            spans.append((start, position))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


@lru_cache(maxsize=1024)
def _split_code(code: str) -> tuple[str | None, str | None]:
    segments = [s.strip() for s in code.split("-") if s.strip()]
    if not segments:
        return None, None
    if segments[0] in TYPE_NAMES:
        return segments[0], segments[1] if len(segments) > 1 else None
    return "CV", segments[0]  # "828/TTT-VP": an official letter, issuer first


@lru_cache(maxsize=1024)
def _word_type(word: str) -> str | None:
    folded = word.casefold()
    if folded in _WORD_TYPES:
        return _WORD_TYPES[folded]
    upper = word.upper()
    return upper if upper in TYPE_NAMES else None


class _Anchor:
    """Where a citation starts and what is known of it while the note is read (a plain class:
    one dataclass fewer to build at import)."""

    __slots__ = ("code", "date", "digits", "doc_type", "end", "issuer", "number", "start", "year", "year_at")

    def __init__(
        self,
        start: int,
        end: int,  # where a date may follow
        doc_type: str | None,
        number: str | None = None,
        issuer: str | None = None,
        year: int | None = None,
    ) -> None:
        self.start, self.end, self.doc_type = start, end, doc_type
        self.number, self.issuer, self.year = number, issuer, year
        self.date: NoteDate | None = None
        self.digits = (-1, -1)  # a numbered document: where its number's digits are ("274" of 274/QĐ-UBND),
        self.year_at = (-1, -1)  # its year's ("2019" of 09/2019/NĐ-CP), if any,
        self.code = ""  # and its code ("QĐ-UBND")


def _before_number(window: str) -> re.Match[str] | None:
    """_BEFORE_NUMBER().search(window), trying only where a match can start.

    A match ends the window: a document word, then spaces, "số", ":" or "." and spaces, or
    "số" alone. So the word ends where those end, read backwards, and starts one word length
    before: the leftmost of those starts that matches is what the search finds."""
    end = len(window.rstrip())
    if end and window[end - 1] in ":.":
        end = len(window[: end - 1].rstrip())
    so = end - 2  # where "số" alone would start
    candidates = [end - length for length in _WORD_LENGTHS if length <= end]  # longest first: ascending
    if so >= 0:
        candidates.append(so)
        if _SO().fullmatch(window, so, end):  # the word may end before "số" too
            before = len(window[:so].rstrip())
            candidates += [before - length for length in _WORD_LENGTHS if length <= before]
            candidates.sort()
    pattern = _BEFORE_NUMBER().match
    first = _WORD_FIRSTS().match
    for start in candidates:
        if start != so and first(window, start) is None:
            continue  # no document word starts with this character
        found = pattern(window, start)
        if found is not None:
            return found
    return None


def _numbered(text: str) -> list[_Anchor]:
    anchors: list[_Anchor] = []
    number = _NUMBER().match
    resume = 0
    for candidate in _NUMBER_AT().finditer(text):
        position = candidate.start()
        if position < resume:
            continue
        match = number(text, position)
        if match is None:
            continue
        resume = match.end()
        num, year_text, code = match.group("num", "year", "code")
        if "-" in code:
            code = _DASH_SPACE().sub("-", code)
        code_type, issuer = _split_code(code)
        window_start = max(0, position - 40)
        before = _before_number(text[window_start:position])
        start, doc_type = position, code_type
        if before is not None:
            start = window_start + before.start()
            word = before.group("word")
            word_type = _word_type(word) if word else None
            if word_type and (code_type in (None, "CV") or code_type == word_type):
                doc_type = word_type
        year = int(year_text) if year_text else None
        cited = f"{num}/{year_text + '/' if year else ''}{code}"
        anchor = _Anchor(start, resume, doc_type, cited, issuer, year)
        anchor.digits, anchor.year_at, anchor.code = (position, position + len(num)), match.span("year"), code
        anchors.append(anchor)
    return anchors


def _mentions(text: str, numbered: list[_Anchor]) -> list[_Anchor]:
    anchors: list[_Anchor] = []
    mention = _MENTION().match
    resume = 0
    # The numbered documents start and end in order (a number's words cannot reach back over the
    # number before it): the one a word may be inside is the last to start at or before it.
    after = 0  # how many of them start at or before the word
    for candidate in _MENTION_AT().finditer(text):
        position = candidate.start()
        if position < resume:
            continue
        match = mention(text, position)
        if match is None:
            continue
        resume = match.end()
        word = match.group(0)
        if not word[:1].isupper():
            continue  # "Sở Nội vụ báo cáo": a verb, not a document
        while after < len(numbered) and numbered[after].start <= position:
            after += 1
        if after and position < numbered[after - 1].end:
            continue
        anchors.append(_Anchor(position, resume, _word_type(word)))
    return anchors


def _bind_dates(
    text: str, lowered: str, anchors: list[_Anchor], dates: list[NoteDate], clauses: list[tuple[int, int]]
) -> None:
    """Give each document the date written right after it ("… ngày 28/10/2021"), if any.

    A date binds to the nearest document before it in the same clause, when it is
    introduced by "ngày" (or follows the number directly) and is not a range or a
    deadline ("từ ngày", "đến 14/12/2021", "trước ngày").
    """
    ordered = sorted(anchors, key=_start_of)
    ordered.reverse()
    ranges = any(word in lowered for word in _NOT_ISSUE_WORDS) or _lower_misses(text)
    for when in dates:
        at = when.start
        anchor = None
        for candidate in ordered:  # the last one before the date
            if candidate.end <= at:
                anchor = candidate
                break
        if anchor is None or anchor.date is not None:
            continue
        if _clause_at(clauses, anchor.start) != _clause_at(clauses, at):
            continue
        gap = text[anchor.end : at]
        in_words = when.text[:4].casefold() == "ngày"
        introduced = in_words or _INTRODUCED().search(gap) is not None or not gap.strip(" ,")
        if len(gap) > 120 or not introduced:
            continue
        # "từ ngày", "đến", "trước": the search looks at the last words before the date only
        if ranges and _NOT_ISSUE_DATE().search(text, tail_start(text, at), at):
            continue
        anchor.date = when
        anchor.end = max(anchor.end, when.end)


def _start_of(anchor: _Anchor) -> int:
    return anchor.start


def _clause_at(clauses: list[tuple[int, int]], position: int) -> tuple[int, int]:
    """The clause (of find_clauses: in order, not overlapping) that holds a position, or (0, 0)."""
    for span in clauses:
        if position < span[1]:
            return span if span[0] <= position else (0, 0)
    return (0, 0)


def _names_activity(text: str, lowered: str) -> bool:
    """Can _ACTIVITY match anywhere in the note? (Python's re also matches "İ", "ı" and "ſ" for
    "i" and "s", which text.lower() does not turn into them.)"""
    return any(a in lowered for a in ACTIVITIES) or _lower_misses(text)


def _lower_misses(text: str) -> bool:
    return "\u0130" in text or "\u0131" in text or "\u017f" in text


_NO_ACTIVITY: frozenset[str] = frozenset()


class Shape:
    """A note's shape (see parse_note), from its start: where its clauses, dates, months and
    documents are, and what of them does not depend on the value of its digits. The same for
    a whole note and for a part of one between "; " (a part read alone is a note). Other readers
    of a note (arithmetic.figures, the document rules) start from it too (planned).

    A note of several parts has its parts' shapes instead (`parts`, with where each is), and its
    month mentions; what the parts hold side by side is flattened(shape)'s, made when a parsed note
    needs it: the readers that run on every note go through the parts."""

    __slots__ = ("clauses", "counted", "dates", "documents", "flat", "months", "parts", "spans", "year_slot")

    def __init__(
        self,
        clauses: tuple[Span, ...],
        dates: tuple[_DateShape, ...],
        months: tuple[_MonthShape, ...],
        documents: tuple[_CitationShape, ...],
        year_slot: bool,
        parts: tuple[tuple[int, int, Shape], ...] = (),
    ) -> None:
        self.clauses, self.dates, self.months, self.documents = clauses, dates, months, documents
        # Where a number may hold a year ("/2019/"): the value of those digits decides (valued).
        self.year_slot = year_slot
        spans = [(d[1], d[2]) for d in documents] + [(d[0], d[1]) for d in dates]
        spans.sort()
        self.spans = tuple(spans)  # ParsedNote.spans but its months' (which depend on their digits)
        self.parts = parts  # a note of several parts: where each starts and ends, and its shape
        self.flat: Shape | None = None
        self.counted: tuple[_Counted, ...] | None = None  # what documents() reads of its documents


_SHAPES: Bounded[bytes, Shape] = Bounded()  # by the shape of a note of one part, or of a part
_NOTES: Bounded[bytes, Shape] = Bounded()  # by the shape of a note of several parts: new ones are many more
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_DATE_VALUES: Bounded[str, dict[str, object]] = Bounded()  # a NoteDate's fields by its text (start, end: 0)
_YEAR_SLOT = lazy_regex(r"/\s*\d{4}\s*/")  # where _YEAR_IN_NUMBER may match, whatever the digits


@lru_cache(maxsize=8192)
def parse_note(note: str) -> ParsedNote:
    r"""Every citation, date and month mention in one note; never raises.

    Cached: several rules read the same note, and a batch repeats notes across reports;
    a ParsedNote is frozen, so sharing it is safe.

    Why it is quick on notes never seen before (issue #10). A batch's notes differ mostly in
    their numbers and dates ("Quyết định số 274/QĐ-UBND ngày 2/7/2021"), so what the
    expressions find is kept by the note's *shape*, its text with every digit written 0: the
    expressions look at digits only as digits (\d, \d{1,2}, \d{4}), so two notes of one shape
    have their clauses, dates, months and documents in the same places, and only what is read
    from their digits differs (which dates exist, which months are real, the numbers). Two
    expressions do look at a digit's value, and a note they may match in is read as itself:
    a year inside a document number ("09/2019/NĐ-CP": (?:19|20)) and a quarter ("quý
    4/2021": [1-4]).

    And a note of several documents ("…; Quyết định số 194/QĐ-UBND ngày 08/05/2021; …") is
    read one "; " at a time: nothing the expressions find can hold a ";" or see past one
    (a date, a number and the words before it, a document's name; a date is given to a
    document of its own clause), so the parts' shapes, put side by side, are the note's.
    The whole note's shape is kept too, so that a note of a known shape is one look-up."""
    text, shape = planned(note)
    return _parsed(text, shape) if shape is not None else ParsedNote(text=text)


# By a note's text: its shape, or (what parse_note reads, its shape) when that is not the note itself
# (not NFC, or too long), or _BLANK.
_PLANNED: Bounded[str, Shape | tuple[str, Shape]] = Bounded(TEXTS)
_BLANK = Shape((), (), (), (), False)


def planned(note: str) -> tuple[str, Shape | None]:
    """The note as parse_note reads it (normalise_note) and its shape, None when it is blank.

    Its shape is kept by the note's text: parse_note, arithmetic.figures and the document rules
    each start from it, and the latter two need no parsed note (its objects) for most notes."""
    found = _PLANNED.get(note)
    if found is None:
        text = normalise_note(note)
        shape = _shape_of(text) if text.strip() else _BLANK
        _PLANNED.put(note, shape if text == note else (text, shape))
    elif isinstance(found, tuple):
        text, shape = found
    else:
        text, shape = note, found
    return text, shape if shape is not _BLANK else None


def _shape_of(text: str) -> Shape:
    key = text.encode("utf-8", "surrogatepass").translate(_DIGITS_AS_ZERO)  # bytes: much quicker
    several = "; " in text
    shape = (_NOTES if several else _SHAPES).get(key)
    # A shape is kept only of a note whose digits' values do not matter ("quý" never is): one of its
    # shape with a year in a number ("/2019/") is read as itself.
    if shape is None or (shape.year_slot and _YEAR_IN_NUMBER().search(text) is not None):
        shape = _plan(text, key, several)
    return shape


def _plan(text: str, key: bytes, several: bool) -> Shape:
    """The shape of a note, from the shapes of its parts; kept unless its digits' values matter."""
    lowered = text.lower()
    valued = "quý" in lowered or ("/" in text and _YEAR_IN_NUMBER().search(text) is not None)
    if not several:
        return _shape(text, lowered, valued, key)
    pieces = _pieces(text, lowered)
    plan = _shape(text, lowered, valued) if len(pieces) == 1 else _combine(pieces, valued)
    if not valued:
        _NOTES.put(key, plan)
    return plan


def _pieces(text: str, lowered: str) -> list[tuple[int, str, str]]:
    """The parts of a note between "; " (each with its space), or the note whole when one is empty."""
    whole = [(0, text, lowered)]
    if "; " not in text:
        return whole
    aligned = len(lowered) == len(text)  # each character lowered to one: lowered parts are parts of it
    pieces: list[tuple[int, str, str]] = []
    start = 0
    while True:
        cut = text.find("; ", start)
        piece = text[start:] if cut < 0 else text[start:cut]
        if not piece.strip():  # nothing between two ";": read the note as a whole
            return whole
        pieces.append((start, piece, lowered[start : start + len(piece)] if aligned else piece.lower()))
        if cut < 0:
            return pieces
        start = cut + 1  # the next part starts with its space, as it does in the note


def _shape(text: str, lowered: str, valued: bool, key: bytes | None = None) -> Shape:
    """The shape of a note (or of a part of one, between "; "), kept by shape unless the values of
    its digits may matter (`valued`: of the note it is part of)."""
    if valued and ("quý" in lowered or ("/" in text and _YEAR_IN_NUMBER().search(text) is not None)):
        return _read(text, lowered)  # the values of its digits matter: this note's own
    if key is None:
        key = text.encode("utf-8", "surrogatepass").translate(_DIGITS_AS_ZERO)
    shape = _SHAPES.get(key)
    if shape is None:
        shape = _SHAPES.put(key, _read(text, lowered))
    return shape


def _combine(pieces: list[tuple[int, str, str]], valued: bool) -> Shape:
    """A note's shape from its parts' shapes, and its month mentions (see Shape)."""
    parts: list[tuple[int, int, Shape]] = []
    months: list[_MonthShape] = []
    year_slot = False
    for offset, piece, lowered in pieces:
        plan = _shape(piece, lowered, valued)
        parts.append((offset, offset + len(piece), plan))
        year_slot = year_slot or plan.year_slot
        months += [
            (start + offset, end + offset, quarter, _at(number, offset), _at(year, offset))
            for start, end, quarter, number, year in plan.months
        ]
    return Shape((), (), tuple(months), (), year_slot, tuple(parts))


def flattened(shape: Shape) -> Shape:
    """The shape of a note of several parts with its parts' side by side, each moved to where the
    part starts (made once, when a parsed note needs it); the shape of a note of one part as it is."""
    if not shape.parts:
        return shape
    if shape.flat is None:
        clauses: list[Span] = []
        dates: list[_DateShape] = []
        documents: list[_CitationShape] = []
        for offset, _, plan in shape.parts:
            base = len(dates)
            clauses += [(start + offset, end + offset) for start, end in plan.clauses]
            dates += [(start + offset, end + offset, _moved(where, offset)) for start, end, where in plan.dates]
            for template, start, end, plain, digits, year_at, code, bound, inside in plan.documents:
                documents.append((
                    template, start + offset, end + offset, plain, _at(digits, offset), _at(year_at, offset), code,
                    bound + base if bound >= 0 else -1, _at(inside, offset),
                ))  # fmt: skip
        shape.flat = Shape(tuple(clauses), tuple(dates), shape.months, tuple(documents), shape.year_slot)
    return shape.flat


def _at(span: Span, offset: int) -> Span:
    """A span moved by offset; (-1, -1) (none) stays."""
    return (span[0] + offset, span[1] + offset) if span[0] >= 0 else span


def _moved(parts: DateParts, offset: int) -> DateParts:
    (a, b), (c, d), (e, f) = parts
    return (a + offset, b + offset), (c + offset, d + offset), (e + offset, f + offset)


def _read(text: str, lowered: str) -> Shape:
    """Read a note: where its clauses, dates, months and documents are."""
    clauses = find_clauses(text)
    found_dates: list[tuple[NoteDate, DateParts]] = []
    month_matches: list[re.Match[str]] = []
    if _DIGIT().search(text) is None:  # no number, no date, no month: only documents cited by name
        anchors = _mentions(text, [])
    else:
        found_dates = _find_dates(text, lowered)
        month_matches = _find_months(text, lowered, [(d.start, d.end) for d, _ in found_dates])
        numbered = _numbered(text) if "/" in text else []
        anchors = numbered + _mentions(text, numbered)
        if found_dates and anchors:
            _bind_dates(text, lowered, anchors, [d for d, _ in found_dates], clauses)
    documents: list[_CitationShape] = []
    if anchors:
        anchors.sort(key=_start_of)
        named = _names_activity(text, lowered)
        basis = "căn" in lowered or "theo" in lowered or "thực" in lowered or _lower_misses(text)  # _BASIS's words
        activities: dict[tuple[int, int], frozenset[str]] = {}
        which = {id(d): k for k, (d, _) in enumerate(found_dates)}
        for anchor in anchors:
            position = anchor.start
            span = _clause_at(clauses, position)
            if span == (0, 0):
                span = (0, len(text))
            c_start, c_end = span
            found = activities.get(span)
            if found is None:
                found = _NO_ACTIVITY
                if named:
                    hits = matches(_ACTIVITY(), text, starts(_ACTIVITY_AT(), text, c_start, c_end), c_end)
                    found = frozenset(m.group(0).casefold() for m in hits)
                activities[span] = found
            written = text[position : anchor.end]
            clause = text[c_start:c_end]
            fields = {  # Citation's, in order; what is read from the digits is filled in by _parsed
                "start": position, "end": anchor.end, "quote": "", "doc_type": anchor.doc_type, "number": None,
                "issuer": anchor.issuer, "year": None, "date": None, "clause": "",
                "basis": basis and _BASIS().match(text, c_start, position) is not None, "activities": found,
            }  # fmt: skip
            documents.append((
                fields,
                position,
                anchor.end,
                " ".join(written.split()) == written,
                anchor.digits,
                anchor.year_at,
                anchor.code,
                which[id(anchor.date)] if anchor.date is not None else -1,
                (c_start + len(clause) - len(clause.lstrip()), c_start + len(clause.rstrip())),  # as .strip() leaves it
            ))  # fmt: skip
    months = tuple(
        (m.start(), m.end(), False, m.span("month"), m.span("year"))
        if m.group("month")
        else (m.start(), m.end(), True, m.span("quarter"), m.span("qyear"))
        for m in month_matches
    )
    dates = tuple((d.start, d.end, parts) for d, parts in found_dates)
    year_slot = "/" in text and _YEAR_SLOT().search(text) is not None
    return Shape(tuple(clauses), dates, months, tuple(documents), year_slot)


def _assemble(text: str, pieces: list[tuple[int, str, str]], valued: bool) -> ParsedNote:
    """The parsed note of these parts (of _pieces, or the note whole), each read by its shape."""
    plan = _shape(pieces[0][1], pieces[0][2], valued) if len(pieces) == 1 else _combine(pieces, valued)
    return _parsed(text, plan)


def _parsed(text: str, shape: Shape) -> ParsedNote:
    """The parsed note: its shape, read with its own digits."""
    plan = flattened(shape)
    dates = [_date_of(text, start, end, parts) for start, end, parts in plan.dates] if plan.dates else []
    spans = plan.spans
    months: list[MonthMention] = []
    if plan.months:
        months = _months(text, plan)
        if months:
            spans = _with_months(spans, months)
    citations: list[Citation] = []
    for template, start, end, plain, digits, year_at, code, bound, inside in plan.documents:
        fields = template.copy()  # (its start and end are those in the part of a note it was read in)
        fields["start"], fields["end"] = start, end
        written = text[start:end]
        fields["quote"] = written if plain else " ".join(written.split())
        if digits[0] >= 0:
            fields["number"], year = _number(text, digits, year_at, code)
            if year is not None:
                fields["year"] = year
        if bound >= 0:
            fields["date"] = dates[bound]
        fields["clause"] = text[inside[0] : inside[1]]
        citations.append(filled(Citation, fields))
    return filled(ParsedNote, {
        "text": text, "citations": tuple(citations), "dates": tuple(dates), "months": tuple(months),
        "clauses": plan.clauses, "spans": spans,
    })  # fmt: skip


def _months(text: str, plan: Shape) -> list[MonthMention]:
    """The month mentions where a shape has them, but those that cannot be (tháng 13/2021)."""
    found = (_month_of(text, 0, *shape) for shape in plan.months)
    return [month for month in found if month is not None]


def _with_months(spans: tuple[Span, ...], months: list[MonthMention]) -> tuple[Span, ...]:
    return tuple(sorted(spans + tuple([(m.start, m.end) for m in months])))


def months_valid(text: str, plan: Shape) -> tuple[bool, ...]:
    """Which of a note's month mentions can be (not tháng 13/2021): with its shape, all its
    ParsedNote.spans depend on."""
    return tuple([_month_of(text, 0, *shape) is not None for shape in plan.months]) if plan.months else ()


def spans_of(text: str, plan: Shape) -> tuple[Span, ...]:
    """ParsedNote.spans of a note, from its shape."""
    plan = flattened(plan)
    if not plan.months:
        return plan.spans
    months = _months(text, plan)
    return _with_months(plan.spans, months) if months else plan.spans


def _number(text: str, digits: Span, year_at: Span, code: str, offset: int = 0) -> tuple[str, int | None]:
    """A document's number ("274/QĐ-UBND", "09/2019/NĐ-CP") where a shape (of the part of the note at
    offset) has one, and its year."""
    number = text[offset + digits[0] : offset + digits[1]] + "/"
    year = None
    if year_at[0] >= 0:
        year = int(text[offset + year_at[0] : offset + year_at[1]])
        if year:
            number += text[offset + year_at[0] : offset + year_at[1]] + "/"
    return number + code, year


def _date_fields(text: str, start: int, end: int, parts: DateParts) -> dict[str, object]:
    """A NoteDate's fields (start and end 0) where a shape has a date, read once per date as written
    (dates repeat)."""
    written = text[start:end]
    known = _DATE_VALUES.get(written)
    if known is None:
        (a, b), (c, d), (e, f) = parts
        day, month, year = int(text[a:b]), int(text[c:d]), int(text[e:f])
        known = _DATE_VALUES.put(written, vars(_make_date(written, 0, 0, day, month, year)))
    return known


def _date_of(text: str, start: int, end: int, parts: DateParts) -> NoteDate:
    """A date where a shape has one."""
    fields = _date_fields(text, start, end, parts).copy()
    fields["start"], fields["end"] = start, end
    return filled(NoteDate, fields)


# What documents() gives: how many of a note's dates exist and how many do not; how many of its
# documents are dated by a date that exists, the latest such date, their numbers as identities
# (Citation.key, those cited by number), whether one of them names an activity; whether the note
# cites a document at all.
DocumentTotals = tuple[int, int, int, "date | None", tuple[str, ...], bool, bool]
_NO_DOCUMENTS: DocumentTotals = (0, 0, 0, None, (), False, False)


def documents(note: str) -> DocumentTotals:
    """What the document rules total of a note (ParsedNote's issue_dates, latest_issue, numbered and
    invalid_dates), read from its shape (through its parts) without the parsed note: most notes are
    only counted."""
    text, plan = planned(note)
    if plan is None or not (plan.parts or plan.dates or plan.documents):
        return _NO_DOCUMENTS
    valid = invalid = issued = 0
    latest: date | None = None
    numbers: list[str] = []
    active = cites = False
    known = _DATE_VALUES.get
    for offset, _, part in plan.parts or ((0, 0, plan),):
        values: list[Any] = []
        for start, end, where in part.dates:
            fields = known(text[start + offset : end + offset])
            if fields is None:
                fields = _date_fields(text, start + offset, end + offset, _moved(where, offset))
            values.append(fields["value"])
        missing = values.count(None)
        valid, invalid = valid + len(values) - missing, invalid + missing
        if not part.documents:
            continue
        cites = True
        for bound, digits, year_at, key, named in _counted(part) if part.counted is None else part.counted:
            if (when := values[bound]) is None:
                continue
            issued += 1
            if latest is None or when > latest:
                latest = when
            if digits[0] >= 0:
                numbers.append(_number(text, digits, year_at, key, offset)[0])  # Citation.key
            active = active or named
    if not (valid or invalid or cites):
        return _NO_DOCUMENTS
    return valid, invalid, issued, latest, tuple(numbers), active, cites


# Of a document dated in a shape: the date it is bound to, where its number's digits and year are,
# its code as Citation.key writes it, whether it names an activity.
_Counted = tuple[int, "Span", "Span", str, bool]


def _counted(shape: Shape) -> tuple[_Counted, ...]:
    """What documents() reads of the dated documents of a shape, kept with it. Citation.key folds a
    number's spaces and case, which only its code has (its digits and year are \\d, never either)."""
    shape.counted = tuple([
        (bound, digits, year_at, "".join(code.split()).casefold(), bool(template["activities"]))
        for template, _, _, _, digits, year_at, code, bound, _ in shape.documents
        if bound >= 0
    ])  # fmt: skip
    return shape.counted


def _month_of(
    text: str, offset: int, start: int, end: int, quarter: bool, number: Span, year: Span
) -> MonthMention | None:
    """A month or quarter mention where a shape (or a match) has one, its month (quarter) and year
    where `number` and `year` are; None when it cannot be (tháng 13/2021)."""
    start, end = start + offset, end + offset
    raw, when = text[offset + number[0] : offset + number[1]], int(text[offset + year[0] : offset + year[1]])
    if quarter:
        raw = raw.upper()
        which = _ROMAN.get(raw) or int(raw)
        if when < 1:
            return None
        return MonthMention(text[start:end], start, end, date(when, 3 * which - 2, 1), _last_day(when, 3 * which))
    month = int(raw)
    if not 1 <= month <= 12 or when < 1:
        return None
    return MonthMention(text[start:end], start, end, date(when, month, 1), _last_day(when, month))


def format_date(value: date, style: str = "slash") -> str:
    """A date the way notes write it: 29/01/2021, 27/8/2021 or ngày 27 tháng 8 năm 2021."""
    if style == "words":
        return f"ngày {value.day} tháng {value.month} năm {value.year}"
    if style == "short":
        return f"{value.day}/{value.month}/{value.year}"
    return f"{value.day:02d}/{value.month:02d}/{value.year}"
