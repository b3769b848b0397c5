"""Installed from a wheel (not a checkout), cchc-rules still finds its catalogue,
rulesets and bundled plugins, which the wheel carries under cchc_rules/_data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO, SAMPLE, venv_with_this_environment

pytestmark = pytest.mark.slow


def test_wheel_install_finds_its_data(tmp_path: Path) -> None:
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(REPO)],
        check=True, capture_output=True, env=env,
    )  # fmt: skip
    [wheel] = wheels.glob("*.whl")
    venv = tmp_path / "venv"
    # The dependencies come from this environment; the package itself only from the wheel.
    python, site = venv_with_this_environment(venv)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, env=env)
    run = subprocess.run(
        [str(venv / "bin" / "cchc"), "check", str(SAMPLE), "--format", "json"],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert '"CCHC-SUM-3.2"' in run.stdout and '"TTT-SNCL-4"' in run.stdout
    plugins = subprocess.run([str(venv / "bin" / "cchc"), "plugins"], capture_output=True, text=True, cwd=tmp_path)
    assert f"bundled: {site}/cchc_rules/_data/plugins/thanh_tra_tinh.py" in plugins.stdout
