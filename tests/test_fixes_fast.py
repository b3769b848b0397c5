"""The fast path of error localisation (fixes/fast.py) gives the MILP's own answers.

Random small systems (sums, comparisons, exclusive shares, rate rows, notes' claims strong,
weak and copied, conditionals, blanks, values out of range) and random edits of the sample
are answered both ways: where the fast path answers, its suggestions are the MILP's, to
the last alternative; where it cannot, it says so (Undecided) and the MILP answers.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cchc_rules.fixes as fixes
from cchc_rules.checker import Checker
from cchc_rules.fixes import Suggestion
from cchc_rules.fixes.fast import FastProgramme, Undecided
from cchc_rules.fixes.region import Region
from cchc_rules.fixes.solve import BIG, Localiser, Programme, Solution, uppers
from cchc_rules.fixes.system import Cell, Conditional, Row, System, _weigh
from cchc_rules.model import ValueKind
from cchc_rules.notes.evidence import Claim, Evidence
from cchc_rules.rules.base import Context

from helpers import SAMPLE, sample_lines

FIXTURE = HealthCheck.function_scoped_fixture  # the checker is shared; the paths are per example
SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ── random systems ─────────────────────────────────────────────────────────────


@dataclass
class Plan:
    """A system as plain data: cells (kind, value), rows, claims and conditionals over them."""

    cells: list[tuple[str, float | None]] = field(default_factory=list)
    rows: list[tuple[str, list[int], list[int], float]] = field(default_factory=list)
    claims: list[tuple[str, list[int], float]] = field(default_factory=list)
    conditionals: list[tuple[int, float, list[int], bool]] = field(default_factory=list)


KINDS = {"count": ValueKind.COUNT, "rate": ValueKind.RATE, "yesno": ValueKind.YESNO, "coded": ValueKind.CODED}
RATES = [0.0, 6.31, 50.0, 93.69, 100.0, 101.5]
ODD_COUNTS = [None, 2.5, 1_500_000.0]  # a blank, a fraction where an integer must be, money
CODES = [-1.0, 0.0, 1.0, 2.0, 3.0, 5.0]  # the legend is 1–3; a code outside it widens the bounds


class Chooser:
    """Random choices, from hypothesis (shrinkable) or from a seeded `random.Random`."""

    def __init__(self, data: st.DataObject | None = None, seed: int = 0) -> None:
        self.data = data
        self.rng = random.Random(seed)

    def integer(self, low: int, high: int) -> int:
        return self.data.draw(st.integers(low, high)) if self.data else self.rng.randint(low, high)

    def pick(self, options: list[Any]) -> Any:
        return options[self.integer(0, len(options) - 1)]

    def some(self, options: list[int], low: int, high: int) -> list[int]:
        pool, out = list(options), []
        for _ in range(min(self.integer(low, high), len(pool))):
            out.append(pool.pop(self.integer(0, len(pool) - 1)))
        return out


def plan_of(choose: Chooser) -> Plan:
    plan = Plan()
    for _ in range(choose.integer(2, 7)):
        kind = choose.pick(["count", "count", "count", "rate", "yesno", "coded"])
        value: float | None
        if kind == "count":
            odd = choose.integer(0, 11)
            value = ODD_COUNTS[odd % 3] if odd < 2 or odd == 11 else float(choose.integer(-2, 12))
        elif kind == "rate":
            value = choose.pick(RATES)
        elif kind == "coded":
            value = choose.pick(CODES)
        else:
            value = float(choose.integer(0, 1))
        plan.cells.append((kind, value))
    of = {k: [n for n, (kind, _) in enumerate(plan.cells) if kind == k] for k in KINDS}
    counts, rates = of["count"], of["rate"]
    for _ in range(choose.integer(1, 4)):
        shape = choose.pick(["sum", "part", "le", "lt", "shares", "rate"])
        if shape in ("sum", "part", "le", "lt") and len(counts) >= 2:
            chosen = choose.some(counts, 2, 4)
            plan.rows.append((shape, chosen[:1], chosen[1:], 0.0))
        elif shape == "shares" and rates:
            plan.rows.append((shape, choose.some(rates, 1, 3), [], 0.0))
        elif shape == "rate" and rates and counts:
            plan.rows.append((shape, [choose.pick(rates)], [choose.pick(counts)], float(choose.pick([20, 120, 1712]))))
    for _ in range(choose.integer(0, 3)):
        if counts or rates:
            strength = choose.pick(["strong", "weak", "copy"])
            plan.claims.append(
                (strength, choose.some(counts + rates, 1, 2), float(choose.pick([0, 1, 3, 8, 25, 93.69])))
            )
    for _ in range(choose.integer(0, 2)):
        if counts:
            when = choose.pick(counts + of["yesno"] + of["coded"])
            then = choose.some([n for n in counts if n != when] or counts, 1, 2)
            plan.conditionals.append((when, float(choose.integer(0, 1)), then, choose.integer(0, 1) == 1))
    return plan


def name(n: int) -> str:
    return f"c{n}"


def build(plan: Plan) -> tuple[System, Evidence]:
    """The system `fixes.system.build` would make of such rules and notes, every failing rule reported."""
    system = System()
    for n, (kind, value) in enumerate(plan.cells):
        lower, upper = {"rate": (0.0, 100.0), "yesno": (0.0, 1.0), "coded": (1.0, 3.0)}.get(kind, (0.0, None))
        if kind == "coded" and value is not None:  # as fixes.system does: the matter of CODE-RANGE
            lower, upper = min(lower, value), max(upper or value, value)
        system.cells[name(n)] = Cell(name(n), value, kind != "rate", lower, upper, 2 if kind == "rate" else 0)
    for k, (shape, left, right, total) in enumerate(plan.rows):
        rule = f"R{k}"
        ones = tuple((name(n), 1.0) for n in left)
        minus = tuple((name(n), -1.0) for n in right)
        if shape == "sum":
            system.rows.append(Row(ones + minus, 0.0, 0.0, rule))
        elif shape == "part":
            system.rows.extend(Row(((name(left[0]), 1.0), (name(n), -1.0)), 0.0, None, rule) for n in right)
        elif shape in ("le", "lt"):
            system.rows.append(Row(ones + minus, None, 0.0 if shape == "le" else -1.0, rule))
        elif shape == "shares":
            system.rows.append(Row(ones, None, 100.0 + 0.005 * len(left), rule))
        else:
            tol = 0.005 * total
            system.rows.append(Row(((name(left[0]), total), (name(right[0]), -100.0)), -tol, tol, rule))
    values = system.values
    claims: list[Claim] = []
    for k, (strength, chosen, figure) in enumerate(plan.claims):
        terms = tuple((name(n), 1.0) for n in chosen)
        if strength == "weak":  # a weak figure is kept only where it agrees
            if any(values[i] is None for i, _ in terms):
                continue
            figure = sum(values[i] or 0.0 for i, _ in terms)
        rate = any(plan.cells[n][0] == "rate" for n in chosen)
        tol = 0.005 * len(terms) if rate else 0.0
        claim = Claim("parts", terms[0][0], terms, figure - tol, figure + tol, f"{figure}", f"note {k}", f"{figure}",
                      strength != "weak", "c0" if strength == "copy" else None, f"N{k}")  # fmt: skip
        claims.append(claim)
        counted = claim.strong and claim.copy_of is None
        cost = 0.0 if claim.copy_of else 1.25 if claim.strong else 0.6
        system.rows.append(Row(terms, claim.low, claim.high, claim.rule, True, counted, cost, claim))
    for k, (when, equals, then, positive) in enumerate(plan.conditionals):
        system.conditionals.append(Conditional(name(when), equals, tuple(name(n) for n in then), positive, f"C{k}"))
    system.failing = {r.rule_id for r in system.rows if r.holds(values) is False}
    system.failing |= {c.rule_id for c in system.conditionals if c.holds(values) is False}
    for cell in system.cells.values():
        if cell.value is not None and (cell.value < cell.lower or (cell.upper is not None and cell.value > cell.upper)):
            system.out_of_range[cell.ident] = ("RANGE",)
    _weigh(system)
    return system, Evidence(tuple(claims), values)


@dataclass
class _Value:
    decimals: int
    denominator: None = None

    def has(self, flag: object) -> bool:
        return False


@dataclass
class _Entry:
    raw: str
    value: _Value
    location: None = None


@dataclass
class _Indicator:
    kind: ValueKind


@dataclass
class _Context:
    """What `suggest` reads of a report: each row's text and kind."""

    entries: dict[str, _Entry]
    kinds: dict[str, _Indicator]

    @property
    def catalogue(self) -> dict[str, _Indicator]:
        return self.kinds

    def entry(self, ident: str) -> _Entry | None:
        return self.entries.get(ident)


