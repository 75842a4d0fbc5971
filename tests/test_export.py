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
from tests.conftest import SOURCE_TEXT, cli, needs_review_text


@pytest.fixture(scope="module")
def G(graph: msc_graph.Graph) -> nx.MultiDiGraph:
    return graph.to_networkx()


def _edges(H: nx.MultiDiGraph) -> Counter[tuple[str, str, str]]:
    """Edges by type (keys are the type, then ``TYPE#2``… for parallel edges of one type)."""
    return Counter((u, v, str(d.get("type") or k)) for u, v, k, d in H.edges(keys=True, data=True))


def _joined(v: Any) -> Any:
    return "; ".join(str(x) for x in v) if isinstance(v, list) else v


def _displayed(d: dict[str, Any]) -> dict[str, Any]:
    """A node's attributes as GraphML and Cytoscape JSON carry them: ``label`` is the display name
    (name, else id) and ``type`` the node type (msc_graph/export/_cytoscape.py)."""
    return {**d, "label": str(d.get("name") or d.get("id")), "type": d["label"]}


def _study(G: nx.MultiDiGraph, ref: int) -> str:
    """The node key of the review's study [ref] (v2 study ids are pmid:/doi:/local: keys, not ref<N>)."""
    (key,) = [k for k, d in G.nodes(data=True) if d["label"] == "Study" and d.get("ref") == ref]
    return str(key)


