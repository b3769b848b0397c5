"""openpyxl or python-calamine for the xlsx reader? Time both on the sample workbook.

Usage: python bench/readers_xlsx.py [WORKBOOK.xlsx] [RUNS]
Without a workbook, the sample fixture is built into a temporary directory. Prints the
median of RUNS (20) runs for each way of reading, and what each library can tell
(merged ranges, number formats), since speed alone does not decide.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "tests"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))


def median_ms(action: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def with_openpyxl(data: bytes) -> list[list[Any]]:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    rows: list[list[Any]] = []
    for sheet in book.worksheets:
        _ = sheet.merged_cells.ranges
        rows.extend([[cell.value, cell.number_format] for cell in row] for row in sheet.iter_rows())
    return rows


def with_calamine(data: bytes) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    rows: list[list[Any]] = []
    for index in range(len(book.sheet_names)):
        sheet = book.get_sheet_by_index(index)
        merged = sheet.merged_cell_ranges  # a property in 0.9, a method in the stub
        _ = merged() if callable(merged) else merged
        rows.extend(sheet.to_python(skip_empty_area=False))
    return rows


def with_reader(data: bytes, path: str) -> list[Any]:
    from cchc_rules.readers import xlsx

    return list(xlsx.read_rows(data, path))


def main(argv: list[str]) -> int:
    runs = int(argv[1]) if len(argv) > 1 else 20
    with tempfile.TemporaryDirectory() as tmp:
        if argv:
            path = Path(argv[0])
        else:
            from make_fixtures import build_all

            path = build_all(Path(tmp))["sample.xlsx"]
        data = path.read_bytes()
        print(f"{path.name}: {len(data)} bytes, median of {runs} runs")
        results = {
            "openpyxl (load + cells + formats)": median_ms(lambda: with_openpyxl(data), runs),
            "python-calamine (load + values)": median_ms(lambda: with_calamine(data), runs),
            "cchc_rules.readers.xlsx (openpyxl + checks)": median_ms(lambda: with_reader(data, str(path)), runs),
        }
        for name, ms in results.items():
            print(f"  {name:<46} {ms:8.2f} ms")
        calamine_rows = with_calamine(data)
        percents = [v for row in calamine_rows for v in row if isinstance(v, float) and 0 < v < 1]
        print(f"  calamine sees percent cells as bare numbers: {percents[:3]} (no number format API)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
