"""The cross-indicator invariants of rulesets/standard.yaml written as plain Python over a
dict id → float, as the yardstick for the engine's per-report cost.

Why: the engine's price for declarative rules (compiled closures, a Context, findings
with parameters) is only a number next to what the same checks cost written by hand.
The dict holds a report's numbers: a filled but non-numeric cell maps to None and a
blank cell is absent, which is all the rules below need to tell them apart.
"""

from __future__ import annotations

from collections.abc import Mapping

from cchc_rules.model import Report, ValueStatus

EPS = 1e-9
Ids = tuple[str, ...]
SUMS: tuple[tuple[str, str, Ids], ...] = (
    ("CCHC-SUM-3.2", "3.2", ("3.2.a", "3.2.b", "3.2.c")),
    ("CCHC-SUM-3.4.1.1", "3.4.1.1", ("3.4.1.1.a", "3.4.1.1.b")),
    ("CCHC-SUM-3.4.1.2", "3.4.1.2", ("3.4.1.2.a", "3.4.1.2.b")),
    ("CCHC-SUM-3.4.3", "3.4.3", ("3.4.3.a", "3.4.3.b")),
    ("CCHC-SUM-4.1.4", "4.1.4", ("4.1.4.a", "4.1.4.b", "4.1.4.c")),
)
PARTS: tuple[tuple[str, str, Ids, bool], ...] = (  # "of which": each part ≤ total; exhaustive: total ≤ Σ parts
    ("CCHC-PART-3.4.2", "3.4.2", ("3.4.2.a", "3.4.2.b"), True),
    ("CCHC-PART-3.4.4", "3.4.4", ("3.4.4.a", "3.4.4.b", "3.4.4.c"), False),
    ("CCHC-PART-7.6.2", "7.6.2", ("7.6.2.c",), False),
)
NOT_ABOVE: tuple[tuple[str, Ids, Ids], ...] = (  # Σ left ≤ Σ right
    ("CCHC-CMP-1.1", ("1.1.b",), ("1.1.a",)),
    ("CCHC-CMP-1.3.2", ("1.3.2.b",), ("1.3.2.a",)),
    ("CCHC-CMP-1.5", ("1.5.b", "1.5.c"), ("1.5.a",)),
    ("CCHC-CMP-2.5", ("2.5",), ("2.4",)),
    ("CCHC-CMP-2.4", ("2.4",), ("2.2", "2.3")),
    ("CCHC-CMP-3.3", ("3.3.a",), ("3.2",)),
    ("CCHC-CMP-3.4.2", ("3.4.2",), ("3.2",)),
    ("CCHC-CMP-3.4.3", ("3.4.3",), ("3.2",)),
    ("CCHC-CMP-3.4.4", ("3.4.4",), ("3.2",)),
    ("CCHC-CMP-3.4.5", ("3.4.5",), ("3.2",)),
    ("CCHC-CMP-3.4.1", ("3.4.1.1",), ("3.4.1.2",)),
    ("CCHC-CMP-3.4.7.1", ("3.4.7.1.a", "3.4.7.1.b"), ("3.4.6",)),
    ("CCHC-CMP-3.4.7.2", ("3.4.7.2.a",), ("3.4.6",)),
    ("CCHC-CMP-3.4.7.3", ("3.4.7.3.a",), ("3.4.6",)),
    ("CCHC-CMP-4.2", ("4.2.b",), ("4.2.a",)),
    ("CCHC-CMP-4.2.d", ("4.2.d",), ("4.2.a",)),
)
ZERO_BASES: tuple[tuple[str, str, Ids], ...] = (  # a rate of a zero base must be blank
    ("CCHC-RATE-ZERO-3.4.6", "3.4.6", ("3.4.6.a", "3.4.7.1.c", "3.4.7.1.d")),
    ("CCHC-RATE-ZERO-7.6.3", "7.6.3", ("7.6.3.a", "7.6.3.b")),
    ("CCHC-RATE-ZERO-3.4.1.2", "3.4.1.2", ("3.4.1.4",)),
)
CONDITIONS: tuple[tuple[str, str, Ids], ...] = (  # if X = 0 then each of these is 0 or blank
    ("CCHC-COND-3.4.7.3", "3.4.7.3.a", ("3.4.7.3.b",)),
    ("CCHC-COND-3.4.5", "3.4.5", ("3.4.7.3.a", "3.4.7.3.b")),
    ("CCHC-COND-3.4.4", "3.4.4", ("3.4.7.2.a", "3.4.7.2.b", "3.4.7.2.c")),
    ("CCHC-COND-3.4.3.a", "3.4.3.a", ("3.4.7.1.a",)),
    ("CCHC-COND-3.4.3.b", "3.4.3.b", ("3.4.7.1.b",)),
)
RULE_IDS = frozenset(
    [r[0] for r in (*SUMS, *PARTS, *NOT_ABOVE, *ZERO_BASES, *CONDITIONS)]
    + ["CCHC-RATE-EXCL-7.6.3", "CCHC-EXPR-7.5", "CCHC-EXPR-3.4.1.3"]
)
# The same rules in the engine, by id prefix (Checker(select=...)).
ENGINE_PREFIXES = ("CCHC-SUM", "CCHC-PART", "CCHC-CMP", "CCHC-RATE-EXCL", "CCHC-RATE-ZERO", "CCHC-COND", "CCHC-EXPR")


