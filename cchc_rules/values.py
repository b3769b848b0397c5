"""Parse a value cell the way agencies write it (see domain.md, "How values are written").

The parser never guesses silently: where a form has two readings it returns one
reading plus a flag, and the rules decide what to make of it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

from cchc_rules.model import Flag, ParsedValue, ValueKind, ValueStatus

_INT = re.compile(r"^\d+$")
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")
_DECIMAL_DOT = re.compile(r"^\d+\.\d+$")
_FRACTION = re.compile(r"^(\d+)\s*/\s*(\d+)$")
_SPACES = re.compile(r"\s+")

NUMERIC_KINDS = frozenset({ValueKind.COUNT, ValueKind.RATE, ValueKind.MONEY})
CODED_KINDS = frozenset({ValueKind.CODED, ValueKind.YESNO})


_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff"  # zero-width spaces and joiners, word joiner, BOM
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARS))
MAX_DIGITS = 40  # beyond this no CCHC figure exists; keep it as text rather than overflow


def normalise_text(text: str, *, nfc: bool = True) -> str:
    """normalise() for a whole document at once, without the strip: the cells then need only
    a strip(). Tabs and line breaks never compose under NFC, so cutting the result into cells
    gives exactly what normalising each cell would. nfc=False skips the NFC step for text that
    is NFC already (decoding.decode's), which NFC would return unchanged."""
    if nfc:
        text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ")
    # Five substring tests cost a twentieth of one regex search over a whole document.
    if any(char in text for char in _INVISIBLE_CHARS):
        return text.translate(_INVISIBLE)
    return text


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """NFC, non-breaking spaces folded, zero-width characters dropped, outer white space stripped.

    Cached: a province's reports repeat the template's names and units, and most values."""
    if text.isascii():
        return text.strip()
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").translate(_INVISIBLE)
    return text.strip()


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Key for comparing labels and units: NFC, case-folded, single spaces."""
    return _SPACES.sub(" ", normalise(text)).casefold()


def parse_cell(raw: str, kind: ValueKind | None, legend: Mapping[int, str]) -> ParsedValue:
    """parse_value, cached where the legend cannot matter: values repeat across a province's reports.

    A blank or a code in ASCII digits ("1", "02") is read without the legend, so it is cached too."""
    if kind in CODED_KINDS and raw and not (raw.isascii() and raw.isdigit()):
        return parse_value(raw, kind, legend)
    return parse_plain(raw, kind)


@lru_cache(maxsize=65536)
def parse_plain(raw: str, kind: ValueKind | None) -> ParsedValue:
    """parse_value without a legend, cached: parse_cell for any kind but a coded one."""
    return parse_value(raw, kind)


def parse_value(raw: str, kind: ValueKind | None = None, legend: Mapping[int, str] | None = None) -> ParsedValue:
    text = normalise(raw)
    if not text:
        return ParsedValue(kind=kind, status=ValueStatus.BLANK)
    if len(text) > MAX_DIGITS and sum(ch.isdigit() for ch in text) > MAX_DIGITS:
        return ParsedValue(kind=kind, status=ValueStatus.TEXT, text=text)
    if kind in CODED_KINDS:
        return _parse_code(text, kind, legend or {})
    if kind is ValueKind.FRACTION:
        match = _FRACTION.match(text)
        if match:
            return ParsedValue(
                kind=kind,
                status=ValueStatus.FRACTION,
                numerator=int(match.group(1)),
                denominator=int(match.group(2)),
            )
    if kind is ValueKind.TEXT:
        return ParsedValue(kind=kind, status=ValueStatus.TEXT, text=text)
    return _parse_number(text, kind)


def _parse_code(text: str, kind: ValueKind, legend: Mapping[int, str]) -> ParsedValue:
    if _INT.match(text):
        return ParsedValue(kind=kind, status=ValueStatus.CODE, code=int(text), number=float(text))
    key = fold(text)
    for code, label in legend.items():
        if fold(label) == key:
            return ParsedValue(
                kind=kind,
                status=ValueStatus.CODE,
                code=code,
                number=float(code),
                text=text,
                flags=(Flag.LABEL_FOR_CODE,),
            )
    return ParsedValue(kind=kind, status=ValueStatus.TEXT, text=text)


def _parse_number(text: str, kind: ValueKind | None) -> ParsedValue:
    flags: list[Flag] = []
    body = text
    if body.endswith("%"):
        flags.append(Flag.PERCENT_IN_VALUE)
        body = body[:-1].rstrip()
    negative = body.startswith("-") and len(body) > 1
    if negative:
        body = body[1:].lstrip()
        flags.append(Flag.NEGATIVE)
    parsed = _read_digits(body, kind, flags)
    if parsed is None:
        match = _FRACTION.match(body)
        if match and kind is None:
            return ParsedValue(
                kind=kind,
                status=ValueStatus.FRACTION,
                numerator=int(match.group(1)),
                denominator=int(match.group(2)),
            )
        return ParsedValue(kind=kind, status=ValueStatus.TEXT, text=text)
    number, decimals = parsed
    if negative:
        number = -number
    if kind is ValueKind.RATE and Flag.PERCENT_IN_VALUE not in flags and 0 < number <= 1:
        flags.append(Flag.AMBIGUOUS_RATE)
    if kind in (ValueKind.COUNT, ValueKind.MONEY) and number != int(number):
        flags.append(Flag.NOT_INTEGER)
    return ParsedValue(
        kind=kind,
        status=ValueStatus.NUMBER,
        number=number,
        decimals=decimals,
        flags=tuple(dict.fromkeys(flags)) if flags else (),
    )


def _read_digits(body: str, kind: ValueKind | None, flags: list[Flag]) -> tuple[float, int] | None:
    """Return (number, printed decimals), appending flags for the form it was written in."""
    integral = kind in (ValueKind.COUNT, ValueKind.MONEY)
    if _INT.match(body):
        if len(body) > 1 and body.startswith("0"):
            flags.append(Flag.ZERO_PADDED)
        return float(int(body)), 0
    if _THOUSANDS_DOT.match(body):
        if integral:
            flags.append(Flag.THOUSANDS_DOT)
            return float(int(body.replace(".", ""))), 0
        if body.count(".") == 1:
            # "1.712" in a rate: thousands or an English decimal point? Say so.
            flags.append(Flag.AMBIGUOUS_SEPARATOR)
            return float(body), len(body.split(".")[1])
        flags.append(Flag.THOUSANDS_DOT)
        return float(int(body.replace(".", ""))), 0
    if _DECIMAL_COMMA.match(body):
        if integral and _THOUSANDS_COMMA.match(body):
            flags.append(Flag.AMBIGUOUS_SEPARATOR)
        whole, frac = body.split(",")
        return float(f"{whole}.{frac}"), len(frac)
    if _THOUSANDS_COMMA.match(body):
        flags.append(Flag.AMBIGUOUS_SEPARATOR)
        return float(int(body.replace(",", ""))), 0
    if _DECIMAL_DOT.match(body):
        flags.append(Flag.ENGLISH_DECIMAL)
        return float(body), len(body.split(".")[1])
    return None


def format_number(number: float, decimals: int = 0) -> str:
    """Render a number the Vietnamese way: decimal comma, no thousands separator."""
    if decimals <= 0 and float(number).is_integer():
        return str(int(number))
    return f"{number:.{max(decimals, 0)}f}".replace(".", ",")
