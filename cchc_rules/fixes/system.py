"""The report's invariants as a linear system, for error localisation.

Every rule whose meaning is linear contributes rows over the report's numeric cells:

    sum        parent = Σ children; with some children blank, parent ≥ Σ the given ones
    of_which   each child ≤ parent; exhaustive: parent ≤ Σ children
    compare    Σ left op Σ right
    rate       value: rate·denominator = 100·numerator within the printed rounding, the
               denominator held fixed (so the row stays linear); exclusive: Σ shares ≤ 100
    conditional  if A = e then B = 0 (or B ≥ 1): a disjunction, solved with binaries

and the notes contribute soft rows: each claim (notes/evidence.py) can be given up,
at a cost, when the note rather than the value is wrong. A blank total whose
children are all given is a free cell: its value is derived, not changed.

Rows of rules that fail are kept only where the rule reported a finding (a plugin may
have withdrawn it); every rule that passes is kept too, so that a fix for one rule
never breaks another (Fellegi and Holt, 1976).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from cchc_rules.model import Flag, ValueKind
from cchc_rules.notes.evidence import Claim, Evidence
from cchc_rules.rules.base import Context, RuleSpec, ids_param
from cchc_rules.rules.rates import tolerance

INTEGRAL = (ValueKind.COUNT, ValueKind.MONEY, ValueKind.FRACTION, ValueKind.CODED, ValueKind.YESNO)
NOTE_RULES = {"parts": ("parts", "composition"), "ratio": ("ratio",), "count": ("count", "yesno")}
EPS = 1e-9
# The cost of giving up a note's claim, next to changing a cell (1.0 plus what corroborates it).
NOTE_COST, COPY_COST, WEAK_COST = 1.25, 0.0, 0.6
# Plain classes and NamedTuples rather than dataclasses, which would cost each first
# suggestion of a run (a `cchc check` of a report with findings) a millisecond apiece to build.


class Cell:
    """A numeric cell of the report, with its bounds and how much other checks corroborate it."""

    __slots__ = ("decimals", "equalities", "ident", "inequalities", "integer", "lower", "upper", "value", "weight")

    def __init__(
        self,
        ident: str,
        value: float | None,  # None: a blank to derive
        integer: bool,
        lower: float,
        upper: float | None,
        decimals: int = 0,
        weight: float = 1.0,
        equalities: int = 0,  # passing equality rows that name it
        inequalities: int = 0,
    ) -> None:
        self.ident = ident
        self.value = value
        self.integer = integer
        self.lower = lower
        self.upper = upper
        self.decimals = decimals
        self.weight = weight
        self.equalities = equalities
        self.inequalities = inequalities


class Row(NamedTuple):
    """low ≤ Σ coefficient·x ≤ high; a soft row may be given up at `cost`."""

    terms: tuple[tuple[str, float], ...]
    low: float | None
    high: float | None
    rule_id: str
    soft: bool = False
    strong: bool = True  # a soft row that counts as a change when given up
    cost: float = 0.0
    claim: Claim | None = None

    @property
    def equality(self) -> bool:
        return self.low is not None and self.high is not None and self.high - self.low < 1.0

    def holds(self, values: Mapping[str, float | None]) -> bool | None:
        total = 0.0
        for ident, coefficient in self.terms:
            value = values.get(ident)
            if value is None:
                return None
            total += coefficient * value
        return (self.low is None or total >= self.low - EPS) and (self.high is None or total <= self.high + EPS)


class Conditional(NamedTuple):
    """If `when` = `equals`, then each of `then` is 0 (must_be zero_or_blank) or ≥ 1 (positive)."""

    when: str
    equals: float
    then: tuple[str, ...]
    positive: bool
    rule_id: str

    def holds(self, values: Mapping[str, float | None]) -> bool | None:
        condition = values.get(self.when)
        targets = [values.get(t) for t in self.then]
        if condition is None or any(t is None for t in targets):
            return None
        if abs(condition - self.equals) > EPS:
            return True
        return all((t is not None and t >= 1 - EPS) if self.positive else t == 0 for t in targets)


class System:
    """The rows, conditionals and cells of a report's invariants."""

    def __init__(self, failing: set[str] | None = None) -> None:
        self.cells: dict[str, Cell] = {}
        self.rows: list[Row] = []
        self.conditionals: list[Conditional] = []
        self.failing: set[str] = set() if failing is None else failing  # rule ids with findings
        self.out_of_range: dict[str, tuple[str, ...]] = {}  # cell -> rules its own bounds answer

    @property
    def values(self) -> dict[str, float | None]:
        return {i: c.value for i, c in self.cells.items()}

    def violated(self) -> bool:
        values = self.values
        hard = [r for r in self.rows if not r.soft]
        return any(r.holds(values) is False for r in hard) or any(c.holds(values) is False for c in self.conditionals)


