"""A consistent set of values for one generated report.

A report is a small model of one agency's period: counts scaled to the kind of agency
and the length of the period, totals that are the sums of their parts, done ≤ planned,
rates computed from their counts, and blanks (with the note an agency would write)
wherever the catalogue says an indicator is not this agency's to report. Mistakes are
injected afterwards (bench/gen_mistakes.py), so a report without them is clean against
the standard ruleset: the benchmarks then time the rules on realistic, passing data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from bench.gen_format import Cell, format_value
from bench.gen_notes import Citer
from cchc_rules.catalogue import Catalogue
from cchc_rules.model import ValueKind

Value = int | float | tuple[int, int] | None

PART_MONTH = {"Q1": 3, "H1": 6, "Q3": 9, "Y": 12}
PART_SHARE = {"Q1": 0.25, "H1": 0.5, "Q3": 0.75, "Y": 1.0}
KIND_SCALE = {"thanh-tra-tinh": 0.5, "so-noi-vu": 1.2, "ubnd-huyen": 2.0, "ubnd-xa": 0.4}
DELEGATES = {
    "so-noi-vu": "Sở Nội vụ",
    "so-tttt": "Sở Thông tin và Truyền thông",
    "so-nganh": "Cơ quan chuyên môn cấp tỉnh",
    "ubnd-huyen": "UBND cấp huyện",
    "ubnd-xa": "UBND cấp xã",
}
PROVINCIAL = frozenset({"so-nganh", "thanh-tra-tinh", "so-noi-vu", "so-tttt"})
NO_SNCL_NOTE = "{agency} không có đơn vị sự nghiệp công lập"


@dataclass(frozen=True)
class Agency:
    name: str
    code: str  # the issuer code in its document numbers: 11/QĐ-SYT
    kind: str | None
    has_sncl: bool


@dataclass(frozen=True)
class ReportPeriod:
    year: int
    part: str
    report_date: date

    @property
    def start(self) -> date:
        return date(self.year, 6, 15) if self.part == "Q3" else date(self.year - 1, 12, 15)

    @property
    def end(self) -> date:
        return date(self.year, PART_MONTH[self.part], 14)


def choose_period(rng: random.Random, text: str) -> ReportPeriod:
    """A year ("2021") picks one of its periods; "2021-Q1" fixes it. Reports are dated 10–20 of its last month."""
    year, _, part = text.partition("-")
    part = part.upper() or rng.choice(("Q1", "H1", "Q3", "Y", "Y", "Y"))
    if part not in PART_MONTH:
        raise ValueError(f"period must be YYYY or YYYY-Q1/H1/Q3/Y, not {text!r}")
    return ReportPeriod(int(year), part, date(int(year), PART_MONTH[part], rng.randint(10, 20)))


@dataclass
class Draft:
    """The values and notes of one report while it is being made up."""

    rng: random.Random
    catalogue: Catalogue
    agency: Agency
    period: ReportPeriod
    values: dict[str, Value] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.kinds = frozenset(self.catalogue.kind_lineage(self.agency.kind))
        self.scale = KIND_SCALE.get(self.agency.kind or "", 1.0) * PART_SHARE[self.period.part]
        last = min(self.period.end, self.period.report_date)
        self.cite = Citer(self.rng, self.agency.code, self.period.start, last)

    @property
    def provincial(self) -> bool:
        return bool(self.kinds & PROVINCIAL)

    def applies(self, ident: str, *, features: bool = True) -> bool:
        """The engine's Context.applies, from what the agency is rather than from its notes."""
        ind = self.catalogue.indicators[ident]
        if ind.applies_to and not self.kinds.intersection(ind.applies_to):
            return False
        if ind.reported_by != "each" and ind.reported_by not in self.kinds:
            return False
        return not features or self.agency.has_sncl or "sncl" not in ind.requires

    def count(self, low: int, high: int) -> int:
        """A flow over the period (dossiers, tasks): scaled to the agency and the period's length."""
        return max(0, round(self.rng.randint(low, high) * self.scale))

    def size(self, low: int, high: int) -> int:
        """A stock at the report's date (staff quota, procedures in force): scaled to the agency only."""
        return max(0, round(self.rng.randint(low, high) * KIND_SCALE.get(self.agency.kind or "", 1.0)))

    def part(self, whole: int, low: float = 0.0, high: float = 1.0) -> int:
        return self.rng.randint(round(whole * low), round(whole * high)) if whole > 0 else 0

    def rate(self, low: float = 60.0) -> float:
        if self.rng.random() < 0.35:
            return 100.0
        return round(self.rng.uniform(low, 100.0), self.rng.choice((0, 2, 2)))

    def put(self, ident: str, value: Value, note: str = "") -> Value:
        if not self.applies(ident):
            return None
        self.values[ident] = value
        if note:
            self.notes[ident] = note
        return value

    def int_of(self, ident: str) -> int:
        value = self.values.get(ident)
        return value if isinstance(value, int) else 0


