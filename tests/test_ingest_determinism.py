"""The same records give the same graph, whichever process ingests them.

Python's string hashes change from process to process (``PYTHONHASHSEED``): anything the ingest
computes in the order of a set of strings would differ between two ingests of the same records.
The rcd-modes-for tallies did (the terms a claim reaches were a set: the ``matched`` names of equal
rank, and the tallies' creation order, changed between runs).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import msc_graph

from .conftest import INGEST, ROOT
from .test_ingest_fsync import dump

_INGEST = "import sys, msc_graph; msc_graph.connect(data_dir=sys.argv[1], graph=sys.argv[2]).ingest(sys.argv[3])"


def test_two_processes_with_other_hash_seeds_publish_the_same_graph(data_dir: Path) -> None:
    graphs = []
    for seed in ("1", "2"):
        name = f"t_hash_seed_{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        args = [sys.executable, "-c", _INGEST, str(data_dir), name, str(INGEST)]
        subprocess.run(args, env=env, check=True, timeout=300)
        g = msc_graph.connect(data_dir=data_dir, graph=name)
        graphs.append(dump(g))
        g.engine.db.select_graph(name).delete()  # type: ignore[attr-defined]
        g.close()
    assert len(graphs[0][0]) > 1000
    assert graphs[0] == graphs[1]
