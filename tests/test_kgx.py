"""The KGX export validated with KGX's own validator, offline.

kgx downloads the Biolink schema, its predicate map and its JSON-LD context at import time; here it
is pointed at the schema and prefix map of the installed ``biolink-model`` package instead (no
network on CI machines). The only errors it may report are the documented ones (README, "Exports"):
ids with the project prefix ``MSCG:`` (terms without an ontology ID in a Biolink prefix, studies
not identified) and kgx's CamelCase check refusing ``biolink:MicroRNA`` (a valid Biolink class).
"""

from __future__ import annotations

import csv
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

import msc_graph

pytest.importorskip("kgx")
pytest.importorskip("bmt")


def _validator() -> Any:
    from bmt import Toolkit

    schema = str(files("biolink_model").joinpath("schema").joinpath("biolink_model.yaml"))
    prefix_map = json.loads(
        files("biolink_model").joinpath("prefixmaps").joinpath("biolink_model_prefix_map.json").read_text()
    )
    Toolkit.__init__.__defaults__ = (schema, {"predicate mappings": []})  # kgx builds one at import time
    import kgx.config

    kgx.config.jsonld_context_map["biolink"] = prefix_map
    from kgx.validator import Validator

    return Validator()


@pytest.fixture(scope="module")
def kgx_dir(graph: msc_graph.Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kgx")
    msc_graph.export.export(graph, "kgx", out)
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_kgx_validator_reports_only_the_documented_errors(kgx_dir: Path) -> None:
    validator = _validator()  # first: kgx reads the Biolink model when it is imported
    from kgx.transformer import Transformer

    Transformer(stream=True).transform(
        input_args={"filename": [str(kgx_dir / "nodes.tsv"), str(kgx_dir / "edges.tsv")], "format": "tsv"},
        output_args={"format": "null"},
        inspector=validator,
    )
    errors = validator.get_errors()
    allowed = {"INVALID_NODE_PROPERTY_VALUE", "INVALID_EDGE_PROPERTY_VALUE", "INVALID_CATEGORY"}
    found: dict[str, set[str]] = {}
    for by_type in errors.values():
        for etype, by_msg in by_type.items():
            found.setdefault(str(etype), set()).update(by_msg)
    assert set(found) <= allowed, found
    for etype, messages in found.items():
        for m in messages:
            if etype == "INVALID_CATEGORY":
                assert "'MicroRNA' is not in CamelCase" in m, m
            else:
                assert "'MSCG'" in m or "MSCG:" in m, m
    nodes = _rows(kgx_dir / "nodes.tsv")
    ids = {r["id"] for r in nodes}
    local = [r for r in nodes if r["id"].startswith("MSCG:")]
    # a project-local id is a term without an ontology ID in a Biolink prefix, a study without a PMID,
    # or a term whose class is the id of a node of another label (an MSC source and a cell type can
    # both be CL:0000134): nothing that could have its CURIE as id is left local
    for r in local:
        for x in r["xref"].split("|") if r["xref"] else []:
            assert x.split(":", 1)[0] in ("cellosaurus", "mirbase.mature", "doi", "PMC") or x in ids, (r["id"], x)
    # 81 % of node ids were project-local before terms took their CURIEs and studies their PMIDs
    assert len(local) <= 0.6 * len(nodes), f"{len(local)} of {len(nodes)} node ids are project-local"


def test_kgx_ids_are_curies_pmids_and_dois(kgx_dir: Path) -> None:
    nodes = {r["id"]: r for r in _rows(kgx_dir / "nodes.tsv")}
    assert "GO:0070266" in nodes and nodes["GO:0070266"]["name"] == "necroptosis"  # necroptotic process
    studies = [r for r in nodes.values() if r["msc_label"] == "Study"]
    assert any(r["id"].startswith("PMID:") for r in studies)
    for r in studies:
        if r.get("msc_pmid"):
            assert r["id"] == f"PMID:{r['msc_pmid']}"
    edges = _rows(kgx_dir / "edges.tsv")
    pubs = {p for e in edges for p in e["publications"].split("|") if p}
    assert pubs and all(p.split(":", 1)[0] in ("PMID", "doi", "MSCG") for p in pubs)
    assert any(p.startswith("PMID:") for p in pubs)
    # the summary edges carry their evidence: quotes, claims, and "decreased" for rescue
    rescue = [e for e in edges if e["msc_relation"] == "MODE_RESCUES"]
    assert rescue and all(e["object_direction_qualifier"] == "decreased" and e["msc_claims"] for e in rescue)
