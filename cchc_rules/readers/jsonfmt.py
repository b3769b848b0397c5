"""The project's own report format, JSON or YAML (schemas/report.schema.json).

It carries the report model itself: metadata and one entry per indicator with the
raw cell text. Values are parsed later, by loading.bind, exactly as for a table, so
a "value" (or "known") in the file is ignored: it would only be a stale copy.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from typing import Any

from pydantic import ValidationError

from cchc_rules.errors import CchcError
from cchc_rules.model import Entry, Location, Report, ReportMeta, adapter, field_names
from cchc_rules.readers.decoding import decode
from cchc_rules.yamlsource import Source, field_path

NAME = "json"
EXTENSIONS = (".json", ".yaml", ".yml")

_IGNORED = frozenset({"value", "known"})
_TOP_LEVEL = frozenset({"meta", "entries"})


def sniff(head: bytes) -> bool:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return stripped.startswith((b"{", b"meta:", b"entries:", b"---"))


def read_report(data: bytes, path: str) -> Report:
    text = decode(data, path)
    is_json = path.lower().endswith(".json") or (
        not path.lower().endswith((".yaml", ".yml")) and text.lstrip().startswith("{")
    )
    source: Source | None = None
    try:
        if is_json:
            document = json.loads(text)
        else:
            source = Source(text, path)
            document = source.data
    except json.JSONDecodeError as exc:
        raise _invalid(path, f"line {exc.lineno}: {exc.msg}") from None
    except RecursionError:
        raise _invalid(path, "lồng quá sâu / nested too deeply") from None
    except Exception as exc:  # yaml.YAMLError and its marks
        raise _invalid(path, str(exc)) from None
    lines = _Lines(text, path, source)
    document = _prepare(document, path, lines)
    try:
        report: Report = adapter(Report).validate_python(document)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = field_path(first["loc"], document, with_index=True)
        number = isinstance(first.get("input"), int | float) and first["type"] == "string_type"
        # YAML reads an unquoted 03 as the number 3: raw cells are quoted to stay as written.
        hint = " (đặt trong dấu ngoặc kép / quote it)" if number else ""
        line = lines.line_of(first["loc"])
        prefix = f"line {line}: " if line is not None else ""
        raise _invalid(path, f"{prefix}{where}: {first['msg']}{hint}") from None
    for index, entry in enumerate(report.entries):
        _locate(entry, index, path, lines)
    return report


class _Lines:
    """Line numbers of the document's nodes, composed only if some entry needs one."""

    def __init__(self, text: str, path: str, source: Source | None) -> None:
        self._text = text
        self._path = path
        self._source = source
        self._tried = source is not None

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        if not self._tried:
            self._tried = True
            try:
                self._source = Source(self._text, self._path)
            except Exception:  # JSON that YAML does not read (tabs): lines are a nicety
                self._source = None
        if self._source is None:
            return None
        try:
            return self._source.line_of(list(loc))
        except Exception:
            return None


def _prepare(document: Any, path: str, lines: _Lines) -> dict[str, Any]:
    """Refuse what the schema refuses, and drop the fields that input ignores."""
    if not isinstance(document, dict):
        raise _invalid(path, "không phải một mapping {meta, entries} / not a mapping with meta and entries")
    if "entries" not in document:
        raise _invalid(path, "thiếu / missing entries")
    meta = document.get("meta") or {}
    entries = document["entries"]
    if isinstance(meta, dict):
        _unknown_keys(meta, field_names(ReportMeta), ["meta"], path, lines)
    if not isinstance(entries, list):
        return {"meta": meta, "entries": entries}
    cleaned: list[Any] = []
    for index, entry in enumerate(entries):
        if isinstance(entry, dict):
            _unknown_keys(entry, field_names(Entry), ["entries", index], path, lines)
            entry = {key: value for key, value in entry.items() if key not in _IGNORED}
        cleaned.append(entry)
    return {"meta": meta, "entries": cleaned}


def _unknown_keys(
    mapping: dict[Any, Any], known: Collection[str], loc: list[str | int], path: str, lines: _Lines
) -> None:
    for key in mapping:
        if key not in known:
            line = lines.line_of([*loc, str(key)])
            prefix = f"line {line}: " if line is not None else ""
            where = ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in loc)
            raise _invalid(path, f"{prefix}{where.replace('.[', '[')}: khoá lạ / unknown key {key!r}")


def _locate(entry: Entry, index: int, path: str, lines: _Lines) -> None:
    """Findings point at the file being checked: this JSON, at the entry's line in it, even
    when the entry remembers where it was first read from (`cchc parse --format json`)."""
    entry.location = Location(file=path, line=lines.line_of(["entries", index]))


def _invalid(path: str, reason: str) -> CchcError:
    return CchcError("invalid-report", path=path, reason=reason)
