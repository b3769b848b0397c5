"""Configuration: `[tool.cchc]` in pyproject.toml, or cchc.toml, found by searching upward
from the checked files. Precedence: defaults < the file found < --config FILE < flags.

Relative paths in a file are relative to that file's folder. An unknown or invalid key
is a one-line error that names it.

The settings are a plain dataclass. pydantic (cchc_rules/configschema.py) validates only
what needs it, a configuration file or a flag value argparse does not constrain, so a run
without a configuration file never imports it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

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


@dataclass(frozen=True, slots=True)
class Suppression:
    """One accepted finding, with the reason it is accepted."""

    rule: str
    indicator: str | None = None
    source: str | None = None  # a glob matched against the report's path
    reason: str = ""


@dataclass(slots=True)
class Config:
    """The settings of one run: defaults, then the configuration files, then the flags."""

    rulesets: list[str] = field(default_factory=list)
    standard: bool = True
    plugins: list[str] = field(default_factory=list)
    no_plugins: list[str] = field(default_factory=list)
    plugins_dir: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Level] = field(default_factory=dict)
    fail_on: Literal["error", "warning", "info", "never"] = "error"
    lang: Literal["vi", "en"] = "vi"
    agency_kind: str | None = None
    expected_agencies: list[str] = field(default_factory=list)
    baseline: str | None = None
    max_input_size: int = 20  # megabytes
    suppress: list[Suppression] = field(default_factory=list)
    source: str | None = None

    @classmethod
    def model_validate(cls, data: Mapping[str, Any]) -> Config:
        """A configuration table checked against the schema (keys with dashes or underscores);
        raises pydantic's ValidationError, as when Config was a pydantic model."""
        from cchc_rules.configschema import ConfigSchema

        return _from_schema(ConfigSchema.model_validate(data))


def _from_schema(parsed: ConfigSchema) -> Config:
    values = {f.name: getattr(parsed, f.name) for f in fields(Config) if f.name != "suppress"}
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


def _read(path: Path) -> dict[str, Any] | None:
    import tomllib  # only where there is a file to read

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CchcError("invalid-config", path=str(path), key="-", reason=str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
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
