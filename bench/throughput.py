"""In-process throughput: the rules alone, the same rules written as a plain Python
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
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from bench.plain_rules import (  # noqa: E402
    BLANK_EXCUSE,
    ENGINE_PREFIXES,
    RULE_IDS,
    STANDARD_RULE_IDS,
    Plan,
    gather,
    numbers_of,
    plain_check,
    plain_check_all,
    plain_check_report,
    prepare,
)
from cchc_rules.catalogue import Catalogue, default_catalogue  # noqa: E402
from cchc_rules.checker import Checker  # noqa: E402
from cchc_rules.engine import CompiledRuleset, evaluate  # noqa: E402
from cchc_rules.findings import Finding  # noqa: E402
from cchc_rules.fragments import build_fragment  # noqa: E402
from cchc_rules.loading import load_report, read_report  # noqa: E402
from cchc_rules.model import ParsedValue, Report  # noqa: E402
from cchc_rules.rules.base import Context, build_context, once  # noqa: E402

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
        done, rate = timed_run(action, items, size, budget / runs)
        rates.append(rate)
        calls += done
    return Rate(statistics.median(rates), calls, min(rates), max(rates))


def timed_run(action: Callable[[T], object], items: Sequence[T], size: int, limit: float) -> tuple[int, float]:
    """One run: `size` calls cycling through `items`, or fewer if `limit` seconds pass first;
    the calls made and their rate per second."""
    start = time.perf_counter()
    done = 0
    while done < size:
        action(items[done % len(items)])
        done += 1
        if time.perf_counter() - start > limit:
            break
    return done, done / (time.perf_counter() - start)


def show(label: str, rate: Rate) -> float:
    per_s = rate.per_second
    spread = f"{rate.low:,.0f}–{rate.high:,.0f}"
    print(f"  {label:<46} {per_s:10,.0f} reports/s  {1000 / per_s:8.3f} ms/report  ({spread}; {rate.calls:,} calls)")
    return per_s


def edited(reports: Sequence[Report], kinds: Sequence[str | None], seed: int) -> list[Report]:
    """Copies of reports with the edits the generator never makes (it edits cells only): a row
    dropped, a row repeated, cells blanked (their notes kept), the agency's kind changed."""
    rng = random.Random(seed)
    out: list[Report] = []
    for report in reports:
        rows = list(report.entries)
        for index in rng.sample(range(len(rows)), min(len(rows), rng.randint(1, 8))):
            rows[index] = replace(rows[index], raw="", value=ParsedValue(kind=rows[index].value.kind))
        if rng.random() < 0.3:
            del rows[rng.randrange(len(rows))]
        if rng.random() < 0.3:
            rows.insert(rng.randrange(len(rows)), replace(rng.choice(rows)))
        meta = replace(report.meta, agency_kind=rng.choice(kinds) if rng.random() < 0.5 else report.meta.agency_kind)
        out.append(Report(meta=meta, entries=rows))
    return out


