"""The indicator catalogue: the template as data (catalog/*.yaml).

The engine asks the catalogue what an indicator is (its kind, unit, legend,
parent and children) and who must report it; nothing about the template is
written in code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import FrozenInstanceError
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from cchc_rules.model import ValueKind
from cchc_rules.resources import catalog_dir


class Indicator(NamedTuple):
    """One row of the template: what its value is and who reports it.

    An immutable record. Indicator, AgencyKind and Feature are NamedTuples rather than
    dataclasses, which would cost every start of `cchc` a few milliseconds to build."""

    id: str
    stt: str
    name: str
    name_en: str
    unit: str
    kind: ValueKind
    unit_en: str = ""
    parent: str | None = None
    legend: Mapping[int, str] = {}
    legend_en: Mapping[int, str] = {}
    children_relation: str = "none"
    relation: str | None = None
    reported_by: str = "each"
    applies_to: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    cumulative: bool = False
    remark: Mapping[str, str] = {}

    @property
    def section(self) -> str:
        return self.id.split(".", 1)[0]

    def label(self, lang: str = "vi") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name


class AgencyKind(NamedTuple):
    """A kind of agency, recognised from its name by `match`."""

    id: str
    name: Mapping[str, str]
    parent: str | None = None
    match: tuple[re.Pattern[str], ...] = ()


class Feature(NamedTuple):
    """Something an agency may lack (public service units), read from its notes."""

    id: str
    name: Mapping[str, str]
    absent_when: re.Pattern[str] | None = None


CATALOGUE_FIELDS = (
    "template_id", "version", "title", "valid_from", "valid_until", "indicators", "agency_kinds", "features", "source",
)  # fmt: skip


class Catalogue:
    """A template version as data: its indicators, agency kinds and features.

    Immutable, compared and shown field by field: what @dataclass(frozen=True) would make
    of it, written out, because a dataclass costs every start of `cchc` a millisecond."""

    template_id: str
    version: str
    title: Mapping[str, str]
    valid_from: date
    valid_until: date | None
    indicators: dict[str, Indicator]
    agency_kinds: dict[str, AgencyKind]
    features: dict[str, Feature]
    source: str
    _children: dict[str, list[str]]

    def __init__(
        self,
        template_id: str,
        version: str,
        title: Mapping[str, str],
        valid_from: date,
        valid_until: date | None,
        indicators: dict[str, Indicator],
        agency_kinds: dict[str, AgencyKind],
        features: dict[str, Feature],
        source: str = "",
    ) -> None:
        children: dict[str, list[str]] = {}
        for ind in indicators.values():
            if ind.parent:
                children.setdefault(ind.parent, []).append(ind.id)
        vars(self).update(
            template_id=template_id, version=version, title=title, valid_from=valid_from, valid_until=valid_until,
            indicators=indicators, agency_kinds=agency_kinds, features=features, source=source, _children=children,
        )  # fmt: skip

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in CATALOGUE_FIELDS)

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Catalogue)
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())  # as a frozen dataclass's: a TypeError, since its fields are dicts

    def __repr__(self) -> str:
        return f"Catalogue({', '.join(f'{name}={getattr(self, name)!r}' for name in CATALOGUE_FIELDS)})"

    def children(self, ident: str) -> list[str]:
        return self._children.get(ident, [])

    def get(self, ident: str) -> Indicator | None:
        return self.indicators.get(ident)

    def extended(self, items: list[Mapping[str, Any]], schema: Sequence[bool] | None = None) -> Catalogue:
        """This catalogue plus plugins' own indicators, validated like a catalogue file
        (the schema only for the items whose `schema` flag is true; all of them by default)."""
        from cchc_rules.validation import validate_extension

        validate_extension(self, items, schema)
        extra = from_data({"template": {"id": self.template_id, "version": self.version, "title": self.title,
                                        "valid_from": self.valid_from.isoformat()}, "indicators": items})  # fmt: skip
        return Catalogue(
            self.template_id, self.version, self.title, self.valid_from, self.valid_until,
            {**self.indicators, **extra.indicators}, self.agency_kinds, self.features, self.source,
        )  # fmt: skip

    def kind_lineage(self, kind: str | None) -> set[str]:
        """The kind and all its ancestors: a Thanh tra tỉnh is also a sở, ngành."""
        seen: set[str] = set()
        while kind and kind not in seen:
            seen.add(kind)
            parent = self.agency_kinds.get(kind)
            kind = parent.parent if parent else None
        return seen

    def guess_agency_kind(self, agency: str | None) -> str | None:
        if not agency:
            return None
        specific = sorted(self.agency_kinds.values(), key=lambda k: k.parent is None)
        for kind in specific:
            if any(p.search(agency) for p in kind.match):
                return kind.id
        return None


def _text(value: Any) -> dict[str, str]:
    return dict(value) if isinstance(value, Mapping) else {}


def _legend(value: Any) -> dict[int, str]:
    return {int(k): str(v) for k, v in (value or {}).items()}


def from_data(data: Mapping[str, Any], source: str = "") -> Catalogue:
    template = data["template"]
    indicators: dict[str, Indicator] = {}
    for raw in data["indicators"]:
        ind = Indicator(
            id=str(raw["id"]),
            stt=str(raw.get("stt", "")),
            name=raw["name"],
            name_en=raw.get("name_en", ""),
            unit=raw.get("unit", ""),
            unit_en=raw.get("unit_en", ""),
            kind=ValueKind(raw["kind"]),
            parent=raw.get("parent"),
            legend=_legend(raw.get("legend")),
            legend_en=_legend(raw.get("legend_en")),
            children_relation=raw.get("children", "none"),
            relation=raw.get("relation"),
            reported_by=raw.get("reported_by", "each"),
            applies_to=tuple(raw.get("applies_to", ())),
            requires=tuple(raw.get("requires", ())),
            cumulative=bool(raw.get("cumulative", False)),
            remark=_text(raw.get("remark")),
        )
        indicators[ind.id] = ind
    kinds = {
        k["id"]: AgencyKind(
            id=k["id"],
            name=_text(k["name"]),
            parent=k.get("parent"),
            match=tuple(re.compile(p, re.IGNORECASE) for p in k.get("match", ())),
        )
        for k in data.get("agency_kinds", ())
    }
    features = {
        f["id"]: Feature(
            id=f["id"],
            name=_text(f["name"]),
            absent_when=re.compile(f["absent_when_note_matches"], re.IGNORECASE)
            if f.get("absent_when_note_matches")
            else None,
        )
        for f in data.get("features", ())
    }
    until = template.get("valid_until")
    return Catalogue(
        template_id=template["id"],
        version=str(template["version"]),
        title=_text(template["title"]),
        valid_from=date.fromisoformat(str(template["valid_from"])),
        valid_until=date.fromisoformat(str(until)) if until else None,
        indicators=indicators,
        agency_kinds=kinds,
        features=features,
        source=source,
    )


def load_file(path: Path, *, validate: bool = True) -> Catalogue:
    """Load a catalogue file; user-supplied files are validated, bundled ones are tested."""
    from cchc_rules.yamlsource import Source, load_shipped

    text = path.read_text(encoding="utf-8")
    if not validate:  # the shipped file, validated by the tests: no node tree, and cached
        return from_data(load_shipped(text, str(path)), str(path))
    from cchc_rules.validation import validate_catalogue

    source = Source(text, str(path))
    validate_catalogue(source)
    return from_data(source.data, str(path))


def bundled_files() -> list[Path]:
    return sorted(catalog_dir().glob("*.yaml"))


@cache
def bundled() -> tuple[Catalogue, ...]:
    return tuple(load_file(p, validate=False) for p in bundled_files())


def default_catalogue() -> Catalogue:
    return bundled()[0]


def select(catalogues: Iterable[Catalogue], template_id: str | None, on: date | None) -> Catalogue:
    """The catalogue for a template id, or the one valid on a date."""
    items = list(catalogues)
    if template_id:
        for cat in items:
            if template_id in (cat.template_id, f"{cat.template_id}/{cat.version}"):
                return cat
    if on is not None:
        for cat in items:
            if cat.valid_from <= on and (cat.valid_until is None or on <= cat.valid_until):
                return cat
    return items[0]
