"""`cchc audit`: check a whole batch (folders and files), consolidate the province
table, compare with the previous period, and write the dashboard."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cchc_rules.cli import options
from cchc_rules.errors import EXIT_FINDINGS, EXIT_OK, CchcError

FORMATS = ("console", "json", "html", "xlsx")


def run_audit(args: argparse.Namespace) -> int:
    from cchc_rules.audit.coverage import read_expected
    from cchc_rules.audit.run import run_audit_batch
    from cchc_rules.audit.worker import BatchOptions
    from cchc_rules.cli.check import parse_formats
    from cchc_rules.cli.common import settings
    from cchc_rules.outputs import emit

    config = settings(args)
    formats = parse_formats(args.format, args.output, set(FORMATS))
    if args.jump_factor <= 1:
        raise CchcError("usage", reason="--jump-factor must be greater than 1")
    if args.jobs is not None and args.jobs < 1:
        raise CchcError("usage", reason="--jobs must be at least 1")
    if args.consolidated and Path(args.consolidated).suffix.lower() not in (".xlsx", ".csv", ".json"):
        raise CchcError("usage", reason=f"--consolidated {args.consolidated}: use a .xlsx, .csv or .json file name")
    expected = read_expected(Path(args.expected_agencies)) if args.expected_agencies else config.expected_agencies
    batch = BatchOptions(
        rulesets=tuple(config.rulesets), standard=config.standard, select=tuple(config.select),
        ignore=tuple(config.ignore), severity=tuple(sorted(config.severity.items())),
        plugins_dirs=tuple(config.plugins_dir), plugins=tuple(config.plugins), no_plugins=tuple(config.no_plugins),
        suppress=tuple(config.suppress), lang=config.lang,
    )  # fmt: skip
    progress = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
    result = run_audit_batch(
        args.files, batch, previous=args.previous, expected_agencies=expected, jump_factor=args.jump_factor,
        outlier_threshold=args.outlier_threshold, jobs=args.jobs, progress=progress,
    )  # fmt: skip
    inputs = [Path(r.source) for r in (*result.rows, *result.previous) if r.source]
    for name, path in formats:
        color = args.color == "always" or (args.color == "auto" and path is None and sys.stdout.isatty())
        emit(name, render(name, result, color), path, inputs)
    if args.consolidated:
        from cchc_rules.audit.table import write_table

        write_table(Path(args.consolidated), result.consolidations, config.lang, inputs)
    threshold = None if config.fail_on == "never" else config.fail_on
    return EXIT_FINDINGS if result.fails(threshold) else EXIT_OK


def render(name: str, result: Any, color: bool) -> str | bytes:
    if name == "json":
        from cchc_rules.audit import jsonout

        return jsonout.render(result)
    if name == "html":
        from cchc_rules.audit import dashboard

        return dashboard.render(result)
    if name == "xlsx":
        from cchc_rules.audit import workbook

        return workbook.render(result)
    from cchc_rules.audit import console

    return console.render(result, color=color)


def register(sub: Any) -> None:
    audit = sub.add_parser(
        "audit",
        help="kiểm tra tổng hợp một lô báo cáo / audit a batch of reports",
        description="Kiểm tra mọi báo cáo trong các thư mục, tổng hợp bảng số liệu toàn tỉnh, so sánh với kỳ trước "
        "/ check every report in the folders, consolidate the province table, compare with the previous period",
    )
    audit.add_argument("files", nargs="+", metavar="DIR_OR_FILE")
    audit.add_argument("--previous", action="append", default=[], metavar="DIR", help="báo cáo kỳ trước / previous")
    audit.add_argument(
        "--format", action="append", default=[], metavar="NAME[=PATH]",
        help="console, json, html, xlsx; repeat for several (html=dashboard.html)",
    )  # fmt: skip
    audit.add_argument("--output", "-o", metavar="FILE")
    audit.add_argument("--consolidated", metavar="FILE", help="bảng tổng hợp tỉnh / province table (.xlsx .csv .json)")
    audit.add_argument("--expected-agencies", metavar="FILE", help="one agency name per line")
    audit.add_argument("--jump-factor", type=float, default=3.0, metavar="F", help="default: 3")
    audit.add_argument("--outlier-threshold", type=float, default=3.5, metavar="Z", help="robust |z|; default: 3.5")
    audit.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: one per core)")
    audit.add_argument("--lang", choices=("vi", "en"), default=None, help="default: vi")
    audit.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default=None, help="default: error")
    audit.add_argument("--config", metavar="FILE", help="cchc.toml or pyproject.toml; overrides the one found")
    audit.add_argument("--severity", action="append", default=[], metavar="RULE=LEVEL", help="override a severity")
    audit.add_argument("--ruleset", action="append", default=[], metavar="PATH")
    audit.add_argument("--no-standard", action="store_true", help="skip the standard ruleset")
    audit.add_argument("--select", action="append", default=[], metavar="PREFIX")
    audit.add_argument("--ignore", action="append", default=[], metavar="PREFIX")
    audit.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    audit.add_argument("--progress", choices=("auto", "always", "never"), default="auto", help="progress bar")
    options.plugins(audit)
    audit.set_defaults(run=run_audit)
