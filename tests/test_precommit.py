"""The pre-commit hook, run by the real `pre-commit` tool on a temporary repository
holding two reports: it fails on a new error, passes after the fix, and with a baseline
old findings do not fail the gate. The action definition is checked for shape."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import CORRECTED, REPO, SAMPLE

pytestmark = pytest.mark.slow


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def hook(cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip


@pytest.fixture
def team_repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    if not (REPO / ".git").exists():
        pytest.skip("the project is not a git checkout")
    if git(REPO, "status", "--porcelain", ".pre-commit-hooks.yaml", "pyproject.toml", "cchc_rules"):
        pytest.skip("uncommitted changes to the hook or package: pre-commit installs the committed revision")
    rev = git(REPO, "rev-parse", "HEAD")
    repo = tmp_path / "team"
    (repo / "bao-cao").mkdir(parents=True)
    shutil.copy(CORRECTED, repo / "bao-cao" / "thanh-tra-tinh.txt")
    other = (
        CORRECTED.read_text(encoding="utf-8")
        .replace("Thanh tra tỉnh", "Sở Tư pháp")
        .replace("THANH TRA TỈNH", "SỞ TƯ PHÁP")
    )
    (repo / "bao-cao" / "so-tu-phap.txt").write_text(other, encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": str(REPO), "rev": rev, "hooks": [{"id": "cchc-check"}]}]}),
        encoding="utf-8",
    )
    git(repo, "init", "-q")
    git(repo, "-c", "user.email=t@example.org", "-c", "user.name=t", "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path.parent / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    return repo, env


def test_hook_fails_on_a_new_error_and_passes_after_the_fix(team_repo: tuple[Path, dict[str, str]]) -> None:
    repo, env = team_repo
    first = hook(repo, env)
    assert first.returncode == 0, first.stdout + first.stderr
    report = repo / "bao-cao" / "so-tu-phap.txt"
    good = report.read_text(encoding="utf-8")
    report.write_text(
        good.replace("\t- Số TTHC cấp tỉnh\tThủ tục\t09\t", "\t- Số TTHC cấp tỉnh\tThủ tục\t10\t"), "utf-8"
    )
    broken = hook(repo, env)
    assert broken.returncode == 1 and "CCHC-SUM-3.2" in broken.stdout
    report.write_text(good, encoding="utf-8")
    assert hook(repo, env).returncode == 0


def test_with_a_baseline_old_findings_do_not_fail_the_gate(team_repo: tuple[Path, dict[str, str]]) -> None:
    repo, env = team_repo
    shutil.copy(SAMPLE, repo / "bao-cao" / "thanh-tra-tinh.txt")  # the real report, with its old mistakes
    assert hook(repo, env).returncode == 1
    cchc = Path(sys.executable).parent / "cchc"
    subprocess.run(
        [str(cchc), "check", "bao-cao/thanh-tra-tinh.txt", "--write-baseline", "cchc-baseline.json"],
        cwd=repo, check=True, capture_output=True,
    )  # fmt: skip
    (repo / "cchc.toml").write_text('baseline = "cchc-baseline.json"\n', encoding="utf-8")
    accepted = hook(repo, env)
    assert accepted.returncode == 0, accepted.stdout
    report = repo / "bao-cao" / "thanh-tra-tinh.txt"
    report.write_text(report.read_text(encoding="utf-8").replace("\t76\t\n\t- Số nhiệm vụ đã hoàn thành\tNhiệm vụ\t76",
                                                                 "\t76\t\n\t- Số nhiệm vụ đã hoàn thành\tNhiệm vụ\t80"),
                      encoding="utf-8")  # fmt: skip
    new = hook(repo, env)
    assert new.returncode == 1 and "CCHC-CMP-1.1" in new.stdout and "CCHC-SUM-3.2" not in new.stdout


def test_action_definition_runs_check_uploads_sarif_and_annotates() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    steps = action["runs"]["steps"]
    assert action["runs"]["using"] == "composite"
    script = "\n".join(s.get("run", "") for s in steps)
    assert "cchc check" in script and "--format github" in script and "--format sarif=" in script
    assert any(str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif") for s in steps)
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "cchc-check" and hooks[0]["entry"] == "cchc check"
