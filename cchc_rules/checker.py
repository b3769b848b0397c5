"""Check reports: load the rulesets, compile them once per catalogue and plugin set,
then evaluate. This is the Python API's engine room; the CLI is a thin layer over it.

The engine knows nothing of plugins: this module asks the plugin host which plugins
serve a report's kind of agency, extends the catalogue with theirs, lets them adjust
applicability and post-process findings, and turns their failures into findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc_rules.applicability import Applicability
from cchc_rules.catalogue import Catalogue, bundled, select
from cchc_rules.engine import CompiledRuleset, compile_rules, engine_finding, evaluate
from cchc_rules.errors import CchcError
from cchc_rules.findings import Finding, Severity
from cchc_rules.limits import MAX_INPUT_BYTES
from cchc_rules.loading import Overrides, bind, read_report
from cchc_rules.model import Report
from cchc_rules.plugins.host import PluginHost
from cchc_rules.result import ReportResult
from cchc_rules.rules.base import RuleSpec
from cchc_rules.ruleset import Ruleset, load_ruleset

if TYPE_CHECKING:
    from cchc_rules.fixes.model import Suggestion
    from cchc_rules.notes.evidence import Evidence


def selected(rule_id: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """flake8's rule: the longest matching prefix among select and ignore wins."""
    best_select = max((len(p) for p in select if rule_id.startswith(p)), default=-1 if select else 0)
    best_ignore = max((len(p) for p in ignore if rule_id.startswith(p)), default=-1)
    return best_select >= 0 and best_select >= best_ignore


