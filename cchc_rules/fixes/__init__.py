"""Suggested fixes: for the rules a report fails, the smallest change that satisfies them.

`suggest` localises the errors (fixes/solve.py) over the report's linear invariants
(fixes/system.py) and the figures of its notes, and says, for each cell to change,
what it should probably read and how sure that is:

- a blank total whose children are all given is derived (high confidence);
- a change that is the only smallest one is high confidence;
- one of several equally small changes is medium when notes or other checks prefer it
  (the reasons say which), low when nothing does (the alternatives are listed);
- a change whose new value is only bounded (a share that must drop to at most 6,31%) is
  shown with its bound and is not applied by `cchc fix`;
- a group heading's value goes (it carries none).

The questions are answered by enumeration where the system is small (fixes/fast.py), and
by the MILP (fixes/solve.py, scipy) wherever the enumeration cannot give the MILP's own
answer: scipy is imported only then.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from cchc_rules.findings import Finding
from cchc_rules.fixes.fast import FastProgramme, Undecided
from cchc_rules.fixes.model import Alternative, Confidence, Suggestion, Support
from cchc_rules.fixes.solve import Localiser, Programme, Solution
from cchc_rules.fixes.system import Cell, System, build
from cchc_rules.model import Flag, ValueKind
from cchc_rules.notes.evidence import Evidence
from cchc_rules.rules.base import Context, RuleSpec
from cchc_rules.values import format_number

__all__ = ["Alternative", "Confidence", "Suggestion", "Support", "suggest"]

LINEAR = frozenset({"sum", "compare", "rate", "conditional", "note_arithmetic"})
MAX_ALTERNATIVES = 3
FAST_PATH = True  # try the enumeration first (tests turn it off to compare with the MILP)


def suggest(
    ctx: Context, specs: Sequence[RuleSpec], findings: Sequence[Finding], evidence: Evidence
) -> list[Suggestion]:
    """Suggestions for the rules that reported `findings`, in report order."""
    failing: dict[str, set[str]] = {}
    for finding in findings:
        failing.setdefault(finding.rule_id, set()).update(finding.indicators)
    out = _headings(ctx, specs, findings)
    if set(failing) & {s.id for s in specs if s.kind in LINEAR}:
        out.extend(_localise(ctx, specs, failing, evidence))
    order = {ident: n for n, ident in enumerate(ctx.entries)}
    return sorted(out, key=lambda s: (order.get(s.indicator, len(order)), s.indicator))


def _headings(ctx: Context, specs: Sequence[RuleSpec], findings: Sequence[Finding]) -> list[Suggestion]:
    rules = {s.id for s in specs if s.kind == "coherence" and s.params.get("check") == "group_value"}
    out: list[Suggestion] = []
    for finding in findings:
        if finding.rule_id in rules and finding.indicators:
            ident = finding.indicators[0]
            entry = ctx.entry(ident)
            out.append(
                Suggestion(ident, entry.raw if entry else "", "", (finding.rule_id,), Confidence.HIGH, "heading",
                           location=entry.location if entry else None)
            )  # fmt: skip
    return out


def _localise(
    ctx: Context, specs: Sequence[RuleSpec], failing: dict[str, set[str]], evidence: Evidence
) -> list[Suggestion]:
    from cchc_rules.rules.note_arithmetic import shares_claim

    extra = [
        claim
        for spec in specs
        if spec.kind == "note_arithmetic" and spec.params.get("check") == "shares"
        if (claim := shares_claim(spec, ctx)) is not None
    ]
    system = build(ctx, specs, evidence, failing, extra)
    blanks = [c.ident for c in system.cells.values() if c.value is None]
    values = system.values
    broken_notes = [r for r in system.rows if r.soft and r.strong and r.holds(values) is False]
    if not blanks and not system.violated() and not broken_notes and not system.out_of_range:
        return []
    if FAST_PATH:
        try:
            return _answer(ctx, system, FastProgramme(system), blanks, evidence)
        except Undecided:
            pass  # beyond the enumeration's reach, or a tie the MILP breaks its own way
    return _answer(ctx, system, Programme(system), blanks, evidence)


def _answer(
    ctx: Context, system: System, programme: Localiser, blanks: list[str], evidence: Evidence
) -> list[Suggestion]:
    best, _ = programme.solve()
    if best is None:
        return []  # no change satisfies every invariant: nothing can be derived
    out: list[Suggestion] = []
    for ident in blanks:
        made = _derived(ctx, system, programme, best, ident)
        if made is not None:
            out.append(made)
    for ident in sorted(best.changed):
        made = _changed(ctx, system, programme, best, ident, evidence)
        if not _trivial(system.cells[ident], made):
            out.append(made)
    rules = _rules_by_cell(system, set(blanks) | best.changed)
    return [_with_rules(s, rules.get(s.indicator, ())) for s in out if rules.get(s.indicator)]


def _trivial(cell: Cell, suggestion: Suggestion) -> bool:
    """A bound that only restates the cell's own range ("at least 0") says nothing new."""
    if suggestion.relation == "=":
        return False
    bound = cell.lower if suggestion.relation == "≥" else cell.upper
    return bound is not None and suggestion.proposed_raw.rstrip("%").strip() in (format_number(bound), "")


