"""The embedded engine's ingest writer: fast parameter encoding, statements pipelined.

FalkorDB receives parameters as Cypher literals in front of the query text (``CYPHER rows=[...]
MATCH ...``). :func:`query` builds byte for byte the text the ``falkordb`` client builds
(``falkordb.helpers.stringify_param_value``), in one tight pass that also checks what the
generic path checks, and refuses (:class:`Unencodable`) anything it is not sure about, so that
the caller falls back to the checked, generic path with its precise error messages.

:class:`PipelinedWriter` sends each ingest statement without waiting for the previous ones' replies
(up to :attr:`PipelinedWriter.DEPTH` in flight): the client encodes the next batches while the server
runs one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import redis

from .._exceptions import EngineError
from .._result import Result
from . import falkor_errors
from .base import Writer

_INT64 = 2**63
_GOOD_KEYS: set[str] = set()
_KEY_TEXT: dict[str, str] = {}  # a checked map key -> its text before the value ("`key`:")


class Unencodable(Exception):
    """A value the fast path does not encode (the caller falls back to the generic path)."""


def _key(k: Any) -> str:
    if k in _GOOD_KEYS:
        return k  # type: ignore[no-any-return]
    if type(k) is not str or not k or "`" in k or "\x00" in k:
        raise Unencodable
    if len(_GOOD_KEYS) < 10_000:
        _GOOD_KEYS.add(k)
    return k


def _key_text(k: Any) -> str:
    """The text of a map key not in :data:`_KEY_TEXT` yet (checked, then kept)."""
    text = f"`{_key(k)}`:"
    if len(_KEY_TEXT) < 10_000:
        _KEY_TEXT[k] = text
    return text


def _lit(v: Any) -> str:
    t = type(v)
    if t is str:
        if "\\" in v or '"' in v:
            v = v.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{v}"'
    if t is dict:  # the rows: a text value needing no escape is written in place (most values are)
        parts = []
        for k, x in v.items():
            head = _KEY_TEXT.get(k) or _key_text(k)
            if type(x) is str and '"' not in x and "\\" not in x:
                parts.append(f'{head}"{x}"')
            else:
                parts.append(head + _lit(x))
        return "{" + ",".join(parts) + "}"
    if t is list or t is tuple:
        if v:  # texts needing no escape (study names, quotes ...): joined at once
            try:
                joined = '","'.join(v)
            except TypeError:  # not all texts
                pass
            else:
                if "\\" not in joined and joined.count('"') == 2 * len(v) - 2:
                    return '["' + joined + '"]'
        return "[" + ",".join([_lit(x) for x in v]) + "]"
    if t is bool:
        return "True" if v else "False"
    if t is int:
        if not -_INT64 <= v < _INT64:
            raise Unencodable
        return str(v)
    if v is None:
        return "null"
    if t is float:
        if not math.isfinite(v):
            raise Unencodable
        return str(v)
    raise Unencodable


def query(cypher: str, params: Mapping[str, Any] | None) -> bytes:
    """The UTF-8 text ``CYPHER `a`=1 `b`="x" <cypher>`` that FalkorDB receives for ``params``.

    Raises:
        Unencodable: a value or name needs the generic, checked path (NUL, lone surrogate,
            NaN, integer beyond 64 bits, odd map key, non-plain object).
    """
    if params is None:
        head = ""
    else:
        try:
            head = "CYPHER " + "".join([f"`{_key(k)}`={_lit(v)} " for k, v in params.items()])
        except RecursionError:
            raise Unencodable from None
    try:
        data = (head + cypher).encode("utf-8")
    except UnicodeEncodeError:
        raise Unencodable from None
    if b"\x00" in data:
        raise Unencodable
    return data


class PipelinedWriter:
    """A :class:`~msc_graph._engines.base.Writer` for one graph that keeps up to :attr:`DEPTH`
    statements in flight.

    ``send`` does not wait for the reply of its statement, only for those sent :attr:`DEPTH` before;
    ``flush`` waits for all, and must be called before the graph is published. ``write`` stays
    synchronous. With two in flight the server has the next statement queued while the client encodes
    the one after it (or counts tallies), instead of waiting for it.
    Values the fast encoder refuses go through ``fallback`` (the checked, generic writer).
    """

    def __init__(
        self,
        client: Any,
        graph: str,
        fallback: Writer,
    ) -> None:
        self._pool = client.connection_pool
        self._graph = graph
        self._fallback = fallback
        self._conn: Any = None
        self._in_flight = 0  # statements sent whose reply is not read yet

    DEPTH = 2
    """Statements in flight at most."""

    def send(self, cypher: str, params: Mapping[str, Any] | None = None) -> None:
        """Send one write statement; raise the error of an earlier one, if it failed."""
        try:
            data = query(cypher, params)
        except Unencodable:
            self.write(cypher, params)  # the generic path: it writes, or says precisely what is wrong
            return
        self.send_encoded(data)

    def send_encoded(self, data: bytes) -> None:
        """:meth:`send` of a statement already encoded (:func:`query`)."""
        if self._conn is None:
            self._conn = self._pool.get_connection()
        try:
            self._conn.send_command("GRAPH.QUERY", self._graph, data, "--compact")
        except falkor_errors.DISCONNECTED as exc:
            raise falkor_errors.lost_during_ingest(exc) from exc
        self._in_flight += 1
        while self._in_flight > self.DEPTH:
            self._read_one()

    def ready(self) -> bool:
        """Whether ``send`` would return without waiting: fewer than :attr:`DEPTH` statements in
        flight, or the server has begun to answer the oldest (the ingest counts tallies until then)."""
        if self._in_flight < self.DEPTH or self._conn is None:
            return True
        try:
            return bool(self._conn.can_read(timeout=0))
        except falkor_errors.DISCONNECTED as exc:
            raise falkor_errors.lost_during_ingest(exc) from exc

    def write(self, cypher: str, params: Mapping[str, Any] | None = None) -> Result:
        """Run one statement and return its result (after every statement sent before)."""
        self.flush()
        return self._fallback.write(cypher, params)

    def _read_one(self) -> None:
        self._in_flight -= 1
        try:
            self._conn.read_response()
        except redis.ResponseError as exc:
            raise falkor_errors.write_error(exc) from exc
        except falkor_errors.DISCONNECTED as exc:
            raise falkor_errors.lost_during_ingest(exc) from exc

    def flush(self) -> None:
        """Wait for the reply of every statement sent; raise the first error."""
        while self._in_flight:
            self._read_one()

    def wait_on_disk(self, timeout_ms: int = 600_000) -> None:
        """Wait until the server has fsynced its append-only file up to this writer's last statement
        (``WAITAOF``: every earlier write of any connection is then on disk too)."""
        self.flush()
        if self._conn is None:
            return
        try:
            self._conn.send_command("WAITAOF", 1, 0, timeout_ms)
            local = self._conn.read_response()[0]
        except redis.ResponseError as exc:
            raise falkor_errors.write_error(exc) from exc
        except falkor_errors.DISCONNECTED as exc:
            raise falkor_errors.lost_during_ingest(exc) from exc
        if int(local) < 1:
            raise EngineError(
                f"the server did not confirm within {timeout_ms / 1000:.0f} s that the new graph is on disk"
                " (its append-only file was not fsynced): nothing was published"
            )

    def close(self) -> None:
        """Give the connection back (dropped if replies are still unread, e.g. after an error)."""
        if self._conn is not None:
            if self._in_flight:
                self._conn.disconnect()
            self._pool.release(self._conn)
            self._conn = None
            self._in_flight = 0
