"""The `cchc` command as a user runs it: outputs, exit codes, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from cchc_rules.cli.main import main

from golden import assert_golden
from helpers import CORRECTED, REPO, SAMPLE

SAMPLE_REL = "examples/phu-luc-2-thanh-tra-tinh-2021.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def test_parse_prints_141_entries_golden(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", SAMPLE_REL, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert len(data["entries"]) == 141
    assert data["entries"][0]["id"] == "1" and data["entries"][-1]["id"] == "7.7.c"
    by_id = {e["id"]: e for e in data["entries"]}
    assert by_id["1.3"]["note"].endswith("Thông báo số 958/TB-TTT ngày 24/11/2021 của Thanh tra tỉnh.")
    assert "tham dự 11 vụ đối thoại" in by_id["1.7"]["note"]
    assert "QĐ số 2493/QĐ-UBND ngày 27/8/2021" in by_id["3.1.a"]["note"]
    assert by_id["5.4"]["name"].endswith("(cả về Đảng và chính quyền)")
    assert by_id["7.2"]["unit"] == "Chưa có = 0 2 cấp = 1 3 cấp = 2"
    assert by_id["7.3"]["note"].startswith("Mục 7.3: - Đang thực hiện báo cáo kiểm soát TTHC")
    assert by_id["7.6.3.a"]["raw"] == "93,69%" and by_id["7.6.3.a"]["value"]["number"] == 93.69
    assert_golden("sample.parse.json", out)


def test_parse_text_shows_printed_and_parsed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", SAMPLE_REL)
    assert code == 0
    assert "1.2\t15\t'03'\tnumber:3 [zero_padded]" in out
    assert "7.6.1.a\t168\t'1'\tnumber:1 [ambiguous_rate]" in out
    assert_golden("sample.parse.txt", out)


def test_check_console_golden_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", SAMPLE_REL, "--color", "never")
    assert code == 1
    assert "CCHC-SUM-3.2" in out and "Giá trị đúng: 25" in out
    assert out.strip().splitlines()[-1].startswith("Thanh tra tỉnh · 2021")
    assert_golden("sample.console.txt", out)


def test_check_json_matches_its_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", SAMPLE_REL, "--format", "json", "--lang", "en")
    assert code == 1
    document = json.loads(out)
    _, schema_out, _ = run(capsys, "schema", "findings")
    jsonschema.validate(document, json.loads(schema_out))
    [report] = document["reports"]
    assert report["summary"] == {"error": 3, "warning": 9, "info": 6}
    assert report["outcomes"]["CCHC-SUM-3.2"]["status"] == "fail"


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 1), ("never", 0), ("warning", 1)])
def test_fail_on(capsys: pytest.CaptureFixture[str], fail_on: str, expected: int) -> None:
    assert run(capsys, "check", SAMPLE_REL, "--fail-on", fail_on, "--format", "json")[0] == expected


def test_consistent_report_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", str(CORRECTED), "--fail-on", "info")[0] == 0


BAD_INPUTS = {
    "empty.txt": b"",
    "noise.txt": bytes(range(256)) * 20,
    "unknown.bin": b"\x00\x01garbage\x02" * 50,
    "truncated.xlsx": b"PK\x03\x04" + b"\x00" * 30,
    "words.txt": "Xin chào, đây không phải báo cáo.\n".encode(),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_unusable_input_is_one_line_and_exit_2(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_INPUTS[name])
    code, _, err = run(capsys, "check", str(path))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("lỗi/error [") and " | " in err


def test_missing_file_and_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "nope.txt")
    assert code == 2 and "nope.txt" in err
    with pytest.raises(SystemExit) as caught:
        main(["check", SAMPLE_REL, "--fail-on", "sometimes"])
    assert caught.value.code == 2
    assert "Sai cách dùng" in capsys.readouterr().err
    code, _, err = run(capsys, "check", SAMPLE_REL, "--period", "2021-Q4")
    assert code == 2 and "invalid-period" in err


def test_output_is_written_and_never_over_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "report.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "out.json"
    assert run(capsys, "check", str(copy), "--format", "json", "--output", str(out))[0] == 1
    assert json.loads(out.read_text(encoding="utf-8"))["reports"][0]["summary"]["error"] == 3
    code, _, err = run(capsys, "check", str(copy), "--format", "json", "--output", str(copy))
    assert code == 2 and "output-is-input" in err
    assert copy.read_bytes() == SAMPLE.read_bytes()


def test_rules_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--format", "json")
    rules = json.loads(out)
    assert code == 0 and {r["id"] for r in rules} >= {"CCHC-SUM-3.2", "CCHC-RATE-EXCL-7.6.3"}
    code, out, _ = run(capsys, "explain", "CCHC-SUM-3.2", "--lang", "en")
    assert code == 0 and "partition" in out and "so 3.2 should be 25" in out
    code, _, err = run(capsys, "explain", "CCHC-NOPE")
    assert code == 2 and "CCHC-NOPE" in err


def test_overrides_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", SAMPLE_REL, "--format", "json", "--agency", "UBND huyện A", "--period", "2022-H1")
    report = json.loads(out)["reports"][0]
    assert (report["agency"], report["agency_kind"], report["period"]) == (
        "UBND huyện A",
        "ubnd-huyen",
        "2022-H1",
    )


def test_installed_console_script_runs() -> None:
    exe = Path(sys.executable).parent / "cchc"
    if not exe.exists():
        pytest.skip("cchc is not installed in this environment")
    proc = subprocess.run([str(exe), "check", SAMPLE_REL, "--format", "json"], capture_output=True, cwd=REPO)
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
