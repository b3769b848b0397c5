"""`cchc schema NAME`: print one of the published JSON Schemas."""

from __future__ import annotations

import argparse
import sys


def run_schema(args: argparse.Namespace) -> int:
    from cchc_rules.resources import schema_path

    sys.stdout.write(schema_path(args.name).read_text(encoding="utf-8"))
    return 0
