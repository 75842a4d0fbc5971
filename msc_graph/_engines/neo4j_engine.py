"""The Neo4j backend, through the official ``neo4j`` driver."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

import neo4j
from neo4j import exceptions as nx

from .._config import Neo4jSettings, Settings
from .._exceptions import EngineUnavailable, MscGraphError, ParameterError, QueryError, ReadOnlyViolation
from .._fastload import gc_paused
from .._result import Result
from .base import Engine, GraphSpec, Writer, identifier, plain

_HOW_TO_START = "start it with `docker compose up -d --wait` (see the README's Neo4j section)"
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_USERINFO = re.compile(r"(?<=://)[^/@\s]*@")
logging.getLogger("neo4j").addHandler(logging.NullHandler())  # no driver warnings on stderr unless asked


def safe(text: str, settings: Neo4jSettings) -> str:
    """``text`` without the password, and without ``user:password@`` in URIs."""
    text = _USERINFO.sub("***@", text)
    return text.replace(settings.password, "***") if len(settings.password) >= 4 else text


def _map_error(exc: Exception, settings: Neo4jSettings) -> Exception:
    out = _mapped(exc, settings)
    if isinstance(out, MscGraphError):  # never a password in an error, even one the driver wrote
        return type(out)(safe(str(out), settings))
    return out


def _mapped(exc: Exception, settings: Neo4jSettings) -> Exception:
    if isinstance(exc, nx.AuthError):
        return EngineUnavailable(
            f"Neo4j at {settings.uri} refused the credentials of user {settings.user!r}: "
            "check NEO4J_USERNAME and NEO4J_PASSWORD"
        )
    if isinstance(exc, nx.ServiceUnavailable | nx.SessionExpired | OSError):
        return EngineUnavailable(f"cannot reach Neo4j at {settings.uri}: {_HOW_TO_START}")
    if isinstance(exc, nx.ConfigurationError | ValueError):
        return EngineUnavailable(f"bad Neo4j URI {settings.uri!r}: {exc}")
    if isinstance(exc, nx.Neo4jError):
        code = exc.code or ""
        message = (exc.message or "").lower()
        if "DatabaseNotFound" in code or ("Forbidden" in code and "database" in message):
            return EngineUnavailable(
                f"Neo4j at {settings.uri} has no database {settings.database or '(default)'!r} that user "
                f"{settings.user!r} may use: check NEO4J_DATABASE"
            )
        if "AccessMode" in code or ("write" in message and "read" in message):
            return ReadOnlyViolation("refused: this query writes, and queries here are read-only")
        return QueryError(f"Neo4j rejected the query: {exc.message or exc}")
    if isinstance(exc, nx.DriverError):
        return QueryError(f"Neo4j driver error: {exc}")
    return exc


def schema_statements(spec: GraphSpec) -> list[str]:
    """Neo4j 5 constraint and index statements for ``spec``, idempotent (``IF NOT EXISTS``)."""
    out = []
    for ix in spec.indexes:
        lab, prop = identifier(ix.label), identifier(ix.prop)
        name = f"msc_{lab.lower()}_{prop}"
        if ix.unique:
            out.append(f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{lab}) REQUIRE n.{prop} IS UNIQUE")
        else:
            out.append(f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{lab}) ON (n.{prop})")
    return out


class _TxWriter:
    def __init__(self, tx: neo4j.Transaction, settings: Neo4jSettings) -> None:
        self._tx = tx
        self._settings = settings

    def write(self, cypher: str, params: Mapping[str, Any] | None = None) -> Result:
        try:
            res = self._tx.run(cypher, dict(params or {}))  # type: ignore[arg-type]
            keys = list(res.keys())
            rows = [[plain(v) for v in rec.values()] for rec in res]
        except Exception as exc:
            raise _map_error(exc, self._settings) from exc
        return Result(keys, rows)


class Neo4jEngine(Engine):
    """A Neo4j 5 server (or any Bolt server speaking Cypher)."""

    backend = "neo4j"

    def __init__(self, settings: Settings, neo: Neo4jSettings | None = None) -> None:
        self.settings = settings
        self.neo = neo or Neo4jSettings.from_env(settings.uri, settings.auth, settings.database)
        self._no_stamp = False
        scheme = self.neo.uri.split("://", 1)[0].lower() if "://" in self.neo.uri else ""
        if scheme not in _SCHEMES:
            raise EngineUnavailable(
                f"bad Neo4j URI {safe(self.neo.uri, self.neo)!r}: use bolt://HOST:7687 or neo4j://HOST:7687"
            )
        try:
            self._driver = neo4j.GraphDatabase.driver(self.neo.uri, auth=(self.neo.user, self.neo.password))
            self._driver.verify_connectivity()
        except Exception as exc:
            raise _map_error(exc, self.neo) from exc

    def _session(self, mode: str) -> neo4j.Session:
        return self._driver.session(database=self.neo.database, default_access_mode=mode)

    def read(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        max_rows: int | None = None,
    ) -> Result:
        timeout = (timeout_ms or self.settings.query_timeout_ms) / 1000.0
        cap = max_rows or self.settings.max_rows

        @neo4j.unit_of_work(timeout=timeout)
        def work(tx: neo4j.ManagedTransaction) -> Result:
            res = tx.run(cypher, dict(params or {}))  # type: ignore[arg-type]
            keys = list(res.keys())
            rows: list[list[Any]] = []
            truncated = False
            for rec in res:
                if len(rows) >= cap:
                    truncated = True
                    break
                rows.append([plain(v) for v in rec.values()])
            return Result(keys, rows, truncated)

        try:
            with self._session(neo4j.READ_ACCESS) as session, gc_paused():  # a large answer: many small lists
                return session.execute_read(work)
        except (TypeError, ValueError, OverflowError) as exc:  # the driver could not encode a parameter
            raise ParameterError(f"cannot send the query parameters to Neo4j: {exc}") from exc
        except Exception as exc:
            raise _map_error(exc, self.neo) from exc

    def ensure_schema(self, spec: GraphSpec) -> None:
        """Create the uniqueness constraints and indexes (idempotent, Neo4j 5 syntax)."""
        try:
            with self._session(neo4j.WRITE_ACCESS) as session:
                for stmt in schema_statements(spec):
                    session.run(stmt).consume()  # type: ignore[arg-type]
        except Exception as exc:
            raise _map_error(exc, self.neo) from exc

    def publish(self, build: Callable[[Writer], None], spec: GraphSpec) -> None:
        self.ensure_schema(spec)
        ours = " OR ".join(f"n:{identifier(lab)}" for lab in spec.labels)
        try:
            with self._session(neo4j.WRITE_ACCESS) as session:
                tx = session.begin_transaction()
                try:
                    tx.run(f"MATCH (n) WHERE {ours} DETACH DELETE n").consume()  # type: ignore[arg-type]
                    build(_TxWriter(tx, self.neo))
                    tx.commit()
                except BaseException:
                    if not tx.closed():
                        tx.rollback()
                    raise
        except (nx.Neo4jError, nx.DriverError, OSError) as exc:
            raise _map_error(exc, self.neo) from exc

    def published_version(self) -> str | None:
        """The database's last committed transaction (Neo4j 5 ``SHOW DATABASE``): every publish is one
        transaction, so it changes with each. None where the server cannot say (e.g. ArcadeDB)."""
        if self._no_stamp:
            return None
        which = f"DATABASE `{self.neo.database.replace('`', '``')}`" if self.neo.database else "HOME DATABASE"
        try:
            with self._driver.session(database="system", default_access_mode=neo4j.READ_ACCESS) as session:
                query = neo4j.Query(f"SHOW {which} YIELD name, lastCommittedTxn", timeout=5)  # type: ignore[arg-type]
                rec = session.run(query).single()
        except Exception:
            self._no_stamp = True
            return None
        if rec is None or rec.get("lastCommittedTxn") is None:
            return None
        return f"{rec['name']}:{rec['lastCommittedTxn']}"

    def info(self) -> dict[str, Any]:
        server = self._driver.get_server_info()
        return {
            "backend": self.backend,
            "engine": server.agent,
            "uri": safe(self.neo.uri, self.neo),
            "user": self.neo.user,
            "database": self.neo.database or "(default)",
        }

    def close(self) -> None:
        self._driver.close()
