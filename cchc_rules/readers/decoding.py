"""Decode text files in the encodings agencies really send: UTF-8 (with or without
BOM), UTF-16 with BOM (Excel's "Unicode text") and Windows-1258 from old tools."""

from __future__ import annotations

import codecs
import unicodedata

from cchc_rules.errors import CchcError
from cchc_rules.notes.cache import lazy_regex


def decode(data: bytes, path: str) -> str:
    if not data or data.isspace():  # as `not data.strip()`, without copying the file
        raise CchcError("empty-file", path=path)
    utf8 = b""  # the bytes, when they were UTF-8: the binary check can then look at them
    if data.startswith(codecs.BOM_UTF8):
        utf8 = data[3:]
        text = _strict(utf8, "utf-8", path)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16", path)
    elif b"\x00" in data:  # without a zero byte, _looks_utf16 is false
        if _looks_utf16(data):
            raise CchcError(
                "bad-encoding",
                path=path,
                reason="UTF-16 không có BOM / UTF-16 without a byte order mark; lưu lại với BOM / save it with a BOM",
            )
        raise CchcError("binary-file", path=path)
    else:
        try:
            text = data.decode("utf-8")
            utf8 = data
        except UnicodeDecodeError:
            text = _strict(data, "cp1258", path)
    text = unicodedata.normalize("NFC", text)
    if not (utf8 and _plainly_text(utf8)):
        _reject_binary(text, path)
    return text


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise CchcError("bad-encoding", path=path, reason=f"{encoding}: {exc.reason} @ {exc.start}") from None


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    return max(even, odd) > half * 0.3 and min(even, odd) < half * 0.05


# Control and private-use characters other than white space: what binary data decodes to.
# Compiled on first use: a plain UTF-8 file never needs it (_plainly_text), and its wide
# ranges take the regex compiler about a millisecond.
_BINARY = lazy_regex("[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ud800-\udfff]")
# The bytes a _BINARY character has in UTF-8: C0 controls and DEL are themselves; C1
# controls start with \xc2, private-use characters with \xee or \xef; surrogates have none.
_BINARY_UTF8_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, 0xC2, 0xEE, 0xEF])


def _plainly_text(utf8: bytes) -> bool:
    """True if UTF-8 bytes cannot hold a single _BINARY character (NFC neither makes nor
    removes one), so _reject_binary would pass them: one C loop instead of a regex scan."""
    return len(utf8.translate(None, _BINARY_UTF8_BYTES)) == len(utf8)


def _reject_binary(text: str, path: str) -> None:
    sample = text[:8192]
    bad = len(_BINARY().findall(sample))
    if bad > max(2, len(sample) // 100):
        raise CchcError("binary-file", path=path)