def context(plan: Plan) -> Context:
    entries: dict[str, _Entry] = {}
    kinds: dict[str, _Indicator] = {}
    for n, (kind, value) in enumerate(plan.cells):
        raw = "" if value is None else f"{value:g}".replace(".", ",") + ("%" if kind == "rate" else "")
        entries[name(n)] = _Entry(raw, _Value(2 if kind == "rate" else 0))
        kinds[name(n)] = _Indicator(KINDS[kind])
    return cast(Context, _Context(entries, kinds))


Question = tuple[frozenset[str], int | None]


class Audited:
    """A programme whose answers are checked here, not by a solver: each solution keeps
    every invariant it does not give up and costs what its objective says. `sound` turns
    False at the first that does not (HiGHS can pass a big-M off as integral when values
    run into millions: its answer is then no solution of its own programme). `answers`
    keeps the objective of each sound answer (None: no solution), to find one that is no
    smallest change."""

    def __init__(self, programme: Localiser, system: System) -> None:
        self.programme, self.system, self.upper = programme, system, uppers(system)
        self.sound = True
        self.answers: dict[Question, float | None] = {}

    def solve(self, keep: frozenset[str] = frozenset(), cap: int | None = None) -> tuple[Solution | None, float | None]:
        solution, objective = self.programme.solve(keep=keep, cap=cap)
        if solution is None:
            self.answers[(keep, cap)] = None
            return solution, objective
        price = BIG * solution.primary + solution.cost
        if objective is not None and abs(objective - price) < 1e-3 and feasible(self.system, self.upper, solution):
            self.answers[(keep, cap)] = price
        else:
            self.sound = False
        return solution, objective

    def value_range(self, solution: Solution, ident: str) -> tuple[float, float] | None:
        span = self.programme.value_range(solution, ident)
        self.sound = self.sound and span is not None
        return span


