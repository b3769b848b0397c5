"""Error localisation without a solver, for the small systems most reports give.

The MILP of fixes/solve.py answers every question, but importing scipy costs a third of a
second and each solve tens of milliseconds, while most reports need 0, 1 or 2 cells
changed among a few. This module gives the MILP's answers by enumeration:

- the system splits into components (cells linked by a row or a conditional); the
  objective adds up over them, so each is solved alone, and most hold as they are;
- in a component, the changes (cells, and notes' claims given up) are tried in increasing
  count, cheapest first, each decided exactly over its few unknowns (fixes/region.py),
  with the MILP's own constraints, big-Ms included;
- the cheapest is the answer only when it is the only one: a tie is broken by the MILP
  its own way, so a tie is the MILP's to answer.

Whatever it cannot answer as the MILP would (a component beyond its bounds, an integer
question with no witness, a tie, a value the solution leaves open that a question needs)
raises Undecided, and `suggest` asks the MILP: the answers do not depend on this module's
reach, only their speed does. (Where values run into millions, HiGHS can return an
answer that is no solution of its own programme, a big-M passed off as integral; there
this module's answer is the exact one. tests/test_fixes_fast.py checks both.)
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
from collections.abc import Callable

from cchc_rules.fixes.region import INTEGRAL_TOL, Ineq, Region, Undecided, holds
from cchc_rules.fixes.solve import BIG, Solution, condition_margin, condition_step, row_margin, uppers
from cchc_rules.fixes.system import System

__all__ = ["FastProgramme", "Undecided"]

MAX_CHANGES = 5  # changes (cells and claims given up) tried in one component
MAX_SUBSETS = 5000  # subsets of one count enumerated in one component (25 cells: 3 changes)
MAX_TRIED = 400  # subsets decided in one count: beyond, the MILP is quicker
MAX_UNKNOWNS = 6  # blanks and changed cells decided together
MAX_OPTIONAL = 4  # uncounted claims (weak figures, copies) that may or may not be given up
MAX_OPEN = 3  # conditionals whose branch is left open by the fixed cells
TIE = 1e-4  # costs closer than this are a tie (they differ by 0.01 at least)
SAME = 1e-9  # a least and greatest value this close: the value is determined

Line = tuple[tuple[tuple[str, float], ...], float | None, float | None]  # low ≤ Σ c·x ≤ high


# Plain classes rather than dataclasses, which would cost each first suggestion of a run
# (a `cchc check` of a report with findings) about a millisecond apiece to build.


class _Component:
    __slots__ = ("cells", "conditionals", "index", "rows")

    def __init__(self, index: int, cells: list[str], rows: list[int], conditionals: list[int]) -> None:
        self.index = index
        self.cells = cells
        self.rows = rows
        self.conditionals = conditionals

    def blanks(self, system: System) -> list[str]:
        return [c for c in self.cells if system.cells[c].value is None]


class _Choice:
    """A component's smallest change: cells changed, soft rows given up, values."""

    __slots__ = ("changed", "loose", "primary", "relaxed", "values")

    def __init__(
        self,
        changed: frozenset[str],
        relaxed: frozenset[int],
        primary: int,
        values: dict[str, float],
        loose: frozenset[str],
    ) -> None:
        self.changed = changed
        self.relaxed = relaxed
        self.primary = primary
        self.values = values
        self.loose = loose


class _Problem:
    """A component with its unknowns fixed: inequalities, open conditionals, and the
    uncounted soft rows whose giving up is still to choose."""

    __slots__ = ("branches", "forced", "ineqs", "optional")

    def __init__(
        self, ineqs: list[Ineq], branches: list[list[list[Ineq]]], optional: list[int], forced: frozenset[int]
    ) -> None:
        self.ineqs = ineqs
        self.branches = branches
        self.optional = optional
        self.forced = forced


