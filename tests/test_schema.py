"""The schema module is the whitelist for every identifier put into a query string."""

from __future__ import annotations

import pytest

import msc_graph
from msc_graph import SchemaError, _schema
from msc_graph._engines.embedded import EmbeddedEngine
from msc_graph._engines.neo4j_engine import schema_statements
from msc_graph._ingest import graph_spec
from msc_graph._queries._generated import create_nodes, create_rels


def test_every_relationship_joins_declared_labels() -> None:
    for rel in _schema.REL_TYPES.values():
        assert rel.source in _schema.NODE_LABELS or rel.source == "*", rel
        assert rel.target in _schema.NODE_LABELS or rel.target == "*", rel
    # "*" joins two terms of one vocabulary (IS_A), or a spelling to anything it names (SPELLS)
    assert _schema.endpoints("IS_A", "RCDMode", "RCDMode") == ("RCDMode", "RCDMode")
    with pytest.raises(SchemaError):
        _schema.endpoints("IS_A", "RCDMode", "CellType")
    with pytest.raises(SchemaError):
        _schema.endpoints("USES_SOURCE", "Claim", "CellType")


@pytest.mark.parametrize("bad", ["Study) DETACH DELETE (n", "study ", "Foo", "", "`Study`", "Claim:Study"])
def test_labels_outside_the_schema_are_rejected_not_escaped(bad: str) -> None:
    with pytest.raises(SchemaError):
        _schema.label(bad)
    with pytest.raises(SchemaError):
        create_nodes(bad)


@pytest.mark.parametrize("bad", ["RESCUES_FROM]->() DELETE x //", "rescues_from", "KNOWS"])
def test_relationship_types_outside_the_schema_are_rejected(bad: str) -> None:
    with pytest.raises(SchemaError):
        _schema.rel_type(bad)
    with pytest.raises(SchemaError):
        create_rels(bad, "Claim", "Study")


def test_resolve_label_accepts_user_spellings() -> None:
    assert _schema.resolve_label("rcdmode") == "RCDMode"
    assert _schema.resolve_label("rcd_modes") == "RCDMode"
    assert _schema.resolve_label("msc-sources") == "MSCSource"
    with pytest.raises(SchemaError):
        _schema.resolve_label("Person")


def test_schema_statements_cover_every_label_on_both_engines(scratch: msc_graph.Graph) -> None:
    spec = graph_spec()
    engine = scratch.engine
    assert isinstance(engine, EmbeddedEngine)
    falkor = engine.db.select_graph(scratch.settings.graph)
    engine._create_schema(falkor, spec)  # the embedded engine's own DDL, run on an empty graph
    indexes = falkor.ro_query("CALL db.indexes() YIELD label, properties RETURN label, properties").result_set
    indexed = {(lab, p) for lab, props in indexes for p in props}
    neo = "\n".join(schema_statements(spec))
    for lab in _schema.NODE_LABELS:
        assert (lab, "id") in indexed
        assert f"FOR (n:{lab}) REQUIRE n.id IS UNIQUE" in neo
    assert all("IF NOT EXISTS" in s for s in schema_statements(spec))


def test_claim_fields_and_derived_edges_are_consistent() -> None:
    for field, (rtype, lab) in _schema.CLAIM_FIELDS.items():
        assert _schema.REL_TYPES[rtype].target == lab, field
    for rtype, field in _schema.DERIVED_FROM.items():
        rel = _schema.REL_TYPES[rtype]
        assert rel.derived and rel.target == "RCDMode"
        assert _schema.CLAIM_FIELDS[field][1] == rel.source


def test_context_fields_hang_off_contexts() -> None:
    """v2: target cells, inducers and models belong to a claim's contexts (one per experiment)."""
    assert set(_schema.CONTEXT_FIELDS) == {"target_cells", "inducers", "models"}
    for field, (rtype, lab) in _schema.CONTEXT_FIELDS.items():
        rel = _schema.REL_TYPES[rtype]
        assert rel.source == "Context" and rel.target == lab and _schema.NODE_LABELS[lab].vocab, field
    assert not set(_schema.CONTEXT_FIELDS) & set(_schema.CLAIM_FIELDS)
    assert _schema.TERM_FIELDS == {**_schema.CLAIM_FIELDS, **_schema.CONTEXT_FIELDS}
