"""A cache of parsed record files, keyed by the digest of each file's bytes.

Parsing YAML is most of a large ingest (PyYAML composes ~5 MB/s); the records of a file that did
not change are read back from JSON instead (~100 MB/s). What is cached is exactly what
:func:`~msc_graph._yamlread.read_entries` returns for a file (each top-level record's index, line
and data), and only for files read without any problem, so every check after it (pydantic, terms,
studies, cross-file rules) runs on a cache hit as on a cold parse, and errors read the same.

Where: ``MSC_GRAPH_CACHE_DIR``, else ``<user cache dir>/msc-graph/records`` (platformdirs, e.g.
``~/.cache/msc-graph/records``); ``MSC_GRAPH_CACHE_DIR=off`` turns it off. Deleting the folder is
always safe. An entry is used only if

* the folder is a directory of the current user that no one else may write to (else the cache is
  off: a folder others can write to could feed the loader records the files do not hold);
* the entry is a regular file of the current user, its header names this cache format, this loader
  (:data:`~msc_graph._yamlread.LOADER_VERSION`, a digest of the reader's source, the package and
  PyYAML versions) and the file digest asked for, and its body has the checksum the header gives;
* its body is JSON (never pickle) of the expected shape.

Anything else is a miss, and the file is parsed and the entry written again. Values are cached
only when JSON gives them back identical (no dates, binary, sets, non-text keys or NaN).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

FORMAT = 1
OFF = ("", "0", "off", "no", "none", "false")
MAX_BYTES = 2 << 30
"""The cache is pruned to this size (least recently used entries first) after a run that wrote to it."""
MAX_AGE = 60 * 86400
"""Entries not used for this long (seconds) are pruned."""
_SUFFIX = ".json"


def loader_tag() -> str:
    """What the cached values depend on: this format, the loader's version and source, the package
    and PyYAML versions."""
    import yaml

    from . import _fastload, _yamlread

    code = hashlib.sha256()
    for mod in (_yamlread, _fastload):
        with contextlib.suppress(OSError, TypeError):
            code.update(Path(str(mod.__file__)).read_bytes())
    version = _package_version()
    return f"{FORMAT}/{_yamlread.LOADER_VERSION}/{code.hexdigest()[:16]}/msc-graph {version}/PyYAML {yaml.__version__}"


def _package_version() -> str:
    try:
        from importlib.metadata import version

        return version("msc-graph")
    except Exception:  # not installed (a source checkout on sys.path)
        return "source"


def default_folder() -> Path | None:
    """The cache folder of this user (None: the cache is off)."""
    env = os.environ.get("MSC_GRAPH_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in OFF else Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("msc-graph", appauthor=False)) / "records"


def open_default() -> RecordCache | None:
    """The user's record cache, or None when it is off or its folder is not safe to use."""
    folder = default_folder()
    return RecordCache.open(folder) if folder is not None else None


class RecordCache:
    """Parsed record files as JSON, one entry per (file bytes, reading mode), in a private folder."""

    def __init__(self, folder: Path, tag: str) -> None:
        self.folder = folder
        self.tag = tag
        self.hits = 0
        self.misses = 0
        self.writes = 0

    @classmethod
    def open(cls, folder: Path, tag: str | None = None) -> RecordCache | None:
        """The cache in ``folder`` (created private if missing), or None if the folder is not safe
        (or the system has no user ids to check it with)."""
        if not hasattr(os, "geteuid"):
            return None
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            info = os.stat(folder)
        except OSError:
            return None
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o022:
            return None
        return cls(folder, tag or loader_tag())

    def key(self, data: bytes, single: bool) -> str:
        digest = hashlib.sha256(data).hexdigest()
        return hashlib.sha256(f"{self.tag}\0{int(single)}\0{digest}".encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{_SUFFIX}"

    def has(self, key: str) -> bool:
        """Whether an entry for ``key`` exists (it may still be refused when read)."""
        return self._path(key).is_file()

    def get(self, key: str) -> list[tuple[int, int, dict[str, Any]]] | None:
        """The records of the entry ``key`` as (index, line, data), or None (missing, stale, damaged)."""
        found = self._read(key)
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def _read(self, key: str) -> list[tuple[int, int, dict[str, Any]]] | None:
        path = self._path(key)
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
                return None
            with os.fdopen(os.dup(fd), "rb") as fh:
                raw = fh.read()
        except OSError:
            return None
        finally:
            os.close(fd)
        head, sep, body = raw.partition(b"\n")
        try:
            header = json.loads(head)
            if not sep or header != {**header, "format": FORMAT, "tag": self.tag, "key": key}:
                return None
            if header.get("sha256") != hashlib.sha256(body).hexdigest():
                return None
            rows = json.loads(body)
        except (ValueError, TypeError, RecursionError):
            return None
        if not isinstance(rows, list) or len(rows) != header.get("records"):
            return None
        out = []
        for row in rows:
            if not (isinstance(row, list) and len(row) == 3 and isinstance(row[2], dict)):
                return None
            index, line, data = row
            if type(index) is not int or type(line) is not int:
                return None
            out.append((index, line, data))
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept by the pruning
        return out

    def put(self, key: str, records: list[tuple[int, int, Any]]) -> bool:
        """Store the records of one file; False (nothing stored) when JSON would not give them back as they are."""
        rows = [[index, line, data] for index, line, data in records]
        try:
            body = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            if json.loads(body) != rows:  # int or bool keys, NaN, ...: not cached
                return False
        except (TypeError, ValueError, RecursionError, UnicodeEncodeError):
            return False  # dates, binary, sets, lone surrogates: not cached
        header = {"format": FORMAT, "tag": self.tag, "key": key, "records": len(rows)}
        header["sha256"] = hashlib.sha256(body).hexdigest()
        try:
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=_SUFFIX, dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(json.dumps(header).encode() + b"\n" + body)
                os.replace(tmp, self._path(key))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError:
            return False  # a full disk or a read-only folder: run without the cache
        self.writes += 1
        return True

    def prune(self, max_bytes: int = MAX_BYTES, max_age: float = MAX_AGE) -> int:
        """Delete entries unused for ``max_age`` seconds, then the least recently used ones until the
        folder holds at most ``max_bytes``; return how many were deleted."""
        now = time.time()
        entries = []
        with contextlib.suppress(OSError), os.scandir(self.folder) as it:
            for e in it:
                if e.name.endswith(_SUFFIX) and e.is_file(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        st = e.stat(follow_symlinks=False)
                        stale_tmp = e.name.startswith(".tmp-") and now - st.st_mtime > 3600
                        entries.append((0.0 if stale_tmp else st.st_mtime, st.st_size, e.path))
        entries.sort()
        total = sum(size for _, size, _ in entries)
        deleted = 0
        for mtime, size, path in entries:
            if now - mtime <= max_age and total <= max_bytes:
                break
            with contextlib.suppress(OSError):
                os.unlink(path)
                deleted += 1
                total -= size
        return deleted
