"""The one place where errors of redis and FalkorDB become msc-graph errors."""

from __future__ import annotations

from pathlib import Path

import redis

from .._exceptions import EngineUnavailable, MscGraphError, QueryError, ReadOnlyViolation
from .falkor_server import disk_hint

DISCONNECTED = (redis.ConnectionError, redis.TimeoutError)
"""Errors that mean the server is gone or not answering (as opposed to a refused query)."""


def engine_message(exc: redis.ResponseError) -> str:
    """FalkorDB's own message, without the ``errMsg:``/``errCtx:`` wrapping."""
    return str(exc).split(" errCtx:")[0].removeprefix("errMsg: ").strip()


def query_error(exc: redis.ResponseError) -> QueryError | ReadOnlyViolation:
    """A query the engine refused: a write on the read-only path, a timeout, or any other error."""
    msg = engine_message(exc)
    if "read-only" in msg or "RO_QUERY" in msg:
        return ReadOnlyViolation("refused: this query writes, and queries here are read-only")
    if "timed out" in msg.lower() or "timeout" in msg.lower():
        return QueryError(f"query timed out: {msg}")
    return QueryError(f"the embedded engine rejected the query: {msg}")


def write_error(exc: redis.ResponseError) -> MscGraphError:
    """A write the engine refused; a full disk (the append-only file cannot grow) says what to do."""
    msg = engine_message(exc)
    if "MISCONF" in msg or "No space left" in msg:
        return EngineUnavailable(
            f"the embedded server could not write its append-only file ({msg}): its disk is full: "
            "free some space and run the ingest again; nothing half-built was published"
        )
    return query_error(exc)


def not_answering(exc: Exception) -> EngineUnavailable:
    """The server stopped answering a read."""
    return EngineUnavailable(f"the embedded server is not answering: {exc}")


def crashed_by_query(cause: str, logfile: Path) -> EngineUnavailable:
    """The server stopped while running a read, and its log says the read made it stop."""
    return EngineUnavailable(
        f"the embedded server stopped while running this query ({cause}; its log: {logfile}); "
        "it was not run again. The server restarts on the next query: ask for less (a smaller range, "
        "fewer rows) or lower the memory the query needs"
    )


def lost_during_ingest(exc: BaseException, data_dir: Path | None = None) -> EngineUnavailable:
    """The server went away while a graph was being built: nothing was published."""
    cause = exc.__cause__ if isinstance(exc, EngineUnavailable) and exc.__cause__ else exc
    hint = disk_hint(data_dir) if data_dir is not None else ""
    return EngineUnavailable(
        f"lost the embedded server during ingest ({cause}){hint}; nothing half-built was published: "
        "run the ingest again"
    )


def map_error(exc: Exception) -> MscGraphError | Exception:
    """Any redis error as an msc-graph error (other exceptions are returned unchanged)."""
    if isinstance(exc, redis.ResponseError):
        return query_error(exc)
    if isinstance(exc, DISCONNECTED):
        return not_answering(exc)
    return exc
