"""Rulesets (rulesets/*.yaml): rules as data, each with a stable id, a kind and its
parameters, a severity, a message in Vietnamese and English, and a description."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from cchc_rules.errors import CchcError
from cchc_rules.findings import Severity
from cchc_rules.resources import rulesets_dir
from cchc_rules.rules.base import RuleSpec

RULE_ID = r"^[A-Z][A-Z0-9]*(?:-[A-Za-z0-9.]+)+$"  # compiled where a ruleset is validated, not at import
COMMON_KEYS = frozenset(
    {"id", "kind", "severity", "message", "messages", "description", "name", "indicators",
     "legal_basis", "examples", "applies_to"}
)  # fmt: skip


class Ruleset(NamedTuple):
    """One rulesets/*.yaml file, its rules parsed."""

    id: str
    title: Mapping[str, str]
    template: str
    rules: tuple[RuleSpec, ...]
    source: str = ""


def _fields_ok(template: str) -> bool:
    import string  # only where a ruleset is validated

    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return False
    return all(f is None or (f.isidentifier() and not spec and not conv) for _, f, spec, conv in parsed)


def _messages(raw: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    if "messages" in raw:
        return {str(k): dict(v) for k, v in raw["messages"].items()}
    return {"default": dict(raw.get("message", {}))}


def _fail(source: Any, path: str, index: int, rule: str, reason: str, key: str | None = None) -> CchcError:
    where: list[str | int] = ["rules", index, *([key] if key else [])]
    return CchcError("invalid-ruleset", path=path, line=source.line_of(where), rule=rule, reason=reason)


def parse_ruleset(data: Mapping[str, Any], path: str, source: Any = None) -> Ruleset:
    head = data.get("ruleset", {})
    rules: list[RuleSpec] = []
    seen: set[str] = set()
    for index, raw in enumerate(data.get("rules", [])):
        rule_id = str(raw.get("id", ""))
        if source is not None:
            if not re.match(RULE_ID, rule_id):
                raise _fail(source, path, index, rule_id or f"#{index + 1}", "id must look like CCHC-SUM-3.2", "id")
            if rule_id in seen:
                raise _fail(source, path, index, rule_id, "duplicate rule id", "id")
            messages = _messages(raw)
            for variant, langs in messages.items():
                for lang, template in langs.items():
                    if not _fields_ok(template):
                        raise _fail(
                            source, path, index, rule_id,
                            f"message {variant}/{lang}: placeholders must be plain names like {{indicator}}",
                            "messages" if "messages" in raw else "message",
                        )  # fmt: skip
        seen.add(rule_id)
        params = {k: v for k, v in raw.items() if k not in COMMON_KEYS}
        rules.append(
            RuleSpec(
                id=rule_id,
                kind=str(raw["kind"]),
                severity=Severity(raw.get("severity", "warning")),
                message=_messages(raw),
                description=dict(raw.get("description", {})),
                params=params,
                indicators=tuple(str(i) for i in raw.get("indicators", ())),
                name=str(raw.get("name", "")),
                legal_basis=str(raw.get("legal_basis", "")),
                example=dict(raw.get("examples", {})),
                source=path,
                line=source.line_of(["rules", index]) if source is not None else 0,
                applies_to=tuple(raw.get("applies_to", ())),
            )
        )
    return Ruleset(
        id=str(head.get("id", Path(path).stem)),
        title=dict(head.get("title", {})),
        template=str(head.get("template", "")),
        rules=tuple(rules),
        source=path,
    )


def load_ruleset(path: Path, *, validate: bool = True) -> Ruleset:
    """Load a ruleset file. User files are validated against the schema at load."""
    from cchc_rules.yamlsource import Source

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CchcError("file-not-found", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CchcError("file-unreadable", path=str(path), reason=str(exc)) from None
    if not validate:  # bundled files, validated by the tests: the fast path, no node tree, cached
        from cchc_rules.yamlsource import load_shipped

        return parse_ruleset(load_shipped(text, str(path)), str(path))
    try:
        source = Source(text, str(path))
    except Exception as exc:  # yaml errors carry their own line
        raise CchcError(
            "invalid-ruleset", path=str(path), line=_yaml_line(exc), rule="-", reason=_first_line(exc)
        ) from None
    if not isinstance(source.data, dict):
        raise CchcError("invalid-ruleset", path=str(path), line=1, rule="-", reason="not a mapping")
    from cchc_rules.validation import validate_ruleset

    validate_ruleset(source)
    return parse_ruleset(source.data, str(path), source)


def _yaml_line(exc: Exception) -> int:
    mark = getattr(exc, "problem_mark", None)
    return int(mark.line) + 1 if mark is not None else 1


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def bundled_ruleset_files() -> list[Path]:
    return sorted(rulesets_dir().glob("*.yaml"))


def load_rulesets(paths: Iterable[Path], *, validate: bool = True) -> list[Ruleset]:
    return [load_ruleset(p, validate=validate) for p in paths]
