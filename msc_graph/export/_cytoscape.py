"""GraphML and Cytoscape JSON: what Gephi, Cytoscape and yEd display.

A node's ``label`` is its display name ("necroptosis", "Yuan et al. [53]"), its ``type`` the node
type (``RCDMode``, ``Study``); edges keep their relationship ``type``. GraphML is XML 1.0, which
cannot hold control characters such as ``\\x1b`` even escaped: they are left out of every value.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters that XML 1.0 cannot hold, even escaped (control characters such as ``\x1b``)."""


def xml_text(value: Any) -> Any:
    """A string without the characters XML cannot hold; other values as they are."""
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def display_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose nodes have ``label`` = display name (name, else id) and ``type`` = node type."""
    H = G.copy()
    for _, d in H.nodes(data=True):
        d["type"] = d.get("label")
        d["label"] = str(d.get("name") or d.get("id"))
    return H


def _flat(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return xml_text("; ".join(str(v) for v in value))
    if isinstance(value, dict):
        return xml_text(json.dumps(value, ensure_ascii=False))
    return xml_text(value)


def flat_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with list values '; '-joined, and any attribute of mixed types made a string."""
    H = G.copy()
    for items in (
        [d for _, d in H.nodes(data=True)],
        [d for _, _, d in H.edges(data=True)],
    ):
        types: dict[str, set[type]] = defaultdict(set)
        for d in items:
            for k, v in list(d.items()):
                d[k] = _flat(v)
                if d[k] is None:
                    del d[k]
                else:
                    types[k].add(type(d[k]))
        mixed = {k for k, t in types.items() if len(t) > 1}
        for d in items:
            for k in mixed & d.keys():
                d[k] = str(d[k])
    return H


def cyjs(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Cytoscape JSON (``elements`` of nodes and edges); a node's own id is kept as ``node_id``,
    its display name is ``label`` (and ``name``), its node type ``type``."""
    nodes = []
    for key, d in display_graph(G).nodes(data=True):
        data = {k: v for k, v in d.items() if k != "id"}
        nodes.append({"data": {**data, "id": key, "value": key, "node_id": d.get("id"), "name": d.get("name", key)}})
    edges = []
    for i, (u, v, k, d) in enumerate(G.edges(keys=True, data=True)):
        edges.append({"data": {**d, "id": f"e{i}", "source": u, "target": v, "key": k, "interaction": d["type"]}})
    return {
        "data": {"name": "msc-graph"},
        "directed": True,
        "multigraph": True,
        "elements": {"nodes": nodes, "edges": edges},
    }
