"""Exports of the published graph for other tools, all built from :meth:`Graph.to_networkx`.

>>> from msc_graph import export
>>> export.export(g, "graphml", "msc.graphml")      # or msc-graph export --format graphml -o …
>>> export.result_html(g, g.query("shared-pathways"), "shared pathways", "shared-pathways")

* ``graphml``: one GraphML file for Cytoscape, Gephi, yEd, networkx (list values '; '-joined;
  characters XML cannot hold, such as ``\x1b``, left out).
* ``cyjs``: Cytoscape.js JSON, read by Cytoscape Desktop and ``networkx.cytoscape_graph``.

In both, a node's ``label`` is its display name (what Gephi, Cytoscape and yEd show on it, e.g.
"necroptosis") and ``type`` is its node type (``RCDMode``, ``Study``, …); edges keep ``type``.
* ``kgx``: KGX ``nodes.tsv`` / ``edges.tsv`` with Biolink categories and predicates and the
  provenance of every edge (claim ids, reference numbers, table rows, quotes).
* ``neo4j-csv``: CSV files and an ``import.sh`` for ``neo4j-admin database import full``.
* ``claims-json``: one JSON object per claim with every field, its table rows, conflicts, quotes
  (a JSON array; a ``.jsonl`` file name gives JSON Lines).

Node keys are ``Label:id`` everywhere (ids alone are not unique: study ``ref27`` and its claim
``ref27`` share one).
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._exceptions import MscGraphError
from .._schema import CLAIM_FIELDS, DERIVED_FROM, NODE_LABELS, REL_TYPES
from ._cytoscape import cyjs, display_graph, flat_graph, xml_text
from ._html import result_html

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from .._api import Graph

__all__ = [
    "FORMATS",
    "claims",
    "cyjs",
    "display_graph",
    "export",
    "flat_graph",
    "kgx_frames",
    "result_html",
    "write_kgx",
    "write_neo4j_csv",
    "xml_text",
]

FORMATS = ("graphml", "cyjs", "kgx", "neo4j-csv", "claims-json")
LOCAL_PREFIX = "MSCG"  # CURIE prefix of nodes without an ontology identifier

# Biolink 4 classes and predicates are in the schema table (tests/test_export.py checks them
# against biolink-model); molecules and cell lines get a finer class by their kind.
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


def export(g: Graph, fmt: str, output: str | Path) -> list[Path]:
    """Write the published graph of ``g`` as ``fmt`` to ``output``; return the files written."""
    out = Path(output)
    if fmt not in FORMATS:
        raise MscGraphError(f"unknown export format {fmt!r} (formats: {', '.join(FORMATS)})")
    G = g.to_networkx()
    if fmt in ("kgx", "neo4j-csv"):
        if out.exists() and not out.is_dir():
            raise MscGraphError(f"{out} is a file: {fmt} writes a folder of files")
        out.mkdir(parents=True, exist_ok=True)
        return write_kgx(G, out) if fmt == "kgx" else write_neo4j_csv(G, out)
    if out.is_dir():
        raise MscGraphError(f"{out} is a folder: {fmt} writes one file")
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        import networkx as nx

        nx.write_graphml(flat_graph(display_graph(G)), out)
    elif fmt == "cyjs":
        out.write_text(json.dumps(cyjs(G), ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        items = claims(G)
        if out.suffix == ".jsonl":
            out.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in items), encoding="utf-8")
        else:
            out.write_text(json.dumps(items, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [out]


# -- KGX -----------------------------------------------------------------------------------
def kgx_ids(G: nx.MultiDiGraph) -> dict[str, str]:
    """KGX id per node key: the ontology CURIE when it names only this node, else ``MSCG:Label_id``."""
    curies: dict[str, list[str]] = defaultdict(list)
    for key, d in G.nodes(data=True):
        if d.get("curie"):
            curies[d["curie"]].append(key)
    out = {}
    for key, d in G.nodes(data=True):
        c = d.get("curie") or ""
        out[key] = c if c and len(curies[c]) == 1 else f"{LOCAL_PREFIX}:{d['label']}_{d['id']}"
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
    return "|".join(str(v).replace("|", "/") for v in vals)


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
    nodes = []
    for key, d in G.nodes(data=True):
        extra = {f"msc_{k}": _multi(v) for k, v in d.items() if k not in ("label", "id", "name", "synonyms", "curie")}
        nodes.append(
            {
                "id": ids[key],
                "category": category(d),
                "name": d.get("name", ""),
                "synonym": _multi(d.get("synonyms")),
                "xref": d.get("curie", ""),
                "msc_label": d["label"],
                "msc_id": d["id"],
                **extra,
            }
        )
    edges = []
    for i, (u, v, k, d) in enumerate(G.edges(keys=True, data=True)):
        claim_keys = _claims_behind(G, k, u, v) if REL_TYPES[k].derived else [u]
        claim_data = [G.nodes[c] for c in claim_keys]
        refs = sorted({int(c["ref"]) for c in claim_data})
        rows = sorted({r for c in claim_data for r in c.get("rows") or []})
        edges.append(
            {
                "id": f"{LOCAL_PREFIX}:edge_{i}",
                "subject": ids[u],
                "predicate": PREDICATE[k],
                "object": ids[v],
                "object_direction_qualifier": "decreased" if k in DECREASES else "",
                "knowledge_level": "knowledge_assertion",
                "agent_type": "data_analysis_pipeline" if REL_TYPES[k].derived else "manual_agent",
                "publications": _multi([ids[f"Study:ref{r}"] for r in refs if f"Study:ref{r}" in ids]),
                "supporting_text": _multi([q for c in claim_data for q in c.get("quotes") or []]),
                "msc_relation": k,
                "msc_claims": _multi([G.nodes[c]["id"] for c in claim_keys]),
                "msc_refs": _multi(refs),
                "msc_table_rows": _multi(rows),
                "msc_roles": _multi(d.get("roles")),
                "msc_claim_count": d.get("claims", ""),
                "msc_study_count": d.get("studies", ""),
            }
        )
    return pd.DataFrame(nodes), pd.DataFrame(edges)


def write_kgx(G: nx.MultiDiGraph, folder: Path) -> list[Path]:
    """``nodes.tsv`` and ``edges.tsv`` in ``folder``."""
    nodes, edges = kgx_frames(G)
    paths = [folder / "nodes.tsv", folder / "edges.tsv"]
    for frame, path in zip((nodes, edges), paths, strict=True):
        frame.to_csv(path, sep="\t", index=False, lineterminator="\n")
    return paths


# -- neo4j-admin import CSVs ---------------------------------------------------------------
_SCALAR = {bool: "boolean", int: "long", float: "double", str: "string"}


def _neo4j_type(values: list[Any]) -> str:
    kinds = {type(v) for v in values if v is not None and not isinstance(v, list)}
    elems = {type(x) for v in values if isinstance(v, list) for x in v}
    if any(isinstance(v, list) for v in values):
        return (_SCALAR[elems.pop()] if len(elems) == 1 else "string") + "[]"
    return _SCALAR[kinds.pop()] if len(kinds) == 1 else "string"


def array_delimiter(G: nx.MultiDiGraph) -> str:
    """';' unless an array element contains it; then the first of '|', '¦', '§' that none does."""
    elements = [str(x) for _, d in G.nodes(data=True) for v in d.values() if isinstance(v, list) for x in v]
    elements += [str(x) for _, _, d in G.edges(data=True) for v in d.values() if isinstance(v, list) for x in v]
    for delim in (";", "|", "¦", "§"):
        if not any(delim in e for e in elements):
            return delim
    raise MscGraphError("no free array delimiter for neo4j-admin import")


def _cell(value: Any, delim: str) -> Any:
    if isinstance(value, list):
        return delim.join("true" if x is True else "false" if x is False else str(x) for x in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def write_neo4j_csv(G: nx.MultiDiGraph, folder: Path) -> list[Path]:
    """One CSV per label and per relationship type, headers in neo4j-admin syntax, and import.sh."""
    delim = array_delimiter(G)
    written: list[Path] = []
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for _, d in G.nodes(data=True):
        by_label[d["label"]].append(d)
    node_files, rel_files = [], []
    for lab in (x for x in NODE_LABELS if by_label.get(x)):
        rows = by_label[lab]
        keys = sorted({k for d in rows for k in d} - {"label", "id"})
        header = [f"id:ID({lab})", ":LABEL"] + [f"{k}:{_neo4j_type([d.get(k) for d in rows])}" for k in keys]
        path = folder / f"nodes_{lab}.csv"
        _write_csv(path, header, [[d["id"], lab, *(_cell(d.get(k), delim) for k in keys)] for d in rows])
        node_files.append(path.name)
        written.append(path)
    by_type: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for u, v, k, d in G.edges(keys=True, data=True):
        by_type[k].append((u, v, d))
    for rtype in (x for x in REL_TYPES if by_type.get(x)):
        spec = REL_TYPES[rtype]
        edges = by_type[rtype]
        keys = sorted({k for _, _, d in edges for k in d} - {"type"})
        header = [f":START_ID({spec.source})", f":END_ID({spec.target})", ":TYPE"]
        header += [f"{k}:{_neo4j_type([d.get(k) for _, _, d in edges])}" for k in keys]
        lines = [
            [G.nodes[u]["id"], G.nodes[v]["id"], rtype, *(_cell(d.get(k), delim) for k in keys)] for u, v, d in edges
        ]
        path = folder / f"rels_{rtype}.csv"
        _write_csv(path, header, lines)
        rel_files.append(path.name)
        written.append(path)
    script = folder / "import.sh"
    args = [f"--nodes={n}" for n in node_files] + [f"--relationships={r}" for r in rel_files]
    script.write_text(
        "#!/bin/sh\n# Load these CSVs into an empty, stopped Neo4j 5 database (run in this folder):\n"
        "#   sh import.sh [database]   (default database: neo4j)\n"
        f"# Arrays are split on {delim!r}; quoted fields may span lines.\n"
        'set -e\ncd "$(dirname "$0")"\n'
        f"neo4j-admin database import full --overwrite-destination --array-delimiter='{delim}' "
        "--multiline-fields=true \\\n  " + " \\\n  ".join(args) + ' \\\n  "${1:-neo4j}"\n',
        encoding="utf-8",
    )
    (folder / "array-delimiter.txt").write_text(delim + "\n", encoding="utf-8")
    return [*written, script, folder / "array-delimiter.txt"]


def _write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


# -- claims JSON ---------------------------------------------------------------------------
_TERM_SKIP = {"label", "synonyms", "note"}


def claims(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Every claim as one object: study, terms by field (molecules with roles), rows, conflicts."""
    out = []
    field_of = {rel: fld for fld, (rel, _) in CLAIM_FIELDS.items()}
    for key, d in sorted(G.nodes(data=True), key=lambda kv: (kv[1].get("ref", 0), kv[0])):
        if d["label"] != "Claim":
            continue
        item: dict[str, Any] = {
            "id": d["id"],
            "name": d.get("name"),
            "evidence": d.get("evidence"),
            "demonstrated": d.get("demonstrated"),
            "settings": d.get("settings") or [],
            "study": None,
            **{fld: [] for fld in CLAIM_FIELDS},
            "table_rows": [],
            "quotes": d.get("quotes") or [],
            "notes": d.get("notes") or [],
            "conflicts": [],
            "source_file": d.get("source_file"),
        }
        for _, target, rel, ed in sorted(G.out_edges(key, keys=True, data=True), key=lambda e: (e[2], e[1])):
            t = G.nodes[target]
            if rel == "FROM_STUDY":
                item["study"] = {k: t.get(k) for k in ("ref", "name", "first_author", "citation", "settings")}
            elif rel == "PRINTED_IN":
                item["table_rows"].append({k: v for k, v in t.items() if k not in ("label", "id", "name")})
            elif rel == "HAS_CONFLICT":
                item["conflicts"].append({k: t.get(k) for k in ("field", "table_value", "prose_value", "quote")})
            elif rel in field_of:
                term = {k: v for k, v in t.items() if k not in _TERM_SKIP}
                if rel == "INVOLVES_MOLECULE":
                    term["roles"] = ed.get("roles") or []
                item[field_of[rel]].append(term)
        item["table_rows"].sort(key=lambda r: (r.get("table", 0), r.get("row", 0)))
        out.append(item)
    return out
