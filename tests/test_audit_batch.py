"""The audit's machinery: finding the files, checking them in worker processes (the same
result as in one process), the robust outliers on synthetic data, and the small parsers."""

from __future__ import annotations

import math
from array import array
from pathlib import Path
from typing import Any

import pytest

from cchc_rules.audit import audit, batch
from cchc_rules.audit.jsonout import audit_dict
from cchc_rules.audit.model import AgencyRow, Values
from cchc_rules.audit.outliers import find_outliers, robust_z
from cchc_rules.audit.rates import rate_sources
from cchc_rules.audit.worker import note_ratio
from cchc_rules.catalogue import Catalogue, default_catalogue
from cchc_rules.checker import Checker
from cchc_rules.errors import CchcError
from cchc_rules.model import Entry, ParsedValue, ValueKind, ValueStatus

from helpers import SAMPLE
from test_audit_fixtures import SO_TU_PHAP


def test_discover_takes_reports_recursively_and_skips_the_rest(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("a.txt", "sub/b.xlsx", "sub/c.DOCX", ".hidden.txt", ".git/d.txt", "~$lock.xlsx", "readme.md"):
        (tmp_path / name).write_text("x")
    found = batch.discover([tmp_path, tmp_path / "a.txt", tmp_path / "gone.csv"])
    names = [p.relative_to(tmp_path).as_posix() for p in found.files]
    assert names == ["a.txt", "sub/b.xlsx", "sub/c.DOCX", "gone.csv"]
    assert [Path(s).name for s in found.skipped] == ["readme.md"]


def test_discover_orders_by_path_and_takes_a_linked_file_once(tmp_path: Path) -> None:
    for name in ("b.txt", "a/z.txt", "a/b/c.txt", "a-b.txt", "A.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / "link.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "folder-link").symlink_to(tmp_path / "a", target_is_directory=True)
    found = batch.discover([tmp_path / "b.txt", tmp_path])
    names = [p.relative_to(tmp_path).as_posix() for p in found.files]
    assert names == ["b.txt", "A.txt", "a/b/c.txt", "a/z.txt", "a-b.txt"]
    rglob = [p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*.txt")) if p.is_file()]
    assert names[1:] == [n for n in rglob if n not in ("b.txt", "link.txt")]  # the order rglob gives


# -- parallel ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.generate import generate

    folder = tmp_path_factory.mktemp("generated")
    generate(folder, 40, seed=7, mistakes=0.4)
    (folder / "manifest.json").unlink()
    (folder / "zz-broken.docx").write_bytes(b"PK\x03\x04 broken")
    return folder


@pytest.mark.parametrize("threads", [1, 2], ids=["forked", "forkserver"])
def test_parallel_gives_the_same_result_as_sequential(
    generated: Path, monkeypatch: pytest.MonkeyPatch, threads: int
) -> None:
    used: list[int] = []
    methods: list[str] = []
    real, real_pool = batch._in_workers, batch._pool

    def spy(paths: list[str], options: Any, jobs: int, checker: Any) -> Any:
        used.append(jobs)
        return real(paths, options, jobs, checker)

    def pool_spy(*args: Any) -> Any:
        made = real_pool(*args)
        methods.append(made._mp_context.get_start_method())
        return made

    monkeypatch.setattr(batch, "_in_workers", spy)
    monkeypatch.setattr(batch, "_pool", pool_spy)
    # Another thread running (as the progress bar's does) rules out forking this process.
    monkeypatch.setattr(batch.threading, "active_count", lambda: threads)
    one = audit(generated, jobs=1)
    assert used == []
    two = audit(generated, jobs=2)
    assert used == [2]
    assert methods == ["fork" if threads == 1 else "forkserver"]
    assert len(two.reports) == 41 and two.statuses()["unreadable"] == 1
    assert audit_dict(one) == audit_dict(two)
    assert [r.source for r in two.rows] == sorted(r.source for r in two.rows if r.source)


def test_a_small_batch_stays_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "_in_workers", lambda *a: pytest.fail("no workers for a small batch"))
    assert audit([SAMPLE, SO_TU_PHAP], jobs=2).statuses()["errors"] == 1


def test_a_bug_on_one_file_does_not_stop_the_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc_rules.audit import worker

    real = worker.summarise

    def fragile(result: Any, lang: str, digest: str = "", **options: Any) -> Any:
        if result.report.meta.agency == "Sở Tư pháp":
            raise RuntimeError("boom\nwith a second line")
        return real(result, lang, digest, **options)

    monkeypatch.setattr(worker, "summarise", fragile)
    result = audit([SO_TU_PHAP, SAMPLE])
    broken, sample = result.rows
    assert (broken.status, broken.error_code) == ("unreadable", "internal")
    assert broken.error == "lỗi nội bộ khi kiểm tra tệp này: RuntimeError: boom with a second line"
    assert sample.status == "errors"


def test_a_broken_ruleset_stops_the_audit(tmp_path: Path, generated: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("ruleset: {id: x}\nrules: [{id: X-1, kind: nope}]\n", encoding="utf-8")
    with pytest.raises(CchcError) as caught:
        audit(generated, rulesets=[bad], jobs=2)
    assert caught.value.code == "invalid-ruleset"


# -- outliers --------------------------------------------------------------------------------------


def synthetic(values: list[float], ident: str, kind: str, start: int = 0) -> list[AgencyRow]:
    """Consolidated rows of one period with a single value each."""
    ids = tuple(default_catalogue().indicators)
    rows = []
    for number, value in enumerate(values, start=start):
        numbers = array("d", [math.nan] * len(ids))
        numbers[ids.index(ident)] = value
        row = AgencyRow(index=number, source=f"r{number}.txt", agency=f"{kind} {number}", agency_kind=kind,
                        period="2021", values=Values(ids, numbers, tuple("" for _ in ids)))  # fmt: skip
        row.consolidated = True
        rows.append(row)
    return rows


def catalogue_for(period: str | None) -> Catalogue:
    return default_catalogue()


def outliers(rows: list[AgencyRow]) -> list[tuple[int, str]]:
    return [(r.index, f.message) for r in rows for f in r.audit_findings if f.rule_id == "AUDIT-OUTLIER"]


def test_robust_outlier_among_agencies_of_one_kind() -> None:
    communes = synthetic([100, 105, 98, 102, 99, 101, 97, 103, 100, 5000], "3.4.6", "ubnd-xa")
    find_outliers(communes, catalogue_for, "vi")
    assert outliers(communes) == [(9, "3.4.6 = 5000 khác xa các cơ quan cùng loại (UBND cấp xã, 10 cơ quan): "
                                      "trung vị 100,5, MAD 2, z = 1652,4")]  # fmt: skip
    (finding,) = communes[9].audit_findings
    assert finding.severity == "info" and finding.params["median"] == "100,5"


def test_no_outlier_without_peers_or_without_spread() -> None:
    few = synthetic([1, 2, 3, 4, 500], "3.4.6", "ubnd-xa")  # five communes: too few to say what is usual
    flat = synthetic([0, 0, 0, 0, 0, 0, 0, 3, 50], "1.2", "ubnd-huyen")  # MAD = 0
    mixed = synthetic([10, 12, 11, 9, 10, 11, 12], "3.4.6", "so-nganh", start=20)
    mixed += synthetic([5000], "3.4.6", "ubnd-huyen", start=30)  # a district is not compared with departments
    rows = few + flat + mixed
    find_outliers(rows, catalogue_for, "vi")
    assert outliers(rows) == []
    assert robust_z([3, 3, 3, 3, 9]) is None


def test_departments_are_compared_with_departments() -> None:
    """Thanh tra tỉnh and Sở Nội vụ are kinds of sở, ngành: one group."""
    rows = synthetic([40, 42, 41, 39, 40, 43], "3.4.6", "so-nganh")
    rows += synthetic([41], "3.4.6", "so-noi-vu", start=6) + synthetic([900], "3.4.6", "thanh-tra-tinh", start=7)
    find_outliers(rows, catalogue_for, "en")
    found = [(i, m.split(" (")[0]) for i, m in outliers(rows)]
    assert found == [(7, "3.4.6 = 900 is far from agencies of the same kind")]


# -- small parsers --------------------------------------------------------------------------------


def entry(note: str, raw: str = "93,69%", number: float | None = 93.69, decimals: int = 2) -> Entry:
    value = ParsedValue(kind=ValueKind.RATE, status=ValueStatus.NUMBER, number=number, decimals=decimals)
    return Entry(id="7.6.3.a", raw=raw, value=value, note=note)


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("1604/1712 văn bản", (1604, 1712)),
        ("Gồm 1.604/1.712 văn bản", (1604, 1712)),
        ("Tính đến ngày 29/01/2021", None),  # a date
        ("Quyết định số 11/QĐ-TTT; 1604 / 1712", (1604, 1712)),  # a document number is skipped
        ("800/1712 văn bản", None),  # disagrees with the rate it should support
        ("1712/1604", None),  # more than the whole
    ],
)
def test_note_ratio(note: str, expected: tuple[int, int] | None) -> None:
    assert note_ratio(entry(note)) == expected


