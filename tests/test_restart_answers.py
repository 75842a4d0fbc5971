"""Every named query answers the same after the embedded server restarts (it reloads the graph from
its append-only file, indexes included): an index that the engine rebuilds differently on load would
change answers without any error. FalkorDB 4.16's index on a boolean property did exactly that
(``Claim.demonstrated``: 14 hypotheses before a restart, none after), and its range index drops the
value 0 (``Claim.hypothesis_rank`` from 0: the first hypothesis was missing after a restart)."""

from __future__ import annotations

from pathlib import Path

import msc_graph
from msc_graph._engines import falkor_server


def _answers(g: msc_graph.Graph) -> dict[str, list[list[object]]]:
    return {name: g.query(name, **q.example_params).rows for name, q in msc_graph.named_queries().items()}


def test_every_answer_is_the_same_after_a_restart(tmp_path: Path) -> None:
    g = msc_graph.connect(data_dir=tmp_path)
    g.ingest()
    before = _answers(g)
    hypotheses = g.cypher("MATCH (c:Claim) WHERE NOT c.demonstrated RETURN count(c) AS n")["n"][0]
    g.close()
    assert falkor_server.stop(tmp_path)
    g = msc_graph.connect(data_dir=tmp_path)
    try:
        after = _answers(g)
        assert hypotheses > 0 and len(after["hypotheses"]) == hypotheses
        assert [n for n in before if before[n] != after[n]] == []
    finally:
        g.close()
        falkor_server.stop(tmp_path)
