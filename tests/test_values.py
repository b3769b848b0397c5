"""Property tests for parse_value: every way domain.md says a value is written parses
back to what was meant, with the flag that says how it was written."""

from __future__ import annotations

import math
import re
import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cchc_rules.model import (
    BLANK_BAND,
    DERIVED,
    LARGE_BAND,
    ODD_BAND,
    SMALL_BAND,
    Entry,
    Flag,
    ParsedValue,
    Report,
    ValueKind,
    ValueStatus,
    adapter,
    dump,
    field_names,
)
from cchc_rules.values import fold, parse_value

# ParsedValue.number is a float: integers are exact up to 2**53 (9.007.199.254.740.992 Đồng,
# more than the state budget), which bounds the properties below.
EXACT = 2**53
YES_NO = {0: "Không", 1: "Có"}
INTEGRAL = st.sampled_from([ValueKind.COUNT, ValueKind.MONEY])
PADDING = st.text(alphabet=" \t\u00a0", max_size=2)


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _decimal(units: int, decimals: int, point: str) -> str:
    """units / 10**decimals written with the given decimal point: (9369, 2, ",") is 93,69."""
    if decimals == 0:
        return str(units)
    whole, frac = divmod(units, 10**decimals)
    return f"{whole}{point}{frac:0{decimals}d}"


# -- counts and money --------------------------------------------------------------------------


@given(n=st.integers(0, EXACT), kind=INTEGRAL, left=PADDING, right=PADDING)
def test_plain_integer_parses_back(n: int, kind: ValueKind, left: str, right: str) -> None:
    value = parse_value(f"{left}{n}{right}", kind)
    assert value.status is ValueStatus.NUMBER
    assert value.number == n
    assert value.decimals == 0
    assert value.flags == ()


@given(n=st.integers(0, EXACT), zeros=st.integers(1, 3), kind=INTEGRAL)
def test_zero_padded_integer_parses_back(n: int, zeros: int, kind: ValueKind) -> None:
    value = parse_value("0" * zeros + str(n), kind)
    assert value.number == n
    assert value.has(Flag.ZERO_PADDED)
    assert not value.has(Flag.NOT_INTEGER)


@given(n=st.integers(1000, EXACT), kind=INTEGRAL)
def test_thousands_dots_parse_back(n: int, kind: ValueKind) -> None:
    value = parse_value(_thousands(n), kind)
    assert value.status is ValueStatus.NUMBER
    assert value.number == n
    assert value.decimals == 0
    assert value.has(Flag.THOUSANDS_DOT)


@pytest.mark.parametrize(
    ("raw", "number"), [("76", 76), ("03", 3), ("1712", 1712), ("1.712", 1712), ("1.500.000", 1500000)]
)
def test_domain_examples_of_counts(raw: str, number: int) -> None:
    assert parse_value(raw, ValueKind.COUNT).number == number
    assert parse_value(raw, ValueKind.MONEY).number == number


# -- rates -------------------------------------------------------------------------------------

RATE_UNITS = st.integers(0, 2).flatmap(lambda d: st.tuples(st.integers(0, 100 * 10**d), st.just(d)))


def _close(number: float | None, units: int, decimals: int) -> bool:
    return number is not None and abs(number - units / 10**decimals) <= 0.5 * 10**-decimals


@given(rate=RATE_UNITS, space=st.sampled_from(["", " "]))
def test_rate_with_decimal_comma_and_percent(rate: tuple[int, int], space: str) -> None:
    units, decimals = rate
    value = parse_value(f"{_decimal(units, decimals, ',')}{space}%", ValueKind.RATE)
    assert value.status is ValueStatus.NUMBER
    assert _close(value.number, units, decimals)
    assert value.decimals == decimals
    assert value.has(Flag.PERCENT_IN_VALUE)
    assert not value.has(Flag.AMBIGUOUS_RATE)


@given(rate=RATE_UNITS)
def test_rate_without_percent_sign(rate: tuple[int, int]) -> None:
    units, decimals = rate
    value = parse_value(_decimal(units, decimals, ","), ValueKind.RATE)
    assert _close(value.number, units, decimals)
    assert value.decimals == decimals
    # 1 (or 0,5) where the unit is %: 1% or 100%? The parser says it cannot tell.
    assert value.has(Flag.AMBIGUOUS_RATE) == (0 < units <= 10**decimals)


