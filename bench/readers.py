"""Time every reader on the sample report, one format at a time (`make bench` runs it).

Why: the readers are the first thing a check pays for, and the Office formats cost ten
times the text one if they go through a document model; this keeps the figures in view.

    python bench/readers.py [--runs N] [--reference] [--json FILE]

Each figure is the median of N (default 20, at least 5) warm runs of read_report on the
sample fixture of that format (the bytes, the reader, the table layout, the title): the
reader's imports are excluded, and shown apart as the first read in a fresh process that
has already imported cchc_rules.loading (median of 5 processes): what a one-file
`cchc check` pays for the format. --reference also times the former openpyxl /
python-docx readers that tests/test_readers_ooxml.py keeps as its oracle.
Prints figures only; it never judges them.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "tests"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

FORMATS = {"text": "sample.txt", "csv": "sample.csv", "json": "sample.json", "xlsx": "sample.xlsx",
           "docx": "sample.docx"}  # fmt: skip
COLD_RUNS = 5
_COLD = """
import sys, time
from pathlib import Path
from cchc_rules.loading import read_report
start = time.perf_counter()
read_report(Path(sys.argv[1]))
print((time.perf_counter() - start) * 1000)
"""


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm: imports and first-use caches are not the reader's steady cost
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def cold_ms(path: Path) -> float:
    """The first read_report in a fresh interpreter (the reader's imports included), median of a few."""
    timings = []
    for _ in range(COLD_RUNS):
        done = subprocess.run(
            [sys.executable, "-c", _COLD, str(path)], cwd=ROOT, capture_output=True, text=True, check=True
        )
        timings.append(float(done.stdout))
    return statistics.median(timings)


def reference_readers() -> dict[str, Callable[[bytes], object]]:
    """The former readers (rows and layout), and python-calamine where it is installed."""
    from test_readers_ooxml import reference_docx_rows, reference_xlsx_rows

    from cchc_rules.readers.layout import build_layout

    found: dict[str, Callable[[bytes], object]] = {
        "xlsx, former openpyxl reader": lambda data: build_layout(reference_xlsx_rows(data, "x.xlsx")),
        "docx, former python-docx reader": lambda data: build_layout(reference_docx_rows(data, "x.docx")),
    }
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        return found

    def calamine(data: bytes) -> object:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return [book.get_sheet_by_index(i).to_python() for i in range(len(book.sheet_names))]

    found["xlsx, python-calamine values (no formats)"] = calamine
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=20, help="runs per figure (median; at least 5)")
    parser.add_argument("--reference", action="store_true", help="also time the former openpyxl/python-docx readers")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)
    runs = max(args.runs, 5)
    from cchc_rules.loading import read_report

    from make_fixtures import SAMPLE, build_all

    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = {**build_all(Path(tmp)), "sample.txt": SAMPLE}
        print(f"reader times on the sample, median of {runs} warm runs (read_report: bytes, reader, layout, title)")
        for fmt, name in FORMATS.items():
            path = paths[name]
            figures[f"read_ms_{fmt}"] = median_ms(lambda path=path: read_report(path), runs)
            print(f"  {'read ' + fmt:<46} {figures[f'read_ms_{fmt}']:8.2f} ms")
        if args.reference:
            for label, read in reference_readers().items():
                data = paths[FORMATS[label[:4]]].read_bytes()
                key = "reference_ms_" + "_".join(label.replace(",", "").split()[:2]).replace("-", "_")
                figures[key] = median_ms(lambda data=data, read=read: read(data), runs)  # type: ignore[misc]
                print(f"  {label:<46} {figures[key]:8.2f} ms")
        print(f"first read in a fresh process, imports included, median of {COLD_RUNS} processes")
        for fmt, name in FORMATS.items():
            figures[f"cold_read_ms_{fmt}"] = cold_ms(paths[name])
            print(f"  {'first read ' + fmt:<46} {figures[f'cold_read_ms_{fmt}']:8.2f} ms")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
