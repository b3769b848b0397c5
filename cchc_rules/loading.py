"""Read a report file into the model and bind it to the catalogue.

Binding parses every value with its indicator's kind, marks rows the template
lacks, and fills the metadata that the file does not carry (agency kind, period,
template) from the catalogue or from the caller's overrides.
"""

from __future__ import annotations

import stat
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from cchc_rules.catalogue import Catalogue, bundled, select
from cchc_rules.errors import CchcError
from cchc_rules.limits import MAX_INPUT_BYTES
from cchc_rules.model import Entry, Report
from cchc_rules.periods import Period
from cchc_rules.readers import BUILTIN_READERS, ReaderSpec, sniff_name
from cchc_rules.readers.layout import Layout, build_layout
from cchc_rules.readers.title import meta_from_title
from cchc_rules.values import CODED_KINDS, parse_cell, parse_plain

DEFAULT_MAX_BYTES = MAX_INPUT_BYTES


class Overrides(NamedTuple):
    """What the caller says of a report, over what the file and the catalogue say: a NamedTuple
    rather than a dataclass, which would cost every start of `cchc` a millisecond to build."""

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
        status = path.stat()
    except FileNotFoundError:
        raise CchcError("file-not-found", path=str(path)) from None
    except OSError as exc:
        raise CchcError("file-unreadable", path=str(path), reason=exc.strerror or str(exc)) from None
    if stat.S_ISDIR(status.st_mode):
        raise CchcError("file-unreadable", path=str(path), reason="là thư mục / is a directory")
    size = status.st_size
    if size > max_bytes:
        raise CchcError("too-large", path=str(path), size=size, limit=max_bytes)
    try:
        with path.open("rb") as handle:
            # Asking for the file's size, not the limit, spares allocating the limit's bytes.
            data = handle.read(size + 1)
            if len(data) > size:  # it grew since stat (or stat cannot tell, as in /proc)
                data += handle.read(max_bytes - size)
            return data
    except OSError as exc:
        raise CchcError("file-unreadable", path=str(path), reason=exc.strerror or str(exc)) from None


def read_report(
    path: Path,
    readers: Sequence[ReaderSpec] = BUILTIN_READERS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    data: bytes | None = None,
) -> Report:
    """The report as the file holds it, values not yet parsed; `data`: its bytes, if the
    caller has read them already (the audit hashes them too)."""
    if data is None:
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
    if not data or data.isspace():  # as `not data.strip()`, without copying the file
        raise CchcError("empty-file", path=str(path))
    module = spec.load()
    if hasattr(module, "read_report"):
        report: Report = module.read_report(data, str(path))
        report.meta.source = str(path)
        return report
    if hasattr(module, "read_layout"):  # a reader's faster build_layout(read_rows(...))
        layout: Layout = module.read_layout(data, str(path))
    else:
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
        _bind_entries(report.entries, catalogue)
    return report


def _bind_entries(entries: list[Entry], catalogue: Catalogue) -> None:
    """Mark each entry known or not and parse its value with its indicator's kind: parse_cell,
    or its cached parse_plain straight away for kinds without a legend. One loop with its
    lookups bound, since it runs for every row of every report."""
    get = catalogue.get
    plain = parse_plain
    for entry in entries:
        indicator = get(entry.id)
        if indicator is None:
            entry.known = False
            entry.value = plain(entry.raw, None)
        else:
            entry.known = True
            kind = indicator.kind
            if kind in CODED_KINDS:
                entry.value = parse_cell(entry.raw, kind, indicator.legend)
            else:
                entry.value = plain(entry.raw, kind)


def load_report(
    path: str | Path,
    catalogue: Catalogue | None = None,
    overrides: Overrides | None = None,
    readers: Sequence[ReaderSpec] = BUILTIN_READERS,
) -> Report:
    """Read and bind a report: what every command starts from."""
    return bind(read_report(Path(path), readers), catalogue, overrides)
