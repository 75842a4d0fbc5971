"""GraphML and Cytoscape JSON as Gephi, Cytoscape and yEd show them: a node's ``label`` is its name
("necroptosis"), its node type is ``type``; and a GraphML file stays valid XML whatever the names
hold (control characters such as ``\\x1b`` are left out)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx

import msc_graph
from msc_graph import export

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def test_graphml_labels_are_names_and_types_have_their_own_attribute(graph: msc_graph.Graph, tmp_path: Path) -> None:
    path = tmp_path / "msc.graphml"
    export.export(graph, "graphml", path)
    H = nx.read_graphml(path, force_multigraph=True)
    necro = H.nodes["RCDMode:necroptosis"]
    assert necro["label"] == "necroptosis" and necro["type"] == "RCDMode"
    assert H.nodes["ModeOfAction:ev-transfer"]["label"] == "EV transfer"
    types = {d["type"] for _, d in H.nodes(data=True)}
    labels = {d["label"] for _, d in H.nodes(data=True)}
    assert {"RCDMode", "Study", "Claim", "CellType"} <= types
    assert not labels & {"RCDMode", "Study", "Claim", "CellType"}  # no node is labelled by its type
    assert all(d["label"] for _, d in H.nodes(data=True))
    assert {d["type"] for _, _, d in H.edges(data=True)} >= {"RESCUES_FROM", "MODE_RESCUES"}
    keys = {(k.get("attr.name"), k.get("for")) for k in ET.parse(path).getroot().findall("g:key", NS)}
    assert {("label", "node"), ("type", "node"), ("type", "edge")} <= keys


def test_cytoscape_json_labels_are_names(graph: msc_graph.Graph, tmp_path: Path) -> None:
    path = tmp_path / "msc.cyjs"
    export.export(graph, "cyjs", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    H = nx.cytoscape_graph(data)
    necro = H.nodes["RCDMode:necroptosis"]
    assert necro["label"] == "necroptosis" and necro["type"] == "RCDMode" and necro["name"] == "necroptosis"
    assert necro["node_id"] == "necroptosis"
    assert all(e["data"]["interaction"] == e["data"]["type"] for e in data["elements"]["edges"])


class _Fixed:
    """Stands for a Graph whose published graph is ``G`` (export reads it with to_networkx)."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G

    def to_networkx(self, *, tallies: bool = False) -> nx.MultiDiGraph:
        return self.G


def test_graphml_stays_valid_xml_with_control_characters(tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    G.add_node("RCDMode:necro", label="RCDMode", id="necro", name="necro\x1bptosis", synonyms=["a\x00b", "ok"])
    G.add_node("Claim:c1", label="Claim", id="c1", name="claim\x0c1", quotes=["bell\x07 here", "tab\tkept"])
    G.add_edge("Claim:c1", "RCDMode:necro", key="RESCUES_FROM", type="RESCUES_FROM", note="esc\x1b[31mred")
    path = tmp_path / "bad.graphml"
    export.export(_Fixed(G), "graphml", path)  # type: ignore[arg-type]
    ET.parse(path)  # valid XML
    H = nx.read_graphml(path, force_multigraph=True)
    assert H.nodes["RCDMode:necro"]["label"] == "necroptosis" == H.nodes["RCDMode:necro"]["name"]
    assert H.nodes["RCDMode:necro"]["synonyms"] == "ab; ok"
    assert H.nodes["Claim:c1"]["quotes"] == "bell here; tab\tkept"
    assert next(iter(H.edges(data=True)))[2]["note"] == "esc[31mred"
    assert export.xml_text("Cx43\x1b") == "Cx43" and export.xml_text(3) == 3
    cy = tmp_path / "bad.cyjs"
    export.export(_Fixed(G), "cyjs", cy)  # type: ignore[arg-type]
    assert json.loads(cy.read_text(encoding="utf-8"))["elements"]["nodes"][0]["data"]["type"] == "RCDMode"
