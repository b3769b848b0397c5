"""Start-up latency: one cold `cchc check` process on the sample, next to a bare
interpreter and one that only imports the libraries the CLI cannot do without
(pydantic, pluggy, rich, yaml), and where the start-up goes.

Why: the CLI runs once per file from scripts, editors and CI, so its cold start is
what users wait for; the import baseline says how much of it is the package's own.
Each figure is the median of --runs fresh processes (15 by default; fewer is a rough
figure), the commands taken in turns, after one unmeasured round that warms the OS file
cache and the YAML cache.
The target (issue #10): at most 1.5x the import baseline and at most 250 ms.

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
TARGET_RATIO = 1.5
TARGET_MS = 250.0
# What a text-input check must not import (jsonschema, Jinja2, openpyxl, python-docx, scipy),
# nor, with the YAML cache warm and no configuration file (this repository's pyproject.toml has
# no [tool.cchc]), pydantic, PyYAML, importlib.metadata, tomllib.
NOT_ON_THE_PATH = (
    "jsonschema", "jinja2", "openpyxl", "docx", "scipy", "pydantic", "yaml", "importlib.metadata", "tomllib",
)  # fmt: skip
# Every module's own import time (its body, less the modules it imports), through a loader hook:
# -X importtime leaves out the modules importlib.import_module loads (rule kinds, formats).
MODULE_TIMES = """
import contextlib, io, json, sys, time
import importlib._bootstrap_external as external
own, stack = {{}}, []
def timed(cls):
    original = cls.exec_module
    def exec_module(self, module):
        start = time.perf_counter()
        stack.append(0.0)
        try:
            return original(self, module)
        finally:
            spent, inner = time.perf_counter() - start, stack.pop()
            own[module.__name__] = own.get(module.__name__, 0.0) + spent - inner
            if stack:
                stack[-1] += spent
    cls.exec_module = exec_module
for cls in (external.SourceFileLoader, external.SourcelessFileLoader, external.ExtensionFileLoader):
    timed(cls)
# What building each dataclass costs (dataclasses generates and exec()s its methods), by module.
import dataclasses
classes = {{}}
build = getattr(dataclasses, "_process_class", None)
if build is not None:
    def process_class(cls, *args, **kwargs):
        start = time.perf_counter()
        try:
            return build(cls, *args, **kwargs)
        finally:
            key = cls.__module__
            spent, count = classes.get(key, (0.0, 0))
            classes[key] = (spent + time.perf_counter() - start, count + 1)
    dataclasses._process_class = process_class
start = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    {check}
total = time.perf_counter() - start
loaded = [m for m in {avoid!r} if m in sys.modules]
print(json.dumps({{"own": own, "total": total, "loaded": loaded, "dataclasses": classes}}))
"""


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


def once_ms(command: list[str], env: dict[str, str] | None = None, *, new_cache: bool = False) -> float:
    """Wall time of one fresh process; with new_cache, in an empty cache folder, as a first run."""
    with tempfile.TemporaryDirectory() as empty:
        run_env = {**(env or os.environ), "XDG_CACHE_HOME": empty} if new_cache else env
        start = time.perf_counter()
        subprocess.run(
            command, cwd=ROOT, env=run_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        )
        return (time.perf_counter() - start) * 1000


def wall_ms(runs: int, **commands: tuple[list[str], dict[str, str] | None, bool]) -> dict[str, list[float]]:
    """`runs` timings of each command (command, env, new_cache), taken in turns so that a change
    in the machine's load weighs on all alike, after one unmeasured round that warms the OS
    file cache and the YAML cache."""
    timings: dict[str, list[float]] = {name: [] for name in commands}
    for index in range(runs + 1):
        for name, (command, env, new_cache) in commands.items():
            spent = once_ms(command, env, new_cache=new_cache)
            if index:
                timings[name].append(spent)
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


def module_times(python: str) -> tuple[dict[str, float], float, list[str], dict[str, tuple[float, int]]]:
    """({module: own import ms}, the in-process check in ms, the NOT_ON_THE_PATH modules it loaded,
    {module: (ms building its dataclasses, how many)})."""
    code = MODULE_TIMES.format(check=CHECK_CODE.format(sample=str(SAMPLE)), avoid=NOT_ON_THE_PATH)
    done = subprocess.run([python, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    try:
        data = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {}, 0.0, [f"(the profile failed: {done.stderr.strip()[-300:]})"], {}
    own = {name: seconds * 1000 for name, seconds in data["own"].items()}
    classes = {name: (seconds * 1000, count) for name, (seconds, count) in data.get("dataclasses", {}).items()}
    return own, data["total"] * 1000, list(data["loaded"]), classes


def module_report(python: str, top: int) -> list[str]:
    """Where the imports go, module by module and by package (cchc_rules by subpackage)."""
    own, total, loaded, classes = module_times(python)
    spent = sum(own.values())
    lines = [
        f"  {len(own)} modules, {spent:.1f} ms of a {total:.1f} ms in-process check "
        f"(the rest: {total - spent:.1f} ms reading, checking, rendering)",
        f"  top {top} modules by own time:",
    ]
    for name, ms in sorted(own.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"  {ms:8.1f} ms  {name}")
    by_package: dict[str, float] = defaultdict(float)
    for name, ms in own.items():
        parts = name.split(".")
        by_package[".".join(parts[:2]) if parts[0] == "cchc_rules" else parts[0]] += ms
    lines.append("  own time by package (cchc_rules by subpackage):")
    for name, ms in sorted(by_package.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"  {ms:8.1f} ms  {name}")
    built = sum(ms for ms, _ in classes.values())
    lines.append(
        f"  dataclasses built: {sum(n for _, n in classes.values())}, {built:.1f} ms of the modules' own time"
        " (@dataclass generates and exec()s its methods); by module:"
    )
    for name, (ms, count) in sorted(classes.items(), key=lambda kv: -kv[1][0])[:top]:
        lines.append(f"  {ms:8.1f} ms  {count:3d}  {name}")
    absent = "none of " + ", ".join(NOT_ON_THE_PATH)
    lines.append(f"  imported though not needed: {', '.join(loaded) if loaded else absent}")
    return lines


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


def timings(command: list[str], python: str, runs: int) -> tuple[dict[str, float], list[str]]:
    """The wall-time figures and the lines that print them."""
    check_argv = [*command, "check", str(SAMPLE)]
    # With PYTHONDONTWRITEBYTECODE (set in some CI and sandboxes) the package is compiled from source
    # on every start unless `make install` compiled it; a bytecode cache outside the tree shows the
    # start-up users get.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as cache:
        measured = wall_ms(
            runs,
            check=(check_argv, None, False),
            baseline=([python, "-c", "import pydantic, pluggy, rich, yaml"], None, False),
            bare=([python, "-c", "pass"], None, False),
            first=(check_argv, None, True),
            cached=(check_argv, {**env, "PYTHONPYCACHEPREFIX": cache}, False),
        )
    check, baseline, bare = measured["check"], measured["baseline"], measured["bare"]
    first, cached = measured["first"], measured["cached"]
    figures = {
        "cold_check_ms": statistics.median(check),
        "import_baseline_ms": statistics.median(baseline),
        "bare_python_ms": statistics.median(bare),
    }
    figures["ratio"] = figures["cold_check_ms"] / figures["import_baseline_ms"]
    figures["cold_check_cached_ms"] = statistics.median(cached)
    figures["cold_check_no_yaml_cache_ms"] = statistics.median(first)
    no_bytecode = "PYTHONDONTWRITEBYTECODE is set here" if os.environ.get("PYTHONDONTWRITEBYTECODE") else ""
    rows = [
        ("cold `cchc check` on the sample", "cold_check_ms", check, ""),
        ("python -c 'import pydantic, pluggy, rich, yaml'", "import_baseline_ms", baseline, ""),
        ("python -c pass", "bare_python_ms", bare, ""),
        ("cold check, empty YAML cache (a first run)", "cold_check_no_yaml_cache_ms", first, ""),
        ("cold check with a bytecode cache (PYTHONPYCACHEPREFIX)", "cold_check_cached_ms", cached, no_bytecode),
    ]
    lines = [f"  {label:<56} {figures[key]:8.1f} ms  (min {min(values):.1f})  {note}".rstrip()
             for label, key, values, note in rows]  # fmt: skip
    met = figures["ratio"] <= TARGET_RATIO and figures["cold_check_ms"] <= TARGET_MS
    lines.insert(3, f"  {'ratio: cold check / import baseline':<56} {figures['ratio']:8.2f} x")
    lines.append(
        f"  target: <= {TARGET_RATIO}x the baseline and <= {TARGET_MS:.0f} ms: {'met' if met else 'NOT met'}"
        " (figures move with the machine's load)"
    )
    return figures, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15, help="fresh processes per figure (default 15)")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--json", type=Path, help="also write the figures here (bench/run.py uses it)")
    args = parser.parse_args(argv)
    command = cli_command()
    python = interpreter_of(command)
    print(f"machine: {machine()}")
    print(f"command: {' '.join(command)} check {SAMPLE.relative_to(ROOT)}  (median of {args.runs} fresh processes)")
    figures, lines = timings(command, python, args.runs)
    print("\n".join(lines))

    rows = import_times(python)
    total = sum(cum for _, cum, depth, _ in rows if depth == 0)
    figures["import_total_ms"] = total / 1000
    print(f"\nimports during `cchc check` (python -X importtime): {len(rows)} modules, {total / 1000:.1f} ms")
    print(f"  top {args.top} by cumulative time:")
    for self_us, cum_us, depth, name in sorted(rows, key=lambda r: -r[1])[: args.top]:
        print(f"  {cum_us / 1000:8.1f} ms cumulative {self_us / 1000:7.1f} ms self  {'  ' * depth}{name}")

    print("\nevery module's own import time during `cchc check` (a loader hook, in one process):")
    print("\n".join(module_report(python, args.top)))

    print("\ncProfile of one cold in-process `cchc check` on the sample:")
    print("\n".join(profile_check(python, args.top)))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
