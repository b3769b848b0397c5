"""Start-up latency: one cold `cchc check` process on the sample, next to a bare
interpreter and one that only imports the libraries the CLI cannot do without
(pydantic, pluggy, rich, yaml), and where the start-up goes.

Why: the CLI runs once per file from scripts, editors and CI, so its cold start is
what users wait for; the import baseline says how much of it is the package's own.

    python bench/check_latency.py [--runs 15] [--json FIGURES.json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "phu-luc-2-thanh-tra-tinh-2021.txt"
IMPORT_LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|( *)(\S.*)$")
CHECK_CODE = "from cchc_rules.cli.main import main; main(['check', {sample!r}])"


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()} ({sys.executable})"


def cli_command() -> list[str]:
    """The `cchc` script next to this interpreter (or in the repo's venv), else `-m cchc_rules` if it exists."""
    for script in (Path(sys.executable).with_name("cchc"), ROOT / ".venv" / "bin" / "cchc"):
        if script.exists():
            return [str(script)]
    if importlib.util.find_spec("cchc_rules.__main__") is not None:
        return [sys.executable, "-m", "cchc_rules"]
    raise SystemExit("neither a cchc script nor cchc_rules.__main__ found; pip install -e . first")


def interpreter_of(command: list[str]) -> str:
    """The Python that runs the command: a script's shebang, so the baseline uses the same interpreter."""
    first = Path(command[0])
    if first.name.startswith("python") or command[1:2] == ["-m"]:
        return command[0]
    shebang = first.read_text(encoding="utf-8", errors="replace").splitlines()[0]
    return shebang[2:].strip().split()[0] if shebang.startswith("#!") else sys.executable


def wall_ms(command: list[str], runs: int, env: dict[str, str] | None = None) -> list[float]:
    """Wall time of `runs` fresh processes (after one unmeasured run that warms the OS file cache)."""
    timings: list[float] = []
    for index in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        if index:
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def import_times(python: str) -> list[tuple[int, int, int, str]]:
    """(self µs, cumulative µs, depth, module) for every import of one `cchc check` run."""
    code = CHECK_CODE.format(sample=str(SAMPLE))
    done = subprocess.run(
        [python, "-X", "importtime", "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    rows: list[tuple[int, int, int, str]] = []
    for line in done.stderr.splitlines():
        match = IMPORT_LINE.match(line)
        if match:
            rows.append((int(match[1]), int(match[2]), (len(match[3]) - 1) // 2, match[4].strip()))
    return rows


def profile_check(python: str, top: int) -> list[str]:
    """cProfile of one cold in-process check (imports included): the package's own functions by
    cumulative time, then every function by its own time, so that import machinery does not hide them."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "check.prof"
        code = f"import cProfile; cProfile.run({CHECK_CODE.format(sample=str(SAMPLE))!r}, {str(out)!r})"
        subprocess.run([python, "-c", code], cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
        if not out.exists():
            return ["  (profile failed)"]
        stats = pstats.Stats(str(out))
    entries = stats.stats  # type: ignore[attr-defined]
    total = max(cum for _, _, _, cum, _ in entries.values())
    lines = [f"  whole run {total * 1000:.1f} ms; cchc_rules functions by cumulative time:"]
    own = [(key, value) for key, value in entries.items() if "cchc_rules" in key[0] and key[2] != "<module>"]
    for (file, line, func), (_, calls, _, cum, _) in sorted(own, key=lambda kv: -kv[1][3])[:top]:
        where = file.split("cchc_rules", 1)[-1].lstrip("/")
        lines.append(f"  {cum * 1000:8.1f} ms  {calls:6d} calls  {where}:{line} {func}")
    lines.append(f"  top {top // 2} functions by own time (tottime), anywhere:")
    for (file, line, func), (_, calls, tot, _, _) in sorted(entries.items(), key=lambda kv: -kv[1][2])[: top // 2]:
        lines.append(f"  {tot * 1000:8.1f} ms  {calls:6d} calls  {Path(file).name}:{line} {func}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--json", type=Path, help="also write the figures here (bench/run.py uses it)")
    args = parser.parse_args(argv)
    command = cli_command()
    python = interpreter_of(command)
    print(f"machine: {machine()}")
    print(f"command: {' '.join(command)} check {SAMPLE.relative_to(ROOT)}  (median of {args.runs} fresh processes)")
    check = wall_ms([*command, "check", str(SAMPLE)], args.runs)
    baseline = wall_ms([python, "-c", "import pydantic, pluggy, rich, yaml"], args.runs)
    bare = wall_ms([python, "-c", "pass"], args.runs)
    with tempfile.TemporaryDirectory() as cache:
        # With PYTHONDONTWRITEBYTECODE (set in some CI and sandboxes) the package is compiled from
        # source on every start; a bytecode cache outside the tree shows the start-up users get.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached = wall_ms([*command, "check", str(SAMPLE)], args.runs, {**env, "PYTHONPYCACHEPREFIX": cache})
    figures = {
        "cold_check_ms": statistics.median(check),
        "import_baseline_ms": statistics.median(baseline),
        "bare_python_ms": statistics.median(bare),
    }
    figures["ratio"] = figures["cold_check_ms"] / figures["import_baseline_ms"]
    figures["cold_check_cached_ms"] = statistics.median(cached)
    no_bytecode = "PYTHONDONTWRITEBYTECODE is set here" if os.environ.get("PYTHONDONTWRITEBYTECODE") else ""
    print(f"  {'cold `cchc check` on the sample':<56} {figures['cold_check_ms']:8.1f} ms  (min {min(check):.1f})")
    baseline_label = "python -c 'import pydantic, pluggy, rich, yaml'"
    print(f"  {baseline_label:<56} {figures['import_baseline_ms']:8.1f} ms  (min {min(baseline):.1f})")
    print(f"  {'python -c pass':<56} {figures['bare_python_ms']:8.1f} ms  (min {min(bare):.1f})")
    print(f"  {'ratio: cold check / import baseline':<56} {figures['ratio']:8.2f} x")
    cached_label = "cold check with a bytecode cache (PYTHONPYCACHEPREFIX)"
    print(f"  {cached_label:<56} {figures['cold_check_cached_ms']:8.1f} ms  (min {min(cached):.1f})  {no_bytecode}")

    rows = import_times(python)
    total = sum(cum for _, cum, depth, _ in rows if depth == 0)
    figures["import_total_ms"] = total / 1000
    print(f"\nimports during `cchc check` (python -X importtime): {len(rows)} modules, {total / 1000:.1f} ms")
    print(f"  top {args.top} by cumulative time:")
    for self_us, cum_us, depth, name in sorted(rows, key=lambda r: -r[1])[: args.top]:
        print(f"  {cum_us / 1000:8.1f} ms cumulative {self_us / 1000:7.1f} ms self  {'  ' * depth}{name}")
    by_package: dict[str, int] = defaultdict(int)
    for self_us, _, _, name in rows:
        by_package[name.split(".")[0]] += self_us
    print("  self time by top-level package:")
    for name, us in sorted(by_package.items(), key=lambda kv: -kv[1])[:10]:
        print(f"  {us / 1000:8.1f} ms  {name}")

    print("\ncProfile of one cold in-process `cchc check` on the sample:")
    print("\n".join(profile_check(python, args.top)))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
