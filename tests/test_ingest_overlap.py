"""The ingest writes the base graph while it counts the tallies (``_ingest.ingest``).

The server is sent the graph's other statements whenever it is free while the tallies are counted,
so the write and the counting overlap; the graph published must be the very graph of an ingest that
writes the base graph first and counts the tallies after (as over Neo4j, whose writer waits for
each reply).
"""

from __future__ import annotations

import itertools
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import msc_graph
from msc_graph import _ingest
from msc_graph._build import add_tallies
from msc_graph._engines.falkor_writer import PipelinedWriter

from .conftest import ROOT, short_tmpdir
from .test_ingest_fsync import dump

sys.path.insert(0, str(ROOT / "benchmarks"))

import generate


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("overlap") / "corpus"
    generate.generate(400, out, seed=11)
    return out


@pytest.fixture()
def own_dir() -> Iterator[Path]:
    d = short_tmpdir("mgo")
    yield d
    msc_graph.stop_server(d)
    shutil.rmtree(d, ignore_errors=True)


def test_base_statements_are_sent_while_the_tallies_are_counted(
    corpus: Path, own_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counting = [False]

    def watched(*args: Any, **kwargs: Any) -> None:
        counting[0] = True
        try:
            add_tallies(*args, **kwargs)
        finally:
            counting[0] = False

    monkeypatch.setattr(_ingest, "add_tallies", watched)
    calls: list[tuple[int, int, bool]] = []
    g = msc_graph.connect(data_dir=own_dir, graph="overlap")
    report = g.ingest(corpus, batch_size=10, progress=lambda done, total: calls.append((done, total, counting[0])))
    during = [c for c in calls if c[2]]
    assert during, "no statement was sent while the tallies were counted"
    # while counting, more is to come: the total grows as each view's tallies are queued, never shrinks
    assert all(done < total for done, total, _ in during)
    assert all(a[1] <= b[1] for a, b in itertools.pairwise(calls))
    assert [done for done, _, _ in calls] == list(range(1, report.statements + 1))
    assert calls[-1][:2] == (report.statements, report.statements)
    assert report.nodes["Tally"] > 100
    g.close()


def test_each_view_is_handed_over_as_soon_as_it_is_counted(corpus: Path) -> None:
    """``add_tallies`` emits the tallies view by view (the ingest writes them while the next views
    count): the parts together are exactly the tallies it adds, nodes before their edges."""
    from msc_graph._build import base_rows
    from msc_graph._rows import GraphRows
    from msc_graph._schema import TALLY

    ds = msc_graph.validate(corpus)
    rows, refs = base_rows(ds)
    parts: list[GraphRows] = []
    add_tallies(rows, ds, refs, None, parts.append)
    assert len(parts) > 5
    nodes = [n for p in parts for n in p.nodes.get(TALLY, [])]
    assert nodes == rows.nodes[TALLY]
    assert all(set(p.nodes) <= {TALLY} for p in parts)
    emitted = sorted((k, repr(r)) for p in parts for k, rs in p.rels.items() for r in rs)
    assert emitted == sorted((k, repr(r)) for k, rs in rows.rels.items() if k[0] == "TALLIES" for r in rs)
    again: list[GraphRows] = []
    add_tallies(rows, ds, refs, None, again.append)  # a count run again replaces the tallies, adds none
    assert [n for p in again for n in p.nodes.get(TALLY, [])] == rows.nodes[TALLY] == nodes


def test_overlapped_ingest_publishes_the_graph_of_a_sequential_one(
    corpus: Path, own_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    g = msc_graph.connect(data_dir=own_dir, graph="overlapped")
    g.ingest(corpus, batch_size=50)
    overlapped = dump(g)
    g.close()
    monkeypatch.delattr(PipelinedWriter, "ready")  # as a writer that cannot tell: base graph first
    g = msc_graph.connect(data_dir=own_dir, graph="sequential")
    g.ingest(corpus, batch_size=50)
    sequential = dump(g)
    g.close()
    assert len(overlapped[0]) > 1000 and len(overlapped[1]) > 1000
    assert overlapped == sequential


def test_the_ingest_sends_the_statements_of_a_plan_built_at_once_in_their_order(
    corpus: Path, own_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summary edges are derived while the base rows are written, and the tallies counted while
    they all are; the statements sent are still those of the rows built at once (what the benchmark's
    bare writer sends), batch for batch, in the same order. Some are sent while the summary is derived."""
    sent: list[tuple[str, list[Any]]] = []
    real_send = PipelinedWriter.send

    def recording(self: PipelinedWriter, cypher: str, params: Any = None) -> None:
        sent.append((cypher, params["rows"]))
        real_send(self, cypher, params)

    deriving = [False]
    real_derived = _ingest.derived_rows  # type: ignore[attr-defined]

    def watched(*args: Any, **kwargs: Any) -> Any:
        deriving[0] = True
        try:
            return real_derived(*args, **kwargs)
        finally:
            deriving[0] = False

    during: list[int] = []
    monkeypatch.setattr(PipelinedWriter, "send", recording)
    monkeypatch.setattr(_ingest, "derived_rows", watched)
    g = msc_graph.connect(data_dir=own_dir, graph="ordered")
    g.ingest(corpus, batch_size=10, progress=lambda done, total: during.append(done) if deriving[0] else None)
    g.close()
    _, steps = _ingest.rows_and_statements(msc_graph.validate(corpus), 10)
    assert [s for s, _ in sent] == [s for s, _ in steps]
    assert [b for _, b in sent] == [b for _, b in steps]
    assert during, "no statement was sent while the summary edges were derived"
    summary = [k for k, (s, _) in enumerate(steps) if "SOURCE_RESCUES" in s]
    assert summary and max(during) <= summary[0], "a summary statement was sent before it was derived"
