"""Concurrent readers while the graph is re-ingested: no errors, never a mixture of two graphs.

Reader processes (tests/reliability/reader.py) run every named query in a loop while this process
re-ingests the graph again and again, alternating between the shipped records (A) and a variant
that differs in every name and in its edges (B). Each answer a reader gets must be exactly A's or
exactly B's answer to that query; any error counts as a failure.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import msc_graph

from .canon import canonical
from .conftest import HERE, record_figure


def test_readers_see_the_old_or_the_new_graph_never_a_mixture_and_never_an_error(
    data_dir: Path, variants: tuple[Path, Path], sizes: dict[str, int], tmp_path: Path
) -> None:
    name = "rel_concurrency"
    g = msc_graph.connect(data_dir=data_dir, graph=name)
    queries = {f"{q.name}#{i}": (q.name, q.example_params) for i, q in enumerate(msc_graph.named_queries().values())}
    queries["modes-necroptosis"] = ("modes-of-action-rescuing", {"rcd": "necroptosis"})
    answers: dict[str, list[str]] = {k: [] for k in queries}
    for path in (variants[0], variants[1], variants[0]):  # A, B, and A published again
        g.ingest(path)
        if len(answers[next(iter(queries))]) < 2:
            for key, (qname, params) in queries.items():
                answers[key].append(canonical(g.ask(qname, **params)))
    differ = sum(a != b for a, b in answers.values())
    assert differ >= len(queries) // 2, "A and B must give different answers for a mixture to show"
    expected = tmp_path / "expected.json"
    expected.write_text(json.dumps({"queries": queries, "answers": answers}))
    stop = tmp_path / "stop"
    readers = []
    for i in range(sizes["readers"]):
        out = tmp_path / f"reader{i}.json"
        cmd = [sys.executable, str(HERE / "reader.py"), str(data_dir), name, str(expected), str(stop), str(out)]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        readers.append((proc, out))
    try:
        for proc, _ in readers:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready", proc.stderr
        time.sleep(0.5)
        started = time.monotonic()
        for n in range(sizes["reingests"]):
            g.ingest(variants[1] if n % 2 == 0 else variants[0])
            time.sleep(0.3)  # let the readers see this version
        ingest_seconds = time.monotonic() - started
    finally:
        stop.write_text("stop")
        results = []
        for proc, out in readers:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
            results.append(json.loads(out.read_text()))
        g.engine.db.select_graph(name).delete()  # type: ignore[attr-defined]
        g.close()
    errors = [e for r in results for e in r["errors"]]
    mixtures = [m for r in results for m in r["mixtures"]]
    assert not errors, errors[:5]
    assert not mixtures, mixtures[:5]
    for r in results:
        assert r["loops"] >= 2 and r["as_a"] > 0 and r["as_b"] > 0, r
    reads = sum(r["reads"] for r in results)
    record_figure(
        "concurrent_readers",
        readers=len(results),
        reingests=sizes["reingests"],
        reader_loops=sum(r["loops"] for r in results),
        reads=reads,
        queries_per_loop=len(queries),
        errors=len(errors),
        mixtures=len(mixtures),
        ingest_seconds=round(ingest_seconds, 1),
    )
