"""Check one report and reduce it to an AgencyRow: what runs in each worker process.

A worker builds its Checker once (rules are compiled once per process) and returns
only what the audit needs: the findings as short records (rendered as the JSON contract
renders them, so the text is the one `cchc check --format json` prints) and the values
as flat arrays. Whatever goes wrong with one file becomes that file's row, with its
one-line error: an audit of 200 reports does not stop at the 57th.
"""

from __future__ import annotations

import hashlib
import math
import re
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc_rules.audit.model import AgencyRow, AuditFinding, Fatal, Values
from cchc_rules.errors import CchcError
from cchc_rules.loading import read_bytes
from cchc_rules.model import Entry, Flag, ValueKind, ValueStatus

if TYPE_CHECKING:
    from cchc_rules.catalogue import Catalogue
    from cchc_rules.checker import Checker
    from cchc_rules.config import Suppression
    from cchc_rules.result import ReportResult

INTERNAL = {"vi": "lỗi nội bộ khi kiểm tra tệp này", "en": "internal error while checking this file"}
# Errors about the audit's own configuration, not about one report: they stop the audit.
FATAL = ("invalid-ruleset", "invalid-catalogue", "invalid-config", "usage", "unknown-agency-kind", "invalid-period")
_NUM = r"\d{1,3}(?:\.\d{3})+|\d+"
# "1604/1712 văn bản" in a rate's note; not a date (29/01/2021) nor a document number (11/QĐ-TTT).
NOTE_RATIO = re.compile(rf"(?<![\d/.,])({_NUM})\s*/\s*({_NUM})(?![\d/.,]*\d)(?!\s*/)")


@dataclass(frozen=True)
class BatchOptions:
    """How to build the Checker: picklable, so that each worker builds the same one."""

    rulesets: tuple[str, ...] = ()
    standard: bool = True
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    plugins_dirs: tuple[str, ...] = ()
    plugins: tuple[str, ...] = ()
    no_plugins: tuple[str, ...] = ()
    suppress: tuple[Suppression, ...] = field(default=())
    lang: str = "vi"

    def checker(self) -> Checker:
        from cchc_rules.checker import Checker
        from cchc_rules.findings import Severity
        from cchc_rules.plugins.host import PluginHost

        host = PluginHost(
            plugins_dirs=[Path(p) for p in self.plugins_dirs], enable=self.plugins, disable=self.no_plugins
        )
        return Checker(
            ruleset_paths=[Path(p) for p in self.rulesets],
            use_bundled=self.standard,
            select=self.select,
            ignore=self.ignore,
            severity={rule: Severity(level) for rule, level in self.severity},
            host=host,
            suggest=False,  # the audit shows findings, not fixes: skip the solver
        )


_STATE: dict[str, Any] = {}


def init_worker(options: BatchOptions, checker: Checker | None = None) -> None:
    _STATE["options"] = options
    _STATE["checker"] = checker or options.checker()
    # A worker process of its own sends each row away at once: the audit's process interns
    # the cells as it unpickles them (Values.__reduce__), and it keeps the rows it makes itself.
    _STATE["intern"] = checker is not None
    if checker is None:  # see _quiet_gc
        _quiet_gc()


def init_forked(options: BatchOptions, checker: Checker) -> None:
    """A worker forked from the audit's process: it starts with the checker that process built
    (nothing to import, load or compile again) and, like any worker, sends each row away."""
    _STATE["options"] = options
    _STATE["checker"] = checker
    _STATE["intern"] = False
    _quiet_gc()


