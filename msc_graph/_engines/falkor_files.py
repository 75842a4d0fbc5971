"""The embedded server's files: where they are, what its log says, whether its append-only file is whole.

The server persists the graph in an append-only file (redis 7+ layout: ``appendonlydir/`` with a
manifest, a base RDB and an increment). A damaged one must not start an empty graph silently, and
must be named as the cause when the server refuses to load it: :func:`aof_problem` checks the files
before a start, :func:`start_failure` reads the log after a failed one. Recovery is a fresh ingest:
:func:`set_aside` moves the damaged folder away (kept, not deleted) so that an empty server starts.
"""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from .._exceptions import EngineUnavailable

AOF_DIR = "appendonlydir"
_MANIFEST_LINE = re.compile(r"^file (\S+) seq \d+ type ([bhi])\b")
_LOAD_WORDS = ("AOF", "RDB", "append only", "appendonly", "manifest", "Short read", "Bad file format")
_CRASH = re.compile(
    r"Out Of Memory allocating \d+ bytes|crashed by signal: \d+|Guru Meditation: [^#\n]*|ASSERTION FAILED"
)


class DamagedStore(EngineUnavailable):
    """The server's append-only file is damaged: reads fail, an ingest rebuilds it."""


@dataclass(frozen=True)
class ServerPaths:
    """Where the embedded server keeps its files."""

    data_dir: Path

    @property
    def root(self) -> Path:
        return self.data_dir / "server"

    @property
    def socket(self) -> Path:
        return self.root / "falkordb.sock"

    @property
    def pidfile(self) -> Path:
        return self.root / "falkordb.pid"

    @property
    def logfile(self) -> Path:
        return self.root / "falkordb.log"

    @property
    def lockfile(self) -> Path:
        return self.root / "start.lock"

    @property
    def aof_dir(self) -> Path:
        return self.root / AOF_DIR

    @property
    def import_dir(self) -> Path:
        """An empty folder: the only place LOAD CSV could read files from, were it ever let through."""
        return self.root / "no-import"


def disk_hint(path: Path) -> str:
    """A hint that the disk holding ``path`` is full, when almost no space is left there; else ""."""
    try:
        free = shutil.disk_usage(path).free
    except OSError:
        return ""
    if free >= 1 << 20:
        return ""
    return f"; the disk holding {path} is full ({free // 1024} KiB free): free some space and retry"


def log_size(paths: ServerPaths) -> int:
    try:
        return paths.logfile.stat().st_size
    except OSError:
        return 0


def _log_lines(paths: ServerPaths, since: int) -> list[str]:
    try:
        with open(paths.logfile, "rb") as fh:
            fh.seek(since)
            return fh.read(4 << 20).decode(errors="replace").strip().splitlines()
    except OSError:
        return []


def log_tail(paths: ServerPaths, n: int = 5, since: int = 0) -> str:
    """The server's last warnings written after byte ``since`` of its log (this start's, not older ones)."""
    lines = _log_lines(paths, since)
    # redis marks warnings with '#'; the memory-overcommit advice and AOF replay notices are noise here
    noise = ("overcommit", "AOF-loading-client")
    warnings = [ln.split(" # ", 1)[1] for ln in lines if " # " in ln and not any(x in ln for x in noise)]
    chosen = warnings[-2:] if warnings else [ln.strip() for ln in lines[-n:]]
    return " | ".join(chosen)


def crash_cause(paths: ServerPaths, since: int) -> str | None:
    """Why the server crashed, if its log says so after byte ``since`` (out of memory, a signal, ...)."""
    for line in _log_lines(paths, since):
        m = _CRASH.search(line)
        if m:
            return m.group().strip()
    return None


def damaged(paths: ServerPaths, cause: str) -> DamagedStore:
    return DamagedStore(
        f"the embedded server's stored graph in {paths.aof_dir} is damaged ({cause}; its log: {paths.logfile}); "
        "nothing was changed: run `msc-graph ingest` (or g.ingest()) to rebuild the graph from the records "
        f"(the damaged files are then kept in {paths.aof_dir}.damaged-<time>)"
    )


def aof_problem(paths: ServerPaths) -> str | None:
    """What is wrong with the append-only file, seen from its files alone; None if nothing is."""
    folder = paths.aof_dir
    if not folder.is_dir():
        return None
    manifest = next(iter(sorted(folder.glob("*.manifest"))), None)
    data = [p for p in folder.iterdir() if p.suffix in (".rdb", ".aof")]
    if manifest is None:
        return f"its manifest is missing, {len(data)} data files without it" if data else None
    try:
        text = manifest.read_text(errors="replace")
    except OSError as exc:
        return f"its manifest cannot be read: {exc.strerror}"
    for line in text.splitlines():
        m = _MANIFEST_LINE.match(line)
        if m is None:
            continue  # the server itself names a malformed manifest
        name, kind = m.group(1), m.group(2)
        path = folder / name
        if kind == "h":
            continue
        if not path.is_file():
            return f"{name}, listed in its manifest, is missing"
        if kind == "b":
            size = path.stat().st_size
            if size == 0:
                return f"its base file {name} is empty (0 bytes)"
            if name.endswith(".rdb"):
                with open(path, "rb") as fh:
                    if fh.read(5) != b"REDIS":
                        return f"its base file {name} is not an RDB file"
    return None


def start_failure(paths: ServerPaths, since: int) -> str | None:
    """The cause of a failed start if it is the stored graph (the log after byte ``since``), else None."""
    lines = _log_lines(paths, since)
    for line in lines:
        m = re.search(r"Guru Meditation: ([^#\n]*)", line)
        if m and ("load" in m.group(1).lower() or "RDB" in m.group(1)):
            return m.group(1).strip().rstrip(".")
    warnings = [ln.split(" # ", 1)[1].strip() for ln in lines if " # " in ln]
    loading = [w for w in warnings if any(word in w for word in _LOAD_WORDS)]
    return loading[-1] if loading else None


def set_aside(paths: ServerPaths) -> Path:
    """Move the damaged append-only folder away (kept for inspection); return where it went."""
    dest = paths.aof_dir.with_name(f"{AOF_DIR}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    n = 1
    while dest.exists():
        dest = dest.with_name(f"{AOF_DIR}.damaged-{time.strftime('%Y%m%d-%H%M%S')}-{n}")
        n += 1
    paths.aof_dir.rename(dest)
    return dest
