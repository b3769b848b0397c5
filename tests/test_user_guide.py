"""The user guides stay true: every command they mark runnable is run on the sample.

Convention (stated at the top of each guide): a fenced block whose first line is
`# runnable` is run, top to bottom, in one temporary folder per guide that holds a copy
of the sample at `examples/phu-luc-2-thanh-tra-tinh-2021.txt`. In an `sh` block every
other non-comment line must be a `cchc …` command (only `> FILE` is allowed of the
shell); a `python` block is executed. A block fenced as `toml file=NAME` or
`yaml file=NAME` is written to NAME when it is reached, so later commands can use it.
Each command must exit 0 or 1 (never 2 or 3) with no traceback. Commands run in this
process through `cchc_rules.cli.main.main`, which keeps the whole file under a few
seconds. Commands of `cchc audit` / `cchc fix` are skipped while those do not exist.

The other fenced blocks are checked for what they promise: TOML examples are valid
configuration, YAML parses, workflow examples only pass inputs the action has, and
pre-commit examples name a hook that exists.
"""

from __future__ import annotations

import io
import re
import shlex
import shutil
import tomllib
import traceback
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from cchc_rules.cli.main import build_parser, main
from cchc_rules.config import Config

from helpers import REPO, SAMPLE

DOCS = REPO / "docs"
GUIDES = ("user-guide.en.md", "user-guide.vi.md", "ci.md")
MARK = "# runnable"
OPTIONAL_COMMANDS = frozenset({"audit", "fix"})  # being written: skipped until they exist
SHELL_OPERATORS = frozenset({"|", "||", "&&", ";", "<", "2>", "2>&1", ">>", "&"})
FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Block:
    guide: str
    line: int
    lang: str
    attrs: dict[str, str]
    body: str

    @property
    def where(self) -> str:
        return f"docs/{self.guide}:{self.line}"

    @property
    def runnable(self) -> bool:
        return self.body.startswith(MARK + "\n")


def blocks(guide: str) -> list[Block]:
    text = (DOCS / guide).read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        info = match.group(1).split()
        attrs = dict(item.split("=", 1) for item in info[1:] if "=" in item)
        line = text.count("\n", 0, match.start()) + 1
        found.append(Block(guide, line, info[0] if info else "", attrs, match.group(2)))
    return found


def commands(block: Block) -> list[tuple[list[str], str | None]]:
    """The `cchc` commands of a runnable sh block: (argv without `cchc`, stdout file or None)."""
    joined = block.body.replace("\\\n", " ")
    found = []
    for raw in joined.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        words = shlex.split(line, comments=True)
        assert words[0] == "cchc", f"{block.where}: only cchc commands belong in a runnable block: {line}"
        assert not SHELL_OPERATORS & set(words), f"{block.where}: only `> FILE` is supported: {line}"
        target = None
        if ">" in words:
            at = words.index(">")
            assert at == len(words) - 2, f"{block.where}: `> FILE` must end the command: {line}"
            words, target = words[:at], words[at + 1]
        found.append((words[1:], target))
    return found


def available_commands() -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return set(sub.choices or {})