def _quiet_gc() -> None:
    """The compiled rules, catalogue and caches live as long as the worker: keep the cyclic
    garbage collector from walking them again and again (~0.25 ms per report), and let it
    run less often, since a checked report leaves no cycles behind."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


def check_one(path: str) -> AgencyRow | Fatal:
    """Check one file; an unreadable one becomes a row with its one-line error."""
    options: BatchOptions = _STATE["options"]
    checker: Checker = _STATE["checker"]
    try:
        data = read_bytes(Path(path), checker.max_input_bytes)  # once, for the check and the digest
        result = checker.check_file(path, data=data)
        if options.suppress:
            from cchc_rules.baseline import apply_suppressions

            apply_suppressions([result], list(options.suppress))
        digest = hashlib.sha256(data).hexdigest()[:20]
        return summarise(result, options.lang, digest, intern=_STATE.get("intern", True))
    except CchcError as err:
        if err.code in FATAL:
            return Fatal(err.code, {k: str(v) for k, v in err.params.items()})
        return AgencyRow(index=-1, source=path, error=err.message(options.lang), error_code=err.code)
    except Exception as exc:  # a bug met on one strange file must not stop a batch of 200
        error = f"{INTERNAL[options.lang if options.lang in INTERNAL else 'vi']}: {type(exc).__name__}: {exc}"
        return AgencyRow(index=-1, source=path, error=" ".join(error.split())[:300], error_code="internal")


def summarise(result: ReportResult, lang: str, digest: str = "", *, intern: bool = True) -> AgencyRow:
    """The row of a checked report. Each finding's text is rendered as the JSON contract renders
    it (jsonfmt.finding_dict: the message, expected, actual, location), without the fix
    suggestions, which the audit does not show and which would cost time for each finding."""
    from cchc_rules.formats.jsonfmt import location_dict

    findings = [
        AuditFinding(
            rule_id=f.rule_id,
            severity=f.severity.value,
            indicators=f.indicators,
            message=result.message(f, lang),
            expected=f.expected,
            actual=f.actual,
            location={k: v for k, v in location_dict(f.location).items() if k != "file"},  # the row has the file
        )
        for f in result.findings
    ]
    meta = result.report.meta
    return AgencyRow(
        index=-1,
        source=result.source,
        agency=meta.agency,
        agency_kind=meta.agency_kind,
        period=meta.period,
        report_number=meta.report_number,
        report_date=meta.report_date.isoformat() if meta.report_date else None,
        digest=digest,
        findings=findings,
        values=extract_values(result, intern=intern),
    )


def extract_values(result: ReportResult, *, intern: bool = True) -> Values:
    """Each indicator of the report's catalogue, in catalogue order: the number and the cell as written."""
    ids, index = _ids_of(result.catalogue)
    numbers = array("d", [math.nan]) * len(ids)
    raws = [""] * len(ids)
    ratios: dict[str, tuple[int, int]] = {}
    seen: set[str] = set()
    ambiguous, fraction, rate = Flag.AMBIGUOUS_RATE, ValueStatus.FRACTION, ValueKind.RATE
    for entry in result.report.entries:
        ident = entry.id
        if not entry.known or ident in seen:
            continue  # the first row of an id counts
        seen.add(ident)
        pos = index.get(ident)
        if pos is None:
            continue
        value = entry.value
        raws[pos] = entry.raw
        # "1" in a % cell is 1% or 100%: no figure to add up or compare (the rules say so)
        if value.number is not None and ambiguous not in value.flags:
            numbers[pos] = value.number
        if value.status is fraction and value.numerator is not None and value.denominator is not None:
            ratios[ident] = (value.numerator, value.denominator)
        elif value.kind is rate and "/" in entry.note:
            found = note_ratio(entry)
            if found is not None:
                ratios[ident] = found
    return Values(ids, numbers, tuple(raws), ratios, intern=intern)


_IDS: dict[int, tuple[object, tuple[str, ...], dict[str, int]]] = {}


def _ids_of(catalogue: Catalogue) -> tuple[tuple[str, ...], dict[str, int]]:
    """The catalogue's ids in order and their positions, once per catalogue (kept alive here)."""
    known = _IDS.get(id(catalogue))
    if known is None or known[0] is not catalogue:
        ids = tuple(catalogue.indicators)
        known = _IDS[id(catalogue)] = (catalogue, ids, {ident: pos for pos, ident in enumerate(ids)})
    return known[1], known[2]


def note_ratio(entry: Entry) -> tuple[int, int] | None:
    """The a/b a rate's note cites as its evidence ("1604/1712 văn bản"), if it agrees with the rate."""
    rate = None if entry.value.has(Flag.AMBIGUOUS_RATE) else entry.value.number
    for match in NOTE_RATIO.finditer(entry.note):
        top, bottom = (int(g.replace(".", "")) for g in match.groups())
        if bottom <= 0 or top > bottom:
            continue
        if rate is None or abs(100.0 * top / bottom - rate) <= 0.5 + 0.5 * 10.0 ** (-entry.value.decimals):
            return top, bottom
    return None
