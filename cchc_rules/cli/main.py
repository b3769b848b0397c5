"""The `cchc` command: argument parsing and dispatch only; each command lives in its
own module and imports what it needs when it runs, so start-up stays fast."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from cchc_rules.errors import EXIT_USAGE, CchcError

COMMANDS = {
    "check": "cchc_rules.cli.check",
    "parse": "cchc_rules.cli.parse",
    "rules": "cchc_rules.cli.rules",
    "explain": "cchc_rules.cli.rules",
    "schema": "cchc_rules.cli.schema",
    "plugins": "cchc_rules.cli.plugins",
}


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        err = CchcError("usage", reason=message)
        self.exit(EXIT_USAGE, err.one_line() + "\n")


def common_report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--agency", help="tên cơ quan / agency name (overrides the title line)")
    parser.add_argument("--agency-kind", help="loại cơ quan / kind of agency, e.g. so-nganh, thanh-tra-tinh")
    parser.add_argument("--period", help="kỳ báo cáo / period: 2021, 2022-Q1, 2022-H1, 2022-Q3")


def plugin_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--plugins-dir", action="append", default=[], metavar="DIR", help="local plugin files")
    parser.add_argument("--plugin", action="append", default=[], metavar="NAME", help="apply to every report")
    parser.add_argument("--no-plugin", action="append", default=[], metavar="NAME", help="turn a plugin off")


def build_parser() -> Parser:
    parser = Parser(
        prog="cchc",
        description="Kiểm tra báo cáo thống kê CCHC / Check CCHC statistical reports",
        epilog="Mã thoát / exit codes: 0 ok, 1 findings at --fail-on, 2 unusable input or usage, 3 internal error",
    )
    from cchc_rules import __version__

    parser.add_argument("--version", action="version", version=f"cchc-rules {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    check = sub.add_parser("check", help="kiểm tra báo cáo / check reports")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument(
        "--format",
        action="append",
        default=[],
        metavar="NAME[=PATH]",
        help="console, json, sarif, junit, github, html, xlsx; repeat for several (html=report.html)",
    )
    check.add_argument("--lang", choices=("vi", "en"), default="vi")
    check.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default="error")
    check.add_argument("--ruleset", action="append", default=[], metavar="PATH")
    check.add_argument(
        "--no-standard", action="store_true", help="không dùng bộ quy tắc chuẩn / skip the standard ruleset"
    )
    check.add_argument("--select", action="append", default=[], metavar="PREFIX")
    check.add_argument("--ignore", action="append", default=[], metavar="PREFIX")
    check.add_argument("--output", "-o", metavar="FILE")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    common_report_options(check)
    plugin_options(check)

    parse = sub.add_parser("parse", help="in báo cáo đã chuẩn hóa / print the normalised report")
    parse.add_argument("file", metavar="FILE")
    parse.add_argument("--format", choices=("text", "json"), default="text")
    common_report_options(parse)
    plugin_options(parse)

    rules = sub.add_parser("rules", help="liệt kê quy tắc / list the rules")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    rules.add_argument("--lang", choices=("vi", "en"), default="vi")
    rules.add_argument("--ruleset", action="append", default=[], metavar="PATH")
    plugin_options(rules)

    explain = sub.add_parser("explain", help="giải thích một quy tắc / explain one rule")
    explain.add_argument("rule_id", metavar="RULE_ID")
    explain.add_argument("--lang", choices=("vi", "en"), default="vi")
    explain.add_argument("--ruleset", action="append", default=[], metavar="PATH")
    plugin_options(explain)

    plugins = sub.add_parser("plugins", help="liệt kê phần mở rộng / list the plugins")
    plugins.add_argument("--format", choices=("text", "json"), default="text")
    plugin_options(plugins)

    schema = sub.add_parser("schema", help="in JSON Schema / print a JSON Schema")
    schema.add_argument("name", choices=("report", "findings", "catalog", "ruleset"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        module = importlib.import_module(COMMANDS[args.command])
        code: int = getattr(module, f"run_{args.command}")(args)
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


def entry() -> NoReturn:
    sys.exit(main())
