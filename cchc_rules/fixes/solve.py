"""Error localisation in the sense of Fellegi and Holt: the fewest cells to change so that
every invariant holds, found as a mixed-integer programme (scipy.optimize.milp, HiGHS).

For each cell x with reported value v, a binary z says "changed": |x − v| ≤ M·z. A soft
row (a note's claim) has a binary s that gives it up. The objective is lexicographic:

    minimise  BIG·(Σ z + Σ s over the notes' plain claims)  +  Σ weight·z  +  Σ cost·s

the first term counts changes, cells and notes' figures alike; the second only breaks
ties: a value other checks agree with weighs a little more, a note copied from the row
above costs little to give up, a note's figure costs a little more than a cell.

Then, for each changed cell, two more questions: is there another change as small that
leaves this cell alone (then the choice is a tie, broken or not by the weights), and is
its new value determined (the least and greatest value it can take coincide) or only
bounded. A blank total is free: its value is derived, never counted as a change.
"""

from __future__ import annotations

import math
from typing import Any, Protocol

from cchc_rules.fixes.system import Cell, Conditional, Row, System

BIG = 1000.0
TIME_LIMIT = 10.0


class Solution:
    """A smallest change: every cell's value, the cells changed and the soft rows given up,
    the count of changes and the cost that breaks ties between them."""

    __slots__ = ("changed", "cost", "given_up", "loose", "primary", "values")

    def __init__(
        self,
        values: dict[str, float],
        changed: set[str],
        given_up: list[Row],
        primary: int,
        cost: float,
        # Cells whose value in `values` is one of several the solution allows (fixes/fast.py):
        # a question that depends on it is one only the MILP can answer its own way.
        loose: frozenset[str] = frozenset(),
    ) -> None:
        self.values = values
        self.changed = changed
        self.given_up = given_up
        self.primary = primary
        self.cost = cost
        self.loose = loose


class Localiser(Protocol):
    """What `suggest` asks: the smallest change (keeping some cells, with at most `cap`
    changes), and the range of one cell's value with a solution's changes fixed."""

    def solve(self, keep: frozenset[str] = ..., cap: int | None = ...) -> tuple[Solution | None, float | None]: ...

    def value_range(self, solution: Solution, ident: str) -> tuple[float, float] | None: ...


class _Layout:
    """Column indexes of the programme's variables."""

    def __init__(self, cells: list[Cell]) -> None:
        self.cells = cells
        self.x: dict[str, int] = {}
        self.z: dict[str, int] = {}
        self.s: dict[int, int] = {}  # row index -> column
        self.y: dict[int, tuple[int, int, int]] = {}  # conditional -> hold, up, down
        self.size = 0

    def column(self) -> int:
        self.size += 1
        return self.size - 1


