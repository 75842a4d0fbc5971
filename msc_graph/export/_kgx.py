"""KGX (Biolink) export: ``nodes.tsv`` and ``edges.tsv`` that join other Biolink graphs.

What goes in: the vocabulary terms, the studies and the sources as nodes, and the assertions the
graph makes about them as edges: the summary edges derived from demonstrated claims (an MSC source
or a route *decreases* an RCD mode; a molecule or pathway is *related to* it) and the term
hierarchy (``biolink:subclass_of``). The evidence (claims, experiments, table rows, quotes) becomes
each edge's provenance: ``publications`` (PMIDs and DOIs), ``supporting_text`` (the quotes),
``msc_claims``, ``msc_refs``, ``msc_table_rows``.

Identifiers: a node's id is its ontology CURIE when its prefix is in Biolink's prefix map (GO, CL,
UBERON, NCBITaxon, HGNC, CHEBI, MONDO, ...): terms of one vocabulary that share a class (e.g. human
primary and mouse in-vivo cardiomyocytes, both CL:0000746) become that one class, with every
project id in ``msc_id``. A study is ``PMID:<n>`` where its PMID was read; a DOI goes to ``xref``
(KGX's CURIE pattern refuses the "/" every DOI holds). Everything else (terms without an ontology
ID, Cellosaurus and mature-miRBase accessions, which Biolink's prefix map lacks, studies without a
PMID) gets the project prefix ``MSCG:`` and keeps its identifiers in ``xref``; the KGX validator
reports exactly those ids as unknown prefixes (``tests/test_kgx.py``).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._schema import CLAIM_FIELDS, DERIVED_FROM, NAMED_LABELS, NODE_LABELS, REL_TYPES

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

LOCAL_PREFIX = "MSCG"
CATEGORY = {name: spec.category for name, spec in NODE_LABELS.items()}
MOLECULE_CATEGORY = {
    "protein": "biolink:Protein",
    "gene": "biolink:Gene",
    "miRNA": "biolink:MicroRNA",
    "organelle": "biolink:CellularComponent",
    "ion": "biolink:SmallMolecule",
    "lipid": "biolink:SmallMolecule",
}
CELL_CATEGORY = {"cell line": "biolink:CellLine"}
PREDICATE = {name: spec.predicate for name, spec in REL_TYPES.items()}
DECREASES = {name for name, spec in REL_TYPES.items() if spec.decreases}
EDGE_TYPES = (*(name for name, spec in REL_TYPES.items() if spec.derived), "IS_A")


@cache
def biolink_prefixes() -> frozenset[str]:
    """The prefixes of Biolink's prefix map (the ``biolink-model`` package's copy), else the usual ones."""
    try:
        from importlib.resources import files

        text = files("biolink_model").joinpath("prefixmaps").joinpath("biolink_model_prefix_map.json").read_text()
        return frozenset(json.loads(text))
    except (ImportError, FileNotFoundError, ModuleNotFoundError, ValueError):
        return frozenset({"GO", "CL", "UBERON", "NCBITaxon", "HGNC", "CHEBI", "MONDO", "DOID", "PMID", "doi"})


def _local(d: dict[str, Any]) -> str:
    """``MSCG:<Label>_<id>`` with every character KGX's CURIE pattern refuses made ``_``."""
    return f"{LOCAL_PREFIX}:" + re.sub(r"[^A-Za-z0-9_.-]", "_", f"{d['label']}_{d['id']}")


def kgx_ids(G: nx.MultiDiGraph) -> dict[str, str]:
    """KGX id per exported node key (see the module docstring for the rules)."""
    prefixes = biolink_prefixes()
    order = {lab: i for i, lab in enumerate(NODE_LABELS)}
    owner: dict[str, str] = {}  # CURIE -> the label whose nodes take it as id (the first in schema order)
    for _, d in sorted(G.nodes(data=True), key=lambda kd: order.get(kd[1].get("label"), 99)):
        if d.get("label") in NAMED_LABELS and d.get("curie"):
            owner.setdefault(str(d["curie"]), d["label"])
    out = {}
    for key, d in G.nodes(data=True):
        lab = d.get("label")
        if lab not in NAMED_LABELS:
            continue
        curie = str(d.get("curie") or "")
        if lab == "Study" and d.get("pmid"):
            out[key] = f"PMID:{d['pmid']}"
        elif curie and curie.split(":", 1)[0] in prefixes and owner[curie] == lab:
            out[key] = curie
        else:
            out[key] = _local(d)
    return out


def category(d: dict[str, Any]) -> str:
    """The Biolink category of a node (by label, refined by molecule or cell kind)."""
    lab = d["label"]
    if lab == "Molecule":
        return MOLECULE_CATEGORY.get(d.get("kind", ""), CATEGORY[lab])
    if lab == "CellType":
        return CELL_CATEGORY.get(d.get("kind", ""), CATEGORY[lab])
    return CATEGORY.get(lab, "biolink:NamedThing")


def _multi(values: Any) -> str:
    vals = values if isinstance(values, list | tuple) else ([] if values in (None, "") else [values])
    return "|".join(str(v).replace("|", "/").replace("\t", " ").replace("\n", " ") for v in vals)


