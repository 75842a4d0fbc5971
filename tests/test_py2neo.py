"""py2neo (EOL upstream, not a dependency) runs the catalogue's ``.cypher`` files as they are.

The package talks to Neo4j through the official ``neo4j`` driver. A user with py2neo code can still
run every named query: the file's text, with the parameters that :meth:`msc_graph.Graph.prepare`
gives (terms resolved to ids, defaults filled in). This checks it over Bolt against ArcadeDB (no
Neo4j runs here): py2neo's rows equal the package's rows, query by query. Skipped when py2neo is
not installed (``pip install py2neo``).
"""

from __future__ import annotations

import math
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

import msc_graph
from msc_graph import _queries

from .conftest import short_tmpdir

py2neo = pytest.importorskip("py2neo", reason="py2neo is not installed (EOL upstream): pip install py2neo")
pytestmark = pytest.mark.bolt

try:
    import arcadedb_embedded  # noqa: F401

    from .arcadedb_bolt import ArcadeBoltServer
except ImportError:  # pragma: no cover
    pytest.skip("arcadedb-embedded is not installed (pip install -e '.[dev]')", allow_module_level=True)

CATALOGUE = _queries.catalogue()


@pytest.fixture(scope="module")
def both() -> Iterator[tuple[msc_graph.Graph, Any]]:
    """The graph ingested over Bolt (official driver), and a py2neo Graph on the same server."""
    root = short_tmpdir("p2n")
    with ArcadeBoltServer(root) as srv:
        g = msc_graph.connect(uri=srv.uri, auth=(srv.user, srv.password), database=srv.database, data_dir=root)
        g.ingest()
        p2n = py2neo.Graph(srv.uri, auth=(srv.user, srv.password), name=srv.database)
        yield g, p2n
        g.close()
        p2n.service.connector.close()  # open Bolt connections hold the server's shutdown for 30 s
    shutil.rmtree(root, ignore_errors=True)


def _norm(v: Any) -> Any:
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, list):
        return sorted((_norm(x) for x in v), key=repr)
    if isinstance(v, dict):
        return {k: _norm(x) for k, x in sorted(v.items())}
    return v


@pytest.mark.parametrize("name", list(CATALOGUE))
def test_py2neo_runs_the_query_files(both: tuple[msc_graph.Graph, Any], name: str) -> None:
    g, p2n = both
    q = CATALOGUE[name]
    text, params = g.prepare(name, **q.example_params)
    assert text == q.path.read_text(encoding="utf-8")  # the file, as the Neo4j Browser gets it
    ours = g.query(name, **q.example_params)
    theirs = p2n.run(text, **params).data()
    assert [list(r) for r in theirs[:1]] in ([], [list(q.returns)])
    expected = sorted(([_norm(r[c]) for c in ours.columns] for r in ours.records()), key=repr)
    got = sorted(([_norm(r[c]) for c in ours.columns] for r in theirs), key=repr)
    assert got == expected, name
