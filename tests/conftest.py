"""Shared fixtures: the sample report built in every input format, once per session."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


# Headless Chromium for the page tests (tests/browser.py has the watched page).
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from browser import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing in CI: install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def result() -> Any:
    """The sample checked as a user runs it: the path relative to the repository (the
    output tests pin it). A module that needs another report defines its own."""
    from cchc_rules import check

    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return check("examples/phu-luc-2-thanh-tra-tinh-2021.txt")
