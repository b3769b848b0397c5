"""The terminal view (rich): findings grouped by section, each with its rule, the row
as written, what is wrong and, where one can be computed, the expected value.

Lines are built as (text, style) pieces. rich renders them where there is colour to show;
without colour (a pipe, a pre-commit hook, CI) the text is written as it is, since that is
exactly what rich would print (no wrapping, no markup) and importing rich costs a cold
start ~20 ms. A line rich would alter (tabs, control characters) still goes through rich.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

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


Piece = tuple[str, str]  # (text, rich style)
Line = list[Piece]
# What rich would change in a line: tabs (expanded) and control characters (some stripped).
_NOT_PLAIN = re.compile("[\x00-\x1f\x7f-\x9f]")


def _line(text: str = "", style: str = "") -> Line:
    return [(text, style)]


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


def _row(result: ReportResult, finding: Finding, words: dict[str, str]) -> Piece | None:
    if not finding.indicators:
        return None
    entry = next((e for e in result.report.entries if e.id == finding.indicators[0]), None)
    if entry is None:
        return None
    cells = [entry.name[:90] + ("…" if len(entry.name) > 90 else ""), entry.unit, entry.raw or words["blank"]]
    return ("│ " + " │ ".join(c for c in cells if c), "dim")


def _suggested(suggestion: Suggestion, lang: str) -> Line:
    """A suggested fix; cchc_rules.fixes loads only for a report that has one."""
    from cchc_rules.fixes.text import describe

    return _line(f"      → {describe(suggestion, lang)}", "green")


def _counted(word: str, count: int, lang: str) -> str:
    """English plurals ("3 errors"); Vietnamese nouns do not change."""
    return word + "s" if lang == "en" and count != 1 and word != "info" else word


def summary_line(result: ReportResult, lang: str) -> Line:
    s = result.summary()
    meta = result.report.meta
    label = LABEL[lang]
    head = " · ".join(x for x in (meta.agency, meta.period, result.source) if x)
    text = _line(f"{head}: ")
    parts = [(s["error"], Severity.ERROR), (s["warning"], Severity.WARNING), (s["info"], Severity.INFO)]
    for i, (count, sev) in enumerate(parts):
        text.append((f"{count} {_counted(label[sev], count, lang)}", STYLE[sev] if count else ""))
        text.append((", " if i < 2 else "", ""))
    words = WORDS[lang]
    text.append((f" ({len(result.report.entries)} {words['rows']}, {len(result.outcomes)} {words['rules']})", ""))
    return text


def render_one(result: ReportResult, lang: str) -> list[Line]:
    """One report's findings by section, as lines."""
    words, label = WORDS[lang], LABEL[lang]
    if result.error:
        return [_line(f"✖ {result.source}: {result.error}", "bold red")]
    sections: dict[str, list[Finding]] = {}
    for finding in result.findings:
        section = finding.indicators[0].split(".")[0] if finding.indicators else ""
        sections.setdefault(section, []).append(finding)
    lines: list[Line] = []
    for section in sorted(sections, key=lambda s: (s != "", int(s) if s.isdigit() else 0)):
        lines.append(_line(_section_title(result, section, lang), "bold underline"))
        for finding in sections[section]:
            head = _line("  ")
            head.append((f"{label[finding.severity]:<9}", STYLE[finding.severity]))
            head.append((f" {finding.rule_id}", "bold"))
            if finding.indicators:
                head.append((f"  {finding.indicators[0]}", ""))
            where = _where(finding, words)
            if where:
                head.append((f"  ({where})", "dim"))
            lines.append(head)
            row = _row(result, finding, words)
            if row is not None:
                lines.append([("      ", ""), row])
            lines.append(_line("      " + result.message(finding, lang)))
            if finding.expected:
                lines.append(_line(f"      → {words['expected']}: {finding.expected}", "green"))
            lines.extend(_suggested(suggestion, lang) for suggestion in result.suggestions_for(finding))
        lines.append(_line())
    if not result.findings:
        lines.append(_line(words["ok"], "green"))
    return lines


def render(results: Sequence[ReportResult], options: FormatOptions) -> str:
    lines = [line for result in results for line in render_one(result, options.lang)]
    lines.extend(summary_line(result, options.lang) for result in results)
    if len(results) > 1:
        totals = {s: sum(r.summary()[s] for r in results) for s in ("error", "warning", "info")}
        lines.append(
            [
                (f"{WORDS[options.lang]['summary']}: {len(results)} — ", ""),
                (", ".join(f"{totals[s.value]} {LABEL[options.lang][s]}" for s in Severity), ""),
            ]
        )
    if not lines:
        return ""
    plain = "\n".join("".join(text for text, _ in line) for line in lines)
    if not options.color and not _NOT_PLAIN.search(plain.replace("\n", " ")):
        return plain + "\n"
    return _rich(lines, options)


def _rich(lines: list[Line], options: FormatOptions) -> str:
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=options.color,
        no_color=not options.color,
        width=options.width or 110,
        highlight=False,
        soft_wrap=True,
    )
    texts = []
    for line in lines:
        text = Text()
        for piece, style in line:
            text.append(piece, style=style)
        texts.append(text)
    console.print(Text("\n").join(texts))  # one print: the same text as a print per line, at a fifth of the cost
    return buffer.getvalue()
