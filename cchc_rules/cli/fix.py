"""`cchc fix`: write a corrected copy of a report with the suggested changes the user accepts.

Only the value cells of accepted suggestions change; the input is never written. The
copy is checked again, and every error left without a fix that can be derived is listed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc_rules.cli import options
from cchc_rules.errors import EXIT_FINDINGS, EXIT_OK, CchcError

if TYPE_CHECKING:
    from cchc_rules.fixes.model import Suggestion
    from cchc_rules.result import ReportResult

WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "wrote": "Đã ghi bản đã sửa {output} ({kind}) từ {source}: {count} thay đổi",
        "none": "Không có thay đổi nào được chấp nhận; bản đã sửa giống bản gốc ở mọi ô số liệu",
        "blank": "(trống)",
        "unknown": "Không có gợi ý sửa nào cho {rule}",
        "skipped": "Không áp dụng (chỉ biết giới hạn, không biết giá trị): {text}",
        "underivable": "Lỗi không có cách sửa suy ra được (cần người sửa):",
        "declined": "Lỗi có gợi ý sửa nhưng chưa được chấp nhận (--accept hoặc --all):",
        "recheck": "Kiểm tra lại {output}: {error} lỗi, {warning} cảnh báo, {info} thông tin",
        "text": "văn bản, chỉ thay các ô số liệu",
        "xlsx": "bản sao Excel",
        "model": "định dạng báo cáo JSON/YAML",
        "line": "dòng",
    },
    "en": {
        "wrote": "Wrote the corrected copy {output} ({kind}) of {source}: {count} changes",
        "none": "No change was accepted; the copy has the same values as the original",
        "blank": "(blank)",
        "unknown": "No suggested fix for {rule}",
        "skipped": "Not applied (only a bound is known, not the value): {text}",
        "underivable": "Errors with no fix that can be derived (a person must correct them):",
        "declined": "Errors with a suggested fix that was not accepted (--accept or --all):",
        "recheck": "Re-check of {output}: errors {error}, warnings {warning}, info {info}",
        "text": "text, only the value cells replaced",
        "xlsx": "a copy of the workbook",
        "model": "the JSON/YAML report format",
        "line": "line",
    },
}  # fmt: skip


def accepted(result: ReportResult, rules: list[str], everything: bool) -> tuple[list[Suggestion], list[Suggestion]]:
    """(to apply, accepted but only bounded): one change per cell, in report order."""
    chosen: dict[str, Suggestion] = {}
    bounded: list[Suggestion] = []
    for suggestion in result.suggestions:
        if not everything and not set(rules) & set(suggestion.rule_ids):
            continue
        if not suggestion.applicable:
            bounded.append(suggestion)
            continue
        chosen.setdefault(suggestion.indicator, suggestion)
    return list(chosen.values()), bounded


def underivable(result: ReportResult, applied: list[Suggestion]) -> list[Any]:
    """Errors that none of the given changes answers."""
    from cchc_rules.findings import Severity

    done = {(rule, s.indicator) for s in applied for rule in s.rule_ids}
    return [
        f
        for f in result.findings
        if f.severity is Severity.ERROR and not any((f.rule_id, i) in done for i in f.indicators)
    ]


def run_fix(args: argparse.Namespace) -> int:
    from cchc_rules.cli.common import checker as make_checker
    from cchc_rules.cli.common import settings
    from cchc_rules.fixes.apply import write_fixed
    from cchc_rules.fixes.text import describe
    from cchc_rules.loading import Overrides

    if not args.accept and not args.all:
        raise CchcError("usage", reason="choose the changes to apply: --accept RULE_ID… or --all")
    config = settings(args)
    lang = args.lang or config.lang
    words = WORDS[lang]
    checker = make_checker(config)
    overrides = Overrides(agency=args.agency, agency_kind=config.agency_kind, period=args.period)
    source, output = Path(args.file), Path(args.output)
    result = checker.check_file(source, overrides)
    apply, bounded = accepted(result, args.accept, args.all)
    known = {rule for s in result.suggestions for rule in s.rule_ids}
    for rule in args.accept:
        if rule not in known:
            print(words["unknown"].format(rule=rule), file=sys.stderr)
    kind = write_fixed(source, output, result.report, apply)
    out = sys.stdout
    if apply:
        out.write(words["wrote"].format(output=output, kind=words[kind], source=source, count=len(apply)) + "\n")
    else:
        out.write(words["none"] + "\n")
    for suggestion in apply:
        before = suggestion.current_raw or words["blank"]
        after = suggestion.proposed_raw or words["blank"]
        out.write(f"  {suggestion.indicator}: {before} → {after}  [{', '.join(suggestion.rule_ids)}]\n")
        out.write(f"      {describe(suggestion, lang)}\n")
    for suggestion in bounded:
        out.write("  " + words["skipped"].format(text=describe(suggestion, lang)) + "\n")
    left = underivable(result, apply)
    never = underivable(result, list(result.suggestions))
    declined = [f for f in left if f not in never]
    for heading, findings in (("declined", declined), ("underivable", never)):
        if not findings:
            continue
        out.write(words[heading] + "\n")
        for finding in findings:
            where = f" ({words['line']} {finding.location.line})" if finding.location and finding.location.line else ""
            head = f"{finding.rule_id} {finding.indicators[0] if finding.indicators else ''}".rstrip()
            out.write(f"  {head}{where}: {result.message(finding, lang)}\n")
    again = checker.check_file(output, overrides)
    out.write(words["recheck"].format(output=output, **again.summary()) + "\n")
    return EXIT_FINDINGS if again.summary()["error"] else EXIT_OK


def register(sub: Any) -> None:
    fix = sub.add_parser(
        "fix",
        help="ghi bản đã sửa theo gợi ý / write a corrected copy with the suggested fixes",
        description=(
            "Ghi một bản sao đã sửa, chỉ với các thay đổi được chấp nhận; không bao giờ ghi đè tệp gốc. "
            "Write a corrected copy with only the accepted changes; the input is never written. "
            "Text reports (.txt/.tsv) keep their exact bytes except the changed value cells; "
            ".xlsx/.xlsm give an .xlsx/.xlsm copy; any input may be written as the JSON or YAML report "
            "format (--output fixed.json), which is what Word, CSV and JSON/YAML inputs get."
        ),
    )
    fix.add_argument("file", metavar="FILE")
    fix.add_argument("--output", "-o", required=True, metavar="FIXED", help="the corrected copy / bản đã sửa")
    fix.add_argument(
        "--accept", nargs="+", action="extend", default=[], metavar="RULE_ID",
        help="apply the suggestions for these rules / áp dụng gợi ý của các quy tắc này",
    )  # fmt: skip
    fix.add_argument("--all", action="store_true", help="apply every suggestion with a value / áp dụng mọi gợi ý")
    fix.add_argument("--lang", choices=("vi", "en"), default=None)
    fix.add_argument("--ruleset", action="append", default=[], metavar="PATH")
    fix.add_argument("--no-standard", action="store_true", help="skip the bundled rulesets")
    fix.add_argument("--select", action="append", default=[], metavar="PREFIX")
    fix.add_argument("--ignore", action="append", default=[], metavar="PREFIX")
    options.report(fix)
    options.plugins(fix)
    fix.set_defaults(run=run_fix)
