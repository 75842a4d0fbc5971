"""The single source of node labels, relationship types and key properties.

Nothing else in msc-graph spells a label or a relationship type into a query string: every
identifier that is interpolated into Cypher goes through :func:`label` or :func:`rel_type`, which
accept only the names declared here and reject anything else (they never escape).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._exceptions import MscGraphError

KEY = "id"
"""Every node label is keyed by the string property ``id``."""


@dataclass(frozen=True)
class NodeLabel:
    """A node label: its name, what it holds and where its terms come from."""

    name: str
    description: str
    vocab: str = ""  # vocabulary file stem under ingest/vocab/, "" when not a vocabulary
    indexed: tuple[str, ...] = ()  # extra indexed properties besides the key


@dataclass(frozen=True)
class RelType:
    """A relationship type with its endpoint labels."""

    name: str
    source: str
    target: str
    description: str
    derived: bool = False  # summary edge computed by the ingest from claims


NODE_LABELS: dict[str, NodeLabel] = {
    n.name: n
    for n in (
        NodeLabel("Study", "A study cited by the review (keyed ref<N>)", indexed=("ref",)),
        NodeLabel("Claim", "One study's finding, with provenance", indexed=("ref",)),
        NodeLabel("TableRow", "A printed row of Tables 1-4, verbatim cells", indexed=("table",)),
        NodeLabel("Conflict", "A table/prose disagreement about a claim"),
        NodeLabel("MSCSource", "MSC source: species and tissue", vocab="msc_sources"),
        NodeLabel("CellType", "Target (rescued) cell type or cell line", vocab="cell_types"),
        NodeLabel("RCDMode", "Regulated cell death mode", vocab="rcd_modes"),
        NodeLabel("ModeOfAction", "Mode-of-action category", vocab="modes_of_action"),
        NodeLabel("Molecule", "Protein, gene, miRNA, organelle or ion", vocab="molecules"),
        NodeLabel("Pathway", "Signalling pathway or death machinery", vocab="pathways"),
        NodeLabel("Inducer", "What induced the cell death", vocab="inducers"),
        NodeLabel("Model", "Disease or animal model", vocab="models"),
    )
}

_CLAIM_EDGES = (
    ("FROM_STUDY", "Study", "the study that reports the claim"),
    ("USES_SOURCE", "MSCSource", "MSC source used"),
    ("TARGETS_CELL", "CellType", "cells rescued"),
    ("RESCUES_FROM", "RCDMode", "death mode reduced"),
    ("INDUCED_BY", "Inducer", "inducer of the death"),
    ("IN_MODEL", "Model", "disease/animal model"),
    ("VIA_MODE", "ModeOfAction", "mode-of-action category"),
    ("INVOLVES_MOLECULE", "Molecule", "molecule, with its role"),
    ("INVOLVES_PATHWAY", "Pathway", "pathway implicated"),
    ("PRINTED_IN", "TableRow", "table row where the claim is printed"),
    ("HAS_CONFLICT", "Conflict", "recorded table/prose disagreement"),
)

_DERIVED_EDGES = (
    ("SOURCE_RESCUES", "MSCSource", "RCDMode", "MSC source rescues from RCD mode"),
    ("MODE_RESCUES", "ModeOfAction", "RCDMode", "mode of action rescues from RCD mode"),
    ("MOLECULE_IMPLICATED_IN", "Molecule", "RCDMode", "molecule implicated against RCD mode"),
    ("PATHWAY_IMPLICATED_IN", "Pathway", "RCDMode", "pathway implicated against RCD mode"),
)

REL_TYPES: dict[str, RelType] = {
    **{name: RelType(name, "Claim", target, desc) for name, target, desc in _CLAIM_EDGES},
    **{name: RelType(name, s, t, desc, derived=True) for name, s, t, desc in _DERIVED_EDGES},
}

# Claim field -> (relationship type, target label): the single mapping used by the ingest.
CLAIM_FIELDS: dict[str, tuple[str, str]] = {
    "msc_sources": ("USES_SOURCE", "MSCSource"),
    "target_cells": ("TARGETS_CELL", "CellType"),
    "rcd_modes": ("RESCUES_FROM", "RCDMode"),
    "inducers": ("INDUCED_BY", "Inducer"),
    "models": ("IN_MODEL", "Model"),
    "modes_of_action": ("VIA_MODE", "ModeOfAction"),
    "molecules": ("INVOLVES_MOLECULE", "Molecule"),
    "pathways": ("INVOLVES_PATHWAY", "Pathway"),
}

# Derived edge -> claim field of its source end (its target is always the claim's RCD modes).
DERIVED_FROM: dict[str, str] = {
    "SOURCE_RESCUES": "msc_sources",
    "MODE_RESCUES": "modes_of_action",
    "MOLECULE_IMPLICATED_IN": "molecules",
    "PATHWAY_IMPLICATED_IN": "pathways",
}

VOCAB_LABELS: dict[str, str] = {n.vocab: n.name for n in NODE_LABELS.values() if n.vocab}

_IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class SchemaError(MscGraphError):
    """An identifier that is not in the schema was about to be put into a query."""


def label(name: str) -> str:
    """Return ``name`` if it is a declared node label, else raise :class:`SchemaError`."""
    if name not in NODE_LABELS or not _IDENT.match(name):
        raise SchemaError(f"not a node label of the schema: {name!r}")
    return name


def rel_type(name: str) -> str:
    """Return ``name`` if it is a declared relationship type, else raise :class:`SchemaError`."""
    if name not in REL_TYPES or not _IDENT.match(name):
        raise SchemaError(f"not a relationship type of the schema: {name!r}")
    return name


def prop(name: str) -> str:
    """Return ``name`` if it is a declared indexed/key property, else raise."""
    allowed = {KEY} | {p for n in NODE_LABELS.values() for p in n.indexed}
    if name not in allowed:
        raise SchemaError(f"not a key or indexed property of the schema: {name!r}")
    return name


def resolve_label(name: str) -> str:
    """Map a user spelling of a label (any case, or a vocabulary file stem) to the label."""
    low = name.strip().lower().replace("-", "_")
    for lab in NODE_LABELS:
        if lab.lower() == low:
            return lab
    if low in VOCAB_LABELS:
        return VOCAB_LABELS[low]
    raise SchemaError(f"not a node label of the schema: {name!r} (labels: {', '.join(NODE_LABELS)})")


def falkordb_schema_statements() -> list[str]:
    """FalkorDB index statements (unique constraints are created through GRAPH.CONSTRAINT)."""
    out = []
    for n in NODE_LABELS.values():
        for p in (KEY, *n.indexed):
            out.append(f"CREATE INDEX FOR (n:{label(n.name)}) ON (n.{prop(p)})")
    return out


def neo4j_schema_statements() -> list[str]:
    """Neo4j 5 constraint and index statements, idempotent."""
    out = []
    for n in NODE_LABELS.values():
        lab = label(n.name)
        out.append(f"CREATE CONSTRAINT msc_{lab.lower()}_{KEY} IF NOT EXISTS FOR (n:{lab}) REQUIRE n.{KEY} IS UNIQUE")
        for p in n.indexed:
            out.append(f"CREATE INDEX msc_{lab.lower()}_{prop(p)} IF NOT EXISTS FOR (n:{lab}) ON (n.{p})")
    return out
