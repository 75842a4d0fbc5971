"""The one table of what msc-graph knows about each node label and relationship type.

Every other module reads this table: the loader (which vocabulary file feeds a label, which claim
field becomes which edge), the builder, the query registry (which identifiers may be put into a
statement), the engines' indexes (as plain tuples, no dialect here), the exports (Biolink
categories and predicates), the Neo4j Browser style, the explorer and the figures (colours), and
the messages (the human name of each kind of term).

Nothing else in msc-graph spells a label or a relationship type into a query string: every
identifier interpolated into Cypher goes through :func:`label` or :func:`rel_type`, which accept
only the names declared here and reject anything else (they never escape).

The model, in one picture::

    (Source)<-[:CITED_IN {ref}]-(Study)<-[:FROM_STUDY]-(Claim)-[:REPORTED_IN]->(Source)
    (Claim)-[:USES_SOURCE]->(MSCSource)      (Claim)-[:RESCUES_FROM]->(RCDMode)
    (Claim)-[:VIA_MODE {hedged}]->(ModeOfAction)
    (Claim)-[:INVOLVES_MOLECULE {role, via}]->(Molecule)     (Claim)-[:INVOLVES_PATHWAY]->(Pathway)
    (Claim)-[:IN_CONTEXT]->(Context)-[:TARGETS_CELL|INDUCED_BY|IN_MODEL]->(CellType|Inducer|Model)
    (Claim)-[:PRINTED_IN]->(TableRow)        (Claim)-[:HAS_CONFLICT]->(Conflict)
    (term)-[:IS_A]->(broader term of the same label)      (Spelling)-[:SPELLS]->(term or Study)
    derived: SOURCE_RESCUES, MODE_RESCUES, MOLECULE_IMPLICATED_IN, PATHWAY_IMPLICATED_IN -> (RCDMode)
    derived: (Tally)-[:TALLIES]->(term): one row of a named query's default answer (see _tally)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

from ._exceptions import SchemaError

KEY = "id"
"""Every node label is keyed by the string property ``id``."""
TALLY = "Tally"
"""The label of the answer rows counted by the ingest (:mod:`msc_graph._tally`)."""

# -- enumerations of the domain (the record format, the queries and the figures share them) ------
Setting = Literal["in vitro", "in vivo", "clinical"]
Category = Literal["paracrine", "gap junction", "TNT mitochondria transfer", "EV transfer", "undetermined"]
Role = Literal[
    "secreted factor",
    "EV cargo",
    "channel protein",
    "transferred organelle",
    "signalling intermediate",
    "target or readout in the rescued cell",
]
Evidence = Literal["table", "prose", "abstract"]
SETTINGS: tuple[str, ...] = get_args(Setting)
"""Experimental settings, in the order answers and figures show them."""
CATEGORIES: tuple[str, ...] = get_args(Category)
"""Mode-of-action categories, in the review's order (Tables 1-4), ``undetermined`` last."""
ROLES: tuple[str, ...] = get_args(Role)
"""What a molecule is in a claim: how the MSCs deliver it, or what it is in the rescued cell."""
EVIDENCE: tuple[str, ...] = get_args(Evidence)
"""Where a claim is read: a table row, the prose, or a paper's abstract."""
SETTING_COLUMNS: dict[str, str] = {s: s.replace(" ", "_") for s in SETTINGS}
"""The answer column counting the studies of each setting (``in vitro`` -> ``in_vitro``)."""
ROLE_ROUTES: dict[str, tuple[str, ...]] = {
    "secreted factor": ("paracrine",),
    "EV cargo": ("EV transfer",),
    "channel protein": ("gap junction",),
    "transferred organelle": ("TNT mitochondria transfer", "EV transfer"),
    "signalling intermediate": (),
    "target or readout in the rescued cell": (),
}
"""The route categories a molecule of each role travels by (``()``: none required)."""
ROLES_WITHOUT_ROUTE = ("target or readout in the rescued cell",)
"""Roles of molecules that act inside the rescued cell: they travel by no route."""


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
    """A relationship type with its endpoint labels (``"*"``: any term label, the same at both ends)."""

    name: str
    source: str
    target: str
    description: str
    predicate: str  # Biolink predicate of the KGX export
    derived: bool = False  # summary edge computed by the ingest from claims
    claim_field: str = ""  # for edges to terms: the claim (or context) record field it comes from
    decreases: bool = False  # the MSCs reduce the target process (KGX object_direction_qualifier)


