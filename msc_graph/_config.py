"""Settings, read from arguments first and the environment second."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ._exceptions import ConfigError

BACKENDS = ("embedded", "neo4j")
DEFAULT_GRAPH = "msc"
MAX_TIMEOUT_MS = 600_000
"""The longest query timeout (10 minutes): the embedded server refuses any longer one."""
MAX_ROWS_LIMIT = 100_000_000
PAGE_ROWS = 100
"""Rows of an answer shown first where people read it (``ask`` as a table, the explorer): the engine
stops there (``Graph.query(max_rows=...)``), so a first page costs what it shows; more on request."""
"""The largest row cap."""
_GRAPH_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")


def whole_number(value: object, name: str, low: int, high: int, unit: str = "") -> int:
    """``value`` (an int, or text from the environment) as an int in ``low..high``, else ConfigError."""
    text = value.strip() if isinstance(value, str) else value
    number: int | None = None
    if isinstance(text, int) and not isinstance(text, bool):
        number = text
    elif isinstance(text, str) and re.fullmatch(r"[+-]?[0-9]{1,12}", text):
        number = int(text)
    if number is None or not low <= number <= high:
        raise ConfigError(f"{name} must be a whole number{unit} from {low} to {high}, not {value!r}")
    return number


def default_data_dir() -> Path:
    """The user's data directory for msc-graph (``MSC_GRAPH_DATA_DIR`` overrides it)."""
    env = os.environ.get("MSC_GRAPH_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("msc-graph", appauthor=False))


@dataclass(frozen=True)
class Neo4jSettings:
    """Connection settings of the Neo4j backend. ``password`` is never printed."""

    uri: str
    user: str
    password: str = field(repr=False)
    database: str | None = None

    @classmethod
    def from_env(
        cls, uri: str | None = None, auth: tuple[str, str] | None = None, database: str | None = None
    ) -> Neo4jSettings:
        """Arguments first, then ``NEO4J_URI``, ``NEO4J_USERNAME``/``NEO4J_USER``, ``NEO4J_PASSWORD``,
        ``NEO4J_DATABASE``."""
        uri = uri or os.environ.get("NEO4J_URI") or "bolt://localhost:7687"
        if auth is not None:
            user, password = auth
        else:
            user = os.environ.get("NEO4J_USERNAME") or os.environ.get("NEO4J_USER") or "neo4j"
            env_password = os.environ.get("NEO4J_PASSWORD")
            if env_password is None:
                raise ConfigError("NEO4J_PASSWORD is not set: export it (the same one docker-compose.yml uses)")
            password = env_password
        return cls(uri, user, password, database or os.environ.get("NEO4J_DATABASE") or None)


@dataclass(frozen=True)
class Settings:
    """Which backend to use and where its data lives."""

    backend: str = "embedded"
    data_dir: Path = field(default_factory=default_data_dir)
    graph: str = DEFAULT_GRAPH
    query_timeout_ms: int = 30_000
    max_rows: int = 100_000
    uri: str | None = None  # Neo4j only; None: NEO4J_URI
    auth: tuple[str, str] | None = field(default=None, repr=False)  # Neo4j (user, password); None: env
    database: str | None = None  # Neo4j only; None: NEO4J_DATABASE or the server's default

    @classmethod
    def resolve(
        cls,
        backend: str | None = None,
        data_dir: str | Path | None = None,
        graph: str | None = None,
        query_timeout_ms: int | None = None,
        max_rows: int | None = None,
        uri: str | None = None,
        auth: tuple[str, str] | None = None,
        database: str | None = None,
    ) -> Settings:
        name = (
            (backend or ("neo4j" if uri else None) or os.environ.get("MSC_GRAPH_BACKEND") or "embedded").strip().lower()
        )
        if name not in BACKENDS:
            raise ConfigError(f"unknown backend {name!r}: choose one of {', '.join(BACKENDS)}")
        if query_timeout_ms is not None:
            timeout = whole_number(query_timeout_ms, "query_timeout_ms", 1, MAX_TIMEOUT_MS, " of milliseconds")
        else:
            env = os.environ.get("MSC_GRAPH_TIMEOUT_MS") or "30000"
            timeout = whole_number(env, "MSC_GRAPH_TIMEOUT_MS", 1, MAX_TIMEOUT_MS, " of milliseconds")
        if max_rows is not None:
            rows = whole_number(max_rows, "max_rows", 1, MAX_ROWS_LIMIT)
        else:
            env = os.environ.get("MSC_GRAPH_MAX_ROWS") or "100000"
            rows = whole_number(env, "MSC_GRAPH_MAX_ROWS", 1, MAX_ROWS_LIMIT)
        graph_name = graph or os.environ.get("MSC_GRAPH_GRAPH") or DEFAULT_GRAPH
        if not _GRAPH_NAME.fullmatch(graph_name):
            raise ConfigError(
                f"graph name {graph_name!r} (MSC_GRAPH_GRAPH): use a letter, then up to 63 letters, digits, '_' or '-'"
            )
        return cls(
            backend=name,
            data_dir=Path(data_dir).expanduser() if data_dir else default_data_dir(),
            graph=graph_name,
            query_timeout_ms=timeout,
            max_rows=rows,
            uri=uri,
            auth=auth,
            database=database,
        )