def feasible(system: System, upper: dict[str, float], solution: Solution) -> bool:
    """Whether the solution's values satisfy the programme (as the MILP reads it)."""
    x = solution.values

    def near(bound: float) -> float:
        return 1e-6 + 1e-9 * abs(bound)  # the data's decimals, and float noise in millions

    for ident, cell in system.cells.items():
        v = x[ident]
        if v < cell.lower - 1e-6 or v > upper[ident] + 1e-6 or (cell.integer and abs(v - round(v)) > 1e-6):
            return False
        if cell.value is not None and ident not in solution.changed and abs(v - cell.value) > 1e-6:
            return False
    given_up = {id(row) for row in solution.given_up}
    for row in system.rows:
        total = sum(c * x[i] for i, c in dict(row.terms).items())
        low = row.low is not None and total < row.low - near(row.low)
        high = row.high is not None and total > row.high + near(row.high)
        if id(row) not in given_up and (low or high):
            return False
    for rule in system.conditionals:
        a, step = x[rule.when], 1.0 if system.cells[rule.when].integer else 1e-6
        if abs(a - rule.equals) <= 1e-7:
            if not all(x[t] >= 1 - 1e-6 if rule.positive else x[t] <= 1e-6 for t in rule.then):
                return False
        elif abs(a - rule.equals) < step - 1e-7:
            return False
    return True


def compare(plan: Plan) -> str:
    """The plan's suggestions both ways: "same", "declined" (the fast path left it to the
    MILP), or "unsound" (they differ where the MILP's answer is no solution)."""
    system, evidence = build(plan)
    blanks = [c.ident for c in system.cells.values() if c.value is None]
    quick = Audited(FastProgramme(system), system)
    try:
        mine = fixes._answer(context(plan), system, quick, blanks, evidence)
    except Undecided:
        return "declined"
    assert quick.sound, "every answer of the fast path is a solution"
    milp = Audited(Programme(system), system)
    theirs = fixes._answer(context(plan), system, milp, blanks, evidence)
    assert not better(milp, quick), "the MILP found a smaller change than the fast path"
    if mine == theirs:
        return "same"
    assert better(quick, milp) or not milp.sound, f"they differ where the MILP answered soundly: {mine} {theirs}"
    assert any(abs(c.value or 0.0) >= 1e5 for c in system.cells.values()), "the MILP failed on small values"
    return "unsound"


def better(one: Audited, other: Audited) -> bool:
    """Whether `one` found, for a question both asked, a solution smaller than `other`'s
    (or any where `other` found none). Both sound, neither can be: each is the smallest."""
    for question, mine in one.answers.items():
        theirs = other.answers.get(question, mine)
        if mine is not None and (theirs is None or mine < theirs - 1e-4):
            return True
    return False


