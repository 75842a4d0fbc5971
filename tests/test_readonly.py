"""User Cypher runs read-only: refused before sending, and by the engine itself."""

from __future__ import annotations

import pytest

import msc_graph
from msc_graph import ReadOnlyViolation
from msc_graph._readonly import check_read_only

from .conftest import cli

WRITES = [
    "CREATE (n:Study {id: 'x'})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Study) SET n.name = 'x'",
    "MERGE (n:Study {id: 'x'})",
    "MATCH (n:Study) REMOVE n.name",
    "MATCH (n) DELETE n",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "CREATE INDEX FOR (n:Study) ON (n.name)",
    "DROP INDEX foo",
    "CALL db.idx.fulltext.createNodeIndex('Study', 'name')",
    "UNWIND [1] AS x FOREACH (y IN [1] | CREATE (:X))",
    "match (n) detach delete n",
    "MATCH (n) WITH n /* comment */ DETACH\nDELETE n",
]

READS = [
    "MATCH (n:Study) RETURN n.name AS name",
    "MATCH (n:Study) WHERE n.name CONTAINS 'CREATE' RETURN n.set AS s, n.name AS set",
    "RETURN 'DETACH DELETE' AS s, {create: 1} AS m",
    "MATCH (n) RETURN n // DELETE n",
    "CALL db.labels()",
]


@pytest.mark.parametrize("text", WRITES)
def test_write_forms_are_refused_by_the_guard(text: str) -> None:
    with pytest.raises(ReadOnlyViolation):
        check_read_only(text)


@pytest.mark.parametrize("text", READS)
def test_read_forms_pass_the_guard(text: str) -> None:
    check_read_only(text)


def _total(g: msc_graph.Graph) -> int:
    return int(g.cypher("MATCH (n) RETURN count(n) AS n")["n"][0])


def test_api_cypher_create_is_refused_and_changes_nothing(graph: msc_graph.Graph) -> None:
    before = _total(graph)
    with pytest.raises(ReadOnlyViolation):
        graph.cypher("CREATE (n:Study {id: 'evil'}) RETURN n")
    assert _total(graph) == before


def test_engine_refuses_writes_even_without_the_guard(graph: msc_graph.Graph) -> None:
    before = _total(graph)
    with pytest.raises(ReadOnlyViolation):
        graph.engine.read("CREATE (n:Study {id: 'evil'})")
    with pytest.raises(ReadOnlyViolation):
        graph.engine.read("MATCH (n) DETACH DELETE n")
    assert _total(graph) == before


def test_cli_cypher_detach_delete_is_refused(graph: msc_graph.Graph) -> None:
    before = _total(graph)
    res = cli("cypher", "MATCH (n) DETACH DELETE n")
    assert res.exit_code != 0
    assert "read-only" in res.stderr and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert _total(graph) == before


def test_user_cypher_with_parameters(graph: msc_graph.Graph) -> None:
    df = graph.cypher("MATCH (m:RCDMode {id: $id}) RETURN m.name AS name", id="apoptosis")
    assert list(df.columns) == ["name"] and len(df) == 1
