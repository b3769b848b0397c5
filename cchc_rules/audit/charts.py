"""The dashboard's three charts as plain geometry: horizontal bars, laid out here and
drawn as inline SVG by the template. No chart library and no script: the page must
work offline, under a CSP that allows no external code, and print as it looks."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from cchc_rules.audit.model import AgencyRow
from cchc_rules.audit.province import Consolidation
from cchc_rules.model import ValueKind
from cchc_rules.values import format_number

LABEL_WIDTH = 300
BAR_WIDTH = 420
ROW_HEIGHT = 24
TOP = 8
WIDTH = LABEL_WIDTH + BAR_WIDTH + 90
MAX_BARS = 25
MAX_LABEL = 44


@dataclass
class Segment:
    css: str  # error, warning, info, rate
    x: float
    width: float


@dataclass
class Bar:
    label: str
    title: str  # the full label and value, as a tooltip
    value: str
    y: int
    segments: list[Segment]
    href: str = ""

    @property
    def end(self) -> float:
        return max((s.x + s.width for s in self.segments), default=LABEL_WIDTH)


@dataclass
class Chart:
    id: str
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    legend: list[str] = field(default_factory=list)  # the segment classes shown in the legend

    @property
    def height(self) -> int:
        return TOP + ROW_HEIGHT * max(len(self.bars), 1) + 22

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def label_x(self) -> int:
        return LABEL_WIDTH - 8


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def _scale(maximum: float) -> float:
    return BAR_WIDTH / maximum if maximum > 0 else 0.0


def nice(maximum: float) -> float:
    """The axis' end: the first of 2, 4, 6, … (small counts) or 1, 2, 5 × 10^k at or above the maximum."""
    if maximum <= 10:
        return float(max(2, math.ceil(maximum / 2) * 2))
    step = 10 ** math.floor(math.log10(maximum))
    return float(next(m * step for m in (1, 2, 5, 10) if m * step >= maximum))


def _ticks(maximum: float, suffix: str = "") -> list[tuple[float, str]]:
    if maximum <= 0:
        return []
    return [(LABEL_WIDTH + BAR_WIDTH * f, format_number(maximum * f) + suffix) for f in (0, 0.5, 1)]


def _stacked(chart_id: str, items: list[tuple[str, str, dict[str, int]]], order: Sequence[str]) -> Chart:
    """Bars of counts stacked by severity: (label, anchor, counts)."""
    maximum = nice(max((sum(c.values()) for _, _, c in items), default=0))
    scale = _scale(maximum)
    chart = Chart(chart_id, ticks=_ticks(maximum), legend=[s for s in order if any(c.get(s) for _, _, c in items)])
    for number, (label, href, counts) in enumerate(items):
        x = float(LABEL_WIDTH)
        segments = []
        for css in order:
            width = counts.get(css, 0) * scale
            if width:
                segments.append(Segment(css, x, width))
                x += width
        total = sum(counts.values())
        shown = " + ".join(str(counts[s]) for s in order if counts.get(s))
        bar = Bar(_short(label), f"{label}: {shown}", str(total), TOP + number * ROW_HEIGHT, segments, href)
        chart.bars.append(bar)
    return chart


def errors_by_agency(rows: Sequence[AgencyRow]) -> Chart:
    """The reports with most errors (then warnings): where the reviewer's time goes."""
    scored = [(r, r.counts()) for r in rows if r.readable]
    scored = [(r, c) for r, c in scored if c["error"] or c["warning"]]
    scored.sort(key=lambda rc: (-rc[1]["error"], -rc[1]["warning"], rc[0].index))
    items = [
        (f"{r.index + 1}. {r.label}", f"#{r.anchor}", {"error": c["error"], "warning": c["warning"]})
        for r, c in scored[:MAX_BARS]
    ]
    return _stacked("chart-agencies", items, ("error", "warning"))


def frequent_rules(rows: Sequence[AgencyRow], limit: int = 15) -> Chart:
    """The rules that fire most often over the batch: what to explain to every agency at once."""
    counts: Counter[str] = Counter()
    severity: dict[str, str] = {}
    for row in rows:
        for finding in row.all_findings():
            counts[finding.rule_id] += 1
            severity.setdefault(finding.rule_id, finding.severity)
    items = [(rule, "", {severity[rule]: n}) for rule, n in counts.most_common(limit)]
    return _stacked("chart-rules", items, ("error", "warning", "info"))


def key_rates(cons: Consolidation | None, lang: str) -> Chart:
    """The province's rates that could be recomputed (or were reported for the province), on 0–100%."""
    chart = Chart("chart-rates", ticks=_ticks(100.0, "%"), legend=["rate"])
    if cons is None:
        return chart
    rates = [r for r in cons.rows if r.indicator.kind is ValueKind.RATE and r.value is not None]
    for number, row in enumerate(rates[:MAX_BARS]):
        value = max(0.0, min(float(row.value or 0.0), 100.0))
        label = f"{row.id} {row.indicator.label(lang)}"
        segment = Segment("rate", float(LABEL_WIDTH), value * _scale(100.0))
        bar = Bar(_short(label), f"{label}: {row.shown}", row.shown, TOP + number * ROW_HEIGHT, [segment])
        chart.bars.append(bar)
    return chart
