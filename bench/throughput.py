"""In-process throughput: the rules alone, the same invariants written as a plain Python
loop, and whole files (read + bind + evaluate), in reports per second on one core.

Why: a province consolidates hundreds of reports per period and a server may check them
on upload; this says what one core sustains, how much of it is the rule engine and what
the engine's generality costs next to hand-written checks.

    python bench/throughput.py [--evaluations 5000] [--reports 200] [--passes 5] [--profile] [--json F]

Every figure is the median of at least five runs (RUNS), as the performance issue asks:
the best run flatters a shared machine, the median is what a core sustains.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import platform
import pstats
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple, TypeVar

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from bench.plain_rules import ENGINE_PREFIXES, RULE_IDS, numbers_of, plain_check  # noqa: E402
from cchc_rules.catalogue import Catalogue, default_catalogue  # noqa: E402
from cchc_rules.checker import Checker  # noqa: E402
from cchc_rules.engine import CompiledRuleset, evaluate  # noqa: E402
from cchc_rules.loading import load_report, read_report  # noqa: E402
from cchc_rules.model import Report  # noqa: E402
from cchc_rules.rules.base import build_context  # noqa: E402

SAMPLE = ROOT / "examples" / "phu-luc-2-thanh-tra-tinh-2021.txt"
RUNS = 5  # each figure is the median of at least this many runs
T = TypeVar("T")


class Rate(NamedTuple):
    per_second: float  # the median run
    calls: int
    low: float  # the slowest and fastest runs, to show the spread
    high: float


def per_second(
    action: Callable[[T], object], items: Sequence[T], count: int, runs: int = RUNS, budget: float = 20.0
) -> Rate:
    """Items handled per second over `count` calls cycling through `items`, after a short warm-up:
    the median of `runs` equal runs (at least RUNS). A run stops early after budget/runs seconds,
    so that a slow build still finishes."""
    for item in items[: min(len(items), 20)]:
        action(item)
    runs = max(runs, RUNS)
    size = max(1, count // runs)
    rates: list[float] = []
    calls = 0
    for _ in range(runs):
        start = time.perf_counter()
        done = 0
        while done < size:
            action(items[done % len(items)])
            done += 1
            if time.perf_counter() - start > budget / runs:
                break
        rates.append(done / (time.perf_counter() - start))
        calls += done
    return Rate(statistics.median(rates), calls, min(rates), max(rates))


def show(label: str, rate: Rate) -> float:
    per_s = rate.per_second
    spread = f"{rate.low:,.0f}–{rate.high:,.0f}"
    print(f"  {label:<46} {per_s:10,.0f} reports/s  {1000 / per_s:8.3f} ms/report  ({spread}; {rate.calls:,} calls)")
    return per_s


def agreement(reports: Sequence[Report], engine_check: Callable[[Report], set[str]]) -> list[str]:
    """Reports on which the plain loop and the engine disagree about which invariant rules fail."""
    differ: list[str] = []
    for report in reports:
        plain = set(plain_check(*numbers_of(report)))
        engine = engine_check(report) & RULE_IDS
        if plain != engine:
            differ.append(f"{report.meta.source}: plain {sorted(plain - engine)} engine {sorted(engine - plain)}")
    return differ


def profile(action: Callable[[T], object], items: Sequence[T], count: int, title: str, top: int = 12) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for index in range(count):
        action(items[index % len(items)])
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(tot for _, _, tot, _, _ in stats.values())
    print(f"\n  cProfile, {title} ({count} reports, {total * 1000:,.0f} ms profiled), top {top} by own time:")
    for (file, line, func), (_, calls, tot, cum, _) in sorted(stats.items(), key=lambda kv: -kv[1][2])[:top]:
        where = file.split("/cchc_rules/", 1)[-1] if "/cchc_rules/" in file else Path(file).name
        print(f"  {tot * 1000:9.1f} ms own {cum * 1000:9.1f} ms cum {calls:9d} calls  {where}:{line} {func}")


def per_rule(compiled: CompiledRuleset, reports: Sequence[Report], top: int) -> None:
    """Milliseconds per report of each compiled rule on prebuilt contexts: which rules the time goes to."""
    contexts = [build_context(r, compiled.catalogue) for r in reports]
    costs: list[tuple[float, str]] = []
    for spec, rule in compiled.rules:
        start = time.perf_counter()
        for ctx in contexts:
            rule(ctx)
        costs.append(((time.perf_counter() - start) * 1000 / len(contexts), spec.id))
    total = sum(c for c, _ in costs)
    print(f"  per rule on prebuilt contexts: {total:.3f} ms/report in all; top {top}")
    print("  (the first rule to read the notes or scan the rows pays for the rules that share that work):")
    for cost, rule_id in sorted(costs, reverse=True)[:top]:
        print(f"    {cost:7.3f} ms  {100 * cost / total:4.1f}%  {rule_id}")


def rules_section(reports: list[Report], catalogue: Catalogue, n: int, budget: float) -> dict[str, float]:
    compiled = Checker().compiled(catalogue)
    invariants = Checker(select=ENGINE_PREFIXES).compiled(catalogue)
    generated = reports[1:]
    sources = Counter(Path(spec.source).name for spec, _ in compiled.rules)
    print(f"reports: the sample + {len(generated)} generated (20% with mistakes)")
    listing = ", ".join(f"{name} {count}" for name, count in sources.items())
    print(f"rules: Checker().compiled(catalogue), the bundled rulesets: {listing} = {len(compiled.rules)} rules;")
    families = "SUM/PART/CMP/RATE-EXCL/RATE-ZERO/COND/EXPR"
    print(f"  {len(invariants.rules)} of them are the cross-indicator invariants ({families}) the plain loop has")
    print(
        f"\nrules only: engine.evaluate(report, compiled), up to {n:,} calls or {budget:.0f} s, median of {RUNS} runs"
    )

    def rate(label: str, action: Callable[[T], object], items: Sequence[T]) -> float:
        return show(label, per_second(action, items, n, budget=budget))

    standard = CompiledRuleset(
        compiled.catalogue,
        [(s, r) for s, r in compiled.rules if Path(s.source).name == "standard.yaml"],
        compiled.specs,
    )
    figures = {
        "rules_sample": rate("all rules, the sample", lambda r: evaluate(r, compiled), reports[:1]),
        "rules_generated": rate("all rules, generated reports", lambda r: evaluate(r, compiled), generated),
        "rules_standard": rate(
            f"the {len(standard.rules)} rules of standard.yaml", lambda r: evaluate(r, standard), generated
        ),
        "invariants_engine": rate(
            f"the {len(invariants.rules)} invariant rules only", lambda r: evaluate(r, invariants), generated
        ),
        "build_context": rate("  build_context (part of each above)", lambda r: build_context(r, catalogue), generated),
    }
    per_rule(compiled, generated, 8)

    print(f"\nplain Python loop of the same {len(invariants.rules)} invariants (bench/plain_rules.py)")
    dicts = [numbers_of(r) for r in generated]
    figures["plain"] = rate("over prebuilt dicts id -> float", lambda d: plain_check(*d), dicts)
    figures["plain_with_dict"] = rate(
        "building the dict from the report too", lambda r: plain_check(*numbers_of(r)), generated
    )
    figures["ratio_invariants"] = figures["plain"] / figures["invariants_engine"]
    figures["ratio_all_rules"] = figures["plain"] / figures["rules_generated"]
    print(f"  engine on the same invariants is {figures['ratio_invariants']:.1f}x slower than the plain loop")
    print(f"  engine with all {len(compiled.rules)} rules is {figures['ratio_all_rules']:.1f}x slower")
    differ = agreement(reports, lambda r: {f.rule_id for f in evaluate(r, compiled).findings})
    print(f"  the plain loop finds the same failing rules as the engine on {len(reports) - len(differ)}/{len(reports)}")
    for line in differ[:5]:
        print(f"    differs: {line}")
    return figures


def parse_section(paths: list[Path], catalogue: Catalogue, passes: int, budget: float) -> dict[str, float]:
    from cchc_rules.readers import decoding

    compiled = Checker().compiled(catalogue)
    checker = Checker()
    blobs = [p.read_bytes() for p in paths]
    texts = [decoding.decode(b, "bench") for b in blobs]
    reject = getattr(decoding, "_reject_binary", None)  # private: timed only while it exists

    runs = max(passes, RUNS)

    def rate(label: str, action: Callable[[T], object], items: Sequence[T]) -> float:
        return show(label, per_second(action, items, len(items) * runs, runs=runs, budget=budget))

    print(f"\nwith parsing: {len(paths)} files x {runs} passes (median pass, at most {budget:.0f} s), one process")
    figures = {
        "parse_evaluate": rate(
            "read + bind + evaluate", lambda p: evaluate(load_report(p, catalogue), compiled), paths
        ),
        "read_bind": rate("  read + bind", lambda p: load_report(p, catalogue), paths),
        "read": rate("  read (decode, rows, layout, model)", read_report, paths),
        "decode": rate("    decode (NFC, binary check)", lambda b: decoding.decode(b, "bench"), blobs),
    }
    if reject is not None:
        figures["binary_check"] = rate("      of which _reject_binary", lambda t: reject(t, "bench"), texts)
    figures["check_file"] = rate("Checker.check_file (the whole check)", checker.check_file, paths)
    cpus = os.cpu_count() or 1
    print(f"  x {cpus} CPUs if files are checked in parallel: ~{figures['check_file'] * cpus:,.0f} reports/s")
    return figures


def once_each(action: Callable[[T], object], items: Sequence[T], runs: int = RUNS) -> Rate:
    """Items per second when each item is handled exactly once: `items` cut into `runs` slices,
    the median slice. Nothing repeats, so no cache keyed by a note or a cell can help."""
    size = max(1, len(items) // runs)
    rates: list[float] = []
    for index in range(runs):
        chunk = items[index * size : (index + 1) * size]
        start = time.perf_counter()
        for item in chunk:
            action(item)
        rates.append(len(chunk) / (time.perf_counter() - start))
    return Rate(statistics.median(rates), size * runs, min(rates), max(rates))


def distinct_section(tmp: str, count: int, seed: int, catalogue: Catalogue) -> dict[str, float]:
    """The figures that count for a batch: every report new, so every note is parsed for the first time."""
    paths = generate(Path(tmp) / "distinct", count, seed)
    compiled = Checker().compiled(catalogue)
    print(f"\ndistinct reports: {len(paths):,} more generated reports, each handled once (no cache can help)")
    reports = [load_report(p, catalogue) for p in paths]
    # The reports held here are not the rules' cost: kept out of the collector's way, as an
    # audit worker keeps what it holds (it holds one report at a time).
    gc.collect()
    gc.freeze()
    figures = {
        "rules_distinct": show("all rules, each report once", once_each(lambda r: evaluate(r, compiled), reports))
    }
    gc.unfreeze()
    more = generate(Path(tmp) / "distinct-files", count, seed + 1)
    figures["read_evaluate_distinct"] = show(
        "read + bind + evaluate, each file once",
        once_each(lambda p: evaluate(load_report(p, catalogue), compiled), more),
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--evaluations", type=int, default=5000)
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument(
        "--passes", type=int, default=RUNS, help=f"passes over the files when parsing (at least {RUNS})"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--distinct", type=int, default=2000, help="reports for the each-report-once figures")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds at most per measurement")
    parser.add_argument("--profile", action="store_true", help="cProfile the rule and parse loops")
    parser.add_argument("--json", type=Path, help="also write the figures here (bench/run.py uses it)")
    args = parser.parse_args(argv)
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; one core")
    catalogue = default_catalogue()
    with tempfile.TemporaryDirectory() as tmp:
        paths = [SAMPLE, *generate(tmp, args.reports, args.seed)]
        reports = [load_report(p, catalogue) for p in paths]
        figures = rules_section(reports, catalogue, args.evaluations, args.budget)
        figures |= parse_section(paths, catalogue, args.passes, args.budget)
        figures |= distinct_section(tmp, args.distinct, args.seed + 100, catalogue)
        if args.profile:
            compiled = Checker().compiled(catalogue)
            profile(lambda r: evaluate(r, compiled), reports[1:], min(args.evaluations, 2000), "engine.evaluate")
            profile(lambda p: load_report(p, catalogue), paths, len(paths), "read + bind")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
