"""The report as agencies write it: a Word table (.docx), read with python-docx.

Word merges cells: a header spans columns (w:gridSpan) and a note is often one cell
merged down over several rows (w:vMerge). python-docx's row.cells repeats the merged
cell for every grid position it covers, which would copy one note onto every row,
so this reader walks the row XML itself and keeps a merged cell's text once, at its
first grid position of its first row.

The package is checked before python-docx sees it (check_package): OOXML is a zip
of XML, so a hostile file can be a zip bomb or an XML entity bomb.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from cchc_rules.errors import CchcError
from cchc_rules.model import Location
from cchc_rules.readers.layout import RawRow, make_row

NAME = "docx"
EXTENSIONS = (".docx",)

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
# A member this small cannot blow anything up whatever its ratio; real sheets of
# repeated styles legitimately compress better than 100:1.
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 10_000
MAX_ROWS = 20_000
MAX_SPAN = 64

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 1024 * 1024
_OVERLAP = 64
_DTD_MARKS = tuple(
    mark.encode(encoding) for mark in ("<!doctype", "<!entity") for encoding in ("ascii", "utf-16-le", "utf-16-be")
)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BREAKS = re.compile(r"[\t\r\n\v\f]")


def sniff(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") and b"word/" in head


def read_rows(data: bytes, path: str) -> Iterator[RawRow]:
    check_package(data, path, "docx", "word/document.xml")
    try:
        rows = list(_document_rows(data, path))
    except CchcError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds; the user needs one message
        raise CchcError("broken-file", path=path, format="docx", reason=_describe(exc)) from None
    yield from rows


# -- package safety ---------------------------------------------------------------------------


def check_package(
    data: bytes,
    path: str,
    fmt: str,
    required: str,
    count_tags: re.Pattern[bytes] | None = None,
    count_under: str = "",
    max_tags: int = 0,
) -> None:
    """Refuse a zip that is broken, lacks its main part, or is a zip or XML entity bomb.

    Sizes declared in the zip directory are what zipfile enforces on reading (it stops
    and fails the CRC beyond them), so checking the declared sizes bounds what
    python-docx and openpyxl will inflate. XML members are then read once, within that
    budget, to refuse any DTD: no report needs one, and entity expansion needs one.
    If count_tags is given, its matches in members under count_under are counted and
    more than max_tags is refused (rows of a worksheet, before openpyxl builds them).
    """
    if data.startswith(_OLE_MAGIC):
        raise CchcError(
            "broken-file",
            path=path,
            format=fmt,
            reason="tệp mã hoá hoặc định dạng cũ (.doc/.xls) / encrypted or legacy (.doc/.xls) file",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise CchcError("broken-file", path=path, format=fmt, reason=f"không phải zip / not a zip: {exc}") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise CchcError("limit-exceeded", path=path, reason=f"{len(infos)} zip members > {MAX_MEMBERS}")
        if required not in {info.filename for info in infos}:
            raise CchcError("broken-file", path=path, format=fmt, reason=f"thiếu / missing {required}")
        total = sum(info.file_size for info in infos)
        if total > MAX_UNCOMPRESSED:
            raise CchcError("limit-exceeded", path=path, reason=f"uncompressed size {total} bytes > {MAX_UNCOMPRESSED}")
        for info in infos:
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                # OOXML uses only these two; bzip2 and lzma inflate a whole chunk at once.
                raise CchcError(
                    "broken-file",
                    path=path,
                    format=fmt,
                    reason=f"{info.filename}: compression {info.compress_type}",
                )
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                raise CchcError(
                    "limit-exceeded",
                    path=path,
                    reason=f"{info.filename}: compression ratio {ratio:.0f} > {MAX_RATIO} (zip bomb?)",
                )
        for info in infos:
            if info.filename.lower().endswith((".xml", ".rels")):
                pattern = count_tags if count_tags and info.filename.startswith(count_under) else None
                found = _scan_member(archive, info, path, fmt, pattern)
                if pattern is not None and found > max_tags:
                    raise CchcError(
                        "limit-exceeded",
                        path=path,
                        reason=f"{info.filename}: more than {max_tags} rows or cells",
                    )


def _scan_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, fmt: str, pattern: re.Pattern[bytes] | None
) -> int:
    """Read one member in chunks; refuse a DTD; count pattern matches (each counted once)."""
    count = 0
    tail = b""
    try:
        with archive.open(info) as member:
            while True:
                chunk = member.read(_CHUNK)
                buffer = tail + chunk
                lowered = buffer.lower()
                if any(mark in lowered for mark in _DTD_MARKS):
                    raise CchcError(
                        "broken-file",
                        path=path,
                        format=fmt,
                        reason=f"{info.filename}: khai báo DTD/ENTITY không được phép / "
                        "DTD or entity declaration not allowed (XML bomb?)",
                    )
                if pattern is not None:
                    # A match starting in the last _OVERLAP bytes is counted with the next chunk.
                    limit = len(buffer) if not chunk else len(buffer) - _OVERLAP
                    count += sum(1 for m in pattern.finditer(buffer) if m.start() < limit)
                if not chunk:
                    return count
                tail = buffer[-_OVERLAP:]
    except CchcError:
        raise
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        raise CchcError("broken-file", path=path, format=fmt, reason=f"{info.filename}: {exc}") from None


# -- the document -----------------------------------------------------------------------------


def _document_rows(data: bytes, path: str) -> Iterator[RawRow]:
    import docx as python_docx

    document = python_docx.Document(io.BytesIO(data))
    table_number = 0
    non_empty = 0
    for block in _blocks(document.element.body):
        if block.tag == _W + "p" and table_number == 0:
            yield make_row([_paragraph_text(block)], Location(file=path))
        elif block.tag == _W + "tbl":
            table_number += 1
            by_grid = _grid_columns(block) == 5
            for number, tr in enumerate(block.iterchildren(_W + "tr"), start=1):
                location = Location(file=path, table=table_number, row=number)
                row = make_row(_row_cells(tr, by_grid), location)
                if any(row.cells):
                    non_empty += 1
                    if non_empty > MAX_ROWS:
                        raise CchcError("limit-exceeded", path=path, reason=f"more than {MAX_ROWS} table rows")
                yield row


def _blocks(parent: Any) -> Iterator[Any]:
    """Body paragraphs and tables in order, looking inside content controls (w:sdt)."""
    for child in parent.iterchildren():
        if child.tag == _W + "sdt":
            for content in child.iterchildren(_W + "sdtContent"):
                yield from _blocks(content)
        elif child.tag in (_W + "p", _W + "tbl"):
            yield child


def _grid_columns(tbl: Any) -> int:
    grid = tbl.find(_W + "tblGrid")
    return 0 if grid is None else len(grid.findall(_W + "gridCol"))


def _row_cells(tr: Any, by_grid: bool) -> list[str]:
    """One text per grid column when the grid is the template's five, else one per cell."""
    cells: list[str] = [""] * _int_prop(tr.find(_W + "trPr"), "gridBefore", 0) if by_grid else []
    for tc in _row_tcs(tr):
        properties = tc.find(_W + "tcPr")
        text = "" if _continues_vertical_merge(properties) else _cell_text(tc)
        cells.append(text)
        if by_grid:
            cells.extend([""] * (_int_prop(properties, "gridSpan", 1) - 1))
    return cells


