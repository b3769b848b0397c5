"""A general expression rule for invariants the other kinds do not cover, e.g.
`v("7.5.a") == 0 or v("7.5") >= 1`. Expressions are checked against an allow-list
of syntax at load and evaluated by simpleeval, never by Python's eval."""

from __future__ import annotations

import ast
from typing import Any

from cchc_rules.catalogue import Catalogue
from cchc_rules.findings import RuleRun
from cchc_rules.rules.base import CompiledRule, Context, RuleDefinitionError, RuleSpec, finding

MAX_LENGTH = 500
FUNCTIONS = frozenset({"v", "blank", "filled", "abs", "min", "max", "round"})
ALLOWED = (
    ast.Expression, ast.Expr, ast.BoolOp, ast.And, ast.Or, ast.BinOp, ast.Add, ast.Sub, ast.Mult,
    ast.Div, ast.Mod, ast.UnaryOp, ast.USub, ast.UAdd, ast.Not, ast.Compare, ast.Eq, ast.NotEq,
    ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Call, ast.Name, ast.Load, ast.Constant, ast.IfExp,
)  # fmt: skip


class _NotEvaluable(Exception):
    """A value the expression needs is blank or not a number."""


def check_expression(expr: str) -> list[str]:
    """Reject anything but arithmetic, comparisons and our functions; return the indicators named."""
    if len(expr) > MAX_LENGTH:
        raise RuleDefinitionError(f"expression longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(expr.strip(), mode="eval")
    except SyntaxError as exc:
        raise RuleDefinitionError(f"invalid expression: {exc.msg}") from None
    named: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ALLOWED):
            raise RuleDefinitionError(f"'{type(node).__name__}' is not allowed in an expression")
        if isinstance(node, ast.Name) and node.id not in FUNCTIONS:
            raise RuleDefinitionError(f"unknown name '{node.id}'")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float, str)):
            raise RuleDefinitionError("only numbers and indicator ids may be constants")
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            raise RuleDefinitionError("'**' is not allowed")
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.keywords:
                raise RuleDefinitionError("only plain calls of v, blank, filled, abs, min, max, round")
            if node.func.id in ("v", "blank", "filled"):
                if len(node.args) != 1 or not isinstance(node.args[0], ast.Constant):
                    raise RuleDefinitionError(f"{node.func.id}() takes one indicator id")
                named.append(str(node.args[0].value))
    return list(dict.fromkeys(named))


def compile_rule(spec: RuleSpec, catalogue: Catalogue) -> CompiledRule:
    from simpleeval import SimpleEval

    expr = str(spec.params.get("expr", ""))
    named = check_expression(expr)
    unknown = [i for i in named if i not in catalogue.indicators]
    if unknown:
        raise RuleDefinitionError(f"unknown indicators: {', '.join(unknown)}")
    parsed = SimpleEval.parse(expr)
    evaluator = SimpleEval(names={})  # built once; each run gives it functions over its report

    def run(ctx: Context) -> RuleRun:
        def value(ident: str) -> float:
            number = ctx.number(ident)
            if number is None:
                raise _NotEvaluable(ident)
            return number

        evaluator.functions = {
            "v": value,
            "blank": ctx.is_blank,
            "filled": lambda i: not ctx.is_blank(i),
            "abs": abs,
            "min": min,
            "max": max,
            "round": round,
        }
        try:
            result: Any = evaluator.eval(expr, previously_parsed=parsed)
        except (_NotEvaluable, ZeroDivisionError):
            return RuleRun(not_evaluable=1)
        if result:
            return RuleRun(passed=1)
        values = ", ".join(f"{i} = {ctx.entries[i].raw if i in ctx.entries else '∅'}" for i in named)
        return RuleRun(findings=(finding(spec, named or list(spec.indicators), ctx, values=values, expr=expr),))

    return run
