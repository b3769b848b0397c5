"""Turn findings into sentences in the user's language. Only outputs call this."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cchc_rules.catalogue import Catalogue
    from cchc_rules.findings import Finding
    from cchc_rules.rules.base import RuleSpec

LANGS = ("vi", "en")


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def message(finding: Finding, spec: RuleSpec | None, catalogue: Catalogue | None, lang: str = "vi") -> str:
    templates: Mapping[str, Mapping[str, str]] = spec.message if spec else {}
    variant = templates.get(finding.variant) or templates.get("default") or {}
    template = variant.get(lang) or variant.get("vi") or finding.rule_id
    first = finding.indicators[0] if finding.indicators else ""
    indicator = catalogue.get(first) if catalogue and first else None
    params = _Params(finding.params)
    params.setdefault("indicator", first)
    params.setdefault("name", indicator.label(lang) if indicator else "")
    params.setdefault("expected", finding.expected or "")
    params.setdefault("actual", finding.actual or "")
    return template.format_map(params)


def text(value: Mapping[str, str], lang: str) -> str:
    return value.get(lang) or value.get("vi") or next(iter(value.values()), "")
