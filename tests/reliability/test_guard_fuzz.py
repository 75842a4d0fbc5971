"""Hypothesis fuzz of the read-only check: whatever it accepts, no engine can be made to write with.

Queries come from a grammar of read queries (variables named like keywords, properties named
``AS``, comments, strings holding write clauses, subqueries, pattern predicates) and from mutations
of them: write clauses, ``LOAD CSV``, procedures, ``SHOW``/``USE`` and comment tricks spliced in at
random places. Every query the check accepts runs, on a scratch graph, through a path that CAN write:
FalkorDB's ``GRAPH.QUERY`` (not the read-only ``GRAPH.RO_QUERY``) and ArcadeDB's Bolt server (which
ignores read access mode, tests/ARCADEDB_NOTES.md). After each, the graph must be as it was.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import msc_graph
from msc_graph import QueryError, ReadOnlyViolation
from msc_graph._readonly import check_read_only

from .conftest import bolt_graph, record_figure

SEED = "CREATE (:Study {id: 's1', name: 'one'})-[:X {w: 1}]->(:Claim {id: 'c1'}), (:Study {id: 's2', name: 'two'})"
STATE = (
    "MATCH (n) OPTIONAL MATCH (n)-[r]->(m) RETURN labels(n) AS l, properties(n) AS p, type(r) AS t, properties(r) AS q"
)
SCRATCH = "rel_guard_fuzz"

VARS = ["n", "m", "x", "as", "AS", "set", "create", "delete", "`CREATE`", "`as`", "r"]
PROPS = ["id", "name", "AS", "set", "create", "merge", "`DELETE`"]
HOSTILE = [
    "CREATE (:Pwned)",
    "MERGE (:Pwned)",
    "SET n.pwned = 1",
    "SET n:Pwned",
    "REMOVE n.name",
    "DELETE n",
    "DETACH DELETE n",
    "FOREACH (i IN [1] | CREATE (:Pwned))",
    "LOAD CSV FROM 'file:///etc/passwd' AS line",
    "LOAD CSV FROM 'https://example.org/x.csv' AS line",
    "CALL db.createLabel('Pwned')",
    "CALL db.idx.fulltext.createNodeIndex('Study', 'name')",
    "CALL dbms.setConfigValue('db.logs.query.enabled', 'off')",
    "CALL { CREATE (:Pwned) }",
    "CALL { WITH n DETACH DELETE n } IN TRANSACTIONS",
    "SHOW TRANSACTIONS",
    "USE system",
    "CREATE INDEX FOR (n:Study) ON (n.pwned)",
    "DROP INDEX ON :Study(id)",
    "// a comment\r CREATE (:Pwned)",
    "/* */ CREATE (:Pwned)",
    "\u2028 CREATE (:Pwned)",
    "\u0085 MERGE (:Pwned)",
    "; CREATE (:Pwned)",
    "AS as CREATE (:Pwned)",
    ".AS CREATE (:Pwned)",
    "$AS CREATE (:Pwned)",
    "UNION MATCH (n) DETACH DELETE n RETURN 1 AS one",
    "`CREATE` (:Pwned)",
    "'CREATE (:Pwned)'",
]

names = st.sampled_from(VARS)
labels = st.sampled_from(["", ":Study", ":Claim", ":Study:Claim", ":`Weird Label`", ":Study|Claim"])
props = st.sampled_from(["", " {id: 's1'}", " {name: $p}", " {`CREATE`: 1}"])


def node() -> st.SearchStrategy[str]:
    return st.builds(lambda v, lab, p: f"({v}{lab}{p})", st.sampled_from(["", *VARS[:3]]), labels, props)


rels = st.sampled_from(["-->", "<--", "--", "-[r:X]->", "<-[:X]-", "-[*1..2]-", "-[r2 {w: 1}]->", "-[:X|Y]-"])
paths = st.builds(lambda a, r, b: a + r + b, node(), rels, node()) | node()


def expr(depth: int = 2) -> st.SearchStrategy[str]:
    base = st.sampled_from(["1", "-2.5", "'CREATE (:Pwned)'", '"DETACH DELETE n"', "null", "true", "$p", "[]", "{}"])
    atoms = base | names | st.builds(lambda v, p: f"{v}.{p}", names, st.sampled_from(PROPS))
    if depth == 0:
        return atoms
    sub = expr(depth - 1)
    return st.one_of(
        atoms,
        st.builds(
            lambda a, op, b: f"{a} {op} {b}", sub, st.sampled_from(["+", "=", "<>", "AND", "OR", "IN", "CONTAINS"]), sub
        ),
        st.builds(lambda f, a: f"{f}({a})", st.sampled_from(["toLower", "size", "coalesce", "count", "exists"]), sub),
        st.builds(lambda a: f"NOT ({a})", sub),
        st.builds(lambda a, b: f"CASE WHEN {a} THEN {b} ELSE null END", sub, sub),
        st.builds(lambda v, a: f"[{v} IN [1, 2] WHERE {a} | {v}]", names, sub),
        st.builds(lambda a, b: f"{{k: {a}, `set`: {b}}}", sub, sub),
        st.builds(lambda p, a: f"EXISTS {{ MATCH {p} WHERE {a} }}", paths, sub),
        st.builds(lambda p: f"[{p} | 1]", paths),
        st.just("count(*)"),
    )


def items() -> st.SearchStrategy[str]:
    one = st.builds(lambda e, v: f"{e} AS {v}", expr(), names) | names
    return st.lists(one, min_size=1, max_size=3).map(", ".join)


clauses = st.one_of(
    st.builds(lambda o, p, w: f"{o}MATCH {p}{w}", st.sampled_from(["", "OPTIONAL "]), paths,
              st.sampled_from([""]) | expr().map(lambda e: f" WHERE {e}")),
    st.builds(lambda i: f"WITH {i}", items()),
    st.builds(lambda v: f"UNWIND [1, 2] AS {v}", names),
    st.just("CALL db.labels() YIELD label"),
    st.builds(lambda p: f"CALL {{ MATCH {p} RETURN 1 AS one }}", paths),
)  # fmt: skip
reads = st.builds(
    lambda cs, i, tail: " ".join([*cs, f"RETURN {i}"]) + tail,
    st.lists(clauses, max_size=3),
    items(),
    st.sampled_from(["", " ORDER BY 1 LIMIT 3", " SKIP 1", " UNION ALL RETURN 1 AS one", " // the end"]),
)


@st.composite
def queries(draw: st.DrawFn) -> str:
    text: str = draw(reads)
    for _ in range(draw(st.integers(0, 2))):
        words = text.split(" ")
        at = draw(st.integers(0, len(words)))
        words.insert(at, draw(st.sampled_from(HOSTILE)))
        text = " ".join(words)
    return text


def _digest(rows: list[Any]) -> str:
    return hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()


@pytest.fixture(scope="module")
def falkor_scratch(graph: msc_graph.Graph) -> Iterator[Any]:
    db = graph.engine.db  # type: ignore[attr-defined]
    scratch = db.select_graph(SCRATCH)
    if SCRATCH in db.list_graphs():
        scratch.delete()
    scratch.query(SEED)
    yield scratch
    scratch.delete()


@pytest.fixture(scope="module")
def bolt_scratch(arcade: Any) -> Iterator[msc_graph.Graph]:
    g = bolt_graph(arcade, query_timeout_ms=5000)
    driver = g.engine._driver  # type: ignore[attr-defined]
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=arcade.database)
    driver.execute_query(SEED, database_=arcade.database)
    yield g
    g.close()


@pytest.mark.bolt
def test_no_accepted_query_writes_on_either_engine(
    falkor_scratch: Any, bolt_scratch: msc_graph.Graph, sizes: dict[str, int]
) -> None:
    falkor_before = _digest(falkor_scratch.query(STATE).result_set)
    bolt_before = _digest(bolt_scratch.engine.read(STATE).rows)
    tally: Counter[str] = Counter()

    @settings(
        max_examples=max(200, sizes["fuzz_examples"] * 2),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(queries())
    def run(text: str) -> None:
        tally["generated"] += 1
        try:
            check_read_only(text)
        except ReadOnlyViolation:
            tally["refused as writes"] += 1
            return
        except QueryError:
            tally["refused as not a read query"] += 1
            return
        tally["accepted"] += 1
        for name, attempt in (
            ("falkordb", lambda: falkor_scratch.query(text, {"p": "one"}, timeout=2000)),  # GRAPH.QUERY: may write
            ("arcadedb", lambda: bolt_scratch.engine.read(text, {"p": "one"})),  # read mode not enforced
        ):
            try:
                attempt()
            except Exception:  # the engine's own refusal or error is fine: only a change is not
                tally[f"{name} error"] += 1
        assert _digest(falkor_scratch.query(STATE).result_set) == falkor_before, f"FalkorDB changed by {text!r}"
        assert _digest(bolt_scratch.engine.read(STATE).rows) == bolt_before, f"ArcadeDB changed by {text!r}"

    run()
    assert tally["accepted"] >= tally["generated"] // 10, tally  # the grammar does produce reads
    assert tally["refused as writes"] > 0, tally
    record_figure("guard_fuzz", writes_that_got_through=0, **dict(tally))
