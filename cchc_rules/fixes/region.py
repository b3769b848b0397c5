"""Exact answers over a few unknowns: is a small linear system feasible, and what are an
unknown's least and greatest values, some unknowns being integers.

The fast path of error localisation (fixes/fast.py) asks these questions about a handful
of changed cells. Fourier–Motzkin elimination answers them exactly over the reals; an
integer unknown is decided by a witness, a point built by substituting integers back.
Where a few tries find none and do not exhaust the candidates, nothing is guessed:
`Undecided` sends the whole question to the MILP (fixes/solve.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

TOL = 1e-9  # relative slack of a comparison: float noise, far below the data's decimals
INTEGRAL_TOL = 1e-7  # a bound this close to an integer admits it
TRIES = 8  # integer values tried for one unknown before giving up
MAX_INEQUALITIES = 2000  # beyond this, elimination has blown up: not a small system

Ineq = tuple[dict[str, float], float]  # Σ coefficient·x ≤ bound


class Undecided(Exception):
    """The fast path cannot answer exactly: the MILP must."""


def holds(bound: float) -> bool:
    """0 ≤ bound, within float noise."""
    return bound >= -TOL * (1.0 + abs(bound))


def tidy(ineqs: list[Ineq]) -> list[Ineq] | None:
    """Normalise, drop the redundant (same direction, looser bound) and check the constant
    ones; None when a constant one fails."""
    best: dict[tuple[tuple[str, float], ...], Ineq] = {}
    for coefficients, bound in ineqs:
        scale = max((abs(c) for c in coefficients.values()), default=0.0)
        kept = {v: c / scale for v, c in coefficients.items() if abs(c) > 1e-12 * scale} if scale else {}
        if not kept:
            if not holds(bound):
                return None
            continue
        normal = (kept, bound / scale)
        key = tuple(sorted((v, round(c, 9)) for v, c in kept.items()))
        if key not in best or normal[1] < best[key][1]:
            best[key] = normal
    if len(best) > MAX_INEQUALITIES:
        raise Undecided("elimination blew up")
    return list(best.values())


def eliminate(ineqs: list[Ineq], var: str) -> list[Ineq] | None:
    """Project `var` out (Fourier–Motzkin); None when the projection is empty."""
    upper: list[Ineq] = []
    lower: list[Ineq] = []
    out: list[Ineq] = []
    for ineq in ineqs:
        c = ineq[0].get(var, 0.0)
        (upper if c > 0 else lower if c < 0 else out).append(ineq)
    for up, bu in upper:
        cu = up[var]
        for low, bl in lower:
            cl = -low[var]
            combined = {v: c / cu for v, c in up.items() if v != var}
            for v, c in low.items():
                if v != var:
                    combined[v] = combined.get(v, 0.0) + c / cl
            out.append((combined, bu / cu + bl / cl))
    return tidy(out)


class Region:
    """{x : Σ c·x ≤ b for each inequality}, the unknowns in `integer` integral."""

    def __init__(self, ineqs: list[Ineq], integer: frozenset[str]) -> None:
        self.ineqs = ineqs
        self.integer = integer
        self.unknowns = sorted({v for coefficients, _ in ineqs for v in coefficients})
        self._spans: dict[str, tuple[float, float] | None] = {}
        self._point: dict[str, float] | None = None
        self._pointed = False

    @classmethod
    def of(cls, ineqs: list[Ineq], integer: frozenset[str]) -> Region | None:
        tidied = tidy(ineqs)
        return None if tidied is None else cls(tidied, integer)

    def span(self, var: str) -> tuple[float, float] | None:
        """The least and greatest real value of `var`; None when the region is empty."""
        if var not in self._spans:
            self._spans[var] = self._span(var)
        return self._spans[var]

    def _span(self, var: str) -> tuple[float, float] | None:
        ineqs: list[Ineq] | None = self.ineqs
        others = [v for v in self.unknowns if v != var]
        while others and ineqs is not None:
            # Eliminate first the unknown that makes the fewest new inequalities.
            def growth(v: str, current: list[Ineq] = ineqs) -> int:
                up = sum(1 for c, _ in current if c.get(v, 0.0) > 0)
                down = sum(1 for c, _ in current if c.get(v, 0.0) < 0)
                return up * down - up - down

            others.sort(key=growth)
            ineqs = eliminate(ineqs, others.pop(0))
        if ineqs is None:
            return None
        least, greatest = -math.inf, math.inf
        for coefficients, bound in ineqs:
            c = coefficients.get(var, 0.0)
            if c > 0:
                greatest = min(greatest, bound / c)
            elif c < 0:
                least = max(least, bound / c)
        if least > greatest + TOL * (1.0 + abs(greatest)):
            return None
        return least, max(least, greatest)

    def substitute(self, var: str, value: float) -> Region | None:
        ineqs: list[Ineq] = []
        for coefficients, bound in self.ineqs:
            c = coefficients.get(var)
            if c is None:
                ineqs.append((coefficients, bound))
            else:
                ineqs.append(({v: k for v, k in coefficients.items() if v != var}, bound - c * value))
        return Region.of(ineqs, self.integer)

    def point(self) -> dict[str, float] | None:
        """A point of the region (integers where they must be); None when it is empty."""
        if not self._pointed:
            self._point, self._pointed = self._find(), True
        return None if self._point is None else dict(self._point)

    def _find(self) -> dict[str, float] | None:
        if not self.unknowns:
            return {}
        order = sorted(self.unknowns, key=lambda v: (v not in self.integer, v))
        var, rest = order[0], order[1:]
        span = self.span(var)
        if span is None:
            return None
        rest_integral = any(v in self.integer for v in rest)
        exhaustive, candidates = self._candidates(var, span, rest_integral)
        for value in candidates:
            inner = self.substitute(var, value)
            found = inner.point() if inner is not None else None
            if found is not None:
                found[var] = value
                return found
            if not rest_integral:
                raise Undecided("a value inside the projection did not extend")
        if exhaustive:
            return None
        raise Undecided("no integral witness among the values tried")

    def _candidates(self, var: str, span: tuple[float, float], rest_integral: bool) -> tuple[bool, list[float]]:
        """(whether the list is every possibility, the values of `var` to try)."""
        least, greatest = span
        if var not in self.integer:
            return False, [(least + greatest) / 2]
        low, high = _integers(span)
        if low > high:
            return True, []
        if not rest_integral:
            return True, [float(low)]
        values: list[float] = []
        while low <= high and len(values) < TRIES:
            values.append(float(low))
            if high != low:
                values.append(float(high))
            low, high = low + 1, high - 1
        return low > high, values

    def extreme(self, var: str, lowest: bool) -> float | None:
        """The least (or greatest) value of `var` over the region; None when it is empty."""
        span = self.span(var)
        if span is None:
            return None
        others_integral = any(v in self.integer for v in self.unknowns if v != var)
        if var not in self.integer:
            value = span[0] if lowest else span[1]
            if not others_integral:
                return value
            inner = self.substitute(var, value)
            if inner is not None and inner.point() is not None:
                return value
            raise Undecided("the real extreme is not attained with integers")
        for n, value in enumerate(_walk(span, lowest)):
            if not others_integral:
                return value
            if n >= TRIES:
                raise Undecided("no integral extreme among the values tried")
            inner = self.substitute(var, value)
            if inner is not None and inner.point() is not None:
                return value
        return None


def _integers(span: tuple[float, float]) -> tuple[int, int]:
    return math.ceil(span[0] - INTEGRAL_TOL), math.floor(span[1] + INTEGRAL_TOL)


def _walk(span: tuple[float, float], upward: bool) -> Iterator[float]:
    low, high = _integers(span)
    values = range(low, high + 1) if upward else range(high, low - 1, -1)
    return (float(v) for v in values)
