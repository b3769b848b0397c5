"""Byte-identical outputs: time stamps only where a format requires them, taken from
SOURCE_DATE_EPOCH when it is set (reproducible-builds.org), else a fixed instant."""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import UTC, datetime

FIXED = datetime(1980, 1, 1, tzinfo=UTC)  # the zip format's own epoch
_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def source_date() -> datetime:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    try:
        return max(datetime.fromtimestamp(int(raw), tz=UTC), FIXED)
    except (ValueError, OverflowError, OSError):
        return FIXED


def normalise_zip(data: bytes) -> bytes:
    """Rewrite an OOXML zip with every member stamped at source_date(), in the same order,
    and the document's created/modified properties set to it: openpyxl and python-docx
    stamp the current time in both places."""
    when = source_date()
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(rb"\g<1>" + stamp + rb"\g<3>", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, content)
    return out.getvalue()
