"""Suggested fixes as plain data: outputs render them, `cchc fix` applies them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cchc_rules.model import Location


class Confidence(StrEnum):
    HIGH = "high"  # the smallest change is the only one
    MEDIUM = "medium"  # several changes are as small; notes or other checks prefer this one
    LOW = "low"  # several changes are as small and nothing prefers one

    @property
    def rank(self) -> int:
        return {"high": 3, "medium": 2, "low": 1}[self.value]


@dataclass(frozen=True, slots=True)
class Support:
    """One piece of the reasoning behind a suggestion, rendered in the user's language.

    kind: confirmed (ident's note confirms it: detail is the figure), checks (ident agrees
    with `count` other checks), contradicted (ident's note contradicts its value), copy
    (ident's note repeats the note of `detail`), broken (ident's note will no longer
    agree and needs correcting too: detail is the note's figure).
    """

    kind: str
    ident: str
    detail: str = ""
    count: int = 0


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another change as small: `indicator` reads `proposed` (or is at most / at least it, by
    `relation`), or (note=True) its note is the one wrong."""

    indicator: str
    proposed: str = ""
    note: bool = False
    relation: str = "="


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Probably `indicator` should read `proposed_raw` instead of `current_raw`.

    `relation` is "=" for a value that can be derived; "≤" or "≥" when the change is
    localised but only bounded (then `proposed_raw` is the bound and `cchc fix` leaves it).
    `reason` says why: derived (a blank total whose parts are all given; `detail` is the
    arithmetic), unique (the only smallest change), preferred (one of several equally small
    changes, preferred for `support`), tie (one of several, nothing prefers it), heading (a
    group heading carries no value).
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
