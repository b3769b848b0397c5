"""What ships with cchc-rules is validated here, once, instead of on every run."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_rules.catalogue import bundled_files, load_file
from cchc_rules.plugins.host import PluginHost
from cchc_rules.ruleset import load_ruleset


@pytest.mark.parametrize("path", bundled_files(), ids=lambda p: p.name)
def test_bundled_catalogue_files_are_valid(path: Path) -> None:
    load_file(path, validate=True)


def _shipped_rulesets() -> list[Path]:
    host = PluginHost(entry_points=False)
    return [Path(p) for name, p in host.collect("cchc_rulesets") if host.trusted(name)]


@pytest.mark.parametrize("path", _shipped_rulesets(), ids=lambda p: p.name)
def test_shipped_rulesets_are_valid(path: Path) -> None:
    assert load_ruleset(path, validate=True).rules