@SETTINGS
@given(st.data())
def test_random_systems_get_the_milps_suggestions(data: st.DataObject) -> None:
    compare(plan_of(Chooser(data)))


@SETTINGS
@given(st.data())
def test_random_systems_get_the_milps_smallest_change(data: st.DataObject) -> None:
    """The solver's own answers: which cells change, which claims are given up, each value's range."""
    system, _ = build(plan_of(Chooser(data)))
    quick, milp = Audited(FastProgramme(system), system), Audited(Programme(system), system)
    try:
        mine, _ = quick.solve()
    except Undecided:
        return
    theirs, _ = milp.solve()
    assert quick.sound and not better(milp, quick)
    if not milp.sound or better(quick, milp):
        assert any(abs(c.value or 0.0) >= 1e5 for c in system.cells.values()), "the MILP failed on small values"
        return  # the MILP's answer is no smallest change (values in the millions): nothing to compare with
    assert (mine is None) == (theirs is None)
    if mine is None or theirs is None:
        return
    assert mine.changed == theirs.changed and mine.primary == theirs.primary
    assert [id(r) for r in mine.given_up if r.cost] == [id(r) for r in theirs.given_up if r.cost]
    assert mine.cost == pytest.approx(theirs.cost)
    for ident in sorted(mine.changed | {c for c, cell in system.cells.items() if cell.value is None}):
        span, reference = quick.value_range(mine, ident), milp.value_range(theirs, ident)
        assert span is not None and reference is not None
        assert span == pytest.approx(reference, abs=1e-6)
        if ident not in mine.loose:
            assert mine.values[ident] == pytest.approx(theirs.values[ident], abs=1e-6)


def test_the_fast_path_answers_most_small_systems() -> None:
    """Not a vacuous equivalence: of the random systems with something to fix, the fast path
    answers most, and those answers are the MILP's wherever the MILP's are solutions."""
    verdicts: dict[str, int] = {}
    for seed in range(300):
        plan = plan_of(Chooser(seed=seed))
        system, _ = build(plan)
        if any(c.value is None for c in system.cells.values()) or system.violated() or system.out_of_range:
            verdict = compare(plan)
            verdicts[verdict] = verdicts.get(verdict, 0) + 1
    asked = sum(verdicts.values())
    assert asked > 100 and verdicts["same"] >= 0.6 * asked, verdicts
    assert verdicts.get("unsound", 0) <= 0.02 * asked, verdicts


# ── the sample and its edits ───────────────────────────────────────────────────

COUNT_LINES = [13, 14, 19, 20, 27, 28, 29, 40, 41, 42, 43, 46, 51, 52, 53, 54, 55, 57, 58, 61, 65, 66, 67, 68, 69]
COUNT_LINES += [72, 73, 74, 75, 76, 77, 78, 79, 80, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99]
COUNT_LINES += [100, 115, 116, 117, 118, 126, 130, 136, 137, 138, 178]
RATE_LINES = [179, 180]
NOTES = {
    46: ["", "QĐ số 1 (4 TTHC); QĐ số 2 (3 TTHC)", "Không phát sinh"],
    53: ["", "QĐ số 1 (4 TTHC); QĐ số 2 (5 TTHC)", "Không có"],
    41: ["", "02 trường hợp"],
    178: ["Gồm 1604 VBĐT và 108 văn bản mật", "Gồm 100 VBĐT và 20 văn bản mật", ""],
    179: ["1604/1712 văn bản", "100/120 văn bản", ""],
    180: ["1604/1712 văn bản", "20/120 văn bản", ""],
}
V, NOTE = 3, 4  # the value and note columns


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker()


def edit(choose: Chooser) -> str:
    """The sample with a few values (and notes) replaced."""
    lines = sample_lines()
    for _ in range(choose.integer(1, 4)):
        kind = choose.integer(0, 9)
        if kind < 7:
            number = choose.pick(COUNT_LINES)
            row = lines[number - 1].split("\t")
            row[V] = choose.pick(["", "0", "1", "2", "3", "5", "8", "9", "10", "25", "30", "-2", "1713"])
        elif kind < 9:
            number = choose.pick(RATE_LINES)
            row = lines[number - 1].split("\t")
            row[V] = choose.pick(["93,69%", "0%", "6,31%", "50%", "100%", "", "90%", "120%"])
        else:
            number = choose.pick(sorted(NOTES))
            row = lines[number - 1].split("\t")
            row[NOTE] = choose.pick(NOTES[number])
        lines[number - 1] = "\t".join(row)
    return "\n".join(lines)


