"""Check reports: load the rulesets, compile them once per catalogue, evaluate.

This is the Python API's engine room; the CLI is a thin layer over it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cchc_rules.catalogue import Catalogue, bundled, select
from cchc_rules.engine import CompiledRuleset, compile_rules, evaluate
from cchc_rules.findings import Severity
from cchc_rules.loading import Overrides, bind, read_report
from cchc_rules.model import Report
from cchc_rules.readers import BUILTIN_READERS, ReaderSpec
from cchc_rules.result import ReportResult
from cchc_rules.rules.base import Compiler, RuleSpec
from cchc_rules.ruleset import Ruleset, bundled_ruleset_files, load_ruleset


def selected(rule_id: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """flake8's rule: the longest matching prefix among select and ignore wins."""
    best_select = max((len(p) for p in select if rule_id.startswith(p)), default=-1 if select else 0)
    best_ignore = max((len(p) for p in ignore if rule_id.startswith(p)), default=-1)
    return best_select >= 0 and best_select >= best_ignore


@dataclass
class Checker:
    ruleset_paths: Sequence[Path] = ()
    use_bundled: bool = True
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    catalogues: Sequence[Catalogue] = ()
    readers: Sequence[ReaderSpec] = BUILTIN_READERS
    kinds: Mapping[str, Compiler] = field(default_factory=dict)
    extra_rules: Sequence[RuleSpec] = ()
    absent_features: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self._rulesets: list[Ruleset] | None = None
        self._compiled: dict[str, CompiledRuleset] = {}

    @property
    def rulesets(self) -> list[Ruleset]:
        if self._rulesets is None:
            bundled_sets = (
                [load_ruleset(p, validate=False) for p in bundled_ruleset_files()] if self.use_bundled else []
            )
            user_sets = [load_ruleset(Path(p)) for p in self.ruleset_paths]
            self._rulesets = bundled_sets + user_sets
        return self._rulesets

    def rule_specs(self) -> list[RuleSpec]:
        specs = [r for rs in self.rulesets for r in rs.rules] + list(self.extra_rules)
        return [s for s in specs if selected(s.id, self.select, self.ignore)]

    def catalogue_for(self, report: Report) -> Catalogue:
        from cchc_rules.periods import Period

        on = Period.parse(report.meta.period).end if report.meta.period else None
        return select(self.catalogues or bundled(), report.meta.template_id, on)

    def compiled(self, catalogue: Catalogue) -> CompiledRuleset:
        key = f"{catalogue.template_id}/{catalogue.version}"
        if key not in self._compiled:
            self._compiled[key] = compile_rules(self.rule_specs(), catalogue, self.kinds, self.severity)
        return self._compiled[key]

    def load(self, path: str | Path, overrides: Overrides | None = None) -> Report:
        report = read_report(Path(path), self.readers)
        return self.bind(report, overrides)

    def bind(self, report: Report, overrides: Overrides | None = None) -> Report:
        return bind(report, self.catalogue_for(report), overrides)

    def check_report(self, report: Report) -> ReportResult:
        catalogue = self.catalogue_for(report)
        ruleset = self.compiled(catalogue)
        result = evaluate(report, ruleset, self.absent_features)
        return ReportResult.of(report, result, ruleset.specs, catalogue)

    def check_file(self, path: str | Path, overrides: Overrides | None = None) -> ReportResult:
        return self.check_report(self.load(path, overrides))

    def check_files(self, paths: Iterable[str | Path], overrides: Overrides | None = None) -> list[ReportResult]:
        return [self.check_file(p, overrides) for p in paths]
