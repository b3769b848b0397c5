"""The workbook around the sheets, read from its XML the way openpyxl 3.1 read it: which
worksheets there are, in order, and where; the shared strings; each cell style's number
format and whether it shows a date; the date system (1900 or 1904)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from xml.etree.ElementTree import Element

from cchc_rules.readers.numfmt import (
    BUILTIN_FORMATS,
    MAC_EPOCH,
    WINDOWS_EPOCH,
    is_date_format,
    is_elapsed_format,
)
from cchc_rules.readers.ooxml import OFFICE_REL, content_types, last, local_name, named, relationships
from cchc_rules.readers.package import Package

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# openpyxl looks for these content types in this order, then falls back on xl/workbook.xml.
WORKBOOK_TYPES = tuple(
    f"application/vnd.{kind}.main+xml"
    for kind in (
        "ms-excel.template.macroEnabled",
        "openxmlformats-officedocument.spreadsheetml.template",
        "ms-excel.sheet.macroEnabled",
        "openxmlformats-officedocument.spreadsheetml.sheet",
    )
)
SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
STYLES = "xl/styles.xml"  # openpyxl reads the styles from this name, whatever the relationships say


@dataclass(frozen=True)
class Sheet:
    title: str
    part: str


@dataclass
class Book:
    sheets: list[Sheet]
    strings: list[str]
    formats: list[str] = field(default_factory=lambda: ["General"])  # number format of each cell style
    dates: frozenset[int] = frozenset()  # cell styles whose number is a date serial
    elapsed: frozenset[int] = frozenset()  # ... and among them, a duration ([h]:mm)
    epoch: datetime = WINDOWS_EPOCH


def read_book(package: Package) -> Book:
    types = content_types(package)
    part = next((p for kind in WORKBOOK_TYPES for p in types.parts_of(kind)), None)
    if part is None:
        if not set(types.defaults.values()) & set(WORKBOOK_TYPES):
            raise package.broken("không có phần workbook / no workbook part")
        part = "xl/workbook.xml"
    strings_parts = types.parts_of(SHARED_STRINGS)
    strings = shared_strings(package.xml(strings_parts[0])) if strings_parts else []
    workbook = package.xml(part)
    book = Book(sheets=_sheets(package, part, workbook), strings=strings)
    properties = last(workbook, "workbookPr")
    if properties is not None and properties.get("date1904") not in (None, "", "false", "f", "0"):
        book.epoch = MAC_EPOCH
    if package.has(STYLES):
        _read_styles(package.xml(STYLES), book)
    return book


def _sheets(package: Package, part: str, workbook: Element) -> list[Sheet]:
    """The worksheets in the workbook's order: chartsheets and sheets whose part is missing left out."""
    found: list[Sheet] = []
    rels: dict[str, tuple[str, str]] | None = None
    listed = last(workbook, "sheets")
    for sheet in listed if listed is not None else []:  # every child, whatever its name, as in openpyxl
        rid = sheet.get(f"{{{OFFICE_REL}}}id")
        if not rid:
            continue
        if rels is None:
            rels = {rel.id: (rel.type, rel.target) for rel in relationships(package, part)}
        if rid not in rels:
            raise package.broken(f"{part}: unknown relationship {rid}")
        kind, target = rels[rid]
        if package.has(target) and "chartsheet" not in kind:
            found.append(Sheet(sheet.get("name") or "Sheet", target))
    return found


def shared_strings(root: Element) -> list[str]:
    """Each <si>: its plain text, then its rich-text runs', phonetic guides left out."""
    strings = []
    for item in root.iter(MAIN + "si"):
        # openpyxl removes this part of Excel's "_x005F_" escape and decodes no other: kept, for the same text.
        strings.append(rich_text(item).replace("x005F_", ""))
    return strings


def rich_text(item: Element) -> str:
    """A shared or inline string as openpyxl's Text.content: the last <t>, then each <r>'s last <t>."""
    plain: str | None = None
    runs: list[str] = []
    for child in item:
        name = local_name(child.tag)
        if name == "t":
            plain = child.text
        elif name == "r":
            run: str | None = None
            for part in child:
                if local_name(part.tag) == "t":
                    run = part.text
            if run is not None:
                runs.append(run)
    return (plain or "") + "".join(runs)


def _read_styles(root: Element, book: Book) -> None:
    custom = {int(f.get("numFmtId", "")): f.get("formatCode", "") for f in named(last(root, "numFmts"), "numFmt")}
    xfs = named(last(root, "cellXfs"), "xf")
    if not xfs:
        return  # openpyxl keeps its defaults
    formats, dates, elapsed = [], set(), set()
    for index, xf in enumerate(xfs):
        number = int(xf.get("numFmtId", 0))
        code = custom[number] if number in custom else BUILTIN_FORMATS.get(number)
        formats.append(code if code is not None else "General")
        if is_date_format(code):
            dates.add(index)
        if is_elapsed_format(code):
            elapsed.add(index)
    book.formats, book.dates, book.elapsed = formats, frozenset(dates), frozenset(elapsed)
