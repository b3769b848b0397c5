"""Turn the rows of the five-column table into entries, whatever file they came from.

Every reader (text, CSV, docx, xlsx) yields rows of five cells; this module knows
the template's layout: title lines above the table, header lines repeated after
page breaks, sub-items that start with "- ", and cells continued over a page
break (domain.md, "The report").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from cchc_rules.errors import CchcError
from cchc_rules.limits import MAX_CELL_CHARS, MAX_ENTRIES
from cchc_rules.model import Entry, Location
from cchc_rules.values import normalise

STT = re.compile(r"^\d+(?:\.\d+)*\.?$")
SUB_ITEM_MARKS = frozenset("-–—+")  # the marks of a sub-item's "- ": strip_sub_item
NOTE_FOR_ITEM = re.compile(r"^\s*Mục\s+(\d+(?:\.\d+)*)\.?\s*:", re.IGNORECASE)
LETTERS = "abcdefghijklmnopqrstuvwxyz"
HEADER_NAME = "Chỉ tiêu thống kê"
_HEADER_START = HEADER_NAME[0]
# Entry's own default value (one shared, immutable ParsedValue), to build entries positionally.
_UNPARSED = Entry("").value

Cells = tuple[str, str, str, str, str]


class RawRow(NamedTuple):
    """One table row as five cleaned cells (a tuple: a reader makes one per line)."""

    cells: Cells
    location: Location


class Layout:
    """What the table held: the lines above it and its entries, in order.

    A plain class rather than a dataclass, which would cost every start of `cchc` half a
    millisecond to build; compared and shown field by field as a dataclass would be."""

    __slots__ = ("entries", "header_seen", "title_lines")
    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __init__(
        self,
        title_lines: list[tuple[str, Location]] | None = None,
        entries: list[Entry] | None = None,
        header_seen: bool = False,
    ) -> None:
        self.title_lines = [] if title_lines is None else title_lines
        self.entries = [] if entries is None else entries
        self.header_seen = header_seen

    def _values(self) -> tuple[list[tuple[str, Location]], list[Entry], bool]:
        return (self.title_lines, self.entries, self.header_seen)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Layout)
        return self._values() == other._values()

    def __repr__(self) -> str:
        return f"Layout(title_lines={self.title_lines!r}, entries={self.entries!r}, header_seen={self.header_seen!r})"


def make_row(cells: Iterable[str | None], location: Location, *, normalised: bool = False) -> RawRow:
    """Five cells, normalised (or, if the reader normalised the whole text, only stripped)."""
    clean = str.strip if normalised else normalise
    values = [clean(c) if c else "" for c in cells]
    if values and max(map(len, values)) > MAX_CELL_CHARS:
        raise CchcError(
            "limit-exceeded",
            path=location.file or "",
            reason=f"{location.describe()}: a cell over {MAX_CELL_CHARS} chars",
        )
    if len(values) != 5:
        if len(values) > 5:
            values[4] = " ".join(v for v in values[4:] if v)
        values = (values + [""] * 5)[:5]
    return RawRow(tuple(values), location)  # type: ignore[arg-type]  # five cells, as just ensured


def is_header(cells: tuple[str, ...]) -> bool:
    first, name, unit, value, _ = cells
    if (len(first) == 3 and first.upper() == "STT") or name.startswith(HEADER_NAME):
        return True
    return not first and not name and unit == "Đơn vị tính" and value == "Số liệu"


# is_stt's answers for short cells: the table's row numbers recur in every report.
# A plain dict costs less than lru_cache; bounded, the first cells seen are kept.
_STT_KNOWN: dict[str, bool] = {}


def is_stt(text: str) -> bool:
    """A row number ("1.2.", "3"), as STT matches it."""
    known = _STT_KNOWN.get(text)
    if known is None:
        known = STT.match(text) is not None
        if len(text) <= 16 and len(_STT_KNOWN) < 4096:
            _STT_KNOWN[text] = known
    return known


def strip_sub_item(name: str) -> str:
    """The name without its "- " mark and the spaces after it: what re.sub("^[-–—+]\\s*", "", name)
    gives (tests/test_readers_text_fast.py), without the regex."""
    return name[1:].lstrip() if name[:1] in SUB_ITEM_MARKS else name


def join_text(head: str, tail: str) -> str:
    """Join a cell continued over a page break; a number split at "/" or "-" stays whole."""
    if not head:
        return tail
    if not tail:
        return head
    if head.endswith(("-", "/")):
        return head + tail
    return head + " " + tail


def with_continued(location: Location, lines: tuple[int, ...]) -> Location:
    """dataclasses.replace(location, continued=lines), at a tenth of its cost."""
    return Location(location.file, location.line, location.sheet, location.cell, location.table, location.row, lines)


class _Builder:
    """The layout so far; rows are fed to it in order, as five cells and where they came from."""

    def __init__(self) -> None:
        self.layout = Layout()
        self.entries = self.layout.entries
        self.after_header = False
        self.last_numbered: str | None = None
        self.sub_count = 0
        self.last_with_note: Entry | None = None
        self.pending_notes: dict[str, str] = {}
        self.pending_lines: dict[str, tuple[int, ...]] = {}
        self.ids: dict[str, Entry] = {}

    def feed(self, cells: Cells, location: Location) -> None:
        """Take one row that has some text (a blank row says nothing: callers skip it)."""
        stt, name, unit, value, note = cells
        # Only "STT" (three letters), no name or one starting as the header's can make a
        # header row: most rows are spared the call.
        if (len(stt) == 3 or not name or name[0] == _HEADER_START) and is_header(cells):
            self.layout.header_seen = True
            self.after_header = True
            return
        numbered = is_stt(stt)
        if not numbered and not self.layout.header_seen:
            self.layout.title_lines.append((" ".join(c for c in cells if c), location))
            return
        continuation = self.after_header and not stt and name[:1] not in SUB_ITEM_MARKS
        self.after_header = False
        if continuation and self.entries:
            self._continue(cells, location)
        elif numbered:
            self.last_numbered = ident = stt.rstrip(".")
            self.sub_count = 0
            self._add(ident, cells, location, True)
        elif not stt and (name or unit or value) and self.last_numbered is not None:
            letter = LETTERS[self.sub_count] if self.sub_count < len(LETTERS) else str(self.sub_count)
            self.sub_count += 1
            self._add(f"{self.last_numbered}.{letter}", cells, location, True)
        elif not stt and not name and note and self.entries:
            self._continue(cells, location)
        else:
            self._add(stt or f"?{len(self.entries) + 1}", cells, location, False)

    def _add(self, ident: str, cells: Cells, location: Location, known: bool) -> None:
        stt, name, unit, value, note = cells
        if self.pending_notes and ident in self.pending_notes:  # a note that came before its row
            note = join_text(self.pending_notes.pop(ident), note)
        if self.pending_lines and ident in self.pending_lines:
            location = with_continued(location, self.pending_lines.pop(ident))
        if not stt:
            name = strip_sub_item(name)
        entry = Entry(ident, stt, name, unit, value, _UNPARSED, note, known, location)
        self.entries.append(entry)
        if ident not in self.ids:
            self.ids[ident] = entry
        if note:
            self.last_with_note = entry

    def _continue(self, cells: Cells, location: Location) -> None:
        _, name, unit, value, note = cells
        above = self.entries[-1]
        if name or unit or value:
            above.location = with_continued(above.location, (*above.location.continued, _line_of(location)))
        if name:
            above.name = join_text(above.name, name)
        if unit:
            above.unit = join_text(above.unit, unit)
        if value and not above.raw:
            above.raw = value
        if note:
            self._continue_note(note, location)

    def _continue_note(self, note: str, location: Location) -> None:
        # A note that names its item ("Mục 7.3: ...") belongs to that item; any other
        # continued note belongs to the last row above that had one (a merged Word cell).
        named = NOTE_FOR_ITEM.match(note)
        if named:
            target = self.ids.get(named.group(1))
            if target is None:
                ident = named.group(1)
                self.pending_notes[ident] = join_text(self.pending_notes.get(ident, ""), note)
                self.pending_lines[ident] = (*self.pending_lines.get(ident, ()), _line_of(location))
                return
        else:
            target = self.last_with_note
        if target is None:
            target = self.entries[-1]
        target.note = join_text(target.note, note)
        line = _line_of(location)
        if line not in target.location.continued:
            target.location = with_continued(target.location, (*target.location.continued, line))
        self.last_with_note = target

    def finish(self) -> Layout:
        """Notes whose item never came go to the last entry."""
        for ident, note in self.pending_notes.items():
            target = self.ids.get(ident) or (self.entries[-1] if self.entries else None)
            if target is not None:
                target.note = join_text(note, target.note)
        return self.layout


def _line_of(location: Location) -> int:
    return location.line or location.row or 0


def _too_many_rows(path: str | None) -> CchcError:
    return CchcError("limit-exceeded", path=path or "", reason=f"more than {MAX_ENTRIES} table rows")


def build_layout(rows: Iterable[RawRow]) -> Layout:
    builder = _Builder()
    entries = builder.entries
    for row in rows:
        if any(row.cells):
            builder.feed(row.cells, row.location)
            if len(entries) > MAX_ENTRIES:
                raise _too_many_rows(row.location.file)
    return builder.finish()


def build_layout_from_lines(lines: Iterable[str], path: str) -> Layout:
    """build_layout over the rows make_row(line.split("\\t"), Location(file=path, line=n),
    normalised=True) gives: the text reader's fast path, since it is paid for every line of
    every report. The usual line, five cells none of them too long, is cut here without
    make_row's generic work; a blank line is skipped as build_layout skips it; any other line
    goes through make_row. tests/test_readers_text_fast.py proves both paths give the same."""
    builder = _Builder()
    feed = builder.feed
    entries = builder.entries
    for number, line in enumerate(lines, 1):
        if not line or line.isspace():
            continue
        cells = line.split("\t")
        location = Location(path, number)
        if len(cells) == 5 and len(line) <= MAX_CELL_CHARS:
            stt, name, unit, value, note = cells
            feed((stt.strip(), name.strip(), unit.strip(), value.strip(), note.strip()), location)
        else:
            feed(make_row(cells, location, normalised=True).cells, location)
        if len(entries) > MAX_ENTRIES:
            raise _too_many_rows(path)
    return builder.finish()
