"""Duplicates and gaps: one report per agency and period, and every expected agency present.

Two reports of one agency for one period would be counted twice in the province's
figures, so only one is consolidated: the latest by its own date, then the one with
fewer errors, then the last file; each copy is flagged. Agencies are matched by name
as a reviewer reads it (case, spacing and Unicode form aside; "Ủy ban nhân dân" =
"UBND"); a report without an agency name is never taken for another's duplicate.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cchc_rules.audit import rules
from cchc_rules.audit.model import AgencyRow, agency_key

UNKNOWN_PERIOD = {"vi": "không rõ", "en": "unknown"}
IDENTICAL = {"vi": " ({files} giống hệt tệp này)", "en": " ({files} identical to this one)"}


def show_period(period: str | None, lang: str) -> str:
    return period or UNKNOWN_PERIOD.get(lang, UNKNOWN_PERIOD["vi"])


def _preference(row: AgencyRow) -> tuple[str, int, int]:
    return (row.report_date or "", -sum(f.severity == "error" for f in row.findings), row.index)


def mark_duplicates(rows: Sequence[AgencyRow], lang: str) -> None:
    """Choose the report consolidated for each agency and period (row.consolidated); flag the copies."""
    groups: dict[tuple[str, str], list[AgencyRow]] = {}
    for row in rows:
        if row.readable:
            key = row.agency_key or f"\0{row.source}"
            groups.setdefault((key, row.period or ""), []).append(row)
    for members in groups.values():
        chosen = max(members, key=_preference)
        chosen.consolidated = True
        if len(members) == 1:
            continue
        names = [Path(m.source).name for m in members]
        by_digest: dict[str, list[int]] = {}  # linear in the group: a batch may hold one agency 60 times
        for position, member in enumerate(members):
            if member.digest:
                by_digest.setdefault(member.digest, []).append(position)
        for mine, row in enumerate(members):
            twins = by_digest.get(row.digest, []) if row.digest else []
            same = [names[other] for other in twins if other != mine]
            identical = IDENTICAL[lang if lang in IDENTICAL else "vi"].format(files=", ".join(same)) if same else ""
            row.audit_findings.append(
                rules.make(
                    "AUDIT-DUPLICATE",
                    lang,
                    agency=row.label,
                    count=len(members),
                    period=show_period(row.period, lang),
                    files=rules.shorten(names),
                    identical=identical,
                    chosen=Path(chosen.source).name,
                )
            )


def expected_gaps(rows: list[AgencyRow], expected: Sequence[str], lang: str) -> list[AgencyRow]:
    """A placeholder row for each expected agency with no readable report in a period of the batch;
    a note on each report whose agency is not on the list (usually a misspelt name)."""
    names: dict[str, str] = {}
    for name in expected:
        if name.strip():
            names.setdefault(agency_key(name.strip()), name.strip())
    if not names:
        return []
    readable = [r for r in rows if r.readable]
    periods = sorted({r.period or "" for r in readable}) or [""]
    present = {(r.agency_key, r.period or "") for r in readable}
    placeholders: list[AgencyRow] = []
    for period in periods:
        for key, name in names.items():
            if (key, period) in present:
                continue
            row = AgencyRow(index=len(rows) + len(placeholders), source="", agency=name, period=period or None)
            row.missing = True
            row.audit_findings.append(
                rules.make("AUDIT-MISSING-AGENCY", lang, agency=name, period=show_period(period or None, lang))
            )
            placeholders.append(row)
    for row in readable:
        if row.agency_key not in names:
            row.audit_findings.append(rules.make("AUDIT-UNKNOWN-AGENCY", lang, agency=row.label))
    return placeholders


def read_expected(path: Path) -> list[str]:
    """One agency per line; blank lines and lines starting with # are ignored."""
    from cchc_rules.errors import CchcError

    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CchcError("file-not-found", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CchcError("file-unreadable", path=str(path), reason=str(exc)) from None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
