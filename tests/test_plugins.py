"""Plugins: the bundled ones change the sample's findings as their docs say, a
third-party package is found through its entry point, and a failing plugin fails alone.

Each hook has a test named test_hook_<hook name>; test_every_hook_is_documented_and_tested
enforces that, and that docs/plugins.md documents every hook."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_rules import check
from cchc_rules.checker import Checker
from cchc_rules.cli.main import main
from cchc_rules.loading import Overrides
from cchc_rules.plugins import hookspecs
from cchc_rules.plugins.host import PluginHost
from cchc_rules.result import ReportResult

from helpers import REPO, SAMPLE, edited_sample, venv_with_this_environment

HOOKS = sorted(n for n, f in inspect.getmembers(hookspecs, inspect.isfunction) if n.startswith("cchc_"))


def run(path: Path, *, disable: tuple[str, ...] = (), plugins_dir: Path | None = None, **over: str) -> ReportResult:
    host = PluginHost(disable=disable, plugins_dirs=[plugins_dir] if plugins_dir else [])
    return Checker(host=host).check_file(path, Overrides(**over))


def keys(result: ReportResult) -> set[tuple[str, str]]:
    return {(f.rule_id, f.indicators[0] if f.indicators else "") for f in result.findings}


def write_plugin(directory: Path, name: str, body: str) -> Path:
    directory.mkdir(exist_ok=True)
    (directory / f"{name}.py").write_text("from cchc_rules.plugins import hookimpl\n" + body, encoding="utf-8")
    return directory


# -- bundled plugins on the sample -------------------------------------------------------


def test_thanh_tra_tinh_changes_the_sample_as_documented() -> None:
    with_plugin, without = run(SAMPLE), run(SAMPLE, disable=("thanh_tra_tinh",))
    assert "thanh_tra_tinh" in with_plugin.plugins
    assert keys(without) - keys(with_plugin) == {("CCHC-TYPE-GROUP", "5.2.2"), ("CCHC-TYPE-GROUP", "6")}
    assert keys(with_plugin) <= keys(without)
    assert {with_plugin.outcomes[r].status.value for r in ("TTT-SNCL-4", "TTT-SNCL-5", "TTT-SNCL-6")} == {"pass"}
    assert "TTT-SNCL-4" not in without.outcomes


def test_thanh_tra_tinh_does_nothing_to_another_kind_of_agency() -> None:
    as_department = run(SAMPLE, agency="Sở Y tế")
    assert as_department.report.meta.agency_kind == "so-nganh"
    assert "thanh_tra_tinh" not in as_department.plugins
    assert keys(as_department) == keys(run(SAMPLE, agency="Sở Y tế", disable=("thanh_tra_tinh",)))


def test_hook_cchc_adjust_applicability(tmp_path: Path) -> None:
    # Without its notes the sample no longer says it has no public service unit.
    path = edited_sample(tmp_path, {120: {4: ""}, 150: {4: ""}})
    without = {i for r, i in keys(run(path, disable=("thanh_tra_tinh",))) if r == "CCHC-REQ-BLANK"}
    with_plugin = {i for r, i in keys(run(path)) if r == "CCHC-REQ-BLANK"}
    assert {"5.2.2.a", "5.2.2.b", "5.4.d"} <= without
    assert not {"5.2.2.a", "5.2.2.b", "5.4.d"} & with_plugin


def test_hook_cchc_postprocess_findings() -> None:
    assert ("CCHC-TYPE-GROUP", "6") in keys(run(SAMPLE, disable=("thanh_tra_tinh",)))
    assert ("CCHC-TYPE-GROUP", "6") not in keys(run(SAMPLE))


def test_hook_cchc_rulesets(tmp_path: Path) -> None:
    path = edited_sample(tmp_path, {151: {3: "2"}})  # 6.2: two self-financing units
    assert ("TTT-SNCL-6", "6.1") in keys(run(path))


def test_so_noi_vu_requires_its_own_indicators(tmp_path: Path) -> None:
    as_home_affairs = run(SAMPLE, agency="Sở Nội vụ")
    blanks = {i for r, i in keys(as_home_affairs) if r == "CCHC-REQ-BLANK"}
    assert {"4.1.1", "4.1.2", "4.1.3", "4.1.4.a", "4.1.4.c", "5.4.a"} <= blanks
    without = run(SAMPLE, agency="Sở Nội vụ", disable=("so_noi_vu",))
    assert "4.1.1" not in {i for r, i in keys(without) if r == "CCHC-REQ-BLANK"}  # "Sở Nội vụ báo cáo"
    assert "so_noi_vu" not in run(SAMPLE).plugins


TTTT_ROWS = "7.8.\tSố hóa hồ sơ, kết quả giải quyết TTHC\t\t\t\n7.8.1.\tSố hồ sơ TTHC tiếp nhận\tHồ sơ\t1200\t\n" \
            "7.8.2.\tSố hồ sơ TTHC được số hóa\tHồ sơ\t900\t\n7.8.3.\tTỷ lệ số hóa\t%\t80%\t\n"  # fmt: skip


def test_hook_cchc_catalogue_extensions(tmp_path: Path) -> None:
    path = tmp_path / "so-tttt.txt"
    path.write_text(SAMPLE.read_text(encoding="utf-8") + "\n" + TTTT_ROWS, encoding="utf-8")
    as_tttt = run(path, agency="Sở Thông tin và Truyền thông")
    assert "so_tttt" in as_tttt.plugins
    assert all(e.known for e in as_tttt.report.entries if e.id.startswith("7.8"))
    [rate] = [f for f in as_tttt.findings if f.rule_id == "TTTT-RATE-7.8.3"]
    assert (rate.expected, rate.actual) == ("75,00%", "80%")
    as_inspectorate = run(path)
    assert {("CCHC-REQ-UNKNOWN", "7.8.1")} <= keys(as_inspectorate)


# -- hooks for readers, formats and rule kinds, in a local plugin dir -------------------

LOCAL = """
from pathlib import Path
from cchc_rules.readers import ReaderSpec
from cchc_rules.formats import FormatSpec
from cchc_rules.findings import RuleRun

