"""Rulesets are validated at load: errors name the file, the line and the rule, and
hostile expressions are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc_rules.catalogue import default_catalogue
from cchc_rules.checker import Checker
from cchc_rules.engine import compile_rules
from cchc_rules.errors import CchcError
from cchc_rules.ruleset import bundled_ruleset_files, load_ruleset

HEAD = """ruleset:
  id: test
  title: {vi: "Thử", en: "Test"}
rules:
"""


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def rule(expr: str) -> str:
    return f"""  - id: TEST-EXPR-1
    kind: expression
    expr: '{expr}'
    severity: error
    message: {{vi: "x", en: "x"}}
    description: {{vi: "x", en: "x"}}
"""


def compile_file(path: Path) -> None:
    ruleset = load_ruleset(path)
    compile_rules(ruleset.rules, default_catalogue())


def test_bundled_rulesets_are_valid() -> None:
    for path in bundled_ruleset_files():
        compile_file(path)


@pytest.mark.parametrize(
    "expr",
    [
        'v("1.2").__class__',
        '__import__("os").system("echo pwned")',
        'v("1.2") ** 9 ** 9 ** 9',
        "9**9**9",
        "[x for x in range(10**9)]",
        'open("/etc/passwd")',
        "lambda: 1",
        'v("1.2").real',
        "{}.__class__.__bases__",
        "x" * 600,
    ],
)
def test_hostile_expressions_are_refused_at_load(expr: str, tmp_path: Path) -> None:
    with pytest.raises(CchcError) as caught:
        compile_file(write(tmp_path, rule(expr.replace("'", '"'))))
    assert caught.value.code == "invalid-ruleset"
    assert "TEST-EXPR-1" in caught.value.message("en")


def test_error_names_file_line_and_rule(tmp_path: Path) -> None:
    body = (
        rule('v("1.2") >= 0')
        + """  - id: TEST-SUM-1
    kind: sum
    parent: "3.2"
    severity: fatal
    message: {vi: "x", en: "x"}
    description: {vi: "x", en: "x"}
"""
    )
    path = write(tmp_path, body)
    with pytest.raises(CchcError) as caught:
        load_ruleset(path)
    message = caught.value.message("en")
    assert f"{path}:" in message and "TEST-SUM-1" in message
    line = int(message.split(f"{path}:")[1].split(":")[0])
    assert path.read_text(encoding="utf-8").split("\n")[line - 1].strip().startswith(("- id: TEST-SUM-1", "severity"))


def test_message_placeholders_cannot_reach_attributes(tmp_path: Path) -> None:
    body = """  - id: TEST-CMP-1
    kind: compare
    left: "1.1.b"
    right: "1.1.a"
    severity: error
    message: {vi: "{actual.__class__}", en: "x"}
    description: {vi: "x", en: "x"}
"""
    with pytest.raises(CchcError, match="placeholders"):
        load_ruleset(write(tmp_path, body))


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text("ruleset: !!python/object/apply:os.system ['echo pwned']\nrules: []\n", encoding="utf-8")
    with pytest.raises(CchcError) as caught:
        load_ruleset(path)
    assert caught.value.code == "invalid-ruleset"


def test_unknown_kind_and_unknown_indicator(tmp_path: Path) -> None:
    with pytest.raises(CchcError, match="unknown rule kind"):
        compile_file(write(tmp_path, rule("1").replace("kind: expression", "kind: magic")))
    with pytest.raises(CchcError, match="unknown indicators"):
        compile_file(write(tmp_path, rule('v("9.9") > 0')))


def test_select_and_ignore_by_prefix() -> None:
    ids = {s.id for s in Checker(select=["CCHC-SUM"], ignore=["CCHC-SUM-3.4"]).rule_specs()}
    assert "CCHC-SUM-3.2" in ids and "CCHC-SUM-3.4.3" not in ids and "CCHC-CMP-1.1" not in ids
    ids = {s.id for s in Checker(ignore=["CCHC-TYPE"], select=["CCHC-TYPE-TEXT"]).rule_specs()}
    assert "CCHC-TYPE-TEXT" in ids and "CCHC-TYPE-COUNT" not in ids
