"""Configuration: `[tool.cchc]` in pyproject.toml, or cchc.toml, found by searching upward
from the checked files. Precedence: defaults < the file found < --config FILE < flags.

Relative paths in a file are relative to that file's folder. An unknown or invalid key
is a one-line error that names it.

The settings are a plain class. pydantic (cchc_rules/configschema.py) validates only
what needs it, a configuration file or a flag value argparse does not constrain, so a run
without a configuration file never imports it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from cchc_rules.errors import CchcError

if TYPE_CHECKING:
    from cchc_rules.configschema import ConfigSchema

Level = Literal["error", "warning", "info"]
FILENAMES = ("cchc.toml", "pyproject.toml")
LEVELS = ("error", "warning", "info")
FAIL_ON = (*LEVELS, "never")
LANGS = ("vi", "en")
MAX_INPUT_SIZE = range(1, 1025)  # megabytes
LIST_KEYS = ("rulesets", "plugins", "no_plugins", "plugins_dir", "select", "ignore", "expected_agencies")


class Suppression(NamedTuple):
    """One accepted finding, with the reason it is accepted."""

    rule: str
    indicator: str | None = None
    source: str | None = None  # a glob matched against the report's path
    reason: str = ""


# Config's fields, in order.
FIELDS = (
    "rulesets", "standard", "plugins", "no_plugins", "plugins_dir", "select", "ignore", "severity", "fail_on", "lang",
    "agency_kind", "expected_agencies", "baseline", "max_input_size", "suppress", "source",
)  # fmt: skip


class Config:
    """The settings of one run: defaults, then the configuration files, then the flags.

    A plain class rather than a dataclass, which would cost every start of `cchc` about a
    millisecond to build; compared and shown field by field as a dataclass would be."""

    __slots__ = FIELDS

    def __init__(
        self,
        rulesets: list[str] | None = None,
        standard: bool = True,
        plugins: list[str] | None = None,
        no_plugins: list[str] | None = None,
        plugins_dir: list[str] | None = None,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        severity: dict[str, Level] | None = None,
        fail_on: Literal["error", "warning", "info", "never"] = "error",
        lang: Literal["vi", "en"] = "vi",
        agency_kind: str | None = None,
        expected_agencies: list[str] | None = None,
        baseline: str | None = None,
        max_input_size: int = 20,  # megabytes
        suppress: list[Suppression] | None = None,
        source: str | None = None,
    ) -> None:
        self.rulesets = [] if rulesets is None else rulesets
        self.standard = standard
        self.plugins = [] if plugins is None else plugins
        self.no_plugins = [] if no_plugins is None else no_plugins
        self.plugins_dir = [] if plugins_dir is None else plugins_dir
        self.select = [] if select is None else select
        self.ignore = [] if ignore is None else ignore
        self.severity = {} if severity is None else severity
        self.fail_on = fail_on
        self.lang = lang
        self.agency_kind = agency_kind
        self.expected_agencies = [] if expected_agencies is None else expected_agencies
        self.baseline = baseline
        self.max_input_size = max_input_size
        self.suppress = [] if suppress is None else suppress
        self.source = source

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in FIELDS)

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Config)
        return self._values() == other._values()

    def __repr__(self) -> str:
        return f"Config({', '.join(f'{name}={getattr(self, name)!r}' for name in FIELDS)})"

    @classmethod
    def model_validate(cls, data: Mapping[str, Any]) -> Config:
        """A configuration table checked against the schema (keys with dashes or underscores);
        raises pydantic's ValidationError, as when Config was a pydantic model."""
        from cchc_rules.configschema import ConfigSchema

        return _from_schema(ConfigSchema.model_validate(data))


def _from_schema(parsed: ConfigSchema) -> Config:
    values = {name: getattr(parsed, name) for name in FIELDS if name != "suppress"}
    suppress = [Suppression(s.rule, s.indicator, s.source, s.reason) for s in parsed.suppress]
    return Config(**values, suppress=suppress)


