"""The built-in plugin: the project's own rule kinds, readers, formats and standard
ruleset, registered through the same hooks as any third-party plugin."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from cchc_rules.formats import BUILTIN_FORMATS, FormatSpec
from cchc_rules.plugins import hookimpl
from cchc_rules.readers import BUILTIN_READERS, ReaderSpec
from cchc_rules.rules import BUILTIN_KINDS, builtin_compiler
from cchc_rules.rules.base import Compiler

NAME = "builtin"


@hookimpl
def cchc_rule_kinds() -> Mapping[str, Compiler]:
    return {kind: builtin_compiler(kind) for kind in BUILTIN_KINDS}


@hookimpl
def cchc_readers() -> Sequence[ReaderSpec]:
    return BUILTIN_READERS


@hookimpl
def cchc_formats() -> Sequence[FormatSpec]:
    return BUILTIN_FORMATS


@hookimpl
def cchc_rulesets() -> Sequence[Path]:
    from cchc_rules.ruleset import bundled_ruleset_files

    return bundled_ruleset_files()
