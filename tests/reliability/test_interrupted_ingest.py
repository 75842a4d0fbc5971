"""kill -9 of the ingest process at random points: the previous graph stays whole, the next ingest works.

The published graph alternates between the shipped records (A) and a variant that differs in every
name and in its edges (B). Each round a fresh process starts to ingest the other version and is
killed with SIGKILL, either by itself after a random statement (random batch size) or from outside
after a random delay (so also inside a statement, while the schema is created, at the final swap).
Then the graph must be exactly the old version (or exactly the new one if the process had finished
the atomic swap before the signal landed), answer a named query, and a new ingest must succeed and
leave no staging graph.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import msc_graph

from .canon import canonical
from .conftest import fingerprint, record_figure, staging_graphs

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    import msc_graph
    data_dir, graph, records, batch, kill_at = sys.argv[1:6]
    g = msc_graph.connect(data_dir=data_dir, graph=graph)
    def progress(done, total):
        if done == int(kill_at) or (int(kill_at) < 0 and done == total):
            os.kill(os.getpid(), signal.SIGKILL)
    print("go", flush=True)
    report = g.ingest(records, batch_size=int(batch), progress=progress)
    print("done", report.statements, flush=True)
    """
)
BATCHES = [1, 3, 10, 50, 2000]


def _answer(g: msc_graph.Graph) -> str:
    return canonical(g.ask("modes-of-action-rescuing", rcd="apoptosis"))


def test_kill9_of_the_ingest_process_never_loses_the_published_graph(
    data_dir: Path, variants: tuple[Path, Path], sizes: dict[str, int]
) -> None:
    seed = int(os.environ.get("MSC_GRAPH_RELIABILITY_SEED", time.time_ns() % 100_000))
    rnd = random.Random(seed)
    name = "rel_kill_ingest"
    g = msc_graph.connect(data_dir=data_dir, graph=name)
    paths = {"A": variants[0], "B": variants[1]}
    fp, answer, steps, took = {}, {}, {}, {}
    for v in ("B", "A"):  # learn both versions; A stays published
        for b in BATCHES:
            t = time.monotonic()
            steps[(v, b)] = g.ingest(paths[v], batch_size=b).statements
            took[(v, b)] = time.monotonic() - t
        fp[v], answer[v] = fingerprint(g), _answer(g)
    assert fp["A"] != fp["B"] and answer["A"] != answer["B"]
    published = "A"
    tally: Counter[str] = Counter()
    try:
        for n in range(sizes["ingest_kills"]):
            target = "B" if published == "A" else "A"
            batch = rnd.choice(BATCHES)
            external = n % 2 == 1
            kill_at = 0 if external else rnd.choice([1, rnd.randint(1, steps[(target, batch)]), -1])
            proc = subprocess.Popen(
                [sys.executable, "-c", CHILD, str(data_dir), name, str(paths[target]), str(batch), str(kill_at)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "go", proc.stderr.read() if proc.stderr else ""
            if external:
                time.sleep(rnd.uniform(0, took[(target, batch)] * 1.2))
                proc.send_signal(signal.SIGKILL)
            _, err = proc.communicate(timeout=120)
            finished = proc.returncode == 0
            assert finished or proc.returncode == -signal.SIGKILL, (proc.returncode, err)
            tally["finished before the signal" if finished else "killed mid-ingest"] += 1
            now = fingerprint(g)
            if finished:
                expect = target
            elif now == fp[target] and external:  # killed after the atomic swap, before it could exit
                expect = target
                tally["killed after the swap (new graph whole)"] += 1
            else:
                expect = published
            assert now == fp[expect], f"round {n} (seed {seed}): the graph is neither whole A nor whole B"
            assert _answer(g) == answer[expect]
            tally["staging left by the dead process"] += bool(staging_graphs(g))
            g.ingest(paths[target])  # the next ingest succeeds and cleans up
            assert fingerprint(g) == fp[target] and not staging_graphs(g)
            published = target
    finally:
        g.engine.db.select_graph(name).delete()  # type: ignore[attr-defined]
        g.close()
    kills = tally["killed mid-ingest"]
    assert kills + tally["finished before the signal"] == sizes["ingest_kills"]
    assert kills >= sizes["ingest_kills"] // 2
    record_figure(
        "ingest_kill9",
        seed=seed,
        kill_points=sizes["ingest_kills"],
        killed_mid_ingest=kills,
        finished_before_signal=tally["finished before the signal"],
        killed_after_swap=tally["killed after the swap (new graph whole)"],
        staging_left_then_cleaned=tally["staging left by the dead process"],
        lost_or_partial_graphs=0,
        failed_next_ingests=0,
    )
