"""The CI gate: configuration found upward with its precedence, baselines that accept
old findings, and suppressions with a reason."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cchc_rules.cli.main import main
from cchc_rules.config import load
from cchc_rules.errors import CchcError

from helpers import SAMPLE


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "reports").mkdir()
    shutil.copy(SAMPLE, tmp_path / "reports" / "ttt-2021.txt")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def summary(out: str) -> dict[str, int]:
    summary: dict[str, int] = json.loads(out)["reports"][0]["summary"]
    return summary


def test_config_is_found_upward_from_the_checked_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "pyproject.toml").write_text('[tool.cchc]\nignore = ["CCHC-TYPE-GROUP"]\nlang = "en"\n', encoding="utf-8")
    code, out, _ = run(capsys, "check", str(repo / "reports" / "ttt-2021.txt"), "--format", "json")
    assert code == 1
    document = json.loads(out)
    assert document["lang"] == "en" and summary(out)["info"] == 0


def test_precedence_defaults_file_explicit_flags(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "cchc.toml").write_text('fail-on = "never"\nlang = "en"\n', encoding="utf-8")
    explicit = repo / "ci.toml"
    explicit.write_text('fail-on = "warning"\n', encoding="utf-8")
    report = str(repo / "reports" / "ttt-2021.txt")
    config = load([report])
    assert (config.fail_on, config.lang) == ("never", "en")
    config = load([report], str(explicit))
    assert (config.fail_on, config.lang) == ("warning", "en")
    config = load([report], str(explicit), {"fail_on": "error", "lang": None})
    assert (config.fail_on, config.lang) == ("error", "en")
    assert load([str(SAMPLE)]).fail_on == "error"  # defaults, no file above the sample
    assert run(capsys, "check", report, "--format", "json")[0] == 0  # the file says never


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('fail_on = "sometimes"', "fail-on"),
        ("colour = 1", "colour"),
        ('severity = {"CCHC-SUM-3.2" = "fatal"}', "severity"),
    ],
)
def test_invalid_config_names_the_key(repo: Path, text: str, key: str, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "cchc.toml").write_text(text.replace("fail_on", "fail-on") + "\n", encoding="utf-8")
    code, _, err = run(capsys, "check", str(repo / "reports" / "ttt-2021.txt"))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert f"key {key}" in err and "invalid-config" in err


def test_severity_override_and_select(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "cchc.toml").write_text(
        'select = ["CCHC-SUM", "CCHC-RATE-EXCL"]\n[severity]\n"CCHC-RATE-EXCL-7.6.3" = "info"\n', encoding="utf-8"
    )
    code, out, _ = run(capsys, "check", str(repo / "reports" / "ttt-2021.txt"), "--format", "json")
    assert code == 1 and summary(out) == {"error": 1, "warning": 0, "info": 1}
    code, out, _ = run(
        capsys, "check", str(repo / "reports" / "ttt-2021.txt"), "--format", "json", "--severity", "CCHC-SUM-3.2=info"
    )
    assert code == 0 and summary(out) == {"error": 0, "warning": 0, "info": 2}


def test_baseline_reports_only_new_findings(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = repo / "reports" / "ttt-2021.txt"
    baseline = repo / "cchc-baseline.json"
    assert run(capsys, "check", str(report), "--write-baseline", str(baseline), "--format", "json")[0] == 0
    records = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert any(r["rule_id"] == "CCHC-SUM-3.2" and r["source"] == "thanh tra tỉnh|2021" for r in records)
    assert all("line" not in json.dumps(r) for r in records)
    code, out, err = run(capsys, "check", str(report), "--baseline", str(baseline), "--format", "json")
    assert code == 0 and summary(out) == {"error": 0, "warning": 0, "info": 0} and "baseline" in err
    # A new mistake, and lines shifted above the old ones: only the new one is reported.
    lines = report.read_text(encoding="utf-8").split("\n")
    lines.insert(10, "")
    lines[14] = lines[14].replace("\t76\t", "\t80\t")  # 1.1.b done 80 > planned 76
    report.write_text("\n".join(lines), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(report), "--baseline", str(baseline), "--format", "json")
    findings = json.loads(out)["reports"][0]["findings"]
    assert code == 1 and [f["rule_id"] for f in findings] == ["CCHC-CMP-1.1"]


def test_baseline_in_the_config_and_broken_baseline(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = str(repo / "reports" / "ttt-2021.txt")
    run(capsys, "check", report, "--write-baseline", str(repo / "accepted.json"))
    (repo / "cchc.toml").write_text('baseline = "accepted.json"\n', encoding="utf-8")
    assert run(capsys, "check", report)[0] == 0
    (repo / "accepted.json").write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "check", report)
    assert code == 2 and "invalid-baseline" in err


def test_single_finding_suppressed_with_a_reason(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "cchc.toml").write_text(
        '[[suppress]]\nrule = "CCHC-TYPE-TEXT"\nindicator = "7.6.4.a"\nsource = "ttt-*.txt"\n'
        'reason = "Sở TT&TT xác nhận đơn vị dùng thư công vụ của tỉnh"\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", str(repo / "reports" / "ttt-2021.txt"), "--format", "json")
    rules = {f["rule_id"] for f in json.loads(out)["reports"][0]["findings"]}
    assert "CCHC-TYPE-TEXT" not in rules and "CCHC-SUM-3.2" in rules and code == 1
    (repo / "cchc.toml").write_text('[[suppress]]\nrule = "CCHC-TYPE-TEXT"\n', encoding="utf-8")
    with pytest.raises(CchcError, match=r"suppress\.0\.reason"):
        load([str(repo / "reports" / "ttt-2021.txt")])


@pytest.mark.parametrize(
    ("flag", "code"),
    [
        ("CCHC-SUM-3.2=fatal", "invalid-config"),
        ("CCHC-SUM-3.2", "usage"),
        ("CCHC-SUM-3.3=info", "unknown-rule"),
    ],
)
def test_bad_severity_flags_are_one_line_errors(flag: str, code: str, capsys: pytest.CaptureFixture[str]) -> None:
    exit_code, _, err = run(capsys, "check", str(SAMPLE), "--severity", flag)
    assert exit_code == 2 and f"[{code}]" in err and len(err.strip().splitlines()) == 1


def test_outputs_follow_the_umask(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    old = os.umask(0o022)
    try:
        run(capsys, "check", str(SAMPLE), "--format", f"json={tmp_path / 'r.json'}")
    finally:
        os.umask(old)
    assert (tmp_path / "r.json").stat().st_mode & 0o777 == 0o644


def test_a_json_report_is_located_at_itself(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "parse", str(SAMPLE), "--format", "json")
    copy = tmp_path / "r.json"
    copy.write_text(out, encoding="utf-8")
    _, out, _ = run(capsys, "check", str(copy), "--format", "json")
    report = json.loads(out)["reports"][0]
    assert report["source"] == str(copy)
    assert {f["location"].get("file") for f in report["findings"]} == {str(copy)}
