"""`cchc parse`: print the normalised report, so users see exactly what was read."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cchc_rules.cli import options
from cchc_rules.model import ParsedValue, dump


def value_text(v: ParsedValue) -> str:
    from cchc_rules.values import format_number

    if v.status.value == "fraction":
        return f"{v.numerator}/{v.denominator}"
    if v.status.value == "code":
        return str(v.code)
    if v.status.value == "number" and v.number is not None:
        return format_number(v.number, v.decimals)
    return v.text or ""


def run_parse(args: argparse.Namespace) -> int:
    from cchc_rules.cli.common import checker, settings
    from cchc_rules.loading import Overrides

    report = checker(settings(args)).load(args.file, Overrides(args.agency, args.agency_kind, args.period))
    if args.format == "json":
        data = dump(report)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    meta = report.meta
    out = sys.stdout
    out.write(f"# {meta.source}\n")
    for key in ("agency", "agency_kind", "report_number", "report_date", "period", "template_id"):
        out.write(f"# {key}: {getattr(meta, key) or ''}\n")
    out.write(f"# entries: {len(report.entries)}\n")
    for e in report.entries:
        v = e.value
        parsed = value_text(v)
        flags = ",".join(f.value for f in v.flags)
        where = e.location.line or e.location.cell or e.location.row or ""
        out.write(
            f"{e.id}\t{where}\t{e.raw!r}\t{v.status.value}:{parsed}"
            f"{' [' + flags + ']' if flags else ''}\t{e.unit}\t{e.name[:60]}\n"
        )
    return 0


def register(sub: Any) -> None:
    parse = sub.add_parser("parse", help="in báo cáo đã chuẩn hóa / print the normalised report")
    parse.add_argument("file", metavar="FILE")
    parse.add_argument("--format", choices=("text", "json"), default="text")
    options.report(parse)
    options.plugins(parse)

    parse.set_defaults(run=run_parse)
