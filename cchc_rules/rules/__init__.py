"""Rule kinds: one module per kind, each exposing compile_rule(spec, catalogue).

Built-in kinds are listed here by module name and imported on first use; plugins
add kinds through the `cchc_rule_kinds` hook, the same way.
"""

from __future__ import annotations

import importlib

from cchc_rules.rules.base import Compiler

BUILTIN_KINDS: dict[str, str] = {
    "completeness": "cchc_rules.rules.completeness",
    "coherence": "cchc_rules.rules.coherence",
    "coded": "cchc_rules.rules.coded",
    "sum": "cchc_rules.rules.sums",
    "compare": "cchc_rules.rules.compare",
    "rate": "cchc_rules.rules.rates",
    "conditional": "cchc_rules.rules.conditional",
    "expression": "cchc_rules.rules.expression",
    "note_arithmetic": "cchc_rules.rules.note_arithmetic",
    "citations": "cchc_rules.rules.citations",
}

# The kinds whose rules read how rows differ from the template (Context.odd, .missing): for a
# ruleset with any, the view's one pass compares each row with the template on the way.
READS_TEMPLATE = frozenset({"completeness", "coherence"})


def builtin_compiler(kind: str) -> Compiler:
    module = importlib.import_module(BUILTIN_KINDS[kind])
    compiler: Compiler = module.compile_rule
    return compiler
