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
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from cchc_rules.notes.cache import lazy_regex

if TYPE_CHECKING:
    from cchc_rules.notes.process import Problem

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
_BASIS = lazy_regex(r"^\W*(?:căn\s+cứ|theo|thực\s+hiện)\b", re.IGNORECASE)
_NOT_ISSUE_DATE = lazy_regex(r"(?:\btừ|\bđến|\btrước|\bhạn)\s*(?:ngày\s*)?$", re.IGNORECASE)
_INTRODUCED = lazy_regex(r"\bngày\s*$", re.IGNORECASE)

# What a process is about: a citation belongs to the activity its clause names.
ACTIVITIES = ("kiểm tra", "thanh tra", "khảo sát", "thăm dò", "đo lường", "đánh giá", "đối thoại")
# "Thanh tra tỉnh" is an agency, not an inspection.
_ACTIVITY = lazy_regex(
    "(?:" + "|".join(re.escape(a) for a in ACTIVITIES) + r")(?!\s+(?:tỉnh|chính\s+phủ|huyện|bộ|sở|viên)\b)",
    re.IGNORECASE,
)
MAX_NOTE = 20_000  # longer notes are cut: no real note is this long, and regexes stay linear


@dataclass(frozen=True)  # no slots: building a slotted class costs twice as much at import
class NoteDate:
    """A date as written; `value` is None when the day does not exist (31/02/2021)."""

    text: str
    start: int
    end: int
    day: int
    month: int
    year: int
    value: date | None

    @property
    def exists(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class MonthMention:
    """ "tháng 11/2021" or "quý IV/2021": a window of dates."""

    text: str
    start: int
    end: int
    first: date
    last: date


@dataclass(frozen=True)
class Citation:
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

    @property
    def key(self) -> str | None:
        """The number as an identity: case and spaces folded."""
        return re.sub(r"\s+", "", self.number).casefold() if self.number else None


@dataclass(frozen=True)
class ParsedNote:
    text: str
    citations: tuple[Citation, ...] = ()
    dates: tuple[NoteDate, ...] = ()
    months: tuple[MonthMention, ...] = ()
    clauses: tuple[tuple[int, int], ...] = ()
    spans: tuple[tuple[int, int], ...] = field(default=(), repr=False)

    def clause_of(self, position: int) -> tuple[int, int]:
        for start, end in self.clauses:
            if start <= position < end:
                return start, end
        return 0, len(self.text)

    # What the document rules ask of a note, worked out once: a parsed note is shared
    # by every report that has the same note (parse_note is cached by text).

    @cached_property
    def issue_dates(self) -> tuple[tuple[Citation, date], ...]:
        """The cited documents that have a date that exists, with it."""
        return tuple((c, c.date.value) for c in self.citations if c.date is not None and c.date.value is not None)

    @cached_property
    def latest_issue(self) -> date | None:
        return max((when for _, when in self.issue_dates), default=None)

    @cached_property
    def invalid_dates(self) -> tuple[NoteDate, ...]:
        return tuple(d for d in self.dates if not d.exists)

    @cached_property
    def numbered(self) -> tuple[tuple[str, Citation, date], ...]:
        """The dated documents that have a number, with the number as an identity (Citation.key)."""
        return tuple((key, c, when) for c, when in self.issue_dates if (key := c.key) is not None)

    @cached_property
    def sequence_problems(self) -> tuple[Problem, ...]:
        """notes/process.py's problems: documents of one process that go back in time."""
        from cchc_rules.notes.process import sequence_problems

        return tuple(sequence_problems(self))


def normalise_note(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")[:MAX_NOTE]


def _make_date(text: str, start: int, end: int, day: int, month: int, year: int) -> NoteDate:
    try:
        value: date | None = date(year, month, day)
    except ValueError:
        value = None
    return NoteDate(text=text, start=start, end=end, day=day, month=month, year=year, value=value)


def find_dates(text: str) -> list[NoteDate]:
    found: list[NoteDate] = []
    for match in _DATE().finditer(text):
        for suffix in ("1", "2", "3"):
            if match.group("d" + suffix) is not None:
                day, month, year = (int(match.group(g + suffix)) for g in ("d", "m", "y"))
                found.append(_make_date(match.group(0), match.start(), match.end(), day, month, year))
                break
    return found


def _last_day(year: int, month: int) -> date:
    """The month's last day (without the calendar module, a millisecond to import)."""
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def find_months(text: str, taken: list[tuple[int, int]] | None = None) -> list[MonthMention]:
    found: list[MonthMention] = []
    for match in _MONTH().finditer(text):
        if taken and any(s <= match.start() < e for s, e in taken):
            continue  # "tháng 8 năm 2021" inside "ngày 27 tháng 8 năm 2021"
        if match.group("month"):
            month, year = int(match.group("month")), int(match.group("year"))
            if not 1 <= month <= 12 or year < 1:
                continue
            first, last = date(year, month, 1), _last_day(year, month)
        else:
            raw = match.group("quarter").upper()
            quarter = _ROMAN.get(raw) or int(raw)
            year = int(match.group("qyear"))
            if year < 1:
                continue
            first, last = date(year, 3 * quarter - 2, 1), _last_day(year, 3 * quarter)
        found.append(MonthMention(match.group(0), match.start(), match.end(), first, last))
    return found


def find_clauses(text: str) -> list[tuple[int, int]]:
    """Spans between ";", line breaks, list markers ("- ") and sentence ends (". " + capital)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY().finditer(text):
        if match.group(0) == ".":
            following = text[match.end() :].lstrip()
            if not following or not (following[0].isupper() or following[0] in "-–*("):
                continue
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def _split_code(code: str) -> tuple[str | None, str | None]:
    segments = [s.strip() for s in code.split("-") if s.strip()]
    if not segments:
        return None, None
    if segments[0] in TYPE_NAMES:
        return segments[0], segments[1] if len(segments) > 1 else None
    return "CV", segments[0]  # "828/TTT-VP": an official letter, issuer first


def _word_type(word: str) -> str | None:
    folded = word.casefold()
    if folded in _WORD_TYPES:
        return _WORD_TYPES[folded]
    upper = word.upper()
    return upper if upper in TYPE_NAMES else None


class _Anchor:
    """Where a citation starts and what is known of it while the note is read (a plain class:
    one dataclass fewer to build at import)."""

    __slots__ = ("date", "doc_type", "end", "issuer", "number", "start", "year")

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


def _numbered(text: str) -> list[_Anchor]:
    anchors: list[_Anchor] = []
    for match in _NUMBER().finditer(text):
        code = re.sub(r"-\s+", "-", match.group("code"))
        code_type, issuer = _split_code(code)
        window_start = max(0, match.start() - 40)
        before = _BEFORE_NUMBER().search(text[window_start : match.start()])
        start, doc_type = match.start(), code_type
        if before is not None:
            start = window_start + before.start()
            word_type = _word_type(before.group("word")) if before.group("word") else None
            if word_type and (code_type in (None, "CV") or code_type == word_type):
                doc_type = word_type
        year = int(match.group("year")) if match.group("year") else None
        number = f"{match.group('num')}/{match.group('year') + '/' if year else ''}{code}"
        anchors.append(_Anchor(start, match.end(), doc_type, number, issuer, year))
    return anchors


def _mentions(text: str, numbered: list[_Anchor]) -> list[_Anchor]:
    anchors: list[_Anchor] = []
    for match in _MENTION().finditer(text):
        if not match.group(0)[:1].isupper():
            continue  # "Sở Nội vụ báo cáo": a verb, not a document
        if any(a.start <= match.start() < a.end for a in numbered):
            continue
        anchors.append(_Anchor(match.start(), match.end(), _word_type(match.group(0))))
    return anchors


def _bind_dates(text: str, anchors: list[_Anchor], dates: list[NoteDate], clauses: list[tuple[int, int]]) -> None:
    """Give each document the date written right after it ("… ngày 28/10/2021"), if any.

    A date binds to the nearest document before it in the same clause, when it is
    introduced by "ngày" (or follows the number directly) and is not a range or a
    deadline ("từ ngày", "đến 14/12/2021", "trước ngày").
    """
    ordered = sorted(anchors, key=lambda a: a.start)
    for when in dates:
        before = [a for a in ordered if a.end <= when.start]
        if not before:
            continue
        anchor = before[-1]
        if anchor.date is not None or _clause(clauses, anchor.start) != _clause(clauses, when.start):
            continue
        gap = text[anchor.end : when.start]
        in_words = when.text[:4].casefold() == "ngày"
        introduced = in_words or _INTRODUCED().search(gap) is not None or not gap.strip(" ,")
        if len(gap) > 120 or not introduced or _NOT_ISSUE_DATE().search(text[: when.start]):
            continue
        anchor.date = when
        anchor.end = max(anchor.end, when.end)


def _clause(clauses: list[tuple[int, int]], position: int) -> tuple[int, int]:
    return next(((s, e) for s, e in clauses if s <= position < e), (0, 0))


@lru_cache(maxsize=8192)
def parse_note(note: str) -> ParsedNote:
    """Every citation, date and month mention in one note; never raises.

    Cached: several rules read the same note, and a batch repeats notes across reports;
    a ParsedNote is frozen, so sharing it is safe."""
    text = normalise_note(note)
    if not text.strip():
        return ParsedNote(text=text)
    clauses = find_clauses(text)
    dates = find_dates(text)
    months = find_months(text, [(d.start, d.end) for d in dates])
    numbered = _numbered(text)
    anchors = numbered + _mentions(text, numbered)
    _bind_dates(text, anchors, dates, clauses)
    citations: list[Citation] = []
    for anchor in sorted(anchors, key=lambda a: a.start):
        c_start, c_end = next(((s, e) for s, e in clauses if s <= anchor.start < e), (0, len(text)))
        clause_text = text[c_start:c_end]
        lead = text[c_start : anchor.start]
        citations.append(
            Citation(
                start=anchor.start,
                end=anchor.end,
                quote=" ".join(text[anchor.start : anchor.end].split()),
                doc_type=anchor.doc_type,
                number=anchor.number,
                issuer=anchor.issuer,
                year=anchor.year,
                date=anchor.date,
                clause=clause_text.strip(),
                basis=bool(_BASIS().search(lead)),
                activities=frozenset(m.group(0).casefold() for m in _ACTIVITY().finditer(clause_text)),
            )
        )
    spans = [(c.start, c.end) for c in citations] + [(d.start, d.end) for d in dates]
    spans += [(m.start, m.end) for m in months]
    return ParsedNote(
        text=text,
        citations=tuple(citations),
        dates=tuple(dates),
        months=tuple(months),
        clauses=tuple(clauses),
        spans=tuple(sorted(spans)),
    )


def format_date(value: date, style: str = "slash") -> str:
    """A date the way notes write it: 29/01/2021, 27/8/2021 or ngày 27 tháng 8 năm 2021."""
    if style == "words":
        return f"ngày {value.day} tháng {value.month} năm {value.year}"
    if style == "short":
        return f"{value.day}/{value.month}/{value.year}"
    return f"{value.day:02d}/{value.month:02d}/{value.year}"
