"""Write a :class:`Dataset` into an engine: batched ``UNWIND $rows ... MERGE``, published atomically."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._build import GraphRows, build_rows
from ._engines import Engine, Writer
from ._fastload import gc_paused
from ._schema import REL_TYPES, label, rel_type

if TYPE_CHECKING:
    from ._loader import Dataset

BATCH_SIZE = 2000
Progress = Callable[[int, int], None]


def node_statement(lab: str) -> str:
    """The batched MERGE of nodes of one label (the label comes from the schema whitelist)."""
    return f"UNWIND $rows AS r MERGE (n:{label(lab)} {{id: r.id}}) SET n += r.props"


def rel_statement(rtype: str) -> str:
    """The batched MERGE of relationships of one type between existing nodes."""
    spec = REL_TYPES[rel_type(rtype)]
    return (
        f"UNWIND $rows AS r MATCH (a:{label(spec.source)} {{id: r.src}}) "
        f"MATCH (b:{label(spec.target)} {{id: r.dst}}) "
        f"MERGE (a)-[e:{rel_type(rtype)}]->(b) SET e += r.props"
    )


@dataclass
class IngestReport:
    """What an ingest wrote."""

    nodes: dict[str, int]
    relationships: dict[str, int]
    statements: int
    digest: str


def _batches(rows: list[Any], size: int) -> list[list[Any]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def plan(rows: GraphRows, batch_size: int = BATCH_SIZE) -> list[tuple[str, list[Any]]]:
    """The ordered list of (statement, batch) to run: all nodes first, then relationships."""
    steps: list[tuple[str, list[Any]]] = []
    for lab, nodes in rows.nodes.items():
        steps += [(node_statement(lab), b) for b in _batches(nodes, batch_size)]
    for rtype, rels in rows.rels.items():
        steps += [(rel_statement(rtype), b) for b in _batches(rels, batch_size)]
    return steps


def ingest(
    engine: Engine,
    dataset: Dataset,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    fail_after: int | None = None,
) -> IngestReport:
    """Build the graph of ``dataset`` and publish it atomically on ``engine``.

    Args:
        engine: where to publish.
        dataset: validated records (see :func:`msc_graph._loader.load`).
        batch_size: rows per ``UNWIND`` statement.
        progress: called with (statements done, statements total).
        fail_after: testing hook: raise after this many statements were written.
    """
    with gc_paused():  # see _fastload: the rows are millions of small containers
        rows = build_rows(dataset)
        steps = plan(rows, batch_size)

    def build(writer: Writer) -> None:
        send = getattr(writer, "send", None) or writer.write  # pipelined writers need not wait for each reply
        for done, (stmt, batch) in enumerate(steps, start=1):
            if fail_after is not None and done > fail_after:
                raise RuntimeError(f"ingest aborted on purpose after {fail_after} statements")
            send(stmt, {"rows": batch})
            if progress is not None:
                progress(done, len(steps))

    with gc_paused():
        engine.publish(build)
    nodes, rels = rows.counts()
    return IngestReport(nodes, rels, len(steps), dataset.digest)
