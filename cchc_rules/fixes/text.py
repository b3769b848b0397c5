"""Suggestions in words, Vietnamese or English: "probably X should be Y", and why."""

from __future__ import annotations

from cchc_rules.fixes.model import Alternative, Suggestion, Support

WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "is": "Có thể {indicator} nên là {proposed}",
        "blank": "Có thể {indicator} nên để trống",
        "≤": "Có thể {indicator} nên không quá {proposed}",
        "≥": "Có thể {indicator} nên không dưới {proposed}",
        "high": "độ tin cậy cao",
        "medium": "độ tin cậy trung bình",
        "low": "độ tin cậy thấp",
        "derived": "các dòng con đã có đủ: {detail}",
        "unique": "đây là thay đổi nhỏ nhất duy nhất thỏa mãn {rules}",
        "preferred": "cũng nhỏ như vậy: {alternatives}; chọn thay đổi này vì {support}",
        "preferred_bare": "cũng nhỏ như vậy: {alternatives}; thay đổi này ít ảnh hưởng nhất",
        "tie": "cũng nhỏ như vậy: {alternatives}; không có căn cứ để chọn, cần người kiểm tra",
        "heading": "dòng tiêu đề nhóm không có số liệu riêng",
        "bounded": "chỉ xác định được giới hạn, không xác định được giá trị",
        "confirmed": "ghi chú của {ident} xác nhận giá trị của nó ({detail})",
        "checks": "{ident} khớp với {count} phép kiểm tra khác",
        "checks_one": "{ident} khớp với một phép kiểm tra khác",
        "contradicted": "ghi chú của {ident} nêu {detail}",
        "copy": "ghi chú của {ident} chép lại ghi chú của {detail}",
        "broken": "khi đó cần sửa cả ghi chú của {ident} (“{detail}”)",
        "alt_value": "{indicator} = {proposed}",
        "alt_≤": "{indicator} ≤ {proposed}",
        "alt_≥": "{indicator} ≥ {proposed}",
        "alt_blank": "{indicator} để trống",
        "alt_note": "ghi chú của {indicator} sai",
        "and": " và ",
        "none": "không thay đổi nào thỏa mãn được mọi quy tắc",
    },
    "en": {
        "is": "Probably {indicator} should be {proposed}",
        "blank": "Probably {indicator} should be left blank",
        "≤": "Probably {indicator} should be at most {proposed}",
        "≥": "Probably {indicator} should be at least {proposed}",
        "high": "high confidence",
        "medium": "medium confidence",
        "low": "low confidence",
        "derived": "its parts are all given: {detail}",
        "unique": "the only smallest change that satisfies {rules}",
        "preferred": "as small: {alternatives}; this one is preferred because {support}",
        "preferred_bare": "as small: {alternatives}; this one costs least",
        "tie": "as small: {alternatives}; nothing prefers one, a person must decide",
        "heading": "a group heading has no value of its own",
        "bounded": "only a bound can be derived, not the value",
        "confirmed": "{ident} is confirmed by its note ({detail})",
        "checks": "{ident} agrees with {count} other checks",
        "checks_one": "{ident} agrees with one other check",
        "contradicted": "the note of {ident} gives {detail}",
        "copy": "the note of {ident} repeats the note of {detail}",
        "broken": "the note of {ident} (“{detail}”) then needs correcting too",
        "alt_value": "{indicator} = {proposed}",
        "alt_≤": "{indicator} ≤ {proposed}",
        "alt_≥": "{indicator} ≥ {proposed}",
        "alt_blank": "{indicator} left blank",
        "alt_note": "the note of {indicator} is wrong",
        "and": " and ",
        "none": "no change satisfies every rule",
    },
}


def _words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["vi"])


def headline(suggestion: Suggestion, lang: str = "vi") -> str:
    """ "Có thể 3.2 nên là 25" / "Probably 3.2 should be 25"."""
    words = _words(lang)
    key = suggestion.relation if suggestion.relation != "=" else "is" if suggestion.proposed_raw else "blank"
    return words[key].format(indicator=suggestion.indicator, proposed=suggestion.proposed_raw)


def alternative(item: Alternative, lang: str = "vi") -> str:
    words = _words(lang)
    if item.note:
        key = "alt_note"
    elif item.relation != "=":
        key = f"alt_{item.relation}"
    else:
        key = "alt_value" if item.proposed else "alt_blank"
    return words[key].format(indicator=item.indicator, proposed=item.proposed)


def support(item: Support, lang: str = "vi") -> str:
    key = "checks_one" if item.kind == "checks" and item.count == 1 else item.kind
    return _words(lang)[key].format(ident=item.ident, detail=item.detail, count=item.count)


def reason(suggestion: Suggestion, lang: str = "vi") -> str:
    """Why, with what confidence: the line under the headline."""
    words = _words(lang)
    why = [s for s in suggestion.support if s.kind != "broken"]
    after = [support(s, lang) for s in suggestion.support if s.kind == "broken"]
    alternatives = "; ".join(alternative(a, lang) for a in suggestion.alternatives)
    key = suggestion.reason
    if key == "preferred" and not why:
        key = "preferred_bare"
    text = words[key].format(
        detail=suggestion.detail,
        rules=", ".join(suggestion.rule_ids),
        alternatives=alternatives,
        support=words["and"].join(support(s, lang) for s in why),
    )
    if suggestion.reason in ("unique", "tie") and why:
        text += "; " + "; ".join(support(s, lang) for s in why)
    if suggestion.relation != "=":
        text += "; " + words["bounded"]
    if after:
        text += "; " + "; ".join(after)
    return f"{words[suggestion.confidence.value]}: {text}"


def describe(suggestion: Suggestion, lang: str = "vi") -> str:
    """One line: the headline and, after a dash, the confidence and the reasons."""
    return f"{headline(suggestion, lang)} — {reason(suggestion, lang)}"
