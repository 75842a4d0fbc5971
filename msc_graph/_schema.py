"""The one table of what msc-graph knows about each node label and relationship type.

Every other module reads this table: the loader (which vocabulary file feeds a label, which claim
field becomes which edge), the builder, the query registry (which identifiers may be put into a
statement), the engines' indexes (as :class:`IndexSpec`, no dialect here), the exports (Biolink
categories and predicates), the Neo4j Browser style, the explorer and the figures (colours), and
the messages (the human name of each kind of term).

Nothing else in msc-graph spells a label or a relationship type into a query string: every
identifier interpolated into Cypher goes through :func:`label` or :func:`rel_type`, which accept
only the names declared here and reject anything else (they never escape).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

from ._exceptions import SchemaError

KEY = "id"
"""Every node label is keyed by the string property ``id``."""

# -- enumerations of the domain (the record format, the queries and the figures share them) ------
Setting = Literal["in vitro", "in vivo", "clinical"]
Category = Literal["paracrine", "gap junction", "TNT mitochondria transfer", "EV transfer", "undetermined"]
SETTINGS: tuple[str, ...] = get_args(Setting)
"""Experimental settings, in the order answers and figures show them."""
CATEGORIES: tuple[str, ...] = get_args(Category)
"""Mode-of-action categories, in the review's order (Tables 1-4), ``undetermined`` last."""
SETTING_COLUMNS: dict[str, str] = {s: s.replace(" ", "_") for s in SETTINGS}
"""The answer column counting the studies of each setting (``in vitro`` -> ``in_vitro``)."""


@dataclass(frozen=True)
class NodeLabel:
    """A node label and everything the code knows about it."""

    name: str
    kind: str  # what a user calls one of them, in messages: "RCD mode"
    description: str
    color: str  # fill colour in the explorer, figures and the Neo4j Browser style
    category: str  # Biolink category (refined per molecule/cell kind by the KGX export)
    vocab: str = ""  # vocabulary file stem under ingest/vocab/, "" when not a vocabulary
    indexed: tuple[str, ...] = ()  # extra indexed properties besides the key
    diameter: int = 50  # node size in the Neo4j Browser style (evidence nodes are drawn smaller)


@dataclass(frozen=True)
class RelType:
    """A relationship type with its endpoint labels."""

    name: str
    source: str
    target: str
    description: str
    predicate: str  # Biolink predicate of the KGX export
    derived: bool = False  # summary edge computed by the ingest from claims
    claim_field: str = ""  # for claim edges to terms: the claim record field it comes from
    decreases: bool = False  # the MSCs reduce the target process (KGX object_direction_qualifier)


# Colours: the Neo4j Browser's own palette, given a meaning per label.
NODE_LABELS: dict[str, NodeLabel] = {
    n.name: n
    for n in (
        NodeLabel(
            "Study",
            "study",
            "A study cited by the review (keyed ref<N>)",
            "#C990C0",
            "biolink:Publication",
            indexed=("ref",),
        ),
        NodeLabel(
            "Claim",
            "claim",
            "One study's finding, with provenance",
            "#A5ABB6",
            "biolink:InformationContentEntity",
            indexed=("ref",),
            diameter=40,
        ),
        NodeLabel(
            "TableRow",
            "table row",
            "A printed row of Tables 1-4, verbatim cells",
            "#D9C8AE",
            "biolink:InformationContentEntity",
            indexed=("table",),
            diameter=36,
        ),
        NodeLabel(
            "Conflict",
            "conflict",
            "A table/prose disagreement about a claim",
            "#F16667",
            "biolink:InformationContentEntity",
            diameter=36,
        ),
        NodeLabel(
            "MSCSource", "MSC source", "MSC source: species and tissue", "#57C7E3", "biolink:Cell", "msc_sources"
        ),
        NodeLabel(
            "CellType",
            "cell type",
            "Target (rescued) cell type or cell line",
            "#8DCC93",
            "biolink:Cell",
            "cell_types",
        ),
        NodeLabel(
            "RCDMode", "RCD mode", "Regulated cell death mode", "#F79767", "biolink:BiologicalProcess", "rcd_modes"
        ),
        NodeLabel(
            "ModeOfAction",
            "mode of action",
            "Mode-of-action category",
            "#4C8EDA",
            "biolink:BiologicalProcess",
            "modes_of_action",
        ),
        NodeLabel(
            "Molecule",
            "molecule",
            "Protein, gene, miRNA, organelle or ion",
            "#FFC454",
            "biolink:MolecularEntity",
            "molecules",
        ),
        NodeLabel(
            "Pathway", "pathway", "Signalling pathway or death machinery", "#569480", "biolink:Pathway", "pathways"
        ),
        NodeLabel("Inducer", "inducer", "What induced the cell death", "#DA7194", "biolink:ExposureEvent", "inducers"),
        NodeLabel(
            "Model",
            "model",
            "Disease or animal model",
            "#ECB5C9",
            "biolink:DiseaseOrPhenotypicFeature",
            "models",
        ),
    )
}

