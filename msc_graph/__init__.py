"""msc-graph: how mesenchymal stem/stromal cells rescue stressed cells from regulated cell death.

A graph database of the studies in "Mesenchymal stem/stromal cell function in modulating cell
death" (Stem Cell Res Ther 2019;10:56), queried with named Cypher queries from Python, a CLI or
the Neo4j Browser.

>>> import msc_graph
>>> g = msc_graph.connect()
>>> g.ingest()
>>> g.modes_of_action(rcd="necroptosis")
"""

from __future__ import annotations

from . import _analytics as analytics
from ._api import Graph, connect
from ._exceptions import (
    ConfigError,
    EngineError,
    EngineUnavailable,
    GraphEmptyError,
    MscGraphError,
    ParameterError,
    QueryError,
    ReadOnlyViolation,
    RecordError,
    RecordIssue,
    UnknownQueryError,
    UnknownTermError,
)
from ._ingest import IngestReport
from ._schema import SchemaError

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "EngineError",
    "EngineUnavailable",
    "Graph",
    "GraphEmptyError",
    "IngestReport",
    "MscGraphError",
    "ParameterError",
    "QueryError",
    "ReadOnlyViolation",
    "RecordError",
    "RecordIssue",
    "SchemaError",
    "UnknownQueryError",
    "UnknownTermError",
    "__version__",
    "analytics",
    "connect",
]
