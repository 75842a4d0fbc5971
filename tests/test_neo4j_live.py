"""Against a real Neo4j 5 server (the GitHub workflow's service container, or `docker compose up`).

Runs only when NEO4J_URI is set (with NEO4J_PASSWORD, optionally NEO4J_USERNAME / NEO4J_DATABASE).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import msc_graph
from msc_graph import ReadOnlyViolation

from .conftest import INGEST
from .test_bolt import _rows

QUERIES = msc_graph.named_queries()

pytestmark = pytest.mark.neo4j

if not os.environ.get("NEO4J_URI"):
    pytest.skip(
        "NEO4J_URI is not set: these tests need a running Neo4j 5 (docker compose up -d --wait)",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the records for both engines: the curators edit ingest/ while the tests run."""
    dest = tmp_path_factory.mktemp("neo4j") / "ingest"
    shutil.copytree(INGEST, dest)
    return dest


@pytest.fixture(scope="module")
def neo_graph(frozen: Path) -> Iterator[msc_graph.Graph]:
    g = msc_graph.connect("neo4j")
    g.ingest(frozen)
    yield g
    g.close()


@pytest.fixture(scope="module")
def graph(data_dir: Path, frozen: Path) -> Iterator[msc_graph.Graph]:
    """The embedded engine's graph of the same records (a graph of its own on the session server)."""
    g = msc_graph.connect(data_dir=data_dir, graph="t_neo4j_embedded")
    g.ingest(frozen)
    yield g
    g.engine.db.select_graph("t_neo4j_embedded").delete()  # type: ignore[attr-defined]
    g.close()


def test_counts_match_the_embedded_engine(neo_graph: msc_graph.Graph, graph: msc_graph.Graph) -> None:
    a, b = neo_graph.status(), graph.status()
    assert a["nodes"] == b["nodes"] and a["relationships"] == b["relationships"]


def test_ingest_is_idempotent(neo_graph: msc_graph.Graph, frozen: Path) -> None:
    before = neo_graph.status()
    neo_graph.ingest(frozen)
    after = neo_graph.status()
    assert before["nodes"] == after["nodes"] and before["relationships"] == after["relationships"]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_named_queries_match_the_embedded_engine(neo_graph: msc_graph.Graph, graph: msc_graph.Graph, name: str) -> None:
    params = QUERIES[name].example_params
    assert _rows(neo_graph.ask(name, **params)) == _rows(graph.ask(name, **params))


def test_neo4j_itself_refuses_writes_in_read_mode(neo_graph: msc_graph.Graph) -> None:
    with pytest.raises(ReadOnlyViolation):
        neo_graph.engine.read("CREATE (n:Study {id: 'evil'})")  # bypasses the lexical guard


def test_constraints_exist(neo_graph: msc_graph.Graph) -> None:
    show = "SHOW CONSTRAINTS YIELD labelsOrTypes, properties RETURN labelsOrTypes, properties"
    rows = neo_graph.engine.read(show).snake_cased().to_frame()  # the engine itself: SHOW is refused to users
    labels = {lab for labs in rows["labels_or_types"] for lab in labs}
    assert set(neo_graph.status()["nodes"]) <= labels
