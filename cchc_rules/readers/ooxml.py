"""The Open Packaging Conventions both Office formats share: which part holds what
(relationships and content types), resolved as openpyxl and python-docx resolve them,
so that the raw readers open the same parts the libraries opened."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from cchc_rules.readers.package import Package

CONTENT_TYPES = "[Content_Types].xml"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OFFICE_DOCUMENT = OFFICE_REL + "/officeDocument"


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str
    target: str  # the part name inside the zip, resolved; as written when external
    external: bool


@dataclass(frozen=True)
class ContentTypes:
    defaults: dict[str, str]  # extension (lower case) -> content type
    overrides: tuple[tuple[str, str], ...]  # (part name without its leading "/", content type), in order

    def of(self, part: str) -> str | None:
        """The content type of a part: its last override, else its extension's default (both case-blind)."""
        for name, content_type in reversed(self.overrides):
            if name.lower() == part.lower():
                return content_type
        return self.defaults.get(posixpath.splitext(part)[1][1:].lower())

    def parts_of(self, content_type: str) -> list[str]:
        """Parts overridden with this content type, in the file's order."""
        return [name for name, kind in self.overrides if kind == content_type]


def content_types(package: Package) -> ContentTypes:
    root = package.xml(CONTENT_TYPES)
    defaults = {e.get("Extension", "").lower(): e.get("ContentType", "") for e in root.iterfind(_CT + "Default")}
    overrides = tuple(
        (e.get("PartName", "").removeprefix("/"), e.get("ContentType", "")) for e in root.iterfind(_CT + "Override")
    )
    return ContentTypes(defaults, overrides)


def relationships(package: Package, part: str) -> list[Relationship]:
    """The relationships of a part ("" for the package), targets made part names; [] without a .rels part."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if not package.has(rels):
        return []
    found = []
    for element in package.xml(rels).iterfind(_RELS + "Relationship"):
        target = element.get("Target", "")
        external = element.get("TargetMode") == "External"
        if not external:
            target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found.append(Relationship(element.get("Id", ""), element.get("Type", ""), target, external))
    return found


def local_name(tag: str) -> str:
    """A tag without its namespace: openpyxl matched most children by this name alone."""
    return tag.rpartition("}")[2]


def last(parent: Element, name: str) -> Element | None:
    """The last child with this local name (openpyxl kept the last of repeated elements)."""
    found = [element for element in parent if local_name(element.tag) == name]
    return found[-1] if found else None


def named(parent: Element | None, name: str) -> list[Element]:
    """The children with this local name, in any namespace; none when there is no parent."""
    return [] if parent is None else [element for element in parent if local_name(element.tag) == name]
