"""Write a value the many ways agencies do (domain.md, "How values are written").

Only the forms that read one way are used here: zero-padded counts ("03"), dotted
thousands in counts and money ("1.712", "1.500.000"), rates with a decimal comma, a
space or an English point ("93,69%", "100 %", "93.69%"), fractions "05/05" and codes
as their digit. The ambiguous forms ("1" for a rate, "1,712" in a count) are
mistakes, injected by bench/gen_mistakes.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from cchc_rules.catalogue import Indicator
from cchc_rules.model import ValueKind


@dataclass
class Cell:
    """The three cells of a row that vary: unit (or code legend), value and note."""

    unit: str
    raw: str = ""
    note: str = ""


def dotted(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def fmt_count(rng: random.Random, number: int) -> str:
    if number < 10 and rng.random() < 0.3:
        return f"{number:02d}"
    if number >= 1000 and rng.random() < 0.4:
        return dotted(number)
    return str(number)


def fmt_money(rng: random.Random, number: int) -> str:
    return dotted(number) if rng.random() < 0.7 else str(number)


def fmt_rate(rng: random.Random, rate: float) -> str:
    """A rate rounded to at most two decimals, in one of the unambiguous ways it is written."""
    text = str(int(rate)) if float(rate).is_integer() else f"{rate:.2f}"
    style = rng.random()
    if "." in text and style < 0.1:
        return f"{text}%"  # English decimal point: read the same, flagged only
    text = text.replace(".", ",")
    if rate > 1 and style > 0.92:
        return text  # no % sign: still one reading above 1
    return f"{text} %" if style > 0.85 else f"{text}%"


def fmt_fraction(rng: random.Random, part: int, whole: int) -> str:
    return f"{part:02d}/{whole:02d}" if rng.random() < 0.6 else f"{part}/{whole}"


def format_value(rng: random.Random, ind: Indicator, value: int | float | tuple[int, int] | None) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return fmt_fraction(rng, *value)
    if ind.kind is ValueKind.RATE:
        return fmt_rate(rng, float(value))
    if ind.kind is ValueKind.MONEY:
        return fmt_money(rng, int(value))
    if ind.kind in (ValueKind.CODED, ValueKind.YESNO):
        return str(int(value))
    return fmt_count(rng, int(value))
