"""Pieces the commands share: the plugin host and checker built from the options."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cchc_rules.checker import Checker
    from cchc_rules.plugins.host import PluginHost


def plugin_host(args: argparse.Namespace) -> PluginHost:
    from cchc_rules.plugins.host import PluginHost

    return PluginHost(
        plugins_dirs=[Path(p) for p in getattr(args, "plugins_dir", [])],
        enable=getattr(args, "plugin", []),
        disable=getattr(args, "no_plugin", []),
    )


def checker(args: argparse.Namespace) -> Checker:
    from cchc_rules.checker import Checker

    return Checker(
        ruleset_paths=[Path(p) for p in getattr(args, "ruleset", [])],
        use_bundled=not getattr(args, "no_standard", False),
        select=getattr(args, "select", []),
        ignore=getattr(args, "ignore", []),
        host=plugin_host(args),
    )
