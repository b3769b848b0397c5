"""Write outputs safely: atomically (temp file + rename) and never over an input."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from cchc_rules.errors import CchcError


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def emit(name: str, rendered: str | bytes, path: str | None, inputs: Iterable[Path] = ()) -> None:
    """A rendered output to its file, or to standard output when it has none."""
    import sys

    if path is not None:
        write_atomic(Path(path), rendered, inputs)
        return
    if isinstance(rendered, bytes):
        raise CchcError("usage", reason=f"format '{name}' is binary; give it a file: {name}=PATH")
    sys.stdout.write(rendered)
    sys.stdout.flush()


def write_atomic(path: Path, data: str | bytes, inputs: Iterable[Path] = ()) -> None:
    for source in inputs:
        if _same(path, source):
            raise CchcError("output-is-input", path=str(path))
    import tempfile  # (and shutil, random …) only where a file is written, not for standard output

    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise CchcError("output-failed", path=str(path), reason=exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is for sharing
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CchcError("output-failed", path=str(path), reason=exc.strerror or str(exc)) from None
