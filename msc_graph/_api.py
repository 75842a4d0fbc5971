"""The public facade: :func:`connect` returns a :class:`Graph`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _queries
from ._catalogue import CatalogueMixin
from ._config import Settings
from ._engines import Engine, Result, open_engine
from ._exceptions import GraphEmptyError, UnknownTermError
from ._ingest import IngestReport, ingest
from ._readonly import check_read_only
from ._results import snake_columns, to_frame
from ._schema import NODE_LABELS, VOCAB_LABELS, resolve_label
from ._schema import label as schema_label
from ._vocab import Vocabulary

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from . import _loader

_KINDS = {
    "MSCSource": "MSC source", "CellType": "cell type", "RCDMode": "RCD mode",
    "ModeOfAction": "mode of action", "Molecule": "molecule", "Pathway": "pathway",
    "Inducer": "inducer", "Model": "model", "Study": "study",
}  # fmt: skip


class Graph(CatalogueMixin):
    """A connection to the msc-graph database, on either engine.

    Example:
        >>> import msc_graph
        >>> g = msc_graph.connect()            # embedded engine, started on first use
        >>> g.ingest()                         # curated records -> published graph
        >>> g.modes_of_action(rcd="necroptosis")
    """

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self._vocab: dict[str, Vocabulary] | None = None

    # -- lifecycle -----------------------------------------------------------------------
    def close(self) -> None:
        """Release the connection (the embedded server keeps running for other processes)."""
        self.engine.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<msc_graph.Graph backend={self.settings.backend!r} graph={self.settings.graph!r}>"

    # -- building ------------------------------------------------------------------------
    def validate(self, path: str | Path | None = None) -> _loader.Dataset:
        """Validate the records under ``path`` (default: the shipped ``ingest/``), no writes."""
        from . import _loader  # lazily: YAML and pydantic are for building, not for asking

        return _loader.load(path)

    def ingest(
        self,
        path: str | Path | None = None,
        *,
        batch_size: int | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> IngestReport:
        """Validate the records and publish them as the graph, atomically.

        If validation or writing fails, the previously published graph stays as it was.
        """
        from . import _loader

        dataset = _loader.load(path)
        kwargs: dict[str, Any] = {"progress": progress}
        if batch_size:
            kwargs["batch_size"] = batch_size
        report = ingest(self.engine, dataset, **kwargs)
        self._vocab = None
        return report

    # -- asking --------------------------------------------------------------------------
    def queries(self) -> pd.DataFrame:
        """Every named query with its description, parameters and returned columns."""
        return list_queries()

    def prepare(self, name: str, **params: Any) -> tuple[str, dict[str, Any]]:
        """The Cypher of a named query and its parameters as the engine receives them.

        Term parameters are resolved to canonical ids, defaults filled in: the pair can be
        pasted into the Neo4j Browser (``:param`` lines) or run with :meth:`cypher`.
        """
        query = _queries.get(name)
        bound = query.bind(params)
        for p in query.params:
            lab = p.term_label
            if lab is not None and bound.get(p.name) is not None:
                bound[p.name] = self.resolve(bound[p.name], lab or None)
        return query.cypher, bound

    def ask(self, name: str, **params: Any) -> pd.DataFrame:
        """Run the named query ``name`` (see :meth:`queries`); terms accept any synonym."""
        return to_frame(self._ask_rows(name, **params))

    def _ask_rows(self, name: str, **params: Any) -> Result:
        """What :meth:`ask` returns, as plain rows (the CLI prints them without importing pandas)."""
        cypher, bound = self.prepare(name, **params)
        res = self.engine.read(cypher, bound)
        cols = snake_columns(res.columns)
        returns = list(_queries.get(name).returns)
        if cols != returns:  # as DataFrame.reindex: declared order, missing columns empty
            rows = [[dict(zip(cols, r, strict=True)).get(c) for c in returns] for r in res.rows]
            return Result(returns, rows, res.truncated)
        return Result(cols, res.rows, res.truncated)

    def cypher(self, text: str, **params: Any) -> pd.DataFrame:
        """Run your own Cypher, read-only: any write is refused before and by the engine."""
        check_read_only(text)
        return to_frame(self.engine.read(text, params))

    def modes_of_action(self, rcd: str) -> pd.DataFrame:
        """Which modes of action rescue cells from ``rcd`` (e.g. "necroptosis")."""
        return self.ask("modes-of-action-rescuing", rcd=rcd)

    # -- vocabulary ----------------------------------------------------------------------
    def vocabulary(self) -> dict[str, Vocabulary]:
        """Spellings of every term in the published graph, by label (cached)."""
        if self._vocab is None:
            vocab = {lab: Vocabulary(_KINDS.get(lab, lab)) for lab in (*VOCAB_LABELS.values(), "Study")}
            for row in self.engine.read(_queries.get("vocabulary").cypher).records():
                lab = row["label"]
                if lab in vocab:
                    vocab[lab].add(row["id"], row["name"] or row["id"], row["synonyms"] or [])
            self._vocab = vocab
        return self._vocab

    def _is_id(self, term: str, lab: str) -> bool:
        cypher = f"MATCH (n:{schema_label(lab)} {{id: $id}}) RETURN count(n) AS n"
        return bool(self.engine.read(cypher, {"id": term}).rows[0][0])

    def resolve(self, term: str, label: str | None = None) -> str:
        """The canonical id of ``term`` (id, name or any synonym), optionally within a label.

        Raises:
            UnknownTermError: with the nearest known terms as suggestions.
        """
        if self._vocab is None and label and self._is_id(term, resolve_label(label)):
            return term  # an exact id: one indexed lookup instead of loading every term
        vocab = self.vocabulary()
        if not any(v.names for v in vocab.values()):
            raise GraphEmptyError(
                f"the graph {self.settings.graph!r} is empty: run `msc-graph ingest` (or g.ingest()) first"
            )
        if label:
            return vocab[resolve_label(label)].resolve(term)
        for v in vocab.values():
            if term in v:
                return v.resolve(term)
        suggestions: list[str] = []
        for v in vocab.values():
            suggestions += v.suggest(term, 2)
        raise UnknownTermError("term", term, suggestions[:5])

    # -- overview ------------------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        """Engine description and the number of nodes per label and relationships per type."""
        info = self.engine.info()
        nodes = {r["label"]: r["count"] for r in self.engine.read(_queries.get("node-counts").cypher).records()}
        rels = {r["type"]: r["count"] for r in self.engine.read(_queries.get("relationship-counts").cypher).records()}
        info["nodes"] = {lab: nodes.get(lab, 0) for lab in NODE_LABELS}
        from ._schema import REL_TYPES

        info["relationships"] = {t: rels.get(t, 0) for t in REL_TYPES}
        return info

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole published graph as a networkx MultiDiGraph (node keys: ``Label:id``).

        The whole graph is read: the row cap for user queries does not apply here.
        """
        import sys

        import networkx as nx

        g = nx.MultiDiGraph()
        for row in self.engine.read(_queries.get("all-nodes").cypher, max_rows=sys.maxsize).records():
            props = dict(row["props"] or {})
            g.add_node(f"{row['label']}:{row['id']}", label=row["label"], **props)
        for row in self.engine.read(_queries.get("all-relationships").cypher, max_rows=sys.maxsize).records():
            g.add_edge(
                f"{row['source_label']}:{row['source']}",
                f"{row['target_label']}:{row['target']}",
                key=row["type"],
                type=row["type"],
                **dict(row["props"] or {}),
            )
        return g


