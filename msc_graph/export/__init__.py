"""Exports of the published graph for other tools, all built from :meth:`Graph.to_networkx`.

>>> from msc_graph import export
>>> export.export(g, "graphml", "msc.graphml")      # or msc-graph export --format graphml -o …
>>> export.result_html(g, g.query("shared-pathways"), "shared pathways", "shared-pathways")

* ``graphml``: one GraphML file for Cytoscape, Gephi, yEd, networkx (list values '; '-joined;
  characters XML cannot hold, such as ``\x1b``, left out).
* ``cyjs``: Cytoscape.js JSON, read by Cytoscape Desktop and ``networkx.cytoscape_graph``.

In both, a node's ``label`` is its display name (what Gephi, Cytoscape and yEd show on it, e.g.
"necroptosis") and ``type`` is its node type (``RCDMode``, ``Study``, …); edges keep ``type``.
* ``kgx``: KGX ``nodes.tsv`` / ``edges.tsv``: terms, studies and sources with their ontology CURIEs,
  PMIDs and DOIs as ids, Biolink categories and predicates, and the provenance of every edge
  (publications, quotes, claim ids, reference numbers, table rows); see ``export/_kgx.py``.
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
from .._fastload import gc_paused
from .._schema import CLAIM_FIELDS, CONTEXT_FIELDS, NODE_LABELS, REL_TYPES
from ._cytoscape import cyjs, display_graph, flat_graph, xml_text
from ._html import result_html
from ._kgx import kgx_frames, kgx_ids, write_kgx

if TYPE_CHECKING:
    import networkx as nx

    from .._api import Graph

__all__ = [
    "FORMATS",
    "claims",
    "cyjs",
    "display_graph",
    "export",
    "flat_graph",
    "kgx_frames",
    "kgx_ids",
    "result_html",
    "write_kgx",
    "write_neo4j_csv",
    "xml_text",
]

FORMATS = ("graphml", "cyjs", "kgx", "neo4j-csv", "claims-json")


def export(g: Graph, fmt: str, output: str | Path) -> list[Path]:
    """Write the published graph of ``g`` as ``fmt`` to ``output``; return the files written."""
    with gc_paused():  # a graph's worth of small dicts and elements: see _fastload.gc_paused
        return _export(g, fmt, Path(output))


def _export(g: Graph, fmt: str, out: Path) -> list[Path]:
    if fmt not in FORMATS:
        raise MscGraphError(f"unknown export format {fmt!r} (formats: {', '.join(FORMATS)})")
    G = g.to_networkx(tallies=fmt == "neo4j-csv")  # a Neo4j loaded from the CSVs answers from the tallies too
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
    # one file per type and pair of labels: an ID space is a label (IS_A and SPELLS join several)
    by_type: dict[tuple[str, str, str], list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for u, v, d in G.edges(data=True):
        by_type[(d["type"], G.nodes[u]["label"], G.nodes[v]["label"])].append((u, v, d))
    order = {t: i for i, t in enumerate(REL_TYPES)}
    for rtype, source, target in sorted(by_type, key=lambda t: (order.get(t[0], 99), t[1], t[2])):
        edges = by_type[(rtype, source, target)]
        keys = sorted({k for _, _, d in edges for k in d} - {"type"})
        header = [f":START_ID({source})", f":END_ID({target})", ":TYPE"]
        header += [f"{k}:{_neo4j_type([d.get(k) for _, _, d in edges])}" for k in keys]
        lines = [
            [G.nodes[u]["id"], G.nodes[v]["id"], rtype, *(_cell(d.get(k), delim) for k in keys)] for u, v, d in edges
        ]
        spec = REL_TYPES[rtype]
        single = "*" not in (spec.source, spec.target)
        path = folder / (f"rels_{rtype}.csv" if single else f"rels_{rtype}_{source}_{target}.csv")
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
_TERM_SKIP = {"label", "synonyms", "note", "curie_source"}
_STUDY_KEYS = ("id", "ref", "name", "first_author", "year", "title", "journal", "pmid", "doi", "pmcid", "settings")


def _term(t: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in t.items() if k not in _TERM_SKIP}


def claims(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Every claim as one object: study, terms by field, routes (hedged or not), molecules with their
    role and route, experiments (contexts) with their cells, inducers and models, rows, conflicts."""
    out = []
    field_of = {rel: fld for fld, (rel, _) in CLAIM_FIELDS.items()}
    context_of = {rel: fld for fld, (rel, _) in CONTEXT_FIELDS.items()}
    found = [(k, d) for k, d in G.nodes(data=True) if d["label"] == "Claim"]
    for key, d in sorted(found, key=lambda kv: (kv[1].get("ref") is None, kv[1].get("ref") or 0, kv[0])):
        item: dict[str, Any] = {
            "id": d["id"],
            "name": d.get("name"),
            "source": d.get("source"),
            "evidence": d.get("evidence"),
            "demonstrated": d.get("demonstrated"),
            "statement": d.get("statement"),
            "statement_refs": d.get("statement_refs"),
            "protects_malignant": d.get("protects_malignant"),
            "settings": d.get("settings") or [],
            "study": None,
            **{fld: [] for fld in CLAIM_FIELDS},
            "contexts": [],
            "table_rows": [],
            "quotes": d.get("quotes") or [],
            "quotes_clean": d.get("quotes_clean") or [],
            "notes": d.get("notes") or [],
            "conflicts": [],
            "source_file": d.get("source_file"),
        }
        out_edges = [(t, e["type"], e) for _, t, e in G.out_edges(key, data=True)]
        for target, rel, ed in sorted(out_edges, key=lambda e: (e[1], e[0])):
            t = G.nodes[target]
            if rel == "FROM_STUDY":
                item["study"] = {k: t.get(k) for k in _STUDY_KEYS}
            elif rel == "PRINTED_IN":
                item["table_rows"].append({k: v for k, v in t.items() if k not in ("label", "id", "name")})
            elif rel == "HAS_CONFLICT":
                item["conflicts"].append(
                    {k: t.get(k) for k in ("field", "kind", "table_value", "prose_value", "quote")}
                )
            elif rel == "IN_CONTEXT":
                ctx: dict[str, Any] = {"setting": t.get("setting"), "summary": t.get("summary"), "note": t.get("note")}
                ctx.update({fld: [] for fld in CONTEXT_FIELDS})
                for x, r2 in sorted(
                    ((x, e["type"]) for _, x, e in G.out_edges(target, data=True)), key=lambda e: e[::-1]
                ):
                    if r2 in context_of:
                        ctx[context_of[r2]].append(_term(G.nodes[x]))
                item["contexts"].append(ctx)
            elif rel in field_of:
                term = _term(t)
                if rel == "INVOLVES_MOLECULE":
                    term.update(role=ed.get("role"), via=ed.get("via"), route=ed.get("route"))
                elif rel == "VIA_MODE":
                    term["hedged"] = bool(ed.get("hedged"))
                item[field_of[rel]].append(term)
        item["table_rows"].sort(key=lambda r: (r.get("table", 0), r.get("row", 0)))
        item["contexts"].sort(key=lambda c: (c["setting"] or "", c["summary"] or ""))
        out.append(item)
    return out
