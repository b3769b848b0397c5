"""Sở Thông tin và Truyền thông (Information and Communications): an example of a
catalogue extension. The province asks this department for its own indicators on the
digitisation of administrative-procedure dossiers, as rows 7.8–7.8.3 below 7.7.

- Catalogue: 7.8 (group), 7.8.1 dossiers received on the provincial system, 7.8.2 dossiers
  whose results were digitised, 7.8.3 the digitised share (%).
- Rules (so_tttt.yaml): digitised ≤ received (TTTT-CMP-7.8), the share equals
  100·7.8.2/7.8.1 within its printed rounding (TTTT-RATE-7.8.3), and a share of no
  dossier does not apply (TTTT-RATE-ZERO-7.8.1).
Reports of other agencies are untouched: for them 7.8 stays an unknown row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from cchc_rules.catalogue import Catalogue
from cchc_rules.plugins import hookimpl

NAME = "so_tttt"
AGENCY_KINDS = ("so-tttt",)

INDICATORS: list[dict[str, Any]] = [
    {"id": "7.8", "stt": "7.8.", "parent": "7", "kind": "group", "unit": "", "children": "none",
     "name": "Số hóa hồ sơ, kết quả giải quyết TTHC",
     "name_en": "Digitisation of administrative-procedure dossiers and results"},
    {"id": "7.8.1", "stt": "7.8.1.", "parent": "7.8", "kind": "count", "unit": "Hồ sơ", "unit_en": "dossiers",
     "name": "Số hồ sơ TTHC tiếp nhận trên Hệ thống thông tin giải quyết TTHC của tỉnh",
     "name_en": "Dossiers received on the provincial administrative-procedure system",
     "applies_to": ["so-tttt"]},
    {"id": "7.8.2", "stt": "7.8.2.", "parent": "7.8", "kind": "count", "unit": "Hồ sơ", "unit_en": "dossiers",
     "name": "Số hồ sơ TTHC được số hóa kết quả giải quyết",
     "name_en": "Dossiers whose results were digitised", "applies_to": ["so-tttt"]},
    {"id": "7.8.3", "stt": "7.8.3.", "parent": "7.8", "kind": "rate", "unit": "%", "unit_en": "%",
     "name": "Tỷ lệ hồ sơ TTHC được số hóa kết quả giải quyết",
     "name_en": "Share of dossiers whose results were digitised", "applies_to": ["so-tttt"]},
]  # fmt: skip


@hookimpl
def cchc_catalogue_extensions(catalogue: Catalogue) -> Sequence[Mapping[str, Any]]:
    return INDICATORS


@hookimpl
def cchc_rulesets() -> Sequence[Path]:
    return [Path(__file__).with_name("so_tttt.yaml")]
