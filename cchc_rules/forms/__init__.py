"""Blank forms generated from the catalogue, in the template's layout, that the readers
read back without surprises (`cchc template`)."""

from __future__ import annotations

from dataclasses import dataclass

from cchc_rules.catalogue import Catalogue, Indicator

HEADER_1 = ("STT", "Chỉ tiêu thống kê (Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)", "Kết quả thống kê", "",
            "Đơn vị thực hiện")  # fmt: skip
HEADER_2 = ("", "", "Đơn vị tính", "Số liệu", "")
DELEGATED = {"so-noi-vu": "Sở Nội vụ báo cáo", "so-tttt": "Sở Thông tin và Truyền thông báo cáo"}


@dataclass(frozen=True)
class FormRow:
    indicator: Indicator
    cells: tuple[str, str, str, str, str]
    applies: bool


def title_lines(agency: str | None, code: str = "BC") -> list[str]:
    name = agency or "…"
    return [
        "Phụ lục 2",
        f"THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH TẠI {name.upper()}",
        f"(Kèm theo Báo cáo số /{code} ngày / / của {name})",
    ]


def form_rows(catalogue: Catalogue, agency_kind: str | None = None) -> list[FormRow]:
    """One row per indicator; for a known kind of agency, rows it does not report carry a
    delegation note, so that a clerk sees at once what is not theirs to fill."""
    lineage = catalogue.kind_lineage(agency_kind) if agency_kind else set()
    rows = []
    for ind in catalogue.indicators.values():
        name = ind.name if ind.stt else f"- {ind.name}"
        applies = True
        note = ""
        if lineage:
            if ind.reported_by != "each" and ind.reported_by not in lineage:
                applies, note = False, DELEGATED.get(ind.reported_by, "")
            elif ind.applies_to and not lineage.intersection(ind.applies_to):
                applies, note = False, "Không áp dụng"
        rows.append(FormRow(ind, (ind.stt, name, ind.unit, "", note), applies))
    return rows
