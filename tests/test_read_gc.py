"""A read does not run CPython's cyclic garbage collector while its reply is parsed and decoded
(nor does an export while it builds and writes the graph, nor an ingest while it loads, builds and
writes, or when it ends).

Every value of FalkorDB's compact reply is a small list, so a large answer allocates about a million
containers, and the collector (triggered every 700 of them) would rescan the growing heap, and every
live object at each full collection, again and again: on the 100k graph that made whole answers 2-3x
slower (``falkor_decode``'s docstring has the figures). These tests count the collections that start
during a read, on the real server.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import msc_graph
from msc_graph import _ingest
from msc_graph._engines import falkor_writer


@contextlib.contextmanager
def _watching(note: Callable[[str, dict[str, Any]], None]) -> Iterator[None]:
    """``note`` called at each phase of each collection while the block runs, the collector enabled."""
    was_enabled = gc.isenabled()
    gc.enable()
    gc.callbacks.append(note)
    try:
        yield
    finally:
        gc.callbacks.remove(note)
        if not was_enabled:
            gc.disable()


@pytest.fixture()
def collections() -> Iterator[list[int]]:
    """The generations of the collections that start while the test runs (GC enabled)."""
    seen: list[int] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    with _watching(note):
        yield seen


def _vocabulary(g: msc_graph.Graph) -> tuple[str, dict[str, Any]]:
    q = msc_graph.named_queries()["vocabulary"]
    return g.prepare("vocabulary", **q.example_params)


def test_the_reply_of_a_large_answer_would_start_the_collector(graph: msc_graph.Graph, collections: list[int]) -> None:
    """The control: the same reply read without the pause starts collections (so the next test can fail)."""
    text, params = _vocabulary(graph)
    engine: Any = graph.engine
    command = ("GRAPH.RO_QUERY", engine.settings.graph, falkor_writer.query(text, params), "--compact")
    gc.collect()
    collections.clear()
    reply = engine.db.connection.execute_command(*command)
    assert len(reply[1]) > 300
    assert len(collections) >= 3, "reading this reply allocates enough containers to start collections"


def test_a_read_starts_no_collection_and_leaves_the_collector_on(
    graph: msc_graph.Graph, collections: list[int]
) -> None:
    text, params = _vocabulary(graph)
    gc.collect()
    collections.clear()
    result = graph.engine.read(text, params)
    assert len(result.rows) > 300
    # at most one young collection, once the pause ends: the containers allocated during the read are
    # then the youngest generation (the control above starts several)
    assert collections in ([], [0]), collections
    assert gc.isenabled()
    collections.clear()
    junk = [[i] for i in range(5000)]  # after the read the collector runs as before
    assert junk and collections


def test_a_read_leaves_a_paused_collector_paused(graph: msc_graph.Graph) -> None:
    text, params = _vocabulary(graph)
    gc.disable()
    try:
        graph.engine.read(text, params)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_failing_read_leaves_the_collector_on(graph: msc_graph.Graph) -> None:
    assert gc.isenabled()
    with pytest.raises(msc_graph.QueryError):
        graph.engine.read("MATCH (n) RETURN n.name AS name ORDER BY nosuchfunction(n)")
    assert gc.isenabled()


def test_an_export_starts_no_collection(graph: msc_graph.Graph, collections: list[int], tmp_path: Path) -> None:
    from msc_graph import export

    gc.collect()
    collections.clear()
    export._export(graph, "cyjs", tmp_path / "control.cyjs")  # the control: the writer without the pause
    assert len(collections) >= 3, "writing the curated graph allocates enough containers to start collections"
    gc.collect()
    collections.clear()
    export.export(graph, "cyjs", tmp_path / "graph.cyjs")
    assert collections in ([], [0]), collections
    assert gc.isenabled()
    assert (tmp_path / "graph.cyjs").read_bytes() == (tmp_path / "control.cyjs").read_bytes()


@pytest.fixture()
def young_scans() -> Iterator[list[int]]:
    """For each young collection that starts while the test runs: the objects it scans (GC enabled)."""
    seen: list[int] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and info["generation"] == 0:
            seen.append(gc.get_count()[0])

    with _watching(note):
        yield seen


def test_an_ingest_ends_its_pause_once_its_records_are_freed(scratch: msc_graph.Graph, young_scans: list[int]) -> None:
    """Ending a pause while millions of records and rows live makes the next collection scan every
    one of them (at 100k claims 5 s of a 53 s ingest): ``Graph.ingest`` pauses once, for loading,
    building and writing, and ends the pause after they are freed."""
    scratch.ingest()  # once before: the modules the ingest imports are not new objects the second time
    gc.collect()
    young_scans.clear()
    dataset = msc_graph.validate()  # the control: the same build, its records alive when its pauses end
    _ingest.ingest(scratch.engine, dataset)
    control = max(young_scans, default=0)
    assert control > 2500, young_scans
    del dataset
    gc.collect()
    young_scans.clear()
    scratch.ingest()
    junk = [[i] for i in range(2000)]  # the collections the objects left by the ingest start
    assert junk and young_scans, "the collector runs after the ingest"
    assert max(young_scans) * 2 < control, (young_scans, control)
    assert gc.isenabled()


def test_the_validate_command_ends_its_pause_once_its_records_are_freed(young_scans: list[int]) -> None:
    from click.testing import CliRunner

    from msc_graph.cli import main

    assert CliRunner().invoke(main, ["validate"]).exit_code == 0  # once before: its imports
    gc.collect()
    young_scans.clear()
    dataset = msc_graph.validate()  # the control: the loader's own pause ends while the records live
    control = max(young_scans, default=0)
    assert dataset.claims and control > 2500, young_scans
    del dataset
    gc.collect()
    young_scans.clear()
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0 and result.output.startswith("ok: "), result.output
    junk = [[i] for i in range(2000)]
    assert junk and young_scans and max(young_scans) * 2 < control, (young_scans, control)
