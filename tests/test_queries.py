"""The named-query registry: every shipped file is well-formed and runs on the embedded engine."""

from __future__ import annotations

import re

import pytest

import msc_graph
from msc_graph import ParameterError, UnknownQueryError, UnknownTermError

REGISTRY = msc_graph.named_queries()
BANNED = [r"EXISTS\s*\{", r"COUNT\s*\{", r"elementId\s*\(", r"\bapoc\.", r"=~", r"datetime\s*\("]


def test_registry_is_not_empty_and_names_match_files() -> None:
    assert "modes-of-action-rescuing" in REGISTRY
    for name, q in REGISTRY.items():
        assert q.path.stem == name and q.description and q.returns
        for line in q.examples:
            assert re.match(r":param\s+(\w+)\s*=>\s*(.+?)\s*;?\s*$", line), f"{name}: bad example {line!r}"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_query_file_is_portable_cypher(name: str) -> None:
    body = "\n".join(ln for ln in REGISTRY[name].cypher.splitlines() if not ln.startswith("//"))
    for pattern in BANNED:
        assert not re.search(pattern, body, re.I), f"{name}: non-portable {pattern}"
    assert ";" not in body.strip().rstrip(";"), "one query per file"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_query_runs_with_its_example_and_returns_its_declared_columns(graph: msc_graph.Graph, name: str) -> None:
    q = REGISTRY[name]
    df = graph.ask(name, **q.example_params)
    assert list(df.columns) == list(q.returns)
    cypher, params = graph.prepare(name, **q.example_params)
    raw = graph.engine.read(cypher, params)
    assert raw.columns == list(q.returns), "the Cypher itself returns the declared columns"


def test_necroptosis_modes_of_action(graph: msc_graph.Graph) -> None:
    # From the review: necroptosis appears in Table 1 rows Li [65] and Kong [57], Table 2 Fu [66],
    # Table 4 Crompot [40] ("EVs") and Yuan [53] ("Transfer of SP1 via EVs").
    df = graph.modes_of_action("necroptosis")
    refs = {r for refs in df["refs"] for r in refs}
    assert {65, 57, 66, 40, 53} <= refs
    by_category: dict[str, set[int]] = {}
    for _, row in df.iterrows():
        by_category.setdefault(row["category"], set()).update(row["refs"])
    assert {66} <= by_category["gap junction"]
    assert {40, 53} <= by_category["EV transfer"]
    assert "apoptosis" not in set(df["mode_of_action"])


def test_terms_resolve_by_synonym(graph: msc_graph.Graph) -> None:
    a = graph.ask("modes-of-action-rescuing", rcd="necroptosis")
    b = graph.ask("modes-of-action-rescuing", rcd="  NECROPTOSIS ")
    assert a.equals(b)


def test_unknown_term_gives_suggestions(graph: msc_graph.Graph) -> None:
    with pytest.raises(UnknownTermError) as err:
        graph.modes_of_action("necroptosys")
    assert "necroptosis" in err.value.suggestions


def test_unknown_query_and_bad_params(graph: msc_graph.Graph) -> None:
    with pytest.raises(UnknownQueryError) as err:
        graph.ask("modes-of-action-rescue", rcd="necroptosis")
    assert "modes-of-action-rescuing" in err.value.suggestions
    with pytest.raises(ParameterError):
        graph.ask("modes-of-action-rescuing")
    with pytest.raises(ParameterError):
        graph.ask("modes-of-action-rescuing", rcd="necroptosis", bogus=1)


def test_empty_result_keeps_the_columns(graph: msc_graph.Graph) -> None:
    df = graph.cypher("MATCH (n:Study) WHERE n.id = 'nope' RETURN n.id AS id, n.ref AS ref")
    assert list(df.columns) == ["id", "ref"] and df.empty


def test_to_networkx_matches_status(graph: msc_graph.Graph) -> None:
    g = graph.to_networkx()
    st = graph.status()
    assert st["nodes"]["Tally"] and st["relationships"]["TALLIES"]
    assert g.number_of_nodes() == sum(n for lab, n in st["nodes"].items() if lab != "Tally")
    assert g.number_of_edges() == sum(n for t, n in st["relationships"].items() if t != "TALLIES")
    assert g.nodes["RCDMode:necroptosis"]["name"]
    with_tallies = graph.to_networkx(tallies=True)  # what the neo4j-csv export writes
    assert with_tallies.number_of_nodes() == sum(st["nodes"].values())
    assert with_tallies.number_of_edges() == sum(st["relationships"].values())


PARALLEL = """
MATCH (c:Claim)-[r:INVOLVES_MOLECULE]->(m:Molecule)
WITH c, m, count(r) AS n WHERE n > 1
RETURN count(*) AS pairs
"""


def test_to_networkx_keeps_parallel_relationships(graph: msc_graph.Graph) -> None:
    if not int(graph.cypher(PARALLEL)["pairs"][0]):
        pytest.skip("no claim has a molecule on two routes: nothing to check")
    g = graph.to_networkx(tallies=True)
    assert g.number_of_edges() == sum(graph.status()["relationships"].values())


def test_to_networkx_is_not_cut_by_the_row_cap(graph: msc_graph.Graph) -> None:
    capped = msc_graph.connect(data_dir=graph.settings.data_dir, max_rows=10)
    try:
        assert len(capped.cypher("MATCH (n) RETURN n.id AS id")) == 10  # user queries are capped
        full = graph.to_networkx()
        g = capped.to_networkx()
        assert g.number_of_nodes() == full.number_of_nodes() > 10
        assert g.number_of_edges() == full.number_of_edges()
    finally:
        capped.close()