def both_ways(checker: Checker, path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Suggestion], ...]:
    report = checker.load(path)
    monkeypatch.setattr(fixes, "FAST_PATH", True)
    quick = checker.check_report(report)
    monkeypatch.setattr(fixes, "FAST_PATH", False)
    milp = checker.check_report(report)
    assert "suggestions_error" not in quick.extras and "suggestions_error" not in milp.extras
    return quick.suggestions, milp.suggestions


@settings(max_examples=40, deadline=None, suppress_health_check=[*SETTINGS.suppress_health_check, FIXTURE])
@given(st.data())
def test_edits_of_the_sample_get_the_milps_suggestions(
    checker: Checker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: st.DataObject
) -> None:
    path = tmp_path / "edited.txt"
    path.write_text(edit(Chooser(data)), encoding="utf-8")
    quick, milp = both_ways(checker, path, monkeypatch)
    assert quick == milp


def test_the_sample_is_answered_without_the_milp(checker: Checker, monkeypatch: pytest.MonkeyPatch) -> None:
    milp = checker.check_file(SAMPLE).suggestions if fixes.FAST_PATH else []

    def refuse(*args: object) -> None:
        raise AssertionError("the sample needs no MILP")

    monkeypatch.setattr(Programme, "__init__", refuse)
    quick = checker.check_file(SAMPLE).suggestions
    assert quick == milp and {s.indicator for s in quick} >= {"3.2", "7.6.3.b"}


def test_a_tie_is_the_milps_to_break(tmp_path: Path, checker: Checker, monkeypatch: pytest.MonkeyPatch) -> None:
    """10 + 8 + 8 ≠ 25: any child one lower would do; which one is shown is the MILP's choice."""
    lines = sample_lines()
    for number, value in ((52, "25"), (53, "10")):
        row = lines[number - 1].split("\t")
        row[V] = value
        lines[number - 1] = "\t".join(row)
    path = tmp_path / "tie.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    system = _system_of(checker, path)
    with pytest.raises(Undecided):
        FastProgramme(system).solve()
    quick, milp = both_ways(checker, path, monkeypatch)
    assert quick == milp and any(s.reason == "tie" for s in quick)


def test_scipy_is_not_imported_for_the_sample() -> None:
    import subprocess

    code = (
        "import sys; from cchc_rules import check; result = check(sys.argv[1]);"
        "assert result.suggestions; assert 'scipy' not in sys.modules, 'scipy imported'"
    )
    subprocess.run([sys.executable, "-c", code, str(SAMPLE)], check=True)


def _system_of(checker: Checker, path: Path) -> System:
    """The system `suggest` builds for a report."""
    seen: list[System] = []

    class Spy(FastProgramme):
        def __init__(self, system: System) -> None:
            seen.append(system)
            super().__init__(system)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fixes, "FastProgramme", Spy)
        checker.check_file(path)
    return seen[0]


# ── the region ─────────────────────────────────────────────────────────────────


def test_a_region_with_integers_is_decided_by_a_witness() -> None:
    """x + y = 3, x − y = 0 holds over the reals (1,5; 1,5) but not over the integers."""
    region = Region.of([({"x": 1, "y": 1}, 3), ({"x": -1, "y": -1}, -3), ({"x": 1, "y": -1}, 0),
                        ({"x": -1, "y": 1}, 0), ({"x": 1}, 10), ({"x": -1}, 0), ({"y": 1}, 10), ({"y": -1}, 0)],
                       frozenset({"x", "y"}))  # fmt: skip
    assert region is not None and region.span("x") == pytest.approx((1.5, 1.5))
    assert region.point() is None and region.extreme("x", True) is None
    real = Region.of(region.ineqs, frozenset())
    assert real is not None and real.point() == pytest.approx({"x": 1.5, "y": 1.5})
    assert Region.of([({"x": 2}, 7), ({"x": -2}, -1)], frozenset({"x"})) is not None
    odd = Region.of([({"x": 2}, 7), ({"x": -2}, -1)], frozenset({"x"}))
    assert odd is not None and (odd.extreme("x", True), odd.extreme("x", False)) == (1.0, 3.0)
