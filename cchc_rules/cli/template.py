"""`cchc template`: a blank form from the catalogue, for agencies to fill."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def run_template(args: argparse.Namespace) -> int:
    from cchc_rules.catalogue import default_catalogue
    from cchc_rules.errors import CchcError
    from cchc_rules.outputs import write_atomic

    catalogue = default_catalogue()
    kind = args.agency_kind or catalogue.guess_agency_kind(args.agency)
    if args.agency_kind and args.agency_kind not in catalogue.agency_kinds:
        raise CchcError("unknown-agency-kind", value=args.agency_kind, known=", ".join(catalogue.agency_kinds))
    rendered: str | bytes
    if args.format == "xlsx":
        from cchc_rules.forms import xlsx

        rendered = xlsx.render(catalogue, args.agency, kind)
    elif args.format == "docx":
        from cchc_rules.forms import docx

        rendered = docx.render(catalogue, args.agency, kind)
    else:
        from cchc_rules.forms import text

        render = text.render_csv if args.format == "csv" else text.render_json
        rendered = render(catalogue, args.agency, kind)
    if args.output:
        write_atomic(Path(args.output), rendered)
    elif isinstance(rendered, bytes):
        raise CchcError("usage", reason=f"--format {args.format} is binary: give --output FILE")
    else:
        sys.stdout.write(rendered)
    return 0


def register(sub: Any) -> None:
    parser = sub.add_parser("template", help="tạo biểu mẫu trống / generate a blank form")
    parser.add_argument("--format", choices=("xlsx", "docx", "csv", "json"), default="xlsx")
    parser.add_argument("--agency", help="tên cơ quan / agency name, e.g. 'Sở Y tế'")
    parser.add_argument("--agency-kind", help="loại cơ quan / kind of agency (default: from the name)")
    parser.add_argument("--output", "-o", metavar="FILE")
    parser.set_defaults(run=run_template)
