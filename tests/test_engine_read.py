"""Reads on a server where nothing was published yet: one round trip normally, the empty graph otherwise.

A read sends its query straight to the published graph; only FalkorDB's "empty key" error (no graph
was ever published under that name) sends it to an empty scratch graph instead, so reading a fresh
data folder answers as an empty graph would, and a real query error is still reported as such.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import redis

import msc_graph

from .conftest import short_tmpdir


@pytest.fixture()
def graph_dir() -> Iterator[msc_graph.Graph]:
    d = short_tmpdir("mgfr")
    g = msc_graph.connect(data_dir=d)
    try:
        yield g
    finally:
        g.close()
        msc_graph.stop_server(d)


@pytest.fixture()
def fresh(graph_dir: msc_graph.Graph) -> Any:
    return graph_dir.engine


def test_a_fresh_server_answers_as_an_empty_graph(fresh: Any) -> None:
    assert fresh.read("RETURN 1 AS one").rows == [[1]]
    assert fresh.read("MATCH (n) RETURN count(n) AS n").rows == [[0]]
    assert fresh.read("MATCH (n:Claim) RETURN n.id AS id").columns == ["id"]
    client: redis.Redis = fresh.db.connection
    assert client.exists(fresh.settings.graph) == 0, "reading publishes nothing"


def test_a_query_error_on_a_fresh_server_is_a_query_error(fresh: Any) -> None:
    with pytest.raises(msc_graph.QueryError):
        fresh.read("MATCH (n) RETURN n.name AS name ORDER BY nosuchfunction(n)")
    with pytest.raises(msc_graph.ReadOnlyViolation):
        fresh.read("CREATE (:Claim {id: 'x'})")
    assert fresh.read("MATCH (n) RETURN count(n) AS n").rows == [[0]]


def test_reads_after_an_ingest_see_the_published_graph(graph_dir: msc_graph.Graph) -> None:
    count = "MATCH (c:Claim) RETURN count(c) AS n"
    assert graph_dir.engine.read(count).rows == [[0]]
    graph_dir.ingest()
    assert graph_dir.engine.read(count).rows[0][0] > 0
