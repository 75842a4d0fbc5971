"""User Cypher: every write form is refused on both engines' paths; timeout and row cap hold.

Embedded: `Graph.cypher` refuses with the lexical guard, and the engine refuses again by itself
(GRAPH.RO_QUERY) when the guard is bypassed. Neo4j adapter: ArcadeDB's Bolt server does not enforce
read access mode (tests/ARCADEDB_NOTES.md), so the guard alone stands between a user and a write
there, and is tested through `Graph.cypher` against a seeded database.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import msc_graph
from msc_graph import EngineError, QueryError, ReadOnlyViolation

from ..conftest import run_cli
from .conftest import bolt_graph, counts, fingerprint, record_figure

WRITES = [
    # CREATE / MERGE
    "CREATE (n:Study {id: 'evil'})",
    "CREATE (n:Study {id: 'evil'}) RETURN n",
    "MATCH (a:Study), (b:Claim) CREATE (a)-[:EVIL]->(b)",
    "MERGE (n:Study {id: 'evil'})",
    "MATCH (n:Study) WITH n LIMIT 1 MERGE (n)-[:EVIL]->(n)",
    "OPTIONAL MATCH (n) WITH n LIMIT 1 MERGE (:Evil)",
    "MERGE (n:Study {id: 'ref42'}) ON MATCH SET n.name = 'x'",
    # SET / REMOVE
    "MATCH (n:Study) SET n.name = 'evil'",
    "MATCH (n:Study) SET n += {name: 'evil'}",
    "MATCH (n:Study) SET n = {}",
    "MATCH (n:Study) SET n:Evil",
    "MATCH (n:Study) REMOVE n.name",
    "MATCH (n:Study) REMOVE n:Study",
    "MATCH (n:Study) WITH n LIMIT 1 SET n.note = 'x' RETURN n",
    # DELETE
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Conflict) DELETE n",
    "MATCH ()-[r]->() DELETE r",
    "match (n) detach delete n",
    "MATCH (n) WITH n /* comment */ DETACH\nDELETE n",
    "MATCH (n) // a comment ended by a carriage return\r DETACH DELETE n",
    "MATCH (n) CALL (n) { DETACH DELETE n }",
    "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS",
    "UNWIND [1] AS x FOREACH (y IN [1] | CREATE (:Evil))",
    "MATCH (n:Study) RETURN n UNION ALL MATCH (m:Study) DETACH DELETE m RETURN m",
    "RETURN 1. CREATE (:Evil)",
    # writing procedures
    "CALL db.idx.fulltext.createNodeIndex('Study', 'name')",
    "CALL db.idx.fulltext.drop('Study')",
    "CALL db.createLabel('Evil')",
    "CALL `db.createLabel`('Evil')",
    "CALL `db`.`createLabel`('Evil')",
    "CALL apoc.create.node(['Evil'], {})",
    "CALL apoc.cypher.runWrite('CREATE (:Evil)', {})",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
    "CALL dbms.setConfigValue('db.logs.query.enabled', 'off')",
    "CALL db.labels() YIELD label CREATE (:Evil {l: label})",
    # LOAD CSV
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "LOAD CSV WITH HEADERS FROM 'https://example.org/x.csv' AS row CREATE (:Evil)",
    "USING PERIODIC COMMIT 10 LOAD CSV FROM 'file:///x.csv' AS row CREATE (:Evil)",
    # schema and administration
    "CREATE INDEX FOR (n:Study) ON (n.name)",
    "CREATE INDEX evil IF NOT EXISTS FOR (n:Study) ON (n.note)",
    "CREATE CONSTRAINT evil FOR (n:Study) REQUIRE n.id IS UNIQUE",
    "CREATE FULLTEXT INDEX evil FOR (n:Study) ON EACH [n.name]",
    "DROP INDEX evil",
    "DROP CONSTRAINT evil IF EXISTS",
    "CREATE DATABASE evil",
    "DROP DATABASE msc",
    "ALTER USER neo4j SET PASSWORD 'evil-evil'",
    "CREATE USER evil SET PASSWORD 'evil-evil'",
    "GRANT ALL ON DATABASE * TO evil",
    "DENY READ {*} ON GRAPH * TO evil",
    "REVOKE ROLE admin FROM neo4j",
    "START DATABASE msc",
    "STOP DATABASE msc",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
]
READS = [  # write words in strings, properties, comments, map keys: must still run
    ("MATCH (n:Study) WHERE n.name CONTAINS 'CREATE' RETURN count(n) AS n", 0),
    ("RETURN 'DETACH DELETE n' AS s", "DETACH DELETE n"),
    ("RETURN {create: 1, set: 2}.set AS s", 2),
    ("RETURN 1 AS n // DELETE n", 1),
    ("RETURN 1 AS n /* MATCH (n) DETACH DELETE n */", 1),
]


def _engine_snapshot(g: msc_graph.Graph) -> tuple[Any, ...]:
    return counts(g), len(g.cypher("CALL db.labels()"))


@pytest.fixture(scope="module")
def embedded_before(graph: msc_graph.Graph) -> Iterator[tuple[Any, str]]:
    before = (_engine_snapshot(graph), fingerprint(graph))
    yield before
    assert fingerprint(graph) == before[1], "a refused write changed the embedded graph"


@pytest.mark.parametrize("text", WRITES)
def test_write_is_refused_on_the_embedded_path(
    graph: msc_graph.Graph, embedded_before: tuple[Any, str], text: str
) -> None:
    with pytest.raises(ReadOnlyViolation):
        graph.cypher(text)
    with pytest.raises(EngineError):  # and by FalkorDB itself, when the guard is bypassed
        graph.engine.read(text)
    assert _engine_snapshot(graph) == embedded_before[0]


SEED = (
    "CREATE (s:Study {id: 'ref42', name: 'Drouet et al. [42]', note: ''})"
    "<-[:FROM_STUDY]-(c:Claim {id: 'ref42', settings: ['in vitro']}), (:Conflict {id: 'ref42-c1'})"
)


def _bolt_state(g: msc_graph.Graph) -> list[Any]:
    q = "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN labels(n) AS l, properties(n) AS p, count(r) AS r"
    return sorted(map(repr, g.engine.read(q).rows))


@pytest.fixture(scope="module")
def bolt(arcade: Any) -> Iterator[tuple[msc_graph.Graph, list[Any]]]:
    g = bolt_graph(arcade)
    driver = g.engine._driver  # type: ignore[attr-defined]
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=arcade.database)
    driver.execute_query(SEED, database_=arcade.database)
    before = _bolt_state(g)
    assert len(before) == 3
    yield g, before
    g.close()


@pytest.mark.bolt
@pytest.mark.parametrize("text", WRITES)
def test_write_is_refused_on_the_neo4j_adapter_path(bolt: tuple[msc_graph.Graph, list[Any]], text: str) -> None:
    g, before = bolt
    with pytest.raises(ReadOnlyViolation):
        g.cypher(text)
    assert _bolt_state(g) == before


@pytest.mark.bolt
def test_reads_with_write_words_in_them_run_on_both_engines(
    graph: msc_graph.Graph, bolt: tuple[msc_graph.Graph, list[Any]]
) -> None:
    for g in (graph, bolt[0]):
        for text, expected in READS:
            assert g.cypher(text).iloc[0, 0] == expected, text
    record_figure("write_forms_refused", forms=len(WRITES), engine_paths=2, writes_that_got_through=0)


SLOW_N = 3000
SLOW = (
    f"UNWIND range(1, {SLOW_N}) AS a UNWIND range(1, {SLOW_N}) AS b "
    "WITH a, b WHERE (a * b) % 7 = 3 RETURN count(*) AS c"
)


def _slow_answer() -> int:
    res = [sum(1 for a in range(1, SLOW_N + 1) if a % 7 == r) for r in range(7)]
    return sum(res[i] * res[j] for i in range(7) for j in range(7) if i * j % 7 == 3)


def test_query_timeout_is_enforced_and_configurable(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quick = msc_graph.connect(data_dir=data_dir, query_timeout_ms=150)
    started = time.monotonic()
    with pytest.raises(QueryError, match="timed out"):
        quick.cypher(SLOW)
    assert time.monotonic() - started < 5
    patient = msc_graph.connect(data_dir=data_dir, query_timeout_ms=120_000)
    assert int(patient.cypher(SLOW)["c"][0]) == _slow_answer()
    monkeypatch.setenv("MSC_GRAPH_TIMEOUT_MS", "150")
    from_env = msc_graph.connect(data_dir=data_dir)
    assert from_env.settings.query_timeout_ms == 150
    with pytest.raises(QueryError, match="timed out"):
        from_env.cypher(SLOW)
    proc = run_cli("cypher", SLOW, env={"MSC_GRAPH_TIMEOUT_MS": "150"})
    assert proc.returncode == 1 and "timed out" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    for g in (quick, patient, from_env):
        g.close()


def test_row_cap_is_enforced_and_configurable(
    graph: msc_graph.Graph, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many = "UNWIND range(1, 1000) AS x RETURN x"
    g = msc_graph.connect(data_dir=data_dir, max_rows=7)
    frame = g.cypher(many)
    assert list(frame["x"]) == list(range(1, 8)) and frame.attrs["truncated"] is True
    assert len(g.ask("all-nodes", label="Spelling")) == 7  # a page of at most 5000 nodes, cut at 7
    g.close()
    monkeypatch.setenv("MSC_GRAPH_MAX_ROWS", "5")
    g = msc_graph.connect(data_dir=data_dir)
    assert len(g.cypher(many)) == 5
    g.close()
    monkeypatch.delenv("MSC_GRAPH_MAX_ROWS")
    g = msc_graph.connect(data_dir=data_dir)
    full = g.cypher(many)
    assert len(full) == 1000 and full.attrs["truncated"] is False
    g.close()
    proc = run_cli("cypher", many, "--format", "json", env={"MSC_GRAPH_MAX_ROWS": "3"})
    assert proc.returncode == 0 and proc.stdout.count('"x"') == 3
    assert "only the first 3 rows: the answer has more" in proc.stderr, "csv/json output must say rows were cut"


@pytest.mark.bolt
def test_row_cap_and_timeout_on_the_neo4j_adapter(arcade: Any, caplog: pytest.LogCaptureFixture) -> None:
    """The cap is applied by the adapter; the timeout is sent with the transaction (Neo4j enforces
    it; ArcadeDB ignores it, see tests/ARCADEDB_NOTES.md), so here we check that it is sent."""
    g = bolt_graph(arcade, max_rows=7, query_timeout_ms=1234)
    frame = g.cypher("UNWIND range(1, 1000) AS x RETURN x")
    assert list(frame["x"]) == list(range(1, 8)) and frame.attrs["truncated"] is True
    with caplog.at_level(logging.DEBUG, logger="neo4j"):
        g.cypher("RETURN 1 AS one")
    sent = " ".join(r.getMessage() for r in caplog.records)
    assert "1234" in sent and "tx_timeout" in sent, sent[-2000:]
    g.close()
