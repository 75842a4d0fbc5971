"""Exports: each format read back with an independent reader gives the graph of ``to_networkx``."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest
import yaml

import msc_graph
from msc_graph import export
from tests.conftest import SOURCE_TEXT, cli


@pytest.fixture(scope="module")
def G(graph: msc_graph.Graph) -> nx.MultiDiGraph:
    return graph.to_networkx()


def _edges(H: nx.MultiDiGraph) -> Counter[tuple[str, str, str]]:
    return Counter((u, v, str(k)) for u, v, k in H.edges(keys=True))


def _joined(v: Any) -> Any:
    return "; ".join(str(x) for x in v) if isinstance(v, list) else v


def test_graphml_round_trip_keeps_every_attribute(graph: msc_graph.Graph, G: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "msc.graphml"
    assert export.export(graph, "graphml", path) == [path]
    H = nx.read_graphml(path, force_multigraph=True)
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    for key, d in G.nodes(data=True):
        back = H.nodes[key]
        for k, v in d.items():
            if v is None or v == []:
                continue
            assert back[k] == _joined(v), (key, k)
    assert isinstance(H.nodes["Study:ref53"]["ref"], int) and H.nodes["Claim:ref53"]["demonstrated"] is True
    back_edges = Counter((u, v, d["type"]) for u, v, d in H.edges(data=True))
    assert back_edges == _edges(G)
    derived = [d for _, _, d in H.edges(data=True) if d["type"] == "MODE_RESCUES"]
    assert derived and all(isinstance(d["claims"], int) and d["refs"] for d in derived)


def test_cyjs_round_trip(graph: msc_graph.Graph, G: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "msc.cyjs"
    export.export(graph, "cyjs", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    H = nx.cytoscape_graph(data)
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    assert _edges(H) == _edges(G)
    for key, d in G.nodes(data=True):
        back = H.nodes[key]
        assert back["node_id"] == d["id"] and back["label"] == d["label"] and back["name"] == d["name"]
        assert {k: v for k, v in back.items() if k in d and k != "id"} == {k: v for k, v in d.items() if k != "id"}
    # Cytoscape Desktop reads the edge type from "interaction"
    assert all(e["data"]["interaction"] == e["data"]["type"] for e in data["elements"]["edges"])


def _biolink() -> dict[str, Any]:
    spec = importlib.util.find_spec("biolink_model")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("biolink-model is not installed (pip install -e '.[dev]')")
    path = Path(next(iter(spec.submodule_search_locations))) / "schema" / "biolink_model.yaml"
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_kgx_uses_biolink_terms_that_exist(graph: msc_graph.Graph, tmp_path: Path) -> None:
    model = _biolink()
    classes = {c.replace(" ", "").lower() for c in model["classes"]}
    slots = {s.replace(" ", "_") for s in model["slots"]}
    direction = set(model["enums"]["DirectionQualifierEnum"]["permissible_values"])
    levels = set(model["enums"]["KnowledgeLevelEnum"]["permissible_values"])
    agents = set(model["enums"]["AgentTypeEnum"]["permissible_values"])
    export.export(graph, "kgx", tmp_path)
    nodes = pd.read_csv(tmp_path / "nodes.tsv", sep="\t", dtype=str, keep_default_na=False)
    edges = pd.read_csv(tmp_path / "edges.tsv", sep="\t", dtype=str, keep_default_na=False)
    for cat in set(nodes["category"]):
        assert cat.startswith("biolink:") and cat.removeprefix("biolink:").lower() in classes, cat
    for pred in set(edges["predicate"]):
        assert pred.startswith("biolink:") and pred.removeprefix("biolink:") in slots, pred
    for col in ("knowledge_level", "agent_type", "publications", "supporting_text"):
        assert col.replace("_", " ") in model["slots"]
    assert set(edges["object_direction_qualifier"]) - {""} <= direction
    assert set(edges["knowledge_level"]) <= levels and set(edges["agent_type"]) <= agents


def test_kgx_round_trip_and_provenance(graph: msc_graph.Graph, G: nx.MultiDiGraph, tmp_path: Path) -> None:
    export.export(graph, "kgx", tmp_path)
    nodes = pd.read_csv(tmp_path / "nodes.tsv", sep="\t", dtype=str, keep_default_na=False)
    edges = pd.read_csv(tmp_path / "edges.tsv", sep="\t", dtype=str, keep_default_na=False)
    assert (len(nodes), len(edges)) == (G.number_of_nodes(), G.number_of_edges())
    assert nodes["id"].is_unique and edges["id"].is_unique
    assert set(edges["subject"]) | set(edges["object"]) <= set(nodes["id"])
    key_of = {r.id: f"{r.msc_label}:{r.msc_id}" for r in nodes.itertuples()}
    for r in nodes.itertuples():
        d = G.nodes[key_of[r.id]]
        assert r.name == d["name"] and r.synonym == "|".join(d.get("synonyms") or [])
        assert r.id == d.get("curie") or r.id == f"MSCG:{d['label']}_{d['id']}"
    back = Counter((key_of[r.subject], key_of[r.object], r.msc_relation) for r in edges.itertuples())
    assert back == _edges(G)
    for r in edges.itertuples():
        u, v, rel = key_of[r.subject], key_of[r.object], r.msc_relation
        props = G.edges[u, v, rel]
        assert r.msc_claims and r.msc_refs and r.publications, r.id  # every edge carries its evidence
        if rel in ("SOURCE_RESCUES", "MODE_RESCUES", "MOLECULE_IMPLICATED_IN", "PATHWAY_IMPLICATED_IN"):
            assert [int(x) for x in str(r.msc_refs).split("|")] == props["refs"]
            assert len(str(r.msc_claims).split("|")) == props["claims"]
        else:
            assert r.msc_claims == G.nodes[u]["id"] and r.msc_table_rows == "|".join(G.nodes[u]["rows"])
    # Review: "transfer of SP1 via EVs appears critical to inhibit necroptosis ... [53]"
    sp1 = edges[(edges.subject == "MSCG:Claim_ref53") & (edges.msc_relation == "INVOLVES_MOLECULE")]
    assert "SP1" in set(nodes.set_index("id").loc[sp1["object"], "name"]) and "T4R11" in set(sp1["msc_table_rows"])


def _read_neo4j_csv(folder: Path) -> nx.MultiDiGraph:
    """Rebuild a graph from neo4j-admin CSVs by reading their typed headers."""
    delim = (folder / "array-delimiter.txt").read_text(encoding="utf-8").strip()

    def value(raw: str, typ: str) -> Any:
        if typ.endswith("[]"):
            return [value(x, typ[:-2]) for x in raw.split(delim)] if raw else []
        parsers: dict[str, Callable[[str], Any]] = {"long": int, "double": float, "boolean": lambda s: s == "true"}
        return parsers.get(typ, str)(raw)

    H = nx.MultiDiGraph()
    for path in sorted(folder.glob("nodes_*.csv")):
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        header = rows[0]
        space = re.fullmatch(r"id:ID\((\w+)\)", header[0])
        assert space and header[1] == ":LABEL"
        for row in rows[1:]:
            props = {"id": row[0]}
            for h, raw in zip(header[2:], row[2:], strict=True):
                name, typ = h.split(":")
                if raw != "" or typ.endswith("[]"):
                    props[name] = value(raw, typ)
            H.add_node(f"{row[1]}:{row[0]}", label=row[1], **props)
    for path in sorted(folder.glob("rels_*.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        start = re.fullmatch(r":START_ID\((\w+)\)", frame.columns[0])
        end = re.fullmatch(r":END_ID\((\w+)\)", frame.columns[1])
        assert start and end and frame.columns[2] == ":TYPE"
        for rel in frame.itertuples(index=False):
            cells = zip(frame.columns[3:], rel[3:], strict=True)
            props = {h.split(":")[0]: value(raw, h.split(":")[1]) for h, raw in cells}
            H.add_edge(f"{start[1]}:{rel[0]}", f"{end[1]}:{rel[1]}", key=rel[2], type=rel[2], **props)
    return H


def test_neo4j_csv_round_trip(graph: msc_graph.Graph, G: nx.MultiDiGraph, tmp_path: Path) -> None:
    written = export.export(graph, "neo4j-csv", tmp_path)
    script = (tmp_path / "import.sh").read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in script
    assert all(f"--nodes={p.name}" in script for p in written if p.name.startswith("nodes_"))
    H = _read_neo4j_csv(tmp_path)
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    assert _edges(H) == _edges(G)
    for key, d in G.nodes(data=True):
        back = H.nodes[key]
        for k, v in d.items():
            if v not in ("", None, []):
                assert back[k] == v, (key, k)
    for u, v, k, d in G.edges(keys=True, data=True):
        assert {x: y for x, y in H.edges[u, v, k].items() if y != []} == {x: y for x, y in d.items() if y != []}


def test_claims_json(graph: msc_graph.Graph, G: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "claims.json"
    export.export(graph, "claims-json", path)
    items = json.loads(path.read_text(encoding="utf-8"))
    assert len(items) == sum(1 for _, d in G.nodes(data=True) if d["label"] == "Claim")
    fields = {
        "id",
        "study",
        "settings",
        "msc_sources",
        "rcd_modes",
        "target_cells",
        "inducers",
        "models",
        "modes_of_action",
        "molecules",
        "pathways",
        "table_rows",
        "notes",
        "conflicts",
        "quotes",
        "demonstrated",
    }
    source = re.sub(r"\s+", " ", SOURCE_TEXT.read_text(encoding="utf-8"))
    for item in items:
        assert fields <= item.keys(), item["id"]
        assert item["study"]["ref"] == int(item["id"].removeprefix("ref").split("-")[0])
        for row in item["table_rows"]:  # verbatim cells, found in the review itself
            assert re.sub(r"\s+", " ", row["reference"]) in source
        assert all(m["roles"] for m in item["molecules"])
    yuan = next(i for i in items if i["id"] == "ref53")
    assert yuan["study"]["first_author"] == "Yuan" and set(yuan["study"]["settings"]) >= {"in vitro", "in vivo"}
    assert "necroptosis" in [r["name"] for r in yuan["rcd_modes"]]
    assert "EV transfer" in [m["name"] for m in yuan["modes_of_action"]]
    assert any(m["name"] == "SP1" for m in yuan["molecules"])
    assert [(r["table"], r["row"]) for r in yuan["table_rows"]] == [(4, 11)]
    assert sum(len(i["conflicts"]) for i in items) == sum(1 for _, d in G.nodes(data=True) if d["label"] == "Conflict")
    jsonl = tmp_path / "claims.jsonl"
    export.export(graph, "claims-json", jsonl)
    assert [json.loads(line)["id"] for line in jsonl.read_text(encoding="utf-8").splitlines()] == [
        i["id"] for i in items
    ]


def test_export_cli(graph: msc_graph.Graph, tmp_path: Path) -> None:
    ok = cli("export", "--format", "kgx", "-o", str(tmp_path / "kgx"))
    assert ok.exit_code == 0, ok.stderr
    assert (tmp_path / "kgx" / "nodes.tsv").is_file() and "edges.tsv" in ok.stdout
    (tmp_path / "file.txt").write_text("x")
    bad = cli("export", "--format", "neo4j-csv", "-o", str(tmp_path / "file.txt"))
    assert bad.exit_code == 1 and "writes a folder" in bad.stderr
