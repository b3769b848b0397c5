"""`cchc schema NAME`: print one of the published JSON Schemas."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def run_schema(args: argparse.Namespace) -> int:
    from cchc_rules.resources import schema_path

    sys.stdout.write(schema_path(args.name).read_text(encoding="utf-8"))
    return 0


def register(sub: Any) -> None:
    schema = sub.add_parser("schema", help="in JSON Schema / print a JSON Schema")
    schema.add_argument("name", choices=("report", "findings", "catalog", "ruleset"))
    schema.set_defaults(run=run_schema)
