"""Turn query results into graph elements for the explorer, and look up a node's evidence.

A result row can hold real graph values (nodes, relationships, paths, as :func:`_engines.plain`
returns them) or plain names (what the named queries return). Both become nodes: node values
directly, names through a :class:`NameIndex` of every node's name and id. In each row the first
node found is joined to every other node of the row; the edge is labelled with the relationship
type when the row holds exactly one relationship, else with the column name (a "same row" link,
drawn dashed). Paths become their own relationships, oriented by the schema.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._browser import label_colors
from .._schema import NODE_LABELS, REL_TYPES, label, rel_type

if TYPE_CHECKING:
    from .._api import Graph

MAX_GRAPH_NODES = 400

Element = dict[str, Any]


@dataclass
class NameIndex:
    """Every node of the graph by name and by id (ids only where they name one node)."""

    by_name: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # name -> (label, id, name)
    by_id: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    by_key: dict[tuple[str, str], str] = field(default_factory=dict)  # (label, id) -> name

    @classmethod
    def build(cls, g: Graph) -> NameIndex:
        """Read every node's label, id and name once."""
        from .. import _queries

        index = cls()
        ids: dict[str, list[tuple[str, str, str]]] = {}
        for row in g.engine.read(_queries.get("all-nodes").cypher).records():
            lab, nid = row["label"], row["id"]
            name = str((row["props"] or {}).get("name") or nid)
            entry = (lab, nid, name)
            index.by_name.setdefault(name, entry)
            index.by_key[(lab, nid)] = name
            ids.setdefault(nid, []).append(entry)
        index.by_id = {k: v[0] for k, v in ids.items() if len(v) == 1}
        return index

    def node(self, lab: str, node_id: str) -> tuple[str, str, str] | None:
        """The node ``lab``/``node_id`` (any label when ``lab`` is empty), if it exists."""
        if not lab:
            return self.by_id.get(node_id)
        name = self.by_key.get((lab, node_id))
        return (lab, node_id, name) if name is not None else None

    def find(self, value: str) -> tuple[str, str, str] | None:
        """The node that ``value`` names, if any."""
        return self.by_name.get(value) or self.by_id.get(value)


def _node_el(lab: str, nid: str, name: str) -> Element:
    colors = label_colors()
    return {"data": {"id": f"{lab}:{nid}", "label": lab, "node_id": nid, "name": name, "color": colors.get(lab)}}


def _graph_node(value: Any) -> tuple[str, str, str] | None:
    if isinstance(value, dict) and "_labels" in value and value.get("id") is not None:
        labs = [x for x in value["_labels"] if x in NODE_LABELS] or list(value["_labels"])
        if labs:
            return labs[0], str(value["id"]), str(value.get("name") or value["id"])
    return None


class _Builder:
    def __init__(self, index: NameIndex | None, limit: int) -> None:
        self.index = index
        self.limit = limit
        self.nodes: dict[str, Element] = {}
        self.edges: dict[str, Element] = {}
        self.truncated = False
        self.pairs: set[frozenset[str]] = set()

    def add_node(self, key: tuple[str, str, str]) -> str | None:
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
    index: NameIndex | None,
    anchors: dict[str, tuple[str, str, str]] | None = None,
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


def anchors_for(index: NameIndex, query: str, bound: dict[str, Any]) -> dict[str, tuple[str, str, str]]:
    """The term parameters of named query ``query`` (resolved ids in ``bound``) as graph nodes."""
    from .. import _queries

    out = {}
    for p in _queries.get(query).params:
        lab = p.term_label
        if lab is not None and bound.get(p.name) is not None:
            hit = index.node(lab, str(bound[p.name]))
            if hit:
                out[p.name] = hit
    return out


def node_details(g: Graph, lab: str, node_id: str) -> dict[str, Any]:
    """A node's properties and its evidence: the claims behind it, with table rows and quotes."""
    lab = label(lab)  # schema whitelist: the only identifier put into the query text
    found = g.engine.read(f"MATCH (n:{lab} {{id: $id}}) RETURN properties(n) AS props", {"id": node_id}).records()
    if not found:
        return {"label": lab, "id": node_id, "found": False, "properties": {}, "claims": []}
    claim = label("Claim")
    head = (
        f"MATCH (c:{claim} {{id: $id}}) WITH c, '' AS via, null AS roles"
        if lab == claim
        else f"MATCH (c:{claim})-[r]->(n:{lab} {{id: $id}}) WITH c, type(r) AS via, r.roles AS roles"
    )
    study, row = label("Study"), label("TableRow")
    cypher = (
        f"{head} OPTIONAL MATCH (c)-[:{rel_type('FROM_STUDY')}]->(s:{study})"
        f" OPTIONAL MATCH (c)-[:{rel_type('PRINTED_IN')}]->(t:{row})"
        " RETURN c.id AS claim, c.name AS name, via, roles, c.evidence AS evidence,"
        " c.demonstrated AS demonstrated, c.settings AS settings, c.quotes AS quotes, c.notes AS notes,"
        " s.name AS study, collect(t) AS rows"
        " ORDER BY claim"
    )
    claims = g.engine.read(cypher, {"id": node_id}).records()
    for c in claims:
        rows = [{k: v for k, v in r.items() if k != "_labels"} for r in c["rows"] or [] if isinstance(r, dict)]
        c["rows"] = sorted(rows, key=lambda r: (r.get("table", 0), r.get("row", 0)))
    return {"label": lab, "id": node_id, "found": True, "properties": found[0]["props"] or {}, "claims": claims}
