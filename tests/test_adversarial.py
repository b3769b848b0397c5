"""The adversarial corpus (tests/adversarial): every broken or hostile file gets its
expected one-line error and exit code 2 within 5 s and 300 MB RSS, measured on the
real `cchc check` process."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from helpers import SAMPLE

CORPUS = Path(__file__).parent / "adversarial"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
TIME_LIMIT_S = 5.0
RSS_LIMIT_MB = 300


def _generate(name: str, folder: Path) -> Path:
    path = folder / name
    if name == "big.txt":
        with path.open("wb") as handle:
            line = SAMPLE.read_bytes()
            while handle.tell() < 50 * 1024 * 1024:
                handle.write(line)
    elif name == "million-rows.xlsx":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr(
                "xl/workbook.xml", "<workbook><sheets><sheet name='S' sheetId='1' r:id='rId1'/></sheets></workbook>"
            )
            with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
                sheet.write(b"<worksheet><sheetData>")
                for start in range(1, 1_048_577, 4096):
                    block = "".join(
                        f'<row r="{r}"><c r="A{r}" t="n"><v>{r}</v></c></row>'
                        for r in range(start, min(start + 4096, 1_048_577))
                    )
                    sheet.write(block.encode())
                sheet.write(b"</sheetData></worksheet>")
    elif name == "duplicates.txt":
        row = "\t- Số nhiệm vụ đã hoàn thành\tNhiệm vụ\t76\t\n"
        path.write_text(SAMPLE.read_text(encoding="utf-8") + "\n" + row * 10_000, encoding="utf-8")
    elif name == "long-cell.txt":
        lines = SAMPLE.read_text(encoding="utf-8").split("\n")
        lines[14] += "x" * 1_000_000
        path.write_text("\n".join(lines), encoding="utf-8")
    else:
        raise KeyError(name)
    return path


def _cases() -> list[object]:
    cases: list[object] = [pytest.param(name, code, False, id=name) for name, code in EXPECTED["files"].items()]
    cases += [pytest.param(name, code, True, id=name) for name, code in EXPECTED["generated"].items()]
    return cases


def _run_measured(args: list[str]) -> tuple[int, str, float, float]:
    """Run a process; return its exit code, stderr, wall seconds and peak RSS in MB."""
    started = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    try:
        err = proc.stderr.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        if proc.poll() is None:
            proc.kill()
    elapsed = time.monotonic() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, err, elapsed, usage.ru_maxrss / 1024


@pytest.mark.parametrize(("name", "code", "generated"), _cases())
def test_corpus_file_gets_its_error(name: str, code: str, generated: bool, tmp_path: Path) -> None:
    path = _generate(name, tmp_path) if generated else CORPUS / name
    before = path.read_bytes() if path.stat().st_size < 10_000_000 else None
    exit_code, err, elapsed, rss_mb = _run_measured([sys.executable, "-m", "cchc_rules", "check", str(path)])
    assert exit_code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith(f"lỗi/error [{code}]: ") and " | " in lines[0], lines[0]
    assert elapsed < TIME_LIMIT_S, f"{elapsed:.1f} s"
    assert rss_mb < RSS_LIMIT_MB, f"{rss_mb:.0f} MB"
    if before is not None:
        assert path.read_bytes() == before, "an input must never be modified"


def test_every_committed_corpus_file_has_an_expectation() -> None:
    present = {p.name for p in CORPUS.iterdir()} - {"expected.yaml"}
    assert present == set(EXPECTED["files"])


def test_memory_limit_is_enforceable() -> None:
    """The limits hold under an address-space cap too (a hostile file cannot balloon)."""
    cap = 1024 * 1024 * 1024

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    proc = subprocess.run(
        [sys.executable, "-m", "cchc_rules", "check", str(CORPUS / "zip-bomb.docx")],
        preexec_fn=limit, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert proc.returncode == 2 and "limit-exceeded" in proc.stderr
