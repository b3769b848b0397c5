"""`cchc check`: check reports and write findings in one or more formats."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc_rules.cli import options
from cchc_rules.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, CchcError

if TYPE_CHECKING:
    from cchc_rules.checker import Checker
    from cchc_rules.config import Config
    from cchc_rules.loading import Overrides
    from cchc_rules.result import ReportResult


def parse_formats(values: list[str], output: str | None, known: set[str]) -> list[tuple[str, str | None]]:
    """`--format console --format html=report.html`: at most one format goes to stdout/--output."""
    chosen: list[tuple[str, str | None]] = []
    for value in values or ["console"]:
        name, _, path = value.partition("=")
        if name not in known:
            raise CchcError("usage", reason=f"unknown format '{name}' (known: {', '.join(sorted(known))})")
        chosen.append((name, path or None))
    to_stream = [c for c in chosen if c[1] is None]
    if len(to_stream) > 1:
        raise CchcError("usage", reason="only one --format may go to standard output; give the others =PATH")
    if output and to_stream:
        chosen = [(n, output) if p is None else (n, p) for n, p in chosen]
    return chosen


def run_check(args: argparse.Namespace) -> int:
    from cchc_rules.cli.common import checker as make_checker
    from cchc_rules.cli.common import settings
    from cchc_rules.findings import Severity
    from cchc_rules.formats import FormatOptions, FormatSpec
    from cchc_rules.loading import Overrides
    from cchc_rules.outputs import emit, write_atomic

    config = settings(args)
    checker = make_checker(config)
    specs: dict[str, FormatSpec] = {f.name: f for f in checker.plugins.formats()}
    formats = parse_formats(args.format, args.output, set(specs))
    overrides = Overrides(agency=args.agency, agency_kind=config.agency_kind, period=args.period)
    results, unusable = check_all(checker, args.files, overrides)
    inputs = tuple(Path(f) for f in args.files)
    gate_notes = apply_gate(results, config, args)
    if args.write_baseline:
        from cchc_rules import baseline

        target = Path(args.write_baseline)
        write_atomic(target, baseline.write(target, results, config.lang), inputs)
    for name, path in formats:
        color = args.color == "always" or (args.color == "auto" and path is None and sys.stdout.isatty())
        options = FormatOptions(lang=config.lang, color=color, inputs=tuple(map(str, inputs)))
        emit(name, specs[name].renderer()(results, options), path, inputs)
    for note in gate_notes:
        print(note, file=sys.stderr)
    if unusable:
        return EXIT_USAGE
    if args.write_baseline:
        return EXIT_OK
    threshold = None if config.fail_on == "never" else Severity(config.fail_on)
    return EXIT_FINDINGS if any(r.fails(threshold) for r in results) else EXIT_OK


FATAL = ("invalid-ruleset", "invalid-catalogue", "invalid-config", "usage", "unknown-agency-kind", "invalid-period")


def check_all(checker: Checker, files: list[str], overrides: Overrides) -> tuple[list[ReportResult], int]:
    """Every report is checked; an unreadable one is reported on one line and skipped."""
    results: list[ReportResult] = []
    unusable = 0
    for file in files:
        try:
            results.append(checker.check_file(file, overrides))
        except CchcError as err:
            if err.code in FATAL:
                raise
            print(err.one_line(), file=sys.stderr)
            unusable += 1
    return results, unusable


def apply_gate(results: list[ReportResult], config: Config, args: argparse.Namespace) -> list[str]:
    """Suppressions from the config, then the baseline: what the team has accepted."""
    accepted = Path(config.baseline) if config.baseline and not args.write_baseline else None
    if not config.suppress and accepted is None:
        return []  # nothing accepted: baseline.py (hashlib, json) need not load
    from cchc_rules import baseline

    notes: list[str] = []
    if config.suppress:
        dropped = baseline.apply_suppressions(results, config.suppress)
        if dropped:
            notes.append(f"{dropped} phát hiện được bỏ qua theo cấu hình / suppressed by the configuration")
    if accepted is not None:
        dropped = baseline.apply_baseline(results, baseline.read(accepted), accepted.parent)
        notes.append(f"{dropped} phát hiện đã có trong baseline {accepted} / already in the baseline")
    return notes


def register(sub: Any) -> None:
    check = sub.add_parser("check", help="kiểm tra báo cáo / check reports")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument(
        "--format",
        action="append",
        default=[],
        metavar="NAME[=PATH]",
        help="console, json, sarif, junit, github, html, xlsx; repeat for several (html=report.html)",
    )
    check.add_argument("--lang", choices=("vi", "en"), default=None, help="default: vi")
    check.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default=None, help="default: error")
    check.add_argument("--config", metavar="FILE", help="cchc.toml or pyproject.toml; overrides the one found")
    check.add_argument("--severity", action="append", default=[], metavar="RULE=LEVEL", help="override a severity")
    check.add_argument("--baseline", metavar="FILE", help="report only findings not in this baseline")
    check.add_argument("--write-baseline", metavar="FILE", help="record the current findings as accepted")
    check.add_argument("--max-input-size", type=int, metavar="MB", help="refuse larger inputs (default: 20)")
    check.add_argument("--ruleset", action="append", default=[], metavar="PATH")
    check.add_argument(
        "--no-standard", action="store_true", help="không dùng bộ quy tắc chuẩn / skip the standard ruleset"
    )
    check.add_argument("--select", action="append", default=[], metavar="PREFIX")
    check.add_argument("--ignore", action="append", default=[], metavar="PREFIX")
    check.add_argument("--output", "-o", metavar="FILE")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    options.report(check)
    options.plugins(check)

    check.set_defaults(run=run_check)
