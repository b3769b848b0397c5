"""Decode text files in the encodings agencies really send: UTF-8 (with or without
BOM), UTF-16 with BOM (Excel's "Unicode text") and Windows-1258 from old tools."""

from __future__ import annotations

import codecs
import re
import unicodedata

from cchc_rules.errors import CchcError


def decode(data: bytes, path: str) -> str:
    if not data.strip():
        raise CchcError("empty-file", path=path)
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8", path)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16", path)
    elif _looks_utf16(data):
        raise CchcError(
            "bad-encoding",
            path=path,
            reason="UTF-16 không có BOM / UTF-16 without a byte order mark; lưu lại với BOM / save it with a BOM",
        )
    elif b"\x00" in data:
        raise CchcError("binary-file", path=path)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _strict(data, "cp1258", path)
    text = unicodedata.normalize("NFC", text)
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
_BINARY = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ud800-\udfff]")


def _reject_binary(text: str, path: str) -> None:
    sample = text[:8192]
    bad = len(_BINARY.findall(sample))
    if bad > max(2, len(sample) // 100):
        raise CchcError("binary-file", path=path)
