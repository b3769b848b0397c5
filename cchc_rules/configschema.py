"""The configuration's schema, as pydantic models. Imported only when there is something
to validate (a configuration file, or a flag value argparse cannot vouch for), so that a
plain `cchc check` never loads pydantic."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Level = Literal["error", "warning", "info"]


class SuppressionSchema(BaseModel):
    """One accepted finding, with the reason it is accepted."""

    model_config = ConfigDict(extra="forbid")

    rule: str = Field(min_length=1)
    indicator: str | None = None
    source: str | None = None  # a glob matched against the report's path
    reason: str = Field(min_length=3)


class ConfigSchema(BaseModel):
    """`[tool.cchc]` or cchc.toml; the keys are written with dashes, the fields with underscores."""

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
    suppress: list[SuppressionSchema] = []
    source: str | None = Field(default=None, exclude=True)  # set by load(), ignored in a file
