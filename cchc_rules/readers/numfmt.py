"""Spreadsheet values as the clerk saw them: a number through its number format, a date
serial as a date.

Excel stores 93,69% as 0.9369 under the format "0.00%" and a zero-padded 08 as 8 under
"00"; the engine must read the text that was on screen. Which formats are dates, and how
a serial becomes a date, follow openpyxl 3.1 exactly (the xlsx reader's former engine), so
that reading the XML directly changes no value.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)', 7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)', 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
    20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)", 40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)', 42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}  # fmt: skip
WINDOWS_EPOCH = datetime(1899, 12, 30)
MAC_EPOCH = datetime(1904, 1, 1)

_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')  # literals, and [...] but elapsed time
_DATE_CODE = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_ELAPSED = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.IGNORECASE)
_ISO = re.compile(
    r"(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?T?"
    r"(?P<time>(?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2})(?P<microsecond>\.\d{1,3})?)?)?Z?"
)
_DURATION = re.compile(r"PT((?P<hours>\d+)H)?((?P<minutes>\d+)M)?((?P<seconds>\d+(\.\d{1,3})?)S)?")
_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
_DECIMALS = re.compile(r"\.([0#?]+)")
_ZEROS = re.compile(r"^0+$")


def is_date_format(number_format: str | None) -> bool:
    if number_format is None:
        return False
    return _DATE_CODE.search(_STRIP.sub("", number_format.split(";")[0])) is not None


def is_elapsed_format(number_format: str | None) -> bool:
    """[h]:mm and the like: a duration, not a time of day."""
    return number_format is not None and _ELAPSED.search(number_format.split(";")[0]) is not None


def from_serial(value: float, epoch: datetime, elapsed: bool) -> datetime | time | timedelta:
    """An Excel date serial as a datetime (a time below 1, a timedelta under an elapsed format)."""
    if elapsed:
        span = timedelta(days=value)
        if span.microseconds:
            span = timedelta(seconds=span.total_seconds() // 1, microseconds=round(span.microseconds, -3))
        return span
    day, fraction = divmod(value, 1)
    diff = timedelta(milliseconds=round(fraction * 86400 * 1000))
    if 0 <= value < 1 and diff.days == 0:
        minutes, seconds = divmod(diff.seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return time(hours, minutes, seconds, diff.microseconds)
    if 0 < value < 60 and epoch == WINDOWS_EPOCH:
        day += 1  # Excel's 29 February 1900
    return epoch + timedelta(days=day) + diff


def from_iso(text: str) -> datetime | date | time | timedelta:
    """A t="d" cell (strict OOXML writes dates as ISO 8601 text)."""
    match = _ISO.match(text)
    if match and any(match.groups()):
        fields = ("year", "month", "day", "hour", "minute", "second")
        parts = {key: int(match[key]) if match[key] else 0 for key in fields}
        parts["microsecond"] = int(float(match["microsecond"]) * 1_000_000) if match["microsecond"] else 0
        if not match["date"]:
            return time(parts["hour"], parts["minute"], parts["second"], parts["microsecond"])
        if not match["time"]:
            return date(parts["year"], parts["month"], parts["day"])
        return datetime(
            parts["year"], parts["month"], parts["day"], parts["hour"], parts["minute"], parts["second"],
            parts["microsecond"],
        )  # fmt: skip
    match = _DURATION.match(text)
    if match and any(match.groups()):
        return timedelta(**{k: float(v) if v else 0 for k, v in match.groupdict().items()})
    raise ValueError(f"Invalid datetime value {text}")


def value_text(value: object, number_format: str) -> str:
    """The text a user sees in a cell (decimal comma, percent applied, no thousands dots)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return number_text(value, number_format or "General")
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y" if value.time() == time() else "%d/%m/%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def number_text(value: float, number_format: str) -> str:
    """Render a number as its format shows it, never rounding away digits the cell holds.

    Thousands grouping in the format is left out: "1.712" in a count and in a rate read
    differently, and the stored number is unambiguous.
    """
    if not math.isfinite(value):
        return str(value)
    section = _LITERALS.sub("", number_format.split(";", 1)[0])
    percent = "%" in section
    text = _plain(value * 100 if percent else value)
    whole, _, fraction = text.partition(".")
    decimals = _DECIMALS.search(section)
    if decimals and len(fraction) < len(decimals.group(1)):
        fraction = fraction.ljust(len(decimals.group(1)), "0")
    if not fraction and _ZEROS.match(section) and not whole.startswith("-"):
        whole = whole.zfill(len(section))
    text = f"{whole},{fraction}" if fraction else whole
    return text + "%" if percent else text


def _plain(value: float) -> str:
    """Shortest decimal form without binary noise (0.9369*100 is 93.69) or an exponent."""
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(f"{value:.15g}"), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
