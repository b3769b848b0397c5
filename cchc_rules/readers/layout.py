"""Turn the rows of the five-column table into entries, whatever file they came from.

Every reader (text, CSV, docx, xlsx) yields rows of five cells; this module knows
the template's layout: title lines above the table, header lines repeated after
page breaks, sub-items that start with "- ", and cells continued over a page
break (domain.md, "The report").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from cchc_rules.errors import CchcError
from cchc_rules.limits import MAX_CELL_CHARS, MAX_ENTRIES
from cchc_rules.model import Entry, Location
from cchc_rules.values import normalise

STT = re.compile(r"^\d+(?:\.\d+)*\.?$")
SUB_ITEM = re.compile(r"^[-–—+]\s*")
SUB_ITEM_MARKS = frozenset("-–—+")
NOTE_FOR_ITEM = re.compile(r"^\s*Mục\s+(\d+(?:\.\d+)*)\.?\s*:", re.IGNORECASE)
LETTERS = "abcdefghijklmnopqrstuvwxyz"


class RawRow(NamedTuple):
    """One table row as five cleaned cells (a tuple: a reader makes one per line)."""

    cells: tuple[str, str, str, str, str]
    location: Location


@dataclass
class Layout:
    """What the table held: the lines above it and its entries, in order."""

    title_lines: list[tuple[str, Location]] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    header_seen: bool = False


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
    if (len(first) == 3 and first.upper() == "STT") or name.startswith("Chỉ tiêu thống kê"):
        return True
    return not first and not name and unit == "Đơn vị tính" and value == "Số liệu"


def join_text(head: str, tail: str) -> str:
    """Join a cell continued over a page break; a number split at "/" or "-" stays whole."""
    if not head:
        return tail
    if not tail:
        return head
    if head.endswith(("-", "/")):
        return head + tail
    return head + " " + tail


class _Builder:
    def __init__(self) -> None:
        self.layout = Layout()
        self.after_header = False
        self.last_numbered: str | None = None
        self.sub_count = 0
        self.last_with_note: Entry | None = None
        self.pending_notes: dict[str, str] = {}
        self.pending_lines: dict[str, tuple[int, ...]] = {}
        self.ids: dict[str, Entry] = {}

    def feed(self, row: RawRow) -> None:
        cells = row.cells
        if not any(cells):
            return
        if is_header(cells):
            self.layout.header_seen = True
            self.after_header = True
            return
        if not self.layout.header_seen and not STT.match(cells[0]):
            text = " ".join(c for c in cells if c)
            self.layout.title_lines.append((text, row.location))
            return
        stt, name, unit, value, note = cells
        continuation = self.after_header and not stt and not SUB_ITEM.match(name)
        self.after_header = False
        if continuation and self.layout.entries:
            self._continue(row)
        elif STT.match(stt):
            self._add(stt.rstrip("."), row, numbered=True)
        elif not stt and (name or unit or value) and self.last_numbered is not None:
            letter = LETTERS[self.sub_count] if self.sub_count < len(LETTERS) else str(self.sub_count)
            self.sub_count += 1
            self._add(f"{self.last_numbered}.{letter}", row, numbered=False)
        elif not stt and not name and note and self.layout.entries:
            self._continue(row)
        else:
            self._add(stt or f"?{len(self.layout.entries) + 1}", row, numbered=False, known=False)

    def _add(self, ident: str, row: RawRow, *, numbered: bool, known: bool = True) -> None:
        stt, name, unit, value, note = row.cells
        if numbered:
            self.last_numbered = ident
            self.sub_count = 0
        location = row.location
        if self.pending_notes and ident in self.pending_notes:  # a note that came before its row
            note = join_text(self.pending_notes.pop(ident), note)
        if self.pending_lines and ident in self.pending_lines:
            location = replace(location, continued=self.pending_lines.pop(ident))
        if not stt and name[:1] in SUB_ITEM_MARKS:
            name = SUB_ITEM.sub("", name)
        entry = Entry(ident, stt, name, unit, value, note=note, known=known, location=location)
        self.layout.entries.append(entry)
        self.ids.setdefault(ident, entry)
        if entry.note:
            self.last_with_note = entry

    def _continue(self, row: RawRow) -> None:
        _, name, unit, value, note = row.cells
        above = self.layout.entries[-1]
        if name or unit or value:
            lines = (*above.location.continued, _line_of(row))
            above.location = replace(above.location, continued=lines)
        if name:
            above.name = join_text(above.name, name)
        if unit:
            above.unit = join_text(above.unit, unit)
        if value and not above.raw:
            above.raw = value
        if note:
            self._continue_note(note, row)

    def _continue_note(self, note: str, row: RawRow) -> None:
        # A note that names its item ("Mục 7.3: ...") belongs to that item; any other
        # continued note belongs to the last row above that had one (a merged Word cell).
        named = NOTE_FOR_ITEM.match(note)
        if named:
            target = self.ids.get(named.group(1))
            if target is None:
                ident = named.group(1)
                self.pending_notes[ident] = join_text(self.pending_notes.get(ident, ""), note)
                self.pending_lines[ident] = (*self.pending_lines.get(ident, ()), _line_of(row))
                return
        else:
            target = self.last_with_note
        if target is None:
            target = self.layout.entries[-1]
        target.note = join_text(target.note, note)
        line = _line_of(row)
        if line not in target.location.continued:
            target.location = replace(target.location, continued=(*target.location.continued, line))
        self.last_with_note = target


def _line_of(row: RawRow) -> int:
    return row.location.line or row.location.row or 0


def build_layout(rows: Iterable[RawRow]) -> Layout:
    builder = _Builder()
    for row in rows:
        builder.feed(row)
        if len(builder.layout.entries) > MAX_ENTRIES:
            raise CchcError(
                "limit-exceeded", path=row.location.file or "", reason=f"more than {MAX_ENTRIES} table rows"
            )
    for ident, note in builder.pending_notes.items():
        target = builder.ids.get(ident) or (builder.layout.entries[-1] if builder.layout.entries else None)
        if target is not None:
            target.note = join_text(note, target.note)
    return builder.layout
