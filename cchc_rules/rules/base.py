"""What every rule kind shares: the rule as declared, the compact view of a report
that compiled rules read, and small helpers for their verdicts."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any, Generic, NamedTuple, Self, TypeVar, overload

from cchc_rules.applicability import Applicability
from cchc_rules.catalogue import Catalogue, Indicator
from cchc_rules.findings import Finding, RuleRun, Severity
from cchc_rules.model import BLANK_BAND, LARGE_BAND, SMALL_BAND, Entry, Location, Report, ValueKind, ValueStatus
from cchc_rules.notes.cache import Bounded, per_object
from cchc_rules.values import format_number


class RuleSpec(NamedTuple):
    """A rule as a ruleset declares it; `params` are the kind-specific fields.

    An immutable record (a copy with changes: spec._replace(severity=...)); a NamedTuple
    rather than a dataclass, which would cost every start of `cchc` a millisecond to build."""

    id: str
    kind: str
    severity: Severity
    message: Mapping[str, Mapping[str, str]]  # variant -> lang -> template
    description: Mapping[str, str]
    params: Mapping[str, Any] = {}
    indicators: tuple[str, ...] = ()
    name: str = ""
    legal_basis: str = ""
    example: Mapping[str, Any] = {}
    source: str = ""
    line: int = 0
    applies_to: tuple[str, ...] = ()
    plugin: str = ""


T = TypeVar("T")


class once(Generic[T]):  # lower case: a decorator, like cached_property
    """functools.cached_property without the lock Python 3.11 takes on each first read: a
    Context is one report's, read by one thread, and has several parts worked out lazily."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func, self.name, self.__doc__ = func, func.__name__, func.__doc__

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> Self: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> T | Self:
        if obj is None:
            return self
        value: T = self.func(obj)
        obj.__dict__[self.name] = value  # read from the instance from now on
        return value


_NO_SET: frozenset[str] = frozenset()
_BLANK = ValueStatus.BLANK  # an enum member is a slow class attribute lookup on Python 3.11


