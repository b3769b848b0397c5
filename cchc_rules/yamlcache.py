"""A cache, in the user's cache folder, of the data parsed from the YAML files shipped with
cchc-rules (the catalogue, the rulesets, the bundled plugins' rulesets).

Why: PyYAML builds its Python objects in pure Python, even with libyaml: about 50 ms on
every start of `cchc` for ~100 kB of YAML, against ~1 ms to read it back from here. The
data is stored with marshal (built in, nothing to import, no code run when it is read),
next to the exact text it was parsed from, in a folder named by the package and Python
versions: an entry is used only for the same text under the same versions, and a cache
that cannot be read or written is silently skipped. `$XDG_CACHE_HOME/cchc-rules`, else
`~/.cache/cchc-rules`.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import zlib
from datetime import date, datetime
from pathlib import Path
from typing import Any

FORMAT = 1
MISSING: Any = object()  # what get() returns when there is no usable entry
Where = tuple[str | int, ...]


def folder() -> Path | None:
    """The cache folder of this package and Python version, or None where there is no home."""
    from cchc_rules import __version__

    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, or relative, which the XDG rules say to ignore
        base = os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None  # no home folder either
    return Path(base, "cchc-rules", f"yaml-{__version__}-{sys.implementation.cache_tag}")


def _entry(source: str) -> Path | None:
    base = folder()
    if base is None:
        return None
    key = zlib.crc32(os.path.abspath(source).encode("utf-8", "surrogateescape"))
    return base / f"{Path(source).stem}-{key:08x}.marshal"


def _freeze(node: Any, where: Where, dates: list[tuple[Where, str]]) -> Any:
    """A copy that marshal can store: dates as ISO text, each recorded with its place."""
    if isinstance(node, dict):
        return {k: _freeze(v, (*where, k), dates) for k, v in node.items()}
    if isinstance(node, list):
        return [_freeze(v, (*where, i), dates) for i, v in enumerate(node)]
    if isinstance(node, date):
        dates.append((where, "datetime" if isinstance(node, datetime) else "date"))
        return node.isoformat()
    return node


def _thaw(data: Any, dates: list[tuple[Where, str]]) -> Any:
    """Put the dates back in their places."""
    for where, kind in dates:
        parse = datetime.fromisoformat if kind == "datetime" else date.fromisoformat
        if not where:
            return parse(data)  # the whole document is one date
        parent = data
        for key in where[:-1]:
            parent = parent[key]
        parent[where[-1]] = parse(parent[where[-1]])
    return data


def _decode(blob: bytes, text: str) -> Any:
    from cchc_rules import __version__

    payload = marshal.loads(blob)
    if not (isinstance(payload, tuple) and len(payload) == 5 and payload[:3] == (FORMAT, __version__, text)):
        return MISSING
    return _thaw(payload[3], [(tuple(w), str(k)) for w, k in payload[4]])


def get(source: str, text: str) -> Any:
    """The data parsed from this exact text of this file, or MISSING."""
    entry = _entry(source)
    if entry is None:
        return MISSING
    try:
        return _decode(entry.read_bytes(), text)
    except Exception:  # absent, unreadable, truncated, from another version: parse again
        return MISSING


def put(source: str, text: str, data: Any) -> None:
    """Keep the data parsed from this text; only if it reads back equal, and never an error."""
    from cchc_rules import __version__

    entry = _entry(source)
    if entry is None:
        return
    partial = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(entry.parent, os.W_OK):
            return  # a read-only home: do not pay for encoding on every run
        dates: list[tuple[Where, str]] = []
        blob = marshal.dumps((FORMAT, __version__, text, _freeze(data, (), dates), dates))
        if _decode(blob, text) != data:
            return  # something marshal or the ISO round trip does not keep exactly (a NaN, a date key)
        partial.write_bytes(blob)
        os.replace(partial, entry)  # atomic: a concurrent reader sees the old entry or the new one
    except Exception:  # a read-only or full disk, data marshal cannot store: no cache, no error
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