def test_graphml_round_trip_keeps_every_attribute(graph: msc_graph.Graph, G: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "msc.graphml"
    assert export.export(graph, "graphml", path) == [path]
    H = nx.read_graphml(path, force_multigraph=True)
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    for key, d in G.nodes(data=True):
        back = H.nodes[key]
        for k, v in _displayed(d).items():
            if v is None or v == []:
                continue
            assert back[k] == export.xml_text(_joined(v)), (key, k)
    assert isinstance(H.nodes[_study(G, 53)]["ref"], int) and H.nodes["Claim:ref53"]["demonstrated"] is True
    back_edges = Counter((u, v, d["type"]) for u, v, d in H.edges(data=True))
    assert back_edges == _edges(G)
    derived = [d for _, _, d in H.edges(data=True) if d["type"] == "MODE_RESCUES"]
    # every derived edge names its studies (v2: literature studies have no reference number, so `refs`
    # may be empty; `study_ids` never is)
    assert derived and all(isinstance(d["claims"], int) and d["study_ids"] for d in derived)


def test_cyjs_round_trip(graph: msc_graph.Graph, G: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "msc.cyjs"
    export.export(graph, "cyjs", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    H = nx.cytoscape_graph(data)
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    assert _edges(H) == _edges(G)
    for key, node in G.nodes(data=True):
        back, d = H.nodes[key], _displayed(node)
        # v2 Spelling nodes have `text`, no `name`: the export names them by their key
        assert back["node_id"] == d["id"] and back["type"] == node["label"] and back["name"] == d.get("name", key)
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


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_kgx_nodes_edges_and_provenance(graph: msc_graph.Graph, G: nx.MultiDiGraph, tmp_path: Path) -> None:
    """Terms, studies and sources are nodes (ids: CURIE, PMID, else MSCG); summary edges and the
    hierarchy are edges, each derived edge with its claims and publications (export/_kgx.py)."""
    export.export(graph, "kgx", tmp_path)
    nodes, edges = _tsv(tmp_path / "nodes.tsv"), _tsv(tmp_path / "edges.tsv")
    ids = [n["id"] for n in nodes]
    assert len(set(ids)) == len(ids) and len({e["id"] for e in edges}) == len(edges)
    assert {e["subject"] for e in edges} | {e["object"] for e in edges} <= set(ids)
    # every exported node stands for project nodes of one label, which it lists; none is left out
    covered = {f"{n['msc_label']}:{i}" for n in nodes for i in n["msc_id"].split("|")}
    named = {k for k, d in G.nodes(data=True) if d["label"] in msc_graph._schema.NAMED_LABELS}
    assert covered == named
    for n in nodes:
        members = n["msc_id"].split("|")
        d = G.nodes[f"{n['msc_label']}:{members[0]}"]
        if n["id"].startswith("PMID:"):
            assert n["msc_label"] == "Study" and n["id"] == f"PMID:{d['pmid']}"
        elif not n["id"].startswith("MSCG:"):
            assert all(G.nodes[f"{n['msc_label']}:{i}"].get("curie") == n["id"] for i in members), n["id"]
        else:
            local = "MSCG:" + re.sub(r"[^A-Za-z0-9_.-]", "_", f"{d['label']}_{d['id']}")
            assert len(members) == 1 and n["id"] == local
    relations = {e["msc_relation"] for e in edges}
    assert relations <= {"SOURCE_RESCUES", "MODE_RESCUES", "MOLECULE_IMPLICATED_IN", "PATHWAY_IMPLICATED_IN", "IS_A"}
    derived = [e for e in edges if e["msc_relation"] != "IS_A"]
    assert derived and all(e["msc_claims"] and e["publications"] for e in derived)
    # Review: "transfer of SP1 via EVs appears critical to inhibit necroptosis ... [53]" (Table 4, row 11)
    by_name = {n["name"]: n["id"] for n in nodes}
    (row,) = [e for e in edges if e["subject"] == by_name["SP1"] and e["object"] == by_name["necroptosis"]]
    assert "ref53" in row["msc_claims"].split("|") and "T4R11" in row["msc_table_rows"]


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
            # an empty scalar cell is an absent property (v2: CITED_IN of a literature study has no ref)
            props = {h.split(":")[0]: value(raw, h.split(":")[1]) for h, raw in cells if raw != "" or h.endswith("[]")}
            H.add_edge(f"{start[1]}:{rel[0]}", f"{end[1]}:{rel[1]}", type=rel[2], **props)
    return H


def test_neo4j_csv_round_trip(graph: msc_graph.Graph, tmp_path: Path) -> None:
    G = graph.to_networkx(tallies=True)  # a Neo4j loaded from the CSVs answers from the tallies too
    assert any(d["label"] == "Tally" for _, d in G.nodes(data=True))
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

    def props(graph: nx.MultiDiGraph, u: str, v: str) -> list[str]:
        kept: tuple[Any, ...] = ([], "")  # an empty cell is an absent property
        return sorted(
            json.dumps({x: y for x, y in d.items() if y not in kept}, sort_keys=True) for d in graph[u][v].values()
        )

    for u, v in {(u, v) for u, v in G.edges()}:
        assert props(H, u, v) == props(G, u, v), (u, v)


@needs_review_text
def test_claims_json(graph: msc_graph.Graph, G: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "claims.json"
    export.export(graph, "claims-json", path)
    items = json.loads(path.read_text(encoding="utf-8"))
    assert len(items) == sum(1 for _, d in G.nodes(data=True) if d["label"] == "Claim")
    fields = {  # v2 names: routes (was modes_of_action); target cells, inducers, models are in contexts
        "id",
        "study",
        "evidence",
        "settings",
        "msc_sources",
        "rcd_modes",
        "routes",
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
        if item["evidence"] != "abstract":  # the review's claims: ref<N> or ref<N>-p<K>, study [N]
            assert item["study"]["ref"] == int(item["id"].removeprefix("ref").split("-")[0])
        for row in item["table_rows"]:  # verbatim cells, found in the review itself
            assert re.sub(r"\s+", " ", row["reference"]) in source
    yuan = next(i for i in items if i["id"] == "ref53")
    assert yuan["study"]["first_author"] == "Yuan" and set(yuan["study"]["settings"]) >= {"in vitro", "in vivo"}
    assert "necroptosis" in [r["name"] for r in yuan["rcd_modes"]]
    assert "EV transfer" in [m["name"] for m in yuan["routes"]]
    assert any(m["name"] == "SP1" for m in yuan["molecules"])
    assert [(r["table"], r["row"]) for r in yuan["table_rows"]] == [(4, 11)]
    assert sum(len(i["conflicts"]) for i in items) == sum(1 for _, d in G.nodes(data=True) if d["label"] == "Conflict")
    jsonl = tmp_path / "claims.jsonl"
    export.export(graph, "claims-json", jsonl)
    assert [json.loads(line)["id"] for line in jsonl.read_text(encoding="utf-8").splitlines()] == [
        i["id"] for i in items
    ]


def test_claims_json_keeps_contexts_and_molecule_roles(graph: msc_graph.Graph, tmp_path: Path) -> None:
    path = tmp_path / "claims.json"
    export.export(graph, "claims-json", path)
    items = {i["id"]: i for i in json.loads(path.read_text(encoding="utf-8"))}
    for item in items.values():
        assert item.get("contexts"), item["id"]  # v2: at least one experiment per claim
        for ctx in item["contexts"]:
            assert {"setting", "target_cells", "inducers", "models"} <= ctx.keys(), item["id"]
        for m in item["molecules"]:
            assert m.get("role"), (item["id"], m["name"])
    # Review Table 4 row 11 / prose on [53]: SP1 carried by EVs (ingest/sources/naji-2019/claims/table4.yaml, ref53)
    sp1 = next(m for m in items["ref53"]["molecules"] if m["name"] == "SP1")
    assert (sp1["role"], sp1.get("via")) == ("EV cargo", "ev-transfer")


def test_export_cli(graph: msc_graph.Graph, G: nx.MultiDiGraph, tmp_path: Path) -> None:
    ok = cli("export", "--format", "kgx", "-o", str(tmp_path / "kgx"))
    assert ok.exit_code == 0, ok.stderr
    assert (tmp_path / "kgx" / "nodes.tsv").is_file() and "edges.tsv" in ok.stdout


def test_export_cli_writes_a_folder_and_refuses_a_file(graph: msc_graph.Graph, tmp_path: Path) -> None:
    ok = cli("export", "--format", "neo4j-csv", "-o", str(tmp_path / "csv"))
    assert ok.exit_code == 0, ok.stderr
    assert (tmp_path / "csv" / "import.sh").is_file() and "import.sh" in ok.stdout
    (tmp_path / "file.txt").write_text("x")
    bad = cli("export", "--format", "neo4j-csv", "-o", str(tmp_path / "file.txt"))
    assert bad.exit_code == 1 and "writes a folder" in bad.stderr
