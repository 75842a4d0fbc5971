"""Answers read from tallies (counted by the ingest) equal the answers of the claim scan.

Every catalogue query runs with its example parameters and with other filters and terms, on the
curated graph and on a generated corpus of 1,000 claims, and its answer is compared with the answer
of the query as it was before the tallies: ``tests/data/reference_queries/*.cypher``, which scan the
claims. Default filters read tallies, other filters take the scan branch of the same file: both are
compared. Rows must be equal; their order must be equal up to rows the ``ORDER BY`` leaves tied, and
lists collected in an order the query leaves open (``TIES``) are compared as sets of values.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import msc_graph
from msc_graph import Graph
from msc_graph._tally import MARKER

from .conftest import INGEST, ROOT

REFERENCE = ROOT / "tests" / "data" / "reference_queries"
CATALOGUE = {name: q for name, q in msc_graph.named_queries().items() if not q.system}
TIES: dict[str, set[str]] = {
    # lists in the order of first appearance where the ORDER BY leaves rows of one study tied
    "shared-molecules": {"roles", "routes", "rcd_modes", "msc_sources", "jointly_cited"},
    "modes-of-action-rescuing": {"matched", "jointly_cited"},
    "molecules-against": {"roles", "matched"},
    "molecules-via": {"roles", "matched"},
    "shared-pathways": {"jointly_cited"},
    "rcd-modes-for": {"matched"},
}
VARIANTS: dict[str, list[Any]] = {
    "rcd": [None, "apoptosis", "programmed-cell-death", "necrosis", "ferroptosis"],
    "term": ["necroptosis", "paracrine", "cardiomyocytes", "programmed-cell-death", "Miro-1", "65"],
    "include_hypotheses": [True],
    "evidence": ["table", "prose", "abstract", "both"],
    "source": ["naji-2019"],
    "exclude_malignant": [True],
    "exact": [True],
    "min_studies": [1, 3],
    "min_rcd_modes": [1, 3],
    "mode": ["paracrine", "TNT mitochondria transfer"],
    "setting": [None, "in vitro", "clinical"],
    "msc_source": ["BM-MSCs"],
    "target_cell": ["cardiomyocytes"],
    "field": ["routes"],
    "table": [2],
}
PAIRS = [("apoptosis", "necroptosis"), ("Cx43", "necroptosis"), ("EVs", "apoptosis"), ("IL-10", "Miro-1")]
COMBOS: list[dict[str, Any]] = [
    {"include_hypotheses": True, "exact": True},
    {"evidence": "both", "source": "naji-2019"},
    {"exclude_malignant": True, "include_hypotheses": True},
]


def param_sets(name: str) -> list[dict[str, Any]]:
    """The example parameters, each variation of one of them, pairs of terms and a few combinations."""
    q = CATALOGUE[name]
    declared = {p.name: p for p in q.params}
    base = q.example_params
    out = [dict(base)]
    for key, values in VARIANTS.items():
        if key in declared:
            out += [{**base, key: v} for v in values if v is not None or not declared[key].required]
    if {"a", "b"} <= set(declared):
        for a, b in PAIRS:
            out += [{**base, "a": a, "b": b}, {**base, "a": a, "b": b, "exact": True}]
            out.append({**base, "a": a, "b": b, "include_hypotheses": True})
    out += [{**base, **combo} for combo in COMBOS if set(combo) <= set(declared)]
    if name == "studies":
        out.append({**base, "setting": None, "rcd": "apoptosis", "mode": "EVs", "msc_source": "BM-MSCs"})
        out.append({**base, "setting": "in vivo", "target_cell": "cardiomyocytes", "exact": True})
    unique = {json.dumps(p, sort_keys=True): p for p in out}
    return list(unique.values())


def reference(g: Graph, name: str, params: dict[str, Any]) -> msc_graph.Result:
    """The answer of the claim scan, with the parameters the named query gets (terms resolved)."""
    _, bound = g.prepare(name, **params)
    text = (REFERENCE / f"{name}.cypher").read_text(encoding="utf-8")
    return g.engine.read(text, bound, max_rows=sys.maxsize).snake_cased()


def order_keys(name: str) -> list[tuple[str, bool]] | None:
    """The final ORDER BY of the reference query as (column, descending), None when it sorts by an
    expression that is not a column."""
    text = (REFERENCE / f"{name}.cypher").read_text(encoding="utf-8")
    last = re.findall(r"^ORDER BY (.+)$", text, re.M)[-1]
    keys = []
    for part in last.split(","):
        col, _, direction = part.strip().partition(" ")
        if "." in col:
            return None
        keys.append((col, direction.strip().upper() == "DESC"))
    return keys


def _norm(value: Any) -> Any:
    return sorted(value, key=repr) if isinstance(value, list) else value


def assert_same_answer(name: str, got: msc_graph.Result, want: msc_graph.Result) -> None:
    assert got.columns == want.columns, name
    ties = TIES.get(name, set())
    idx = [k for k, c in enumerate(got.columns) if c in ties]

    def rows(res: msc_graph.Result) -> list[list[Any]]:
        return [[_norm(v) if k in idx else v for k, v in enumerate(r)] for r in res.rows]

    a, b = rows(got), rows(want)
    assert sorted(map(repr, a)) == sorted(map(repr, b)), name
    keys = order_keys(name)
    if keys is None:
        assert a == b, name
        return
    cols = [got.columns.index(c) for c, _ in keys]
    assert [[r[k] for k in cols] for r in a] == [[r[k] for k in cols] for r in b], name


def check_query(g: Graph, name: str, params: dict[str, Any]) -> None:
    try:
        want = reference(g, name, params)
    except msc_graph.MscGraphError as exc:  # an unknown term: both ways refuse it the same way
        with pytest.raises(type(exc)):
            g.read_named(name, params, max_rows=sys.maxsize)
        return
    got = g.read_named(name, params, max_rows=sys.maxsize)
    assert_same_answer(name, got, want)


# -- the graphs ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus(corpus_1k: Graph) -> Graph:
    """The generated corpus of 1,000 claims (``conftest.corpus_1k``)."""
    return corpus_1k


@pytest.fixture(scope="module")
def untallied(data_dir: Path) -> Iterator[Graph]:
    """The curated graph without the marker of the tallies: every query takes its scan branch."""
    g = msc_graph.connect(data_dir=data_dir, graph="t_tallies_none")
    g.ingest(INGEST)
    falkor = g.engine.db.select_graph("t_tallies_none")  # type: ignore[attr-defined]
    falkor.query("MATCH (t:Tally {id: $id}) DELETE t", {"id": MARKER})
    yield g
    falkor.delete()
    g.close()


# -- the tests -----------------------------------------------------------------------------------
def test_every_query_file_looks_for_the_marker_of_this_version() -> None:
    """A graph counted by another version of the tallies is answered by the scan: the query files and
    the builder name one marker (bump VERSION in msc_graph/_tally.py and the files together)."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "cypher").glob("*/*.cypher"))}
    markers = {m for text in texts.values() for m in re.findall(r"'(tallies\|v\d+)'", text)}
    assert markers == {MARKER}
    assert sum("Tally" in text for text in texts.values()) >= 16


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_curated_answers_equal_the_claim_scan(graph: Graph, name: str) -> None:
    for params in param_sets(name):
        check_query(graph, name, params)


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_corpus_answers_equal_the_claim_scan(corpus: Graph, name: str) -> None:
    for params in param_sets(name):
        check_query(corpus, name, params)


SCOPED = {
    "cell-types-rescued": "rcd",
    "inducers-by-rcd": "rcd",
    "models": "rcd",
    "modes-of-action-rescuing": "rcd",
    "molecules-against": "rcd",
}


@pytest.mark.parametrize("graph_name", ["graph", "corpus"])
def test_every_tally_equals_the_claim_scan(request: pytest.FixtureRequest, graph_name: str) -> None:
    """Every scope a tally was counted for (each RCD mode, exactly and with its narrower modes, each
    route with each RCD mode, each setting) gives the claim scan's answer."""
    g: Graph = request.getfixturevalue(graph_name)
    rcds = [r["id"] for r in g.cypher("MATCH (r:RCDMode) RETURN r.id AS id ORDER BY id").to_dict("records")]
    modes = [r["id"] for r in g.cypher("MATCH (m:ModeOfAction) RETURN m.id AS id ORDER BY id").to_dict("records")]
    checked = 0
    for exact in (False, True):
        for rcd in rcds:
            for name, param in SCOPED.items():
                check_query(g, name, {**CATALOGUE[name].example_params, param: rcd, "exact": exact})
                checked += 1
            for mode in modes:
                check_query(g, "molecules-via", {"mode": mode, "rcd": rcd, "exact": exact})
                checked += 1
    for setting in (None, "in vitro", "in vivo", "clinical"):
        check_query(g, "studies", {"setting": setting})
    tallied = g.cypher("MATCH (t:Tally) RETURN count(t) AS n")["n"][0]
    assert checked and tallied > checked


def test_without_tallies_every_query_scans_and_answers_the_same(graph: Graph, untallied: Graph) -> None:
    """A graph without the tallies' marker (built by another version, or imported without them) is
    answered by the scan branch of every query, with the same answers."""
    assert untallied.cypher("MATCH (t:Tally {id: $id}) RETURN count(t) AS n", id=MARKER)["n"][0] == 0
    for name, q in msc_graph.named_queries().items():
        params = q.example_params
        got, want = untallied.read_named(name, params), graph.read_named(name, params)
        if name == "node-counts":  # one Tally fewer: the marker
            want.rows = [[lab, n - 1 if lab == "Tally" else n] for lab, n in want.rows]
        if name in CATALOGUE:
            assert_same_answer(name, got, want)
        else:
            assert got.rows == want.rows, name


def test_potency_biomarkers_are_counted_for_the_molecules_its_file_lists(graph: Graph) -> None:
    """The view reads the biomarkers from the query file; both branches must list the same ones."""
    from msc_graph._tally_views import biomarker_molecules

    branches = CATALOGUE["potency-biomarkers"].cypher.split("UNION ALL")
    lists = [re.findall(r"\{rank: .*\}", b) for b in branches]
    assert len(lists) == 2 and lists[0] == lists[1] and len(lists[0]) == 3
    wanted = sorted(set(biomarker_molecules()))
    found = graph.cypher(
        "MATCH (t:Tally {scope: 'potency-biomarkers|*'})-[:TALLIES]->(m:Molecule) RETURN m.id AS id ORDER BY id"
    )
    assert list(found["id"]) == wanted == ["cx43", "miro-1", "mitochondria"]


def profile_lines(g: Graph, cypher: str, bound: dict[str, Any]) -> list[str]:
    """FalkorDB's profile of ``cypher`` with ``bound``, one operation per line."""
    falkor = g.engine.db.select_graph(g.settings.graph)  # type: ignore[attr-defined]
    plan = falkor.execute_command("GRAPH.PROFILE", falkor.name, falkor._build_params_header(bound) + cypher)
    return [ln.decode() if isinstance(ln, bytes) else str(ln) for ln in plan]


def _claim_scans(g: Graph, name: str, params: dict[str, Any]) -> list[int]:
    """Records produced by each operation on claims (the scan's variable ``c``) in the profile of
    ``name`` on the embedded engine."""
    lines = profile_lines(g, *g.prepare(name, **params))
    claim_ops = [ln for ln in lines if re.search(r"\(c[:)]", ln)]
    return [int(m.group(1)) for ln in claim_ops if (m := re.search(r"Records produced: (\d+)", ln))]


@pytest.mark.parametrize("name", ["cell-types-rescued", "shared-molecules", "gap-map", "studies"])
def test_the_scan_branch_does_no_work_when_the_tallies_answer(graph: Graph, name: str) -> None:
    """FalkorDB plans both branches of the UNION; under the default filters the scan's guard lets no
    record through, so the claim scan produces nothing (and does, under another filter)."""
    params = CATALOGUE[name].example_params
    assert _claim_scans(graph, name, params) and not any(_claim_scans(graph, name, params))
    assert any(_claim_scans(graph, name, {**params, "include_hypotheses": True}))


def test_merged_accumulators_equal_one_accumulator_counting_everything() -> None:
    """A wider scope's tally is the merge of its narrower scopes' accumulators (``Ctx.widen``): it
    must equal counting every row into one accumulator (smallest statement per study, smallest key per
    value, union of the marked studies), whatever the order of the merges."""
    from msc_graph._tally import Acc

    rows = [  # (which narrower scope, study, statement, value, key, firm)
        (0, "s1", "", "IL-10", (3, 1), True),
        (1, "s1", "st-9", "IL-10", (2, 5), False),
        (1, "s2", "st-2", "TSG-6", (1, 0), True),
        (0, "s2", "st-1", "TSG-6", (1, 1), False),
        (2, "s3", "st-4", None, (0, 0), False),
        (2, "s1", "st-0", "HGF", (9, 9), False),
    ]

    def count(acc: Acc, study: str, statement: str, value: str | None, key: tuple[int, ...], firm: bool) -> None:
        old = acc.stmt.get(study)
        if old is None or statement < old:
            acc.stmt[study] = statement
        acc.put("molecules", value, key)
        if firm:
            acc.mark("firm", study)

    whole = Acc()
    parts = [Acc(), Acc(), Acc()]
    for part, study, statement, value, key, firm in rows:
        count(whole, study, statement, value, key, firm)
        count(parts[part], study, statement, value, key, firm)
    for order in ([0, 1, 2], [2, 1, 0]):
        merged = Acc()
        for k in order:
            merged.merge(parts[k])
        assert merged.stmt == whole.stmt == {"s1": "", "s2": "st-1", "s3": "st-4"}
        assert merged.ordered("molecules") == whole.ordered("molecules") == ["TSG-6", "IL-10", "HGF"]
        assert dict(merged.marks) == dict(whole.marks) == {"firm": {"s1", "s2"}}
        assert merged.n_statements() == whole.n_statements() == 3
