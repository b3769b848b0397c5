"""A general expression rule for invariants the other kinds do not cover, e.g.
`v("7.5.a") == 0 or v("7.5") >= 1`. Expressions are checked against an allow-list
of syntax at load and evaluated by simpleeval, never by Python's eval."""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from typing import Any

from cchc_rules.catalogue import Catalogue
from cchc_rules.findings import RuleRun
from cchc_rules.rules.base import NOT_EVALUABLE, PASSED, CompiledRule, Context, RuleDefinitionError, RuleSpec, finding

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
    expr = str(spec.params.get("expr", ""))
    named = check_expression(expr)
    unknown = [i for i in named if i not in catalogue.indicators]
    if unknown:
        raise RuleDefinitionError(f"unknown indicators: {', '.join(unknown)}")
    tree = ast.parse(expr.strip(), mode="eval").body
    evaluate = _closure(tree) if _numeric_only(tree) else _simpleeval(expr)

    def run(ctx: Context) -> RuleRun:
        try:
            result: Any = evaluate(ctx)
        except (_NotEvaluable, ZeroDivisionError):
            return NOT_EVALUABLE
        if result:
            return PASSED
        values = ", ".join(f"{i} = {ctx.entries[i].raw if i in ctx.entries else '∅'}" for i in named)
        return RuleRun(findings=(finding(spec, named or list(spec.indicators), ctx, values=values, expr=expr),))

    return run


Evaluate = Callable[[Context], Any]


def _value(ctx: Context, ident: str) -> float:
    number = ctx.numbers.get(ident)
    if number is None:
        raise _NotEvaluable(ident)
    return number


def _simpleeval(expr: str) -> Evaluate:
    """simpleeval itself, for expressions with text in them (its limits on strings apply)."""
    from simpleeval import SimpleEval

    parsed = SimpleEval.parse(expr)
    evaluator = SimpleEval(names={})  # built once; each run gives it functions over its report

    def evaluate(ctx: Context) -> Any:
        evaluator.functions = {
            "v": lambda i: _value(ctx, i),
            "blank": ctx.is_blank,
            "filled": lambda i: not ctx.is_blank(i),
            "abs": abs,
            "min": min,
            "max": max,
            "round": round,
        }
        return evaluator.eval(expr, previously_parsed=parsed)

    return evaluate


def _numeric_only(tree: ast.AST) -> bool:
    """Text only as the id in v(), blank() and filled(), and names only as the function called:
    then simpleeval's operators are Python's, and a closure per node gives the same result."""
    ids = {id(n.args[0]) for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
           and n.func.id in ("v", "blank", "filled")}  # fmt: skip
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in ids:
            return False
        if isinstance(node, ast.Name) and id(node) not in called:
            return False
    return True


BINARY: dict[type[ast.AST], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.Mod: operator.mod, ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt,
    ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
}  # fmt: skip
UNARY: dict[type[ast.AST], Callable[[Any], Any]] = {
    ast.Not: operator.not_,
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
}
BUILTINS: dict[str, Callable[..., Any]] = {"abs": abs, "min": min, "max": max, "round": round}


def _closure(node: ast.AST) -> Evaluate:
    """The checked expression as nested closures, evaluated the way simpleeval does."""
    if isinstance(node, ast.Constant):
        constant = node.value
        return lambda ctx: constant
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        name = node.func.id
        if name in ("v", "blank", "filled"):
            argument = node.args[0]
            assert isinstance(argument, ast.Constant)
            ident: Any = argument.value  # as simpleeval passes it: a number stays a number
            if name == "v":
                return lambda ctx: _value(ctx, ident)
            if name == "blank":
                return lambda ctx: ctx.is_blank(ident)
            return lambda ctx: not ctx.is_blank(ident)
        function, args = BUILTINS[name], [_closure(a) for a in node.args]
        return lambda ctx: function(*[a(ctx) for a in args])
    if isinstance(node, ast.BoolOp):
        parts, conjunction = [_closure(v) for v in node.values], isinstance(node.op, ast.And)
        return lambda ctx: _boolean(ctx, parts, conjunction)
    if isinstance(node, ast.Compare):
        first, pairs = (
            _closure(node.left),
            [(BINARY[type(o)], _closure(c)) for o, c in zip(node.ops, node.comparators, strict=True)],
        )
        return lambda ctx: _compare(ctx, first, pairs)
    if isinstance(node, ast.BinOp):
        binary, left, right = BINARY[type(node.op)], _closure(node.left), _closure(node.right)
        return lambda ctx: binary(left(ctx), right(ctx))
    if isinstance(node, ast.UnaryOp):
        unary, operand = UNARY[type(node.op)], _closure(node.operand)
        return lambda ctx: unary(operand(ctx))
    if isinstance(node, ast.IfExp):
        test, body, orelse = _closure(node.test), _closure(node.body), _closure(node.orelse)
        return lambda ctx: body(ctx) if test(ctx) else orelse(ctx)
    raise RuleDefinitionError(f"'{type(node).__name__}' is not allowed in an expression")


def _boolean(ctx: Context, parts: list[Evaluate], conjunction: bool) -> Any:
    result: Any = False
    for part in parts:
        result = part(ctx)
        if bool(result) is not conjunction:
            break
    return result


def _compare(ctx: Context, first: Evaluate, pairs: list[tuple[Callable[[Any, Any], Any], Evaluate]]) -> Any:
    right, result = first(ctx), True
    for test, operand in pairs:
        if not result:
            break
        left, right = right, operand(ctx)
        result = test(left, right)
    return result
