"""The reviewer's audit at scale: `cchc audit` on 1,000 and 10,000 generated reports.

Why: a Sở Nội vụ consolidates 30 to 200 reports a period, a ministry or a national
roll-up far more; the audit must stay linear in the number of reports and bounded in
memory (each report is reduced to a compact row in its worker). Targets on the
reference 2-core machine (issue #10): 10,000 text reports in ≤ 10 s with 2 workers, peak
memory ≤ 500 MB (the audit process and its workers together), 10k/1k time ≈ 10. Each
count is audited --runs times (3 by default) and the median is what counts.

Each audit runs in its own process, so that its memory is its own: the driver samples
the memory of that process and all its descendants (the workers) from /proc every
50 ms (proportional set size: pages they share are split, not counted twice) and
reports the peak of their sum. Generation is not timed.
The CPU time of the whole tree is printed too, and the load average: on a shared machine
the wall time says as much about the neighbours as about the audit.

    python bench/audit.py [--counts 1000 10000] [--jobs 2] [--runs 3] [--profile] [--json FIGURES.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 10.0  # for 10,000 reports
TARGET_MB = 500.0


def _memory_kb(pid: int) -> int:
    """Proportional set size (shared pages split between the processes that share them, so
    that the forkserver's and workers' common pages are not counted three times); else RSS."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree(root: int) -> list[int]:
    """A process and all its descendants (the forkserver and the workers); empty off Linux."""
    children: dict[int, list[int]] = {}
    proc = Path("/proc")
    for entry in proc.iterdir() if proc.is_dir() else ():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of one process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_child(folder: Path, jobs: int) -> dict[str, float]:
    """Audit `folder` in a fresh process; its figures, plus the peak memory of its process tree."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(folder), "--jobs", str(jobs)]
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    peak = 0.0
    cpu: dict[int, float] = {}  # the last CPU time seen of each process of the tree
    try:
        while child.poll() is None:
            pids = tree(child.pid)
            peak = max(peak, sum(_memory_kb(pid) for pid in pids) / 1024)
            for pid in pids:
                seen = cpu_seconds(pid)
                if seen is not None:
                    cpu[pid] = seen
            time.sleep(0.05)
    finally:
        if child.poll() is None:  # interrupted: do not leave the audit (and its workers) running
            child.terminate()
            child.wait()
    out = child.stdout.read() if child.stdout else ""
    if child.returncode != 0:
        raise SystemExit(f"audit of {folder} failed with exit code {child.returncode}")
    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    figures["process_s"] = time.perf_counter() - start
    figures["peak_mb"] = peak
    figures["cpu_s"] = sum(cpu.values())
    return figures


def child(folder: Path, jobs: int) -> int:
    """The audit itself, through the same function the CLI calls, then its outputs, each timed."""
    import resource
    import signal

    from cchc_rules.audit import dashboard, jsonout
    from cchc_rules.audit.run import run_audit_batch
    from cchc_rules.audit.table import render_csv
    from cchc_rules.audit.worker import BatchOptions

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that the workers are shut down too
    start = time.perf_counter()
    result = run_audit_batch([folder], BatchOptions(), jobs=jobs)
    audited = time.perf_counter()
    json_text = jsonout.render(result)
    as_json = time.perf_counter()
    html = dashboard.render(result)
    as_html = time.perf_counter()
    render_csv(result.consolidations, "vi")
    as_csv = time.perf_counter()
    figures = {
        "reports": len(result.reports),
        "audit_s": audited - start,
        "json_s": as_json - audited,
        "html_s": as_html - as_json,
        "csv_s": as_csv - as_html,
        "json_mb": len(json_text.encode()) / 2**20,
        "html_mb": len(html.encode()) / 2**20,
        "self_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "unreadable": result.statuses()["unreadable"],
    }
    print(json.dumps(figures))
    return 0


def prepare(base: Path, counts: list[int], seed: int) -> dict[int, Path]:
    """Generate the largest set once; the smaller ones are its first reports (hard links)."""
    from bench.generate import generate

    everything = base / "all"
    start = time.perf_counter()
    paths = generate(everything, max(counts), seed=seed)
    (everything / "manifest.json").unlink()  # not a report
    print(f"generated {len(paths):,} reports in {time.perf_counter() - start:.1f} s (not timed below)", flush=True)
    folders = {}
    for count in counts:
        folder = base / f"n{count}"
        folder.mkdir()
        for path in paths[:count]:
            os.link(path, folder / path.name)
        folders[count] = folder
    return folders


STAGES = (  # (label, file, function): cumulative time of the pipeline's steps
    ("read the file (decode, layout)", "loading.py", "read_report"),
    ("bind: parse the values (done twice)", "checker.py", "bind"),
    ("evaluate the rules", "engine.py", "evaluate"),
    ("notes evidence + fix suggestions", "checker.py", "_notes_and_fixes"),
    ("reduce to a row (messages, values)", "worker.py", "summarise"),
    ("the file's bytes, read once for the check and the digest", "loading.py", "read_bytes"),
)
GROUPS = (  # exclusive time by where the code lives, first match wins
    ("cchc_rules/notes/", "cchc_rules/notes (note parsing)"),
    ("cchc_rules/fixes/", "cchc_rules/fixes (suggestions)"),
    ("scipy", "scipy (the fixes' solver)"),
    ("cchc_rules/rules/", "cchc_rules/rules"),
    ("cchc_rules/readers/", "cchc_rules/readers"),
    ("cchc_rules/values.py", "cchc_rules/values.py"),
    ("cchc_rules/audit/", "cchc_rules/audit (this command)"),
    ("pydantic", "pydantic (model objects)"),
    ("simpleeval", "simpleeval (expression rules)"),
    ("cchc_rules/", "cchc_rules, other"),
)


def profile(folder: Path, sample: int = 300) -> None:
    """Where one core's time goes per report: by step of the pipeline, and by code."""
    import cProfile
    import pstats

    from cchc_rules.audit.worker import BatchOptions, check_one, init_worker

    files = sorted(str(p) for p in folder.glob("*.txt"))[:sample]
    init_worker(BatchOptions())
    for path in files[:5]:  # warm-up: imports, compiled rules
        check_one(path)
    start = time.perf_counter()
    for path in files:
        check_one(path)
    wall = (time.perf_counter() - start) / len(files) * 1000
    profiler = cProfile.Profile()
    profiler.enable()
    for path in files:
        check_one(path)
    profiler.disable()
    table = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(v[3] for (f, _, n), v in table.items() if f.endswith("worker.py") and n == "check_one")
    print(f"\nprofile, one core, {len(files)} reports: {wall:.1f} ms per report (without the profiler)")
    for label, filename, name in STAGES:
        cum = sum(v[3] for (f, _, n), v in table.items() if f.endswith(filename) and n == name)
        print(f"  {label:<46} {100 * cum / total:5.1f} %")
    by_group: dict[str, float] = {}
    for (filename, _, _), value in table.items():
        group = next((label for key, label in GROUPS if key in filename), "Python and other libraries")
        by_group[group] = by_group.get(group, 0.0) + value[2]
    print("  exclusive time by code:")
    for group, seconds in sorted(by_group.items(), key=lambda kv: -kv[1]):
        print(f"    {group:<44} {100 * seconds / total:5.1f} %")


