"""Graph engines: one small interface (:class:`Engine`), two implementations."""

from __future__ import annotations

from .._config import Settings
from .base import Engine, GraphSpec, IndexSpec, Writer

__all__ = ["Engine", "GraphSpec", "IndexSpec", "Writer", "open_engine"]


def open_engine(settings: Settings) -> Engine:
    """Open the engine named by ``settings.backend``."""
    if settings.backend == "neo4j":
        from .neo4j_engine import Neo4jEngine

        return Neo4jEngine(settings)
    from .embedded import EmbeddedEngine

    return EmbeddedEngine(settings)
