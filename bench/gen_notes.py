"""Notes citing documents, the way agencies write the "Đơn vị thực hiện" column.

Why a module of its own: the notes are checked too (rulesets/notes.yaml: dates that exist
and fall inside the period, one date per document number, documents of one process in
order, "(4 TTHC)" parts that add up to the value), so a clean report needs notes that are
consistent, not random strings: numbers rise with the date, every document number has
one date, and a process cites its plan before its decision before its report.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

NAMES = {"KH": "Kế hoạch", "QĐ": "Quyết định", "CV": "Công văn", "BB": "Biên bản", "BC": "Báo cáo", "TB": "Thông báo"}
STAGE = {"KH": 0, "QĐ": 1, "CV": 1, "BB": 2, "BC": 3, "TB": 3}


class Citer:
    """Cites an agency's documents dated inside a reporting window, each number once."""

    def __init__(self, rng: random.Random, code: str, start: date, last: date) -> None:
        self.rng, self.code, self.start, self.last = rng, code, start, last
        self.used: set[tuple[str, str, int]] = set()

    def when(self) -> date:
        return self.start + timedelta(days=self.rng.randint(0, (self.last - self.start).days))

    def day(self, when: date) -> str:
        style = self.rng.random()
        if style < 0.6:
            return f"{when.day:02d}/{when.month:02d}/{when.year}"
        if style < 0.9:
            return f"{when.day}/{when.month}/{when.year}"
        return f"{when.day} tháng {when.month} năm {when.year}"

    def number(self, doc_type: str, issuer: str, when: date) -> int:
        """Numbers grow through the year, as registers do; never the same number twice."""
        number = max(1, round(when.timetuple().tm_yday * 1.5)) + self.rng.randint(0, 3)
        while (doc_type, issuer, number) in self.used:
            number += 1
        self.used.add((doc_type, issuer, number))
        return number

    def cite(self, doc_type: str = "QĐ", issuer: str | None = None, when: date | None = None) -> str:
        """ "Quyết định số 11/QĐ-SYT ngày 29/01/2021"; an official letter has no type code: "828/SYT-VP"."""
        issuer = issuer or self.code
        when = when or self.when()
        number = self.number(doc_type, issuer, when)
        ident = f"{number}/{issuer}-VP" if doc_type == "CV" else f"{number}/{doc_type}-{issuer}"
        return f"{NAMES[doc_type]} số {ident} ngày {self.day(when)}"

    def chain(self, types: list[str], issuer: str | None = None) -> list[str]:
        """Documents of one process: in the order plan ≤ decision ≤ minutes ≤ report, dates rising."""
        dates = sorted(self.when() for _ in types)
        ordered = sorted(types, key=STAGE.__getitem__)
        return [self.cite(t, issuer, w) for t, w in zip(ordered, dates, strict=True)]

    def procedures(self, total: int) -> str:
        """The decisions that published `total` procedures, each with its share: "QĐ số 1243/QĐ-UBND (4 TTHC)"."""
        count = min(total, self.rng.randint(1, 3))
        cuts = sorted(self.rng.sample(range(1, total), count - 1)) if count > 1 else []
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
        cited = []
        for part in parts:
            when = self.when()
            number = self.number("QĐ", "UBND", when)
            dated = f" ngày {self.day(when)}" if self.rng.random() < 0.6 else ""
            cited.append(f"QĐ số {number}/QĐ-UBND{dated} ({part} TTHC)")
        return "; ".join(cited)

    def evidence(self) -> str:
        """A note citing the basis of a figure, now and then."""
        if self.rng.random() >= 0.12:
            return ""
        cited = [self.cite(self.rng.choice(("QĐ", "KH", "CV")))]
        return "Căn cứ " + cited[0] if self.rng.random() < 0.5 else cited[0]
