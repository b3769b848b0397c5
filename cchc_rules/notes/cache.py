"""Small caches for what depends only on text or on one long-lived object.

Why: a province's reports repeat their notes, units and cells, so an analysis keyed by
the note's text is done once per batch instead of once per report. The caches are
bounded the simplest way (emptied when full), so a long audit cannot grow them forever.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")

LIMIT = 8192


class Bounded(dict[K, V]):
    """A dict that empties itself when it reaches its limit: cheap to read, never unbounded."""

    def __init__(self, limit: int = LIMIT) -> None:
        super().__init__()
        self.limit = limit

    def put(self, key: K, value: V) -> V:
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value


_BY_OBJECT: dict[tuple[int, str], tuple[Any, Any]] = {}


def per_object(owner: object, name: str, factory: Callable[[], T]) -> T:
    """The `name` table of one long-lived object (a catalogue, its indicators), built on first use.

    Keyed by identity and holding the owner, so that an id is never reused while its
    entry lives; a catalogue is a dataclass of dicts and cannot be hashed or weakly keyed."""
    key = (id(owner), name)
    hit = _BY_OBJECT.get(key)
    if hit is not None and hit[0] is owner:
        value: T = hit[1]
        return value
    if len(_BY_OBJECT) >= 256:
        _BY_OBJECT.clear()
    made = factory()
    _BY_OBJECT[key] = (owner, made)
    return made


def lazy_regex(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A regular expression compiled on its first use, not at import: most runs of the
    command line never read a note, and the note parsers' expressions take milliseconds."""
    return cache(lambda: re.compile(pattern, flags))