def _n(
    name: str, kind: str, desc: str, color: str, cat: str, vocab: str = "", idx: tuple[str, ...] = (), d: int = 50
) -> NodeLabel:
    return NodeLabel(name, kind, desc, color, cat, vocab, idx, d)


_ICE = "biolink:InformationContentEntity"
# Colours: the Neo4j Browser's own palette, given a meaning per label.
NODE_LABELS: dict[str, NodeLabel] = {
    n.name: n
    for n in (
        _n("Source", "source", "A curated source: the review, or a set of papers", "#B07AA1", "biolink:Publication"),
        _n(
            "Study",
            "study",
            "A study (paper), keyed by PMID, DOI or a local key",
            "#C990C0",
            "biolink:Publication",
            idx=("ref",),
        ),
        _n(
            "Claim",
            "claim",
            "One study's finding, with provenance",
            "#A5ABB6",
            _ICE,
            idx=("ref", "name", "hypothesis_rank"),
            d=40,
        ),
        _n(
            "Context",
            "context",
            "One experiment of a claim: setting, target cells, inducers, model",
            "#C6CBD4",
            _ICE,
            idx=("name",),
            d=32,
        ),
        _n(
            "TableRow",
            "table row",
            "A printed row of a source's tables, verbatim cells",
            "#D9C8AE",
            _ICE,
            idx=("table", "name"),
            d=36,
        ),
        _n("Conflict", "conflict", "A table/prose difference about a claim", "#F16667", _ICE, idx=("name",), d=36),
        _n("MSCSource", "MSC source", "MSC source: species and tissue", "#57C7E3", "biolink:Cell", "msc_sources"),
        _n("CellType", "cell type", "Target (rescued) cell type or cell line", "#8DCC93", "biolink:Cell", "cell_types"),
        _n("RCDMode", "RCD mode", "Regulated cell death mode", "#F79767", "biolink:BiologicalProcess", "rcd_modes"),
        _n(
            "ModeOfAction",
            "mode of action",
            "Mode-of-action category",
            "#4C8EDA",
            "biolink:BiologicalProcess",
            "modes_of_action",
        ),
        _n(
            "Molecule",
            "molecule",
            "Protein, gene, miRNA, organelle or ion",
            "#FFC454",
            "biolink:MolecularEntity",
            "molecules",
        ),
        _n("Pathway", "pathway", "Signalling pathway", "#569480", "biolink:Pathway", "pathways"),
        _n("Inducer", "inducer", "What induced the cell death", "#DA7194", "biolink:ExposureEvent", "inducers"),
        _n("Model", "model", "Disease or animal model", "#ECB5C9", "biolink:DiseaseOrPhenotypicFeature", "models"),
        _n("Spelling", "spelling", "A normalized spelling that names terms", "#E0E0E0", _ICE, idx=("text",), d=24),
        _n(
            "Tally",
            "tally",
            "One row of a named query's answer under its default filters, counted by the ingest",
            "#EDEDED",
            _ICE,
            idx=("scope",),
            d=20,
        ),
    )
}

# Vocabulary files that are not node labels: their terms are properties of other terms.
PROPERTY_VOCABS: dict[str, str] = {"species": "species"}
"""Vocabulary file stem -> the human name of its kind of term."""

