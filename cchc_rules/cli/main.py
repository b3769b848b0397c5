"""The `cchc` command: argument parsing and dispatch only. Each command is a module
with register(subparsers) and a run function that imports what it needs when it runs,
so start-up stays fast. A new command is one module and one line in COMMANDS.

A run of one command registers only that command's subparser: the help and every error
message are the same, and the other eight modules are neither imported nor built."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from cchc_rules.errors import EXIT_USAGE, CchcError

COMMANDS = ("check", "parse", "rules", "plugins", "schema", "template", "audit", "fix")
# subcommand -> the module that registers it, when the names differ
REGISTERED_BY = {"explain": "rules"}
# The cyclic garbage collector's first threshold while a command runs (Python's is 700
# allocations). What a run makes at start (modules, classes, the catalogue, the compiled
# rules) lives to its end, and a checked report leaves no cycles behind: collecting every 700
# allocations walks the same objects again and again (~35 times in a cold `cchc check`) to
# free next to nothing. With this threshold the collector's work in a `cchc check`, the
# collection at exit included, goes from ~7.5 ms to ~5 ms. The audit's workers do the same
# (audit/worker.py).
GC_THRESHOLD = 50_000


def terminal_columns() -> int:
    """shutil.get_terminal_size().columns, without importing shutil (and the compression
    modules it imports: a few milliseconds) on every start only to build the parser."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        stdout = sys.__stdout__
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout is not None else 0
        except (ValueError, OSError):
            columns = 0
    return columns or 80


class Formatter(argparse.HelpFormatter):
    """argparse's help formatter, as wide as the terminal in the same way."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, terminal_columns() - 2 if width is None else width)


class Parser(argparse.ArgumentParser):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(**kwargs)

    def error(self, message: str) -> NoReturn:
        err = CchcError("usage", reason=message)
        self.exit(EXIT_USAGE, err.one_line() + "\n")


def build_parser(command: str | None = None) -> Parser:
    """The whole parser; or, given a command name, one with only the subparser(s) its module registers."""
    from cchc_rules import __version__

    parser = Parser(
        prog="cchc",
        description="Kiểm tra báo cáo thống kê CCHC / Check CCHC statistical reports",
        epilog="Mã thoát / exit codes: 0 ok, 1 findings at --fail-on, 2 unusable input or usage, 3 internal error",
    )
    parser.add_argument("--version", action="version", version=f"cchc-rules {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for name in COMMANDS if command is None else (REGISTERED_BY.get(command, command),):
        importlib.import_module(f"cchc_rules.cli.{name}").register(sub)
    return parser


def command_of(argv: Sequence[str]) -> str | None:
    """The command a run names in first place; None (build everything) for help, --version or a typo."""
    first = argv[0] if argv else None
    return first if first in COMMANDS or first in REGISTERED_BY else None


def main(argv: Sequence[str] | None = None) -> int:
    """The `cchc` command. It sets the process's GC_THRESHOLD and leaves it set: put back, the
    first allocation after it would set off a full collection of all the run has made."""
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(command_of(argv))
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
        return code
    except CchcError as err:
        print(err.one_line(), file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # never a traceback for a user
        print(
            f"lỗi nội bộ/internal error: {type(exc).__name__}: {exc} "
            "| hãy báo lỗi kèm tệp đầu vào / please report it with the input file",
            file=sys.stderr,
        )
        return 3