def _direction(d: Draft) -> None:
    planned = d.count(8, 80)
    d.put("1.1.a", planned)
    d.put("1.1.b", d.part(planned, 0.85, 1.0))
    if planned:
        d.notes["1.1"] = f"Đã ban hành: {d.cite.cite('KH')}"
    directives = d.count(0, 8)
    kinds = ["KH", *(d.rng.choice(("QĐ", "CV", "TB")) for _ in range(min(directives, 3) - 1))]
    d.put("1.2", directives, "; ".join(d.cite.chain(kinds)) if directives else "")
    inspections = d.count(0, 3)
    steps = ["KH", "QĐ", "BC"][: max(1, inspections)]
    d.put("1.3", inspections, "Kiểm tra công tác CCHC: " + "; ".join(d.cite.chain(steps)) if inspections else "")
    whole = d.rng.randint(1, 20 if d.provincial else 8)
    d.put("1.3.1", (d.part(whole, 0.3, 1.0), whole))
    found = d.count(0, 8)
    d.put("1.3.2.a", found)
    d.put("1.3.2.b", d.part(found, 0.5, 1.0))
    months = d.rng.randint(0, PART_MONTH[d.period.part])
    d.put("1.4", months, "" if months else "Không phát sinh hồ sơ cần đánh giá trong kỳ")
    assigned = d.count(0, 320)
    on_time = d.part(assigned, 0.8, 1.0)
    d.put("1.5.a", assigned)
    d.put("1.5.b", on_time)
    d.put("1.5.c", d.part(assigned - on_time))
    d.put("1.6.a", d.count(0, 400))
    d.put("1.6.b", d.rng.choice(sorted(d.catalogue.indicators["1.6.b"].legend)))
    d.put("1.7", d.rng.choice((0, 1, 1)))


def _institutions(d: Draft) -> None:
    checked, reviewed = d.count(0, 10), d.count(0, 30)
    issued = d.count(0, 4)
    d.put("2.1", issued, "; ".join(d.cite.cite("QĐ", "UBND") for _ in range(issued)))
    d.put("2.2", checked)
    d.put("2.3", reviewed, f"Rà soát theo {d.cite.cite('KH')}" if reviewed and d.rng.random() < 0.3 else "")
    recommended = d.part(checked + reviewed, 0.0, 0.2)
    d.put("2.4", recommended)
    d.put("2.5", d.part(recommended, 0.5, 1.0))


