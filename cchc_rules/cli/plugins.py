"""`cchc plugins`: what is loaded, where it came from, and which hooks each implements."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cchc_rules.cli import options


def run_plugins(args: argparse.Namespace) -> int:
    from cchc_rules.cli.common import plugin_host, settings

    host = plugin_host(settings(args))
    if args.format == "json":
        data = {
            "plugins": [
                {"name": i.name, "origin": i.origin, "agency_kinds": list(i.agency_kinds), "hooks": list(i.hooks)}
                for i in host.info.values()
            ],
            "errors": [{"plugin": e.plugin, "stage": e.stage, "error": e.error} for e in host.errors],
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    for info in host.info.values():
        kinds = ", ".join(info.agency_kinds) or "mọi loại cơ quan / every agency"
        sys.stdout.write(f"{info.name}\n  nguồn/origin: {info.origin}\n  phục vụ/serves: {kinds}\n")
        sys.stdout.write(f"  hooks: {', '.join(info.hooks)}\n")
        if info.doc:
            sys.stdout.write(f"  {info.doc}\n")
    for error in host.errors:
        sys.stdout.write(f"LỖI/ERROR {error.plugin} ({error.stage}): {error.error}\n")
    return 0


def register(sub: Any) -> None:
    plugins = sub.add_parser("plugins", help="liệt kê phần mở rộng / list the plugins")
    plugins.add_argument("--format", choices=("text", "json"), default="text")
    options.plugins(plugins)

    plugins.set_defaults(run=run_plugins)
