"""OOXML packages (docx, xlsx) are zips of XML: refuse broken ones, zip bombs and XML
entity bombs before python-docx or openpyxl inflate anything."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from cchc_rules.errors import CchcError
from cchc_rules.limits import MAX_MEMBERS, MAX_RATIO, MAX_UNCOMPRESSED, RATIO_FLOOR

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 1024 * 1024
_OVERLAP = 64
_DTD_MARKS = tuple(
    mark.encode(encoding) for mark in ("<!doctype", "<!entity") for encoding in ("ascii", "utf-16-le", "utf-16-be")
)


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
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, OSError, EOFError) as exc:
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
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, ValueError, OSError, EOFError) as exc:
        raise CchcError("broken-file", path=path, format=fmt, reason=f"{info.filename}: {exc}") from None
