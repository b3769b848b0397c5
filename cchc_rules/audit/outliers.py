"""Outliers across agencies of the same kind, found robustly.

A value is compared with those of the same kind of agency for the same period (a
commune with communes, a department with departments) by the modified z-score of
Iglewicz and Hoaglin, z = 0.6745·(x − median)/MAD: the median and the median absolute
deviation are not dragged by the very outlier being looked for, as a mean and a
standard deviation would be. |z| > 3.5 is reported as info, with the numbers; where
more than half the agencies report the same value (MAD = 0) there is no spread to
measure and nothing is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from statistics import median

from cchc_rules.audit import rules
from cchc_rules.audit.model import AgencyRow
from cchc_rules.audit.province import show_number
from cchc_rules.catalogue import Catalogue
from cchc_rules.model import ValueKind
from cchc_rules.values import format_number

DEFAULT_THRESHOLD = 3.5
MIN_GROUP = 8  # the median and MAD of fewer values move with each one: nothing to call usual
CONSISTENCY = 0.6745  # makes the MAD comparable with a standard deviation for normal data
KINDS = frozenset({ValueKind.COUNT, ValueKind.MONEY, ValueKind.RATE})


def robust_z(values: Sequence[float]) -> tuple[float, float, list[float]] | None:
    """(median, MAD, z of each value), or None where the MAD is 0."""
    mid = median(values)
    mad = median(abs(v - mid) for v in values)
    if mad == 0:
        return None
    return mid, mad, [CONSISTENCY * (v - mid) / mad for v in values]


def root_kind(catalogue: Catalogue, kind: str | None) -> str:
    """Departments are compared with departments: Thanh tra tỉnh, Sở Nội vụ, … are all a sở, ngành."""
    seen: set[str] = set()
    while kind and kind not in seen:
        seen.add(kind)
        known = catalogue.agency_kinds.get(kind)
        if known is None or not known.parent:
            return kind
        kind = known.parent
    return kind or ""


def find_outliers(
    rows: Sequence[AgencyRow],
    catalogue_for: Callable[[str | None], Catalogue],
    lang: str,
    threshold: float = DEFAULT_THRESHOLD,
    min_group: int = MIN_GROUP,
) -> None:
    """Add an AUDIT-OUTLIER info to each consolidated report with a value far from its peers'."""
    groups: dict[tuple[str, str], list[AgencyRow]] = {}
    for row in rows:
        if row.consolidated and row.values is not None:
            kind = root_kind(catalogue_for(row.period), row.agency_kind)
            groups.setdefault((row.period or "", kind), []).append(row)
    for (period, kind), members in sorted(groups.items()):
        if len(members) < min_group:
            continue
        catalogue = catalogue_for(period or None)
        known = catalogue.agency_kinds.get(kind)
        kind_name = (known.name.get(lang) or known.name.get("vi") or kind) if known else (kind or "?")
        for ind in catalogue.indicators.values():
            if ind.kind in KINDS and ind.reported_by == "each":
                _indicator(ind.id, ind.kind is ValueKind.RATE, members, kind_name, lang, threshold, min_group)


def _indicator(
    ident: str, rate: bool, members: list[AgencyRow], kind: str, lang: str, threshold: float, min_group: int
) -> None:
    points: list[tuple[AgencyRow, float]] = []
    for row in members:
        value = row.values.number(ident) if row.values is not None else None
        if value is not None:
            points.append((row, value))
    if len(points) < min_group:
        return
    scored = robust_z([v for _, v in points])
    if scored is None:
        return
    mid, mad, scores = scored
    for (row, value), z in zip(points, scores, strict=True):
        if abs(z) > threshold:
            shown = show_number(value) + ("%" if rate else "")
            row.audit_findings.append(
                rules.make(
                    "AUDIT-OUTLIER", lang, (ident,), actual=shown, indicator=ident, value=shown, kind=kind,
                    median=show_number(mid), mad=show_number(mad), z=format_number(round(z, 1), 1), n=len(points),
                )
            )  # fmt: skip
