"""Rates in the province table: recomputed from numerators and denominators, never averaged.

Where a ruleset's rate rule names the rate's numerator and denominator indicators
(`check: value`), each agency contributes those; where it names the rate's base
(`check: zero_base`: 7.6.3 for 7.6.3.a–b), each agency contributes its base and, as its
numerator, the "1604/1712" its note cites when that agrees with the rate, else rate ×
base. The province's rate is then 100·Σnumerators/Σdenominators, so a department with
1,712 documents weighs more than a commune with 40, as it should.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cchc_rules.audit.province import ConsolidatedRow, Contribution, Pair, contribution
from cchc_rules.catalogue import Indicator


@dataclass(frozen=True)
class RateSource:
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    base: str | None = None


def _ids(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value or ())


def rate_sources(specs: Iterable[Any]) -> dict[str, RateSource]:
    """Numerator and denominator of each rate, from the rate rules of the rulesets in use."""
    out: dict[str, RateSource] = {}
    bases: dict[str, RateSource] = {}
    for spec in specs:
        if spec.kind != "rate":
            continue
        params: Mapping[str, Any] = spec.params
        check = params.get("check", "value")
        if check == "value" and params.get("rate"):
            out[str(params["rate"])] = RateSource(_ids(params.get("numerator")), _ids(params.get("denominator")))
        elif check == "zero_base" and params.get("base"):
            for rate in _ids(params.get("rates")):
                bases.setdefault(rate, RateSource(base=str(params["base"])))
    return {**bases, **out}


def recompute(ind: Indicator, usable: list[Pair], source: RateSource) -> ConsolidatedRow:
    """100·Σnumerators/Σdenominators; the agencies that could not be counted are named."""
    parts: list[Contribution] = []
    excluded: list[str] = []
    zero_bases = 0
    for row, values in usable:
        rate, raw = values.number(ind.id), values.raw(ind.id)
        if source.numerator:
            tops = [values.number(i) for i in source.numerator]
            bottoms = [values.number(i) for i in source.denominator]
            if all(t is not None for t in tops) and all(b is not None for b in bottoms):
                top, bottom = sum(t or 0.0 for t in tops), sum(b or 0.0 for b in bottoms)
                parts.append(contribution(row, rate, raw, "indicators", top=top, bottom=bottom))
            elif raw:
                excluded.append(row.label)
            continue
        base = values.number(source.base or "")
        ratio = values.ratio(ind.id)
        if ratio is not None:
            parts.append(contribution(row, rate, raw, "note", top=ratio[0], bottom=ratio[1]))
        elif rate is not None and base:
            parts.append(contribution(row, rate, raw, "rate_base", top=round(rate * base / 100.0), bottom=base))
        elif raw or (base or 0) > 0:
            excluded.append(row.label)  # a rate with no base, or a base whose rate is missing
        zero_bases += base == 0
    top = sum(p.numerator or 0.0 for p in parts)
    bottom = sum(p.denominator or 0.0 for p in parts)
    if bottom <= 0:
        reason = "zero_base" if parts or zero_bases else "no_data"
        return ConsolidatedRow(ind, "rate", None, top, bottom, parts, excluded, reason=reason)
    return ConsolidatedRow(ind, "rate", 100.0 * top / bottom, top, bottom, parts, excluded)