def build(
    ctx: Context,
    specs: Iterable[RuleSpec],
    evidence: Evidence,
    findings: Mapping[str, set[str]],
    extra_claims: Iterable[Claim] = (),
) -> System:
    """`findings`: for each rule that reported, the indicators its findings name."""
    specs = [s for s in specs if not s.applies_to or ctx.kinds.intersection(s.applies_to)]
    system = System(failing=set(findings))
    blanks = _derivable_blanks(ctx, specs)
    for ident in ctx.entries:
        _cell(system, ctx, ident, blanks)
    bounds_rules = [
        s.id for s in specs if s.kind == "coherence" and s.params.get("check") in ("count", "money", "rate")
    ]
    for cell in system.cells.values():
        if cell.value is not None and (cell.value < cell.lower or (cell.upper is not None and cell.value > cell.upper)):
            # A negative count or a rate above 100 must change: its own rule is answered too.
            system.out_of_range[cell.ident] = tuple(r for r in bounds_rules if cell.ident in findings.get(r, set()))
    for spec in specs:
        for row in _rows(ctx, spec):
            if all(i in system.cells for i, _ in row.terms):
                _keep(system, row, spec.id)
        if spec.kind == "conditional":
            _conditional(system, spec)
    rule_for = _note_rule_ids(specs)
    for claim in [*evidence.claims, *extra_claims]:
        if not all(i in system.cells for i in claim.targets):
            continue
        rule_id = claim.rule or rule_for.get(claim.kind, "")
        agrees = claim.agrees(system.values)
        if not claim.strong and agrees is not True:
            continue  # a weak figure that does not agree is about something else
        if agrees is False and claim.kind in ("ratio", "shares"):
            claim = _to_new_precision(claim)
        # A note copied from the row above is no evidence of its own: it neither counts as a
        # change nor costs anything to give up, but giving it up is reported.
        counted = claim.strong and claim.copy_of is None
        cost = COPY_COST if claim.copy_of else NOTE_COST if claim.strong else WEAK_COST
        _keep(system, Row(claim.terms, claim.low, claim.high, rule_id, True, counted, cost, claim), rule_id)
    _weigh(system)
    return system


def _to_new_precision(claim: Claim) -> Claim:
    """A rate the note contradicts will be rewritten with two decimals: hold the note's figure
    to that rounding, not to the rounding of the wrong value ("90%" would allow ±0,5)."""
    middle = (claim.low + claim.high) / 2
    tol = tolerance(2) * len(claim.terms)
    return claim._replace(low=middle - tol, high=middle + tol)


def _keep(system: System, row: Row, rule_id: str) -> None:
    """A row that fails is kept only if its rule reported it (and so the user sees why)."""
    if row.holds(system.values) is False and not row.soft and rule_id not in system.failing:
        return
    system.rows.append(row)


def _derivable_blanks(ctx: Context, specs: list[RuleSpec]) -> set[str]:
    blanks: set[str] = set()
    for spec in specs:
        if spec.kind == "sum" and spec.params.get("mode", "sum") == "sum":
            parent, children = str(spec.params.get("parent", "")), ids_param(spec, "children")
            if ctx.is_blank(parent) and children and all(ctx.number(c) is not None for c in children):
                blanks.add(parent)
    return blanks


def _cell(system: System, ctx: Context, ident: str, blanks: set[str]) -> None:
    indicator = ctx.catalogue.get(ident)
    entry = ctx.entry(ident)
    if indicator is None or entry is None or indicator.kind is ValueKind.GROUP:
        return
    value = ctx.number(ident)
    if value is None and ident not in blanks:
        return
    integer = indicator.kind in INTEGRAL
    lower, upper = 0.0, None
    if indicator.kind is ValueKind.RATE:
        upper = 100.0
    elif indicator.kind in (ValueKind.CODED, ValueKind.YESNO) and indicator.legend:
        lower, upper = float(min(indicator.legend)), float(max(indicator.legend))
    if indicator.kind in (ValueKind.CODED, ValueKind.YESNO) and value is not None:
        lower, upper = min(lower, value), max(upper if upper is not None else value, value)  # CODE-RANGE's matter
    decimals = entry.value.decimals if value is not None else (2 if indicator.kind is ValueKind.RATE else 0)
    system.cells[ident] = Cell(ident, value, integer, lower, upper, decimals)


