"""The same input gives byte-identical output in every format, and SOURCE_DATE_EPOCH
sets the only time stamps there are (those the xlsx and docx formats require)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from cchc_rules.cli.main import main

from helpers import REPO

SAMPLE_REL = "examples/phu-luc-2-thanh-tra-tinh-2021.txt"
FORMATS = ["console", "json", "sarif", "junit", "github", "html", "xlsx"]


def outputs(tmp_path: Path, name: str) -> dict[str, bytes]:
    folder = tmp_path / name
    folder.mkdir()
    args = ["check", SAMPLE_REL, "--color", "never"]
    for fmt in FORMATS:
        args += ["--format", f"{fmt}={folder / fmt}"]
    assert main(args) == 1
    return {fmt: (folder / fmt).read_bytes() for fmt in FORMATS}


def test_two_runs_are_byte_identical_in_every_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = outputs(tmp_path, "one"), outputs(tmp_path, "two")
    for fmt in FORMATS:
        assert first[fmt] == second[fmt], fmt
        assert first[fmt], fmt


def test_source_date_epoch_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    out = tmp_path / "out.xlsx"
    assert main(["check", SAMPLE_REL, "--format", f"xlsx={out}"]) == 1
    with zipfile.ZipFile(out) as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {(2023, 11, 14)}
        assert b"2023-11-14T22:13:20Z" in archive.read("docProps/core.xml")
    form = tmp_path / "form.docx"
    assert main(["template", "--format", "docx", "--output", str(form)]) == 0
    with zipfile.ZipFile(form) as archive:
        assert {info.date_time[:3] for info in archive.infolist()} == {(2023, 11, 14)}