# Vocabulary files that are not node labels: their terms are properties of other terms.
PROPERTY_VOCABS: dict[str, str] = {"species": "species"}
"""Vocabulary file stem -> the human name of its kind of term."""

_MENTIONS = "biolink:mentions"
REL_TYPES: dict[str, RelType] = {
    r.name: r
    for r in (
        RelType("FROM_STUDY", "Claim", "Study", "the study that reports the claim", "biolink:mentioned_by"),
        RelType("USES_SOURCE", "Claim", "MSCSource", "MSC source used", _MENTIONS, claim_field="msc_sources"),
        RelType("TARGETS_CELL", "Claim", "CellType", "cells rescued", _MENTIONS, claim_field="target_cells"),
        RelType("RESCUES_FROM", "Claim", "RCDMode", "death mode reduced", _MENTIONS, claim_field="rcd_modes"),
        RelType("INDUCED_BY", "Claim", "Inducer", "inducer of the death", _MENTIONS, claim_field="inducers"),
        RelType("IN_MODEL", "Claim", "Model", "disease/animal model", _MENTIONS, claim_field="models"),
        RelType(
            "VIA_MODE", "Claim", "ModeOfAction", "mode-of-action category", _MENTIONS, claim_field="modes_of_action"
        ),
        RelType(
            "INVOLVES_MOLECULE", "Claim", "Molecule", "molecule, with its role", _MENTIONS, claim_field="molecules"
        ),
        RelType("INVOLVES_PATHWAY", "Claim", "Pathway", "pathway implicated", _MENTIONS, claim_field="pathways"),
        RelType("PRINTED_IN", "Claim", "TableRow", "table row where the claim is printed", "biolink:mentioned_by"),
        RelType("HAS_CONFLICT", "Claim", "Conflict", "recorded table/prose disagreement", "biolink:related_to"),
        RelType(
            "SOURCE_RESCUES",
            "MSCSource",
            "RCDMode",
            "MSC source rescues from RCD mode",
            "biolink:affects",
            derived=True,
            decreases=True,
        ),
        RelType(
            "MODE_RESCUES",
            "ModeOfAction",
            "RCDMode",
            "mode of action rescues from RCD mode",
            "biolink:affects",
            derived=True,
            decreases=True,
        ),
        RelType(
            "MOLECULE_IMPLICATED_IN",
            "Molecule",
            "RCDMode",
            "molecule implicated against RCD mode",
            "biolink:related_to",
            derived=True,
        ),
        RelType(
            "PATHWAY_IMPLICATED_IN",
            "Pathway",
            "RCDMode",
            "pathway implicated against RCD mode",
            "biolink:related_to",
            derived=True,
        ),
    )
}

CLAIM_FIELDS: dict[str, tuple[str, str]] = {
    r.claim_field: (r.name, r.target) for r in REL_TYPES.values() if r.claim_field
}
"""Claim record field -> (relationship type, target label): the single mapping used by the ingest."""

DERIVED_FROM: dict[str, str] = {
    r.name: next(f for f, (_, lab) in CLAIM_FIELDS.items() if lab == r.source) for r in REL_TYPES.values() if r.derived
}
"""Derived edge -> the claim field of its source end (its target is always the claim's RCD modes)."""

VOCAB_LABELS: dict[str, str] = {n.vocab: n.name for n in NODE_LABELS.values() if n.vocab}
"""Vocabulary file stem -> node label."""

TERM_LABELS: tuple[str, ...] = tuple(VOCAB_LABELS.values())
"""The labels of vocabulary terms (what a term parameter of a named query may name)."""

_IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


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
    """Map a user spelling of a label (any case, a vocabulary file stem, or its kind) to the label."""
    low = name.strip().lower().replace("-", "_")
    for lab, spec in NODE_LABELS.items():
        if low in (lab.lower(), spec.kind.lower().replace(" ", "_")):
            return lab
    if low in VOCAB_LABELS:
        return VOCAB_LABELS[low]
    raise SchemaError(f"not a node label of the schema: {name!r} (labels: {', '.join(NODE_LABELS)})")


def kind(name: str) -> str:
    """The human name of a label or a property vocabulary ("RCD mode" for ``RCDMode``)."""
    if name in NODE_LABELS:
        return NODE_LABELS[name].kind
    if name in VOCAB_LABELS:
        return NODE_LABELS[VOCAB_LABELS[name]].kind
    return PROPERTY_VOCABS.get(name, name)


def label_colors() -> dict[str, str]:
    """Fill colour per node label (schema order): the explorer, figures and Browser style share it."""
    return {name: spec.color for name, spec in NODE_LABELS.items()}


def index_specs() -> list[tuple[str, str, bool]]:
    """Every index the engines create before publishing, as (label, property, unique): a unique
    key per label, then the other indexed properties."""
    out = [(label(n.name), KEY, True) for n in NODE_LABELS.values()]
    out += [(label(n.name), prop(p), False) for n in NODE_LABELS.values() for p in n.indexed]
    return out
