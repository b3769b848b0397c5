"""A fast cold start of `cchc check` (issue #10): what a text-input check imports, and the
pieces that keep it cheap (the parser built for one command, settings without pydantic,
entry points without importlib.metadata, the shipped plugins' indicators validated here
rather than on every run). Nothing here is timed. The YAML cache: test_startup_cache.py."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from importlib.machinery import PathFinder
from pathlib import Path
from typing import Any

import pytest

from cchc_rules.catalogue import default_catalogue
from cchc_rules.checker import Checker
from cchc_rules.cli.main import COMMANDS, REGISTERED_BY, build_parser
from cchc_rules.config import Config, Suppression, _from_schema, _plain, load, may_have_section
from cchc_rules.configschema import ConfigSchema
from cchc_rules.errors import CchcError
from cchc_rules.plugins import ENTRY_POINT_GROUP
from cchc_rules.plugins.entrypoints import may_offer
from cchc_rules.plugins.host import PluginHost
from cchc_rules.validation import validate_extension

from helpers import CORRECTED, REPO, SAMPLE

# Never on the path of a text-input check; pydantic, PyYAML, importlib.metadata and tomllib
# neither, once the YAML cache is warm, without a configuration file (a pyproject.toml without
# [tool.cchc], as this repository's) and without third-party plugins.
HEAVY = ("jsonschema", "jinja2", "openpyxl", "docx", "scipy")
AVOIDABLE = ("pydantic", "yaml", "tomllib", "importlib.metadata")

CHECK = """
import contextlib, io, json, sys
from cchc_rules.cli.main import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(["check", *sys.argv[1:]])
names = set(sys.modules)
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(names)}))
"""


def check_process(cache: Path, *argv: str) -> dict[str, Any]:
    """One `cchc check` in a fresh interpreter: its exit code, its output and the modules it loaded."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run([sys.executable, "-c", CHECK, *argv], capture_output=True, text=True, env=env, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def loaded(run: dict[str, Any], names: tuple[str, ...]) -> list[str]:
    return [n for n in names if any(m == n or m.startswith(n + ".") for m in run["modules"])]


def test_a_text_check_imports_only_what_it_needs(tmp_path: Path) -> None:
    first = check_process(tmp_path, str(SAMPLE))  # an empty cache: the shipped YAML is parsed
    again = check_process(tmp_path, str(SAMPLE))  # and read back from the cache
    assert first["code"] == again["code"] == 1
    assert first["out"] == again["out"] and "3 lỗi, 9 cảnh báo, 6 thông tin" in again["out"]
    assert loaded(first, HEAVY) == [] and loaded(again, HEAVY) == []
    avoidable = AVOIDABLE if not may_offer(ENTRY_POINT_GROUP) else AVOIDABLE[:3]
    assert loaded(again, avoidable) == []
    assert "cchc_rules.fixes" in again["modules"]  # the sample has errors with suggested fixes
    assert loaded(again, ("rich",)) == []  # no colour to show (stdout is not a terminal): plain text


def test_colour_goes_through_rich_and_says_the_same(tmp_path: Path) -> None:
    plain = check_process(tmp_path, str(SAMPLE))
    coloured = check_process(tmp_path, str(SAMPLE), "--color", "always")
    assert loaded(coloured, ("rich",)) == ["rich"] and "\x1b[" in coloured["out"]
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured["out"]) == plain["out"]


def test_a_clean_report_needs_no_fixes_and_a_plugin_catalogue_no_jsonschema(tmp_path: Path) -> None:
    clean = check_process(tmp_path, str(CORRECTED))
    assert clean["code"] == 0 and "cchc_rules.fixes" not in clean["modules"]
    extended = check_process(tmp_path, str(SAMPLE), "--agency", "Sở Thông tin và Truyền thông")
    assert "cchc_rules_plugin_so_tttt" in extended["modules"] and loaded(extended, HEAVY) == []


# -- the parser: one command's subparser only, with the same help and errors ---------------


