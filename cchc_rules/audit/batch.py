"""Find the reports of a batch and check them all, in worker processes when it pays.

Checking is CPU-bound and each report is independent, so a large batch is spread
over processes (one per core, two on the reference machine); a small one is checked
in this process, where starting workers would cost more than it saves. Results come
back in the files' order whichever way they were computed, so the audit's output does
not depend on the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import stat
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_rules.audit.model import AgencyRow, Fatal
from cchc_rules.audit.worker import BatchOptions, check_one, init_forked, init_worker
from cchc_rules.errors import CchcError
from cchc_rules.readers import BUILTIN_READERS

if TYPE_CHECKING:
    from cchc_rules.checker import Checker

PARALLEL_FROM = 21  # fewer files than this: starting the workers costs more than it saves
REPORT_EXTENSIONS = frozenset(ext for spec in BUILTIN_READERS for ext in spec.extensions)


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in a folder that are not reports by their name


def discover(inputs: Iterable[str | Path], extensions: frozenset[str] = REPORT_EXTENSIONS) -> Discovery:
    """Files named are always taken (a missing one becomes an unreadable row); in a folder, every
    file with a report's extension, recursively and in path order, except hidden ones and Office
    lock files (~$x.xlsx). A file reached twice (named and in a folder, or by a link) is taken once."""
    found = Discovery()
    seen: set[object] = set()

    def take(path: Path, info: os.stat_result | None = None) -> None:
        key: object = (info.st_dev, info.st_ino) if info is not None else _identity(path)
        if key not in seen:
            seen.add(key)
            found.files.append(path)

    for item in inputs:
        path = Path(item)
        if not path.is_dir():
            take(path)
            continue
        for parts, info in _walk(path):
            child = path.joinpath(*parts)
            if not stat.S_ISREG(info.st_mode) or parts[-1].startswith("~$"):
                continue
            if child.suffix.lower() in extensions:
                take(child, info)
            else:
                found.skipped.append(str(child))
    return found


def _identity(path: Path) -> object:
    try:
        info = path.stat()
    except OSError:
        return path.resolve()
    return (info.st_dev, info.st_ino)


def _walk(folder: Path) -> list[tuple[tuple[str, ...], os.stat_result]]:
    """(path parts below `folder`, stat) of every entry not hidden, sorted as sorted(rglob) sorts;
    os.walk and one stat each: resolving every path of a 10,000-file batch took half a second."""
    entries: list[tuple[tuple[str, ...], os.stat_result]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # like rglob, symlinked folders are not entered
        below = Path(root).relative_to(folder).parts
        for name in files:
            if name.startswith("."):
                continue
            try:
                entries.append(((*below, name), os.stat(os.path.join(root, name))))
            except OSError:  # a dangling link: not a file
                continue
    entries.sort(key=lambda entry: entry[0])
    return entries


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def run_batch(
    files: Sequence[Path],
    options: BatchOptions,
    jobs: int | None = None,
    progress: Callable[[], None] | None = None,
    checker: Checker | None = None,
) -> list[AgencyRow]:
    """Every file checked, in order; `progress` is called once per file as it completes."""
    jobs = jobs or default_jobs()
    paths = [str(f) for f in files]
    parallel = jobs > 1 and len(paths) >= PARALLEL_FROM
    stream = _in_workers(paths, options, jobs, checker) if parallel else _here(paths, options, checker)
    rows: list[AgencyRow] = []
    for index, item in enumerate(stream):
        if isinstance(item, Fatal):
            raise CchcError(item.code, **item.params)
        item.index = index
        rows.append(item)
        if progress is not None:
            progress()
    return rows


def _here(paths: list[str], options: BatchOptions, checker: Checker | None) -> Iterator[AgencyRow | Fatal]:
    init_worker(options, checker)
    for path in paths:
        yield check_one(path)


def _in_workers(
    paths: list[str], options: BatchOptions, jobs: int, checker: Checker | None
) -> Iterator[AgencyRow | Fatal]:
    chunk = max(1, min(32, len(paths) // (jobs * 8)))
    pool = _pool(options, jobs, checker)
    try:
        yield from pool.map(check_one, paths, chunksize=chunk)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _pool(options: BatchOptions, jobs: int, checker: Checker | None) -> ProcessPoolExecutor:
    """Workers forked from this process where that is safe: on Linux, with no other thread
    running (forking copies only the thread that forks, and a lock another thread held would
    stay locked) — they start at once, with the checker built here. Otherwise (the progress
    bar runs a thread; macOS, where fork is unsafe) forkserver: workers start from a clean,
    single-threaded process, with the package imported once in the server."""
    methods = multiprocessing.get_all_start_methods()
    if checker is not None and sys.platform.startswith("linux") and threading.active_count() == 1:
        forked = multiprocessing.get_context("fork")
        return ProcessPoolExecutor(jobs, mp_context=forked, initializer=init_forked, initargs=(options, checker))
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        context.set_forkserver_preload(["cchc_rules.audit.worker", "cchc_rules.checker"])
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=init_worker, initargs=(options,))


@contextmanager
def progress_bar(total: int, enabled: bool, label: str = "Kiểm tra / Checking") -> Iterator[Callable[[], None]]:
    """A rich progress bar on stderr, only where someone watches it (a terminal)."""
    if not enabled or total == 0:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda: None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)