def _plain_value(key: str, value: Any) -> bool:
    """Is this value already what the schema would make of it?"""
    if key in LIST_KEYS:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if key == "severity":
        return isinstance(value, dict) and all(isinstance(k, str) and v in LEVELS for k, v in value.items())
    if key in ("agency_kind", "baseline"):
        return isinstance(value, str)
    if key == "standard":
        return isinstance(value, bool)
    if key == "fail_on":
        return isinstance(value, str) and value in FAIL_ON
    if key == "lang":
        return isinstance(value, str) and value in LANGS
    if key == "max_input_size":
        return type(value) is int and value in MAX_INPUT_SIZE
    return False


def _plain(values: Mapping[str, Any]) -> Config | None:
    """The settings without pydantic when every value is already valid (the flags of a
    run with no configuration file); None when the schema must decide, and word the error."""
    if not all(_plain_value(key, value) for key, value in values.items()):
        return None
    copied: dict[str, Any] = {k: list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v
                              for k, v in values.items()}  # fmt: skip
    return Config(**copied)


def _schema(data: Mapping[str, Any], where: Path | None) -> ConfigSchema:
    """Validate with the schema; the first error names its key."""
    from pydantic import ValidationError

    from cchc_rules.configschema import ConfigSchema

    try:
        return ConfigSchema.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(p) for p in error["loc"]) or "-"
        path = str(where) if where is not None else "(command line)"
        raise CchcError("invalid-config", path=path, key=key, reason=error["msg"]) from None


PATH_KEYS = ("rulesets", "plugins_dir")


# Where a TOML text may start the key path tool.cchc: `[tool.cchc]`, `tool.cchc.lang = …` or
# `"tool" . 'cchc'`; a `[tool]` table (whose key `cchc` it may be); an inline `tool = {…}`.
_TOOL_CCHC = r"""tool["']?[ \t]*(?:\.[ \t]*["']?cchc|[=\]])"""


def may_have_section(text: str) -> bool:
    """False only if a pyproject.toml text cannot hold a [tool.cchc] table, however spelled
    (a key may be quoted, and a quoted key may be written with \\u escapes): the search
    for a configuration skips such a file without importing tomllib (~2 ms) to parse it."""
    if "\\u" in text or "\\U" in text:
        return True
    return "cchc" in text and re.search(_TOOL_CCHC, text) is not None


def _read(path: Path) -> dict[str, Any] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CchcError("invalid-config", path=str(path), key="-", reason=str(exc)) from None
    if path.name == "pyproject.toml" and not may_have_section(text):
        return None
    import tomllib  # only where there is a table to read

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CchcError("invalid-config", path=str(path), key="-", reason=str(exc)) from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        section = tool.get("cchc") if isinstance(tool, dict) else None
        return section if isinstance(section, dict) else None
    return data


def _validate(raw: dict[str, Any], path: Path) -> dict[str, Any]:
    """The keys a file sets, validated, by field name, with its relative paths resolved."""
    values = _schema(raw, path).model_dump(exclude_unset=True, exclude={"source"})
    base = path.parent
    for key in PATH_KEYS:
        if key in values:
            values[key] = [str((base / p).resolve()) if not Path(p).is_absolute() else p for p in values[key]]
    if values.get("baseline"):
        values["baseline"] = str((base / values["baseline"]).resolve())
    return values


def find(start: Path) -> Path | None:
    """The nearest cchc.toml, or pyproject.toml with [tool.cchc], at or above start."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        for name in FILENAMES:
            candidate = folder / name
            if candidate.is_file() and (name == "cchc.toml" or _read(candidate) is not None):
                return candidate
    return None


def load(files: list[str], explicit: str | None = None, flags: dict[str, Any] | None = None) -> Config:
    """Defaults < the file found upward from the first input < --config < flags."""
    merged: dict[str, Any] = {}
    found = find(Path(files[0]) if files else Path.cwd())
    sources = [p for p in (found, Path(explicit) if explicit else None) if p is not None]
    for path in sources:
        if not path.is_file():
            raise CchcError("file-not-found", path=str(path))
        raw = _read(path)
        if raw is not None:
            for key, value in _validate(raw, path).items():
                merged[key] = {**merged.get(key, {}), **value} if isinstance(value, dict) else value
    for key, value in (flags or {}).items():
        if value is None or value == [] or value == {}:
            continue
        merged[key] = {**merged.get(key, {}), **value} if isinstance(value, dict) else value
    config = _plain(merged) or _from_schema(_schema(merged, None))
    config.source = str(sources[-1]) if sources else None
    return config