def show_run(count: int, got: dict[str, float], label: str) -> None:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"{count:>8,} {got['audit_s']:>8.1f} {count / got['audit_s']:>10,.0f} {got['process_s']:>10.1f} "
          f"{got['cpu_s']:>7.1f} {got['peak_mb']:>8.0f} {got['json_s']:>7.1f} {got['html_s']:>7.1f} "
          f"{got['html_mb']:>8.1f} {load:>5.1f}  {label}", flush=True)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="audits per count; the median is reported")
    parser.add_argument("--profile", action="store_true", help="also profile one core on 300 reports")
    parser.add_argument("--json", type=Path, help="write the figures here (for bench/run.py)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child, args.jobs)
    counts = sorted(set(args.counts))
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="cchc-audit-bench-") as tmp:
        folders = prepare(Path(tmp), counts, args.seed)
        print(f"\n{'reports':>8} {'audit s':>8} {'reports/s':>10} {'process s':>10} {'CPU s':>7} {'peak MB':>8} "
              f"{'json s':>7} {'html s':>7} {'html MB':>8} {'load':>5}")  # fmt: skip
        for count, folder in folders.items():
            runs = [run_child(folder, args.jobs) for _ in range(max(1, args.runs))]
            for got in runs:
                show_run(count, got, "")
            got = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            rate = count / got["audit_s"]
            if len(runs) > 1:
                show_run(count, got, f"median of {len(runs)}")
            for key, value in (("s", got["audit_s"]), ("per_s", rate), ("peak_mb", got["peak_mb"]),
                               ("process_s", got["process_s"]), ("cpu_s", got["cpu_s"])):  # fmt: skip
                figures[f"audit_{count}_{key}"] = value
        if len(counts) > 1:
            small, large = counts[0], counts[-1]
            ratio = figures[f"audit_{large}_s"] / figures[f"audit_{small}_s"]
            figures["ratio"] = ratio
            per = {n: 1000 * figures[f"audit_{n}_s"] / n for n in (small, large)}
            growth = figures["growth"] = per[large] / per[small]
            verdict = "linear or better" if growth <= 1.1 else "grows faster than linear"
            print(f"\ntime {large:,} / time {small:,} = {ratio:.1f} (linear: {large / small:.0f})")
            print(f"per report: {per[small]:.2f} ms at {small:,}, {per[large]:.2f} ms at {large:,} "
                  f"(x{growth:.2f}; {verdict}, allowing 10% for the machine's noise)")  # fmt: skip
        if 10000 in counts:
            seconds, peak = figures["audit_10000_s"], figures["audit_10000_peak_mb"]
            print(f"targets for 10,000 reports: ≤ {TARGET_SECONDS:.0f} s → {seconds:.1f} s "
                  f"({'met' if seconds <= TARGET_SECONDS else 'NOT met'}); ≤ {TARGET_MB:.0f} MB → {peak:.0f} MB "
                  f"({'met' if peak <= TARGET_MB else 'NOT met'})")  # fmt: skip
        if args.profile:
            profile(folders[counts[0]])
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