def numbers_of(report: Report) -> tuple[dict[str, float | None], dict[str, int]]:
    """The dict the plain rules read (first row of an id wins, as in the engine), and rates' printed decimals."""
    values: dict[str, float | None] = {}
    decimals: dict[str, int] = {}
    seen: set[str] = set()
    for entry in report.entries:
        if entry.id in seen:
            continue
        seen.add(entry.id)
        value = entry.value
        if value.status is ValueStatus.BLANK:
            continue
        if value.status in (ValueStatus.NUMBER, ValueStatus.CODE):
            values[entry.id] = value.number
            decimals[entry.id] = value.decimals
        elif value.status is ValueStatus.FRACTION and value.numerator is not None:
            values[entry.id] = float(value.numerator)
        else:
            values[entry.id] = None
    return values, decimals


def plain_check(v: Mapping[str, float | None], decimals: Mapping[str, int]) -> list[str]:
    """The ids of the invariant rules that fail, one entry per finding."""
    failed: list[str] = []
    get = v.get
    for rule, parent, children in SUMS:
        parts = [get(c) for c in children]
        filled = [p for p in parts if p is not None]
        if not filled:
            continue
        partial, total = sum(filled), get(parent)
        if total is None:
            if parent not in v and len(filled) == len(parts):
                failed.append(rule)
        elif len(filled) < len(parts):
            if partial > total + EPS:
                failed.append(rule)
        elif abs(partial - total) > EPS:
            failed.append(rule)
    for rule, parent, children, exhaustive in PARTS:
        total = get(parent)
        if total is None:
            continue
        parts = [get(c) for c in children]
        failed.extend(rule for p in parts if p is not None and p > total + EPS)
        if exhaustive and all(p is not None for p in parts) and total > sum(p or 0.0 for p in parts) + EPS:
            failed.append(rule)
    for rule, left, right in NOT_ABOVE:
        lhs, rhs = [get(i) for i in left], [get(i) for i in right]
        if any(x is None for x in (*lhs, *rhs)):
            continue
        if sum(x or 0.0 for x in lhs) > sum(x or 0.0 for x in rhs) + EPS:
            failed.append(rule)
    a, b = get("7.6.3.a"), get("7.6.3.b")
    if a is not None and b is not None:
        places = max(decimals.get("7.6.3.a", 0), decimals.get("7.6.3.b", 0))
        if a + b > 100 + (0.5 * 10.0**-places + 1e-9) * 2:
            failed.append("CCHC-RATE-EXCL-7.6.3")
    for rule, base, rates in ZERO_BASES:
        if get(base) == 0:
            failed.extend(rule for r in rates if get(r) is not None)
    for rule, when, then in CONDITIONS:
        if get(when) == 0:
            failed.extend(rule for t in then if (x := get(t)) is not None and x != 0)
    failed.extend(_expressions(v))
    return failed


def _expressions(v: Mapping[str, float | None]) -> list[str]:
    failed: list[str] = []
    portal, portals = v.get("7.5.a"), v.get("7.5")
    if portal is not None and portal != 0 and portals is not None and not portals >= 1:
        failed.append("CCHC-EXPR-7.5")
    share, processes = v.get("3.4.1.3"), v.get("3.4.1.2")
    if share is not None and share != 0 and processes is not None and not processes > 0:
        failed.append("CCHC-EXPR-3.4.1.3")
    return failed
