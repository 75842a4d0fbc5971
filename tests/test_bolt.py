"""The Neo4j adapter over Bolt, against ArcadeDB's Bolt server: same rows as the embedded engine.

No Neo4j can run on these machines; ArcadeDB speaks Bolt and Cypher well enough to exercise the
driver path (sessions, explicit transactions, rollback, error mapping, every named query). Where
ArcadeDB's Cypher differs from Neo4j's, see tests/ARCADEDB_NOTES.md.
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import msc_graph
from msc_graph import QueryError, ReadOnlyViolation

from .conftest import INGEST, abort_after, short_tmpdir

QUERIES = msc_graph.named_queries()

pytestmark = pytest.mark.bolt

try:
    import arcadedb_embedded  # noqa: F401

    from .arcadedb_bolt import ArcadeBoltServer
except ImportError:  # pragma: no cover
    pytest.skip("arcadedb-embedded is not installed (pip install -e '.[dev]')", allow_module_level=True)


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the records for both engines: the curators edit ingest/ while the tests run."""
    dest = tmp_path_factory.mktemp("bolt") / "ingest"
    shutil.copytree(INGEST, dest)
    return dest


@pytest.fixture(scope="module")
def bolt_graph(frozen: Path) -> Iterator[msc_graph.Graph]:
    root = short_tmpdir("adb")
    with ArcadeBoltServer(root) as srv:
        g = msc_graph.connect(uri=srv.uri, auth=(srv.user, srv.password), database=srv.database, data_dir=root)
        g.ingest(frozen)
        yield g
        g.close()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def graph(data_dir: Path, frozen: Path) -> Iterator[msc_graph.Graph]:
    """The embedded engine's graph of the same records (a graph of its own on the session server)."""
    g = msc_graph.connect(data_dir=data_dir, graph="t_bolt_embedded")
    g.ingest(frozen)
    yield g
    g.engine.db.select_graph("t_bolt_embedded").delete()  # type: ignore[attr-defined]
    g.close()


def _norm(v: Any) -> Any:
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, list):
        return sorted((_norm(x) for x in v), key=repr)
    if isinstance(v, dict):
        return {k: _norm(x) for k, x in sorted(v.items())}
    return v


def _rows(df: Any) -> list[Any]:
    return sorted(([_norm(v) for v in row] for row in df.itertuples(index=False)), key=repr)


def test_status_counts_match(bolt_graph: msc_graph.Graph, graph: msc_graph.Graph) -> None:
    a, b = bolt_graph.status(), graph.status()
    assert a["nodes"] == b["nodes"]
    assert a["relationships"] == b["relationships"]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_named_query_gives_the_same_rows_on_both_engines(
    bolt_graph: msc_graph.Graph, graph: msc_graph.Graph, name: str
) -> None:
    params = QUERIES[name].example_params
    over_bolt = bolt_graph.ask(name, **params)
    embedded = graph.ask(name, **params)
    assert list(over_bolt.columns) == list(embedded.columns)
    assert _rows(over_bolt) == _rows(embedded)
    for col in embedded.columns:  # same Python types, column by column
        t1 = {type(v).__name__ for v in embedded[col] if v is not None}
        t2 = {type(v).__name__ for v in over_bolt[col] if v is not None}
        assert t1 == t2 or not (t1 and t2), (name, col, t1, t2)


def test_to_networkx_over_the_driver_is_the_embedded_graph(
    bolt_graph: msc_graph.Graph, graph: msc_graph.Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages are read by helper threads, each read its own driver session (small pages: many at once)."""
    from msc_graph import _networkx

    monkeypatch.setattr(_networkx, "PAGE", 25)
    over_bolt, embedded = bolt_graph.to_networkx(), graph.to_networkx()
    assert list(over_bolt.nodes) == list(embedded.nodes)
    assert sorted(over_bolt.edges(keys=True)) == sorted(embedded.edges(keys=True))
    for n, d in embedded.nodes(data=True):
        assert {k: _norm(v) for k, v in over_bolt.nodes[n].items()} == {k: _norm(v) for k, v in d.items()}, n


def test_failed_publish_rolls_back(bolt_graph: msc_graph.Graph) -> None:
    before = bolt_graph.status()["nodes"]
    with pytest.raises(RuntimeError, match="aborted on purpose"):
        bolt_graph.ingest(batch_size=7, progress=abort_after(5))
    assert bolt_graph.status()["nodes"] == before


def test_user_writes_are_refused_over_bolt(bolt_graph: msc_graph.Graph) -> None:
    before = bolt_graph.status()["nodes"]
    with pytest.raises(ReadOnlyViolation):
        bolt_graph.cypher("CREATE (n:Study {id: 'evil'})")
    with pytest.raises(ReadOnlyViolation):
        bolt_graph.cypher("MATCH (n) DETACH DELETE n")
    assert bolt_graph.status()["nodes"] == before


def test_query_errors_are_mapped(bolt_graph: msc_graph.Graph) -> None:
    with pytest.raises(QueryError):
        bolt_graph.cypher("MATCH (n RETURN n")


def test_wrong_password_is_one_clear_error(tmp_path: Path, bolt_graph: msc_graph.Graph) -> None:
    settings = bolt_graph.settings
    assert settings.uri and settings.auth
    with pytest.raises(msc_graph.EngineUnavailable) as err:
        msc_graph.connect(
            uri=settings.uri, auth=(settings.auth[0], "wrong-password"), database=settings.database, data_dir=tmp_path
        )
    assert "credentials" in str(err.value) and "wrong-password" not in str(err.value)
