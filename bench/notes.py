"""The note parsers on notes they have never seen: microseconds per note for each analysis,
and the rules' time per report, with every note cache emptied first.

Why: a batch's notes all differ (document numbers, dates), so the caches keyed by a note's
text (parse_note, figures, the document summary, the evidence reader) miss, and the cold
path is what a 10,000-report audit pays (issue #10: about 20 µs per note is the aim).

    python bench/notes.py [--gen /tmp/gen10k] [--reports 1000] [--warm 1000] [--runs 5] [--profile]

Each figure is the median of --runs runs (at least 5); before each run every cache of the
notes modules is emptied. "parse_note" is the citation parser alone; "figures" the
arithmetic with the notes already parsed; "evidence" evidence.collect with both warm;
"doc summary" rules/citations.summary with parse_note warm; "all four, cold" the four together
from empty caches, as the rules meet them; "evaluate" all the bundled rules per report.

The parsers also keep what they read by a note's shape (its digits written 0), which other
reports of a batch share: "steady" figures start from the shapes --warm other reports left
(the caches by note text emptied still), which is what most of a 10,000-report audit meets.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cchc_rules.catalogue import default_catalogue  # noqa: E402
from cchc_rules.checker import Checker  # noqa: E402
from cchc_rules.engine import evaluate  # noqa: E402
from cchc_rules.loading import load_report  # noqa: E402
from cchc_rules.model import Report  # noqa: E402
from cchc_rules.notes import arithmetic, cache, citations, evidence, process  # noqa: E402
from cchc_rules.rules import citations as doc_rules  # noqa: E402
from cchc_rules.rules import note_arithmetic  # noqa: E402
from cchc_rules.rules.base import Context, build_context  # noqa: E402

GENERATED = Path("/tmp/gen10k")
RUNS = 5
ISOLATED = 6000  # distinct notes at most, for the analyses timed one at a time
SHAPES = ("_SHAPES", "_NOTES", "_PIECES", "_DATE_VALUES")
MODULES: tuple[ModuleType, ...] = (citations, arithmetic, evidence, process, doc_rules, note_arithmetic)


def clear_note_caches() -> None:
    """Empty every cache of the notes modules: lru_caches, Bounded dicts, the evidence reader's."""
    for module in MODULES:
        for value in vars(module).values():
            if isinstance(value, cache.Bounded):
                value.clear()
            elif callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == module.__name__:
                value.cache_clear()
    for owner_and_table in list(cache._BY_OBJECT.values()):
        table = owner_and_table[1]
        for value in vars(table).values() if hasattr(table, "__dict__") else ():
            if isinstance(value, cache.Bounded):
                value.clear()


def shape_caches() -> list[cache.Bounded[Any, Any]]:
    """The caches kept by a note's shape, not its text (_SHAPES, _NOTES, _PIECES) or by a date's text (_DATE_VALUES)."""
    return [vars(m)[name] for m in MODULES for name in SHAPES if isinstance(vars(m).get(name), cache.Bounded)]


def timed(action: Callable[[], Any], runs: int, before: Callable[[], Any] = clear_note_caches) -> list[float]:
    times = []
    for _ in range(max(runs, RUNS)):
        before()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def line(label: str, times: list[float], count: int, unit: str) -> float:
    per = statistics.median(times) / count * 1e6
    low, high = min(times) / count * 1e6, max(times) / count * 1e6
    print(f"  {label:<34} {per:9.1f} µs/{unit}   ({low:.1f}–{high:.1f}; {count:,} {unit}s a run)")
    return per


def _distinct(reports: list[Report]) -> list[str]:
    return list(dict.fromkeys(e.note for r in reports for e in r.entries if e.note and not e.note.isspace()))


