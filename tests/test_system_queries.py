"""The system queries read what they read before, by index and page, and give the same answers.

The reference is the query as it was before (``tests/data/reference_queries``): a whole-graph dump
for all-nodes and all-relationships (now read label by label, page by page), an unlabelled scan for
neighbours and nodes-named (now looked up by spelling and index), counts by scanning every node and
relationship (now counted by the ingest).
"""

from __future__ import annotations

import sys
from typing import Any

import pytest

import msc_graph
from msc_graph import Graph
from msc_graph._schema import NODE_LABELS, TALLY

from .conftest import ROOT

REFERENCE = ROOT / "tests" / "data" / "reference_queries"


def reference(g: Graph, name: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
    text = (REFERENCE / f"{name}.cypher").read_text(encoding="utf-8")
    return g.engine.read(text, params or {}, max_rows=sys.maxsize).rows


def paged_nodes(g: Graph, limit: int) -> tuple[list[list[Any]], list[list[Any]]]:
    """Every node and relationship read as Graph.to_networkx reads them, ``limit`` nodes a page."""
    nodes: list[list[Any]] = []
    rels: list[list[Any]] = []
    for lab in sorted(NODE_LABELS):
        after = ""
        while True:
            page = g.read_named("all-nodes", {"label": lab, "after": after, "limit": limit}).rows
            nodes += page
            if page:
                ids = [row[1] for row in page]
                rels += g.read_named("all-relationships", {"label": lab, "ids": ids}, max_rows=sys.maxsize).rows
            if len(page) < limit:
                break
            after = page[-1][1]
    return nodes, rels


@pytest.mark.parametrize("limit", [7, 5000])
def test_pages_give_the_whole_graph_in_order(graph: Graph, limit: int) -> None:
    nodes, rels = paged_nodes(graph, limit)
    assert nodes == reference(graph, "all-nodes")
    assert rels == reference(graph, "all-relationships")
    assert {row[0] for row in nodes} == set(NODE_LABELS)


def test_every_label_has_a_branch_in_the_paged_queries() -> None:
    """all-nodes and all-relationships spell each label out (a label cannot be a parameter)."""
    for name in ("all-nodes", "all-relationships"):
        text = (ROOT / "cypher" / "system" / f"{name}.cypher").read_text(encoding="utf-8")
        for lab in NODE_LABELS:
            branch = f"WHERE lab = '{lab}'\nMATCH ({'n' if name == 'all-nodes' else 'a'}:{lab})"
            assert branch in text, (name, lab)


def test_to_networkx_is_the_paged_graph(graph: Graph) -> None:
    G = graph.to_networkx()
    dump = reference(graph, "all-nodes")
    assert list(G.nodes) == [f"{lab}:{i}" for lab, i, _ in dump if lab != TALLY]
    edges = [(f"{r[0]}:{r[1]}", f"{r[3]}:{r[4]}", r[2]) for r in reference(graph, "all-relationships")]
    assert [(u, v, d["type"]) for u, v, d in G.edges(data=True)] == [e for e in edges if not e[0].startswith(TALLY)]


@pytest.mark.parametrize("name", ["node-counts", "relationship-counts", "vocabulary"])
def test_counts_and_vocabulary_equal_the_scan(graph: Graph, name: str) -> None:
    assert graph.read_named(name, max_rows=sys.maxsize).rows == reference(graph, name)


NEIGHBOURS = [
    ("RCDMode", "necroptosis"),
    ("RCDMode", "programmed-cell-death"),
    ("Molecule", "il-10"),
    ("ModeOfAction", "ev-transfer"),
    ("CellType", "a549"),
    ("RCDMode", "a549"),  # a key of another label: nothing
    ("Claim", "ref58-p1"),
    ("Context", "ref58-p1-x1"),
    ("Source", "naji-2019"),
    ("Study", "nope"),
]


@pytest.mark.parametrize(("label", "node_id"), NEIGHBOURS)
def test_neighbours_equal_the_scan(graph: Graph, label: str, node_id: str) -> None:
    for limit in (3, 25):
        params = {"label": label, "id": node_id, "limit": limit}
        assert graph.read_named("neighbours", params).rows == reference(graph, "neighbours", params)


def test_neighbours_of_a_study(graph: Graph) -> None:
    (study,) = graph.cypher("MATCH (s:Study {ref: 65}) RETURN s.id AS id")["id"]
    params = {"label": "Study", "id": study, "limit": 25}
    got = graph.read_named("neighbours", params).rows
    assert got and got == reference(graph, "neighbours", params)


def test_nodes_named_equal_the_scan(graph: Graph) -> None:
    names = graph.cypher(
        "MATCH (n) WHERE NOT n:Spelling AND NOT n:Tally RETURN n.name AS name, n.id AS id ORDER BY id LIMIT 400"
    )
    values = [*names["name"].dropna()[::7], *names["id"][::5], "necroptosis", "Crompot et al. [40]", "nope", ""]
    for chunk in (values, ["ref40"], []):
        params = {"values": chunk}
        scanned = [row for row in reference(graph, "nodes-named", params) if row[0] != TALLY]
        assert graph.read_named("nodes-named", params).rows == scanned


def test_studies_cited_equal_the_scan(graph: Graph) -> None:
    for values, refs in ((["ref40", "Crompot et al. [40]"], [65]), (["ref58-p1"], []), ([], [1, 2, 3])):
        params = {"values": values, "refs": refs}
        assert graph.read_named("studies-cited", params).rows == reference(graph, "studies-cited", params)


def test_system_queries_take_their_declared_parameters() -> None:
    q = msc_graph.named_queries()
    assert [p.name for p in q["all-nodes"].params] == ["label", "after", "limit"]
    assert [p.name for p in q["all-relationships"].params] == ["label", "ids"]
