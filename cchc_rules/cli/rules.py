"""`cchc rules` lists every rule; `cchc explain RULE_ID` prints one with its
description and its examples, each checked live against the engine."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from cchc_rules.cli import options
from cchc_rules.errors import CchcError

if TYPE_CHECKING:
    from cchc_rules.rules.base import RuleSpec


def _checker(args: argparse.Namespace) -> Any:
    from cchc_rules.cli.common import checker, settings

    return checker(settings(args))


def rule_dict(spec: RuleSpec, lang: str) -> dict[str, Any]:
    from cchc_rules.render import text

    return {
        "id": spec.id,
        "kind": spec.kind,
        "severity": spec.severity.value,
        "message": text(spec.message.get("default", {}), lang),
        "description": text(spec.description, lang),
        "indicators": list(spec.indicators) or _named(spec),
        "legal_basis": spec.legal_basis,
        "plugin": spec.plugin,
        "source": spec.source,
    }


def _named(spec: RuleSpec) -> list[str]:
    names: list[str] = []
    for key in ("parent", "children", "left", "right", "rate", "numerator", "denominator", "base", "rates",
                "shares", "if", "then"):  # fmt: skip
        value = spec.params.get(key)
        if isinstance(value, str):
            names.append(value)
        elif isinstance(value, list):
            names.extend(str(v) for v in value)
    return list(dict.fromkeys(names))


def run_rules(args: argparse.Namespace) -> int:
    specs = _checker(args).rule_specs()
    if args.format == "json":
        sys.stdout.write(json.dumps([rule_dict(s, args.lang) for s in specs], ensure_ascii=False, indent=2) + "\n")
    elif args.format == "markdown":
        from cchc_rules.docs import rule_reference

        sys.stdout.write(rule_reference(specs, args.lang))
    else:
        for spec in specs:
            d = rule_dict(spec, args.lang)
            sys.stdout.write(f"{d['id']:<26} {d['severity']:<8} {d['kind']:<13} {d['description'][:90]}\n")
    return 0


def run_explain(args: argparse.Namespace) -> int:
    checker = _checker(args)
    specs = {s.id: s for s in checker.rule_specs()}
    spec = specs.get(args.rule_id)
    if spec is None:
        raise CchcError("unknown-rule", rule=args.rule_id)
    from cchc_rules.docs import explain

    sys.stdout.write(explain(spec, checker, args.lang))
    return 0


def register(sub: Any) -> None:
    rules = sub.add_parser("rules", help="liệt kê quy tắc / list the rules")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    rules.add_argument("--lang", choices=("vi", "en"), default="vi")
    rules.add_argument("--ruleset", action="append", default=[], metavar="PATH")
    options.plugins(rules)

    explain = sub.add_parser("explain", help="giải thích một quy tắc / explain one rule")
    explain.add_argument("rule_id", metavar="RULE_ID")
    explain.add_argument("--lang", choices=("vi", "en"), default="vi")
    explain.add_argument("--ruleset", action="append", default=[], metavar="PATH")
    options.plugins(explain)

    rules.set_defaults(run=run_rules)
    explain.set_defaults(run=run_explain)