def run_cchc(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: --help, usage errors
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        except BaseException:  # what a user would see as a traceback
            err.write(traceback.format_exc())
            code = -1
    return code, out.getvalue(), err.getvalue()


def run_python(block: Block) -> str | None:
    out = io.StringIO()
    try:
        with redirect_stdout(out):
            exec(compile(block.body, block.where, "exec"), {"__name__": "__guide__"})
    except Exception:
        return traceback.format_exc()
    return None


@pytest.mark.parametrize("guide", GUIDES)
def test_runnable_examples_work_as_shown(guide: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "examples").mkdir()
    shutil.copyfile(SAMPLE, tmp_path / "examples" / SAMPLE.name)
    monkeypatch.chdir(tmp_path)
    known = available_commands()
    failures: list[str] = []
    ran = 0
    for block in blocks(guide):
        if "file" in block.attrs:
            (tmp_path / block.attrs["file"]).write_text(block.body, encoding="utf-8")
        elif block.runnable and block.lang == "python":
            problem = run_python(block)
            if problem:
                failures.append(f"{block.where}: python example failed\n{problem}")
            ran += 1
        elif block.runnable:
            assert block.lang == "sh", f"{block.where}: runnable blocks are sh or python"
            for argv, target in commands(block):
                if argv[0] in OPTIONAL_COMMANDS and argv[0] not in known:
                    continue
                code, out, err = run_cchc(argv)
                if target:
                    (tmp_path / target).write_text(out, encoding="utf-8")
                shown = "cchc " + shlex.join(argv)
                if code not in (0, 1) or "Traceback" in out + err or "internal error" in err:
                    failures.append(f"{block.where}: `{shown}` exited {code}\n{err[-2000:]}")
                ran += 1
    assert ran, f"docs/{guide} has no runnable example"
    assert not failures, "\n\n".join(failures)


def test_both_user_guides_run_the_same_commands() -> None:
    """The Vietnamese and English guides are one guide in two languages."""

    def sequence(guide: str) -> list[str]:
        return [argv[0] for b in blocks(guide) if b.runnable and b.lang == "sh" for argv, _ in commands(b)]

    assert sequence("user-guide.vi.md") == sequence("user-guide.en.md")


@pytest.mark.parametrize("guide", ["user-guide.en.md", "user-guide.vi.md"])
def test_each_guide_runs_every_everyday_command(guide: str) -> None:
    used = {argv[0] for b in blocks(guide) if b.runnable and b.lang == "sh" for argv, _ in commands(b)}
    assert {"template", "check", "parse", "explain", "rules", "plugins"} <= used


def _config_tables(block: Block) -> list[dict[str, Any]]:
    data = tomllib.loads(block.body)
    return [data["tool"]["cchc"]] if "tool" in data else [data]


@pytest.mark.parametrize("guide", GUIDES)
def test_configuration_examples_are_valid(guide: str) -> None:
    for block in blocks(guide):
        if block.lang == "toml":
            for table in _config_tables(block):
                try:
                    Config.model_validate(table)  # an unknown key or a wrong value fails here
                except ValueError as exc:
                    pytest.fail(f"{block.where}: not a valid configuration: {exc}")


@pytest.mark.parametrize("guide", GUIDES)
def test_yaml_examples_match_the_action_and_the_hook(guide: str) -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    hook_ids = {h["id"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    for block in blocks(guide):
        if block.lang != "yaml":
            continue
        data = yaml.safe_load(block.body)
        if isinstance(data, dict) and "repos" in data:
            for repo in data["repos"]:
                assert {h["id"] for h in repo["hooks"]} <= hook_ids, block.where
        if isinstance(data, dict) and isinstance(data.get("jobs"), dict):
            steps = [s for job in data["jobs"].values() for s in job.get("steps", [])]
            ours = [s for s in steps if "/cchc-rules@" in str(s.get("uses", ""))]
            for step in ours:
                assert set(step.get("with", {})) <= set(action["inputs"]), block.where
                missing = {k for k, v in action["inputs"].items() if v.get("required")} - set(step.get("with", {}))
                assert not missing, f"{block.where}: the action needs {missing}"
            if ours:
                assert data["permissions"]["security-events"] == "write", block.where


LINK = re.compile(r"\]\(([^)\s]+)\)")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    return {slug(m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", text, re.MULTILINE)}


def check_links(text: str, source: Path, where: str) -> None:
    for target in LINK.findall(FENCE.sub("", text)):
        if target.startswith(("http://", "https://")):
            continue
        file, _, anchor = target.partition("#")
        path = (source.parent / file).resolve() if file else source
        assert path.exists(), f"{where}: broken link {target}"
        if anchor and path.suffix == ".md":
            assert anchor in anchors(path), f"{where}: no heading for #{anchor} in {path.name}"


@pytest.mark.parametrize("doc", ["user-guide.en.md", "user-guide.vi.md", "ci.md", "index.md"])
def test_links_lead_somewhere(doc: str) -> None:
    source = DOCS / doc
    check_links(source.read_text(encoding="utf-8"), source, f"docs/{doc}")


def test_readme_documentation_section_links_existing_docs() -> None:
    readme = REPO / "README.md"
    section = readme.read_text(encoding="utf-8").split("\n## Documentation\n", 1)[1]
    check_links(section, readme, "README.md")
