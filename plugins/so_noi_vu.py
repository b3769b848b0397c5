"""Sở Nội vụ (the Department of Home Affairs): it reports the province-wide indicators
itself, so for it they are required, and a note that delegates them ("Sở Nội vụ báo
cáo") does not excuse a blank: it is the agency named.

- Applicability: every indicator the catalogue says Sở Nội vụ reports (4.1.1–4.1.4.d,
  5.2.1.c, 5.3.d, 5.4.a) is required.
- Rules (so_noi_vu.yaml): public service units by autonomy group (6.1–6.4) cannot exceed
  the province's public service units (4.1.4) (SNV-6).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cchc_rules.applicability import Applicability
from cchc_rules.catalogue import default_catalogue
from cchc_rules.model import Report
from cchc_rules.plugins import hookimpl

NAME = "so_noi_vu"
AGENCY_KINDS = ("so-noi-vu",)


@hookimpl
def cchc_rulesets() -> Sequence[Path]:
    return [Path(__file__).with_name("so_noi_vu.yaml")]


@hookimpl
def cchc_adjust_applicability(report: Report, applicability: Applicability) -> None:
    catalogue = default_catalogue()
    for ind in catalogue.indicators.values():
        if ind.reported_by == "so-noi-vu" or "so-noi-vu" in ind.applies_to:
            applicability.required.add(ind.id)
