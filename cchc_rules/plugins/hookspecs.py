"""Every hook a plugin can implement. Each docstring is the plugin reference
(docs/plugins.md lists them, and a meta-test checks that each is documented and tested).

A plugin is a module (or object) with hook functions marked `@hookimpl`. It may set
AGENCY_KINDS (a tuple of agency kind ids, e.g. ("thanh-tra-tinh",)): it is then
active only for reports of those kinds (or kinds below them); without it, for all.
Hooks that take a `report` are called only for the plugins active on that report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from cchc_rules.applicability import Applicability
from cchc_rules.catalogue import Catalogue
from cchc_rules.findings import Finding
from cchc_rules.formats import FormatSpec
from cchc_rules.model import Report
from cchc_rules.plugins import hookspec
from cchc_rules.readers import ReaderSpec
from cchc_rules.rules.base import Compiler


@hookspec
def cchc_rule_kinds() -> Mapping[str, Compiler]:
    """Contribute rule kinds: {kind name: compile_rule}.

    `compile_rule(spec: RuleSpec, catalogue: Catalogue) -> Callable[[Context], RuleRun]` is
    called once per rule when a ruleset is compiled; raise `RuleDefinitionError` for bad
    parameters. The built-in kinds (completeness, coherence, coded, sum, compare, rate,
    conditional, expression) are registered through this same hook. All results are merged;
    a kind name given twice is an error.
    """
    raise NotImplementedError


@hookspec
def cchc_rulesets() -> Sequence[Path]:
    """Contribute ruleset files (YAML in the rulesets/ format).

    Their rules run only on reports the plugin is active for. Plugin rulesets are validated
    against the ruleset schema at load, like any user ruleset. The standard ruleset is
    contributed by the built-in plugin.
    """
    raise NotImplementedError


@hookspec
def cchc_catalogue_extensions(catalogue: Catalogue) -> Sequence[Mapping[str, Any]]:
    """Contribute extra indicators of an agency's own, as catalogue items.

    Each item has the fields of an indicator in catalog/*.yaml (id, stt, parent, name,
    name_en, unit, kind, ...); it is validated against the catalogue schema. Rows with
    these ids are then read as known indicators of the report instead of unknown rows.
    Called with the base catalogue, for the plugins active on the report being read.
    """
    raise NotImplementedError


@hookspec
def cchc_readers() -> Sequence[ReaderSpec]:
    """Contribute input formats: ReaderSpec(name, extensions, module).

    The module defines NAME, EXTENSIONS, sniff(head: bytes) -> bool and either
    read_rows(data: bytes, path: str) yielding five-cell RawRows, or read_report(data, path)
    returning a Report. A module with read_rows may also define read_layout(data, path),
    returning what build_layout(read_rows(data, path)) would, only faster (the text reader
    does). The built-in readers are registered through this hook.
    """
    raise NotImplementedError


@hookspec
def cchc_formats() -> Sequence[FormatSpec]:
    """Contribute output formats: FormatSpec(name, module, binary, extension).

    The module defines render(results: Sequence[ReportResult], options: FormatOptions)
    returning str (or bytes when binary). The built-in formats are registered through
    this hook; `--format NAME` then selects it.
    """
    raise NotImplementedError


@hookspec
def cchc_adjust_applicability(report: Report, applicability: Applicability) -> None:
    """Adjust which indicators apply to this report's agency, in place.

    `applicability.absent_features` (e.g. "sncl": the agency has no public service units)
    makes every indicator that requires the feature not applicable; `not_applicable` adds
    indicator ids that need not be reported; `required` adds ids that must be reported even
    when a note delegates them. Called after the report is read, before rules run.
    """


@hookspec
def cchc_postprocess_findings(report: Report, findings: list[Finding]) -> list[Finding] | None:
    """Return a new list of findings for this report (or None to leave it as it is).

    Called after every rule has run, plugin by plugin; each plugin sees the previous one's
    result. Use it to drop findings that do not apply to an agency or to add findings that
    need the whole list.
    """
