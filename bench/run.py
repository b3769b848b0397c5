"""Run every benchmark and print one summary table (`make bench`).

Why: one command that gives the figures to compare between commits: the generator's
speed, the CLI's cold start, rule and per-file throughput and, when present, the xlsx
readers. It prints figures only and never judges them; it fails only if a script crashes.

    python bench/run.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent


@dataclass
class Outcome:
    script: str
    code: int
    seconds: float
    figures: dict[str, float] = field(default_factory=dict)
    output: str = ""


def run(script: str, args: list[str], *, figures: Path | None = None, capture: bool = False) -> Outcome:
    """Run a bench script with this interpreter, its output shown as it goes (or captured to parse)."""
    command = [sys.executable, str(BENCH / script), *args, *(["--json", str(figures)] if figures else [])]
    print(f"\n=== {script} {' '.join(args)}", flush=True)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=BENCH.parent, capture_output=capture, text=True, check=False)
    outcome = Outcome(script, done.returncode, time.perf_counter() - start, output=done.stdout or "")
    if capture:
        print(done.stdout, end="")
        print(done.stderr, end="", file=sys.stderr)
    if figures is not None and figures.exists():
        outcome.figures = json.loads(figures.read_text(encoding="utf-8"))
    return outcome


def rows(outcomes: dict[str, Outcome], reports: int) -> list[tuple[str, str, str]]:
    """(figure, value, unit) for the summary table."""
    table: list[tuple[str, str, str]] = []
    gen = outcomes["generate.py"]
    table.append((f"generate {reports} reports", f"{gen.seconds:.1f}", "s"))
    lat = outcomes["check_latency.py"].figures
    for key, label, unit in (
        ("cold_check_ms", "cold `cchc check` on the sample (median)", "ms"),
        ("import_baseline_ms", "python -c 'import pydantic, pluggy, rich, yaml'", "ms"),
        ("ratio", "ratio cold check / import baseline", "x"),
        ("cold_check_cached_ms", "cold check with a bytecode cache (median)", "ms"),
        ("import_total_ms", "imports during the check (-X importtime)", "ms"),
    ):
        if key in lat:
            table.append((label, f"{lat[key]:,.1f}" if unit != "x" else f"{lat[key]:.2f}", unit))
    tput = outcomes["throughput.py"].figures
    for key, label, unit in (
        ("rules_sample", "rules only, the sample", "reports/s"),
        ("rules_generated", "rules only, 200 generated reports cycled", "reports/s"),
        ("rules_distinct", "rules only, each report new (the batch case)", "reports/s"),
        ("invariants_engine_paired", "engine, the 35 invariants (evaluate)", "reports/s"),
        ("plain_with_dict", "plain Python loop of the same 35, dicts built", "reports/s"),
        ("ratio_invariants_with_dict", "engine slower than that plain loop by (#10: <= 2)", "x"),
        ("ratio_invariants_context", "the same, over prebuilt dicts and contexts", "x"),
        ("rules_standard_paired", "engine, the 52 rules of standard.yaml (evaluate)", "reports/s"),
        ("rules_standard_context", "the same 52, over a prebuilt view (Context)", "reports/s"),
        ("plain_standard_with_dict", "plain Python loop of the same 52, dicts built", "reports/s"),
        ("plain_standard", "plain Python loop of the same 52, over prebuilt dicts", "reports/s"),
        ("ratio_standard", "engine slower than that plain loop by (#10: <= 2)", "x"),
        ("ratio_standard_context", "the same, prebuilt (the view holds the template check)", "x"),
        ("parse_evaluate", "read + bind + evaluate, one core", "reports/s"),
        ("read_evaluate_distinct", "read + bind + evaluate, each file new", "reports/s"),
        ("check_file", "Checker.check_file, one core", "reports/s"),
    ):
        if key in tput:
            table.append((label, f"{tput[key]:,.0f}" if unit != "x" else f"{tput[key]:.1f}", unit))
    readers = outcomes.get("readers.py")
    if readers is not None:
        for key, value in readers.figures.items():  # read_ms_<format>, cold_read_ms_<format>
            if key.startswith("read_ms_"):
                table.append((f"read the sample, {key.removeprefix('read_ms_')} (median)", f"{value:.1f}", "ms"))
    audit = outcomes.get("audit.py")
    if audit is not None:
        for key, value in audit.figures.items():  # audit_<reports>_s, audit_<reports>_peak_mb, …, ratio
            _, count, *what = [*key.split("_"), "", ""]
            if what[:2] == ["s", ""]:
                table.append((f"cchc audit, {count} reports, 2 workers", f"{value:.1f}", "s"))
            elif what[:2] == ["peak", "mb"]:
                table.append((f"cchc audit, {count} reports, peak memory", f"{value:.0f}", "MB"))
        if "ratio" in audit.figures:
            table.append(("cchc audit, time ratio largest / smallest batch", f"{audit.figures['ratio']:.1f}", "x"))
        if "growth" in audit.figures:
            table.append(("cchc audit, time per report, largest / smallest", f"{audit.figures['growth']:.2f}", "x"))
    for outcome in outcomes.values():
        if outcome.code != 0:
            table.append((f"{outcome.script} FAILED", str(outcome.code), "exit code"))
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer runs and reports: a smoke run, rough figures")
    args = parser.parse_args(argv)
    reports = 50 if args.quick else 200
    outcomes: dict[str, Outcome] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        gen_args = [str(out / "reports"), "--count", str(reports), "--seed", "1"]
        outcomes["generate.py"] = run("generate.py", gen_args)
        runs = ["--runs", "5" if args.quick else "15"]
        outcomes["check_latency.py"] = run("check_latency.py", runs, figures=out / "latency.json")
        tput_args = ["--reports", str(reports)] + (["--evaluations", "1000", "--passes", "1"] if args.quick else [])
        outcomes["throughput.py"] = run("throughput.py", tput_args, figures=out / "throughput.json")
        outcomes["readers.py"] = run("readers.py", runs, figures=out / "readers.json")
        audit_counts = ["200", "1000"] if args.quick else ["1000", "10000"]
        audit_args = ["--counts", *audit_counts, "--runs", "1" if args.quick else "3"]
        outcomes["audit.py"] = run("audit.py", audit_args, figures=out / "audit.json")
    print(f"\n=== summary ({platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()})")
    table = rows(outcomes, reports)
    width = max(len(label) for label, _, _ in table)
    for label, value, unit in table:
        print(f"  {label:<{width}}  {value:>10}  {unit}")
    return 1 if any(o.code != 0 for o in outcomes.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
