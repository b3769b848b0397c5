"""Shared fixtures: the sample report built in every input format, once per session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # a checkout that is not pip-installed

from make_fixtures import build_all  # noqa: E402


@pytest.fixture(scope="session")
def fixtures_dir(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Generated, not committed: they are rebuilt from the sample on every run."""
    return build_all(tmp_path_factory.mktemp("fixtures"))


# Fuzz tests run 2,000 examples per reader in CI (CI=true) and fewer on a laptop.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.register_profile("dev", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")
