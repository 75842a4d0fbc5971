"""Reads decoded in one pass (``_engines/falkor_decode``) give exactly what the ``falkordb`` client's
parser followed by ``plain`` gives, on every named query and on answers holding engine values."""

from __future__ import annotations

from typing import Any

import pytest

import msc_graph
from msc_graph._engines import falkor_decode
from msc_graph._engines.embedded import _result


def client_path(g: msc_graph.Graph, cypher: str, params: dict[str, Any]) -> msc_graph.Result:
    graph = g.engine.db.select_graph(g.settings.graph)  # type: ignore[attr-defined]
    return _result(graph.ro_query(cypher, params, timeout=30_000))


def test_every_named_query_reads_the_same_through_both_decoders(graph: msc_graph.Graph) -> None:
    fast = 0
    for name, query in msc_graph.named_queries().items():
        cypher, params = graph.prepare(name, **query.example_params)
        mine = graph.engine.read(cypher, params, max_rows=10**8)
        theirs = client_path(graph, cypher, params)
        assert (mine.columns, mine.rows) == (theirs.columns, theirs.rows), name
        fast += bool(mine.rows)
    assert fast > 10, "answers with rows were compared"


@pytest.mark.parametrize(
    "cypher",
    [
        "RETURN 1 AS i, 1.5 AS f, -0.0 AS z, 'é\\u2603' AS s, true AS t, false AS no, null AS n",
        "RETURN [1, 'a', [true, null], {k: [1.25, {deep: 'x'}]}] AS nested, {} AS empty, [] AS none",
        "UNWIND range(1, 3) AS x RETURN x, toString(x) AS s ORDER BY x",
        "MATCH (n:RCDMode) RETURN n ORDER BY n.id LIMIT 3",
        "MATCH (a)-[r:IS_A]->(b) RETURN a.id, r, b.id ORDER BY a.id LIMIT 3",
        "MATCH p = (a:RCDMode)-[:IS_A]->(b) RETURN p ORDER BY a.id LIMIT 2",
        "RETURN point({latitude: 1.5, longitude: 2.5}) AS pt",
        "MATCH (n:RCDMode) WHERE n.id = 'no such id' RETURN n.id",
    ],
)
def test_values_of_every_kind_read_the_same(graph: msc_graph.Graph, cypher: str) -> None:
    mine = graph.engine.read(cypher)
    theirs = client_path(graph, cypher, {})
    assert (mine.columns, mine.rows) == (theirs.columns, theirs.rows)


def test_engine_values_are_left_to_the_client(graph: msc_graph.Graph) -> None:
    conn = graph.engine.db.connection  # type: ignore[attr-defined]
    reply = conn.execute_command(
        "GRAPH.RO_QUERY", graph.settings.graph, "MATCH (n:RCDMode) RETURN n LIMIT 1", "--compact"
    )
    with pytest.raises(falkor_decode.NotPlain):
        falkor_decode.decode(reply)
    reply = conn.execute_command("GRAPH.RO_QUERY", graph.settings.graph, "RETURN 1 AS one, 'x' AS s", "--compact")
    assert falkor_decode.decode(reply).rows == [[1, "x"]]
    with pytest.raises(msc_graph.QueryError):  # errors are raised by the client path, worded as ever
        graph.engine.read("RETURN 1 / 0 AS boom, toInteger('x') + 1 AS also")
