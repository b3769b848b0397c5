"""Report fragments: a few values over an otherwise blank template.

Rule examples in rulesets and the YAML rule cases in tests are fragments, so that
a rule's documentation and its tests are the same data. The loader is public so
that plugin authors test their rules the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cchc_rules.catalogue import Catalogue
from cchc_rules.loading import Overrides, bind
from cchc_rules.model import Entry, Location, Report, ReportMeta
from cchc_rules.readers.title import meta_from_title

DEFAULT_TITLE = "(Kèm theo Báo cáo số 135/BC-TTT ngày 15/12/2021 của Thanh tra tỉnh)"


def _cell(spec: Any) -> dict[str, str]:
    if isinstance(spec, Mapping):
        return {k: str(v) for k, v in spec.items()}
    return {"raw": "" if spec is None else str(spec)}


def build_fragment(fragment: Mapping[str, Any], catalogue: Catalogue) -> Report:
    """The whole template, blank, with the fragment's values, notes, drops and extras applied."""
    meta_spec = dict(fragment.get("meta", {}))
    title = str(meta_spec.pop("title", DEFAULT_TITLE))
    meta = meta_from_title([(title, Location(file="fragment", line=1))]) if title else ReportMeta()
    meta.source = "fragment"
    values: Mapping[str, Any] = fragment.get("values", {})
    drop = set(fragment.get("drop", ()))
    entries: list[Entry] = []
    line = 2
    for ident, ind in catalogue.indicators.items():
        if ident in drop:
            continue
        cell = _cell(values.get(ident))
        copies = 2 if ident in fragment.get("duplicate", ()) else 1
        for _ in range(copies):
            entries.append(
                Entry(
                    id=ident,
                    stt=ind.stt,
                    name=ind.name,
                    unit=cell.get("unit", ind.unit),
                    raw=cell.get("raw", ""),
                    note=cell.get("note", ""),
                    location=Location(file="fragment", line=line),
                )
            )
            line += 1
    for ident, spec in fragment.get("extra", {}).items():
        cell = _cell(spec)
        entries.append(Entry(id=ident, stt=ident, name=cell.get("name", ""), raw=cell.get("raw", ""),
                             location=Location(file="fragment", line=line)))  # fmt: skip
        line += 1
    report = Report(meta=meta, entries=entries)
    overrides = Overrides(
        agency=meta_spec.get("agency"),
        agency_kind=meta_spec.get("agency_kind", "so-nganh" if not meta.agency else None),
        period=meta_spec.get("period"),
    )
    return bind(report, catalogue, overrides)
