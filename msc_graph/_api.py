"""The public facade: :func:`connect` returns a :class:`Graph`; :func:`validate` needs no connection."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _queries
from ._catalogue import CatalogueMixin
from ._config import MAX_ROWS_LIMIT, Settings, whole_number
from ._engines import Engine, open_engine
from ._exceptions import ConfigError, GraphEmptyError, ParameterError
from ._fastload import gc_paused
from ._queries import _generated as statements
from ._result import Result
from ._schema import NODE_LABELS, REL_TYPES, VOCAB_LABELS, resolve_label
from ._terms import TermIndex, Vocabulary, normalize

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from ._dataset import Dataset
    from ._ingest import IngestReport
    from ._router import Answer


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
        self._terms: TermIndex | None = None
        self._terms_stamp: str | None = None

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
    def validate(self, path: str | Path | None = None) -> Dataset:
        """Validate the records under ``path`` (default: the shipped ``ingest/``), no writes."""
        return validate(path)

    def ingest(
        self,
        path: str | Path | None = None,
        *,
        batch_size: int | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> IngestReport:
        """Validate the records and publish them as the graph, atomically.

        If validation or writing fails (or ``progress`` raises), the previously published graph
        stays as it was.
        """
        from ._ingest import ingest  # lazily: asking needs neither the builder nor the writer

        kwargs: dict[str, Any] = {"progress": progress}
        if batch_size:
            kwargs["batch_size"] = batch_size
        # One pause for the whole build (see _fastload.gc_paused), ended only once the records and rows
        # are freed: ending a pause while they live makes the collector scan every one of them.
        with gc_paused():
            try:
                return ingest(self.engine, validate(path), **kwargs)
            finally:
                self._terms = None

    # -- asking --------------------------------------------------------------------------
    def queries(self) -> pd.DataFrame:
        """Every named query with its description, parameters and returned columns."""
        return list_queries().to_frame()

    def prepare(self, name: str, /, **params: Any) -> tuple[str, dict[str, Any]]:
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
        if query.caps_itself:
            bound[_queries.ROW_CAP] = self.settings.max_rows + 1
        return query.cypher, bound

    def read_named(self, name: str, params: Mapping[str, Any] | None = None, *, max_rows: object = None) -> Result:
        """Run the named query ``name`` with ``params`` (terms resolved), as a :class:`Result`.

        Columns come in the order the query file declares. ``max_rows`` replaces the row cap
        (``sys.maxsize``: none). A ``max_rows`` given here is applied by the engine
        (:attr:`NamedQuery.capped`): rows past it are neither built nor sent, and ``truncated`` says
        that there were more. (The connection's own cap cuts the whole answer after reading it, so
        that an answer's order among rows that sort alike stays the engine's full-sort order.)
        """
        cypher, bound = self.prepare(name, **dict(params or {}))
        query = _queries.get(name)
        cap = self.settings.max_rows if max_rows is None else _row_cap(max_rows)
        if query.caps_itself or (max_rows is not None and query.capped is not None and cap <= MAX_ROWS_LIMIT):
            # one row more than the cap tells whether there were more
            cypher, bound = query.capped or cypher, {**bound, _queries.ROW_CAP: min(cap, MAX_ROWS_LIMIT) + 1}
        res = self.engine.read(cypher, bound, max_rows=cap).snake_cased()
        return res.select(query.returns)

    def query(self, name: str, /, *, max_rows: object = None, **params: Any) -> Result:
        """Run the named query ``name`` (see :meth:`queries`) and return its :class:`Result`.

        ``max_rows``: at most this many rows (default: the connection's row cap, ``MSC_GRAPH_MAX_ROWS``);
        the result's ``truncated`` is true when the answer had more.
        """
        return self.read_named(name, params, max_rows=max_rows)

    def ask(self, name: str, /, *, max_rows: object = None, **params: Any) -> pd.DataFrame:
        """Run the named query ``name`` (see :meth:`queries`); terms accept any synonym.

        ``max_rows`` as for :meth:`query`; ``frame.attrs["truncated"]`` says whether rows were left out.
        """
        return self.query(name, max_rows=max_rows, **params).to_frame()

    def run_cypher(self, text: str, /, *, max_rows: object = None, **params: Any) -> Result:
        """Run your own Cypher, read-only, and return its :class:`Result` (snake_case columns).

        ``max_rows``: keep at most this many rows (default: the row cap); the whole answer is read.
        """
        from ._readonly import check_read_only  # lazily: named queries do not need the Cypher reader

        check_read_only(text)
        cap = None if max_rows is None else _row_cap(max_rows)
        return self.engine.read(text, params, max_rows=cap).snake_cased()

    def cypher(self, text: str, /, *, max_rows: object = None, **params: Any) -> pd.DataFrame:
        """Run your own Cypher, read-only: any write is refused before and by the engine."""
        return self.run_cypher(text, max_rows=max_rows, **params).to_frame()

    def modes_of_action(self, rcd: str) -> pd.DataFrame:
        """Which modes of action rescue cells from ``rcd`` (e.g. "necroptosis")."""
        return self.ask("modes-of-action-rescuing", rcd=rcd)

    def question(self, text: str, /, *, answer: bool = True) -> Answer:
        """Read a plain-language question as a named query with its terms; answer it when confident.

        Deterministic and local (no model, no network): vocabulary spellings longest first, the cue
        words of each query file's header, terms filling the query's parameters by label. Returns an
        :class:`~msc_graph.Answer`: ``.reading`` (query, params as ids, how each part of the question
        was read, ``.command``: the exact ``msc-graph ask NAME -p …``), ``.confident``, ``.confidence``
        and, when confident (and ``answer``), ``.result``: the :class:`Result`.

        A question it cannot read confidently raises nothing: ``confident`` is False, ``result`` is
        None, ``.readings`` holds the three best readings (each with its command) and ``.problems``
        says why (unknown or ambiguous words, no word saying what is asked, a missing term).

        Raises:
            GraphEmptyError: when nothing was ingested yet.
        """
        from ._router import route  # the router's tables are built on first use

        terms = self.terms()
        if terms.empty:
            raise GraphEmptyError(
                f"the graph {self.settings.graph!r} is empty: run `msc-graph ingest` (or g.ingest()) first"
            )
        out = route(text, terms)
        if answer and out.confident and out.reading is not None:
            out.result = self.query(out.reading.query, **out.reading.params)
        return out

    # -- terms ---------------------------------------------------------------------------
    def terms(self) -> TermIndex:
        """Every term and study of the published graph by any spelling (cached until a publish, by any
        process, changes the engine's publication stamp)."""
        stamp = self.engine.published_version()
        if self._terms is None or stamp != self._terms_stamp:
            with gc_paused():  # a dict per term, a set per spelling: see _fastload.gc_paused
                self._terms = TermIndex.from_rows(self.read_named("vocabulary", max_rows=sys.maxsize).records())
            self._terms_stamp = stamp
        return self._terms

    def vocabulary(self) -> dict[str, Vocabulary]:
        """Spellings of every term in the published graph, by label (cached)."""
        return self.terms().vocabs

    def resolve(self, term: str, label: str | None = None) -> str:
        """The canonical id of ``term`` (id, name or any synonym), optionally within a label.

        Raises:
            UnknownTermError: with the nearest known terms as suggestions.
            GraphEmptyError: when nothing was ingested yet.
        """
        if self._terms is None and label:
            lab = resolve_label(label)
            if self.engine.read(statements.count_by_id(lab), {"id": term}).rows[0][0]:
                return term  # an exact id: one indexed lookup instead of loading every term
            text = normalize(term) if lab in _SPELLED else ""
            if text:  # a spelling of one vocabulary term: one more indexed lookup
                ids = self.engine.read(statements.ids_spelled(lab), {"text": text}).rows
                if len(ids) == 1:
                    return str(ids[0][0])
            # several terms, none, or a study or source: the whole index (its errors list candidates)
        terms = self.terms()
        if terms.empty:
            raise GraphEmptyError(
                f"the graph {self.settings.graph!r} is empty: run `msc-graph ingest` (or g.ingest()) first"
            )
        return terms.resolve(term, label)

    def node(self, label: str, node_id: str) -> dict[str, Any]:
        """A node's properties and its evidence: the claims behind it, with table rows and quotes."""
        lab = resolve_label(label)
        found = self.engine.read(statements.node_properties(lab), {"id": node_id}).records()
        if not found:
            return {"label": lab, "id": node_id, "found": False, "properties": {}, "claims": []}
        claims = self.engine.read(statements.node_claims(lab), {"id": node_id}).records()
        for c in claims:
            rows = [{k: v for k, v in r.items() if k != "_labels"} for r in c["rows"] or [] if isinstance(r, dict)]
            c["rows"] = sorted(rows, key=lambda r: (r.get("table", 0), r.get("row", 0)))
        return {"label": lab, "id": node_id, "found": True, "properties": found[0]["props"] or {}, "claims": claims}

    def studies_behind(self, result: Result) -> list[dict[str, Any]]:
        """The studies an answer rests on (its study, studies, ref, refs and claim columns), to cite them."""
        values: set[str] = set()
        refs: set[int] = set()
        for row in result.records():
            for col in ("study", "studies", "claim", "claims"):
                v = row.get(col)
                values.update(x for x in (v if isinstance(v, list) else [v]) if isinstance(x, str))
            for col in ("ref", "refs", "a_refs", "b_refs", "hypothesis_refs"):
                v = row.get(col)
                refs.update(x for x in (v if isinstance(v, list) else [v]) if isinstance(x, int))
        if not values and not refs:
            return []
        found = self.read_named("studies-cited", {"values": sorted(values), "refs": sorted(refs)}, max_rows=sys.maxsize)
        return [dict(r["study"]) for r in found]

    def cite(self, result: Result, fmt: str = "bibtex") -> str:
        """The studies behind ``result`` as ``bibtex``, ``ris`` or ``csl-json`` text."""
        from . import _cite

        if fmt not in _cite.FORMATS:
            raise ParameterError(f"citation format must be one of {', '.join(_cite.FORMATS)}, not {fmt!r}")
        return _cite.render(self.studies_behind(result), fmt)

    # -- overview ------------------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        """Engine description and the number of nodes per label and relationships per type."""
        info = self.engine.info()
        nodes = {r["label"]: r["count"] for r in self.query("node-counts")}
        rels = {r["type"]: r["count"] for r in self.query("relationship-counts")}
        info["nodes"] = {lab: nodes.get(lab, 0) for lab in NODE_LABELS}
        info["relationships"] = {t: rels.get(t, 0) for t in REL_TYPES}
        return info

    def to_networkx(self, *, tallies: bool = False) -> nx.MultiDiGraph:
        """The whole published graph as a networkx MultiDiGraph (node keys: ``Label:id``; edge keys: the
        relationship type, with ``#2``, ``#3`` for further edges of one type between the same nodes).

        The whole graph is read, label by label in pages (``all-nodes``, then ``all-relationships`` of
        each page's nodes), so no single query holds it: the row cap for user queries does not apply.
        The next page is read while the one before is added (see :mod:`msc_graph._networkx`).
        ``Tally`` nodes (answers counted by the ingest) are left out unless ``tallies`` is true.
        """
        from . import _networkx

        with gc_paused():  # hundreds of thousands of attribute dicts: see _fastload.gc_paused
            return _networkx.build(self.read_named, tallies=tallies)


_SPELLED = frozenset(VOCAB_LABELS.values())
"""Labels whose every spelling (id, name, synonyms) is a ``Spelling`` node of the graph and names one
term unless declared ambiguous (the loader refuses a clash): a spelling naming exactly one term of the
label resolves to it as the whole index would (``Graph.resolve``; tests/test_term_spellings.py)."""


def _row_cap(max_rows: object) -> int:
    """A caller's ``max_rows``: a whole number from 1 to ``MAX_ROWS_LIMIT``, or ``sys.maxsize`` (no cap)."""
    if max_rows == sys.maxsize and type(max_rows) is int:
        return sys.maxsize
    try:
        return whole_number(max_rows, "max_rows", 1, MAX_ROWS_LIMIT)
    except ConfigError as exc:
        raise ParameterError(str(exc)) from None


def list_queries() -> Result:
    """Every named query with its question, description, parameters and returned columns."""
    rows = [
        [
            q.name,
            q.question,
            q.description,
            ", ".join(f"{p.name}: {p.type}" + ("" if p.required else f" = {p.default}") for p in q.params),
            ", ".join(q.returns),
        ]
        for q in _queries.registry().values()
    ]
    return Result(["name", "question", "description", "params", "returns"], rows)


def validate(path: str | Path | None = None) -> Dataset:
    """Read and validate the curated records under ``path`` (default: the shipped ``ingest/``).

    No database is needed. Returns the validated :class:`Dataset` (studies, claims, terms).

    Raises:
        RecordError: every problem found, each naming the file, the record and the field.
    """
    from . import _loader  # lazily: YAML and pydantic are for building, not for asking

    return _loader.load(path)


def connect(
    backend: str | None = None,
    *,
    uri: str | None = None,
    auth: tuple[str, str] | None = None,
    database: str | None = None,
    data_dir: str | Path | None = None,
    graph: str | None = None,
    query_timeout_ms: int | None = None,
    max_rows: int | None = None,
) -> Graph:
    """Connect to msc-graph.

    Args:
        backend: ``"embedded"`` (default; FalkorDB started on first use) or ``"neo4j"``.
            Default from ``MSC_GRAPH_BACKEND``; ``"neo4j"`` when ``uri`` is given.
        uri: Neo4j URI, e.g. ``bolt://localhost:7687`` (default ``NEO4J_URI``).
        auth: Neo4j ``(user, password)`` (default ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``).
        database: Neo4j database (default ``NEO4J_DATABASE``, else the server's default).
        data_dir: where the embedded engine keeps its data (``MSC_GRAPH_DATA_DIR``).
        graph: name of the embedded graph (default ``msc``).
        query_timeout_ms: per-query timeout.
        max_rows: cap on the rows returned by one query.
    """
    settings = Settings.resolve(backend, data_dir, graph, query_timeout_ms, max_rows, uri, auth, database)
    return Graph(open_engine(settings), settings)