class Context:
    """A report reduced to what rules read, built once per report.

    Building it is one pass over the rows; what only some rules need (the features
    the notes rule out, the rows with notes) is worked out on first use."""

    def __init__(
        self,
        report: Report,
        catalogue: Catalogue,
        entries: dict[str, Entry],  # the first row of each id, in report order
        numbers: dict[str, float | None],
        kinds: frozenset[str],
        given_absent: frozenset[str] = _NO_SET,  # features a plugin says the agency lacks
        not_applicable: frozenset[str] = _NO_SET,
        required: frozenset[str] = _NO_SET,
        memo: dict[str, Any] | None = None,  # per-report results rules share
    ) -> None:
        self.report = report
        self.catalogue = catalogue
        self.entries = entries
        self.numbers = numbers
        self.kinds = kinds
        self.given_absent = given_absent
        self.not_applicable = not_applicable
        self.required = required
        self.memo: dict[str, Any] = {} if memo is None else memo

    def number(self, ident: str) -> float | None:
        return self.numbers.get(ident)

    def entry(self, ident: str) -> Entry | None:
        return self.entries.get(ident)

    def is_blank(self, ident: str) -> bool:
        entry = self.entries.get(ident)
        return entry is None or entry.value.status is _BLANK

    def location(self, ident: str) -> Location | None:
        entry = self.entries.get(ident)
        return entry.location if entry else None

    @property
    def has_duplicates(self) -> bool:
        return len(self.entries) != len(self.report.entries)

    @once
    def counts(self) -> dict[str, int]:
        """How many rows each id has."""
        counts: dict[str, int] = {}
        for entry in self.report.entries:
            counts[entry.id] = counts.get(entry.id, 0) + 1
        return counts

    @once
    def blanks(self) -> list[str]:
        """The ids whose (first) row is blank, in report order."""
        return [ident for ident, entry in self.entries.items() if entry.value.status is _BLANK]

    @once
    def rows(self) -> list[Entry]:
        """The first rows as a list: the report's own list when no id repeats."""
        return self.report.entries if not self.has_duplicates else list(self.entries.values())

    @once
    def unknown(self) -> list[Entry]:
        """The rows (repeated ones too) whose id the catalogue lacks, in report order."""
        return [entry for entry in self.report.entries if not entry.known]

    @once
    def annotated(self) -> list[int]:
        """Where in `rows` the rows with a note are."""
        return [k for k, entry in enumerate(self.rows) if entry.note]

    @once
    def noted(self) -> list[Entry]:
        """The first rows that have a note (not only spaces), in report order."""
        rows = self.rows
        return [rows[k] for k in self.annotated if not rows[k].note.isspace()]

    @once
    def absent_features(self) -> frozenset[str]:
        """Features the agency lacks: a plugin's word, or a note saying so ("không có đơn vị sự nghiệp")."""
        absent = set(self.given_absent)
        notes: list[str] | None = None
        for feature in self.catalogue.features.values():
            pattern = feature.absent_when
            if pattern is None or feature.id in absent:
                continue
            if notes is None:  # every row's note, a repeated row's too
                rows = self.rows
                notes = (
                    [rows[k].note for k in self.annotated]
                    if not self.has_duplicates
                    else [e.note for e in self.report.entries if e.note]
                )
            seen = _ABSENT_WHEN.get(pattern)
            if seen is None:
                seen = _ABSENT_WHEN[pattern] = Bounded()
            for note in notes:
                found = seen.get(note)
                if found is None:
                    found = seen.put(note, pattern.search(note) is not None)
                if found:
                    absent.add(feature.id)
                    break
        return frozenset(absent)

    @once
    def odd(self) -> list[str]:
        """The ids of the first rows that differ from the template: a unit not as the catalogue
        writes it, or a value not plain for the indicator's kind (PLAIN_BAND). Every other row
        is as the template expects, and a check of units or value forms passes it unread."""
        template = _template(self.catalogue)
        found: list[str] = []
        for ident, entry in self.entries.items():
            row = template.get(ident)
            if row is not None and (entry.unit != row[0] or entry.value.band > row[1]):
                found.append(ident)
        return found

    @once
    def missing(self) -> list[str]:
        """Catalogue indicators the report has no row for, in catalogue order."""
        entries = self.entries
        if entries.keys() >= self.catalogue.indicators.keys():
            return []
        return [ident for ident in self.catalogue.indicators if ident not in entries]

    def applies(self, indicator: Indicator) -> bool:
        """Must this agency report this indicator at all (before notes are read)?"""
        if indicator.id in self.required:
            return True
        if indicator.id in self.not_applicable:
            return False
        if indicator.applies_to and not self.kinds.intersection(indicator.applies_to):
            return False
        if indicator.reported_by != "each" and indicator.reported_by not in self.kinds:
            return False
        return not self.absent_features.intersection(indicator.requires)


CompiledRule = Callable[[Context], RuleRun]
Compiler = Callable[[RuleSpec, Catalogue], CompiledRule]

_ABSENT_WHEN: dict[re.Pattern[str], Bounded[str, bool]] = {}


def build_context(
    report: Report, catalogue: Catalogue, applicability: Applicability | None = None, template: bool = False
) -> Context:
    """`template`: compare each row with the template on the way (Context.odd, .missing), for a
    ruleset whose rules read that; otherwise it is worked out on first use, if at all."""
    given = applicability or _NOTHING_GIVEN
    ctx = Context(
        report=report,
        catalogue=catalogue,
        entries={},
        numbers={},
        kinds=_lineage(catalogue, report.meta.agency_kind),
        given_absent=frozenset(given.absent_features) if given.absent_features else _NO_SET,
        not_applicable=frozenset(given.not_applicable) if given.not_applicable else _NO_SET,
        required=frozenset(given.required) if given.required else _NO_SET,
    )
    _scan(ctx, report.entries, _template(catalogue) if template else None)
    return ctx


