"""The text reader's fast paths (issue #10) give exactly what the generic code gives.

read_layout cuts lines into rows itself instead of a RawRow per line through make_row;
decode skips the binary regex for plain UTF-8; a few helpers replace a regex or
dataclasses.replace. Each is compared here with the generic code it stands for, on
generated inputs, the layout quirks of real reports included.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_rules.errors import CchcError
from cchc_rules.limits import MAX_CELL_CHARS, MAX_ENTRIES
from cchc_rules.loading import read_bytes
from cchc_rules.model import Location, ValueKind, dump
from cchc_rules.readers import decoding, text
from cchc_rules.readers.layout import STT, Layout, build_layout, is_stt, strip_sub_item, with_continued
from cchc_rules.values import normalise_text, parse_cell, parse_value

from helpers import REPO, SAMPLE

STTS = ["", "1", "1.", "1.2.", "2.1", "10.3.2.", "STT", "stt", " 3 ", "1a", "٣", "1..2", "0" * 20, "1" * 17 + "."]
NAMES = ["", "- Số người", "– tiểu mục", "+x", "-", "Chỉ tiêu thống kê (Sử dụng)", "tên", " nối tiếp ", "Phụ lục 2"]
UNITS = ["", "Đơn vị tính", "Người", "Văn bản"]
VALUES = ["", "Số liệu", "5", "03", "3/4", "93,69%", "Có"]
NOTES = ["", "Mục 2: trước", "Mục 1.1.: sau", "mục 9 : không có", "ghi chú", "x-", "a/", "(Kèm theo Báo cáo số 1/BC-X)"]
HEADERS = ["STT\tChỉ tiêu thống kê\tKết quả\t\tĐơn vị", "\t\tĐơn vị tính\tSố liệu\t", "stt\t\t\t\t"]
CELL = st.one_of(
    st.sampled_from(STTS + NAMES + UNITS + VALUES + NOTES),
    st.text(alphabet=" \u00a0\u3000\u200bx1.-:Mụcđ\x0b\x0c", max_size=8),
)


@st.composite
def rows(draw: st.DrawFn) -> list[str]:
    """Lines of five cells drawn from the template's kinds of cell, some with fewer or
    more cells, blank or white-space lines, header lines and page-break continuations."""
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 30))):
        shape = draw(st.integers(0, 9))
        if shape == 0:
            lines.append(draw(st.sampled_from(["", " ", "\t\t\t\t", " \t \u00a0\t", "\u3000"])))
        elif shape == 1:
            lines.append("\t".join(draw(st.lists(CELL, max_size=8))))
        elif shape == 2:
            lines.append(draw(st.sampled_from(HEADERS)))
        else:
            cells = [
                draw(st.sampled_from(STTS) | CELL),
                draw(st.sampled_from(NAMES) | CELL),
                draw(st.sampled_from(UNITS)),
                draw(st.sampled_from(VALUES) | CELL),
                draw(st.sampled_from(NOTES) | CELL),
            ]
            lines.append("\t".join(cells))
    return lines


def outcome(read: Any, data: bytes) -> Any:
    """A layout as plain data, or the error it ended in."""
    try:
        layout: Layout = read(data, "r.txt")
    except CchcError as exc:
        return ("error", exc.code, str(exc))
    titles = [(title, dump(location)) for title, location in layout.title_lines]
    return titles, [dump(entry) for entry in layout.entries], layout.header_seen


def generic(data: bytes, path: str) -> Layout:
    return build_layout(text.read_rows(data, path))


def same_layout(data: bytes) -> None:
    assert outcome(text.read_layout, data) == outcome(generic, data)


@given(rows(), st.sampled_from(["\n", "\r\n", "\r"]))
def test_fast_layout_equals_generic(lines: list[str], newline: str) -> None:
    same_layout(newline.join(lines).encode())


@given(st.lists(st.text(alphabet="\t 1.-STCĐđMục:x\u00a0\u200b\n", max_size=40), max_size=20))
def test_fast_layout_equals_generic_on_any_text(lines: list[str]) -> None:
    same_layout("\n".join(lines).encode())


def test_fast_layout_equals_generic_on_reports(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO))  # bench/ is not a package the tests install
    from bench.generate import generate

    paths = [SAMPLE, *sorted((REPO / "tests" / "fixtures").glob("*.txt")), *generate(tmp_path, 20, seed=3)]
    for path in paths:
        same_layout(path.read_bytes())


@pytest.mark.parametrize(
    "lines",
    [
        ["STT\tChỉ tiêu thống kê", "1\t" + "x" * (MAX_CELL_CHARS + 1) + "\t\t\t"],  # a cell over the limit
        ["STT\tChỉ tiêu thống kê", "1\t" + "x" * MAX_CELL_CHARS + "\t\t\t" + "y" * 5],  # a long line, cells within
        ["STT\tChỉ tiêu thống kê", "1\tx\t\t\t\t" + "y" * (MAX_CELL_CHARS + 1)],  # over the limit in a sixth cell
        ["STT", *(f"{n}\ta\t\t\t" for n in range(1, MAX_ENTRIES + 2))],  # one row too many
        ["STT", *(f"{n}\ta\t\t\t" for n in range(1, MAX_ENTRIES + 1))],  # just within
    ],
)
def test_fast_layout_equals_generic_at_the_limits(lines: list[str]) -> None:
    same_layout("\n".join(lines).encode())


# -- the helpers that replace a regex or dataclasses.replace -------------------------------


@given(st.sampled_from(STTS) | st.text(alphabet="0123456789.٣a ", max_size=20))
def test_is_stt_is_the_regex(cell: str) -> None:
    expected = STT.match(cell) is not None
    assert is_stt(cell) == expected
    assert is_stt(cell) == expected  # and again, from what it kept


# The regex strip_sub_item stands for (no longer compiled by the package, at every start).
SUB_ITEM = re.compile(r"^[-–—+]\s*")


@given(st.text(alphabet="-–—+ \u00a0\u3000\tx\u2028", max_size=8))
def test_strip_sub_item_is_the_regex(name: str) -> None:
    assert strip_sub_item(name) == SUB_ITEM.sub("", name)


def test_with_continued_is_replace() -> None:
    # Every field set: a field added to Location but not to with_continued fails here.
    values = {"file": "f", "line": 3, "sheet": "s", "cell": "A1", "table": 2, "row": 7, "continued": (1,)}
    assert set(values) == {f.name for f in dataclasses.fields(Location)}
    location = Location(**values)
    assert with_continued(location, (4, 5)) == dataclasses.replace(location, continued=(4, 5))


# -- decoding and normalising -------------------------------------------------------------------

SUSPECT = ["\x00", "\x07", "\x0b", "\x1b", "\x7f", "\x85", "\x9f", "\u00a0", "\ue000", "\uf8ff", "\ufeff", "\u200b"]


def decoded(data: bytes, plainly_text: Any) -> Any:
    """decode's answer with the given fast check in place of its own."""
    original = decoding._plainly_text
    decoding._plainly_text = plainly_text
    try:
        return decoding.decode(data, "d.txt")
    except CchcError as exc:
        return ("error", exc.code, str(exc))
    finally:
        decoding._plainly_text = original


