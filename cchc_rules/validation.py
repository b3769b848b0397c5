"""Schema validation of catalogue and ruleset files, with errors that name the file,
the line and the field (or rule). jsonschema is imported here only, off the start-up path."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from cchc_rules.errors import CchcError
from cchc_rules.resources import schema_path
from cchc_rules.yamlsource import Source, field_path


@cache
def _validator(name: str) -> Any:
    import jsonschema

    schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def schema_errors(name: str, source: Source) -> Iterator[tuple[list[str | int], str]]:
    validator = _validator(name)
    for error in sorted(validator.iter_errors(source.data), key=lambda e: list(map(str, e.absolute_path))):
        yield list(error.absolute_path), error.message


def validate_catalogue(source: Source) -> None:
    data = source.data
    if not isinstance(data, dict):
        raise CchcError("invalid-catalogue", path=source.path, line=1, field="(root)", reason="not a mapping")
    for path, message in schema_errors("catalog", source):
        raise CchcError(
            "invalid-catalogue",
            path=source.path,
            line=source.line_of(path),
            field=field_path(path, data),
            reason=message,
        )
    for path, message in _catalogue_semantics(data):
        raise CchcError(
            "invalid-catalogue",
            path=source.path,
            line=source.line_of(path),
            field=field_path(path, data),
            reason=message,
        )


def _catalogue_semantics(data: dict[str, Any]) -> Iterator[tuple[list[str | int], str]]:
    seen: dict[str, int] = {}
    kinds = {k["id"] for k in data.get("agency_kinds", [])}
    features = {f["id"] for f in data.get("features", [])}
    for index, ind in enumerate(data["indicators"]):
        ident = ind["id"]
        if ident in seen:
            yield ["indicators", index, "id"], f"duplicate id {ident!r} (first at item {seen[ident]})"
        seen[ident] = index
        parent = ind.get("parent")
        if parent is not None and parent not in seen:
            yield ["indicators", index, "parent"], f"parent {parent!r} is not defined before {ident!r}"
        if "." in ident and parent is None:
            yield ["indicators", index, "id"], f"{ident!r} has no parent"
        for key in ("applies_to",):
            for j, kind in enumerate(ind.get(key, [])):
                if kind not in kinds:
                    yield ["indicators", index, key, j], f"unknown agency kind {kind!r}"
        reporter = ind.get("reported_by", "each")
        if reporter != "each" and reporter not in kinds:
            yield ["indicators", index, "reported_by"], f"unknown agency kind {reporter!r}"
        for j, feature in enumerate(ind.get("requires", [])):
            if feature not in features:
                yield ["indicators", index, "requires", j], f"unknown feature {feature!r}"
        legend, legend_en = ind.get("legend"), ind.get("legend_en")
        if legend and legend_en and set(legend) != set(legend_en):
            yield ["indicators", index, "legend_en"], "legend_en has other codes than legend"


def validate_ruleset(source: Source) -> None:
    data = source.data
    for path, message in schema_errors("ruleset", source):
        rule = "-"
        if len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int):
            try:
                rule = str(data["rules"][path[1]].get("id", f"#{path[1] + 1}"))
            except (KeyError, IndexError, AttributeError):
                rule = f"#{path[1] + 1}"
        where = field_path(path[2:], data["rules"][path[1]]) if rule != "-" else field_path(path, data)
        raise CchcError(
            "invalid-ruleset",
            path=source.path,
            line=source.line_of(path),
            rule=rule,
            reason=f"{where}: {message}",
        )


def validate_extension(catalogue: Any, items: list[Any], schema: Sequence[bool] | None = None) -> None:
    """A plugin's extra indicators: the catalogue schema for each item, ids new, parents known.

    `schema[i]` False skips the schema for item i: a plugin shipped with cchc-rules, whose
    items the tests validate, so that jsonschema stays off the start-up path."""
    checked = [schema is None or schema[i] for i in range(len(items))]
    if any(checked):
        import jsonschema

        whole = json.loads(schema_path("catalog").read_text(encoding="utf-8"))
        item_schema = {"$defs": whole["$defs"], **whole["$defs"]["indicator"]}
    known = set(catalogue.indicators)
    for index, item in enumerate(items):
        where = f"plugin indicator #{index + 1}"
        if checked[index]:
            try:
                jsonschema.validate(item, item_schema)
            except jsonschema.ValidationError as exc:
                field = ".".join(map(str, exc.absolute_path)) or "(item)"
                raise CchcError("invalid-catalogue", path=where, line=0, field=field, reason=exc.message) from None
        if item["id"] in known:
            raise CchcError("invalid-catalogue", path=where, line=0, field="id", reason=f"{item['id']!r} exists")
        if item.get("parent") and item["parent"] not in known:
            raise CchcError(
                "invalid-catalogue", path=where, line=0, field="parent", reason=f"unknown parent {item['parent']!r}"
            )
        known.add(item["id"])