def _row_tcs(tr: Any) -> Iterator[Any]:
    for child in tr.iterchildren():
        if child.tag == _W + "tc":
            yield child
        elif child.tag == _W + "sdt":
            for content in child.iterchildren(_W + "sdtContent"):
                yield from content.iterchildren(_W + "tc")


def _continues_vertical_merge(properties: Any) -> bool:
    """<w:vMerge/> or <w:vMerge w:val="continue"/>: the cell above holds the text."""
    if properties is None:
        return False
    merge = properties.find(_W + "vMerge")
    return merge is not None and merge.get(_W + "val", "continue") != "restart"


def _int_prop(properties: Any, name: str, default: int) -> int:
    if properties is None:
        return default
    element = properties.find(_W + name)
    if element is None:
        return default
    try:
        value = int(element.get(_W + "val", default))
    except (TypeError, ValueError):
        return default
    return min(max(value, 0 if name == "gridBefore" else 1), MAX_SPAN)


def _cell_text(tc: Any) -> str:
    paragraphs = [_paragraph_text(p) for p in tc.iterchildren(_W + "p")]
    return " ".join(text for text in paragraphs if text.strip())


def _paragraph_text(p: Any) -> str:
    # CT_P.text renders runs, hyperlinks, tabs and breaks as Paragraph.text does.
    # Line breaks and tabs inside a cell are layout, not data: the text export has none.
    return _BREAKS.sub(" ", str(p.text))


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"
