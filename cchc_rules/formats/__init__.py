"""Output formats: one module per format, each with render(results, options).

Built-in formats are listed here by module and imported on first use; plugins add
formats through the `cchc_formats` hook the same way.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    from cchc_rules.result import ReportResult


class FormatOptions(NamedTuple):
    """What every format is told: the language, colour, width and the inputs."""

    lang: str = "vi"
    color: bool = False
    width: int | None = None
    inputs: tuple[str, ...] = ()


class Renderer(Protocol):
    def __call__(self, results: Sequence[ReportResult], options: FormatOptions) -> str | bytes: ...


class FormatSpec(NamedTuple):
    """An output format by module name, so that it is imported only when chosen."""

    name: str
    module: str
    binary: bool = False
    extension: str = ".txt"

    def renderer(self) -> Renderer:
        render: Renderer = importlib.import_module(self.module).render
        return render


BUILTIN_FORMATS: tuple[FormatSpec, ...] = (
    FormatSpec("console", "cchc_rules.formats.console", extension=".txt"),
    FormatSpec("json", "cchc_rules.formats.jsonfmt", extension=".json"),
    FormatSpec("sarif", "cchc_rules.formats.sarif", extension=".sarif"),
    FormatSpec("junit", "cchc_rules.formats.junit", extension=".xml"),
    FormatSpec("github", "cchc_rules.formats.github", extension=".txt"),
    FormatSpec("html", "cchc_rules.formats.html", extension=".html"),
    FormatSpec("xlsx", "cchc_rules.formats.xlsx", binary=True, extension=".xlsx"),
)
