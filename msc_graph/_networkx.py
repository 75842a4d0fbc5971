"""The whole published graph as a networkx ``MultiDiGraph`` (:meth:`Graph.to_networkx`), read in pages.

The graph is read label by label, a page of nodes (``all-nodes``) and then the relationships leaving
them (``all-relationships``), so no single query holds it. The reads overlap: a helper thread reads
the pages of nodes ahead of the caller and hands the relationships of each page to two more threads,
so that the engine computes the next page's relationships (about a second per 20,000 claims of a
100k-claim graph) while the last one is decoded, and the caller's thread adds the nodes meanwhile.
The graph is the same, node for node and edge for edge, as when read one page at a time: the pages
are taken in their order, whichever read ends first.
"""

from __future__ import annotations

import contextlib
import queue
import sys
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

from ._schema import NODE_LABELS, TALLY

if TYPE_CHECKING:
    import networkx as nx

    from ._result import Result

PAGE = 20000
"""Nodes per page when the whole graph is read."""

T = TypeVar("T")
ReadNamed = Callable[..., "Result"]
_DONE = object()


def pages(
    read_named: ReadNamed, labels: Iterable[str], pool: Executor
) -> Iterator[tuple[Result, Future[Result] | None]]:
    """Each page of nodes of ``labels`` (in key order) with the relationships leaving its nodes, read in
    ``pool`` (None when the page is empty)."""
    for lab in labels:
        after = ""
        while True:
            params = {"label": lab, "after": after, "limit": PAGE}
            page = read_named("all-nodes", params, max_rows=sys.maxsize)
            ids = page.column("id")
            params = {"label": lab, "ids": ids}
            rels = pool.submit(read_named, "all-relationships", params, max_rows=sys.maxsize) if ids else None
            yield page, rels
            if len(ids) < PAGE:
                break
            after = ids[-1]


def ahead(items: Iterator[T], depth: int = 1) -> Generator[T, None, None]:
    """The items of ``items``, produced in a helper thread up to ``depth`` items ahead of the caller.

    An error raised while producing is raised here, in the caller's thread, at the item it stopped at.
    When the caller stops early (an error of its own, or it closes the generator), the producer stops
    after the item it is on; this generator waits for it, so no read outlives the call.
    """
    box: queue.Queue[tuple[Any, BaseException | None]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: Any, error: BaseException | None = None) -> bool:
        while not stop.is_set():
            try:
                box.put((item, error), timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
        except BaseException as exc:  # handed to the caller's thread, raised there
            put(None, exc)
        else:
            put(_DONE)

    worker = threading.Thread(target=produce, name="msc-graph-pages", daemon=True)
    worker.start()
    try:
        while True:
            item, error = box.get()
            if error is not None:
                raise error
            if item is _DONE:
                return
            yield item
    finally:
        stop.set()
        worker.join()


def build(read_named: ReadNamed, *, tallies: bool) -> nx.MultiDiGraph:
    """The graph of every node (``Tally`` nodes only if ``tallies``) and every relationship between them.

    Node keys are ``Label:id``; edge keys the relationship type, with ``#2``, ``#3`` for further edges of
    one type between the same nodes. Nodes come in label and key order, then the edges, in the order
    of the relationships' sources.
    """
    import networkx as nx

    g = nx.MultiDiGraph()
    add_node = g.add_node
    edges: list[list[Any]] = []
    edge_cols: list[str] | None = None
    labels = [lab for lab in sorted(NODE_LABELS) if tallies or lab != TALLY]
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="msc-graph-rels")
    try:
        with contextlib.closing(ahead(pages(read_named, labels, pool))) as items:  # closed on an error too
            for page, reading in items:
                lab_j, id_j, props_j = (page.columns.index(c) for c in ("label", "id", "props"))
                for row in page.rows:
                    add_node(f"{row[lab_j]}:{row[id_j]}", label=row[lab_j], **(row[props_j] or {}))
                if reading is not None:
                    rels = reading.result()
                    edge_cols = rels.columns
                    edges += rels.rows
    finally:  # on an error, reads not started are dropped; those running end before this returns
        pool.shutdown(wait=True, cancel_futures=True)
    if edge_cols is None:
        return g
    sl, s, t, tl, tg, p = (
        edge_cols.index(c) for c in ("source_label", "source", "type", "target_label", "target", "props")
    )
    has_edge, add_edge = g.has_edge, g.add_edge
    for row in edges:
        u, v, rtype = f"{row[sl]}:{row[s]}", f"{row[tl]}:{row[tg]}", row[t]
        key, n = rtype, 2  # a molecule on two routes of one claim: two edges of one type
        while has_edge(u, v, key):
            key, n = f"{rtype}#{n}", n + 1
        add_edge(u, v, key=key, type=rtype, **(row[p] or {}))
    return g