def _claims_behind(G: nx.MultiDiGraph, rtype: str, src: str, dst: str) -> list[str]:
    """The demonstrated claims from which the derived edge ``src -rtype-> dst`` was counted."""
    field_rel = CLAIM_FIELDS[DERIVED_FROM[rtype]][0]
    out = []
    for c in G.predecessors(src):
        d = G.nodes[c]
        ok = d["label"] == "Claim" and d.get("demonstrated")
        if ok and G.has_edge(c, src, field_rel) and G.has_edge(c, dst, "RESCUES_FROM"):
            out.append(c)
    return sorted(out)


def kgx_frames(G: nx.MultiDiGraph) -> tuple[pd.DataFrame, pd.DataFrame]:
    """KGX nodes and edges tables (multi-valued cells '|'-joined, as KGX TSV expects)."""
    import pandas as pd

    ids = kgx_ids(G)
    merged: dict[str, list[str]] = defaultdict(list)  # KGX id -> the project nodes it stands for
    for key, kid in ids.items():
        merged[kid].append(key)
    nodes = [_node_row(G, kid, keys) for kid, keys in merged.items()]
    edges: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    for u, v, d in G.edges(data=True):
        k = d["type"]
        if k not in EDGE_TYPES or u not in ids or v not in ids or ids[u] == ids[v]:
            continue
        if k == "IS_A" and (ids[u], k, ids[v]) in seen:
            continue
        seen.add((ids[u], k, ids[v]))
        claim_keys = _claims_behind(G, k, u, v) if REL_TYPES[k].derived else []
        claim_data = [G.nodes[c] for c in claim_keys]
        studies = sorted({s for c in claim_keys for s in G.successors(c) if G.nodes[s]["label"] == "Study"})
        edges.append(
            {
                "id": f"{LOCAL_PREFIX}:edge_{len(edges)}",
                "subject": ids[u],
                "predicate": PREDICATE[k],
                "object": ids[v],
                "object_direction_qualifier": "decreased" if k in DECREASES else "",
                "knowledge_level": "knowledge_assertion",
                "agent_type": "data_analysis_pipeline" if REL_TYPES[k].derived else "manual_agent",
                "publications": _multi([_publication(G.nodes[s], ids[s]) for s in studies if s in ids]),
                "supporting_text": _multi([q for c in claim_data for q in c.get("quotes_clean") or []]),
                "msc_relation": k,
                "msc_claims": _multi([G.nodes[c]["id"] for c in claim_keys]),
                "msc_refs": _multi(d.get("refs")),
                "msc_table_rows": _multi(sorted({r for c in claim_data for r in c.get("rows") or []})),
                "msc_claim_count": d.get("claims", ""),
                "msc_study_count": d.get("studies", ""),
                "msc_statement_count": d.get("statements", ""),
            }
        )
    return pd.DataFrame(nodes), pd.DataFrame(edges)


def _publication(study: dict[str, Any], kid: str) -> str:
    """How an edge cites a study: PMID, else DOI, else its project id."""
    return kid if kid.startswith("PMID:") else (_doi(study.get("doi")) or kid)


def _pmc(pmcid: Any) -> str:
    return f"PMC:{str(pmcid).removeprefix('PMC')}" if pmcid else ""


def _doi(doi: Any) -> str:
    return f"doi:{doi}" if doi else ""


def _node_row(G: nx.MultiDiGraph, kid: str, keys: list[str]) -> dict[str, Any]:
    """One KGX node for the project nodes ``keys`` (several when they share an ontology class)."""
    skip = {"label", "id", "name", "synonyms", "curie", "abstract"}
    # the broadest of them names the class: a term that another of them points to with IS_A
    parents = {t for k in keys for _, t, e in G.out_edges(k, data=True) if e["type"] == "IS_A"}
    first = G.nodes[next((k for k in sorted(keys) if k in parents), sorted(keys)[0])]
    synonyms = sorted({s for k in keys for s in G.nodes[k].get("synonyms") or []} | {G.nodes[k]["name"] for k in keys})
    extra: dict[str, Any] = defaultdict(list)
    for k in sorted(keys):
        for name, v in G.nodes[k].items():
            if name not in skip:
                extra[f"msc_{name}"] += v if isinstance(v, list) else [v]
    xref = sorted(
        {
            x
            for k in keys
            for x in (G.nodes[k].get("curie"), _pmc(G.nodes[k].get("pmcid")), _doi(G.nodes[k].get("doi")))
            if x and x != kid
        }
    )
    return {
        "id": kid,
        "category": category(first),
        "name": first.get("name", ""),
        "synonym": _multi([s for s in synonyms if s != first.get("name")]),
        "xref": _multi(xref),
        "msc_label": first["label"],
        "msc_id": _multi(sorted(G.nodes[k]["id"] for k in keys)),
        **{name: _multi(list(dict.fromkeys(v))) for name, v in extra.items()},
    }


def write_kgx(G: nx.MultiDiGraph, folder: Path) -> list[Path]:
    """``nodes.tsv`` and ``edges.tsv`` in ``folder``."""
    nodes, edges = kgx_frames(G)
    paths = [folder / "nodes.tsv", folder / "edges.tsv"]
    for frame, path in zip((nodes, edges), paths, strict=True):
        frame.to_csv(path, sep="\t", index=False, lineterminator="\n")
    return paths