def _procedures(d: Draft) -> None:
    if d.provincial:
        levels = (max(1, d.size(10, 150)), d.size(0, 30), d.size(0, 15))
    elif d.agency.kind == "ubnd-huyen":
        levels = (d.rng.randint(0, 6), d.rng.randint(120, 250), d.rng.randint(60, 120))
    else:
        levels = (d.rng.randint(0, 3), 0, d.rng.randint(80, 140))
    total = sum(levels)
    for ident in ("3.1.a", "3.1.b"):
        published = d.count(0, 30)
        d.put(ident, published, d.cite.procedures(published) if published else "")
    d.put("3.2", total)
    for ident, value in zip(("3.2.a", "3.2.b", "3.2.c"), levels, strict=True):
        d.put(ident, value)
    published = d.part(total, 0.8, 1.0)
    d.put("3.3.a", published)
    d.put("3.3.b", d.part(published, 0.2, 0.8))
    _internal_processes(d, total)
    linked = d.part(total, 0.0, 0.3)
    same_level = d.part(linked)
    d.put("3.4.2", linked)
    d.put("3.4.2.a", same_level)
    d.put("3.4.2.b", d.rng.randint(linked - same_level, linked))
    online = d.part(total, 0.0, 0.8)
    level3 = d.part(online)
    d.put("3.4.3", online)
    d.put("3.4.3.a", level3)
    d.put("3.4.3.b", online - level3)
    post = d.part(total)
    receive, deliver = d.part(post, 0.5, 1.0), d.part(post, 0.5, 1.0)
    for ident, value in (("3.4.4", post), ("3.4.4.a", receive), ("3.4.4.b", deliver)):
        d.put(ident, value)
    d.put("3.4.4.c", d.part(min(receive, deliver)))
    d.put("3.4.5", d.part(total, 0.0, 0.5))
    _dossiers(d)


def _internal_processes(d: Draft, procedures: int) -> None:
    processes = 0 if d.rng.random() < 0.15 else d.part(procedures, 0.3, 1.0)
    by_chair = d.part(processes)
    for suffix, approved in (("a", by_chair), ("b", processes - by_chair)):
        d.put(f"3.4.1.2.{suffix}", approved)
        d.put(f"3.4.1.1.{suffix}", d.rng.randint(1, min(approved, 4)) if approved else 0)
    by_chair, by_agency = d.int_of("3.4.1.1.a"), d.int_of("3.4.1.1.b")
    decisions = [d.cite.cite("QĐ", "UBND") for _ in range(by_chair)] + [d.cite.cite() for _ in range(by_agency)]
    d.put("3.4.1.1", by_chair + by_agency, "; ".join(decisions))
    d.put("3.4.1.2", processes)
    if processes:
        d.put("3.4.1.3", round(100.0 * min(processes, procedures) / procedures, 2))
        d.put("3.4.1.4", d.rate(40.0))
    else:
        d.put("3.4.1.3", 0.0)
        d.put("3.4.1.4", None, "Không phát sinh quy trình nội bộ được phê duyệt")


def _dossiers(d: Draft) -> None:
    dossiers = 0 if d.rng.random() < 0.1 else d.count(20, 3000)
    none = "Không phát sinh hồ sơ"
    d.put("3.4.6", dossiers, "" if dossiers else f"Trong kỳ báo cáo, {none.lower()} yêu cầu giải quyết TTHC")
    online3 = d.part(dossiers, 0.0, 0.4) if d.int_of("3.4.3.a") else 0
    online4 = d.part(dossiers - online3, 0.0, 0.3) if d.int_of("3.4.3.b") else 0
    d.put("3.4.7.1.a", online3)
    d.put("3.4.7.1.b", online4)
    for ident, value in (("3.4.6.a", d.rate(90.0)), ("3.4.7.1.c", online3), ("3.4.7.1.d", online4)):
        if not dossiers:
            d.put(ident, None, none)
        elif isinstance(value, float):
            d.put(ident, value)
        else:
            d.put(ident, round(100.0 * value / dossiers, 2), f"{value}/{dossiers} hồ sơ" if value else "")
    by_post = d.int_of("3.4.4") > 0
    received = d.part(dossiers, 0.0, 0.1) if by_post else 0
    delivered = d.part(dossiers, 0.0, 0.1) if by_post else 0
    d.put("3.4.7.2.a", received)
    d.put("3.4.7.2.b", delivered)
    d.put("3.4.7.2.c", d.part(min(received, delivered)))
    paid = d.part(dossiers, 0.0, 0.2) if d.int_of("3.4.5") else 0
    d.put("3.4.7.3.a", paid)
    d.put("3.4.7.3.b", paid * d.rng.choice((10_000, 20_000, 25_000, 50_000, 100_000, 150_000)))
    if not dossiers:
        d.notes["3.4.7"] = "Không triển khai dịch vụ công trực tuyến"


