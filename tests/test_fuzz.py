"""Fuzzing every reader and the value parser: raw bytes, and reports generated from the
template's grammar then perturbed. Nothing may escape but a CchcError (a one-line error
with exit code 2). The number of examples comes from the hypothesis profile in conftest
(2,000 per test in CI)."""

from __future__ import annotations

import csv
import io
import json
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_rules.catalogue import default_catalogue
from cchc_rules.errors import CchcError
from cchc_rules.loading import choose_reader, parse_bytes
from cchc_rules.model import ValueKind
from cchc_rules.values import parse_value

from helpers import SAMPLE

CATALOGUE = default_catalogue()
IDS = list(CATALOGUE.indicators)
VALUE = st.one_of(
    st.sampled_from(["", "0", "03", "76", "1.712", "1.500.000", "93,69%", "100 %", "93.69%", "1", "05/05", "Có",
                     "Có thực hiện", "-3", "１２", "1e5", "∞", "NaN", "0x1F"]),
    st.text(max_size=30),
)  # fmt: skip
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


@st.composite
def table_rows(draw: st.DrawFn) -> list[list[str]]:
    """The template's grammar: title lines, the two headers, then indicator rows, perturbed."""
    rows: list[list[str]] = [
        ["Phụ lục 2"],
        [draw(st.sampled_from(["(Kèm theo Báo cáo số 1/BC-X ngày 1/1/2021 của Sở Y tế)", "", draw(TEXT)]))],
    ]
    rows += [
        ["STT", "Chỉ tiêu thống kê", "Kết quả thống kê", "", "Đơn vị thực hiện"],
        ["", "", "Đơn vị tính", "Số liệu", ""],
    ]
    for ident in draw(st.lists(st.sampled_from(IDS), max_size=40)):
        ind = CATALOGUE.indicators[ident]
        stt = draw(st.sampled_from([ind.stt, "", draw(TEXT)]))
        name = ind.name if ind.stt else f"- {ind.name}"
        rows.append([stt, draw(st.sampled_from([name, draw(TEXT)])), ind.unit, draw(VALUE), draw(TEXT)])
        if draw(st.booleans()) and draw(st.booleans()):
            rows.append(rows[2])  # a page break's repeated header
    return rows


def read(data: bytes, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"fuzz{suffix}"
    try:  # without read_report's last-resort guard, so that a reader's own bug shows here
        parse_bytes(data, path, choose_reader(path, data[:4096]))
    except CchcError as err:
        assert err.exit_code == 2
        assert "\n" not in err.one_line()


def as_text(rows: list[list[str]]) -> bytes:
    return "\n".join("\t".join(r) for r in rows).encode("utf-8")


def as_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def as_json(rows: list[list[str]]) -> bytes:
    entries = [{"id": r[0].rstrip(".") or "x", "raw": r[3] if len(r) > 3 else "", "note": r[-1]} for r in rows[4:]]
    return json.dumps({"meta": {"agency": rows[1][0]}, "entries": entries}, ensure_ascii=False).encode()


@pytest.mark.parametrize(("suffix", "encode"), [(".txt", as_text), (".csv", as_csv), (".json", as_json)])
@given(rows=table_rows())
def test_structured_reports_never_crash_a_reader(
    suffix: str, encode: object, rows: list[list[str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    assert callable(encode)
    read(encode(rows), suffix, tmp_path_factory.mktemp("s"))


@pytest.mark.parametrize("suffix", [".txt", ".csv", ".json", ".yaml", ".docx", ".xlsx", ".bin"])
@given(data=st.binary(max_size=2048))
def test_raw_bytes_never_crash_a_reader(suffix: str, data: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    read(data, suffix, tmp_path_factory.mktemp("b"))


def _valid_package(suffix: str) -> bytes:
    from cchc_rules.forms import docx, xlsx

    render = xlsx.render if suffix == ".xlsx" else docx.render
    return render(CATALOGUE, "Sở Y tế", None)


PACKAGES = {suffix: _valid_package(suffix) for suffix in (".xlsx", ".docx")}


@pytest.mark.parametrize("suffix", sorted(PACKAGES))
@given(seed=st.integers(0, 2**32 - 1), flips=st.integers(1, 8), cut=st.booleans())
def test_mutated_office_files_never_crash(
    suffix: str, seed: int, flips: int, cut: bool, tmp_path_factory: pytest.TempPathFactory
) -> None:
    data = bytearray(PACKAGES[suffix])
    rng = random.Random(seed)
    for _ in range(flips):
        data[rng.randrange(len(data))] = rng.randrange(256)
    if cut:
        data = data[: rng.randrange(len(data))]
    read(bytes(data), suffix, tmp_path_factory.mktemp("m"))


@given(member=st.binary(max_size=4096))
def test_office_file_with_a_fuzzed_document_part(member: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(PACKAGES[".xlsx"])) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, member if info.filename.endswith("sheet1.xml") else source.read(info))
    read(buffer.getvalue(), ".xlsx", tmp_path_factory.mktemp("p"))


@given(raw=st.text(max_size=80), kind=st.sampled_from([None, *ValueKind]))
def test_value_parser_never_raises(raw: str, kind: ValueKind | None) -> None:
    value = parse_value(raw, kind, {0: "Không", 1: "Có"})
    assert value.kind is kind


def test_the_sample_still_reads(tmp_path: Path) -> None:
    read(SAMPLE.read_bytes(), ".txt", tmp_path)
