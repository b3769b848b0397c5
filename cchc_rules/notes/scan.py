"""Scanning a note quickly without changing what the parsers' expressions find.

Why: the parsers' expressions start with lookbehinds or ignore case, so the regular
expression engine tries them at every position of a note, which is most of what parsing
a note cost (issue #10). Here each expression keeps its exact definition and is only
tried where it can match: a cheap *candidate* expression (starting with a character
class, so the engine skips to it in C) lists the positions where a match may start, and
`matches` tries the expression at those positions the way `finditer` would (left to
right, never inside the previous match). As long as the candidates include every
position where the expression can match, the result is identical to `finditer`.

Candidates written for an expression that ignores case must allow every character that
case-insensitive matching allows: `ci` builds those classes (Python's `re` also matches
"K" KELVIN SIGN for "k", "İ" and "ı" for "i", "ſ" for "s"; tests/test_notes_speed_equivalence.py
checks the table against every code point).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Characters that re.IGNORECASE matches with a letter besides its lower and upper case.
_ALSO = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def ci_chars(chars: str) -> str:
    """The characters re.IGNORECASE matches for each of `chars`, escaped for use inside a class."""
    variants: dict[str, None] = {}
    for ch in chars:
        lower, upper = ch.lower(), ch.upper()
        variants.update(dict.fromkeys(ch + (lower if len(lower) == 1 else "") + (upper if len(upper) == 1 else "")))
        variants.update(dict.fromkeys(_ALSO.get(lower, "")))
    return "".join(re.escape(v) for v in variants)


def ci(text: str) -> str:
    """`text` as an expression that matches at least what re.IGNORECASE matches for it."""
    out = []
    for ch in text:
        chars = ci_chars(ch)
        out.append(chars if chars == re.escape(ch) else f"[{chars}]")
    return "".join(out)


def matches(
    pattern: re.Pattern[str], text: str, candidates: Iterable[int], endpos: int | None = None
) -> list[re.Match[str]]:
    """What pattern.finditer(text[:endpos]) finds, trying it only at `candidates` (ascending).

    Exact when every position where the pattern can match is a candidate: finditer tries
    the positions left to right and resumes at the end of each match; none of our patterns
    matches the empty string."""
    found: list[re.Match[str]] = []
    resume = 0
    end = len(text) if endpos is None else endpos
    match = pattern.match
    for position in candidates:
        if position < resume:
            continue
        hit = match(text, position, end)
        if hit is not None:
            found.append(hit)
            resume = hit.end()
    return found


def starts(candidates: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> list[int]:
    """Where the one-character candidate expression matches: every such position, since each
    match is one character long and the search resumes right after it."""
    if endpos is None:
        return [m.start() for m in candidates.finditer(text, pos)]
    return [m.start() for m in candidates.finditer(text, pos, endpos)]


def tail_start(text: str, end: int, tokens: int = 2) -> int:
    """A position at or before the start of any match that ends at `end` and spans at most
    `tokens` whitespace-separated pieces (with any whitespace around them).

    Used to search an expression anchored at the end ("…\\s*$") from here with
    endpos=end, instead of over the whole text before `end`: the result is the same,
    because the engine sees the real characters before the position (\\b, lookbehinds)
    and treats endpos as the end of the string."""
    head = text[:end].rstrip()
    for _ in range(tokens):
        cut = head.rsplit(None, 1)
        if len(cut) < 2:
            return 0
        head = cut[0]
    return len(head)