def list_queries() -> pd.DataFrame:
    """Every named query with its description, parameters and returned columns."""
    import pandas as pd

    rows = [
        {
            "name": q.name,
            "description": q.description,
            "params": ", ".join(f"{p.name}: {p.type}" + ("" if p.required else f" = {p.default}") for p in q.params),
            "returns": ", ".join(q.returns),
        }
        for q in _queries.registry().values()
    ]
    return pd.DataFrame(rows, columns=["name", "description", "params", "returns"])


def connect(
    backend: str | None = None,
    *,
    data_dir: str | Path | None = None,
    graph: str | None = None,
    query_timeout_ms: int | None = None,
    max_rows: int | None = None,
) -> Graph:
    """Connect to msc-graph.

    Args:
        backend: ``"embedded"`` (default; FalkorDB started on first use) or ``"neo4j"``
            (settings from ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``,
            ``NEO4J_DATABASE``). Default from ``MSC_GRAPH_BACKEND``.
        data_dir: where the embedded engine keeps its data (``MSC_GRAPH_DATA_DIR``).
        graph: name of the embedded graph (default ``msc``).
        query_timeout_ms: per-query timeout.
        max_rows: cap on the rows returned by one query.
    """
    settings = Settings.resolve(backend, data_dir, graph, query_timeout_ms, max_rows)
    return Graph(open_engine(settings), settings)
