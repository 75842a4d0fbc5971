"""The embedded server keeps the plan of every query text the package sends.

FalkorDB caches parsed and planned queries per graph (``CACHE_SIZE``, 25 by default); a text whose
plan was evicted is parsed and planned again: 3-9 ms for a named query, whatever the graph's size,
against ~1-2 ms for the whole read on the curated graph. The package alone sends each named query
whole and capped at a row count (two texts), so a session going through the catalogue would evict
every plan before it is used again with the default.
"""

from __future__ import annotations

import msc_graph
from msc_graph._config import PAGE_ROWS
from msc_graph._engines import falkor_server, falkor_writer
from msc_graph._queries import ROW_CAP


def _texts(g: msc_graph.Graph) -> list[bytes]:
    """Every named query as the engine receives it: whole, and capped at a page."""
    out = []
    for name, q in msc_graph.named_queries().items():
        text, params = g.prepare(name, **q.example_params)
        out.append(falkor_writer.query(text, params))
        if q.capped is not None:
            out.append(falkor_writer.query(q.capped, {**params, ROW_CAP: PAGE_ROWS + 1}))
    return out


def test_every_named_query_stays_planned_through_a_round_of_the_catalogue(graph: msc_graph.Graph) -> None:
    conn = graph.engine.db.connection  # type: ignore[attr-defined]
    name = graph.engine.settings.graph  # type: ignore[attr-defined]
    assert conn.execute_command("GRAPH.CONFIG", "GET", "CACHE_SIZE")[1] == falkor_server.PLAN_CACHE
    texts = _texts(graph)
    assert len(texts) > 25, "more texts than FalkorDB's default cache holds"
    assert 2 * len(texts) <= falkor_server.PLAN_CACHE, "room for as many again (the user's own Cypher)"
    for text in texts:  # the first round plans (or finds) each text
        conn.execute_command("GRAPH.RO_QUERY", name, text, "--compact")
    uncached = []
    for i, text in enumerate(texts):  # the second round finds every plan
        stats = conn.execute_command("GRAPH.RO_QUERY", name, text, "--compact")[-1]
        if "Cached execution: 1" not in stats:
            uncached.append(i)
    assert uncached == []