def agreement(
    reports: Sequence[Report], catalogue: Catalogue, standard: CompiledRuleset, plan: Plan, seed: int = 1
) -> tuple[int, int, list[str]]:
    """Do the plain loop and the engine find the same failing rules? Over the given reports, a few
    hundred generated with mistakes in every one, edited copies of those (rows dropped, repeated,
    blanked, another agency kind) and the pass and fail examples of every standard rule.

    Returns how many reports were compared, on how many they differ, and the differences: in the
    failing rule ids of the 35 invariants (plain_check against the engine's same rules) and of all
    52 rules (plain_check_all against evaluate(report, standard)), or in the findings per rule."""
    with tempfile.TemporaryDirectory() as tmp:
        mistaken = [load_report(p, catalogue) for p in generate(tmp, 300, seed + 50, mistakes=1.0)]
    examples: list[Report] = []
    for spec, _ in standard.rules:
        for which in ("pass", "fail"):
            if which in spec.example:
                example = build_fragment(spec.example[which], catalogue)
                example.meta.source = f"{spec.id} example {which}"
                examples.append(example)
    everything = [
        *reports,
        *mistaken,
        *edited([*reports, *mistaken], [None, *catalogue.agency_kinds], seed),
        *examples,
    ]
    differ: list[str] = []
    differing = 0
    ids = {spec.id for spec, _ in standard.rules}
    if ids != STANDARD_RULE_IDS:
        differ.append(
            f"rule ids: plain only {sorted(STANDARD_RULE_IDS - ids)}, engine only {sorted(ids - STANDARD_RULE_IDS)}"
        )
    blank = next((spec for spec, _ in standard.rules if spec.id == "CCHC-REQ-BLANK"), None)
    if blank is not None and blank.params.get("excused_by_note") != BLANK_EXCUSE.pattern:
        differ.append("CCHC-REQ-BLANK: excused_by_note differs from plain_rules.BLANK_EXCUSE")
    for report in everything:
        engine = Counter(f.rule_id for f in evaluate(report, standard).findings)
        plain = Counter(plain_check_report(report, plan))
        invariants = Counter(plain_check(*numbers_of(report)))
        where = report.meta.source
        before = len(differ)
        for label, mine, theirs in (
            ("35 invariants", invariants, Counter({k: n for k, n in engine.items() if k in RULE_IDS})),
            ("52 rules", plain, engine),
        ):
            if set(mine) != set(theirs):
                only_plain, only_engine = sorted(set(mine) - set(theirs)), sorted(set(theirs) - set(mine))
                differ.append(f"{where}, {label}: plain only {only_plain}, engine only {only_engine}")
            elif mine != theirs:
                differ.append(
                    f"{where}, {label}: findings per rule, plain {dict(mine - theirs)}, engine {dict(theirs - mine)}"
                )
        differing += len(differ) > before
    return len(everything), differing, differ


