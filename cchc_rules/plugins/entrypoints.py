"""Find the installed packages' plugins (an entry point group) without importing
importlib.metadata when no installed package offers one.

Why: importing importlib.metadata (email, zipfile, csv …) and reading every installed
distribution costs tens of milliseconds on each start of `cchc`, and almost every
environment has no third-party plugin. The metadata folders on sys.path are scanned for
an entry_points.txt with the group's section; importlib.metadata runs whenever one has
it, or wherever this scan cannot see (a zip on sys.path, a custom distribution finder).
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import PathFinder
from typing import Any


def _declares(path: str, group: str) -> bool:
    """Does this entry_points.txt have a [group] section (read as importlib.metadata reads it)?"""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return False
    if group.encode("utf-8") not in data:
        return False  # most packages' entry points: no need to decode and read them line by line
    for line in data.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]") and line.strip("[]").strip() == group:
            return True
    return False


def may_offer(group: str) -> bool:
    """False only when no distribution on sys.path can declare entry points in this group."""
    if any(hasattr(finder, "find_distributions") and finder is not PathFinder for finder in sys.meta_path):
        return True  # a finder of its own: only importlib.metadata knows what it holds
    for entry in sys.path:
        if not isinstance(entry, str):
            return True
        root = entry or "."
        try:
            children = os.listdir(root)
        except NotADirectoryError:
            return True  # a zip archive (or another file) on the path
        except OSError:
            continue  # a folder that does not exist: nothing there
        egg = root.lower().endswith(".egg")
        for child in children:
            low = child.lower()
            if (low.endswith((".dist-info", ".egg-info")) or (egg and low == "egg-info")) and _declares(
                os.path.join(root, child, "entry_points.txt"), group
            ):
                return True
    return False


def entry_points(group: str) -> list[Any]:
    """importlib.metadata's entry points of the group, or none without loading it when none can exist."""
    if not may_offer(group):
        return []
    from importlib import metadata

    return list(metadata.entry_points(group=group))