def _fitting(reports: list[Report], limit: int) -> int:
    """How many of the first reports have at most `limit` distinct notes between them."""
    seen: set[str] = set()
    for count, report in enumerate(reports):
        seen.update(e.note for e in report.entries if e.note and not e.note.isspace())
        if len(seen) > limit:
            return max(1, count)
    return len(reports)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--gen", type=Path, default=GENERATED, help="generated reports (bench/generate.py)")
    parser.add_argument("--reports", type=int, default=1000, help="distinct reports to read the notes of")
    parser.add_argument("--offset", type=int, default=0, help="skip this many generated reports first")
    parser.add_argument(
        "--warm", type=int, default=1000, help="other reports whose shapes the steady figures start from"
    )
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--profile", action="store_true", help="also cProfile one cold pass over the notes")
    args = parser.parse_args(argv)
    paths = sorted(args.gen.glob("*.txt"))[args.offset : args.offset + args.reports]
    if not paths:
        print(f"no reports in {args.gen}: bench/generate.py makes them", file=sys.stderr)
        return 2
    catalogue = default_catalogue()
    compiled = Checker().compiled(catalogue)
    every: list[Report] = [load_report(p, catalogue) for p in paths]
    # The reports read for the benchmark stay in memory, which an audit's worker (one report at
    # a time) does not do: kept out of the garbage collector's scans, so as not to time those.
    gc.collect()
    gc.freeze()
    # The analyses timed one by one, the others' caches warm, must fit the caches (8,192 notes).
    reports = every[: _fitting(every, ISOLATED)]
    notes = _distinct(reports)
    noted = sum(len(build_context(r, catalogue).noted) for r in reports)
    print(f"one analysis at a time: {len(reports):,} reports, {noted:,} notes read by the rules "
          f"({noted / len(reports):.1f} a report), {len(notes):,} distinct; "
          f"median of {max(args.runs, RUNS)} runs, note caches emptied before each")  # fmt: skip

    contexts: list[Context] = []

    def fresh_contexts() -> None:
        contexts[:] = [build_context(r, catalogue) for r in reports]

    def warm_parsed() -> None:
        clear_note_caches()
        fresh_contexts()
        for note in notes:
            citations.parse_note(note)

    def warm_figures() -> None:
        warm_parsed()
        for note in notes:
            arithmetic.figures(note)

    def cold() -> None:
        clear_note_caches()
        fresh_contexts()

    print("\nper note (distinct notes):")
    line("parse_note", timed(lambda: [citations.parse_note(n) for n in notes], args.runs), len(notes), "note")
    line("figures (notes parsed)", timed(lambda: [arithmetic.figures(n) for n in notes], args.runs, warm_parsed),
         len(notes), "note")  # fmt: skip
    print("per note the rules read (all notes of the distinct reports):")
    line("evidence.collect (figures warm)", timed(lambda: [evidence.collect(c) for c in contexts], args.runs,
         warm_figures), noted, "note")  # fmt: skip
    line("doc summary (notes parsed)", timed(lambda: [doc_rules.summary(c) for c in contexts], args.runs,
         warm_parsed), noted, "note")  # fmt: skip

    def everything() -> None:
        for ctx in contexts:
            evidence.collect(ctx)
            doc_rules.summary(ctx)

    total = line("all four, cold", timed(everything, args.runs, cold), noted, "note")
    print(f"  {'':<34} {total * noted / len(reports) / 1000:9.3f} ms/report")
    reports = every
    noted = sum(len(build_context(r, catalogue).noted) for r in reports)
    print(f"\nall {len(reports):,} reports ({noted:,} notes, {len(_distinct(reports)):,} distinct):")
    total = line("all four, cold", timed(everything, args.runs, cold), noted, "note")
    print(f"  {'':<34} {total * noted / len(reports) / 1000:9.3f} ms/report")
    line("evaluate, all rules, cold", timed(lambda: [evaluate(r, compiled) for r in reports], args.runs),
         len(reports), "report")  # fmt: skip
    some = reports[: max(1, len(reports) // 8)]  # their notes fit the caches
    line("evaluate, all rules, notes warm", timed(lambda: [evaluate(r, compiled) for r in some], args.runs,
         lambda: [evaluate(r, compiled) for r in some]), len(some), "report")  # fmt: skip
    if args.warm:
        steady(args, catalogue, compiled, reports, contexts, fresh_contexts, everything)
    if args.profile:
        cold()
        profiler = cProfile.Profile()
        profiler.enable()
        everything()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return 0


def steady(
    args: argparse.Namespace,
    catalogue: Any,
    compiled: Any,
    reports: list[Report],
    contexts: list[Context],
    fresh_contexts: Callable[[], None],
    everything: Callable[[], None],
) -> None:
    """The cold figures again, but from the shapes `--warm` other reports left."""
    others = sorted(args.gen.glob("*.txt"))[args.offset + args.reports :][: args.warm]
    clear_note_caches()
    for path in others:
        for entry in load_report(path, catalogue).entries:
            if entry.note:
                arithmetic.figures(entry.note)
    left = [(kept, dict(kept)) for kept in shape_caches()]

    def start() -> None:
        clear_note_caches()
        for kept, entries in left:
            kept.update(entries)
        fresh_contexts()

    notes = _distinct(reports)
    noted = sum(len(c.noted) for c in contexts)
    print(f"\nsteady: from the shapes {len(others):,} other reports left ({sum(len(e) for _, e in left):,} kept)")
    line("parse_note", timed(lambda: [citations.parse_note(n) for n in notes], args.runs, start), len(notes), "note")
    total = line("all four", timed(everything, args.runs, start), noted, "note")
    print(f"  {'':<34} {total * noted / len(reports) / 1000:9.3f} ms/report")
    line("evaluate, all rules", timed(lambda: [evaluate(r, compiled) for r in reports], args.runs, start),
         len(reports), "report")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