def paired(sides: Sequence[tuple[Callable[[Any], object], Sequence[Any]]], count: int, budget: float) -> list[Rate]:
    """per_second for several actions measured in turns (run 1 of each, then run 2 of each, ...), so
    that a shared machine's load falls alike on the figures a ratio is taken of."""
    for action, items in sides:
        for item in items[: min(len(items), 20)]:
            action(item)
    size = max(1, count // RUNS)
    rates: list[list[float]] = [[] for _ in sides]
    calls = [0] * len(sides)
    for _ in range(RUNS):
        for index, (action, items) in enumerate(sides):
            done, rate = timed_run(action, items, size, budget / RUNS)
            rates[index].append(rate)
            calls[index] += done
    return [Rate(statistics.median(r), c, min(r), max(r)) for r, c in zip(rates, calls, strict=True)]


def on_context(ruleset: CompiledRuleset, ctx: Context) -> list[Finding]:
    """The engine's rule loop over a prebuilt context: evaluate() less build_context (and less its
    sort and result object). A new Context over the prebuilt view for each call (its dicts and
    the lists its one pass makes), so that what a call works out lazily (the missing rows, the
    features the notes rule out, the row scan) is not kept for the next."""
    fresh = Context(ctx.report, ctx.catalogue, ctx.entries, ctx.numbers, ctx.kinds)
    # what build_context's pass set on it: the lazy parts (`once`) already in its __dict__
    vars(fresh).update((name, value) for name, value in vars(ctx).items() if isinstance(vars(Context).get(name), once))
    kinds = fresh.kinds
    findings: list[Finding] = []
    for spec, rule in ruleset.rules:
        if spec.applies_to and kinds.isdisjoint(spec.applies_to):
            continue
        run = rule(fresh)
        if run.findings:
            findings.extend(run.findings)
    return findings


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
    contexts = [build_context(r, compiled.catalogue, template=compiled.template) for r in reports]
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
    print(
        f"  the plain loop (bench/plain_rules.py) has all {len(STANDARD_RULE_IDS)} of standard.yaml; "
        f"{len(invariants.rules)} of them are the cross-indicator invariants ({families})"
    )
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
        "rules_generated": rate("all rules, the generated reports cycled", lambda r: evaluate(r, compiled), generated),
        "rules_standard": rate(
            f"the {len(standard.rules)} rules of standard.yaml", lambda r: evaluate(r, standard), generated
        ),
        "invariants_engine": rate(
            f"the {len(invariants.rules)} invariant rules only", lambda r: evaluate(r, invariants), generated
        ),
        "build_context": rate(
            "  build_context, for the standard rules (part of each above)",
            lambda r: build_context(r, catalogue, template=True),
            generated,
        ),
    }
    per_rule(compiled, generated, 8)

    plan = prepare(catalogue)
    contexts = [build_context(r, catalogue, template=invariants.template) for r in generated]
    standard_contexts = [build_context(r, catalogue, template=standard.template) for r in generated]
    print("\nthe plain Python loop (bench/plain_rules.py) against the engine, like for like, generated reports,")
    print(f"the four figures of each block measured in turns (run 1 of each, run 2 of each, ...; median of {RUNS}):")
    print("  (a) both over prebuilt inputs: plain over dicts built from the rows beforehand; the engine's compiled")
    print("      rules over build_context's view built beforehand (a new Context over it per call: nothing kept).")
    print("      Not like for like for the 52: the engine's view also compares each row with the template, which")
    print("      the plain loop does inside its rules, so (a) flatters the engine there")
    print("  (b) both from the bound Report: plain builds its dicts too; the engine is evaluate() (build_context in):")
    print("      the like-for-like figure")

    dicts = [numbers_of(r) for r in generated]
    gathered = [gather(r) for r in generated]

    def on_invariants(ctx: Context) -> object:
        return on_context(invariants, ctx)

    def plain_invariants(report: Report) -> object:
        return plain_check(*numbers_of(report))

    def evaluate_invariants(report: Report) -> object:
        return evaluate(report, invariants)

    def on_standard(ctx: Context) -> object:
        return on_context(standard, ctx)

    def plain_standard(report: Report) -> object:
        return plain_check_report(report, plan)

    def evaluate_standard(report: Report) -> object:
        return evaluate(report, standard)

    Side = tuple[str, str, Callable[[Any], object], Sequence[Any]]

    def block(title: str, sides: list[Side], ratios: tuple[str, str], note: str) -> None:
        """Print a title, then each side's (key, label, action, items) rate, measured in turns, and how
        much slower the engine is than the plain loop: (a) sides 1 and 2, (b) sides 3 and 4."""
        print(title)
        rates = paired([(action, items) for _, _, action, items in sides], n, budget)
        for (key, label, _, _), measured in zip(sides, rates, strict=True):
            figures[key] = show(label, measured)
        keys = [key for key, _, _, _ in sides]
        figures[ratios[0]] = figures[keys[0]] / figures[keys[1]]
        figures[ratios[1]] = figures[keys[2]] / figures[keys[3]]
        print(f"  engine slower than plain: (a) {figures[ratios[0]]:.2f}x, (b) {figures[ratios[1]]:.2f}x{note}")

    block(
        f"the {len(invariants.rules)} invariants: plain_check(numbers, decimals)",
        [
            ("plain", "(a) plain, over prebuilt dicts id -> float", lambda d: plain_check(*d), dicts),
            ("invariants_context", "    engine, its rules over prebuilt contexts", on_invariants, contexts),
            ("plain_with_dict", "(b) plain, building the dicts from the report", plain_invariants, generated),
            ("invariants_engine_paired", "    engine, evaluate(report, invariants)", evaluate_invariants, generated),
        ],
        ("ratio_invariants_context", "ratio_invariants_with_dict"),
        "",
    )
    block(
        f"all {len(standard.rules)} rules of standard.yaml: plain_check_all(gather(report), plan), the invariants "
        "plus completeness, units, value forms and codes",
        [
            ("plain_standard", "(a) plain, over prebuilt gather(report)", lambda g: plain_check_all(g, plan), gathered),
            (
                "rules_standard_context",
                "    engine, its rules over prebuilt contexts",
                on_standard,
                standard_contexts,
            ),
            ("plain_standard_with_dict", "(b) plain, gather(report) included", plain_standard, generated),
            ("rules_standard_paired", "    engine, evaluate(report, standard)", evaluate_standard, generated),
        ],
        ("ratio_standard_context", "ratio_standard"),
        " (issue #10: engine >= 0.5x the plain loop, i.e. at most 2x slower)",
    )
    compared, differing, differ = agreement(reports, catalogue, standard, plan)
    print(
        f"  the plain loop and the engine agree on {compared - differing}/{compared} "
        f"reports, for all {len(standard.rules)} rules and the {len(invariants.rules)} invariants alone"
    )
    print(
        f"  (the sample, {len(generated)} generated, 300 generated with mistakes, edited copies of those, "
        "and every standard rule's examples)"
    )
    for line in differ:
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
