"""Period over period: each agency's report against its own previous one (`--previous`).

A cumulative indicator ("lũy kế đến thời điểm báo cáo") cannot fall between two periods
of one year; a count that moved by more than a factor (3 by default, and by at least
JUMP_MIN_CHANGE units, so that 1 → 4 is not news) is worth a second look; a finding the
previous report did not have (same rule, same indicators) is new. The previous report
is the same agency's latest one of an earlier period.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cchc_rules.audit import rules
from cchc_rules.audit.coverage import show_period
from cchc_rules.audit.model import AgencyRow
from cchc_rules.audit.province import ADDITIVE
from cchc_rules.catalogue import Catalogue
from cchc_rules.errors import CchcError
from cchc_rules.periods import Period
from cchc_rules.values import format_number

DEFAULT_JUMP_FACTOR = 3.0
JUMP_MIN_CHANGE = 10
PART_ORDER = {"Q1": 1, "H1": 2, "Q3": 3, "Y": 4}


def period_order(period: str | None) -> tuple[int, int] | None:
    if not period:
        return None
    try:
        parsed = Period.parse(period)
    except CchcError:
        return None
    return (parsed.year, PART_ORDER[parsed.part])


def previous_of(row: AgencyRow, candidates: Sequence[AgencyRow]) -> AgencyRow | None:
    """The same agency's latest report of an earlier period (any, where a period is unknown)."""
    current = period_order(row.period)

    def earlier(other: AgencyRow) -> bool:
        order = period_order(other.period)
        return current is None or order is None or order < current

    eligible = [c for c in candidates if earlier(c)]
    return max(eligible, key=lambda c: (period_order(c.period) or (0, 0), c.report_date or "", c.index), default=None)


def jumped(old: float, new: float, factor: float) -> bool:
    low, high = sorted((old, new))
    return low > 0 and high / low > factor and high - low >= JUMP_MIN_CHANGE


def compare_periods(
    rows: Sequence[AgencyRow],
    previous: Sequence[AgencyRow],
    catalogue_for: Callable[[str | None], Catalogue],
    lang: str,
    jump_factor: float = DEFAULT_JUMP_FACTOR,
) -> None:
    """Add the period-over-period findings to each current report that has a previous one."""
    by_agency: dict[str, list[AgencyRow]] = {}
    for old in previous:
        if old.readable and old.agency_key and old.values is not None:
            by_agency.setdefault(old.agency_key, []).append(old)
    for row in rows:
        if not row.readable or row.values is None or not row.agency_key:
            continue
        before = previous_of(row, by_agency.get(row.agency_key, []))
        if before is None:
            continue
        row.previous_source, row.previous_period = before.source, before.period
        _values(row, before, catalogue_for(row.period), lang, jump_factor)
        _new_findings(row, before, lang)


def _values(row: AgencyRow, before: AgencyRow, catalogue: Catalogue, lang: str, factor: float) -> None:
    assert row.values is not None and before.values is not None
    now, then = period_order(row.period), period_order(before.period)
    same_year = now is not None and then is not None and now[0] == then[0]
    period = show_period(before.period, lang)
    for ind in catalogue.indicators.values():
        if ind.kind not in ADDITIVE:
            continue
        new, old = row.values.number(ind.id), before.values.number(ind.id)
        if new is None or old is None:
            continue
        shown = {"indicator": ind.id, "previous": format_number(old), "current": format_number(new)}
        if ind.cumulative and same_year and new < old:
            row.audit_findings.append(
                rules.make(
                    "AUDIT-CUMULATIVE-FELL", lang, (ind.id,), expected=f"≥ {shown['previous']}",
                    actual=shown["current"], previous_period=period, previous_source=before.source, **shown,
                )
            )  # fmt: skip
        elif jumped(old, new, factor):
            ratio = max(old, new) / min(old, new)
            row.audit_findings.append(
                rules.make(
                    "AUDIT-JUMP", lang, (ind.id,), actual=shown["current"], previous_period=period,
                    ratio=format_number(round(ratio, 1), 1), factor=format_number(factor, 1), **shown,
                )
            )  # fmt: skip


def _new_findings(row: AgencyRow, before: AgencyRow, lang: str) -> None:
    known = {f.fingerprint for f in before.findings}
    new = [f for f in row.findings if f.fingerprint not in known]
    for finding in new:
        finding.new = True
    if new:
        prints = [f"{f.rule_id} ({', '.join(f.indicators)})" if f.indicators else f.rule_id for f in new]
        row.audit_findings.append(
            rules.make(
                "AUDIT-NEW-FINDING", lang, count=len(new), previous_period=show_period(before.period, lang),
                fingerprints=rules.shorten(prints, 8),
            )
        )  # fmt: skip
