"""What must be reported by this agency: plain data that plugins adjust and rules read."""

from __future__ import annotations


class Applicability:
    """Features the agency lacks, indicators it need not report, and those it must.

    A plain class rather than a dataclass: it is on the path of every `cchc` start."""

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __init__(
        self,
        absent_features: set[str] | None = None,
        not_applicable: set[str] | None = None,
        required: set[str] | None = None,
    ) -> None:
        self.absent_features: set[str] = set() if absent_features is None else absent_features
        self.not_applicable: set[str] = set() if not_applicable is None else not_applicable
        self.required: set[str] = set() if required is None else required

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Applicability)
        mine = (self.absent_features, self.not_applicable, self.required)
        return mine == (other.absent_features, other.not_applicable, other.required)

    def __repr__(self) -> str:
        return (
            f"Applicability(absent_features={self.absent_features!r}, not_applicable={self.not_applicable!r}, "
            f"required={self.required!r})"
        )
