"""Expression rules are compiled into closures; simpleeval itself still evaluates any
expression with text in it. Both must give the same value, or raise the same error, on
every report: the closures are only a faster way to the same answer."""

from __future__ import annotations

import ast
import itertools
from typing import Any

import pytest

from cchc_rules.catalogue import default_catalogue
from cchc_rules.findings import Severity
from cchc_rules.model import Entry, Report, ValueKind
from cchc_rules.rules import expression
from cchc_rules.rules.base import Context, RuleSpec, build_context
from cchc_rules.values import parse_value

EXPRESSIONS = [
    'v("7.5.a") == 0 or v("7.5") >= 1',
    'v("3.4.1.3") == 0 or v("3.4.1.2") > 0',
    'v("1.1.a") - v("1.1.b") >= 0 and v("1.1.b") <= v("1.1.a")',
    'abs(v("1.1.a") - v("1.1.b")) <= 1 if filled("1.1.a") else blank("1.1.b")',
    'min(v("1.1.a"), v("1.1.b")) < max(v("1.1.a"), 2) < 100',
    'round(v("1.1.a") / v("1.1.b"), 1) == 0.5',
    'v("1.1.a") % v("1.1.b")',
    'not blank("1.1.a") and -v("1.1.a") < +v("1.1.b")',
    'v("1.1.a") * 2 + 1 != 3',
    "1 < 2 < 3 > 2",
    'v("1.1.a") and v("1.1.b")',
    'v("1.1.a") or v("1.1.b") or 0',
    'filled("1.1.a") + filled("1.1.b") * 2',
    "min()",
]
CELLS = ["", "0", "1", "2", "3,5", "abc", "-4"]


def context(a: str, b: str) -> Context:
    catalogue = default_catalogue()
    entries = []
    for ident, raw in (("1.1.a", a), ("1.1.b", b), ("7.5", b), ("7.5.a", a), ("3.4.1.2", a), ("3.4.1.3", b)):
        entries.append(Entry(id=ident, raw=raw, value=parse_value(raw, catalogue.indicators[ident].kind)))
    return build_context(Report(entries=entries), catalogue)


def outcome(evaluate: expression.Evaluate, ctx: Context) -> tuple[str, Any]:
    try:
        return "value", evaluate(ctx)
    except Exception as exc:  # the very error is part of the answer
        return type(exc).__name__, str(exc)


@pytest.mark.parametrize("expr", EXPRESSIONS)
def test_closures_agree_with_simpleeval(expr: str) -> None:
    tree = ast.parse(expr, mode="eval").body
    assert expression._numeric_only(tree)
    fast, slow = expression._closure(tree), expression._simpleeval(expr)
    for a, b in itertools.product(CELLS, repeat=2):
        ctx = context(a, b)
        assert outcome(fast, ctx) == outcome(slow, ctx), (expr, a, b)


@pytest.mark.parametrize("expr", ['"a" == "a" or v("1.1.a") > 0', 'v("1.1.a") > 0 and "x"'])
def test_text_in_an_expression_is_left_to_simpleeval(expr: str) -> None:
    assert not expression._numeric_only(ast.parse(expr, mode="eval").body)
    spec = RuleSpec(id="T-EXPR", kind="expression", severity=Severity.ERROR, message={}, description={},
                    params={"expr": expr})  # fmt: skip
    rule = expression.compile_rule(spec, default_catalogue())
    for a in CELLS:
        ctx = context(a, "1")
        assert rule(ctx).passed + rule(ctx).not_evaluable + len(rule(ctx).findings) == 1


def test_a_number_given_to_v_stays_a_number() -> None:
    """simpleeval passes v(3) the number 3, which names no row: not evaluable, never row "3"."""
    tree = ast.parse("v(3) > 0", mode="eval").body
    catalogue = default_catalogue()
    ctx = build_context(Report(entries=[Entry(id="3", raw="5", value=parse_value("5", ValueKind.COUNT))]), catalogue)
    assert outcome(expression._closure(tree), ctx) == outcome(expression._simpleeval("v(3) > 0"), ctx)
    assert outcome(expression._closure(tree), ctx)[0] == "_NotEvaluable"