@given(units=st.integers(0, 100 * 10**2), decimals=st.integers(1, 2))
def test_rate_with_english_decimal_point(units: int, decimals: int) -> None:
    assume(units <= 100 * 10**decimals)
    value = parse_value(_decimal(units, decimals, ".") + "%", ValueKind.RATE)
    assert _close(value.number, units, decimals)
    assert value.decimals == decimals
    assert value.has(Flag.ENGLISH_DECIMAL)


@given(whole=st.integers(1, 999), frac=st.integers(0, 999))
def test_rate_with_three_digits_after_a_dot_is_ambiguous(whole: int, frac: int) -> None:
    value = parse_value(f"{whole}.{frac:03d}", ValueKind.RATE)
    assert value.has(Flag.AMBIGUOUS_SEPARATOR)


@pytest.mark.parametrize(
    ("raw", "number", "flags"),
    [
        ("93,69%", 93.69, {Flag.PERCENT_IN_VALUE}),
        ("93,69", 93.69, set()),
        ("100%", 100, {Flag.PERCENT_IN_VALUE}),
        ("100 %", 100, {Flag.PERCENT_IN_VALUE}),
        ("0", 0, set()),
        ("93.69%", 93.69, {Flag.PERCENT_IN_VALUE, Flag.ENGLISH_DECIMAL}),
        ("1", 1, {Flag.AMBIGUOUS_RATE}),
        ("1.712", 1.712, {Flag.AMBIGUOUS_SEPARATOR}),
    ],
)
def test_domain_examples_of_rates(raw: str, number: float, flags: set[Flag]) -> None:
    value = parse_value(raw, ValueKind.RATE)
    assert value.number == pytest.approx(number)
    assert set(value.flags) == flags


# -- codes, fractions, text, blanks ------------------------------------------------------------

LABEL = st.text(st.characters(categories=["L", "Zs"]), min_size=1, max_size=12).filter(
    lambda label: bool(label.strip()) and not re.fullmatch(r"\d+", label.strip())
)


@given(
    legend=st.dictionaries(st.integers(0, 9), LABEL, min_size=1, max_size=5),
    kind=st.sampled_from([ValueKind.CODED, ValueKind.YESNO]),
    data=st.data(),
)
def test_label_for_code_gives_the_code(legend: dict[int, str], kind: ValueKind, data: st.DataObject) -> None:
    assume(len({fold(label) for label in legend.values()}) == len(legend))
    code = data.draw(st.sampled_from(sorted(legend)))
    written = data.draw(st.sampled_from([str.upper, str.lower, lambda s: unicodedata.normalize("NFD", s)]))(
        legend[code]
    )
    assume(fold(written) == fold(legend[code]))  # some letters change under upper()
    value = parse_value(written, kind, legend)
    assert value.status is ValueStatus.CODE
    assert value.code == code
    assert value.has(Flag.LABEL_FOR_CODE)


@given(code=st.integers(0, 9), zeros=st.integers(0, 1))
def test_digit_of_the_legend_is_the_code(code: int, zeros: int) -> None:
    value = parse_value("0" * zeros + str(code), ValueKind.YESNO, YES_NO)
    assert (value.status, value.code, value.flags) == (ValueStatus.CODE, code, ())


def test_domain_example_of_a_label() -> None:
    value = parse_value("Có", ValueKind.YESNO, YES_NO)
    assert (value.code, value.flags, value.text) == (1, (Flag.LABEL_FOR_CODE,), "Có")


@given(a=st.integers(0, 10**6), b=st.integers(0, 10**6), pad=st.integers(0, 2), space=st.sampled_from(["", " "]))
def test_fraction_parses_back(a: int, b: int, pad: int, space: str) -> None:
    value = parse_value(f"{a:0{pad}d}{space}/{space}{b:0{pad}d}", ValueKind.FRACTION)
    assert (value.status, value.numerator, value.denominator) == (ValueStatus.FRACTION, a, b)


def test_domain_example_of_a_fraction() -> None:
    value = parse_value("05/05", ValueKind.FRACTION)
    assert (value.numerator, value.denominator) == (5, 5)


@given(
    blank=st.text(alphabet=" \t\r\n\u00a0\u2003\u3000", max_size=6),
    kind=st.sampled_from([None, *ValueKind]),
)
def test_blank_is_blank(blank: str, kind: ValueKind | None) -> None:
    value = parse_value(blank, kind, YES_NO)
    assert value.is_blank
    assert value.number is None


