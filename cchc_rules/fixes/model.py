"""Suggested fixes as plain data: outputs render them, `cchc fix` applies them."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from enum import StrEnum
from typing import NamedTuple

from cchc_rules.model import Location


class Confidence(StrEnum):
    HIGH = "high"  # the smallest change is the only one
    MEDIUM = "medium"  # several changes are as small; notes or other checks prefer this one
    LOW = "low"  # several changes are as small and nothing prefers one

    @property
    def rank(self) -> int:
        return {"high": 3, "medium": 2, "low": 1}[self.value]


class Support:
    """One piece of the reasoning behind a suggestion, rendered in the user's language.

    kind: confirmed (ident's note confirms it: detail is the figure), checks (ident agrees
    with `count` other checks), contradicted (ident's note contradicts its value), copy
    (ident's note repeats the note of `detail`), broken (ident's note will no longer
    agree and needs correcting too: detail is the note's figure).

    Immutable, compared and hashed by value (not a NamedTuple: its `count` is a field).
    """

    __slots__ = ("count", "detail", "ident", "kind")

    kind: str
    ident: str
    detail: str
    count: int

    def __init__(self, kind: str, ident: str, detail: str = "", count: int = 0) -> None:
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "ident", ident)
        object.__setattr__(self, "detail", detail)
        object.__setattr__(self, "count", count)

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type[Support], tuple[str, str, str, int]]:
        return (Support, self._values())  # copied and pickled through __init__, not setattr

    def _values(self) -> tuple[str, str, str, int]:
        return (self.kind, self.ident, self.detail, self.count)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Support)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return f"Support(kind={self.kind!r}, ident={self.ident!r}, detail={self.detail!r}, count={self.count!r})"


class Alternative(NamedTuple):
    """Another change as small: `indicator` reads `proposed` (or is at most / at least it, by
    `relation`), or (note=True) its note is the one wrong."""

    indicator: str
    proposed: str = ""
    note: bool = False
    relation: str = "="


class Suggestion(NamedTuple):
    """Probably `indicator` should read `proposed_raw` instead of `current_raw`.

    `relation` is "=" for a value that can be derived; "≤" or "≥" when the change is
    localised but only bounded (then `proposed_raw` is the bound and `cchc fix` leaves it).
    `reason` says why: derived (a blank total whose parts are all given; `detail` is the
    arithmetic), unique (the only smallest change), preferred (one of several equally small
    changes, preferred for `support`), tie (one of several, nothing prefers it), heading (a
    group heading carries no value).

    An immutable record (a copy with changes: suggestion._replace(...)); a NamedTuple, as
    is Alternative, rather than a dataclass, which costs a millisecond to build.
    """

    indicator: str
    current_raw: str
    proposed_raw: str
    rule_ids: tuple[str, ...]
    confidence: Confidence
    reason: str
    relation: str = "="
    detail: str = ""
    alternatives: tuple[Alternative, ...] = ()
    support: tuple[Support, ...] = ()
    location: Location | None = None

    @property
    def applicable(self) -> bool:
        """Can `cchc fix` write it: a value, not only a bound."""
        return self.relation == "="

    def to_dict(self) -> dict[str, object]:
        return {
            "indicator": self.indicator,
            "current": self.current_raw,
            "proposed": self.proposed_raw,
            "relation": self.relation,
            "rules": list(self.rule_ids),
            "confidence": self.confidence.value,
            "reason": self.reason,
            "detail": self.detail,
            "alternatives": [
                {
                    "indicator": a.indicator,
                    **({"note": True} if a.note else {"proposed": a.proposed, "relation": a.relation}),
                }
                for a in self.alternatives
            ],
            "support": [_support_dict(s) for s in self.support],
            "applicable": self.applicable,
        }


def _support_dict(item: Support) -> dict[str, object]:
    data: dict[str, object] = {"kind": item.kind, "indicator": item.ident}
    if item.detail:
        data["detail"] = item.detail
    if item.count:
        data["count"] = item.count
    return data
