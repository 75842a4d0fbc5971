"""The curated content against the review text itself: tables, quotes, CURIEs, synonyms."""

from __future__ import annotations

import json
import re

import pytest

import msc_graph
from msc_graph._records import curie_problem

from .conftest import INGEST, SOURCE_TEXT, cli

# Counted by hand in the review: Table 1 has 15 rows, Table 2 has 6, Table 3 has 7, Table 4 has 14.
ROWS_PER_TABLE = {1: 15, 2: 6, 3: 7, 4: 14}
# Studies printed in the tables, read off the References column of each table.
TABLE_REFS = {
    1: {42, 39, 58, 45, 65, 47, 56, 50, 64, 54, 63, 48, 57, 61, 55},
    2: {41, 67, 60, 43, 68, 66},
    3: {27, 41, 43, 44, 38, 69, 46},
    4: {27, 43, 72, 73, 93, 51, 63, 46, 40, 92, 53, 62, 71, 70},
}


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def source() -> str:
    if not SOURCE_TEXT.exists():
        pytest.skip(f"the review text is not at {SOURCE_TEXT} (it ships in shared/, beside the repo)")
    return _norm(SOURCE_TEXT.read_text(encoding="utf-8"))


@pytest.mark.parametrize("table", [1, 2, 3, 4])
def test_review_table_matches_the_review_text(graph: msc_graph.Graph, source: str, table: int) -> None:
    df = graph.ask("review-table", table=table)
    assert list(df["row"]) == list(range(1, ROWS_PER_TABLE[table] + 1))
    refs = {int(m) for ref in df["reference"] for m in re.findall(r"\[(\d+)\]", ref)}
    assert refs == TABLE_REFS[table]
    for _, row in df.iterrows():
        for col in ("studies", "sources", "function", "modes", "reference"):
            assert _norm(row[col]) in source, f"Table {table} row {row['row']} {col}: {row[col]!r}"
    # consecutive cells of a row follow each other in the flattened text, in print order
    for _, row in df.iterrows():
        start = source.find(_norm(row["function"]))
        assert source.rfind(_norm(row["reference"]), start) > start


def test_thirty_six_distinct_table_studies(graph: msc_graph.Graph) -> None:
    refs = graph.cypher("MATCH (c:Claim)-[:PRINTED_IN]->(:TableRow) RETURN DISTINCT c.ref AS ref")
    assert set(refs["ref"]) == set().union(*TABLE_REFS.values())
    assert len(refs) == 36


def test_review_table_cli_json_is_one_object_per_row(graph: msc_graph.Graph) -> None:
    res = cli("review-table", "4", "--format", "json")
    assert res.exit_code == 0, res.stderr
    rows = json.loads(res.stdout)
    assert len(rows) == 14 and rows[0]["reference"] == "Spees et al. [27]"
    assert rows[10]["sources"] == "Human iPSC-MSCs" and "Yuan" in rows[10]["reference"]  # row 11


def test_every_quote_is_verbatim_and_short(source: str) -> None:
    ds = msc_graph.validate(INGEST)
    quotes = [(c.rec.id, q) for c in ds.claims for q in c.rec.quotes]
    quotes += [(c.rec.id, x.quote) for c in ds.claims for x in c.rec.conflicts]
    assert quotes
    for cid, q in quotes:
        assert len(q) <= 300, cid
        assert _norm(q) in source, f"{cid}: quote not found in the review: {q!r}"


def test_prose_claims_and_hypotheses_exist() -> None:
    ds = msc_graph.validate(INGEST)
    prose = [c for c in ds.claims if c.rec.evidence == "prose"]
    assert prose and all(c.rec.quotes for c in prose)
    # "could potentially protect against Aβ-induced caspase-1-dependent neuron pyroptosis" [90]
    ref90 = [c for c in prose if c.rec.study == 90]
    assert ref90 and not any(c.rec.demonstrated for c in ref90)
    table_refs = set().union(*TABLE_REFS.values())
    prose_only = {c.rec.study for c in prose} - table_refs
    assert {82, 86, 89, 90, 91} <= prose_only  # studies the review describes only in its prose


def test_not_determined_rows_are_undetermined() -> None:
    ds = msc_graph.validate(INGEST)
    for c in ds.claims:
        if any(r.modes == "Not determined" for r in c.rec.table_rows):
            assert c.terms["modes_of_action"] == ["undetermined"], c.rec.id


def test_every_curie_is_valid_syntax_for_bioregistry() -> None:
    bioregistry = pytest.importorskip("bioregistry")
    ds = msc_graph.validate(INGEST)
    curies = [(stem, t.id, t.curie) for stem, terms in ds.terms.items() for t in terms.values() if t.curie]
    assert len(curies) >= 10
    for stem, tid, curie in curies:
        assert curie_problem(curie) is None, (stem, tid, curie)
        assert bioregistry.is_valid_curie(curie) or bioregistry.normalize_curie(curie), (stem, tid, curie)


def test_terms_without_curie_say_why() -> None:
    ds = msc_graph.validate(INGEST)
    for stem, terms in ds.terms.items():
        if stem in ("inducers", "models"):
            continue  # whole vocabularies left without IDs (see ingest/CURATION_NOTES.md)
        for t in terms.values():
            if not t.curie:
                assert t.note.strip(), f"{stem}/{t.id}: no CURIE and no note saying why"


@pytest.mark.parametrize("spelling", ["Cx43", "Cx-43", "connexin 43", "GJA1", "cx43"])
def test_any_synonym_resolves_in_the_api(graph: msc_graph.Graph, spelling: str) -> None:
    assert graph.resolve(spelling, "Molecule") == graph.resolve("Cx43", "Molecule")


def test_synonyms_work_in_the_cli(graph: msc_graph.Graph) -> None:
    by_name = cli("ask", "modes-of-action-rescuing", "-p", "rcd=necroptosis", "--format", "json")
    by_synonym = cli("ask", "modes-of-action-rescuing", "-p", "rcd=Necroptotic process", "--format", "json")
    assert by_name.exit_code == 0 and by_name.stdout == by_synonym.stdout


def test_conflicts_are_data(graph: msc_graph.Graph) -> None:
    df = graph.cypher(
        "MATCH (c:Claim)-[:HAS_CONFLICT]->(x:Conflict) RETURN c.ref AS ref, x.field AS field, "
        "x.table_value AS table_value, x.prose_value AS prose_value"
    )
    # the table calls [70]'s miRNA "miRNA-410a", the prose "miRNA-410"
    assert 70 in set(df["ref"])
    assert len(df) >= 5
