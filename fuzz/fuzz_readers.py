"""Coverage-guided fuzzing of every reader with atheris: `make fuzz` (FUZZ_RUNS=N to bound it).

The first byte of each input picks a format; the rest is the file. Only a CchcError (a
one-line user error) may come out; anything else is a bug that atheris reports with
the input that caused it.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from cchc_rules.errors import CchcError
    from cchc_rules.loading import choose_reader, parse_bytes
    from cchc_rules.values import parse_value

SUFFIXES = (".txt", ".csv", ".json", ".yaml", ".docx", ".xlsx")
FOLDER = Path(tempfile.mkdtemp(prefix="cchc-fuzz-"))


def one_input(data: bytes) -> None:
    if not data:
        return
    suffix = SUFFIXES[data[0] % len(SUFFIXES)]
    body = data[1:]
    path = FOLDER / f"input{suffix}"
    with contextlib.suppress(CchcError):  # a user error is the expected outcome
        parse_bytes(body, path, choose_reader(path, body[:4096]))
    parse_value(body[:64].decode("utf-8", "replace"))


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
