"""Load YAML safely and keep enough of its node tree to name the line of an error.

PyYAML is imported on first use: the shipped files are usually read back from the
cache (yamlcache.py) on a `cchc check`, so that it need not load at all."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml


@cache
def _loader() -> type[yaml.SafeLoader]:
    import yaml

    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


class Source:
    """A parsed YAML (or JSON) document and the node tree it came from."""

    def __init__(self, text: str, path: str) -> None:
        import yaml

        self.path = path
        self.node = yaml.compose(text, Loader=_loader())
        self.data: Any = yaml.load(text, Loader=_loader()) if self.node is not None else None

    def line_of(self, path: Sequence[str | int]) -> int:
        """1-based line of the deepest node that exists along path."""
        import yaml

        node = self.node
        line = (node.start_mark.line + 1) if node is not None else 1
        for key in path:
            if isinstance(node, yaml.MappingNode):
                found = None
                for k, v in node.value:
                    if str(k.value) == str(key):
                        found = (k, v)
                        break
                if found is None:
                    return line
                line = found[0].start_mark.line + 1
                node = found[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                return line
        return line


def load_text(text: str) -> Any:
    import yaml

    return yaml.load(text, Loader=_loader())


def load_shipped(text: str, path: str) -> Any:
    """A file shipped with cchc-rules (validated by its tests, not at load): read back from
    the user's cache when this exact text was parsed before, else parsed and kept there."""
    from cchc_rules import yamlcache

    data = yamlcache.get(path, text)
    if data is yamlcache.MISSING:
        data = load_text(text)
        yamlcache.put(path, text, data)
    return data


def field_path(loc: Sequence[str | int], document: Any, *, with_index: bool = False) -> str:
    """Name a field the way a user reads it: indicators[3.2].legend, or with the index a
    parser gives as well, entries[3] (1.2).raw."""
    out = ""
    node = document
    for key in loc:
        if isinstance(key, int):
            ident = node[key].get("id") if isinstance(node, list) and isinstance(node[key], dict) else None
            if with_index:
                out += f"[{key}]" + (f" ({ident})" if ident is not None else "")
            else:
                out += f"[{ident}]" if ident is not None else f"[{key}]"
        else:
            out += ("." if out else "") + str(key)
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            node = None
    return out or "(root)"
