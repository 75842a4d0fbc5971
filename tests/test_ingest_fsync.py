"""The ingest's fsync policy: a staging graph is written without an fsync per statement, and once
published it is on disk as before (``_engines/embedded.STAGING_FSYNC``).

The graph built that way must equal, node for node and property for property, the graph built with
an fsync after every statement; a server killed mid-staging (while nothing is fsynced) must come
back with the previous graph whole.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

import msc_graph
from msc_graph._engines.embedded import STAGING_MARK

from .conftest import INGEST, ROOT, short_tmpdir

sys.path.insert(0, str(ROOT / "benchmarks"))

import generate

ALL = 10**8


@pytest.fixture()
def own_dir() -> Iterator[Path]:
    d = short_tmpdir("mgf")
    yield d
    msc_graph.stop_server(d)
    shutil.rmtree(d, ignore_errors=True)


def dump(g: msc_graph.Graph) -> tuple[list[str], list[str]]:
    """Every node (labels, properties) and relationship (ends, type, properties) of the published graph."""
    nodes = g.engine.read("MATCH (n) RETURN labels(n) AS l, properties(n) AS p", max_rows=ALL)
    rels = g.engine.read(
        "MATCH (a)-[r]->(b) RETURN labels(a) AS la, a.id AS a, type(r) AS t, labels(b) AS lb, b.id AS b,"
        " properties(r) AS p",
        max_rows=ALL,
    )
    assert not nodes.truncated and not rels.truncated

    def canon(rows: list[list[Any]]) -> list[str]:
        return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows)

    return canon(nodes.rows), canon(rels.rows)


def policy(data_dir: Path) -> str:
    client = redis.Redis(unix_socket_path=str(msc_graph.start_server(data_dir)))
    try:
        return str(client.config_get("appendfsync")["appendfsync"])
    finally:
        client.close()


def test_the_graph_written_without_fsync_per_statement_equals_the_one_written_with_it(
    own_dir: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    generate.generate(120, corpus, seed=5)
    for records in (INGEST, corpus):
        dumps, seen = {}, {}
        for name, staging in (("per_statement", "always"), ("staged", None)):
            g = msc_graph.connect(data_dir=own_dir, graph=name)
            if staging is not None:
                g.engine.staging_fsync = staging  # type: ignore[attr-defined]
            policies: set[str] = set()

            def during(done: int, total: int, p: set[str] = policies) -> None:
                p.add(policy(own_dir))

            g.ingest(records, batch_size=7, progress=during)
            seen[name] = policies
            assert policy(own_dir) == "always", "published: every write is fsynced again"
            dumps[name] = dump(g)
            g.close()
        assert seen == {"per_statement": {"always"}, "staged": {"no"}}
        assert dumps["staged"] == dumps["per_statement"]
        assert len(dumps["staged"][0]) > 100 and len(dumps["staged"][1]) > 100


def test_a_server_killed_while_staging_without_fsync_comes_back_with_the_previous_graph(own_dir: Path) -> None:
    g = msc_graph.connect(data_dir=own_dir, graph="kept")
    g.ingest(INGEST)
    before = dump(g)
    pid = msc_graph.server_status(own_dir)["pid"]
    assert isinstance(pid, int)
    at: list[str] = []

    def kill_midway(done: int, total: int) -> None:
        if done == total // 2:
            at.append(policy(own_dir))
            os.kill(pid, signal.SIGKILL)

    with pytest.raises(msc_graph.EngineUnavailable, match="lost the embedded server during ingest"):
        g.ingest(INGEST, batch_size=5, progress=kill_midway)
    assert at == ["no"], "killed while the staging graph was written without fsync"
    g.close()
    g = msc_graph.connect(data_dir=own_dir, graph="kept")  # restarts the server: it replays its append-only file
    assert dump(g) == before
    assert policy(own_dir) == "always"
    g.ingest(INGEST)
    assert dump(g) == before
    assert not [n for n in g.engine.db.list_graphs() if STAGING_MARK in n]  # type: ignore[attr-defined]
    g.close()