def _scan(ctx: Context, rows: list[Entry], template: dict[str, tuple[str, int]] | None) -> None:
    """The view in one pass over the rows, which every report pays for: the first row and the
    number of each id, and on the way the blanks, the rows with notes and the unknown rows,
    and with a template the rows that differ from it and whether one of its rows is missing.
    They are set on the context, so that they are not worked out again on first use."""
    entries, numbers = ctx.entries, ctx.numbers
    blanks: list[str] = []
    annotated: list[int] = []
    unknown: list[Entry] = []
    odd: list[str] = []
    blank = _BLANK
    k = in_template = 0
    for entry in rows:
        ident = entry.id
        entries[ident] = entry
        value = entry.value
        numbers[ident] = value.quantity
        if value.status is blank:
            blanks.append(ident)
        if entry.note:
            annotated.append(k)
        if not entry.known:
            unknown.append(entry)
        if template is not None and (row := template.get(ident)) is not None:
            in_template += 1
            if entry.unit != row[0] or value.band > row[1]:
                odd.append(ident)
        k += 1
    found = vars(ctx)
    found["unknown"] = unknown
    if len(entries) == k:  # no repeated row: these are over the first rows, as the lazy parts'
        found.update(blanks=blanks, annotated=annotated)
        if template is not None:
            found["odd"] = odd
            if in_template == len(template):  # every row of the template is there
                found["missing"] = []
        return
    entries.clear()  # a repeated row: the first one counts, the others are duplicates
    for entry in rows:
        entries.setdefault(entry.id, entry)
    numbers.clear()
    numbers.update({ident: entry.value.quantity for ident, entry in entries.items()})


# Per kind, the highest band (ParsedValue.band) of a value plain for it: a rate's number lies in
# 0–100, a heading or a fraction is blank (a fraction's parts are looked at), any other number ≥ 0.
PLAIN_BAND = {ValueKind.RATE: SMALL_BAND, ValueKind.GROUP: BLANK_BAND, ValueKind.FRACTION: BLANK_BAND}


def _template(catalogue: Catalogue) -> dict[str, tuple[str, int]]:
    """Per indicator: its unit as the catalogue writes it and the highest band plain for its kind."""
    table: dict[str, tuple[str, int]] = per_object(
        catalogue,
        "template",
        lambda: {i.id: (i.unit, PLAIN_BAND.get(i.kind, LARGE_BAND)) for i in catalogue.indicators.values()},
    )
    return table


_NOTHING_GIVEN = Applicability()


def _lineage(catalogue: Catalogue, kind: str | None) -> frozenset[str]:
    known: dict[str | None, frozenset[str]] = per_object(catalogue, "lineage", dict)
    found = known.get(kind)
    if found is None:
        found = known[kind] = frozenset(catalogue.kind_lineage(kind))
    return found


@lru_cache(maxsize=4096)
def counted(passed: int = 0, not_evaluable: int = 0) -> RuleRun:
    """A verdict without findings. Shared, not built: RuleRun is frozen and costs a microsecond to make."""
    return RuleRun(passed=passed, not_evaluable=not_evaluable)


PASSED = counted(1)
NOT_EVALUABLE = counted(0, 1)


def show(value: float | None, decimals: int = 0) -> str:
    return "" if value is None else format_number(value, decimals)


def shown(ctx: Context, ident: str) -> str:
    """The cell as the agency wrote it, for quoting."""
    entry = ctx.entries.get(ident)
    return entry.raw if entry else ""


def finding(
    spec: RuleSpec,
    indicators: Sequence[str],
    ctx: Context,
    *,
    variant: str = "default",
    expected: str | None = None,
    actual: str | None = None,
    location: Location | None = None,
    **params: Any,
) -> Finding:
    first = indicators[0] if indicators else None
    return Finding(
        rule_id=spec.id,
        severity=spec.severity,
        indicators=tuple(indicators),
        params=params,
        variant=variant if variant in spec.message else "default",
        expected=expected,
        actual=actual,
        location=location if location is not None else (ctx.location(first) if first else None),
    )


def ids_param(spec: RuleSpec, key: str) -> tuple[str, ...]:
    value = spec.params.get(key, ())
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def indicators_of_kind(catalogue: Catalogue, *kinds: ValueKind) -> list[Indicator]:
    return [i for i in catalogue.indicators.values() if i.kind in kinds]


class RuleDefinitionError(ValueError):
    """A rule whose parameters cannot be compiled; the ruleset loader names its line."""