class Programme:
    """The system as a MILP; `solve` takes extra fixings and an optional cap on the change count."""

    def __init__(self, system: System) -> None:
        self.system = system
        self._fixed: dict[int, float] = {}
        self.soft = [i for i, r in enumerate(system.rows) if r.soft]
        self.upper = uppers(system)
        layout = _Layout(cells=list(system.cells.values()))
        for cell in layout.cells:
            layout.x[cell.ident] = layout.column()
        for cell in layout.cells:
            if cell.value is not None:
                layout.z[cell.ident] = layout.column()
        for index in self.soft:
            layout.s[index] = layout.column()
        for index in range(len(system.conditionals)):
            layout.y[index] = (layout.column(), layout.column(), layout.column())
        self.layout = layout

    def solve(
        self, keep: frozenset[str] = frozenset(), cap: int | None = None, objective: str = "full", target: str = ""
    ) -> tuple[Solution | None, float | None]:
        """Minimise the changes (objective "full"), or x[target] ("min"/"max") with the changes fixed."""
        import numpy as np
        from scipy.optimize import Bounds, LinearConstraint, milp

        lay, n = self.layout, self.layout.size
        c = np.zeros(n)
        lower, upper = np.zeros(n), np.ones(n)
        integrality = np.zeros(n)
        rows: list[Any] = []
        low: list[float] = []
        high: list[float] = []

        def add(coefficients: dict[int, float], lo: float, hi: float) -> None:
            row = np.zeros(n)
            for column, value in coefficients.items():
                row[column] += value
            rows.append(row)
            low.append(lo)
            high.append(hi)

        for cell in lay.cells:
            xi = lay.x[cell.ident]
            lower[xi] = cell.lower
            upper[xi] = self.upper[cell.ident]
            integrality[xi] = 1 if cell.integer else 0
            if cell.value is None:
                continue
            zi = lay.z[cell.ident]
            integrality[zi] = 1
            c[zi] = BIG + cell.weight
            m = upper[xi] - lower[xi] + 1.0
            add({xi: 1.0, zi: -m}, -math.inf, cell.value)
            add({xi: 1.0, zi: m}, cell.value, math.inf)
            if cell.ident in keep:
                upper[zi] = 0.0
        primary: dict[int, float] = {lay.z[i]: 1.0 for i in lay.z}
        for index, row in enumerate(self.system.rows):
            coefficients = {lay.x[i]: v for i, v in row.terms}
            if not row.soft:
                add(coefficients, row.low if row.low is not None else -math.inf,
                    row.high if row.high is not None else math.inf)  # fmt: skip
                continue
            si = lay.s[index]
            integrality[si] = 1
            c[si] = (BIG if row.strong else 0.0) + row.cost
            if row.strong:
                primary[si] = 1.0
            m = row_margin(self.upper, row.terms)
            if row.low is not None:
                add({**coefficients, si: m}, row.low, math.inf)
            if row.high is not None:
                add({**coefficients, si: -m}, -math.inf, row.high)
        for index, rule in enumerate(self.system.conditionals):
            self._conditional(rule, lay.y[index], add, integrality)
        if cap is not None:
            add(primary, -math.inf, float(cap))
        if objective != "full":
            fixed = self._fixed
            for column in list(lay.z.values()) + list(lay.s.values()):
                lower[column] = upper[column] = fixed.get(column, 0.0)
            c = np.zeros(n)
            c[lay.x[target]] = 1.0 if objective == "min" else -1.0
        constraints = [LinearConstraint(np.array(rows), np.array(low), np.array(high))] if rows else []
        result = milp(
            c,
            constraints=constraints,
            integrality=integrality,
            bounds=Bounds(lower, upper),
            options={"time_limit": TIME_LIMIT, "mip_rel_gap": 0.0, "disp": False},
        )
        if result.x is None or result.status not in (0, 1):
            return None, None
        x = result.x
        if objective != "full":
            return None, float(x[lay.x[target]])
        solution = self._solution(x)
        self._fixed = {col: float(round(x[col])) for col in (*lay.z.values(), *lay.s.values())}
        return solution, float(result.fun)

    def fix_to(self, solution: Solution) -> None:
        """Hold the binaries of `solution` for the value ranges that follow."""
        lay = self.layout
        fixed = {lay.z[i]: float(i in solution.changed) for i in lay.z}
        given_up = {id(r) for r in solution.given_up}
        for index, column in lay.s.items():
            fixed[column] = float(id(self.system.rows[index]) in given_up)
        self._fixed = fixed

    def _conditional(self, rule: Conditional, columns: tuple[int, int, int], add: Any, integrality: Any) -> None:
        hold, up, down = columns
        lay = self.layout
        for column in columns:
            integrality[column] = 1
        add({hold: 1.0, up: 1.0, down: 1.0}, 1.0, 1.0)
        a = lay.x[rule.when]
        m, step = condition_margin(self.upper, rule), condition_step(self.system, rule)
        add({a: 1.0, hold: m}, -math.inf, rule.equals + m)  # hold → a ≤ e
        add({a: 1.0, hold: -m}, rule.equals - m, math.inf)  # hold → a ≥ e
        add({a: 1.0, up: -m}, rule.equals + step - m, math.inf)  # up → a ≥ e + step
        add({a: 1.0, down: m}, -math.inf, rule.equals - step + m)  # down → a ≤ e − step
        for target in rule.then:
            t = lay.x[target]
            if rule.positive:
                add({t: 1.0, hold: -m}, 1.0 - m, math.inf)  # hold → t ≥ 1
            else:
                add({t: 1.0, hold: m}, -math.inf, m)  # hold → t ≤ 0

    def _solution(self, x: Any) -> Solution:
        lay = self.layout
        values = {cell.ident: float(x[lay.x[cell.ident]]) for cell in lay.cells}
        # A cell counts as changed when its binary says so, or when it moved anyway within the
        # solver's tolerance on a large big-M: never report a moved value as kept.
        changed = {
            i for i, col in lay.z.items() if x[col] > 0.5 or abs(values[i] - (self.system.cells[i].value or 0.0)) > 1e-6
        }
        given_up = [self.system.rows[i] for i, col in lay.s.items() if x[col] > 0.5]
        primary = len(changed) + sum(1 for r in given_up if r.strong)
        cost = sum(self.system.cells[i].weight for i in changed) + sum(r.cost for r in given_up)
        return Solution(values, changed, given_up, primary, cost)

    def value_range(self, solution: Solution, ident: str) -> tuple[float, float] | None:
        self.fix_to(solution)
        _, least = self.solve(objective="min", target=ident)
        self.fix_to(solution)
        _, greatest = self.solve(objective="max", target=ident)
        if least is None or greatest is None:
            return None
        return least, greatest


def row_margin(upper: dict[str, float], terms: tuple[tuple[str, float], ...]) -> float:
    """The big-M of a soft row: given up, it holds whatever the values within their bounds."""
    return 2.0 * sum(abs(c) * (upper[i] + 1.0) for i, c in terms) + 1.0


def condition_margin(upper: dict[str, float], rule: Conditional) -> float:
    """The big-M of a conditional's three branches."""
    return 2.0 * max(upper[i] for i in (rule.when, *rule.then)) + abs(rule.equals) + 2.0


def condition_step(system: System, rule: Conditional) -> float:
    """How far from `equals` the condition's cell must be to be "not equal"."""
    return 1.0 if system.cells[rule.when].integer else 1e-6


def uppers(system: System) -> dict[str, float]:
    """An upper bound for each cell: its own (100 for a rate, the legend for a code), else ten
    times the largest value among the cells it shares an invariant with. Tight bounds keep the
    big-M of each row small, so the solver's tolerances cannot pass a change off as none."""
    near: dict[str, float] = {i: abs(c.value or 0.0) for i, c in system.cells.items()}
    for row in system.rows:
        largest = max(abs(system.cells[i].value or 0.0) for i, _ in row.terms)
        total = sum(abs(system.cells[i].value or 0.0) for i, _ in row.terms)
        limit = max(abs(row.low or 0.0), abs(row.high or 0.0))  # a note may name a value far from the cell's
        for ident, coefficient in row.terms:
            reach = limit / abs(coefficient) if coefficient else 0.0
            near[ident] = max(near[ident], largest, total, reach)
    out: dict[str, float] = {}
    for ident, cell in system.cells.items():
        bound = cell.upper if cell.upper is not None else 10.0 * (near[ident] + 100.0)
        out[ident] = max(bound, cell.value or 0.0, cell.lower)
    return out