_M = "biolink:mentions"
_BY = "biolink:mentioned_by"
_REL = "biolink:related_to"
REL_TYPES: dict[str, RelType] = {
    r.name: r
    for r in (
        RelType("CITED_IN", "Study", "Source", "a source cites the study (with its reference number)", _BY),
        RelType("FROM_STUDY", "Claim", "Study", "the study that reports the claim", _BY),
        RelType("REPORTED_IN", "Claim", "Source", "the source the claim was read in", _BY),
        RelType("USES_SOURCE", "Claim", "MSCSource", "MSC source used", _M, claim_field="msc_sources"),
        RelType("RESCUES_FROM", "Claim", "RCDMode", "death mode reduced", _M, claim_field="rcd_modes"),
        RelType("VIA_MODE", "Claim", "ModeOfAction", "route of action (hedged or not)", _M, claim_field="routes"),
        RelType("INVOLVES_MOLECULE", "Claim", "Molecule", "molecule, its role and route", _M, claim_field="molecules"),
        RelType("INVOLVES_PATHWAY", "Claim", "Pathway", "pathway implicated", _M, claim_field="pathways"),
        RelType("IN_CONTEXT", "Claim", "Context", "one experiment of the claim", _REL),
        RelType("TARGETS_CELL", "Context", "CellType", "cells rescued", _M, claim_field="target_cells"),
        RelType("INDUCED_BY", "Context", "Inducer", "inducer of the death", _M, claim_field="inducers"),
        RelType("IN_MODEL", "Context", "Model", "disease/animal model", _M, claim_field="models"),
        RelType("PRINTED_IN", "Claim", "TableRow", "table row where the claim is printed", _BY),
        RelType("HAS_CONFLICT", "Claim", "Conflict", "recorded table/prose difference", _REL),
        RelType("IS_A", "*", "*", "narrower term -> broader term of the same vocabulary", "biolink:subclass_of"),
        RelType("SPELLS", "Spelling", "*", "a spelling names a term (or a study)", _REL),
        RelType("TALLIES", "Tally", "*", "a tally counts the claims about this term (or pair of terms)", _REL),
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
            "MOLECULE_IMPLICATED_IN", "Molecule", "RCDMode", "molecule implicated against RCD mode", _REL, derived=True
        ),
        RelType(
            "PATHWAY_IMPLICATED_IN", "Pathway", "RCDMode", "pathway implicated against RCD mode", _REL, derived=True
        ),
    )
}

CLAIM_FIELDS: dict[str, tuple[str, str]] = {
    r.claim_field: (r.name, r.target) for r in REL_TYPES.values() if r.claim_field and r.source == "Claim"
}
"""Claim record field -> (relationship type, target label)."""

CONTEXT_FIELDS: dict[str, tuple[str, str]] = {
    r.claim_field: (r.name, r.target) for r in REL_TYPES.values() if r.claim_field and r.source == "Context"
}
"""Context record field -> (relationship type, target label)."""

TERM_FIELDS: dict[str, tuple[str, str]] = {**CLAIM_FIELDS, **CONTEXT_FIELDS}
"""Every record field that names vocabulary terms -> (relationship type, target label)."""

DERIVED_FROM: dict[str, str] = {
    r.name: next(f for f, (_, lab) in CLAIM_FIELDS.items() if lab == r.source) for r in REL_TYPES.values() if r.derived
}
"""Derived edge -> the claim field of its source end (its target is always the claim's RCD modes)."""

VOCAB_LABELS: dict[str, str] = {n.vocab: n.name for n in NODE_LABELS.values() if n.vocab}
"""Vocabulary file stem -> node label."""

TERM_LABELS: tuple[str, ...] = tuple(VOCAB_LABELS.values())
"""The labels of vocabulary terms."""

NAMED_LABELS: tuple[str, ...] = (*TERM_LABELS, "Study", "Source")
"""What a term parameter of a named query may name: vocabulary terms, studies and sources."""

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


def endpoints(rtype: str, source: str, target: str) -> tuple[str, str]:
    """``(source, target)`` if a ``rtype`` edge may join these labels, else :class:`SchemaError`."""
    spec = REL_TYPES[rel_type(rtype)]
    ok_source = spec.source == label(source) or (spec.source == "*" and source in NAMED_LABELS)
    ok_target = spec.target == label(target) or (spec.target == "*" and target in NAMED_LABELS)
    if spec.source == "*" and spec.target == "*" and source != target:
        ok_source = False
    if not (ok_source and ok_target):
        raise SchemaError(f"{rtype} does not join {source} to {target}")
    return source, target


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
