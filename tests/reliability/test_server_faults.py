"""kill -9 of the embedded server, after and during ingest; clients that outlive their server.

The server writes an append-only file with ``appendfsync always``: whatever an ingest published
before the server died is replayed at the next start. An ingest whose server dies fails with one
clear EngineUnavailable, publishes nothing half-built, and the next ingest cleans up. A reader whose
server died gets its answer from a transparently restarted server (reads are retried once).
"""

from __future__ import annotations

import math
import os
import random
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

import msc_graph
from msc_graph import EngineUnavailable, MscGraphError
from msc_graph._engines import falkor_server

from ..conftest import cli
from .conftest import fingerprint, kill_server, record_figure, server_pid, staging_graphs, wait_dead


@pytest.fixture(scope="module")
def versions(private_dir: Path, variants: tuple[Path, Path]) -> dict[str, str]:
    """Fingerprints of A and B as published on the private server (A left published)."""
    g = msc_graph.connect(data_dir=private_dir)
    out = {}
    for v, path in (("B", variants[1]), ("A", variants[0])):
        g.ingest(path)
        out[v] = fingerprint(g)
    g.close()
    assert out["A"] != out["B"]
    return out


def test_server_killed_after_ingest_restarts_with_the_last_published_graph(
    private_dir: Path, variants: tuple[Path, Path], versions: dict[str, str], sizes: dict[str, int]
) -> None:
    paths = {"A": variants[0], "B": variants[1]}
    g = msc_graph.connect(data_dir=private_dir)
    recovered = 0
    for n in range(sizes["server_kills_after"]):
        v = "B" if n % 2 == 0 else "A"
        g.ingest(paths[v])
        old = kill_server(private_dir)
        if n % 3 == 2:  # a brand-new client starts the server
            g.close()
            g = msc_graph.connect(data_dir=private_dir)
        # else the old client's next read restarts it transparently
        assert fingerprint(g) == versions[v], f"kill {n}: the restarted server lost graph {v}"
        assert server_pid(private_dir) != old
        recovered += 1
    g.ingest(paths["A"])
    g.close()
    record_figure("server_kill9_after_ingest", kills=recovered, recovered=recovered, lost_graphs=0)


def test_server_killed_during_ingest_gives_a_clear_error_and_keeps_the_old_graph(
    private_dir: Path, variants: tuple[Path, Path], versions: dict[str, str], sizes: dict[str, int]
) -> None:
    rnd = random.Random(int(os.environ.get("MSC_GRAPH_RELIABILITY_SEED", time.time_ns() % 100_000)))
    paths = {"A": variants[0], "B": variants[1]}
    g = msc_graph.connect(data_dir=private_dir)
    assert fingerprint(g) == versions["A"]
    published = "A"
    tally: Counter[str] = Counter()
    for n in range(sizes["server_kills_during"]):
        target = "B" if published == "A" else "A"
        pid = server_pid(private_dir)
        batch = rnd.choice([1, 5, 50])
        timer = None
        progress: Callable[[int, int], None] | None = None
        if n % 2 == 0:  # from the ingest's own progress: between two statements
            share = rnd.random()  # kill after statement ceil(share * total), one of 1..total

            def kill_at(done: int, total: int, share: float = share, pid: int = pid) -> None:
                if done == max(1, math.ceil(share * total)):
                    os.kill(pid, signal.SIGKILL)

            progress = kill_at
        else:  # from another thread after a random delay: anywhere, even inside a statement
            timer = threading.Timer(rnd.uniform(0.0, 0.3), lambda pid=pid: os.kill(pid, signal.SIGKILL))
            timer.start()
        try:
            g.ingest(paths[target], batch_size=batch, progress=progress)
        except EngineUnavailable as exc:
            assert "lost the embedded server during ingest" in str(exc) and "run the ingest again" in str(exc)
            tally["clear EngineUnavailable"] += 1
        except MscGraphError as exc:  # pragma: no cover - a failure of this test
            pytest.fail(f"kill {n}: expected EngineUnavailable, got {exc!r}")
        else:
            tally["finished before the kill"] += 1
        if timer is not None:
            timer.join()
        wait_dead(pid)
        g.close()
        g = msc_graph.connect(data_dir=private_dir)  # restarts the server from its append-only file
        now = fingerprint(g)
        assert now in (versions[published], versions[target]), f"kill {n}: a partial graph is published"
        tally["old graph kept" if now == versions[published] else "new graph whole"] += 1
        if n % 2 == 0:
            assert now == versions[published], "killed before the swap, yet the graph changed"
        tally["staging replayed, then cleaned"] += bool(staging_graphs(g))
        g.ingest(paths[target])  # the next ingest works
        assert fingerprint(g) == versions[target] and not staging_graphs(g)
        published = target
    g.close()
    assert tally["clear EngineUnavailable"] >= sizes["server_kills_during"] // 2
    record_figure("server_kill9_during_ingest", kills=sizes["server_kills_during"], partial_graphs=0, **dict(tally))


def test_a_reader_whose_server_dies_mid_query_gets_its_answer(private_dir: Path) -> None:
    n = 4000
    residues = [sum(1 for a in range(1, n + 1) if a % 7 == r) for r in range(7)]
    expected = sum(residues[i] * residues[j] for i in range(7) for j in range(7) if i * j % 7 == 3)
    g = msc_graph.connect(data_dir=private_dir, query_timeout_ms=120_000)
    q = f"UNWIND range(1, {n}) AS a UNWIND range(1, {n}) AS b WITH a, b WHERE (a * b) % 7 = 3 RETURN count(*) AS c"
    pid = server_pid(private_dir)
    killer = threading.Timer(0.3, lambda: os.kill(pid, signal.SIGKILL))
    killer.start()
    started = time.monotonic()
    answer = int(g.cypher(q)["c"][0])
    killer.join()
    wait_dead(pid)
    assert answer == expected
    assert server_pid(private_dir) != pid, "the query was not cut by the kill: make it slower"
    assert time.monotonic() - started < 60
    g.close()


def test_a_client_whose_server_cannot_restart_gets_one_clear_error(private_dir: Path) -> None:
    g = msc_graph.connect(data_dir=private_dir)
    kill_server(private_dir)
    root = falkor_server.ServerPaths(private_dir.resolve()).root
    aside = root.with_name("server.aside")
    root.rename(aside)
    root.write_text("not a directory")  # the server cannot make its folder
    try:
        with pytest.raises(MscGraphError) as err:
            g.ask("node-counts")
        assert str(private_dir) in str(err.value) and "\n" not in str(err.value)
        proc = cli("--data-dir", str(private_dir), "status")
        assert proc.exit_code == 1 and "Traceback" not in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1 and proc.stderr.startswith("Error: ")
    finally:
        root.unlink()
        aside.rename(root)
    assert len(g.ask("node-counts")) > 0  # and once it can, it does
    g.close()
