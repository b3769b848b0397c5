"""Configuration: `[tool.cchc]` in pyproject.toml, or cchc.toml, found by searching upward
from the checked files. Precedence: defaults < the file found < --config FILE < flags.

Relative paths in a file are relative to that file's folder. An unknown or invalid key
is a one-line error that names it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cchc_rules.errors import CchcError

Level = Literal["error", "warning", "info"]
FILENAMES = ("cchc.toml", "pyproject.toml")


class Suppression(BaseModel):
    """One accepted finding, with the reason it is accepted."""

    model_config = ConfigDict(extra="forbid")

    rule: str = Field(min_length=1)
    indicator: str | None = None
    source: str | None = None  # a glob matched against the report's path
    reason: str = Field(min_length=3)


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    rulesets: list[str] = []
    standard: bool = True
    plugins: list[str] = []
    no_plugins: list[str] = Field(default=[], alias="no-plugins")
    plugins_dir: list[str] = Field(default=[], alias="plugins-dir")
    select: list[str] = []
    ignore: list[str] = []
    severity: dict[str, Level] = {}
    fail_on: Literal["error", "warning", "info", "never"] = Field(default="error", alias="fail-on")
    lang: Literal["vi", "en"] = "vi"
    agency_kind: str | None = Field(default=None, alias="agency-kind")
    expected_agencies: list[str] = Field(default=[], alias="expected-agencies")
    baseline: str | None = None
    max_input_size: int = Field(default=20, ge=1, le=1024, alias="max-input-size")  # megabytes
    suppress: list[Suppression] = []
    source: str | None = Field(default=None, exclude=True)


PATH_KEYS = ("rulesets", "plugins_dir")


def _read(path: Path) -> dict[str, Any] | None:
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
    try:
        parsed = Config.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(p) for p in error["loc"]) or "-"
        raise CchcError("invalid-config", path=str(path), key=key, reason=error["msg"]) from None
    values = parsed.model_dump(exclude_unset=True, exclude={"source"})
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
    try:
        config = Config.model_validate(merged)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(p) for p in error["loc"]) or "-"
        raise CchcError("invalid-config", path="(command line)", key=key, reason=error["msg"]) from None
    config.source = str(sources[-1]) if sources else None
    return config
