"""The cache of the shipped YAML files' data (cchc_rules/yamlcache.py): used only for the
same text under the same versions, never an error when it cannot be read or written, and
what it gives back is what PyYAML gives."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import cchc_rules
from cchc_rules import yamlcache
from cchc_rules.catalogue import bundled_files, from_data, load_file
from cchc_rules.ruleset import bundled_ruleset_files, load_ruleset, parse_ruleset
from cchc_rules.yamlsource import load_shipped, load_text

TEXT = "template:\n  valid_from: 2019-01-01\nitems: [1, 2.5, true, null, x]\n"
SOURCE = "/somewhere/catalog/example.yaml"


@pytest.fixture(autouse=True)
def cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_data_comes_back_equal_with_its_dates() -> None:
    data: dict[str, Any] = {
        "day": date(2019, 1, 1),
        "moment": datetime(2021, 3, 4, 5, 6, 7, 890, tzinfo=timezone(timedelta(hours=7))),
        "rows": [{"id": "1.1", "on": [date(2020, 2, 29)]}, None, 1.5, False],
        "keys": {"x": b"bytes", 3: "int key"},
    }
    yamlcache.put(SOURCE, TEXT, data)
    back = yamlcache.get(SOURCE, TEXT)
    assert back == data and type(back["day"]) is date and type(back["moment"]) is datetime
    assert back is not data and back["rows"][0]["on"][0] == date(2020, 2, 29)


def test_a_whole_document_that_is_one_date() -> None:
    yamlcache.put(SOURCE, "2019-01-01\n", date(2019, 1, 1))
    assert yamlcache.get(SOURCE, "2019-01-01\n") == date(2019, 1, 1)


def test_other_text_or_another_version_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    yamlcache.put(SOURCE, TEXT, {"a": 1})
    assert yamlcache.get(SOURCE, TEXT + "# edited\n") is yamlcache.MISSING
    monkeypatch.setattr(cchc_rules, "__version__", "99.0")
    assert yamlcache.get(SOURCE, TEXT) is yamlcache.MISSING


def test_what_marshal_cannot_keep_exactly_is_not_cached() -> None:
    yamlcache.put(SOURCE, TEXT, {"nan": float("nan")})
    yamlcache.put("/other.yaml", TEXT, {date(2019, 1, 1): "a date as a key"})
    assert yamlcache.get(SOURCE, TEXT) is yamlcache.MISSING
    assert yamlcache.get("/other.yaml", TEXT) is yamlcache.MISSING


def test_a_broken_entry_is_parsed_again(cache_home: Path) -> None:
    assert load_shipped(TEXT, SOURCE) == load_text(TEXT)
    [entry] = list(cache_home.rglob("*.marshal"))
    entry.write_bytes(entry.read_bytes()[:40])
    assert yamlcache.get(SOURCE, TEXT) is yamlcache.MISSING
    assert load_shipped(TEXT, SOURCE) == load_text(TEXT)
    assert yamlcache.get(SOURCE, TEXT) == load_text(TEXT)  # and written again


def test_an_unwritable_cache_is_skipped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert load_shipped(TEXT, SOURCE) == load_text(TEXT)
    assert yamlcache.get(SOURCE, TEXT) is yamlcache.MISSING
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_relative_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = yamlcache.folder()
    assert folder is not None and folder.is_relative_to(tmp_path / ".cache" / "cchc-rules")


@pytest.mark.parametrize("path", bundled_files(), ids=lambda p: p.name)
def test_the_shipped_catalogue_is_the_same_from_the_cache(path: Path) -> None:
    parsed = from_data(load_text(path.read_text(encoding="utf-8")), str(path))
    assert load_file(path, validate=False) == parsed  # parsed, then kept
    assert yamlcache.get(str(path), path.read_text(encoding="utf-8")) is not yamlcache.MISSING
    assert load_file(path, validate=False) == parsed  # read back


@pytest.mark.parametrize("path", bundled_ruleset_files(), ids=lambda p: p.name)
def test_the_shipped_rulesets_are_the_same_from_the_cache(path: Path) -> None:
    parsed = parse_ruleset(load_text(path.read_text(encoding="utf-8")), str(path))
    assert load_ruleset(path, validate=False) == parsed
    assert load_ruleset(path, validate=False) == parsed