def _sum_of(ids: Iterable[str], sign: float = 1.0) -> list[tuple[str, float]]:
    return [(i, sign) for i in ids]


def _rows(ctx: Context, spec: RuleSpec) -> list[Row]:
    p = spec.params
    if spec.kind == "sum":
        parent, children = str(p.get("parent", "")), ids_param(spec, "children")
        if p.get("mode", "sum") == "sum":
            given = [c for c in children if ctx.number(c) is not None]
            if len(given) == len(children):
                return [Row(((parent, 1.0), *_sum_of(children, -1.0)), 0.0, 0.0, spec.id)]
            if given:
                return [Row(((parent, 1.0), *_sum_of(given, -1.0)), 0.0, None, spec.id)]
            return []
        rows = [Row(((parent, 1.0), (c, -1.0)), 0.0, None, spec.id) for c in children]
        if p.get("exhaustive"):
            rows.append(Row(((parent, -1.0), *_sum_of(children)), 0.0, None, spec.id))
        return rows
    if spec.kind == "compare":
        left, right, op = ids_param(spec, "left"), ids_param(spec, "right"), str(p.get("op", "<="))
        terms = (*_sum_of(left), *_sum_of(right, -1.0))
        strict = 1.0 if all(_integral(ctx, i) for i in (*left, *right)) else 1e-6
        bounds = {"<=": (None, 0.0), "<": (None, -strict), ">=": (0.0, None), ">": (strict, None), "==": (0.0, 0.0)}
        low, high = bounds.get(op, (None, 0.0))
        return [Row(tuple(terms), low, high, spec.id)]
    if spec.kind == "rate":
        return _rate_rows(ctx, spec)
    return []


def _integral(ctx: Context, ident: str) -> bool:
    indicator = ctx.catalogue.get(ident)
    return indicator is not None and indicator.kind in INTEGRAL


def _rate_rows(ctx: Context, spec: RuleSpec) -> list[Row]:
    p = spec.params
    check = p.get("check", "value")
    if check == "exclusive":
        shares = ids_param(spec, "shares")
        decimals = max((e.value.decimals for s in shares if (e := ctx.entry(s)) is not None), default=0)
        return [Row(tuple(_sum_of(shares)), None, 100.0 + tolerance(decimals) * len(shares), spec.id)]
    if check != "value":
        return []
    rate = str(p.get("rate", ""))
    numerator, denominator = ids_param(spec, "numerator"), ids_param(spec, "denominator")
    entry = ctx.entry(rate)
    bottom = [ctx.number(i) for i in denominator]
    if entry is None or entry.value.has(Flag.AMBIGUOUS_RATE) or any(b is None for b in bottom):
        return []
    total = sum(b for b in bottom if b is not None)
    if total <= 0:
        return []
    tol = tolerance(entry.value.decimals) * total
    terms = ((rate, total), *_sum_of(numerator, -100.0))
    return [Row(tuple(terms), -tol, tol, spec.id)]


def _conditional(system: System, spec: RuleSpec) -> None:
    when, then = str(spec.params.get("if", "")), ids_param(spec, "then")
    must = spec.params.get("must_be", "zero_or_blank")
    if must == "blank" or when not in system.cells:
        return
    targets = tuple(t for t in then if t in system.cells)
    if not targets:
        return
    rule = Conditional(when, float(spec.params.get("equals", 0)), targets, must == "positive", spec.id)
    if rule.holds(system.values) is False and spec.id not in system.failing:
        return
    system.conditionals.append(rule)


def _note_rule_ids(specs: Iterable[RuleSpec]) -> dict[str, str]:
    out: dict[str, str] = {}
    for spec in specs:
        if spec.kind == "note_arithmetic":
            for kind in NOTE_RULES.get(str(spec.params.get("check", "")), ()):
                out.setdefault(kind, spec.id)
    return out


def _weigh(system: System) -> None:
    """Corroboration: a value that agrees with other checks is a little less likely to be wrong."""
    values = system.values
    for row in system.rows:
        if row.soft or row.holds(values) is not True:
            continue
        for ident, _ in row.terms:
            cell = system.cells[ident]
            if row.equality:
                cell.equalities += 1
            else:
                cell.inequalities += 1
    for cell in system.cells.values():
        cell.weight = 1.0 + min(0.5, 0.1 * cell.equalities + 0.02 * cell.inequalities)
