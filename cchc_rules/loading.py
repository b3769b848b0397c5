"""Read a report file into the model and bind it to the catalogue.

Binding parses every value with its indicator's kind, marks rows the template
lacks, and fills the metadata that the file does not carry (agency kind, period,
template) from the catalogue or from the caller's overrides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cchc_rules.catalogue import Catalogue, bundled, select
from cchc_rules.errors import CchcError
from cchc_rules.limits import MAX_INPUT_BYTES
from cchc_rules.model import Entry, Report
from cchc_rules.periods import Period
from cchc_rules.readers import BUILTIN_READERS, ReaderSpec, sniff_name
from cchc_rules.readers.layout import build_layout
from cchc_rules.readers.title import meta_from_title
from cchc_rules.values import parse_cell

DEFAULT_MAX_BYTES = MAX_INPUT_BYTES


@dataclass(frozen=True)
class Overrides:
    agency: str | None = None
    agency_kind: str | None = None
    period: str | None = None
    template: str | None = None


def choose_reader(path: Path, head: bytes, readers: Sequence[ReaderSpec] = BUILTIN_READERS) -> ReaderSpec:
    suffix = path.suffix.lower()
    for spec in readers:
        if suffix in spec.extensions:
            return spec
    sniffed = sniff_name(head)
    for spec in readers:
        if spec.name == sniffed:
            return spec
    raise CchcError("unknown-format", path=str(path))


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise CchcError("file-not-found", path=str(path)) from None
    except OSError as exc:
        raise CchcError("file-unreadable", path=str(path), reason=exc.strerror or str(exc)) from None
    if path.is_dir():
        raise CchcError("file-unreadable", path=str(path), reason="là thư mục / is a directory")
    if size > max_bytes:
        raise CchcError("too-large", path=str(path), size=size, limit=max_bytes)
    try:
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError as exc:
        raise CchcError("file-unreadable", path=str(path), reason=exc.strerror or str(exc)) from None


def read_report(
    path: Path,
    readers: Sequence[ReaderSpec] = BUILTIN_READERS,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Report:
    """The report as the file holds it, values not yet parsed."""
    data = read_bytes(path, max_bytes)
    spec = choose_reader(path, data[:4096], readers)
    try:
        return parse_bytes(data, path, spec)
    except CchcError:
        raise
    except RecursionError:
        raise CchcError("limit-exceeded", path=str(path), reason="nested too deeply") from None
    except Exception as exc:  # a reader's own bug must still be one line, not a traceback
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
        raise CchcError("broken-file", path=str(path), format=spec.name, reason=reason) from None


def parse_bytes(data: bytes, path: Path, spec: ReaderSpec) -> Report:
    """read_report without its last-resort guard: what the fuzz tests exercise."""
    if not data.strip():
        raise CchcError("empty-file", path=str(path))
    module = spec.load()
    if hasattr(module, "read_report"):
        report: Report = module.read_report(data, str(path))
        report.meta.source = str(path)
        return report
    layout = build_layout(module.read_rows(data, str(path)))
    if not layout.entries:
        raise CchcError("no-table", path=str(path))
    report = Report(meta=meta_from_title(layout.title_lines), entries=layout.entries)
    report.meta.source = str(path)
    return report


def bind(
    report: Report, catalogue: Catalogue | None = None, overrides: Overrides | None = None, *, values: bool = True
) -> Report:
    """Settle the metadata, then (unless values=False) parse values with the catalogue's kinds."""
    overrides = overrides or Overrides()
    meta = report.meta
    if overrides.period:
        meta.period = str(Period.parse(overrides.period))
    if catalogue is None:
        on = Period.parse(meta.period).end if meta.period else None
        catalogue = select(bundled(), overrides.template or meta.template_id, on)
    if overrides.agency:
        meta.agency = overrides.agency
    if overrides.agency_kind:
        if overrides.agency_kind not in catalogue.agency_kinds:
            raise CchcError(
                "unknown-agency-kind",
                value=overrides.agency_kind,
                known=", ".join(catalogue.agency_kinds),
            )
        meta.agency_kind = overrides.agency_kind
    elif not meta.agency_kind:
        meta.agency_kind = catalogue.guess_agency_kind(meta.agency)
    meta.template_id = catalogue.template_id
    meta.template_version = catalogue.version
    if values:
        for entry in report.entries:
            _bind_entry(entry, catalogue)
    return report


def _bind_entry(entry: Entry, catalogue: Catalogue) -> None:
    indicator = catalogue.get(entry.id)
    if indicator is None:
        entry.known = False
        entry.value = parse_cell(entry.raw, None, {})
        return
    entry.known = True
    entry.value = parse_cell(entry.raw, indicator.kind, indicator.legend)


def load_report(
    path: str | Path,
    catalogue: Catalogue | None = None,
    overrides: Overrides | None = None,
    readers: Sequence[ReaderSpec] = BUILTIN_READERS,
) -> Report:
    """Read and bind a report: what every command starts from."""
    return bind(read_report(Path(path), readers), catalogue, overrides)
