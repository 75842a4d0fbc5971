"""The engine interface shared by the embedded (FalkorDB) and the Neo4j backends.

Engines know nothing of the domain: what to index and which labels a published graph owns come
from the caller as a :class:`GraphSpec` (built from the schema table by the ingest).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from .._exceptions import SchemaError
from .._result import Result

_IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def identifier(name: str) -> str:
    """``name`` if it is a plain Cypher identifier (a label or property key), else SchemaError."""
    if not _IDENT.match(name):
        raise SchemaError(f"not a plain identifier: {name!r}")
    return name


@dataclass(frozen=True)
class IndexSpec:
    """An index (``unique``: a uniqueness constraint) on one property of one label."""

    label: str
    prop: str
    unique: bool = False


@dataclass(frozen=True)
class GraphSpec:
    """What an engine must know to publish a graph: the labels it owns and the indexes to create."""

    labels: tuple[str, ...]
    indexes: tuple[IndexSpec, ...]


class Writer(Protocol):
    """What a build step may do while a graph is being published: run write statements."""

    def write(self, cypher: str, params: Mapping[str, Any] | None = None) -> Result:
        """Run one write statement inside the publication."""
        ...


class Engine(ABC):
    """A graph engine holding the published graph."""

    backend: str

    @abstractmethod
    def read(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout_ms: int | None = None,
        max_rows: int | None = None,
    ) -> Result:
        """Run a query that the engine itself guarantees cannot write."""

    @abstractmethod
    def publish(self, build: Callable[[Writer], None], spec: GraphSpec) -> None:
        """Replace the published graph by what ``build`` writes, atomically.

        Readers see either the old graph or the new one, never a mixture; if ``build`` raises
        (or the process dies) the old graph stays published, unchanged.
        """

    def published_version(self) -> str | None:
        """A stamp that changes whenever a graph is published (by any process), read cheaply; None
        if the engine cannot tell (then callers keep what they cached)."""
        return None

    @abstractmethod
    def info(self) -> dict[str, Any]:
        """Engine name, location and version (never a password)."""

    @abstractmethod
    def close(self) -> None:
        """Release connections."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def plain(value: Any) -> Any:
    """Turn engine objects (nodes, relationships, paths, ordered maps) into plain Python."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    labels = getattr(value, "labels", None)
    if labels is not None:  # a node (FalkorDB Node or neo4j Node)
        props = getattr(value, "properties", None)
        if props is None:
            props = dict(value.items())
        return {"_labels": sorted(labels), **{k: plain(v) for k, v in dict(props).items()}}
    rel = getattr(value, "relation", None) or getattr(value, "type", None)
    if isinstance(rel, str):  # a relationship
        props = getattr(value, "properties", None)
        if props is None:
            props = dict(value.items())
        return {"_type": rel, **{k: plain(v) for k, v in dict(props).items()}}
    nodes = getattr(value, "nodes", None)
    if callable(nodes):
        nodes = nodes()
    if nodes is not None:  # a path
        rels = getattr(value, "relationships", None) or getattr(value, "edges", None)
        if callable(rels):
            rels = rels()
        return {"nodes": [plain(n) for n in nodes], "relationships": [plain(r) for r in rels or []]}
    return str(value)
