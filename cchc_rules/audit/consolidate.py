"""The province table: the agencies' reports of one period consolidated, row by row.

Counts and money add up. A rate does not: the province's rate is recomputed as
100·Σnumerators/Σdenominators where a ruleset names its numerator and denominator,
or its base (the count it is a share of) together with each agency's numerator (the
"1604/1712" its note cites, else rate × base); a rate with neither is left "not
consolidated" rather than averaged, because an average of rates weighs a commune like
a department. Indicators one agency reports for the whole province are taken from it.
Every total keeps its contributions, so each figure can be traced to its reports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cchc_rules.audit.model import AgencyRow
from cchc_rules.audit.province import ADDITIVE, ConsolidatedRow, Consolidation, Contribution, Pair, contribution
from cchc_rules.audit.rates import RateSource, recompute
from cchc_rules.catalogue import Catalogue, Indicator
from cchc_rules.model import ValueKind
from cchc_rules.values import format_number


def consolidate(
    rows: Sequence[AgencyRow], catalogue: Catalogue, sources: Mapping[str, RateSource], period: str | None
) -> Consolidation:
    """The province table of one period from one report per agency (duplicates already set aside)."""
    usable = [(r, r.values) for r in rows if r.values is not None]
    out = [_row(ind, usable, catalogue, sources) for ind in catalogue.indicators.values()]
    template = f"{catalogue.template_id}/{catalogue.version}"
    return Consolidation(period, template, out, [r.index for r, _ in usable], catalogue)


def _row(
    ind: Indicator, usable: list[Pair], catalogue: Catalogue, sources: Mapping[str, RateSource]
) -> ConsolidatedRow:
    if ind.kind is ValueKind.GROUP:
        return ConsolidatedRow(ind, "group")
    if ind.reported_by != "each":
        return _reported_by(ind, usable, catalogue)
    if ind.kind in ADDITIVE:
        return _sum(ind, usable, catalogue)
    if ind.kind is ValueKind.FRACTION:
        return _fraction(ind, usable)
    if ind.kind is ValueKind.RATE and ind.id in sources:
        return recompute(ind, usable, sources[ind.id])
    reason = "rate_no_pair" if ind.kind is ValueKind.RATE else "not_additive"
    return ConsolidatedRow(ind, "not_consolidated", contributions=_as_reported(ind, usable), reason=reason)


def _as_reported(ind: Indicator, usable: list[Pair]) -> list[Contribution]:
    return [contribution(r, v.number(ind.id), v.raw(ind.id), "reported") for r, v in usable if v.raw(ind.id)]


def _sum(ind: Indicator, usable: list[Pair], catalogue: Catalogue) -> ConsolidatedRow:
    parts: list[Contribution] = []
    kids = [k for k in catalogue.children(ind.id) if _additive_child(catalogue, k)]
    for row, values in usable:
        number = values.number(ind.id)
        if number is not None:
            parts.append(contribution(row, number, values.raw(ind.id), "reported"))
        elif ind.children_relation == "sum" and kids:
            numbers = [values.number(k) for k in kids]
            if all(n is not None for n in numbers):
                shown = " + ".join(values.raw(k) for k in kids)
                parts.append(contribution(row, sum(n or 0.0 for n in numbers), shown, "children"))
    if not parts:
        return ConsolidatedRow(ind, "sum", reason="no_data")
    return ConsolidatedRow(ind, "sum", value=sum(p.value or 0.0 for p in parts), contributions=parts)


def _additive_child(catalogue: Catalogue, ident: str) -> bool:
    child = catalogue.get(ident)
    return child is not None and child.kind in ADDITIVE and child.relation is None


def _fraction(ind: Indicator, usable: list[Pair]) -> ConsolidatedRow:
    parts = []
    for row, values in usable:
        ratio = values.ratio(ind.id)
        if ratio is not None:
            parts.append(contribution(row, None, values.raw(ind.id), "fraction", top=ratio[0], bottom=ratio[1]))
    if not parts:
        return ConsolidatedRow(ind, "fraction", reason="no_data")
    top = sum(p.numerator or 0.0 for p in parts)
    bottom = sum(p.denominator or 0.0 for p in parts)
    shown = f"{format_number(top)}/{format_number(bottom)}"
    return ConsolidatedRow(ind, "fraction", None, top, bottom, parts, shown_value=shown)


def _reported_by(ind: Indicator, usable: list[Pair], catalogue: Catalogue) -> ConsolidatedRow:
    """One agency reports this for the province (Sở Nội vụ, Sở TT&TT): its figure is the province's."""
    mine = [(r, v) for r, v in usable if ind.reported_by in catalogue.kind_lineage(r.agency_kind)]
    parts = _as_reported(ind, mine)
    if not parts:
        return ConsolidatedRow(ind, "reported_by", reason="no_data")
    if ind.kind in ADDITIVE:
        return ConsolidatedRow(ind, "reported_by", value=sum(p.value or 0.0 for p in parts), contributions=parts)
    if len({p.shown for p in parts}) > 1:
        return ConsolidatedRow(ind, "reported_by", contributions=parts, reason="conflict")
    return ConsolidatedRow(ind, "reported_by", parts[0].value, contributions=parts, shown_value=parts[0].shown)