NAME = "local_demo"

@hookimpl
def cchc_readers():
    return [ReaderSpec("pipe", (".pipe",), "cchc_rules_plugin_local_demo")]

NAME_ = "pipe"
EXTENSIONS = (".pipe",)

def sniff(head):
    return b"|" in head

def read_rows(data, path):
    from cchc_rules.readers.layout import make_row
    from cchc_rules.model import Location
    for n, line in enumerate(data.decode("utf-8").splitlines(), 1):
        yield make_row(line.split("|"), Location(file=path, line=n))

@hookimpl
def cchc_formats():
    return [FormatSpec("count", "cchc_rules_plugin_local_demo")]

def render(results, options):
    return "".join(f"{r.source}: {len(r.findings)}\\n" for r in results)

@hookimpl
def cchc_rule_kinds():
    def compile_always(spec, catalogue):
        return lambda ctx: RuleRun(passed=1)
    return {"always": compile_always}
"""


def test_hook_cchc_readers(tmp_path: Path) -> None:
    plugins = write_plugin(tmp_path / "plugins", "local_demo", LOCAL)
    pipe = tmp_path / "report.pipe"
    pipe.write_text(SAMPLE.read_text(encoding="utf-8").replace("\t", "|"), encoding="utf-8")
    result = run(pipe, plugins_dir=plugins)
    assert len(result.report.entries) == 141
    assert keys(result) == keys(run(SAMPLE))


def test_hook_cchc_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plugins = write_plugin(tmp_path / "plugins", "local_demo", LOCAL)
    code = main(["check", str(SAMPLE), "--plugins-dir", str(plugins), "--format", "count"])
    assert code == 1
    assert capsys.readouterr().out == f"{SAMPLE}: {len(run(SAMPLE).findings)}\n"


def test_hook_cchc_rule_kinds(tmp_path: Path) -> None:
    plugins = write_plugin(tmp_path / "plugins", "local_demo", LOCAL)
    ruleset = tmp_path / "always.yaml"
    ruleset.write_text(
        "ruleset: {id: t, title: {vi: t, en: t}}\nrules:\n  - {id: T-ALWAYS-1, kind: always, severity: info, "
        "message: {vi: x, en: x}, description: {vi: x, en: x}}\n",
        encoding="utf-8",
    )
    checker = Checker(ruleset_paths=[ruleset], host=PluginHost(plugins_dirs=[plugins]))
    assert checker.check_file(SAMPLE).outcomes["T-ALWAYS-1"].status.value == "pass"


# -- isolation ----------------------------------------------------------------------------


def test_a_plugin_that_raises_does_not_stop_the_check(tmp_path: Path) -> None:
    plugins = write_plugin(
        tmp_path / "plugins",
        "boom",
        "@hookimpl\ndef cchc_postprocess_findings(report, findings):\n    raise RuntimeError('kaboom')\n",
    )
    result = run(SAMPLE, plugins_dir=plugins)
    engine = [f for f in result.findings if f.rule_id == "CCHC-ENGINE"]
    assert len(engine) == 1 and engine[0].params["plugin"] == "boom" and "kaboom" in engine[0].params["error"]
    assert "boom" in result.message(engine[0], "en")
    assert keys(result) - {("CCHC-ENGINE", "")} == keys(run(SAMPLE))


def test_a_plugin_that_fails_to_import_or_misspells_a_hook(tmp_path: Path) -> None:
    plugins = write_plugin(tmp_path / "plugins", "broken", "import no_such_module_here\n")
    write_plugin(plugins, "typo", "@hookimpl\ndef cchc_postprocess_finding(report, findings):\n    return None\n")
    result = run(SAMPLE, plugins_dir=plugins)
    named = {f.params["plugin"]: f.params["error"] for f in result.findings if f.rule_id == "CCHC-ENGINE"}
    assert set(named) == {"broken", "typo"}
    assert "no_such_module_here" in named["broken"] and "cchc_postprocess_finding" in named["typo"]
    assert ("CCHC-SUM-3.2", "3.2") in keys(result)


def test_cli_plugins_lists_origin_and_hooks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plugins", "--format", "json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    by_name = {p["name"]: p for p in data["plugins"]}
    assert by_name["thanh_tra_tinh"]["agency_kinds"] == ["thanh-tra-tinh"]
    assert "cchc_postprocess_findings" in by_name["thanh_tra_tinh"]["hooks"]
    assert by_name["builtin"]["origin"] == "built-in"
    assert main(["check", str(SAMPLE), "--no-plugin", "nope"]) == 2


# -- a third-party package, installed into its own venv -----------------------------------


@pytest.mark.slow
def test_third_party_plugin_is_found_through_its_entry_point(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    # cchc-rules and its dependencies come from this environment, not from the network.
    python, _ = venv_with_this_environment(venv, REPO)
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
         str(REPO / "examples" / "plugin-example")],
        check=True, env=env, capture_output=True,
    )  # fmt: skip
    listed = subprocess.run([str(python), "-m", "cchc_rules", "plugins"], capture_output=True, text=True)
    assert "example" in listed.stdout and "entry point: cchc-example-plugin 0.1.0" in listed.stdout
    checked = subprocess.run(
        [str(python), "-m", "cchc_rules", "check", str(SAMPLE), "--format", "github"],
        capture_output=True,
        text=True,
    )
    assert "EXAMPLE-MAX-4.2.c" in checked.stdout, checked.stderr


# -- meta ----------------------------------------------------------------------------------


def test_every_hook_is_documented_and_tested() -> None:
    docs = (REPO / "docs" / "plugins.md").read_text(encoding="utf-8")
    tests = {n for n, _ in inspect.getmembers(sys.modules[__name__], inspect.isfunction)}
    for hook in HOOKS:
        spec = getattr(hookspecs, hook)
        assert spec.__doc__ and len(spec.__doc__.split()) > 15, f"{hook} needs a docstring"
        assert f"`{hook}" in docs, f"{hook} is not in docs/plugins.md"
        assert f"test_hook_{hook}" in tests, f"{hook} has no test_hook_{hook}"


def test_public_check_api_uses_the_bundled_plugins() -> None:
    assert "thanh_tra_tinh" in check(SAMPLE).plugins