def _outcome(parser: Any, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[Any, str, str]:
    try:
        parser.parse_args(argv)
        code = None
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", [*COMMANDS, *REGISTERED_BY])
def test_the_parser_of_one_command_says_what_the_whole_parser_says(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in ([command, "--help"], [command], [command, "--no-such-flag"]):
        whole = _outcome(build_parser(), argv, capsys)
        alone = _outcome(build_parser(command), argv, capsys)
        assert alone == whole, argv


# -- settings: pydantic only where there is something to validate -------------------------


FLAGS = [
    {},
    {"fail_on": "warning", "lang": "en", "select": ["CCHC-SUM"], "ignore": ["CCHC-TYPE"]},
    {"severity": {"CCHC-SUM-3.2": "info"}, "max_input_size": 5, "standard": False, "agency_kind": "so-nganh"},
    {"rulesets": ["a.yaml"], "plugins": ["x"], "no_plugins": ["y"], "plugins_dir": ["d"], "baseline": "b.json"},
]


@pytest.mark.parametrize("flags", FLAGS)
def test_valid_flags_give_the_settings_the_schema_gives(flags: dict[str, Any]) -> None:
    assert _plain(flags) == _from_schema(ConfigSchema.model_validate(flags))


@pytest.mark.parametrize(
    "flags",
    [{"severity": {"CCHC-SUM-3.2": "fatal"}}, {"max_input_size": 0}, {"max_input_size": 2000}, {"colour": 1}],
)
def test_other_values_are_left_to_the_schema_and_its_error(flags: dict[str, Any]) -> None:
    assert _plain(flags) is None
    with pytest.raises(CchcError) as caught:
        load([str(SAMPLE)], None, flags)
    assert caught.value.code == "invalid-config" and "(command line)" in caught.value.one_line()


def test_config_tables_validate_as_before(tmp_path: Path) -> None:
    table = {"fail-on": "warning", "suppress": [{"rule": "CCHC-SUM-3.2", "reason": "accepted by the team"}]}
    config = Config.model_validate(table)
    accepted = Suppression("CCHC-SUM-3.2", reason="accepted by the team")
    assert config.fail_on == "warning" and config.suppress == [accepted]
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Config.model_validate({"colour": 1})
    (tmp_path / "cchc.toml").write_text('lang = "en"\nmax-input-size = 3\n', encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    config = load([str(report)], None, {"fail_on": "never"})
    assert (config.lang, config.max_input_size, config.fail_on) == ("en", 3, "never")
    assert config.source == str(tmp_path / "cchc.toml")


# -- pyproject.toml: tomllib only where a [tool.cchc] table may be -----------------------

WITH_TABLE = [
    '[tool.cchc]\nlang = "en"\n',
    '[tool.cchc.severity]\n"CCHC-SUM-3.2" = "info"\n',
    '[ tool . "cchc" ]\nlang = "en"\n',
    "['tool'.cchc]\nlang = 'en'\n",
    'tool.cchc.lang = "en"\n[project]\nname = "x"\n',
    '"tool" . \'cchc\' . lang = "en"\n',
    '[tool]\ncchc = { lang = "en" }\n',
    '[tool]\ncchc.lang = "en"\n',
    '[ "tool" ]\n"cchc".lang = "en"\n',
    'tool = { cchc = { lang = "en" } }\n',
    '[tool."c\\u0063hc"]\nlang = "en"\n',
    '["\\u0074ool".cchc]\nlang = "en"\n',
]
WITHOUT_TABLE = [
    "",
    '[project]\nname = "cchc-rules"\ndependencies = ["cchc-rules>=0.1"]\n',
    '[project.scripts]\ncchc = "cchc_rules.cli.main:main"\n[tool.ruff]\nline-length = 120\n',
    '[tool.ruff.lint]\nselect = ["E"]\n# cchc settings: see cchc.toml\n',
    '[tool.pytest.ini_options]\naddopts = "-q"\n[tool.mypy]\nfiles = ["cchc_rules"]\n',
]


@pytest.mark.parametrize("text", WITH_TABLE + WITHOUT_TABLE)
def test_a_pyproject_is_parsed_whenever_it_may_have_the_table(text: str) -> None:
    import tomllib

    tool = tomllib.loads(text).get("tool", {})
    has_table = isinstance(tool.get("cchc"), dict)
    assert has_table == (text in WITH_TABLE)
    assert may_have_section(text) or not has_table
    if text in WITHOUT_TABLE:
        assert not may_have_section(text)  # no tomllib for the usual pyproject.toml


def test_this_repositorys_pyproject_needs_no_tomllib() -> None:
    assert not may_have_section((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_a_pyproject_table_is_read_and_another_pyproject_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool]\ncchc.lang = "en"\n', encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "cchc-reports"\n', encoding="utf-8")
    report = inner / "report.txt"
    report.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    config = load([str(report)])
    assert config.lang == "en" and config.source == str(tmp_path / "pyproject.toml")


# -- entry points: importlib.metadata only where a package may offer a plugin --------------


@pytest.fixture
def path_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setattr(sys, "path", [str(tmp_path), str(tmp_path / "missing")])
    monkeypatch.setattr(sys, "meta_path", [PathFinder])
    return tmp_path


def _dist(root: Path, name: str, entry_points: str) -> None:
    (root / f"{name}-1.0.dist-info").mkdir()
    (root / f"{name}-1.0.dist-info" / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def test_no_package_with_the_group_means_no_metadata_scan(path_only: Path) -> None:
    _dist(path_only, "tool", "[console_scripts]\ncchc = cchc_rules.cli.main:main\n")
    (path_only / "other.egg-info").mkdir()
    assert not may_offer(ENTRY_POINT_GROUP)


@pytest.mark.parametrize("header", ["[cchc_rules]", "  [cchc_rules]  ", "[ cchc_rules ]"])
def test_a_package_with_the_group_is_found(path_only: Path, header: str) -> None:
    _dist(path_only, "cchc_example", f"{header}\nexample = cchc_example\n")
    assert may_offer(ENTRY_POINT_GROUP)


def test_what_the_scan_cannot_see_goes_to_importlib_metadata(path_only: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with zipfile.ZipFile(path_only / "bundle.zip", "w") as archive:
        archive.writestr("x.py", "")
    monkeypatch.setattr(sys, "path", [str(path_only / "bundle.zip")])
    assert may_offer(ENTRY_POINT_GROUP)

    class Finder:
        @staticmethod
        def find_distributions(*args: Any, **kwargs: Any) -> list[Any]:
            return []

    monkeypatch.setattr(sys, "path", [str(path_only)])
    monkeypatch.setattr(sys, "meta_path", [Finder, PathFinder])
    assert may_offer(ENTRY_POINT_GROUP)


def test_the_scan_agrees_with_importlib_metadata_here() -> None:
    from importlib import metadata

    assert may_offer(ENTRY_POINT_GROUP) or not list(metadata.entry_points(group=ENTRY_POINT_GROUP))


# -- the shipped plugins' indicators: validated here, not on every run ---------------------


def test_shipped_catalogue_extensions_are_valid() -> None:
    host = PluginHost(entry_points=False)
    catalogue = default_catalogue()
    shipped = [item for name, item in host.collect("cchc_catalogue_extensions", catalogue=catalogue)
               if host.trusted(name)]  # fmt: skip
    assert shipped
    validate_extension(catalogue, shipped)  # with the schema, for every item


LOCAL_EXTENSION = """
from cchc_rules.plugins import hookimpl

@hookimpl
def cchc_catalogue_extensions(catalogue):
    return [{"id": "9.9", "stt": "9.9", "name": "x", "name_en": "x", "unit": "", "kind": "no-such-kind"}]
"""


def test_a_local_plugins_indicators_are_still_validated_at_load(tmp_path: Path) -> None:
    (tmp_path / "local_extension.py").write_text(LOCAL_EXTENSION, encoding="utf-8")
    checker = Checker(host=PluginHost(plugins_dirs=[tmp_path], entry_points=False))
    with pytest.raises(CchcError) as caught:
        checker.check_file(SAMPLE)
    assert caught.value.code == "invalid-catalogue" and "kind" in caught.value.one_line()
