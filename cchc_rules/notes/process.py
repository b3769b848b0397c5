"""Documents of one process must not go back in time.

A note that documents an activity (an inspection, a survey) cites its documents: the
plan, the decision or letter that started it, the minutes taken while it ran, and the
reports and notices of its results. Their dates follow that order:

    plan (KH)  ≤  decision / letter (QĐ, CV, CT)  ≤  minutes (BB), results (BC, TB, KL)

and where the note says when the activity took place ("được thực hiện trong tháng
11/2021"), its minutes fall inside that month, the documents that started it no later
than its end, and its results no earlier than its start. Minutes and results are not
ordered against each other (closing minutes may follow a report).

Documents belong to one process when their clauses name the same activity ("kiểm tra",
"khảo sát", …) and their issuers do not differ. A document cited as the basis ("Căn cứ
…") is not part of it. When the order is broken, the document to blame is the one whose
removal restores it with the fewest documents (a minimum vertex cover of the broken
pairs); a document outside the stated month is always blamed. When two documents only
contradict each other, neither is blamed and the pair is reported.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import combinations

from cchc_rules.notes.cache import Record, lazy_regex
from cchc_rules.notes.citations import Citation, MonthMention, ParsedNote

STAGE = {"KH": 0, "QĐ": 1, "CV": 1, "CT": 1, "BB": 2, "BC": 3, "TB": 3, "KL": 3}
RECORD, RESULT = 2, 3
_AFTERWARDS = lazy_regex(r"xử\s+lý|kết\s+luận|khắc\s+phục|khen\s+thưởng|kỷ\s+luật", re.IGNORECASE)
MAX_EXACT = 12


class Problem(Record):
    """A document dated out of its process's order: before what it follows, after what it precedes,
    or outside the window the note gives; or, with `pair`, one of two that contradict each other.

    A Record (notes/cache.py): a frozen dataclass would cost every start of `cchc` a millisecond."""

    citation: Citation
    activity: str
    follows: tuple[Citation, ...] = ()  # dated before these, though it comes after them
    precedes: tuple[Citation, ...] = ()  # dated after these, though it comes before them
    window: MonthMention | None = None
    pair: Citation | None = None

    def __init__(
        self,
        citation: Citation,
        activity: str,
        follows: tuple[Citation, ...] = (),
        precedes: tuple[Citation, ...] = (),
        window: MonthMention | None = None,
        pair: Citation | None = None,
    ) -> None:
        vars(self).update(
            citation=citation, activity=activity, follows=follows, precedes=precedes, window=window, pair=pair
        )

    @property
    def variant(self) -> str:
        if self.pair is not None:
            return "pair"
        order = "before" if self.follows else "after" if self.precedes else ""
        if order and self.window is not None:
            return f"{order}_window"
        return order or "window"


def stage(citation: Citation) -> int | None:
    value = STAGE.get(citation.doc_type or "")
    if value == 1 and _AFTERWARDS().search(citation.clause):
        return RESULT  # "Quyết định … xử lý sau kiểm tra" comes after the inspection
    return value


def _day(citation: Citation) -> date:
    assert citation.date is not None and citation.date.value is not None
    return citation.date.value


def _comparable(a: Citation, b: Citation) -> bool:
    """a must not be dated after b: a starts what b records or reports."""
    sa, sb = stage(a), stage(b)
    if sa is None or sb is None or sa >= sb or (sa == RECORD and sb == RESULT):
        return False
    return a.issuer is None or b.issuer is None or a.issuer == b.issuer


def _outside(citation: Citation, window: MonthMention) -> bool:
    when, kind = _day(citation), stage(citation)
    if kind == RECORD:
        return not window.first <= when <= window.last
    if kind == RESULT:
        return when < window.first
    return when > window.last


def sequence_problems(parsed: ParsedNote) -> list[Problem]:
    problems: dict[int, Problem] = {}
    dated = [c for c in parsed.citations if not c.basis and c.date is not None and c.date.value is not None]
    for activity in sorted({a for c in dated for a in c.activities}):
        docs = [c for c in dated if activity in c.activities and stage(c) is not None]
        windows = [m for m in parsed.months if activity in parsed.text[slice(*parsed.clause_of(m.start))].casefold()]
        window = windows[0] if len(windows) == 1 else None
        forced = {i for i, c in enumerate(docs) if window is not None and _outside(c, window)}
        edges = [
            (i, j) if _comparable(a, b) else (j, i)
            for (i, a), (j, b) in combinations(enumerate(docs), 2)
            if (_comparable(a, b) and _day(a) > _day(b)) or (_comparable(b, a) and _day(b) > _day(a))
        ]
        if not edges and not forced:
            continue
        blamed = _blame(len(docs), edges, forced)
        for i in sorted(blamed):
            doc = docs[i]
            follows = tuple(docs[a] for a, b in edges if b == i and a not in blamed)
            precedes = tuple(docs[b] for a, b in edges if a == i and b not in blamed)
            problems.setdefault(doc.start, Problem(doc, activity, follows, precedes, window if i in forced else None))
        for a, b in edges:
            if a not in blamed and b not in blamed and docs[a].start not in problems:
                problems[docs[a].start] = Problem(docs[a], activity, pair=docs[b])
    return [problems[k] for k in sorted(problems)]


def _blame(count: int, edges: list[tuple[int, int]], forced: set[int]) -> set[int]:
    """The documents every smallest explanation blames: forced ones, plus the intersection of
    all minimum vertex covers of the broken pairs they leave."""
    rest = [(a, b) for a, b in edges if a not in forced and b not in forced]
    if not rest:
        return set(forced)
    nodes = sorted({n for edge in rest for n in edge})
    if len(nodes) > MAX_EXACT:
        return set(forced)
    for size in range(1, len(nodes) + 1):
        covers = [set(c) for c in combinations(nodes, size) if all(a in c or b in c for a, b in rest)]
        if covers:
            return set(forced) | set.intersection(*covers)
    return set(forced)
