"""Ingest: idempotent, atomic (failure and kill -9 leave the published graph as it was)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import msc_graph
from msc_graph import RecordError
from msc_graph._engines.embedded import STAGING_MARK

from .conftest import INGEST, abort_after


def _counts(g: msc_graph.Graph) -> tuple[dict[str, int], dict[str, int]]:
    st = g.status()
    return st["nodes"], st["relationships"]


def test_ingest_twice_gives_identical_counts(scratch: msc_graph.Graph, records: Path) -> None:
    # a copy of the records: the curators edit ingest/ while the tests run
    first = scratch.ingest(records)
    c1 = _counts(scratch)
    second = scratch.ingest(records)
    c2 = _counts(scratch)
    assert c1 == c2
    assert first.nodes == second.nodes and first.relationships == second.relationships
    # what the engine holds is what the ingest says it wrote
    assert {k: v for k, v in c1[0].items() if v} == first.nodes
    assert {k: v for k, v in c1[1].items() if v} == first.relationships
    assert c1[0]["Claim"] > 0 and c1[0]["Study"] > 0


def test_failed_ingest_halfway_keeps_the_published_graph(scratch: msc_graph.Graph, records: Path) -> None:
    scratch.ingest(records)
    before = _counts(scratch)
    answer = scratch.ask("modes-of-action-rescuing", rcd="apoptosis")
    with pytest.raises(RuntimeError, match="aborted on purpose"):
        scratch.ingest(records, batch_size=5, progress=abort_after(7))  # 8 batches were written
    assert _counts(scratch) == before
    assert scratch.ask("modes-of-action-rescuing", rcd="apoptosis").equals(answer)
    db = scratch.engine.db  # type: ignore[attr-defined]
    assert not [g for g in db.list_graphs() if STAGING_MARK in g], "staging graph left behind"


def test_invalid_records_change_nothing(scratch: msc_graph.Graph, records: Path) -> None:
    scratch.ingest(records)
    before = _counts(scratch)
    claims = records / "sources" / "naji-2019" / "claims" / "table1.yaml"
    claims.write_text(claims.read_text().replace("rcd_modes:", "rcd_modez:", 1))
    contexts = records / "sources" / "naji-2019" / "claims" / "prose.yaml"  # v2: settings live in contexts
    contexts.write_text(contexts.read_text().replace("- setting: in vitro", "- setting: in silico", 1))
    with pytest.raises(RecordError) as err:
        scratch.ingest(records)
    assert "table1.yaml" in str(err.value) and "rcd_modez" in str(err.value)
    assert "prose.yaml" in str(err.value) and re.search(r"contexts\[\d+\]\.setting", str(err.value))
    assert _counts(scratch) == before


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    import msc_graph
    g = msc_graph.connect(data_dir=sys.argv[1], graph=sys.argv[2])
    kill_at = int(sys.argv[3])
    def progress(done, total):
        if done == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
    g.ingest(sys.argv[4], batch_size=3, progress=progress)
    """
)


@pytest.mark.parametrize("kill_at", [1, 9, 25])
def test_ingest_killed_with_sigkill_leaves_the_published_graph(
    scratch: msc_graph.Graph, data_dir: Path, records: Path, kill_at: int
) -> None:
    scratch.ingest(records)
    before = _counts(scratch)
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, str(data_dir), scratch.settings.graph, str(kill_at), str(records)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert _counts(scratch) == before
    assert len(scratch.ask("modes-of-action-rescuing", rcd="apoptosis")) > 0
    scratch.ingest(records)  # the next ingest succeeds and removes the dead one's staging graph
    assert _counts(scratch) == before
    db = scratch.engine.db  # type: ignore[attr-defined]
    assert not [g for g in db.list_graphs() if g.startswith(scratch.settings.graph + STAGING_MARK)]


def test_injection_text_in_a_record_is_stored_verbatim(scratch: msc_graph.Graph, records: Path) -> None:
    evil = 'it\'s "quoted" `ticked` }) DETACH DELETE n // \\ $rows {x}'
    source = records / "sources" / "naji-2019"

    def edit(path: Path, fn: Callable[[Any], None]) -> None:
        data = yaml.safe_load(path.read_text())
        fn(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    edit(source / "studies.yaml", lambda studies: studies[0].update(note=evil))
    edit(source / "studies.yaml", lambda studies: studies[0].setdefault("identity", {}).update(note=evil))
    edit(source / "source.yaml", lambda src: src.update(note=evil))
    edit(source / "claims" / "table1.yaml", lambda claims: claims[0]["contexts"][0].update(note=evil))
    report = scratch.ingest(records)
    for label, prop in (("Study", "note"), ("Study", "identity_note"), ("Source", "note"), ("Context", "note")):
        got = scratch.cypher(f"MATCH (n:{label}) WHERE n.{prop} = $evil RETURN n.{prop} AS v", evil=evil)
        assert list(got["v"]) == [evil], (label, prop)
    assert _counts(scratch)[0] == {k: report.nodes.get(k, 0) for k in _counts(scratch)[0]}


def test_shipped_records_validate() -> None:
    ds = msc_graph.validate(INGEST)
    assert ds.claims and ds.studies
    assert os.path.isdir(INGEST)
