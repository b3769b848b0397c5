"""Pieces the commands share: the settings (config file + flags), and the plugin host
and checker built from them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cchc_rules.checker import Checker
    from cchc_rules.config import Config
    from cchc_rules.plugins.host import PluginHost

# argparse dest -> config key, for the flags that override the config file
FLAGS = {
    "ruleset": "rulesets",
    "plugin": "plugins",
    "no_plugin": "no_plugins",
    "plugins_dir": "plugins_dir",
    "select": "select",
    "ignore": "ignore",
    "fail_on": "fail_on",
    "lang": "lang",
    "agency_kind": "agency_kind",
    "baseline": "baseline",
    "max_input_size": "max_input_size",
}


def settings(args: argparse.Namespace) -> Config:
    from cchc_rules.config import load

    files = list(getattr(args, "files", None) or ([args.file] if getattr(args, "file", None) else []))
    flags: dict[str, Any] = {key: getattr(args, dest) for dest, key in FLAGS.items() if hasattr(args, dest)}
    if getattr(args, "no_standard", False):
        flags["standard"] = False
    if getattr(args, "severity", None):
        from cchc_rules.errors import CchcError

        bad = [item for item in args.severity if "=" not in item]
        if bad:
            raise CchcError("usage", reason=f"--severity takes RULE=LEVEL, not {bad[0]!r}")
        flags["severity"] = dict(item.split("=", 1) for item in args.severity)
    return load(files, getattr(args, "config", None), flags)


def plugin_host(config: Config) -> PluginHost:
    from cchc_rules.plugins.host import PluginHost

    return PluginHost(
        plugins_dirs=[Path(p) for p in config.plugins_dir], enable=config.plugins, disable=config.no_plugins
    )


def checker(config: Config) -> Checker:
    from cchc_rules.checker import Checker
    from cchc_rules.findings import Severity

    return Checker(
        ruleset_paths=[Path(p) for p in config.rulesets],
        use_bundled=config.standard,
        select=config.select,
        ignore=config.ignore,
        severity={rule: Severity(level) for rule, level in config.severity.items()},
        host=plugin_host(config),
        max_input_bytes=config.max_input_size * 1024 * 1024,
    )
