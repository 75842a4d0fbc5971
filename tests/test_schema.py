"""The schema module is the whitelist for every identifier put into a query string."""

from __future__ import annotations

import pytest

from msc_graph import SchemaError, _schema
from msc_graph._ingest import node_statement, rel_statement


def test_every_relationship_joins_declared_labels() -> None:
    for rel in _schema.REL_TYPES.values():
        assert rel.source in _schema.NODE_LABELS, rel
        assert rel.target in _schema.NODE_LABELS, rel


@pytest.mark.parametrize("bad", ["Study) DETACH DELETE (n", "study ", "Foo", "", "`Study`", "Claim:Study"])
def test_labels_outside_the_schema_are_rejected_not_escaped(bad: str) -> None:
    with pytest.raises(SchemaError):
        _schema.label(bad)
    with pytest.raises(SchemaError):
        node_statement(bad)


@pytest.mark.parametrize("bad", ["RESCUES_FROM]->() DELETE x //", "rescues_from", "KNOWS"])
def test_relationship_types_outside_the_schema_are_rejected(bad: str) -> None:
    with pytest.raises(SchemaError):
        _schema.rel_type(bad)
    with pytest.raises(SchemaError):
        rel_statement(bad)


def test_resolve_label_accepts_user_spellings() -> None:
    assert _schema.resolve_label("rcdmode") == "RCDMode"
    assert _schema.resolve_label("rcd_modes") == "RCDMode"
    assert _schema.resolve_label("msc-sources") == "MSCSource"
    with pytest.raises(SchemaError):
        _schema.resolve_label("Person")


def test_schema_statements_cover_every_label_on_both_engines() -> None:
    falkor = "\n".join(_schema.falkordb_schema_statements())
    neo = "\n".join(_schema.neo4j_schema_statements())
    for lab in _schema.NODE_LABELS:
        assert f"(n:{lab}) ON (n.id)" in falkor
        assert f"FOR (n:{lab}) REQUIRE n.id IS UNIQUE" in neo
    assert all("IF NOT EXISTS" in s for s in _schema.neo4j_schema_statements())


def test_claim_fields_and_derived_edges_are_consistent() -> None:
    for field, (rtype, lab) in _schema.CLAIM_FIELDS.items():
        assert _schema.REL_TYPES[rtype].target == lab, field
    for rtype, field in _schema.DERIVED_FROM.items():
        rel = _schema.REL_TYPES[rtype]
        assert rel.derived and rel.target == "RCDMode"
        assert _schema.CLAIM_FIELDS[field][1] == rel.source
