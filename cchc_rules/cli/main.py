"""The `cchc` command: argument parsing and dispatch only. Each command is a module
with register(subparsers) and a run function that imports what it needs when it runs,
so start-up stays fast. A new command is one module and one line in COMMANDS."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from cchc_rules.errors import EXIT_USAGE, CchcError

COMMANDS = ("check", "parse", "rules", "plugins", "schema", "template", "audit", "fix")


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        err = CchcError("usage", reason=message)
        self.exit(EXIT_USAGE, err.one_line() + "\n")


def build_parser() -> Parser:
    from cchc_rules import __version__

    parser = Parser(
        prog="cchc",
        description="Kiểm tra báo cáo thống kê CCHC / Check CCHC statistical reports",
        epilog="Mã thoát / exit codes: 0 ok, 1 findings at --fail-on, 2 unusable input or usage, 3 internal error",
    )
    parser.add_argument("--version", action="version", version=f"cchc-rules {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for name in COMMANDS:
        importlib.import_module(f"cchc_rules.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
