"""Limits that keep a hostile or broken input within bounded time and memory. Each one
gives a clear error (limit-exceeded or too-large), never a hang or a crash."""

from __future__ import annotations

MAX_INPUT_BYTES = 20 * 1024 * 1024  # the default of --max-input-size / max-input-size
MAX_ENTRIES = 2_000  # table rows; the template has 141 and plugins add a few
MAX_CELL_CHARS = 20_000  # the longest real note is about 600 characters
MAX_RAW_ROWS = 20_000  # rows of a sheet or table, counted before they are built
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # all members of a docx/xlsx zip, inflated
MAX_RATIO = 100  # compression ratio of one member above RATIO_FLOOR (zip bomb)
# A member this small cannot blow anything up whatever its ratio; real sheets of
# repeated styles legitimately compress better than 100:1.
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 10_000