@pytest.mark.parametrize("raw", ["Có thực hiện", "Đang cập nhật"])
@pytest.mark.parametrize("kind", [ValueKind.COUNT, ValueKind.RATE, ValueKind.MONEY, ValueKind.FRACTION])
def test_text_where_a_number_belongs(raw: str, kind: ValueKind) -> None:
    value = parse_value(raw, kind)
    assert (value.status, value.text, value.number) == (ValueStatus.TEXT, raw, None)


# -- robustness --------------------------------------------------------------------------------


@settings(max_examples=300)
@given(raw=st.text(max_size=40), kind=st.sampled_from([None, *ValueKind]))
def test_short_cells_never_raise(raw: str, kind: ValueKind | None) -> None:
    parse_value(raw, kind, YES_NO)


@pytest.mark.parametrize("raw", ["1" * 400, "1" * 5000, "1" * 5000 + "/1"])
def test_very_long_digit_strings_are_text_not_a_crash(raw: str) -> None:
    for kind in (None, ValueKind.COUNT, ValueKind.CODED, ValueKind.FRACTION):
        assert parse_value(raw, kind, YES_NO).status is ValueStatus.TEXT


@pytest.mark.parametrize("raw", ["\u200b", "\ufeff", " \u00a0 "])
def test_invisible_characters_alone_are_blank(raw: str) -> None:
    assert parse_value(raw, ValueKind.COUNT).is_blank


# -- what rules derive from a value (ParsedValue.quantity and .band) --------------------------

VALUE_FIELDS = st.builds(
    ParsedValue,
    kind=st.sampled_from([None, *ValueKind]),
    status=st.sampled_from(list(ValueStatus)),
    number=st.none() | st.floats(allow_nan=True, allow_infinity=True),
    numerator=st.none() | st.integers(-5, 10**6),
    denominator=st.none() | st.integers(0, 10**6),
    flags=st.lists(st.sampled_from(list(Flag)), max_size=3, unique=True).map(tuple),
)


def _written(value: ParsedValue) -> tuple[float | None, int]:
    """quantity and band as first written, condition by condition: what the fields must equal."""
    status, number = value.status, value.number
    if status in (ValueStatus.NUMBER, ValueStatus.CODE):
        quantity = number
    elif status is ValueStatus.FRACTION and value.numerator is not None:
        quantity = float(value.numerator)
    else:
        quantity = None
    doubtful = {Flag.NOT_INTEGER, Flag.AMBIGUOUS_RATE, Flag.AMBIGUOUS_SEPARATOR}
    if status is ValueStatus.TEXT or doubtful & set(value.flags):
        return quantity, ODD_BAND
    if number is None:
        return quantity, BLANK_BAND if status is ValueStatus.BLANK and value.numerator is None else SMALL_BAND
    if math.isnan(number) or number < 0:
        return quantity, ODD_BAND
    return quantity, SMALL_BAND if number <= 100 else LARGE_BAND


def _same(got: tuple[float | None, int], want: tuple[float | None, int]) -> bool:
    """Equal, a NaN quantity equal to a NaN."""
    nan = got[0] is not None and want[0] is not None and math.isnan(got[0]) and math.isnan(want[0])
    return got[1] == want[1] and (nan or got[0] == want[0])


@given(value=VALUE_FIELDS)
def test_derived_fields_follow_the_value(value: ParsedValue) -> None:
    assert _same((value.quantity, value.band), _written(value))


@given(raw=st.text(alphabet="0123456789,.%-/ abcCóKhông", max_size=12), kind=st.sampled_from([None, *ValueKind]))
def test_derived_fields_of_parsed_cells(raw: str, kind: ValueKind | None) -> None:
    value = parse_value(raw, kind, YES_NO)
    assert _same((value.quantity, value.band), _written(value))
    # not part of the value: a copy made from its fields alone is equal and hashes alike
    again = ParsedValue(**{f: getattr(value, f) for f in field_names(ParsedValue) if f not in DERIVED})
    assert again == value and hash(again) == hash(value)


def test_derived_fields_are_not_written_out_nor_read_in() -> None:
    report = Report(entries=[Entry(id="1.2", raw="7", value=parse_value("7", ValueKind.COUNT))])
    written = dump(report)["entries"][0]["value"]
    assert written["number"] == 7.0 and DERIVED.isdisjoint(written)
    read = adapter(ParsedValue).validate_python({**written, "band": BLANK_BAND, "quantity": 99.0})
    assert (read.band, read.quantity) == (SMALL_BAND, 7.0)