class Checker:
    """Rules compiled once, then any number of reports checked with them."""

    def __init__(
        self,
        ruleset_paths: Sequence[Path] = (),
        use_bundled: bool = True,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        severity: Mapping[str, Severity] | None = None,
        catalogues: Sequence[Catalogue] = (),
        host: PluginHost | None = None,
        max_input_bytes: int = MAX_INPUT_BYTES,
        suggest: bool = True,  # compute suggested fixes (the audit does not show them)
    ) -> None:
        self.ruleset_paths = ruleset_paths
        self.use_bundled = use_bundled
        self.select = select
        self.ignore = ignore
        self.severity: Mapping[str, Severity] = {} if severity is None else severity
        self.catalogues = catalogues
        self.host = PluginHost() if host is None else host
        self.max_input_bytes = max_input_bytes
        self.suggest = suggest
        self._rulesets: list[tuple[str, Ruleset]] | None = None
        self._compiled: dict[tuple[str, tuple[str, ...]], CompiledRuleset] = {}
        self._catalogues: dict[tuple[str, tuple[str, ...]], Catalogue] = {}
        self._readers: list[Any] | None = None

    @property
    def plugins(self) -> PluginHost:
        return self.host

    # -- rules ----------------------------------------------------------------------------

    @property
    def rulesets(self) -> list[tuple[str, Ruleset]]:
        """(plugin name or "" for the user's, ruleset), built-in standard first."""
        if self._rulesets is None:
            sets: list[tuple[str, Ruleset]] = []
            for plugin, path in self.plugins.collect("cchc_rulesets"):
                if plugin == "builtin" and not self.use_bundled:
                    continue
                # The project's own rulesets are validated by its tests; others at load.
                sets.append((plugin, load_ruleset(Path(path), validate=not self.plugins.trusted(plugin))))
            sets.extend(("", load_ruleset(Path(p))) for p in self.ruleset_paths)
            self._rulesets = sets
        return self._rulesets

    def rule_specs(self, plugins: Iterable[str] | None = None) -> list[RuleSpec]:
        wanted = None if plugins is None else set(plugins) | {"builtin", ""}
        specs = [
            rule._replace(plugin=plugin if plugin != "builtin" else "")
            for plugin, ruleset in self.rulesets
            if wanted is None or plugin in wanted
            for rule in ruleset.rules
        ]
        seen: dict[str, RuleSpec] = {}
        for spec in specs:
            if spec.id in seen:
                raise CchcError(
                    "invalid-ruleset", path=spec.source, line=spec.line, rule=spec.id,
                    reason=f"rule id already defined in {seen[spec.id].source}",
                )  # fmt: skip
            seen[spec.id] = spec
        return [s for s in specs if selected(s.id, self.select, self.ignore)]

    # -- catalogue and plugins per report -----------------------------------------------

    def base_catalogue(self, report: Report) -> Catalogue:
        from cchc_rules.periods import Period

        on = Period.parse(report.meta.period).end if report.meta.period else None
        return select(self.catalogues or bundled(), report.meta.template_id, on)

    def active_plugins(self, report: Report, catalogue: Catalogue) -> tuple[str, ...]:
        kind = report.meta.agency_kind or catalogue.guess_agency_kind(report.meta.agency)
        return self.plugins.active_for(catalogue.kind_lineage(kind))

    def catalogue_for(self, report: Report) -> Catalogue:
        base = self.base_catalogue(report)
        active = self.active_plugins(report, base)
        key = (f"{base.template_id}/{base.version}", active)
        if key not in self._catalogues:
            extra = self.plugins.collect("cchc_catalogue_extensions", active, catalogue=base)
            # The shipped plugins' indicators are validated by the tests; others' at load.
            schema = [not self.plugins.trusted(plugin) for plugin, _ in extra]
            self._catalogues[key] = base.extended([item for _, item in extra], schema) if extra else base
        return self._catalogues[key]

    def compiled(self, catalogue: Catalogue, active: tuple[str, ...] = ()) -> CompiledRuleset:
        if self.severity and not self._compiled:
            known = {s.id for s in self.rule_specs()}
            unknown = sorted(set(self.severity) - known)
            if unknown:  # a misspelt id in a severity override would silently do nothing
                raise CchcError("unknown-rule", rule=", ".join(unknown))
        key = (f"{catalogue.template_id}/{catalogue.version}/{len(catalogue.indicators)}", active)
        if key not in self._compiled:
            kinds = self.plugins.rule_kinds()
            self._compiled[key] = compile_rules(self.rule_specs(active), catalogue, kinds, self.severity)
        return self._compiled[key]

    # -- reading and checking -----------------------------------------------------------

    @property
    def readers(self) -> list[Any]:
        if self._readers is None:
            self._readers = self.plugins.readers()
        return self._readers

    def load(self, path: str | Path, overrides: Overrides | None = None, data: bytes | None = None) -> Report:
        report = read_report(Path(path), self.readers, self.max_input_bytes, data)
        return self.bind(report, overrides)

    def bind(self, report: Report, overrides: Overrides | None = None) -> Report:
        overrides = overrides or Overrides()
        base = self.base_catalogue(report)
        # Settle the agency first: it decides the plugins, and they may extend the catalogue.
        bind(report, base, overrides, values=False)
        return bind(report, self.catalogue_for(report), Overrides(period=None))

    def check_report(self, report: Report) -> ReportResult:
        catalogue = self.catalogue_for(report)
        active = self.active_plugins(report, catalogue)
        ruleset = self.compiled(catalogue, active)
        errors_before = len(self.plugins.errors)
        applicability = Applicability()
        self.plugins.call("cchc_adjust_applicability", active, report=report, applicability=applicability)
        result = evaluate(report, ruleset, applicability)
        findings = result.findings
        for _, returned in self.plugins.call(
            "cchc_postprocess_findings", active, report=report, findings=list(findings)
        ):
            if returned is not None:
                findings = list(returned)
        findings += self._plugin_findings(report, errors_before)
        findings.sort(key=Finding.sort_key)
        result.findings = findings
        checked = ReportResult.of(report, result, ruleset.specs, catalogue, active)
        if not self.suggest:
            return checked
        try:
            checked.evidence, checked.suggestions = _notes_and_fixes(report, ruleset, applicability, findings)
        except Exception as exc:  # suggestions are a help: their failure must not lose the findings
            checked.extras["suggestions_error"] = f"{type(exc).__name__}: {exc}"
        return checked

    def _plugin_findings(self, report: Report, since: int) -> list[Finding]:
        load_errors = [e for e in self.plugins.errors if e.stage in ("import", "register", "check_pending")]
        new = self.plugins.errors[since:]
        seen: list[Finding] = []
        for error in [*load_errors, *[e for e in new if e not in load_errors]]:
            exc = RuntimeError(f"{error.stage}: {error.error}")
            seen.append(engine_finding(report, error=exc, plugin=error.plugin))
        return seen

    def fragment(self, fragment: Mapping[str, Any]) -> Report:
        """A rule example or test case as a report, with the catalogue its agency's plugins give."""
        from cchc_rules.fragments import build_fragment

        report = build_fragment(fragment, self.base_catalogue(Report()))
        extended = self.catalogue_for(report)
        return build_fragment(fragment, extended) if extended is not self.base_catalogue(report) else report

    def check_file(
        self, path: str | Path, overrides: Overrides | None = None, data: bytes | None = None
    ) -> ReportResult:
        """`data`: the file's bytes, if already read (read_bytes), so that they are not read twice."""
        return self.check_report(self.load(path, overrides, data))

    def check_files(self, paths: Iterable[str | Path], overrides: Overrides | None = None) -> list[ReportResult]:
        return [self.check_file(p, overrides) for p in paths]


def _notes_and_fixes(
    report: Report, ruleset: CompiledRuleset, applicability: Applicability, findings: list[Finding]
) -> tuple[Evidence, list[Suggestion]]:
    """What the notes confirm, and the smallest changes that answer the findings."""
    from cchc_rules.notes import collect
    from cchc_rules.rules.base import build_context

    ctx = build_context(report, ruleset.catalogue, applicability)
    evidence = collect(ctx)
    if not findings:
        return evidence, []  # nothing to answer: the fixes (and their import) are not needed
    from cchc_rules.fixes import suggest

    return evidence, suggest(ctx, [spec for spec, _ in ruleset.rules], findings, evidence)
