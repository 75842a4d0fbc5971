"""The tallies counted in a forked child (``msc_graph/_tally_fork.py``).

An ingest of many claims forks after the base graph is built: the child counts and encodes the
tallies while this process writes. The statements sent must be those of an ingest that counts in
process, byte for byte and in the same order; a child that fails or dies must leave the published
graph as it was, and no child behind.

The tests force the child (``_ingest.usable``): pytest's own threads, and the small graphs, would
otherwise keep the ingest in process (see :func:`msc_graph._tally_fork.usable`).
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import msc_graph
from msc_graph import _build, _ingest, _tally_fork
from msc_graph._engines.embedded import EmbeddedEngine
from msc_graph._engines.falkor_writer import PipelinedWriter, Unencodable, query

from .conftest import short_tmpdir
from .test_ingest_fsync import dump


@pytest.fixture(scope="module")
def own_dir() -> Iterator[Path]:
    d = short_tmpdir("mgk")
    yield d
    msc_graph.stop_server(d)
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture()
def children(monkeypatch: pytest.MonkeyPatch) -> list[_tally_fork.ForkedTallies]:
    """Every child forked by the ingests of a test (the ingest forks whatever the graph's size)."""
    made: list[_tally_fork.ForkedTallies] = []
    real_init = _tally_fork.ForkedTallies.__init__

    def init(self: _tally_fork.ForkedTallies, *args: Any) -> None:
        real_init(self, *args)
        made.append(self)

    monkeypatch.setattr(_tally_fork.ForkedTallies, "__init__", init)
    monkeypatch.setattr(_ingest, "usable", lambda n_claims: True)
    return made


def _sent(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The statements the writers send from now on, as the server receives them."""
    out: list[bytes] = []
    real = PipelinedWriter.send_encoded

    def recording(self: PipelinedWriter, data: bytes) -> None:
        out.append(data)
        real(self, data)

    monkeypatch.setattr(PipelinedWriter, "send_encoded", recording)
    return out


def _gone(pid: int) -> bool:
    """Whether ``pid`` was reaped (not running, not a zombie waiting for this process)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_child_sends_the_statements_of_an_ingest_in_process(
    own_dir: Path, monkeypatch: pytest.MonkeyPatch, children: list[_tally_fork.ForkedTallies]
) -> None:
    sent = _sent(monkeypatch)
    g = msc_graph.connect(data_dir=own_dir, graph="forked")
    forked_report = g.ingest(batch_size=40)
    forked = dump(g)
    g.close()
    forked_sent = list(sent)
    assert len(children) == 1 and children[0].reaped and _gone(children[0].pid)  # forked, and reaped

    monkeypatch.setattr(_ingest, "usable", lambda n_claims: False)
    sent.clear()
    g = msc_graph.connect(data_dir=own_dir, graph="in_process")
    report = g.ingest(batch_size=40)
    assert len(children) == 1
    assert dump(g) == forked
    g.close()
    assert forked_sent == sent  # byte for byte, in the same order
    assert sum(b"Tally" in s for s in sent) > 10
    assert (forked_report.nodes, forked_report.relationships) == (report.nodes, report.relationships)
    assert forked_report.statements == report.statements == len(sent)
    assert report.nodes["Tally"] > 100


def test_rows_the_encoder_refuses_are_written_by_the_generic_path(
    own_dir: Path, monkeypatch: pytest.MonkeyPatch, children: list[_tally_fork.ForkedTallies]
) -> None:
    """The child hands back the rows of a statement its encoder refuses; the writer's own path
    (which says precisely what is wrong, or writes it) then takes them."""
    refused: list[int] = []

    def picky(cypher: str, params: Any) -> bytes:
        if "Tally" in cypher and len(refused) < 3:  # in the child: these are its first tally statements
            refused.append(1)
            raise Unencodable
        return query(cypher, params)

    monkeypatch.setattr(EmbeddedEngine, "encode_statement", staticmethod(picky))
    sent = _sent(monkeypatch)
    g = msc_graph.connect(data_dir=own_dir, graph="refused")
    report = g.ingest(batch_size=40)
    graph, forked_sent = dump(g), list(sent)
    g.close()
    assert len(children) == 1
    assert not refused  # the refusals happened in the child: this process encoded those rows itself
    monkeypatch.setattr(_ingest, "usable", lambda n_claims: False)
    sent.clear()
    g = msc_graph.connect(data_dir=own_dir, graph="refused_in_process")
    assert g.ingest(batch_size=40).statements == report.statements == len(sent)
    assert dump(g) == graph
    g.close()
    assert forked_sent == sent


def _boom(*args: Any, **kwargs: Any) -> None:
    raise ValueError("a tally went wrong")


def _killed(*args: Any, **kwargs: Any) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize(
    ("add_tallies", "message"),
    [
        (_boom, "counting the tallies failed: ValueError: a tally went wrong"),
        (_killed, "the process counting the tallies ended early (killed by SIGKILL; out of memory?)"),
    ],
)
def test_a_child_that_fails_or_dies_publishes_nothing(
    own_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    children: list[_tally_fork.ForkedTallies],
    add_tallies: Any,
    message: str,
) -> None:
    g = msc_graph.connect(data_dir=own_dir, graph="kept")
    monkeypatch.setattr(_ingest, "usable", lambda n_claims: False)
    g.ingest()
    before = dump(g)
    monkeypatch.setattr(_ingest, "usable", lambda n_claims: True)
    monkeypatch.setattr(_build, "view_tallies", add_tallies)  # what the child calls
    with pytest.raises(msc_graph.MscGraphError) as err:
        g.ingest()
    assert str(err.value) == message
    assert len(children) == 1 and _gone(children[0].pid)
    assert dump(g) == before
    staging = [name for name in g.engine.db.list_graphs() if name.startswith("kept_")]  # type: ignore[attr-defined]
    assert staging == []
    monkeypatch.undo()
    assert g.ingest().nodes == msc_graph.connect(data_dir=own_dir, graph="kept").ingest().nodes  # the lock is free
    g.close()


def test_a_failure_in_this_process_ends_the_child(
    own_dir: Path, monkeypatch: pytest.MonkeyPatch, children: list[_tally_fork.ForkedTallies]
) -> None:
    """The server refuses a statement while the child counts: the ingest raises, the child is ended
    and reaped, its reader thread ends, and the next ingest runs."""
    real = PipelinedWriter.send_encoded
    count = [0]

    def failing(self: PipelinedWriter, data: bytes) -> None:
        count[0] += 1
        if count[0] == 5:
            raise msc_graph.EngineError("the server refused a statement")
        real(self, data)

    monkeypatch.setattr(PipelinedWriter, "send_encoded", failing)
    g = msc_graph.connect(data_dir=own_dir, graph="parent_fails")
    with pytest.raises(msc_graph.EngineError, match="refused a statement"):
        g.ingest(batch_size=40)
    assert len(children) == 1 and _gone(children[0].pid)
    assert not [t for t in threading.enumerate() if t.name == "msc-graph-tallies"]
    assert g.engine.db.list_graphs() == [] or "parent_fails" not in g.engine.db.list_graphs()  # type: ignore[attr-defined]
    monkeypatch.setattr(PipelinedWriter, "send_encoded", real)
    assert g.ingest(batch_size=40).nodes["Tally"] > 100
    assert len(children) == 2
    g.close()


def test_a_refused_fork_counts_in_process(own_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The system may refuse a fork (a process limit, memory for the page tables): the ingest then
    counts in process, with no descriptor left open."""
    import errno

    def refused() -> int:
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    g = msc_graph.connect(data_dir=own_dir, graph="no_fork")
    monkeypatch.setattr(_ingest, "usable", lambda n_claims: False)
    expected = g.ingest(batch_size=40)
    graph = dump(g)
    monkeypatch.setattr(_ingest, "usable", lambda n_claims: True)
    monkeypatch.setattr(os, "fork", refused)
    fds = set(os.listdir("/proc/self/fd"))
    report = g.ingest(batch_size=40)
    assert set(os.listdir("/proc/self/fd")) <= fds
    assert (report.nodes, report.relationships, report.statements) == (
        expected.nodes,
        expected.relationships,
        expected.statements,
    )
    assert dump(g) == graph
    g.close()


def test_the_child_is_used_only_where_it_is_safe_and_pays(monkeypatch: pytest.MonkeyPatch) -> None:
    many = 10 * _tally_fork.MIN_CLAIMS
    assert not _tally_fork.usable(_tally_fork.MIN_CLAIMS - 1)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert not _tally_fork.usable(many)  # another thread: a lock it holds would stay held in a child
    finally:
        stop.set()
        other.join()
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert not _tally_fork.usable(many)  # one core: the server and the child would take turns
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    assert _tally_fork.usable(many)
    real_kib = _tally_fork._kib
    rss = real_kib("/proc/self/status", "VmRSS")
    assert rss is not None and rss > 1000
    monkeypatch.setattr(
        _tally_fork, "_kib", lambda path, key: rss - 1 if key == "MemAvailable" else real_kib(path, key)
    )
    assert not _tally_fork.usable(many)  # the child might copy all this process holds: not enough memory
    monkeypatch.setattr(_tally_fork, "_kib", lambda path, key: None)
    assert not _tally_fork.usable(many)  # unknown: no fork
    monkeypatch.setattr(_tally_fork, "_kib", real_kib)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not _tally_fork.usable(many)  # a fork without an exec is unsafe there


def test_the_cli_progress_bar_starts_no_thread(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``msc-graph ingest`` at a terminal draws a progress bar: drawn by a thread of its own (rich's
    default), it would keep the ingest from forking the tally child."""
    from click.testing import CliRunner

    from msc_graph.cli import _data as cli_data
    from msc_graph.cli import main

    asked: list[int] = []

    def watching(n_claims: int) -> bool:
        asked.append(threading.active_count())
        return False

    monkeypatch.setattr(_ingest, "usable", watching)
    terminal = types.SimpleNamespace(stderr=types.SimpleNamespace(isatty=lambda: True))
    monkeypatch.setattr(cli_data, "sys", terminal)  # the bar is shown (the runner's stderr is no terminal)
    before = threading.active_count()
    result = CliRunner().invoke(main, ["--data-dir", str(data_dir), "ingest"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert asked == [before]
