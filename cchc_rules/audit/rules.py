"""The audit's own rules: checks across reports, with stable ids in the AUDIT- family.

They are not in a ruleset because no single report can break them: they compare a
report with the others of the batch or with the previous period. Like every rule,
each has a message in Vietnamese and English, rendered once in the audit's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cchc_rules.audit.model import AuditFinding


@dataclass(frozen=True)
class AuditRule:
    id: str
    severity: str
    message: Mapping[str, str]
    description: Mapping[str, str]


def _rule(ident: str, severity: str, vi: str, en: str, why_vi: str, why_en: str) -> AuditRule:
    return AuditRule(ident, severity, {"vi": vi, "en": en}, {"vi": why_vi, "en": why_en})


AUDIT_RULES: dict[str, AuditRule] = {
    r.id: r
    for r in (
        _rule(
            "AUDIT-DUPLICATE", "warning",
            "{agency} có {count} báo cáo cho kỳ {period}: {files}{identical}. Chỉ tổng hợp {chosen}",
            "{agency} sent {count} reports for the period {period}: {files}{identical}. Only {chosen} is consolidated",
            "Mỗi cơ quan chỉ có một báo cáo mỗi kỳ; báo cáo trùng làm số liệu tỉnh bị cộng hai lần.",
            "One report per agency and period; a duplicate would be counted twice in the province's figures.",
        ),
        _rule(
            "AUDIT-MISSING-AGENCY", "warning",
            "Chưa có báo cáo của {agency} cho kỳ {period}",
            "No report from {agency} for the period {period}",
            "Cơ quan có trong danh sách phải báo cáo nhưng không có báo cáo đọc được trong lô.",
            "An agency on the expected list has no readable report in the batch.",
        ),
        _rule(
            "AUDIT-UNKNOWN-AGENCY", "info",
            "{agency} không có trong danh sách cơ quan phải báo cáo (viết sai tên?)",
            "{agency} is not on the list of expected agencies (a misspelt name?)",
            "Tên cơ quan không khớp danh sách thường là tên viết sai, khiến cơ quan đó bị coi là thiếu.",
            "A name that matches no expected agency is usually misspelt, and makes that agency look missing.",
        ),
        _rule(
            "AUDIT-CUMULATIVE-FELL", "error",
            "{indicator} là số lũy kế nhưng giảm từ {previous} (kỳ {previous_period}, {previous_source}) "
            "xuống {current}",
            "{indicator} is cumulative but fell from {previous} (period {previous_period}, {previous_source}) "
            "to {current}",
            "Chỉ tiêu lũy kế đến thời điểm báo cáo không thể giảm giữa hai kỳ của cùng một năm.",
            "An indicator cumulative to the reporting date cannot fall between two periods of one year.",
        ),
        _rule(
            "AUDIT-JUMP", "warning",
            "{indicator} thay đổi từ {previous} (kỳ {previous_period}) thành {current}, gấp {ratio} lần "
            "(ngưỡng {factor})",
            "{indicator} changed from {previous} (period {previous_period}) to {current}, {ratio} times "
            "(threshold {factor})",
            "Số liệu thay đổi quá nhiều so với kỳ trước thường là nhập sai (thừa hoặc thiếu chữ số, sai đơn vị).",
            "A value far from the previous period's is often mistyped (a digit too many or too few, a wrong unit).",
        ),
        _rule(
            "AUDIT-NEW-FINDING", "info",
            "{count} phát hiện mới so với kỳ {previous_period}: {fingerprints}",
            "{count} findings new since the period {previous_period}: {fingerprints}",
            "Phát hiện (quy tắc và chỉ tiêu) chưa có trong báo cáo kỳ trước của cùng cơ quan.",
            "Findings (rule and indicators) absent from the same agency's previous report.",
        ),
        _rule(
            "AUDIT-OUTLIER", "info",
            "{indicator} = {value} khác xa các cơ quan cùng loại ({kind}, {n} cơ quan): trung vị {median}, "
            "MAD {mad}, z = {z}",
            "{indicator} = {value} is far from agencies of the same kind ({kind}, {n} agencies): median {median}, "
            "MAD {mad}, z = {z}",
            "Giá trị có |z| > ngưỡng theo trung vị và độ lệch tuyệt đối trung vị (MAD): cần xem lại, chưa chắc là sai.",
            "A value whose robust z-score (median, MAD) exceeds the threshold: worth a look, not necessarily wrong.",
        ),
    )
}  # fmt: skip


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def message(rule_id: str, params: Mapping[str, Any], lang: str) -> str:
    rule = AUDIT_RULES[rule_id]
    template = rule.message.get(lang) or rule.message["vi"]
    return template.format_map(_Params(params))


def make(
    rule_id: str,
    lang: str,
    indicators: tuple[str, ...] = (),
    expected: str | None = None,
    actual: str | None = None,
    **params: Any,
) -> AuditFinding:
    """An AUDIT- finding, its message rendered in the audit's language."""
    rule = AUDIT_RULES[rule_id]
    return AuditFinding(
        rule_id=rule_id,
        severity=rule.severity,
        indicators=indicators,
        message=message(rule_id, params, lang),
        expected=expected,
        actual=actual,
        params=dict(params),
    )


def shorten(items: list[str], limit: int = 5) -> str:
    """A list for a message, cut short: a batch may hold dozens of copies of one report."""
    shown = ", ".join(items[:limit])
    return shown + (f" (+{len(items) - limit})" if len(items) > limit else "")
