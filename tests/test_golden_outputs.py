"""Golden files: what `cchc check` prints for the sample report, byte for byte.

The CLI runs in-process from the repository root with the sample given by a relative
path, so the golden files hold no absolute paths and no machine-specific data.

After an intentional change to rules, messages or a format, regenerate them and review
the diff before committing:

    CCHC_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden_outputs.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cchc_rules.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
SAMPLE = "examples/phu-luc-2-thanh-tra-tinh-2021.txt"
CASES = {
    "sample.json": "json",
    "sample.sarif": "sarif",
    "sample.junit.xml": "junit",
    "sample.github.txt": "github",
}
UPDATE = os.environ.get("CCHC_UPDATE_GOLDEN") == "1"


def run_cli(fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    code = main(["check", SAMPLE, "--format", fmt, "--color", "never"])
    captured = capsys.readouterr()
    assert code == 1, captured.err  # the sample has errors: exit code 1, not a crash
    return captured.out


@pytest.mark.parametrize(("golden", "fmt"), sorted(CASES.items()))
def test_output_matches_golden_file(
    golden: str, fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run_cli(fmt, capsys, monkeypatch)
    path = GOLDEN / golden
    if UPDATE:
        path.write_bytes(out.encode("utf-8"))
        return
    assert path.exists(), f"missing {path}: run with CCHC_UPDATE_GOLDEN=1 to create it"
    expected = path.read_bytes().decode("utf-8")
    assert out == expected, f"{golden} differs: if the change is intended, rerun with CCHC_UPDATE_GOLDEN=1"


@pytest.mark.parametrize("fmt", [*sorted(CASES.values()), "html"])
def test_output_is_deterministic_and_has_no_absolute_paths(
    fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run_cli(fmt, capsys, monkeypatch)
    second = run_cli(fmt, capsys, monkeypatch)
    assert first == second
    assert str(ROOT) not in first
    assert SAMPLE in first
