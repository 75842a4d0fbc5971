"""Write a :class:`Dataset` into an engine: batched ``UNWIND $rows ... CREATE``, published atomically."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._build import add_tallies, base_rows, graph_tallies
from ._derived import derived_rows
from ._engines import Engine, GraphSpec, IndexSpec, Writer
from ._fastload import gc_paused
from ._queries import _generated as statements
from ._rows import GraphRows, Row
from ._schema import KEY, index_specs
from ._tally_fork import Encode, ForkedTallies, usable

if TYPE_CHECKING:
    from ._dataset import Dataset

BATCH_SIZE = 2000
Progress = Callable[[int, int], None]


@dataclass
class IngestReport:
    """What an ingest wrote: nodes per label, relationships per type, statements, records digest."""

    nodes: dict[str, int]
    relationships: dict[str, int]
    statements: int
    digest: str


def graph_spec() -> GraphSpec:
    """The labels and indexes of the schema, as the engines take them."""
    return GraphSpec(statements.all_labels(), tuple(IndexSpec(*ix) for ix in index_specs()))


def _batches(rows: list[Any], size: int) -> list[list[Any]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]


Step = tuple[str, list[Row], Callable[[list[Row]], list[Any]]]
"""A statement, the rows of its batch, and what is sent of them (made as the batch is sent)."""


def steps_of(rows: GraphRows, batch_size: int = BATCH_SIZE) -> list[Step]:
    """The statements of ``rows`` in order, all nodes first, then relationships, each with its
    batch of rows as built and how they are sent: a node as its properties with its key among them
    (:func:`node_row`), the relationships of a batch without properties as their ends only, to a
    statement that sets none."""
    out: list[Step] = []
    for lab, nodes in rows.nodes.items():
        stmt = statements.create_nodes(lab)
        out += [(stmt, b, _node_rows) for b in _batches(nodes, batch_size)]
    for (rtype, source, target), rels in rows.rels.items():
        with_props, bare = (statements.create_rels(rtype, source, target, props) for props in (True, False))
        for b in _batches(rels, batch_size):
            out.append((with_props, b, _as_built) if any(r["props"] for r in b) else (bare, b, _ends))
    return out


def plan(rows: GraphRows, batch_size: int = BATCH_SIZE) -> list[tuple[str, list[Any]]]:
    """The ordered list of (statement, batch) to run, as sent (:func:`steps_of`)."""
    return [(stmt, send(batch)) for stmt, batch, send in steps_of(rows, batch_size)]


def node_row(row: Row) -> dict[str, Any]:
    """What the ingest sends of a node's row (``{id, props}``): its properties with its key."""
    return {KEY: row["id"], **row["props"]}


def _node_rows(batch: list[Row]) -> list[Any]:
    return [node_row(r) for r in batch]


def _ends(batch: list[Row]) -> list[Any]:
    return [{"src": r["src"], "dst": r["dst"]} for r in batch]


def _as_built(batch: list[Row]) -> list[Any]:
    return batch


def rows_and_statements(
    dataset: Dataset, batch_size: int = BATCH_SIZE
) -> tuple[GraphRows, list[tuple[str, list[Any]]]]:
    """The rows of ``dataset``'s graph and every statement an ingest sends for them, in the order
    :func:`ingest` sends them (the base graph, then the tallies view by view), counted at once."""
    with gc_paused():
        rows, statement_refs = base_rows(dataset)
        steps = plan(rows, batch_size)
        add_tallies(rows, dataset, statement_refs, None, lambda part: steps.extend(plan(part, batch_size)))
    return rows, steps


def ingest(
    engine: Engine,
    dataset: Dataset,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> IngestReport:
    """Build the graph of ``dataset`` and publish it atomically on ``engine``.

    Args:
        engine: where to publish.
        dataset: validated records (see :func:`msc_graph.validate`).
        batch_size: rows per ``UNWIND`` statement.
        progress: called with (statements done, statements total); if it raises, nothing is published.
    """
    encode: Encode | None = getattr(engine, "encode_statement", None)  # its writers send what it encodes
    child = None
    if encode is not None and usable(len(dataset.claims)):  # first: the child counts while the rows are built
        try:
            child = ForkedTallies(dataset, encode, lambda part: plan(part, batch_size))
        except OSError:  # the system refused a fork: counted in process, as without a child
            child = None
    try:
        return _ingest(engine, dataset, batch_size, progress, child)
    finally:
        if child is not None:
            child.close()


def _ingest(
    engine: Engine, dataset: Dataset, batch_size: int, progress: Progress | None, child: ForkedTallies | None
) -> IngestReport:
    with gc_paused():  # see _fastload: the rows are millions of small containers
        rows, statement_refs = base_rows(dataset, derived=False)  # the summary edges: while these are written
        steps = steps_of(rows, batch_size)
    n_base = len(steps)
    tallies: list[Step | bytes] = []  # the tallies' statements, queued view by view
    derived = counted = False

    def build(writer: Writer) -> None:
        nonlocal counted, derived, n_base
        send = getattr(writer, "send", None) or writer.write  # pipelined writers need not wait for each reply
        ready: Callable[[], bool] | None = getattr(writer, "ready", None)
        sent = 0

        def send_next() -> None:
            nonlocal sent
            step = steps[sent] if sent < n_base else tallies[sent - n_base]
            if isinstance(step, bytes):  # encoded by the child that counted it
                writer.send_encoded(step)  # type: ignore[attr-defined]
            else:
                stmt, batch, sent_of = step
                send(stmt, {"rows": sent_of(batch)})
            sent += 1
            if progress is not None:  # until the tallies are counted, more statements are to come
                progress(sent, n_base + len(tallies) + (0 if counted else 1))

        def tick() -> None:  # while the tallies are counted: a statement each time the server is free
            while sent < n_base + len(tallies) and ready is not None and ready():
                send_next()

        if not derived:  # once: the summary edges, last of the base graph (the order of base_rows)
            part = derived_rows(dataset, tick if ready is not None else None)
            rows.merge(part)
            steps.extend(steps_of(part, batch_size))
            n_base, derived = len(steps), True
        if ready is None or counted or child is not None:  # the base graph first
            while sent < n_base:
                send_next()
        if not counted:  # counted once, even if an engine ran this build again
            tallies.clear()

            def queue(part: GraphRows) -> None:  # a view's tallies, written while the next views count
                tallies.extend(steps_of(part, batch_size))

            if child is None:
                add_tallies(rows, dataset, statement_refs, tick if ready is not None else None, queue)
            else:  # the child's statements as they come, and then the tallies that count the graph
                for step in child.statements():  # encoded, or rows the encoder refused
                    tallies.append(step if isinstance(step, bytes) else (*step, _as_built))
                    send_next()
                last = graph_tallies(rows, child.counts)
                rows.merge(last)
                queue(last)
            counted = True
        while sent < n_base + len(tallies):
            send_next()

    with gc_paused():
        engine.publish(build, graph_spec())
    nodes, rels = (Counter(counts) for counts in rows.counts())
    if child is not None and child.counts is not None:  # the views' tallies, counted by the child
        nodes.update(child.counts[0])
        rels.update(child.counts[1])
    return IngestReport(dict(nodes), dict(rels), n_base + len(tallies), dataset.digest)