class FastProgramme:
    """The questions of `Programme` (fixes/solve.py), answered by enumeration or not at all."""

    def __init__(self, system: System) -> None:
        self.system = system
        self.upper = uppers(system)
        self.components = _split(system)
        self.component_of = {cell: comp for comp in self.components for cell in comp.cells}
        self.row_index = {id(row): i for i, row in enumerate(system.rows)}
        self._optima: dict[tuple[int, frozenset[str], int | None], _Choice | None] = {}
        self._spans: dict[tuple[int, frozenset[str], frozenset[int], str], tuple[float, float]] = {}

    # ── the questions ──────────────────────────────────────────────────────────

    def solve(self, keep: frozenset[str] = frozenset(), cap: int | None = None) -> tuple[Solution | None, float | None]:
        """The smallest change leaving `keep` alone, with at most `cap` changes. The objective
        adds up over the components, and keeping a cell never makes a component's change
        smaller: each takes its own smallest, within what the cap leaves it."""
        optima = [self._optimum(comp, frozenset(), None) for comp in self.components]
        fewest = sum(o.primary for o in optima if o is not None)
        choices: list[_Choice] = []
        for comp, optimum in zip(self.components, optima, strict=True):
            kept = keep & frozenset(comp.cells)
            if optimum is not None and kept:
                limit = None if cap is None else cap - (fewest - optimum.primary)
                optimum = self._optimum(comp, kept, limit)
            if optimum is None:
                return None, None
            choices.append(optimum)
        solution = self._solution(choices)
        if cap is not None and solution.primary > cap:
            return None, None
        return solution, BIG * solution.primary + solution.cost

    def value_range(self, solution: Solution, ident: str) -> tuple[float, float] | None:
        """The least and greatest value of `ident` with the solution's changes held."""
        comp = self.component_of[ident]
        changed = frozenset(solution.changed & set(comp.cells))
        mine = set(comp.rows)
        relaxed = frozenset(i for row in solution.given_up if (i := self.row_index[id(row)]) in mine)
        return self._span(comp, changed, relaxed, ident)

    # ── one component ──────────────────────────────────────────────────────────

    def _optimum(self, comp: _Component, keep: frozenset[str], limit: int | None) -> _Choice | None:
        key = (comp.index, keep, limit)
        if key not in self._optima:
            self._optima[key] = self._search(comp, keep, limit)
        return self._optima[key]

    def _search(self, comp: _Component, keep: frozenset[str], limit: int | None) -> _Choice | None:
        """Changes in increasing count, cheapest first; the first count with any is the answer."""
        system = self.system
        cells = [c for c in comp.cells if system.cells[c].value is not None and c not in keep]
        claims = [i for i in comp.rows if system.rows[i].soft and system.rows[i].strong]
        items: list[str | int] = [*cells, *claims]
        costs = [system.cells[c].weight for c in cells] + [system.rows[i].cost for i in claims]
        needs = self._needs(comp, {item: 1 << n for n, item in enumerate(items)})
        if needs is None:
            return None
        top = len(items) if limit is None else min(limit, len(items))
        for level in range(top + 1):
            if level > MAX_CHANGES or math.comb(len(items), level) > MAX_SUBSETS:
                raise Undecided("a component beyond the fast path's bounds")
            options: list[tuple[float, tuple[int, ...]]] = []
            for combo in itertools.combinations(range(len(items)), level):
                mask = sum(1 << n for n in combo)
                if all(mask & need for need in needs):
                    options.append((sum(costs[n] for n in combo), combo))
            options.sort()
            if len(options) > MAX_TRIED:
                raise Undecided("too many changes to try")
            found: list[tuple[float, frozenset[str], frozenset[int], list[Region]]] = []
            best = math.inf
            for base, combo in options:
                if base > best + TIE:
                    break
                changed = frozenset(c for n in combo if isinstance(c := items[n], str))
                given_up = frozenset(r for n in combo if isinstance(r := items[n], int))
                for extra, relaxed, regions in self._ways(comp, changed, given_up):
                    found.append((base + extra, changed, given_up | relaxed, regions))
                    best = min(best, base + extra)
            winners = [f for f in found if f[0] <= best + TIE]
            if len(winners) > 1:
                raise Undecided("a tie the MILP breaks its own way")
            if winners:
                _, changed, relaxed, regions = winners[0]
                return self._choice(comp, changed, relaxed, regions, level)
        return None  # every count the cap allows is infeasible

    def _needs(self, comp: _Component, bit: dict[str | int, int]) -> list[int] | None:
        """What any solution must change, as bitmasks over the items: one cell of each hard
        row the reported values break, a claim they break or one of its cells, a value
        outside its own bounds or a fraction where an integer must be. None when something
        must change that may not."""
        system = self.system
        broken: list[list[str | int]] = []
        for ident in comp.cells:
            cell = system.cells[ident]
            if cell.value is None:
                continue
            outside = self._reduce(self._cell_lines(ident, False)[0], frozenset()) is None
            if outside or (cell.integer and abs(cell.value - round(cell.value)) > INTEGRAL_TOL):
                broken.append([ident])
        for index in comp.rows:
            row = system.rows[index]
            if any(system.cells[i].value is None for i, _ in row.terms) or (row.soft and not row.strong):
                continue
            if self._reduce(self._row_line(index, False), frozenset()) is None:
                broken.append([*(i for i, _ in row.terms), *([index] if row.soft else [])])
        for k in comp.conditionals:
            rule = system.conditionals[k]
            if any(system.cells[i].value is None for i in (rule.when, *rule.then)):
                continue
            if all(self._reduce_all(branch, frozenset()) is None for branch in self._branches(k)):
                broken.append([rule.when, *rule.then])
        needs = [functools.reduce(operator.or_, (bit.get(m, 0) for m in members), 0) for members in broken]
        return None if 0 in needs else needs

    def _ways(
        self, comp: _Component, changed: frozenset[str], given_up: frozenset[int]
    ) -> list[tuple[float, frozenset[int], list[Region]]]:
        """The feasible ways to give up the uncounted soft rows with these changes:
        (their cost, the rows, the regions of the open conditionals' branches)."""
        problem = self._problem(comp, changed, lambda i: True if i in given_up else None)
        if problem is None:
            return []
        if len(problem.optional) > MAX_OPTIONAL:
            raise Undecided("too many notes to give up or keep")
        unknowns = frozenset(comp.blanks(self.system)) | changed
        out: list[tuple[float, frozenset[int], list[Region]]] = []
        for size in range(len(problem.optional) + 1):
            for dropped in itertools.combinations(problem.optional, size):
                ineqs = list(problem.ineqs)
                for index in problem.optional:
                    reduced = self._reduce(self._row_line(index, index in dropped), unknowns)
                    if reduced is None:
                        break
                    ineqs.extend(reduced)
                else:
                    regions = self._regions(ineqs, problem.branches, unknowns)
                    if regions:
                        relaxed = problem.forced | frozenset(dropped)
                        out.append((sum(self.system.rows[i].cost for i in relaxed), relaxed, regions))
        return out

    def _choice(
        self, comp: _Component, changed: frozenset[str], relaxed: frozenset[int], regions: list[Region], level: int
    ) -> _Choice:
        values: dict[str, float] = {}
        loose: set[str] = set()
        witness = next((p for r in regions if (p := r.point()) is not None), None)
        if witness is None:
            raise Undecided("a feasible change without a point")
        for ident in sorted(frozenset(comp.blanks(self.system)) | changed):
            least, greatest = self._extremes(regions, ident)
            self._spans[(comp.index, changed, relaxed, ident)] = (least, greatest)
            if greatest - least <= SAME * (1.0 + abs(least)):
                values[ident] = least
            else:
                values[ident] = witness.get(ident, least)
                loose.add(ident)
        return _Choice(changed, relaxed, level, values, frozenset(loose))

    def _span(
        self, comp: _Component, changed: frozenset[str], relaxed: frozenset[int], ident: str
    ) -> tuple[float, float]:
        key = (comp.index, changed, relaxed, ident)
        if key not in self._spans:
            value = self.system.cells[ident].value
            if ident not in changed and value is not None:
                return value, value
            problem = self._problem(comp, changed, lambda i: i in relaxed)
            if problem is None:
                raise Undecided("a solution the fast path finds infeasible")
            unknowns = frozenset(comp.blanks(self.system)) | changed
            self._spans[key] = self._extremes(self._regions(problem.ineqs, problem.branches, unknowns), ident)
        return self._spans[key]

    @staticmethod
    def _extremes(regions: list[Region], ident: str) -> tuple[float, float]:
        lows = [v for r in regions if (v := r.extreme(ident, True)) is not None]
        highs = [v for r in regions if (v := r.extreme(ident, False)) is not None]
        if not lows or not highs:
            raise Undecided("a solution the fast path finds infeasible")
        return min(lows), max(highs)

    def _solution(self, choices: list[_Choice]) -> Solution:
        system = self.system
        values = {i: c.value for i, c in system.cells.items() if c.value is not None}
        changed: set[str] = set()
        relaxed: set[int] = set()
        loose: set[str] = set()
        for choice in choices:
            values.update(choice.values)
            changed |= choice.changed
            relaxed |= choice.relaxed
            loose |= choice.loose
        given_up = [system.rows[i] for i in sorted(relaxed)]
        primary = len(changed) + sum(1 for r in given_up if r.strong)
        cost = sum(system.cells[i].weight for i in changed) + sum(r.cost for r in given_up)
        return Solution(values, changed, given_up, primary, cost, frozenset(loose))

    # ── the MILP's constraints, over the unknowns ─────────────────────────────

    def _problem(
        self, comp: _Component, changed: frozenset[str], relax: Callable[[int], bool | None]
    ) -> _Problem | None:
        """The component's constraints with every cell but the blanks and `changed` at its
        reported value. `relax(row)` says whether a soft row is given up; for an uncounted
        row None leaves it to choose (if it names an unknown; else it is given up exactly
        when it fails). None when the constraints cannot hold."""
        system = self.system
        unknowns = frozenset(comp.blanks(system)) | changed
        if len(unknowns) > MAX_UNKNOWNS:
            raise Undecided("too many unknowns")
        ineqs: list[Ineq] = []
        for ident in sorted(unknowns):
            ineqs += [({ident: 1.0}, self.upper[ident]), ({ident: -1.0}, -system.cells[ident].lower)]
            if ident in changed:
                reduced = self._reduce(self._cell_lines(ident, True)[1], unknowns)
                if reduced is None:
                    return None
                ineqs.extend(reduced)
        optional: list[int] = []
        forced: set[int] = set()
        for index in comp.rows:
            row = system.rows[index]
            given_up = relax(index) if row.soft else False
            if given_up is None and not row.strong:
                if any(i in unknowns for i, _ in row.terms):
                    optional.append(index)
                    continue
                given_up = self._reduce(self._row_line(index, False), unknowns) is None
                if given_up:
                    forced.add(index)
            reduced = self._reduce(self._row_line(index, bool(given_up)), unknowns)
            if reduced is None:
                return None
            ineqs.extend(reduced)
        branches: list[list[list[Ineq]]] = []
        for k in comp.conditionals:
            open_: list[list[Ineq]] = []
            for branch in self._branches(k):
                reduced = self._reduce_all(branch, unknowns)
                if reduced == []:
                    break  # a branch that always holds: the rule asks nothing
                if reduced is not None:
                    open_.append(reduced)
            else:
                if not open_:
                    return None
                if len(open_) == 1:
                    ineqs.extend(open_[0])
                else:
                    branches.append(open_)
        if len(branches) > MAX_OPEN:
            raise Undecided("too many open conditionals")
        return _Problem(ineqs, branches, optional, frozenset(forced))

    def _regions(self, ineqs: list[Ineq], branches: list[list[list[Ineq]]], unknowns: frozenset[str]) -> list[Region]:
        """The non-empty regions, one for each choice of the open conditionals' branches."""
        integer = frozenset(i for i in unknowns if self.system.cells[i].integer)
        out: list[Region] = []
        for combo in itertools.product(*branches):
            region = Region.of([*ineqs, *(q for branch in combo for q in branch)], integer)
            if region is not None and region.point() is not None:
                out.append(region)
        return out

    def _cell_lines(self, ident: str, changed: bool) -> list[Line]:
        """A cell's bounds; changed, the MILP's |x − v| ≤ M (it can bind when v is out of range)."""
        cell = self.system.cells[ident]
        lines: list[Line] = [(((ident, 1.0),), cell.lower, self.upper[ident])]
        if changed and cell.value is not None:
            m = self.upper[ident] - cell.lower + 1.0
            lines.append((((ident, 1.0),), cell.value - m, cell.value + m))
        return lines

    def _row_line(self, index: int, given_up: bool) -> Line:
        row = self.system.rows[index]
        if not given_up:
            return row.terms, row.low, row.high
        m = row_margin(self.upper, row.terms)
        return row.terms, None if row.low is None else row.low - m, None if row.high is None else row.high + m

    def _branches(self, k: int) -> list[list[Line]]:
        """A conditional's three branches as the MILP writes them: holds (then its
        targets are 0, or ≥ 1), or its cell is above, or below, the value."""
        rule = self.system.conditionals[k]
        m, step, e = condition_margin(self.upper, rule), condition_step(self.system, rule), rule.equals
        cell = ((rule.when, 1.0),)
        held: list[Line] = [(((t, 1.0),), 1.0, None) if rule.positive else (((t, 1.0),), None, 0.0) for t in rule.then]
        free: list[Line] = [
            (((t, 1.0),), 1.0 - m, None) if rule.positive else (((t, 1.0),), None, m) for t in rule.then
        ]
        return [
            [(cell, e, e), (cell, e + step - m, e - step + m), *held],
            [(cell, e - m, e + m), (cell, e + step, e - step + m), *free],
            [(cell, e - m, e + m), (cell, e + step - m, e - step), *free],
        ]

    def _reduce_all(self, lines: list[Line], unknowns: frozenset[str]) -> list[Ineq] | None:
        out: list[Ineq] = []
        for line in lines:
            reduced = self._reduce(line, unknowns)
            if reduced is None:
                return None
            out.extend(reduced)
        return out

    def _reduce(self, line: Line, unknowns: frozenset[str]) -> list[Ineq] | None:
        """A line with the known cells substituted, as ≤ inequalities over the unknowns,
        dropping a side no value within the bounds can break; None when it cannot hold."""
        terms, low, high = line
        coefficients = dict(terms)  # as the MILP reads a row: a repeated cell keeps its last coefficient
        known = 0.0
        free: dict[str, float] = {}
        for ident, c in coefficients.items():
            if ident in unknowns:
                free[ident] = c
            else:
                known += c * (self.system.cells[ident].value or 0.0)
        least = sum(c * (self.system.cells[i].lower if c > 0 else self.upper[i]) for i, c in free.items())
        greatest = sum(c * (self.upper[i] if c > 0 else self.system.cells[i].lower) for i, c in free.items())
        out: list[Ineq] = []
        if high is not None and greatest > high - known:
            if not free and not holds(high - known):
                return None
            if free:
                out.append((free, high - known))
        if low is not None and least < low - known:
            if not free and not holds(known - low):
                return None
            if free:
                out.append(({i: -c for i, c in free.items()}, known - low))
        return out


def _split(system: System) -> list[_Component]:
    """The cells linked by a row or a conditional, in the system's order."""
    parent = {ident: ident for ident in system.cells}

    def root(ident: str) -> str:
        while parent[ident] != ident:
            parent[ident] = parent[parent[ident]]
            ident = parent[ident]
        return ident

    groups = [[i for i, _ in row.terms] for row in system.rows]
    groups += [[rule.when, *rule.then] for rule in system.conditionals]
    for group in groups:
        for member in group[1:]:
            parent[root(member)] = root(group[0])
    order: dict[str, _Component] = {}
    for ident in system.cells:
        top = root(ident)
        if top not in order:
            order[top] = _Component(len(order), [], [], [])
        order[top].cells.append(ident)
    for index, row in enumerate(system.rows):
        order[root(row.terms[0][0])].rows.append(index)
    for k, rule in enumerate(system.conditionals):
        order[root(rule.when)].conditionals.append(k)
    return list(order.values())