def same_decoding(data: bytes) -> None:
    assert decoded(data, decoding._plainly_text) == decoded(data, lambda _: False)


@given(
    st.lists(st.sampled_from(SUSPECT) | st.text(alphabet="aăđệ\t\n ", min_size=1, max_size=30), max_size=60),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258"]),
)
def test_decode_fast_check_equals_the_regex(parts: list[str], encoding: str) -> None:
    try:
        data = "".join(parts).encode(encoding)
    except UnicodeEncodeError:
        return
    same_decoding(data)


@pytest.mark.parametrize("char", SUSPECT)
@pytest.mark.parametrize("count", [2, 3, 5])
def test_decode_fast_check_on_each_suspect(char: str, count: int) -> None:
    for data in ((char * count + "văn bản\t") * 3).encode(), (char * count).encode() + b"abc":
        same_decoding(data)


def test_blank_test_is_strip() -> None:
    for byte in range(256):
        data = bytes([byte]) * 2
        assert (not data or data.isspace()) == (not data.strip())


@given(st.text(alphabet="ae\u0301\u0323\u00a0\u200b\u200c\u200d\u2060\ufeff\t\n x", max_size=40))
def test_normalise_text_without_nfc_on_nfc_text(raw: str) -> None:
    import unicodedata

    nfc = unicodedata.normalize("NFC", raw)
    assert normalise_text(nfc, nfc=False) == normalise_text(nfc) == normalise_text(raw)


# -- values and files -------------------------------------------------------------------------------


@given(st.sampled_from(["", "0", "1", "02", "3", "１", "²", " 1", "Có", "có ", "Không"]), st.booleans())
def test_coded_cache_equals_parse_value(raw: str, yesno: bool) -> None:
    kind = ValueKind.YESNO if yesno else ValueKind.CODED
    legend = {1: "Có", 0: "Không"}
    assert parse_cell(raw, kind, legend) == parse_value(raw, kind, legend)


def test_read_bytes_when_stat_cannot_tell_the_size() -> None:
    proc = Path("/proc/self/cmdline")  # stat says 0 bytes
    if not proc.exists():
        pytest.skip("no /proc")
    assert read_bytes(proc) == proc.read_bytes()
    assert read_bytes(proc, max_bytes=3) == proc.read_bytes()[:4]  # the limit and one byte, as before


@pytest.mark.parametrize("size", [0, 1, 8191, 8192, 8193, 100_000])
def test_read_bytes_reads_the_whole_file(tmp_path: Path, size: int) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    assert read_bytes(path) == path.read_bytes()
    with pytest.raises(CchcError) as caught:
        read_bytes(tmp_path)
    assert caught.value.code == "file-unreadable"