def test_note_ratio_of_a_blank_rate() -> None:
    assert note_ratio(entry("0/1712 văn bản", raw="", number=None)) == (0, 1712)


def test_rate_sources_from_the_rulesets() -> None:
    sources = rate_sources(Checker().rule_specs())
    assert sources["7.6.3.a"].base == "7.6.3" and sources["3.4.7.1.c"].base == "3.4.6"
    assert sources["7.8.3"].numerator == ("7.8.2",) and sources["7.8.3"].denominator == ("7.8.1",)  # so_tttt
    assert "3.4.1.3" not in sources and "7.6.1.a" not in sources


def test_a_worker_leaves_interning_its_cells_to_the_process_that_keeps_them() -> None:
    import pickle
    import sys

    def cell() -> str:  # made at run time, so not interned by the compiler
        return "".join(["7", " ", "văn bản"])

    sent = Values(("1.1",), array("d", [7.0]), (cell(),), intern=False)
    kept = pickle.loads(pickle.dumps(sent))
    assert kept.raws == sent.raws and kept.ids == sent.ids and list(kept.numbers) == [7.0]
    assert kept.raws[0] is sys.intern(cell()) and sent.raws[0] is not kept.raws[0]
    here = Values(("1.1",), array("d", [7.0]), (cell(),))
    assert here.raws[0] is kept.raws[0]
