"""The terminal view (rich): findings grouped by section, each with its rule, the row
as written, what is wrong and, where one can be computed, the expected value."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from cchc_rules.findings import Finding, Severity

if TYPE_CHECKING:
    from cchc_rules.fixes.model import Suggestion
    from cchc_rules.formats import FormatOptions
    from cchc_rules.result import ReportResult

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
LABEL = {
    "vi": {Severity.ERROR: "lỗi", Severity.WARNING: "cảnh báo", Severity.INFO: "thông tin"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}
WORDS = {
    "vi": {"general": "Chung", "section": "Mục", "line": "dòng", "expected": "Giá trị đúng", "blank": "(trống)",
           "ok": "Không có phát hiện nào.", "rows": "dòng", "rules": "quy tắc", "summary": "Tổng cộng"},
    "en": {"general": "General", "section": "Section", "line": "line", "expected": "Expected", "blank": "(blank)",
           "ok": "No findings.", "rows": "rows", "rules": "rules", "summary": "Total"},
}  # fmt: skip


def _where(finding: Finding, words: dict[str, str]) -> str:
    loc = finding.location
    if loc is None:
        return ""
    if loc.line is not None:
        return f"{words['line']} {loc.line}"
    if loc.sheet is not None:
        return f"{loc.sheet}!{loc.cell}" if loc.cell else loc.sheet
    if loc.table is not None:
        return f"table {loc.table}, row {loc.row}"
    return ""


def _section_title(result: ReportResult, section: str, lang: str) -> str:
    words = WORDS[lang]
    if not section:
        return words["general"]
    ind = result.catalogue.get(section)
    return f"{words['section']} {section}. {ind.label(lang)}" if ind else f"{words['section']} {section}"


def _row(result: ReportResult, finding: Finding, words: dict[str, str]) -> Text | None:
    if not finding.indicators:
        return None
    entry = next((e for e in result.report.entries if e.id == finding.indicators[0]), None)
    if entry is None:
        return None
    cells = [entry.name[:90] + ("…" if len(entry.name) > 90 else ""), entry.unit, entry.raw or words["blank"]]
    return Text("│ " + " │ ".join(c for c in cells if c), style="dim")


def _suggested(suggestion: Suggestion, lang: str) -> Text:
    """A suggested fix; cchc_rules.fixes loads only for a report that has one."""
    from cchc_rules.fixes.text import describe

    return Text(f"      → {describe(suggestion, lang)}", style="green")


def _counted(word: str, count: int, lang: str) -> str:
    """English plurals ("3 errors"); Vietnamese nouns do not change."""
    return word + "s" if lang == "en" and count != 1 and word != "info" else word


def summary_line(result: ReportResult, lang: str) -> Text:
    s = result.summary()
    meta = result.report.meta
    label = LABEL[lang]
    head = " · ".join(x for x in (meta.agency, meta.period, result.source) if x)
    text = Text(f"{head}: ")
    parts = [(s["error"], Severity.ERROR), (s["warning"], Severity.WARNING), (s["info"], Severity.INFO)]
    for i, (count, sev) in enumerate(parts):
        text.append(f"{count} {_counted(label[sev], count, lang)}", style=STYLE[sev] if count else "")
        text.append(", " if i < 2 else "")
    words = WORDS[lang]
    text.append(f" ({len(result.report.entries)} {words['rows']}, {len(result.outcomes)} {words['rules']})")
    return text


def render_one(result: ReportResult, lang: str) -> list[Text]:
    """One report's findings by section, as lines."""
    words, label = WORDS[lang], LABEL[lang]
    if result.error:
        return [Text(f"✖ {result.source}: {result.error}", style="bold red")]
    sections: dict[str, list[Finding]] = {}
    for finding in result.findings:
        section = finding.indicators[0].split(".")[0] if finding.indicators else ""
        sections.setdefault(section, []).append(finding)
    lines: list[Text] = []
    for section in sorted(sections, key=lambda s: (s != "", int(s) if s.isdigit() else 0)):
        lines.append(Text(_section_title(result, section, lang), style="bold underline"))
        for finding in sections[section]:
            head = Text("  ")
            head.append(f"{label[finding.severity]:<9}", style=STYLE[finding.severity])
            head.append(f" {finding.rule_id}", style="bold")
            if finding.indicators:
                head.append(f"  {finding.indicators[0]}")
            where = _where(finding, words)
            if where:
                head.append(f"  ({where})", style="dim")
            lines.append(head)
            row = _row(result, finding, words)
            if row is not None:
                lines.append(Text("      ") + row)
            lines.append(Text("      " + result.message(finding, lang)))
            if finding.expected:
                lines.append(Text(f"      → {words['expected']}: {finding.expected}", style="green"))
            lines.extend(_suggested(suggestion, lang) for suggestion in result.suggestions_for(finding))
        lines.append(Text())
    if not result.findings:
        lines.append(Text(words["ok"], style="green"))
    return lines


def render(results: Sequence[ReportResult], options: FormatOptions) -> str:
    lines = [line for result in results for line in render_one(result, options.lang)]
    lines.extend(summary_line(result, options.lang) for result in results)
    if len(results) > 1:
        totals = {s: sum(r.summary()[s] for r in results) for s in ("error", "warning", "info")}
        lines.append(
            Text(f"{WORDS[options.lang]['summary']}: {len(results)} — ")
            + Text(", ".join(f"{totals[s.value]} {LABEL[options.lang][s]}" for s in Severity))
        )
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=options.color,
        no_color=not options.color,
        width=options.width or 110,
        highlight=False,
        soft_wrap=True,
    )
    if lines:  # one print of all the lines: the same text as a print per line, at a fifth of the cost
        console.print(Text("\n").join(lines))
    return buffer.getvalue()
