"""Plugins (pluggy): agency rules, catalogue extensions, readers and formats.

from cchc_rules.plugins import hookimpl

@hookimpl
def cchc_rulesets():
    return [Path(__file__).with_name("my_rules.yaml")]
"""

from __future__ import annotations

import pluggy

PROJECT = "cchc_rules"
ENTRY_POINT_GROUP = "cchc_rules"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

__all__ = ["ENTRY_POINT_GROUP", "PROJECT", "hookimpl", "hookspec"]
