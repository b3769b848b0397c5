"""An oracle for the note parsers: every analysis the rules and the fixes read of a note,
recorded as plain data, so that a faster parser can be proven to give the same answers.

Why: the note parsers (cchc_rules/notes/) are rewritten for speed (issue #10); a change of
behaviour would move findings and suggested fixes silently. The corpus is every distinct
note of the sample, the test fixtures (every readable format), the rule cases and rule
examples, the string literals of the notes tests, the generated reports, plus seeded
random mutations of them (digits, "/", "-", spaces, "ngày", "số", Vietnamese words
inserted or deleted). For each note it records parse_note (citations, dates, months,
clauses, spans and what the document rules derive), find_dates / find_months /
find_clauses, figures, the per-note document summary (rules/citations.py) and the claims
evidence.py reads for every indicator; for each report, its evidence, its document
summary and every finding and outcome of all the bundled rules.

    python bench/notes_oracle.py record [--oracle /tmp/notes_oracle.pkl] [--gen /tmp/gen10k]
    python bench/notes_oracle.py check  [--oracle /tmp/notes_oracle.pkl]

`record` runs on the code as it is and writes the pickle (the corpus is in it); `check`
recomputes everything on the current code and prints the first differences (exit 1). The
notes are read in the corpus's order, so both ways the parsers read a note are checked: from
scratch, and by the shape another note left (notes/citations.py, parse_note). Per-report
findings move with any rule: to check the note parsers alone, record and check a tree that
differs only in them (a `git archive` of the commit, those files put in).

A run takes about 10 minutes and 1 GB on disk for /tmp/gen10k (10,000 reports).
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import enum
import os
import pickle
import random
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from cchc_rules.catalogue import Catalogue, default_catalogue  # noqa: E402
from cchc_rules.checker import Checker  # noqa: E402
from cchc_rules.engine import evaluate  # noqa: E402
from cchc_rules.fragments import build_fragment  # noqa: E402
from cchc_rules.loading import load_report  # noqa: E402
from cchc_rules.model import Entry, Flag, ParsedValue, Report, ValueKind, ValueStatus  # noqa: E402
from cchc_rules.notes import arithmetic, citations, evidence  # noqa: E402
from cchc_rules.notes.cache import Record  # noqa: E402
from cchc_rules.rules import citations as doc_rules  # noqa: E402
from cchc_rules.rules.base import build_context  # noqa: E402

SAMPLE = ROOT / "examples" / "phu-luc-2-thanh-tra-tinh-2021.txt"
ORACLE = Path("/tmp/notes_oracle.pkl")
GENERATED = Path("/tmp/gen10k")
MUTANTS = int(os.environ.get("NOTES_ORACLE_MUTANTS", "60000"))
MUTATED_REPORTS = 1_500
SEED = 20211214

# What a mutation inserts: the characters and words the parsers look for.
INSERTS = (
    "0", "1", "2", "9", "12", "31", "2021", "2020", "1.000", "/", "/", "-", "- ", " -", " ", "  ", "\n", ";", "; ",
    ".", ". ", ",", ":", "(", ")", "%", "+", "ngày ", " ngày", "số ", " số", "Số: ", "tháng ", " năm ", "năm ",
    "quý ", "IV", "II", "Quý I/", "từ ", "đến ", "trước ", "hạn ", "sau ", "Căn cứ ", "theo ", "thực hiện ",
    "Gồm ", "bao gồm: ", " và ", " cùng ", "Mục 7.3 ", "Điều ", "lần ", "giai đoạn ", "phụ lục ", "mức độ ",
    "kiểm tra ", "thanh tra ", "Thanh tra tỉnh ", "khảo sát ", "đánh giá ", "đối thoại ", "xử lý ", "kết luận ",
    "Quyết định ", "QĐ ", "QĐ-", "/QĐ-UBND", "/KH-UBND ", "-UBND", "UBND", "TTT", "NĐ-CP", "Biên bản ",
    "Kế hoạch ", "Báo cáo ", "Công văn ", "Thông báo ", "Tờ trình ", "TTr", "báo cáo ", "BB", "KH", "CV", "TB",
    "TTHC", "(3 TTHC)", " văn bản", " VBĐT", " trường hợp", " vụ ", " người", " CC", " hồ sơ", "thủ tục ",
    "không phát sinh", "chưa có", "không có ", "tiếp nhận ", "chuyển về", "Số phiếu phát ra: ", "Tổng số ",
    "Gồm 5 VBĐT và 3 văn bản mật", "12/15", "1604/1712", "05/05", "ngày 31/02/2021", "ngày 29 tháng 2 năm 2021",
    "tháng 11/2021", "quý IV/2021", "27.8.2021", "27-8-2021", "09/2019/NĐ-CP", "2493/QĐ- UBND",
    "trong tháng 13/2021", "•", "–", "*", "đ", "Đ", "\u0301", "é", "x", "A",
)  # fmt: skip


def plain(value: Any) -> Any:
    """A value as comparable, picklable plain data (dataclasses and the notes' Records, which
    were dataclasses, as name/value pairs)."""
    if isinstance(value, Record):
        return (type(value).__name__, tuple((name, plain(getattr(value, name))) for name in value.FIELDS))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = tuple((f.name, plain(getattr(value, f.name))) for f in dataclasses.fields(value))
        return (type(value).__name__, fields)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return ("date", value.isoformat())
    if isinstance(value, (frozenset, set)):
        return ("set", tuple(sorted(plain(v) for v in value)))
    if isinstance(value, (tuple, list)):
        return tuple(plain(v) for v in value)
    if isinstance(value, dict):
        return ("dict", tuple((plain(k), plain(v)) for k, v in value.items()))
    return value


# ── The corpus ────────────────────────────────────────────────────────────────


def _yaml_notes(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "note" and isinstance(value, str):
                yield value
            else:
                yield from _yaml_notes(value)
    elif isinstance(data, list):
        for item in data:
            yield from _yaml_notes(item)


def _literals(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and 3 <= len(node.value) <= 600:
            yield node.value


def fixture_reports(catalogue: Catalogue, tmp: Path) -> list[tuple[str, Report]]:
    """The sample, the committed fixtures and the sample in every format make_fixtures builds."""
    from make_fixtures import build_all

    paths = [SAMPLE, *sorted((ROOT / "tests" / "fixtures").glob("*.txt"))]
    paths += sorted(build_all(tmp).values())
    out = []
    for path in paths:
        try:
            out.append((path.name, load_report(path, catalogue)))
        except Exception as exc:  # a format whose reader is missing here
            print(f"  skipped {path.name}: {exc}", file=sys.stderr)
    return out


def fragment_reports(catalogue: Catalogue) -> list[tuple[str, Report]]:
    """The rule cases' fragments and every rule's passing and failing example."""
    out = []
    for path in sorted((ROOT / "tests" / "rule_cases").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            out.append((f"{path.stem}:{case['name']}", build_fragment(case.get("fragment", {}), catalogue)))
    checker = Checker()
    for spec in checker.rule_specs():
        for outcome, example in sorted(spec.example.items()):
            try:
                out.append((f"{spec.id}:{outcome}", checker.fragment(example)))
            except Exception as exc:
                print(f"  skipped example {spec.id}:{outcome}: {exc}", file=sys.stderr)
    return out


def literal_notes() -> list[str]:
    found: list[str] = []
    for name in ("test_notes_citations.py", "test_notes_arithmetic.py", "test_fixes.py", "test_fixes_fast.py"):
        path = ROOT / "tests" / name
        if path.exists():
            found += _literals(path)
    for path in [*sorted((ROOT / "rulesets").glob("*.yaml")), *sorted((ROOT / "tests" / "rule_cases").glob("*.yaml"))]:
        found += _yaml_notes(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def mutate(rng: random.Random, note: str, others: list[str]) -> str:
    """One to four random edits of the characters and words the parsers react to."""
    text = note
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        at = rng.randint(0, len(text))
        if op < 0.3 and text:  # delete one to three characters
            at = min(at, len(text) - 1)
            text = text[:at] + text[at + rng.randint(1, 3) :]
        elif op < 0.65:
            text = text[:at] + rng.choice(INSERTS) + text[at:]
        elif op < 0.78 and text:  # change a digit
            digits = [i for i, ch in enumerate(text) if ch.isdigit()]
            if digits:
                i = rng.choice(digits)
                text = text[:i] + str(rng.randint(0, 9)) + text[i + 1 :]
        elif op < 0.84:  # delete a word
            words = text.split(" ")
            if len(words) > 1:
                del words[rng.randrange(len(words))]
                text = " ".join(words)
        elif op < 0.88:
            text = text + rng.choice(("; ", " và ", ". ", "\n", " - ", ", ")) + rng.choice(others)
        elif op < 0.91:
            text = text.upper() if rng.random() < 0.5 else text.lower()
        elif op < 0.94:
            text = unicodedata.normalize("NFD", text)
        elif op < 0.97:  # a space removed or doubled around a separator
            text = text.replace(" /", "/").replace("/ ", "/") if rng.random() < 0.5 else text.replace("/", " / ", 1)
        else:
            text = text.replace("ngày ", "", 1) if rng.random() < 0.5 else text.replace("số ", "", 1)
    return text


def corpus(
    gen: Path, catalogue: Catalogue, tmp: Path
) -> tuple[list[str], list[tuple[str, Report]], list[str], set[str]]:
    """(distinct notes, reports, generated report paths, the generated notes), deterministic for the files given."""
    started = time.perf_counter()
    reports = fixture_reports(catalogue, tmp) + fragment_reports(catalogue)
    seeds: list[str] = literal_notes()
    for _, report in reports:
        seeds += [e.note for e in report.entries if e.note]
    paths = sorted(gen.glob("*.txt")) if gen.exists() else []
    generated: list[str] = []
    for path in paths:
        generated += [e.note for e in load_report(path, catalogue).entries if e.note]
    base = list(dict.fromkeys(seeds + generated))
    took = time.perf_counter() - started
    print(f"  {len(base):,} distinct notes read ({len(paths):,} generated reports) in {took:.0f} s")
    rng = random.Random(SEED)
    tricky = list(dict.fromkeys(seeds))
    mutants = []
    for k in range(MUTANTS):
        source = tricky if k % 3 == 0 or not generated else base
        mutants.append(mutate(rng, rng.choice(source), base))
    notes = list(dict.fromkeys(base + mutants + ["", " ", "\n", "-", "0", "/", "ngày", "số"]))
    return notes, reports, [str(p) for p in paths], set(generated) - set(seeds)


# ── The analyses ──────────────────────────────────────────────────────────────


def parsed_data(parsed: citations.ParsedNote) -> Any:
    return (
        plain(parsed),
        plain(parsed.issue_dates),
        plain(parsed.latest_issue),
        plain(parsed.invalid_dates),
        plain(parsed.numbered),
        tuple((plain(p), p.variant) for p in parsed.sequence_problems),
        tuple(c.key for c in parsed.citations),
        tuple(parsed.clause_of(p) for p in (0, 5, 20, 60)),
    )


def summary_data(summary: doc_rules.Summary) -> Any:
    return (
        tuple((e.id, e.note) for e, _ in summary.notes),
        summary.valid_dates,
        tuple(e.id for e, _ in summary.invalid),
        summary.issued,
        plain(summary.latest),
        summary.in_order,
        tuple(e.id for e, _ in summary.out_of_order),
        tuple(e.id for e, _ in summary.numbered),
        tuple(sorted(summary.numbers)),
        summary.cited_numbers,
        tuple(sorted(summary.cited)),
    )


_RATE_WRITTEN = (
    ParsedValue(kind=ValueKind.RATE, status=ValueStatus.NUMBER, number=50.0, decimals=2),
    ParsedValue(kind=ValueKind.RATE, status=ValueStatus.NUMBER, number=50.0, decimals=0, flags=(Flag.AMBIGUOUS_RATE,)),
)


def note_claims(note: str, catalogue: Catalogue, full: bool) -> Any:
    """The claims read_notes makes of `note` on every indicator (full) or on a few, with a
    blank spacer row between them so that none is a copy of the row above; then each as a copy."""
    indicators = list(catalogue.indicators.values())
    if not full:
        indicators = indicators[_checksum(note) % 9 :: 9]  # one in nine, a different ninth per note
    out = []
    for variant, written in enumerate(_RATE_WRITTEN):
        entries: dict[str, Entry] = {}
        for k, ind in enumerate(indicators):
            entries[f"spacer-{k}"] = Entry(id=f"spacer-{k}")
            value = written if ind.kind is ValueKind.RATE else ParsedValue()
            entries[ind.id] = Entry(id=ind.id, note=note, value=value)
        ev = evidence.read_notes(entries, catalogue.indicators, {})
        out.append(plain(ev.claims))
        if variant == 0 and full:  # each row a copy of the one above
            copies = {
                ind.id: Entry(id=ind.id, note=note if k % 2 == 0 else note.upper()) for k, ind in enumerate(indicators)
            }
            out.append(plain(evidence.read_notes(copies, catalogue.indicators, {}).claims))
    return tuple(out)


def _checksum(note: str) -> int:
    return sum(note.encode("utf-8", "surrogatepass"))


def _stable_subset(note: str) -> bool:
    """A note of the generated reports whose claims are checked on every indicator (one in eight)."""
    return _checksum(note) % 8 == 0


def analyse_note(note: str, catalogue: Catalogue, full_claims: bool) -> Any:
    text = citations.normalise_note(note)
    parsed = citations.parse_note(note)
    found = arithmetic.figures(note)
    summary = doc_rules._summarise([Entry(id="1.1", note=note)]) if note and not note.isspace() else None
    return (
        parsed_data(parsed),
        plain(citations.find_dates(note)),
        plain(citations.find_dates(text)),
        plain(citations.find_months(text)),
        plain(citations.find_clauses(text)),
        plain(found),
        plain(arithmetic.find_figures(note)) == plain(found),
        summary_data(summary) if summary is not None else None,
        note_claims(note, catalogue, full_claims) if found else None,
    )


def analyse_report(report: Report, compiled: Any, catalogue: Catalogue) -> Any:
    ctx = build_context(report, catalogue)
    ev = evidence.collect(ctx)
    summary = doc_rules.summary(ctx)
    result = evaluate(report, compiled)
    findings = tuple(
        (f.rule_id, f.severity.value, f.indicators, plain(dict(f.params)), f.variant, f.expected, f.actual)
        for f in result.findings
    )
    outcomes = tuple(sorted((k, o.passed, o.failed, o.not_evaluable) for k, o in result.outcomes.items()))
    return (plain(ev.claims), plain(ev.to_dict()), summary_data(summary), findings, outcomes)


def mutated_reports(paths: list[str], catalogue: Catalogue, pool: list[str]) -> list[tuple[str, Report]]:
    """Generated reports whose notes are replaced by mutants, and notes put on rows without one."""
    rng = random.Random(SEED + 1)
    out = []
    for path in paths[: MUTATED_REPORTS // 2] + paths[-(MUTATED_REPORTS // 2) :] if paths else []:
        report = load_report(Path(path), catalogue)
        for k, entry in enumerate(report.entries):
            if entry.note and rng.random() < 0.7:
                entry.note = mutate(rng, entry.note, pool)
            elif not entry.note and rng.random() < 0.08:
                entry.note = rng.choice(pool)
            elif k and rng.random() < 0.04:
                entry.note = report.entries[k - 1].note  # a copy of the row above
        out.append((f"mutated:{Path(path).name}", report))
    return out


def _progress(items: list[Any], label: str) -> Iterable[tuple[int, Any]]:
    started = time.perf_counter()
    for k, item in enumerate(items):
        if k and k % 20000 == 0:
            print(f"  {label}: {k:,}/{len(items):,} ({time.perf_counter() - started:.0f} s)", flush=True)
        yield k, item


def compute(notes: list[str], reports: list[tuple[str, Report]], full: list[bool], catalogue: Catalogue) -> Any:
    compiled = Checker().compiled(catalogue)
    per_note = [analyse_note(note, catalogue, full[k]) for k, note in _progress(notes, "notes")]
    per_report = [(name, analyse_report(r, compiled, catalogue)) for _, (name, r) in _progress(reports, "reports")]
    return per_note, per_report


def record(oracle: Path, gen: Path) -> int:
    catalogue = default_catalogue()
    with tempfile.TemporaryDirectory() as tmp:
        notes, reports, paths, from_generated = corpus(gen, catalogue, Path(tmp))
        full = [note not in from_generated or _stable_subset(note) for note in notes]
        every = sum(full)
        print(f"  {len(notes):,} notes, {every:,} with claims on every indicator; {len(reports):,} reports + ", end="")
        extra = mutated_reports(paths, catalogue, notes[:50_000])
        print(f"{len(extra):,} mutated + {len(paths):,} generated")
        started = time.perf_counter()
        per_note, per_report = compute(notes, reports + extra, full, catalogue)
        generated = _generated_reports(paths, catalogue)
        compiled = Checker().compiled(catalogue)
        per_generated = [analyse_report(r, compiled, catalogue) for _, r in _progress(generated, "generated reports")]
        print(f"  computed in {time.perf_counter() - started:.0f} s")
    data = {
        "notes": notes,
        "full": full,
        "per_note": per_note,
        "reports": [(name, r) for name, r in reports + extra],
        "per_report": per_report,
        "generated": paths,
        "per_generated": per_generated,
    }
    with oracle.open("wb") as out:
        pickle.dump(data, out, protocol=pickle.HIGHEST_PROTOCOL)
    print(f"wrote {oracle} ({oracle.stat().st_size / 1e6:.0f} MB)")
    return 0


def _generated_reports(paths: list[str], catalogue: Catalogue) -> list[Report]:
    return [load_report(Path(p), catalogue) for p in paths]


def _compare(label: str, names: list[Any], expected: list[Any], got: list[Any], show: int = 5) -> int:
    wrong = [k for k in range(len(expected)) if expected[k] != got[k]]
    print(f"  {label}: {len(expected) - len(wrong):,}/{len(expected):,} identical")
    for k in wrong[:show]:
        print(f"    DIFFERS {names[k]!r}")
        for part, (a, b) in enumerate(zip(expected[k], got[k], strict=False)):
            if a != b:
                print(f"      part {part}:\n        expected {str(a)[:1500]}\n        got      {str(b)[:1500]}")
    return len(wrong)


def check(oracle: Path) -> int:
    with oracle.open("rb") as source:
        data = pickle.load(source)
    catalogue = default_catalogue()
    started = time.perf_counter()
    per_note, per_report = compute(data["notes"], data["reports"], data["full"], catalogue)
    compiled = Checker().compiled(catalogue)
    generated = _generated_reports(data["generated"], catalogue)
    per_generated = [analyse_report(r, compiled, catalogue) for _, r in _progress(generated, "generated reports")]
    print(f"  computed in {time.perf_counter() - started:.0f} s")
    wrong = _compare("notes", data["notes"], data["per_note"], per_note)
    names = [name for name, _ in data["reports"]]
    wrong += _compare("reports", names, [r for _, r in data["per_report"]], [r for _, r in per_report])
    wrong += _compare("generated reports", data["generated"], data["per_generated"], per_generated)
    print("IDENTICAL" if not wrong else f"{wrong:,} DIFFERENCES")
    return 1 if wrong else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("action", choices=("record", "check"))
    parser.add_argument("--oracle", type=Path, default=ORACLE)
    parser.add_argument("--gen", type=Path, default=GENERATED, help="the generated reports (bench/generate.py)")
    args = parser.parse_args(argv)
    actions: dict[str, Callable[[], int]] = {
        "record": lambda: record(args.oracle, args.gen),
        "check": lambda: check(args.oracle),
    }
    return actions[args.action]()


if __name__ == "__main__":
    sys.exit(main())
