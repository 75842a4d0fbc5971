"""msc-graph: how mesenchymal stem/stromal cells rescue stressed cells from regulated cell death.

A graph database of the studies in "Mesenchymal stem/stromal cell function in modulating cell
death" (Stem Cell Res Ther 2019;10:56), queried with named Cypher queries from Python, a CLI or
the Neo4j Browser.

>>> import msc_graph
>>> g = msc_graph.connect()                  # or connect(uri="bolt://…", auth=(user, password))
>>> g.ingest()
>>> g.modes_of_action(rcd="necroptosis")     # a pandas DataFrame
>>> g.query("gap-map")                       # a msc_graph.Result (rows, columns, types; .to_frame())

Public modules: :mod:`msc_graph.analytics` (networkx projections and rankings),
:mod:`msc_graph.plots` (matplotlib figures), :mod:`msc_graph.export` (GraphML, Cytoscape, KGX,
neo4j-admin CSV, claims JSON, HTML result pages). Everything else (``msc_graph._*``) is private.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._api import Graph, connect, validate
from ._config import default_data_dir
from ._exceptions import (
    AmbiguousTermError,
    ConfigError,
    EngineError,
    EngineUnavailable,
    GraphEmptyError,
    MscGraphError,
    ParameterError,
    QueryError,
    QueryFileError,
    ReadOnlyViolation,
    RecordError,
    RecordIssue,
    SchemaError,
    UnknownQueryError,
    UnknownTermError,
)
from ._queries import NamedQuery, Param, registry
from ._result import Result

if TYPE_CHECKING:
    from . import analytics, export, plots
    from ._ingest import IngestReport
    from ._router import Answer, Reading

__version__ = "0.1.0"

_MODULES = ("analytics", "export", "plots")
_LAZY = {"IngestReport": "._ingest", "Answer": "._router", "Reading": "._router"}


def __getattr__(name: str) -> Any:
    """The public modules and a few classes, imported on first use (``import msc_graph`` stays fast
    for the CLI: asking needs neither the builder, the writer nor the question router)."""
    if name in _MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def named_queries() -> dict[str, NamedQuery]:
    """Every named query shipped with the package, by name (catalogue first, then system queries)."""
    return dict(registry())


def start_server(data_dir: str | Path | None = None) -> Path:
    """Start the embedded FalkorDB server of ``data_dir`` (no-op if it runs); return its socket."""
    from ._engines import falkor_server  # redis: imported when a server is managed, not at start-up

    return falkor_server.ensure_running(Path(data_dir) if data_dir else default_data_dir())


def stop_server(data_dir: str | Path | None = None) -> bool:
    """Stop the embedded server of ``data_dir`` (its data stays on disk); False if it was not running."""
    from ._engines import falkor_server  # redis: imported when a server is managed, not at start-up

    return falkor_server.stop(Path(data_dir) if data_dir else default_data_dir())


def server_status(data_dir: str | Path | None = None) -> dict[str, Any]:
    """Whether the embedded server of ``data_dir`` runs: pid, socket, memory."""
    from ._engines import falkor_server  # redis: imported when a server is managed, not at start-up

    return dict(falkor_server.status(Path(data_dir) if data_dir else default_data_dir()))


__all__ = [
    "AmbiguousTermError",
    "Answer",
    "ConfigError",
    "EngineError",
    "EngineUnavailable",
    "Graph",
    "GraphEmptyError",
    "IngestReport",
    "MscGraphError",
    "NamedQuery",
    "Param",
    "ParameterError",
    "QueryError",
    "QueryFileError",
    "ReadOnlyViolation",
    "Reading",
    "RecordError",
    "RecordIssue",
    "Result",
    "SchemaError",
    "UnknownQueryError",
    "UnknownTermError",
    "__version__",
    "analytics",
    "connect",
    "export",
    "named_queries",
    "plots",
    "server_status",
    "start_server",
    "stop_server",
    "validate",
]
