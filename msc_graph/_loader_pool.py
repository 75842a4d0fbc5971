"""Parse the record files of a load in worker processes, before the loader reads them.

Parsing YAML is CPU-bound Python (PyYAML composes ~5 MB/s) and one file does not depend on another,
so when enough YAML (:data:`MIN_BYTES`) is not in the record cache, fresh worker processes
(``python -m msc_graph._loader_pool``, one per core) parse the missing files into the cache first.
The loader then reads every file as always (:func:`~msc_graph._yamlread.read_entries` with the
cache): what the workers stored is a cache hit, anything else (a file with a problem, which is
never cached, a file changed in between, a worker that failed) is parsed by the loader itself.
The records, the issues and their order are therefore exactly those of a load without workers.

When the user's cache is off, the workers fill a private temporary cache for that load only.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ._exceptions import RecordIssue
from ._machine import cores
from ._yamlread import read_bytes, read_entries

if TYPE_CHECKING:
    from ._loader_cache import RecordCache

MIN_BYTES = 8 << 20
"""Parse in workers only when at least this much YAML is not in the cache (a worker costs ~0.1 s)."""
MAX_WORKERS = 4
TIMEOUT = 3600.0


def record_files(root: Path, vocab_stems: list[str]) -> list[tuple[Path, bool]]:
    """The files a load of ``root`` reads (path, single record), as :func:`_loader.load` reads them."""
    files = [(root / "vocab" / f"{stem}.yaml", False) for stem in [*vocab_stems, "ambiguous"]]
    sources = root / "sources"
    for folder in sorted(p for p in sources.glob("*") if p.is_dir()) if sources.is_dir() else []:
        files += [(folder / "source.yaml", True), (folder / "studies.yaml", False)]
        files += [(p, False) for p in sorted((folder / "claims").glob("*.yaml"))]
    return [(p, single) for p, single in files if p.is_file()]


def workers() -> int:
    """Worker processes to use: the cores this process may run on (at most :data:`MAX_WORKERS`)."""
    return min(MAX_WORKERS, cores())


def _missing(cache: RecordCache, root: Path, files: list[tuple[Path, bool]]) -> list[tuple[int, Path, bool]]:
    out = []
    for path, single in files:
        try:
            data = read_bytes(path, root)
        except (OSError, ValueError):
            continue  # read (and reported) by the loader itself
        if not cache.has(cache.key(data, single)):
            out.append((len(data), path, single))
    return out


def prefetch(
    root: Path, files: list[tuple[Path, bool]], cache: RecordCache | None, min_bytes: int | None = None
) -> tuple[RecordCache | None, Path | None]:
    """Fill the cache with the files not in it, in workers, when they add up to ``min_bytes``.

    Returns the cache the load should read through (``cache``, or a temporary one when ``cache`` is
    None and workers ran) and the temporary folder to delete after the load (or None).
    """
    n = workers()
    if n < 2:
        return cache, None
    tmp = None
    if cache is None:
        from ._loader_cache import RecordCache

        tmp = Path(tempfile.mkdtemp(prefix="msc-graph-parse-"))
        cache = RecordCache.open(tmp / "records")
        if cache is None:
            drop(tmp)
            return None, None
    todo = _missing(cache, root, files)
    limit = MIN_BYTES if min_bytes is None else min_bytes
    if len(todo) < 2 or sum(size for size, _, _ in todo) < limit:
        if tmp is not None:
            drop(tmp)
            return None, None
        return cache, None
    shares: list[list[tuple[Path, bool]]] = [[] for _ in range(min(n, len(todo)))]
    loads = [0] * len(shares)
    for size, path, single in sorted(todo, key=lambda t: -t[0]):  # largest first, to the least loaded
        k = loads.index(min(loads))
        shares[k].append((path, single))
        loads[k] += size
    _run(cache, root, shares)
    cache.writes += len(todo)  # (about) what the workers stored: the cache is pruned after the load
    return cache, tmp


def _run(cache: RecordCache, root: Path, shares: list[list[tuple[Path, bool]]]) -> None:
    package_parent = str(Path(__file__).resolve().parent.parent)  # msc_graph importable as it is here
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([package_parent, os.environ.get("PYTHONPATH", "")])}
    procs = []
    for share in shares:
        args = [sys.executable, "-m", "msc_graph._loader_pool", str(cache.folder), cache.tag, str(root)]
        args += [f"{int(single)}{path}" for path, single in share]
        with contextlib.suppress(OSError):
            procs.append(
                subprocess.Popen(
                    args,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
    for proc in procs:  # whatever a worker did or did not store, the loader reads every file itself
        try:
            proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def drop(folder: Path | None) -> None:
    """Delete a temporary cache folder made by :func:`prefetch`."""
    if folder is not None:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


def _worker(argv: list[str]) -> int:
    """``python -m msc_graph._loader_pool FOLDER TAG ROOT (0|1)PATH...``: parse the files into the cache."""
    from ._fastload import gc_paused
    from ._loader_cache import RecordCache

    folder, tag, root, *files = argv
    cache = RecordCache.open(Path(folder), tag)
    if cache is None:
        return 1
    with gc_paused():
        for item in files:
            path = Path(item[1:])
            issues: list[RecordIssue] = []
            read_entries(path, str(path), issues, item[0] == "1", folder=Path(root), cache=cache)
    return 0


if __name__ == "__main__":
    sys.exit(_worker(sys.argv[1:]))
