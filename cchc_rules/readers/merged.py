"""Which cells a sheet's merged ranges hide.

Excel shows a merged range's top-left cell across the whole range; any value stored in
the range's other cells is invisible (openpyxl drops it too), so a note merged down over
two rows is read once. The usual sheet has a handful of small ranges, whose cells are
simply listed; a hostile one can declare thousands of ranges each the size of the sheet,
which a sweep over the rows answers in O((cells + ranges) log columns) instead of their area.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

Range = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col (inclusive)


def hidden(cells: Iterable[tuple[int, int]], ranges: list[Range]) -> set[tuple[int, int]]:
    """The cells (row, column) inside some range other than as that range's top-left cell."""
    points = set(cells)
    if not ranges or not points:
        return set()
    area = sum((r2 - r1 + 1) * (c2 - c1 + 1) for r1, c1, r2, c2 in ranges)
    if area <= 8 * len(points):
        return {
            (row, col)
            for r1, c1, r2, c2 in ranges
            for row in range(r1, r2 + 1)
            for col in range(c1, c2 + 1)
            if (row, col) in points and (row, col) != (r1, c1)
        }
    return _sweep(points, ranges)


def _sweep(points: set[tuple[int, int]], ranges: list[Range]) -> set[tuple[int, int]]:
    """Rows in order; a Fenwick tree over the columns counts the ranges covering each cell."""
    anchors = Counter((r1, c1) for r1, c1, _, _ in ranges)
    events = sorted([(r1, c1, c2, 1) for r1, c1, _, c2 in ranges] + [(r2 + 1, c1, c2, -1) for _, c1, r2, c2 in ranges])
    width = max(max(c2 for _, _, _, c2 in ranges), max(col for _, col in points)) + 2
    tree = [0] * (width + 1)

    def add(col: int, delta: int) -> None:
        while col <= width:
            tree[col] += delta
            col += col & -col

    def depth(col: int) -> int:
        total = 0
        while col > 0:
            total += tree[col]
            col -= col & -col
        return total

    found: set[tuple[int, int]] = set()
    done = 0
    for row, col in sorted(points):
        while done < len(events) and events[done][0] <= row:
            _, c1, c2, delta = events[done]
            add(c1, delta)
            add(c2 + 1, -delta)
            done += 1
        if depth(col) > anchors.get((row, col), 0):
            found.add((row, col))
    return found
