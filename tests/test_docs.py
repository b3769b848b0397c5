"""Generated docs stay true: the rule reference and the error list are regenerated and
compared; the README's two commands and its API example are checked."""

from __future__ import annotations

import pytest

from cchc_rules.checker import Checker
from cchc_rules.docs import errors_reference, rule_reference

from helpers import REPO


def test_rule_reference_is_current() -> None:
    expected = rule_reference(Checker().rule_specs(), "vi")
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == expected, (
        "regenerate with: cchc rules --format markdown > docs/rules.md"
    )


def test_every_rule_in_the_reference_has_description_and_examples() -> None:
    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    for spec in Checker().rule_specs():
        section = text.split(f"## {spec.id}\n", 1)[1].split("\n## ", 1)[0]
        assert spec.description["vi"] in section
        assert "Ví dụ đạt" in section and "Ví dụ vi phạm" in section, spec.id


def test_error_reference_is_current() -> None:
    assert (REPO / "docs" / "errors.md").read_text(encoding="utf-8") == errors_reference()


def test_readme_starts_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    head = readme.split("\n## ", 1)[0]
    assert "make demo" in head and "make test" in head
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_readme_python_example_runs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    code = readme.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(REPO)
    exec(compile(code, "README.md", "exec"), {})  # the README's own example, as a user would run it
    assert "CCHC-SUM-3.2" in capsys.readouterr().out
