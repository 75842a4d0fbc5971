"""Benchmark msc-graph side by side: ingest (pipeline vs bare engine vs per-row), queries, cold CLI, memory.

Usage (from the repository root)::

    .venv/bin/python benchmarks/run.py --scales review,1k,10k,100k

Scales: ``review`` is the curated graph of ``ingest/``; ``1k``, ``10k``, ``100k`` (or any number)
are synthetic corpora from ``benchmarks/generate.py``, generated once and cached under
``benchmarks/out/corpora/``. Each scale gets a fresh embedded server in a private data dir,
stopped at the end. With ``NEO4J_URI`` (and ``NEO4J_PASSWORD``) set, the same ingest and query
measurements also run on Neo4j. The markdown tables go to stdout, the full figures to
``benchmarks/out/bench-<time>.json`` and ``benchmarks/out/latest.json``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

import _ingest_bench  # noqa: E402
import _measure  # noqa: E402
import _report  # noqa: E402
import generate  # noqa: E402

GRAPH = "bench"


def parse_scale(text: str) -> int | None:
    """``review`` -> None (the curated records); ``1k`` -> 1000; ``250`` -> 250."""
    t = text.strip().lower()
    if t == "review":
        return None
    mult = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    return int(float(t[:-1] if mult > 1 else t) * mult)


def corpus(claims: int | None, seed: int, cache: Path, log: Any) -> Path:
    """The records folder of a scale, generated once per (claims, seed, generator version)."""
    if claims is None:
        import msc_graph

        return msc_graph.validate().root
    path = cache / f"c{claims}-s{seed}-v{generate.GENERATOR_VERSION}"
    if (path / "MANIFEST.json").exists():
        return path
    if path.exists():
        shutil.rmtree(path)
    t0 = time.perf_counter()
    generate.generate(claims, path, seed)
    log(f"  generated {claims:,} claims in {time.perf_counter() - t0:.1f} s -> {path}")
    return path


def bench_embedded(records: Path, claims: int, args: argparse.Namespace, log: Any) -> dict[str, Any]:
    """Every measurement of one scale, on one fresh embedded server.

    Ingest: the pipeline with a cold and a warm record cache and the pipelined bare writer, in
    rounds whose order rotates (A/B interleaved on the same server: the machine's load weighs on
    all three alike); then one statement per row; then the queries on the pipeline's graph, the
    server's memory and the cold CLI runs.
    """
    import msc_graph

    out: dict[str, Any] = {"claims": claims, "records": str(records)}
    data_dir = Path(tempfile.mkdtemp(prefix="mgb", dir="/tmp"))
    try:
        socket = msc_graph.start_server(data_dir)
        pid = msc_graph.server_status(data_dir)["pid"]
        log(f"  server: {data_dir} (pid {pid})")
        log("  ingest: pipeline (cold, warm cache) and pipelined bare writer, interleaved ...")
        out["ingest"] = _ingest_bench.ingest_ab(records, data_dir, socket, GRAPH, args.reps, args.batch_size, log)
        for kind in ("cold", "warm", "bare"):
            log(f"    {kind}: median {out['ingest'][kind]['wall']['median']:.3f} s")
        if args.per_row:
            rows = _ingest_bench.rows_and_steps(records, args.batch_size)[0]
            log("  one statement per row ...")
            out["per_row"] = _ingest_bench.per_row_ingest(
                socket, rows, args.batch_size, args.per_row_full_max, args.per_row_sample
            )
            del rows
            log(f"    {out['per_row']['seconds']:.1f} s ({'all' if out['per_row']['full'] else 'sampled'} rows)")
        gc.collect()  # nothing of the ingests stays in this process: the query timings see no GC pauses
        _ingest_bench.quiesce(socket)
        redis_client(socket).bgrewriteaof()  # as after a publish: the append-only file holds the graph only
        _ingest_bench.quiesce(socket)
        out["server_memory_ingest"] = _measure.server_memory(socket, pid)
        log("  queries ...")
        g = msc_graph.connect(data_dir=data_dir, graph=GRAPH)
        out["queries"] = _measure.query_latencies(g, args.query_reps, args.query_budget, pid)
        log("  whole graph into networkx ...")
        out["whole_graph"] = _measure.whole_graph(g, args.reps)
        g.close()
        out["server_memory"] = _measure.server_memory(socket, pid)
        if args.cold_reps:
            log("  cold CLI ...")
            out["cold"] = _measure.cold_cli(
                data_dir, GRAPH, args.cold_reps, args.cold_stopped_reps, lambda: msc_graph.stop_server(data_dir)
            )
    finally:
        msc_graph.stop_server(data_dir)
        shutil.rmtree(data_dir, ignore_errors=True)
    return out


def bench_neo4j(records: Path, claims: int, args: argparse.Namespace, log: Any) -> dict[str, Any]:
    """Pipeline vs bare ingest and query latency on the Neo4j of ``NEO4J_URI``."""
    import msc_graph
    from msc_graph._engines.neo4j_engine import schema_statements  # private: the bare writer's DDL
    from msc_graph._ingest import graph_spec

    out: dict[str, Any] = {"claims": claims, "records": str(records)}
    g = msc_graph.connect("neo4j")
    try:
        log("  neo4j pipeline ingest ...")
        walls = []
        report = None
        for _ in range(args.reps):
            t0 = time.perf_counter()
            report = g.ingest(records, batch_size=args.batch_size)
            walls.append(time.perf_counter() - t0)
        assert report is not None
        out["pipeline"] = {
            "wall": _measure.summary(walls),
            "runs": [{"wall": w, "cpu": None} for w in walls],
            "nodes": sum(report.nodes.values()),
            "rels": sum(report.relationships.values()),
            "maxrss": None,
        }
        _, steps = _ingest_bench.rows_and_steps(records, args.batch_size)
        log("  neo4j bare ingest ...")
        driver = g.engine._driver  # the same connection settings, statements sent directly
        database = g.engine.neo.database
        spec = graph_spec()
        ours = " OR ".join(f"n:{lab}" for lab in spec.labels)
        walls, cpus, data = [], [], []
        for _ in range(args.reps):
            c0, t0 = time.process_time(), time.perf_counter()
            with driver.session(database=database) as session:
                for stmt in schema_statements(spec):
                    session.run(stmt).consume()
                with session.begin_transaction() as tx:
                    tx.run(f"MATCH (n) WHERE {ours} DETACH DELETE n").consume()
                    t1 = time.perf_counter()
                    for stmt, batch in steps:
                        tx.run(stmt, rows=batch).consume()
                    tx.commit()
            walls.append(time.perf_counter() - t0)
            data.append(time.perf_counter() - t1)
            cpus.append(time.process_time() - c0)
        out["bare"] = {
            "wall": _measure.summary(walls),
            "data": _measure.summary(data),
            "cpu": _measure.summary(cpus),
            "statements": len(steps),
        }
        g.ingest(records, batch_size=args.batch_size)  # leave the pipeline's graph for the queries
        log("  neo4j queries ...")
        out["queries"] = _measure.query_latencies(g, args.query_reps, args.query_budget)
    finally:
        g.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scales", default="review,1k,10k,100k", help="comma-separated: review, 1k, 10k, 100k, 50, ...")
    ap.add_argument("--reps", type=int, default=3, help="rounds of (cold, warm, bare) ingests per scale (medians)")
    ap.add_argument("--query-reps", type=int, default=200, help="max timed runs per query")
    ap.add_argument("--query-budget", type=float, default=2.0, help="seconds per query (at least 5 runs)")
    ap.add_argument("--per-row", type=int, default=1, help="measure one statement per row (0: skip)")
    ap.add_argument("--per-row-full-max", type=int, default=500_000, help="every row one by one up to this many rows")
    ap.add_argument("--per-row-sample", type=int, default=5000, help="beyond it: rows sampled and extrapolated")
    ap.add_argument("--cold-reps", type=int, default=5, help="fresh `msc-graph ask` runs, server running (0: skip)")
    ap.add_argument("--cold-stopped-reps", type=int, default=1, help="fresh `msc-graph ask` runs, server stopped")
    ap.add_argument("--batch-size", type=int, default=None, help="rows per UNWIND (default: the library's)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--corpora", type=Path, default=None, help="corpus cache (default OUT/corpora)")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--report", type=Path, help="only print the tables of a saved JSON result (no measuring)")
    ap.add_argument("--worker-ingest", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--graph", default=GRAPH, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker_ingest:
        _ingest_bench.pipeline_worker(args.worker_ingest, args.data_dir, args.graph, args.batch_size)
        return 0

    if args.report:
        saved = json.loads(args.report.read_text())
        print(f"command: `{saved['command']}`\n\n{_report.tables(saved)}")
        return 0

    from msc_graph._ingest import BATCH_SIZE  # private: the library's default batch size

    args.batch_size = args.batch_size or BATCH_SIZE
    log = (lambda msg: None) if args.quiet else (lambda msg: print(msg, file=sys.stderr, flush=True))
    args.out.mkdir(parents=True, exist_ok=True)
    cache = args.corpora or args.out / "corpora"
    backends = ["embedded"] + (["neo4j"] if os.environ.get("NEO4J_URI") else [])
    result: dict[str, Any] = {
        "command": " ".join([".venv/bin/python", "benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])]),
        "machine": _report.machine(falkordb_version()),
        "batch_size": args.batch_size,
        "backends": backends,
        "scales": {},
    }
    for name in [s.strip() for s in args.scales.split(",") if s.strip()]:
        claims = parse_scale(name)
        log(f"scale {name}:")
        records = corpus(claims, args.seed, cache, log)
        n_claims = claims if claims is not None else count_claims(records)
        result["scales"][name] = {"embedded": bench_embedded(records, n_claims, args, log)}
        if "neo4j" in backends:
            result["scales"][name]["neo4j"] = bench_neo4j(records, n_claims, args, log)
    result["machine"]["loadavg_end"] = os.getloadavg()
    text = _report.tables(result)
    result["targets"] = _report.targets(result)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for path in (args.out / f"bench-{stamp}.json", args.out / "latest.json"):
        path.write_text(json.dumps(result, indent=1, default=str) + "\n")
    (args.out / "latest.md").write_text(f"command: `{result['command']}`\n\n{text}\n")
    print(text)
    return 0


def redis_client(socket: Path) -> Any:
    import redis

    return redis.Redis(unix_socket_path=str(socket))


def count_claims(records: Path) -> int:
    import msc_graph

    return len(msc_graph.validate(records).claims)


def falkordb_version() -> str:
    """FalkorDB module and Redis versions, from a throwaway embedded server."""
    import redis

    import msc_graph

    d = Path(tempfile.mkdtemp(prefix="mgv", dir="/tmp"))
    try:
        client = redis.Redis(unix_socket_path=str(msc_graph.start_server(d)))
        mods = {m[b"name"]: m[b"ver"] for m in client.execute_command("MODULE", "LIST")}
        v = int(mods.get(b"graph", 0))
        redis_v = client.info("server")["redis_version"]
        client.close()
        return f"FalkorDB {v // 10000}.{v // 100 % 100}.{v % 100} (Redis {redis_v})"
    finally:
        msc_graph.stop_server(d)
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
