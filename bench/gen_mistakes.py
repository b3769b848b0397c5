"""The mistakes agencies really make, injected into a clean generated report.

Each one edits cells only (never adds or drops a row), so a report with mistakes
still reads as 141 known rows: what changes is what the rules find. The list follows
the sample and domain.md: a wrong child or a blank total, a rate written "1", text in
a count, done > planned, shares over 100%, a value on a group heading, a label for a
code, a changed unit, a blank that is not excused, money with no paid dossier, ...
"""

from __future__ import annotations

from collections.abc import Callable

from bench.gen_format import Cell, fmt_count
from bench.gen_values import Draft
from cchc_rules.model import ValueKind

Mistake = Callable[[Draft, dict[str, Cell]], bool]
SUM_PARENTS = {
    "3.2": ("3.2.a", "3.2.b", "3.2.c"),
    "3.4.1.1": ("3.4.1.1.a", "3.4.1.1.b"),
    "3.4.1.2": ("3.4.1.2.a", "3.4.1.2.b"),
    "3.4.3": ("3.4.3.a", "3.4.3.b"),
    "4.1.4": ("4.1.4.a", "4.1.4.b", "4.1.4.c"),
}
NOT_ABOVE = (("1.1.b", "1.1.a"), ("1.3.2.b", "1.3.2.a"), ("2.5", "2.4"), ("4.2.b", "4.2.a"), ("3.3.a", "3.2"))
TEXTS = ("Có thực hiện", "Đang cập nhật", "Có", "Theo phụ lục đính kèm", "Đạt")
OTHER_UNITS = {
    "Văn bản": "Quyết định",
    "Thủ tục": "TTHC",
    "Hồ sơ": "Bộ hồ sơ",
    "Người": "Người (biên chế)",
    "%": "Tỷ lệ",
}


def _filled(d: Draft, cells: dict[str, Cell], *kinds: ValueKind) -> list[str]:
    return [i for i, c in cells.items() if c.raw and d.catalogue.indicators[i].kind in kinds and i in d.values]


def wrong_child(d: Draft, cells: dict[str, Cell]) -> bool:
    options = [kids for parent, kids in SUM_PARENTS.items() if cells[parent].raw and all(cells[k].raw for k in kids)]
    if not options:
        return False
    child = d.rng.choice(d.rng.choice(options))
    cells[child].raw = fmt_count(d.rng, d.int_of(child) + d.rng.randint(1, 5))
    return True


def blank_total(d: Draft, cells: dict[str, Cell]) -> bool:
    options = [p for p, kids in SUM_PARENTS.items() if cells[p].raw and all(cells[k].raw for k in kids)]
    if not options:
        return False
    cells[d.rng.choice(options)].raw = ""
    return True


def ambiguous_rate(d: Draft, cells: dict[str, Cell]) -> bool:
    options = _filled(d, cells, ValueKind.RATE)
    if options:
        cells[d.rng.choice(options)].raw = "1"
    return bool(options)


def text_in_count(d: Draft, cells: dict[str, Cell]) -> bool:
    options = _filled(d, cells, ValueKind.COUNT)
    if options:
        cells[d.rng.choice(options)].raw = d.rng.choice(TEXTS)
    return bool(options)


def done_over_planned(d: Draft, cells: dict[str, Cell]) -> bool:
    options = [(a, b) for a, b in NOT_ABOVE if cells[a].raw and cells[b].raw]
    if not options:
        return False
    done, planned = d.rng.choice(options)
    cells[done].raw = str(d.int_of(planned) + d.rng.randint(1, 8))
    return True


def shares_over_100(d: Draft, cells: dict[str, Cell]) -> bool:
    share = d.values.get("7.6.3.a")
    if not isinstance(share, float) or share <= 50 or not cells["7.6.3.b"].raw:
        return False
    cells["7.6.3.b"] = Cell(cells["7.6.3.b"].unit, cells["7.6.3.a"].raw, cells["7.6.3.a"].note)
    return True


