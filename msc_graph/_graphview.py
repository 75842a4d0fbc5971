"""Turn a query result into graph elements (Cytoscape.js) for the explorer and the HTML export.

A result row can hold real graph values (nodes, relationships, paths, as the engines'
``plain`` returns them) or plain names (what the named queries return). Both become nodes: node
values directly, names through a :class:`~msc_graph._terms.TermIndex` of the nodes those names
and ids denote (one read: the ``nodes-named`` system query). In each row the first
node found is joined to every other node of the row; the edge is labelled with the relationship
type when the row holds exactly one relationship, else with the column name (a "same row" link,
drawn dashed). Paths become their own relationships, oriented by the schema.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from . import _queries
from ._result import Result
from ._schema import NODE_LABELS, REL_TYPES, label_colors
from ._terms import Node, TermIndex

if TYPE_CHECKING:
    from ._api import Graph

MAX_GRAPH_NODES = 400

Element = dict[str, Any]


def _node_el(lab: str, nid: str, name: str) -> Element:
    colors = label_colors()
    return {"data": {"id": f"{lab}:{nid}", "label": lab, "node_id": nid, "name": name, "color": colors.get(lab)}}


def _graph_node(value: Any) -> Node | None:
    if isinstance(value, dict) and "_labels" in value and value.get("id") is not None:
        labs = [x for x in value["_labels"] if x in NODE_LABELS] or list(value["_labels"])
        if labs:
            return labs[0], str(value["id"]), str(value.get("name") or value["id"])
    return None


class _Builder:
    def __init__(self, index: TermIndex | None, limit: int) -> None:
        self.index = index
        self.limit = limit
        self.nodes: dict[str, Element] = {}
        self.edges: dict[str, Element] = {}
        self.truncated = False
        self.pairs: set[frozenset[str]] = set()

    def add_node(self, key: Node) -> str | None:
        node_key = f"{key[0]}:{key[1]}"
        if node_key not in self.nodes:
            if len(self.nodes) >= self.limit:
                self.truncated = True
                return None
            self.nodes[node_key] = _node_el(*key)
        return node_key

    def add_edge(self, src: str, dst: str, caption: str, derived_from_row: bool) -> None:
        if src == dst:
            return
        eid = f"{src}|{caption}|{dst}"
        self.pairs.add(frozenset((src, dst)))
        if eid not in self.edges:
            self.edges[eid] = {
                "data": {"id": eid, "source": src, "target": dst, "type": caption, "row_link": derived_from_row}
            }

    def linked(self, a: str, b: str) -> bool:
        """Whether an edge already joins ``a`` and ``b`` (either way)."""
        return frozenset((a, b)) in self.pairs

    def cell_nodes(self, value: Any, rels: list[str]) -> list[str]:
        """Node keys found in one cell (recursing into lists and paths); relationship types go to rels."""
        found: list[str] = []
        key = _graph_node(value)
        if key:
            k = self.add_node(key)
            return [k] if k else []
        if isinstance(value, dict) and "_type" in value:
            rels.append(str(value["_type"]))
        elif isinstance(value, dict) and isinstance(value.get("nodes"), list):
            found += self._path(value)
        elif isinstance(value, list | tuple):
            for v in value:
                found += self.cell_nodes(v, rels)
        elif isinstance(value, str) and self.index is not None:
            hit = self.index.find(value)
            if hit:
                k = self.add_node(hit)
                if k:
                    found.append(k)
        return found

    def _path(self, path: dict[str, Any]) -> list[str]:
        keys = [self.add_node(k) for k in (_graph_node(n) for n in path["nodes"]) if k]
        nodes = [k for k in keys if k]
        for i, rel in enumerate(path.get("relationships") or []):
            if i + 1 >= len(nodes):
                break
            rtype = str(rel.get("_type", "")) if isinstance(rel, dict) else ""
            a, b = nodes[i], nodes[i + 1]
            spec = REL_TYPES.get(rtype)
            if spec is not None and a.split(":", 1)[0] != spec.source and b.split(":", 1)[0] == spec.source:
                a, b = b, a
            self.add_edge(a, b, rtype or "path", False)
        return nodes


def result_graph(
    columns: list[str],
    rows: Iterable[dict[str, Any]],
    index: TermIndex | None,
    anchors: Mapping[str, Node] | None = None,
) -> dict[str, Any]:
    """Cytoscape elements for a result: ``{"nodes": [...], "edges": [...], "truncated": bool}``.

    ``anchors`` are the terms a named query was asked about (parameter name -> node): each is
    drawn and joined to every row's first node, so the graph shows what the query was about.
    """
    b = _Builder(index, MAX_GRAPH_NODES)
    anchor_keys = [(p, b.add_node(node)) for p, node in (anchors or {}).items()]
    for row in rows:
        rels: list[str] = []
        per_col = [(c, b.cell_nodes(row.get(c), rels)) for c in columns]
        hub = next((ks[0] for _, ks in per_col if ks), None)
        if hub is None:
            continue
        for param, key in anchor_keys:
            if key:
                b.add_edge(key, hub, param, True)
        for col, keys in per_col:
            for k in keys:
                if k != hub and not b.linked(hub, k):
                    caption = rels[0] if len(rels) == 1 else col
                    b.add_edge(hub, k, caption, len(rels) != 1)
    return {"nodes": list(b.nodes.values()), "edges": list(b.edges.values()), "truncated": b.truncated}


def _strings(value: Any, out: set[str]) -> None:
    if isinstance(value, str):
        out.add(value)
    elif isinstance(value, list | tuple):
        for v in value:
            _strings(v, out)


def result_view(
    g: Graph, result: Result, query: str | None = None, bound: Mapping[str, Any] | None = None
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The graph elements of ``result`` and the properties of the nodes drawn (by ``Label:id``).

    ``query``/``bound``: the named query that produced the result and its resolved parameters;
    its term parameters are drawn as anchors joined to every row.
    """
    values: set[str] = set()
    for row in result.rows:
        for v in row:
            _strings(v, values)
    params = _queries.get(query).params if query else ()
    terms = {
        p.name: str((bound or {})[p.name]) for p in params if p.term_label is not None and (bound or {}).get(p.name)
    }
    values.update(terms.values())
    rows = g.read_named("nodes-named", {"values": sorted(values)}, max_rows=sys.maxsize).records() if values else []
    index = TermIndex.from_rows(rows)
    props = {f"{r['label']}:{r['id']}": dict(r["props"] or {}) for r in rows}
    anchors: dict[str, Node] = {}
    for p in params:
        if p.name in terms:
            hit = index.node(p.term_label or "", terms[p.name])
            if hit:
                anchors[p.name] = hit
    graph = result_graph(result.columns, result.records(), index, anchors)
    drawn = {n["data"]["id"] for n in graph["nodes"]}
    return graph, {k: v for k, v in props.items() if k in drawn}
