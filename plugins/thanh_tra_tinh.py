"""Thanh tra tỉnh (the provincial inspectorate): it has no public service unit, so what
concerns public service units does not apply to it, and its reports are reviewed for that.

- Applicability: the feature "sncl" (has public service units) is absent, whatever the
  notes say, so 4.1.4.b, 4.3, 5.2.2.a–b, 5.4.d and 6.1–6.5 need not be reported.
- Rules (thanh_tra_tinh.yaml): those indicators must be 0 or blank (TTT-SNCL-4/5/6).
- Findings: a value written on a group heading whose every indicator concerns public
  service units (5.2.2, 6) only restates that the inspectorate has none; the
  CCHC-TYPE-GROUP notice on such a heading is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cchc_rules.applicability import Applicability
from cchc_rules.catalogue import default_catalogue
from cchc_rules.findings import Finding
from cchc_rules.model import Report
from cchc_rules.plugins import hookimpl

NAME = "thanh_tra_tinh"
AGENCY_KINDS = ("thanh-tra-tinh",)
FEATURE = "sncl"


@hookimpl
def cchc_rulesets() -> Sequence[Path]:
    return [Path(__file__).with_name("thanh_tra_tinh.yaml")]


@hookimpl
def cchc_adjust_applicability(report: Report, applicability: Applicability) -> None:
    applicability.absent_features.add(FEATURE)


def _only_about_public_service_units(ident: str) -> bool:
    catalogue = default_catalogue()
    below = [i for i in catalogue.indicators.values() if i.id.startswith(ident + ".")]
    return bool(below) and all(FEATURE in i.requires or i.kind.value == "group" for i in below)


@hookimpl
def cchc_postprocess_findings(report: Report, findings: list[Finding]) -> list[Finding]:
    return [
        f
        for f in findings
        if not (f.rule_id == "CCHC-TYPE-GROUP" and f.indicators and _only_about_public_service_units(f.indicators[0]))
    ]