def rate_over_100(d: Draft, cells: dict[str, Cell]) -> bool:
    options = _filled(d, cells, ValueKind.RATE)
    if options:
        cells[d.rng.choice(options)].raw = d.rng.choice(("136%", "105,5%", "1604", "200 %"))
    return bool(options)


def group_value(d: Draft, cells: dict[str, Cell]) -> bool:
    groups = [i for i, ind in d.catalogue.indicators.items() if ind.kind is ValueKind.GROUP]
    cells[d.rng.choice(groups)].raw = "0"
    return True


def label_for_code(d: Draft, cells: dict[str, Cell]) -> bool:
    options = [i for i in _filled(d, cells, ValueKind.CODED, ValueKind.YESNO) if cells[i].raw.isdigit()]
    if not options:
        return False
    ident = d.rng.choice(options)
    legend = d.catalogue.indicators[ident].legend
    code = int(cells[ident].raw)
    if code not in legend:
        return False
    cells[ident].raw = legend[code]
    return True


def unit_changed(d: Draft, cells: dict[str, Cell]) -> bool:
    options = [i for i, c in cells.items() if c.unit in OTHER_UNITS]
    if not options:
        return False
    cell = cells[d.rng.choice(options)]
    cell.unit = OTHER_UNITS[cell.unit]
    return True


def blank_required(d: Draft, cells: dict[str, Cell]) -> bool:
    options = [i for i in _filled(d, cells, ValueKind.COUNT, ValueKind.RATE) if d.applies(i) and i not in SUM_PARENTS]
    if not options:
        return False
    ident = d.rng.choice(options)
    cells[ident] = Cell(cells[ident].unit)
    return True


def money_without_dossier(d: Draft, cells: dict[str, Cell]) -> bool:
    cells["3.4.7.3.a"].raw = "0"
    cells["3.4.7.3.b"].raw = d.rng.choice(("1.500.000", "250.000", "3.200.000"))
    return True


def fraction_over(d: Draft, cells: dict[str, Cell]) -> bool:
    whole = d.rng.randint(3, 12)
    cells["1.3.1"].raw = f"{whole + 1:02d}/{whole:02d}"
    return True


def negative_count(d: Draft, cells: dict[str, Cell]) -> bool:
    options = _filled(d, cells, ValueKind.COUNT)
    if options:
        cells[d.rng.choice(options)].raw = f"-{d.rng.randint(1, 9)}"
    return bool(options)


def comma_thousands(d: Draft, cells: dict[str, Cell]) -> bool:
    options = [i for i in _filled(d, cells, ValueKind.COUNT) if d.int_of(i) >= 1000]
    if not options:
        return False
    ident = d.rng.choice(options)
    cells[ident].raw = f"{d.int_of(ident):,}"
    return True


def zero_base_rate(d: Draft, cells: dict[str, Cell]) -> bool:
    if d.values.get("3.4.6") != 0:
        return False
    for ident in ("3.4.6.a", "3.4.7.1.c", "3.4.7.1.d"):
        cells[ident].raw = "0"
    return True


MISTAKES: dict[str, Mistake] = {
    f.__name__: f
    for f in (
        wrong_child, blank_total, ambiguous_rate, text_in_count, done_over_planned, shares_over_100,
        rate_over_100, group_value, label_for_code, unit_changed, blank_required, money_without_dossier,
        fraction_over, negative_count, comma_thousands, zero_base_rate,
    )
}  # fmt: skip


def inject(d: Draft, cells: dict[str, Cell], share: float) -> list[str]:
    """With probability `share`, put one to three different mistakes into the report; return their names."""
    if share <= 0 or d.rng.random() >= share:
        return []
    wanted = d.rng.choice((1, 1, 1, 2, 2, 3))
    applied: list[str] = []
    for name in d.rng.sample(sorted(MISTAKES), len(MISTAKES)):
        if len(applied) == wanted:
            break
        if MISTAKES[name](d, cells):
            applied.append(name)
    return applied
