"""Find the bundled catalogue, rulesets and plugins in a checkout or in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def catalog_dir() -> Path:
    return _data_dir("catalog")


def rulesets_dir() -> Path:
    return _data_dir("rulesets")


def plugins_dir() -> Path:
    return _data_dir("plugins")


def schema_path(name: str) -> Path:
    return _PACKAGE / "schemas" / f"{name}.schema.json"
