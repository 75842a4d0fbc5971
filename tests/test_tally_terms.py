"""``rcd-modes-for`` reads tallies for the scopes of many claims and scans the claims for the others
(``msc_graph/_tally_terms.py``): the tallied scopes are those the graph itself says are large enough,
each gives the claim scan's answer, and the scan does no work when a tally answers."""

from __future__ import annotations

import pytest

from msc_graph import Graph
from msc_graph._tally_terms import hub_threshold

from .test_tallies import _claim_scans, check_query

LINKS = "USES_SOURCE|VIA_MODE|INVOLVES_MOLECULE|INVOLVES_PATHWAY|FROM_STUDY|TARGETS_CELL|INDUCED_BY|IN_MODEL"


def tallied_scopes(g: Graph) -> set[str]:
    found = g.cypher("MATCH (t:Tally) WHERE t.scope STARTS WITH 'rcd-modes-for|' RETURN DISTINCT t.scope AS scope")
    return {s.removeprefix("rcd-modes-for|") for s in found["scope"]}


def large_scopes(g: Graph) -> set[str]:
    """The scopes of at least ``hub_threshold`` claims that name an RCD mode, counted in the graph."""
    n = g.cypher("MATCH (c:Claim) WHERE (c)-[:RESCUES_FROM]->() RETURN count(c) AS n")["n"][0]
    least = hub_threshold(int(n))
    exact = g.cypher(
        f"MATCH (c:Claim)-[:IN_CONTEXT*0..1]->()-[:{LINKS}]->(t) WHERE (c)-[:RESCUES_FROM]->() "
        "WITH t, count(DISTINCT c) AS n WHERE n >= $least RETURN labels(t)[0] + '|' + t.id + '|exact' AS scope",
        least=least,
    )
    narrower = g.cypher(
        "MATCH (t0) WHERE (t0)<-[:IS_A]-() MATCH (t)-[:IS_A*0..8]->(t0) "
        f"MATCH (c:Claim)-[:IN_CONTEXT*0..1]->()-[:{LINKS}]->(t) WHERE (c)-[:RESCUES_FROM]->() "
        "WITH t0, count(DISTINCT c) AS n WHERE n >= $least RETURN labels(t0)[0] + '|' + t0.id + '|narrower' AS scope",
        least=least,
    )
    return set(exact["scope"]) | set(narrower["scope"])


@pytest.mark.parametrize("graph_name", ["graph", "corpus_1k"])
def test_the_tallied_scopes_are_those_of_many_claims(request: pytest.FixtureRequest, graph_name: str) -> None:
    g: Graph = request.getfixturevalue(graph_name)
    tallied = tallied_scopes(g)
    assert tallied == large_scopes(g)
    assert any(s.endswith("|narrower") for s in tallied) and any(s.startswith("Study|") for s in tallied)


@pytest.mark.parametrize("graph_name", ["graph", "corpus_1k"])
def test_every_tallied_scope_gives_the_claim_scans_answer(request: pytest.FixtureRequest, graph_name: str) -> None:
    g: Graph = request.getfixturevalue(graph_name)
    for scope in sorted(tallied_scopes(g)):
        _, tid, kind = scope.split("|")
        for exact in (True, False) if kind == "exact" else (False,):
            check_query(g, "rcd-modes-for", {"term": tid, "exact": exact})


def test_a_tallied_term_is_not_scanned_and_a_small_one_is(corpus_1k: Graph) -> None:
    tallied = tallied_scopes(corpus_1k)
    small = corpus_1k.cypher(
        "MATCH (c:Claim)-[:USES_SOURCE|INVOLVES_MOLECULE]->(t) WHERE (c)-[:RESCUES_FROM]->() AND NOT (t)<-[:IS_A]-() "
        "WITH t, count(c) AS n ORDER BY n, t.id RETURN labels(t)[0] + '|' + t.id + '|exact' AS scope, t.id AS id"
    ).to_dict("records")
    hub = next(s for s in sorted(tallied) if s.endswith("|exact"))
    rare = next(r for r in small if r["scope"] not in tallied)
    assert not any(_claim_scans(corpus_1k, "rcd-modes-for", {"term": hub.split("|")[1], "exact": True}))
    assert any(_claim_scans(corpus_1k, "rcd-modes-for", {"term": rare["id"], "exact": True}))
    check_query(corpus_1k, "rcd-modes-for", {"term": rare["id"], "exact": True})