def _organisation(d: Draft) -> None:
    d.put("4.1.1", d.rng.randint(17, 21))
    d.put("4.1.2", d.rng.randint(1, 4))
    d.put("4.1.3", d.rng.randint(3, 30))
    parts = (
        d.rng.randint(5, 20),
        d.rng.randint(50, 400) if d.applies("4.1.1") else d.count(0, 12),
        d.rng.randint(100, 900),
    )
    for ident, value in zip(("4.1.4.a", "4.1.4.b", "4.1.4.c"), parts, strict=True):
        d.put(ident, value)
    d.put("4.1.4", sum(parts))
    d.put("4.1.4.d", round(d.rng.uniform(0.0, 20.0), d.rng.choice((0, 2))))
    quota = d.rng.randint(18, 23) if d.agency.kind == "ubnd-xa" else max(8, d.size(25, 90))
    d.put("4.2.a", quota)
    d.put("4.2.b", d.part(quota, 0.85, 1.0))
    d.put("4.2.c", d.count(0, 10))
    d.put("4.2.d", d.part(quota, 0.0, 0.05))
    d.put("4.2.e", round(d.rng.uniform(0.0, 15.0), d.rng.choice((0, 2))))
    if d.agency.has_sncl:
        d.put("4.3", d.rng.randint(10, 600))
    else:
        d.values["4.3"] = 0
        d.notes["4.3"] = NO_SNCL_NOTE.format(agency=d.agency.name)


def _civil_service(d: Draft) -> None:
    d.put("5.1.1", d.count(0, 12))
    for ident, high in (("5.2.1.a", 6), ("5.2.1.b", 2), ("5.2.1.c", 3), ("5.2.2.a", 20), ("5.2.2.b", 2)):
        d.put(ident, d.count(0, high))
    d.put("5.3.a", d.rng.choice((0, 1)))
    for ident, high in (("5.3.b", 2), ("5.3.c", 4), ("5.3.d", 3)):
        d.put(ident, d.count(0, high))
    for ident, high in (("5.4.a", 1), ("5.4.b", 1), ("5.4.c", 2), ("5.4.d", 3)):
        d.put(ident, d.rng.randint(0, high))
    _autonomy(d)


def _autonomy(d: Draft) -> None:
    """Public service units by autonomy group: the agency's own, or (Sở Nội vụ) the province's within 4.1.4."""
    if d.applies("4.1.4"):
        units = d.int_of("4.1.4")
    else:
        units = d.int_of("4.1.4.b") if "4.1.4.b" in d.values else d.rng.randint(0, 40)
    left = d.part(units, 0.8, 1.0)
    for ident in ("6.1", "6.2", "6.3"):
        value = d.part(left, 0.0, 0.3)
        d.put(ident, value)
        left -= value
    d.put("6.4", left)
    d.put("6.5", d.rng.randint(0, 1))