def _with_rules(suggestion: Suggestion, rules: tuple[str, ...]) -> Suggestion:
    return suggestion._replace(rule_ids=rules)


def _value(solution: Solution, ident: str) -> float:
    """A cell's value in a solution; one the solution leaves open is the MILP's to choose."""
    if ident in solution.loose:
        raise Undecided(f"{ident} is not determined")
    return solution.values[ident]


def _derived(ctx: Context, system: System, programme: Localiser, best: Solution, ident: str) -> Suggestion | None:
    span = programme.value_range(best, ident)
    if span is None:
        return None
    value = _determined(system.cells[ident].integer, span, system.cells[ident].decimals)
    if value is None:
        return None
    entry = ctx.entry(ident)
    proposed = proposed_raw(ctx, ident, value)
    row = next((r for r in system.rows if not r.soft and r.equality and any(i == ident for i, _ in r.terms)), None)
    detail = ""
    if row is not None:
        parts = [i for i, c in row.terms if i != ident]
        detail = " + ".join(format_number(_value(best, i)) for i in parts) + f" = {proposed}"
    return Suggestion(ident, entry.raw if entry else "", proposed, (), Confidence.HIGH, "derived", detail=detail,
                      location=entry.location if entry else None)  # fmt: skip


def _changed(
    ctx: Context, system: System, programme: Localiser, best: Solution, ident: str, evidence: Evidence
) -> Suggestion:
    entry = ctx.entry(ident)
    current = entry.raw if entry else ""
    cell = system.cells[ident]
    span = programme.value_range(best, ident)
    relation, proposed = _value_of(ctx, cell, span, best)
    near = _component(system, ident)
    alternatives: list[Alternative] = []
    costs: list[float] = []
    kept = {ident}
    for _ in range(MAX_ALTERNATIVES):
        other, _ = programme.solve(keep=frozenset(kept), cap=best.primary)
        if other is None:
            break
        costs.append(other.cost)
        moved = sorted(
            i for i in other.changed & near if i not in best.changed or abs(_value(other, i) - _value(best, i)) > 1e-6
        )
        moved = [i for i in moved if i != ident]
        for o in moved:
            shown = _value_of(ctx, system.cells[o], programme.value_range(other, o), other)
            alternatives.append(Alternative(o, shown[1], relation=shown[0]))
        dropped = {id(r) for r in best.given_up}
        for row in other.given_up:
            if row.strong and row.claim is not None and id(row) not in dropped and set(row.claim.targets) & near:
                target = row.claim.targets[0]
                if target in other.changed and target not in moved and target != ident:
                    span_t = programme.value_range(other, target)
                    shown = _value_of(ctx, system.cells[target], span_t, other)
                    alternatives.append(Alternative(target, shown[1], relation=shown[0]))
                alternatives.append(Alternative(row.claim.source, note=True))
        if not moved:
            break
        kept.update(moved)
    others = {a.indicator for a in alternatives if not a.note}
    support = _support(system, best, ident, others or _rivals(system, ident), evidence)
    if not costs:
        confidence, reason = Confidence.HIGH, "unique"
    elif best.cost < min(costs) - 1e-6:
        confidence, reason = Confidence.MEDIUM, "preferred"
    else:
        confidence, reason = Confidence.LOW, "tie"
    return Suggestion(ident, current, proposed, (), confidence, reason, relation=relation,
                      alternatives=tuple(dict.fromkeys(alternatives)), support=support,
                      location=entry.location if entry else None)  # fmt: skip


def _value_of(ctx: Context, cell: Cell, span: tuple[float, float] | None, solution: Solution) -> tuple[str, str]:
    """(relation, value as written): the value when the range allows one, else the bound it moves to."""
    if span is None:
        return "=", proposed_raw(ctx, cell.ident, _value(solution, cell.ident))
    value = _determined(cell.integer, span, cell.decimals)
    if value is not None:
        return "=", proposed_raw(ctx, cell.ident, value)
    if cell.value is not None and cell.value > span[1]:
        return "≤", proposed_raw(ctx, cell.ident, _floor(span[1], cell))
    return "≥", proposed_raw(ctx, cell.ident, _ceil(span[0], cell))


