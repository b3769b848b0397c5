"""Small caches for what depends only on text or on one long-lived object.

Why: a province's reports repeat their notes, units and cells, so an analysis keyed by
the note's text is done once per batch instead of once per report. The caches are
bounded the simplest way (emptied when full), so a long audit cannot grow them forever.
Here too are what the parsers build their results with cheaply: lazy_regex, Record,
build and filled.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import FrozenInstanceError
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")

LIMIT = 8192
# For what is kept by a note's whole text: in a batch most notes are new (their numbers differ), so a
# big cache of them holds mostly notes never read again, whose objects live on to be freed cold (and
# walked by the collector). A small one keeps what a report reads twice and the notes every report
# repeats ("Sở Nội vụ báo cáo"); what is kept by a note's shape needs LIMIT.
TEXTS = 256


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


def lazy_regex(pattern: str | Callable[[], str], flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A regular expression compiled on its first use, not at import: most runs of the
    command line never read a note, and the note parsers' expressions take milliseconds.
    `pattern` may be a function that writes it, so as not to write it at import either."""
    return cache(lambda: re.compile(pattern() if callable(pattern) else pattern, flags))


if TYPE_CHECKING:
    from functools import cached_property

    once = cached_property
else:

    class once:  # named like the property it replaces
        """A property worked out on first use and then kept in the instance's __dict__, as
        functools.cached_property does, without its lock (Python 3.11 takes one on every first
        use, which is most of the cost on the parsed notes of a batch, each used once). Type
        checkers see functools.cached_property."""

        def __init__(self, func):
            self.func = func
            self.name = func.__name__
            self.__doc__ = func.__doc__

        def __set_name__(self, owner, name):
            self.name = name

        def __get__(self, instance, owner=None):
            if instance is None:
                return self
            value = instance.__dict__[self.name] = self.func(instance)
            return value


class Record:
    """What @dataclass(frozen=True) makes of a class, for the notes' results (NoteDate, Citation,
    Figure, Claim …): compared, hashed and shown by its annotated fields, in their order, and
    never changed once made. A subclass writes its __init__, which stores every field with
    vars(self).update(...), and may name in HIDDEN the fields its repr leaves out (as
    field(repr=False) does). A copy with changes: record._replace(field=value).

    Not dataclasses: building a frozen dataclass (which generates and compiles its methods)
    costs every start of `cchc` about a millisecond, and the notes have eight; these methods
    are written once, here. As a dataclass without slots, an instance keeps a __dict__:
    build() and filled() below fill it at once, and `once` keeps its values there."""

    __slots__ = ()
    FIELDS: ClassVar[tuple[str, ...]] = ()
    HIDDEN: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        cls.FIELDS = tuple(inspect.get_annotations(cls))  # its own fields, in order

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self.FIELDS])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS if name not in self.HIDDEN)
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def _replace(self, **changes: Any) -> Self:
        """A copy with some fields changed, as dataclasses.replace makes."""
        unknown = changes.keys() - set(self.FIELDS)
        if unknown:
            raise TypeError(f"{self.__class__.__name__} has no field(s) {', '.join(sorted(unknown))}")
        return filled(self.__class__, {name: changes.get(name, getattr(self, name)) for name in self.FIELDS})


def build(cls: type[T], **fields: Any) -> T:
    """An instance of a Record made from every one of its fields, without running its
    __init__ (the note parsers make several of these per note). The instance is the same
    as cls(**fields) would make; callers must give every field."""
    instance: T = object.__new__(cls)
    instance.__dict__.update(fields)
    return instance


def filled(cls: type[T], fields: dict[str, Any]) -> T:
    """build(cls, **fields), taking the dict over as the instance's __dict__ (not copied): the
    caller makes it for this instance, with every field in order."""
    instance: T = object.__new__(cls)
    object.__setattr__(instance, "__dict__", fields)
    return instance