def _e_government(d: Draft) -> None:
    for ident in ("7.1", "7.2", "7.3", "7.4"):
        d.put(ident, d.rng.choice(sorted(d.catalogue.indicators[ident].legend)))
    portals = d.rng.choice((0, 1, 1, 1, 2))
    d.put("7.5", portals)
    d.put("7.5.a", d.rng.choice((0, 1, 1)) if portals else 0)
    for ident in ("7.6.1.a", "7.6.1.b", "7.6.1.c", "7.7.a", "7.7.b", "7.7.c"):
        d.put(ident, d.rate(70.0))
    d.put("7.6.2", d.rng.randint(500, 6000))
    d.put("7.6.2.a", 1)
    d.put("7.6.2.b", d.rng.choice((0, 1, 1)))
    d.put("7.6.2.c", d.rng.randint(1, 12))
    _documents(d)
    mailboxes = d.size(5, 200)
    d.put("7.6.4.a", mailboxes, f"{mailboxes} hộp thư công vụ" if d.rng.random() < 0.3 else "")
    if "7.8.1" in d.catalogue.indicators:  # the so_tttt plugin's rows: digitised dossiers
        received = d.count(500, 20000)
        digitised = d.part(received, 0.3, 1.0)
        d.put("7.8.1", received)
        d.put("7.8.2", digitised)
        share = round(100.0 * digitised / received, 2) if received else None
        d.put("7.8.3", share, "" if received else "Không phát sinh")


def _documents(d: Draft) -> None:
    sent = 0 if d.rng.random() < 0.05 else d.count(200, 3000)
    electronic = d.part(sent, 0.7, 1.0)
    parallel = d.part(sent - electronic)
    digital = electronic + parallel  # VBĐT: sent entirely electronically or alongside paper
    note = f"Gồm {digital} VBĐT và {sent - digital} văn bản giấy" if sent and d.rng.random() < 0.5 else ""
    d.put("7.6.3", sent, note)
    for ident, value in (("7.6.3.a", electronic), ("7.6.3.b", parallel)):
        if sent:
            d.put(ident, round(100.0 * value / sent, 2), f"{value}/{sent} văn bản")
        else:
            d.put(ident, None, "Không phát sinh văn bản đi")


SECTIONS = (_direction, _institutions, _procedures, _organisation, _civil_service, _e_government)


def _not_applicable(d: Draft, ident: str) -> str:
    """The note an agency writes on a row that is not its to report (often none at all)."""
    ind = d.catalogue.indicators[ident]
    if d.rng.random() < 0.5:
        return ""
    who = ind.reported_by if ind.reported_by != "each" else (ind.applies_to[0] if ind.applies_to else "")
    if who not in DELEGATES:
        return ""
    return f"{DELEGATES[who]} {d.rng.choice(('báo cáo', 'tổng hợp, báo cáo'))}"


def build_cells(d: Draft) -> dict[str, Cell]:
    """Every indicator's unit, value and note as the agency would print them."""
    for section in SECTIONS:
        section(d)
    cells: dict[str, Cell] = {}
    for ident, ind in d.catalogue.indicators.items():
        note = d.notes.get(ident, "")
        if ind.kind is ValueKind.GROUP:
            cells[ident] = Cell(ind.unit, "", note)
        elif not d.applies(ident, features=False) and ident not in d.values:
            cells[ident] = Cell(ind.unit, "", note or _not_applicable(d, ident))
        elif not d.applies(ident) and ident not in d.values:  # no public service units: 0 or blank
            cells[ident] = Cell(ind.unit, "0" if d.rng.random() < 0.6 else "", note)
        else:
            value = d.values[ident] if ident in d.values else _any_value(d, ident)
            cells[ident] = Cell(ind.unit, format_value(d.rng, ind, value), note or d.cite.evidence())
    return cells


def _any_value(d: Draft, ident: str) -> Value:
    """A plausible value for an indicator the model above does not know (a catalogue extension)."""
    ind = d.catalogue.indicators[ident]
    if ind.legend:
        return d.rng.choice(sorted(ind.legend))
    if ind.kind is ValueKind.RATE:
        return d.rate()
    if ind.kind is ValueKind.FRACTION:
        whole = d.rng.randint(1, 10)
        return (d.part(whole), whole)
    return d.count(0, 50)