def _component(system: System, ident: str) -> set[str]:
    """The cells tied to this one through any invariant or note: where its alternatives lie."""
    links: dict[str, set[str]] = {}
    groups = [[i for i, _ in r.terms] for r in system.rows]
    groups += [[c.when, *c.then] for c in system.conditionals]
    for group in groups:
        for member in group:
            links.setdefault(member, set()).update(group)
    seen, todo = {ident}, [ident]
    while todo:
        for other in links.get(todo.pop(), ()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def _support(system: System, best: Solution, ident: str, others: set[str], evidence: Evidence) -> tuple[Support, ...]:
    """Why this cell rather than another: what confirms the others, what speaks against this one."""
    found: list[Support] = []
    for other in sorted(others):
        if other in best.changed:
            continue
        for claim in evidence.confirming(other):
            if claim.strong:
                found.append(Support("confirmed", other, claim.figure))
        cell = system.cells.get(other)
        if cell is not None and (cell.equalities or cell.inequalities):
            found.append(Support("checks", other, count=cell.equalities + cell.inequalities))
    for claim in evidence.contradicting(ident):
        found.append(Support("contradicted", ident, claim.figure))
    for row in best.given_up:
        given_up = row.claim
        if given_up is None or ident not in given_up.targets:
            continue
        if given_up.copy_of:
            found.append(Support("copy", given_up.source, given_up.copy_of))
        found.append(Support("broken", given_up.source, given_up.quote))
    return tuple(dict.fromkeys(found))


def _rivals(system: System, ident: str) -> set[str]:
    """Cells that share a failing invariant with this one: those that could have changed instead."""
    values = system.values
    rows = [[i for i, _ in r.terms] for r in system.rows if not r.soft and r.holds(values) is False]
    rows += [[c.when, *c.then] for c in system.conditionals if c.holds(values) is False]
    return {i for row in rows if ident in row for i in row} - {ident}


def _rules_by_cell(system: System, cells: set[str]) -> dict[str, tuple[str, ...]]:
    """The reported rules each change answers: those failing over it, or over its neighbours in the change."""
    values = system.values
    failing: list[tuple[set[str], str]] = []
    for row in system.rows:
        if not row.rule_id or row.rule_id not in system.failing:
            continue
        verdict = row.holds(values)
        if verdict is False or (verdict is None and any(system.cells[i].value is None for i, _ in row.terms)):
            failing.append(({i for i, _ in row.terms}, row.rule_id))
    for rule in system.conditionals:
        if rule.holds(values) is False:
            failing.append(({rule.when, *rule.then}, rule.rule_id))
    for ident, rules in system.out_of_range.items():
        failing.extend(({ident}, rule) for rule in rules)
    # Group the changed cells that share a row: a change may only exist to keep a neighbour's fix whole.
    groups: dict[str, set[str]] = {c: {c} for c in cells}
    for row in system.rows:
        touched = [i for i, _ in row.terms if i in cells]
        for a in touched[1:]:
            merged = groups[touched[0]] | groups[a]
            for member in merged:
                groups[member] = merged
    out: dict[str, tuple[str, ...]] = {}
    for cell in cells:
        direct = [rule for idents, rule in failing if cell in idents]
        near = [rule for idents, rule in failing if idents & groups[cell]]
        out[cell] = tuple(dict.fromkeys(direct or near))
    return out


def _determined(integer: bool, span: tuple[float, float], decimals: int) -> float | None:
    least, greatest = span
    if integer:
        low, high = math.ceil(least - 1e-6), math.floor(greatest + 1e-6)
        return float(low) if low == high else None
    unit = 10.0 ** (-max(decimals, 2))
    if greatest - least > 2 * unit + 1e-6:
        return None  # wider than the rounding of the printed decimals: only bounded
    middle = (least + greatest) / 2
    for places in range(0, max(decimals, 2) + 1):
        candidate = round(middle, places)
        if least - 1e-9 <= candidate <= greatest + 1e-9:
            return candidate
    return middle


def _floor(value: float, cell: Cell) -> float:
    if cell.integer:
        return float(math.floor(value + 1e-6))
    scale = 10.0 ** max(cell.decimals, 2)
    return math.floor(value * scale + 1e-6) / scale


def _ceil(value: float, cell: Cell) -> float:
    if cell.integer:
        return float(math.ceil(value - 1e-6))
    scale = 10.0 ** max(cell.decimals, 2)
    return math.ceil(value * scale - 1e-6) / scale


def proposed_raw(ctx: Context, ident: str, value: float) -> str:
    """A value written the way this row writes its values: "25", "08", "0%", "93,69%", "1.500.000"."""
    entry = ctx.entry(ident)
    indicator = ctx.catalogue.get(ident)
    kind = indicator.kind if indicator else None
    raw = entry.raw.strip() if entry else ""
    if kind is ValueKind.RATE:
        places = 0 if abs(value - round(value)) < 1e-9 else max(entry.value.decimals if entry else 2, 2)
        number = format_number(round(value, places), places)
        return number + "%" if raw.endswith("%") or not raw or value != 0 else number
    whole = round(value)
    if entry is not None and entry.value.has(Flag.ZERO_PADDED) and whole >= 0:
        return str(whole).zfill(len(raw))
    if entry is not None and entry.value.has(Flag.THOUSANDS_DOT) and whole >= 1000:
        return f"{whole:,}".replace(",", ".")
    if kind is ValueKind.FRACTION and entry is not None and entry.value.denominator is not None:
        width = len(raw.split("/")[0].strip()) if "/" in raw else 0
        return f"{str(whole).zfill(width)}/{raw.split('/')[-1].strip()}"
    return str(whole)
