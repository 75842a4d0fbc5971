"""Parse the record files of a load in worker processes, before the loader asks for them.

Parsing YAML is CPU-bound Python (PyYAML composes ~5 MB/s), and one file does not depend on
another, so the files a load will read are parsed by one process per core when there is enough to
parse (:data:`MIN_BYTES` not found in the record cache). The loader then takes each file's result
in its usual order (:func:`msc_graph._loader.load`): the digest, the issues and their order, and the
records are those of reading the files one by one (:func:`~msc_graph._yamlread.read_entries` runs
on each file, in a worker instead of in the loader). Anything unusual (no ``fork``, other threads
running, a worker that fails) and the files are simply read in the loader, one by one.
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ._exceptions import RecordIssue
from ._yamlread import Entry, read_bytes, read_entries

if TYPE_CHECKING:
    from ._loader_cache import RecordCache

MIN_BYTES = 8 << 20
"""Parse in workers only when at least this much YAML is not in the cache (a process costs ~20 ms)."""
MAX_WORKERS = 4


@dataclass
class Parsed:
    """What :func:`read_entries` gave for one file: the bytes read (None: not read), records, issues."""

    data: bytes | None
    entries: list[Entry]
    issues: list[RecordIssue]


Job = tuple[Path, str, bool]  # path, label, single
_CACHE: RecordCache | None = None  # the loader's cache, inherited by the forked workers


def record_files(root: Path, vocab_stems: list[str]) -> list[tuple[Path, bool]]:
    """The files a load of ``root`` reads (path, single record), as :func:`_loader.load` reads them."""
    files = [(root / "vocab" / f"{stem}.yaml", False) for stem in [*vocab_stems, "ambiguous"]]
    sources = root / "sources"
    for folder in sorted(p for p in sources.glob("*") if p.is_dir()) if sources.is_dir() else []:
        files += [(folder / "source.yaml", True), (folder / "studies.yaml", False)]
        files += [(p, False) for p in sorted((folder / "claims").glob("*.yaml"))]
    return [(p, single) for p, single in files if p.is_file()]


def _workers() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return min(MAX_WORKERS, cores)


def _parse(job: Job) -> Parsed:
    path, label, single = job
    got: list[bytes] = []
    issues: list[RecordIssue] = []
    entries = read_entries(path, label, issues, single, seen=got.append, cache=_CACHE)
    return Parsed(got[0] if got else None, entries, issues)


def _cached(cache: RecordCache | None, path: Path, root: Path, single: bool) -> tuple[bool, int]:
    """Whether the file's entry is in the cache already, and its size."""
    try:
        data = read_bytes(path, root)
    except (OSError, ValueError):
        return True, 0  # read (and reported) by the loader itself
    if cache is None:
        return False, len(data)
    return cache.has(cache.key(data, single)), len(data)


def prefetch(
    root: Path, jobs: list[tuple[Path, str, bool]], cache: RecordCache | None, min_bytes: int = MIN_BYTES
) -> dict[tuple[Path, bool], Parsed]:
    """Parse in worker processes the files of ``jobs`` (path, label, single) that the cache does not
    hold, when they add up to ``min_bytes`` or more; their results by (path, single)."""
    workers = _workers()
    if workers < 2 or sys.platform != "linux" or threading.active_count() > 1:
        return {}
    todo: list[tuple[int, Job]] = []
    for path, label, single in jobs:
        hit, size = _cached(cache, path, root, single)
        if not hit:
            todo.append((size, (path, label, single)))
    if len(todo) < 2 or sum(size for size, _ in todo) < min_bytes:
        return {}
    todo.sort(key=lambda t: -t[0])  # largest first: the workers finish together
    global _CACHE
    _CACHE = cache
    try:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(workers, len(todo)), mp_context=ctx) as pool:
            results = list(pool.map(_parse, [job for _, job in todo]))
    except Exception:  # no fork, a worker killed, ...: the loader reads the files itself
        return {}
    finally:
        _CACHE = None
    if cache is not None:
        cache.writes += sum(1 for r in results if r.data is not None and not r.issues)
    return {(job[0], job[2]): res for (_, job), res in zip(todo, results, strict=True)}
