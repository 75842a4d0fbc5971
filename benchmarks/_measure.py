"""The measurements of ``benchmarks/run.py``: ingest, per-row ingest, query latency, cold CLI, memory.

Every function returns plain dictionaries (they end up in the JSON report). Times are wall-clock
seconds from ``time.perf_counter``; CPU times from ``time.process_time``.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
ASK = ["ask", "modes-of-action-rescuing", "--param", "rcd=necroptosis"]


# -- small helpers -----------------------------------------------------------------------------
def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(p / 100 * len(s) + 0.5) - 1))
    return s[k]


def summary(values: list[float]) -> dict[str, Any]:
    return {
        "n": len(values),
        "best": min(values),
        "median": statistics.median(values),
        "p50": percentile(values, 50),
        "p99": percentile(values, 99),
        "all": values,
    }


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS / VmHWM (peak RSS) of a process, in bytes."""
    out: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(rest.split()[0]) * 1024
    except OSError:
        pass
    return out


def run_child(args: list[str], env: dict[str, str] | None = None, timeout: float = 600) -> dict[str, Any]:
    """Run a command; its wall time, exit code, peak RSS (wait4) and output."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}, cwd=ROOT
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
    wall = time.perf_counter() - t0
    return {"wall": wall, "rc": proc.returncode, "stdout": out.decode(errors="replace"), "stderr": err.decode()}


def run_child_rss(args: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run a command to completion: its wall time and its own peak RSS.

    The peak comes from GNU time (``/usr/bin/time -f %M``) when it is installed: a child spawned
    straight from this (large) process would inherit this process's peak in its ``ru_maxrss``.
    """
    time_bin = shutil.which("time", path="/usr/bin") if Path("/usr/bin/time").exists() else None
    full = [time_bin, "-f", "MAXRSS_KB %M", *args] if time_bin else args
    t0 = time.perf_counter()
    proc = subprocess.run(
        full,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
        check=False,
    )
    wall = time.perf_counter() - t0
    err = proc.stderr.decode(errors="replace")
    kb = [int(ln.split()[1]) for ln in err.splitlines() if ln.startswith("MAXRSS_KB ")]
    rc = proc.returncode
    return {"wall": wall, "rc": rc, "maxrss": kb[-1] * 1024 if kb else None, "stderr": err[-500:] if rc else ""}


# -- ingest ------------------------------------------------------------------------------------
def pipeline_ingest_worker(records: Path, data_dir: Path, graph: str, reps: int, batch_size: int | None) -> None:
    """Run in a fresh process: ``Graph.ingest`` ``reps`` times; print one JSON line of figures."""
    import msc_graph
    from msc_graph import _ingest, _loader  # private: only to time the pipeline's stages

    phases: dict[str, float] = {}

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*a: Any, **k: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                phases[name] = phases.get(name, 0.0) + time.perf_counter() - t

        return wrapper

    # instrumentation only: the pipeline runs unchanged, its stages are timed
    _loader.load = timed("load", _loader.load)  # type: ignore[method-assign]
    _ingest.build_rows = timed("build", _ingest.build_rows)  # type: ignore[attr-defined]
    g = msc_graph.connect(data_dir=data_dir, graph=graph)
    runs = []
    report = None
    for _ in range(reps):
        phases.clear()
        c0, t0 = time.process_time(), time.perf_counter()
        report = g.ingest(records, batch_size=batch_size)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        runs.append({"wall": wall, "cpu": cpu, **{k: round(v, 6) for k, v in phases.items()}})
    g.close()
    assert report is not None
    out = {
        "runs": runs,
        "nodes": sum(report.nodes.values()),
        "rels": sum(report.relationships.values()),
        "statements": report.statements,
        "maxrss": proc_status(os.getpid()).get("VmHWM"),  # not ru_maxrss: it counts the parent's peak too
    }
    print("RESULT " + json.dumps(out))


def pipeline_ingest(records: Path, data_dir: Path, graph: str, reps: int, batch_size: int | None) -> dict[str, Any]:
    """The pipeline's ingest, measured in a fresh process (its peak RSS is the client's)."""
    args = [
        sys.executable,
        str(Path(__file__).with_name("run.py")),
        "--worker-ingest",
        str(records),
        "--data-dir",
        str(data_dir),
        "--graph",
        graph,
        "--reps",
        str(reps),
    ]
    if batch_size:
        args += ["--batch-size", str(batch_size)]
    res = run_child(args)
    line = next((ln for ln in res["stdout"].splitlines() if ln.startswith("RESULT ")), None)
    if res["rc"] != 0 or line is None:
        raise RuntimeError(f"pipeline ingest worker failed ({res['rc']}): {res['stderr'][-2000:]}")
    out: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
    out["wall"] = summary([r["wall"] for r in out["runs"]])
    return out


def rows_and_steps(records: Path, batch_size: int) -> tuple[Any, list[tuple[str, list[Any]]]]:
    """The very rows and statements the pipeline writes (from msc_graph's own build and plan)."""
    import msc_graph
    from msc_graph import _ingest  # private: the bare writers send the pipeline's own statements
    from msc_graph._build import build_rows

    rows = build_rows(msc_graph.validate(records))
    return rows, _ingest.plan(rows, batch_size)


def falkordb_schema(db: Any, name: str) -> None:
    """The indexes and unique constraints the pipeline creates on its staging graph (the
    schema's index specs, created as the embedded engine creates them)."""
    from msc_graph._ingest import graph_spec

    graph = db.select_graph(name)
    spec = graph_spec()
    for ix in spec.indexes:
        graph.query(f"CREATE INDEX FOR (n:{ix.label}) ON (n.{ix.prop})")
    for ix in spec.indexes:
        if ix.unique:
            db.connection.execute_command(
                "GRAPH.CONSTRAINT", "CREATE", name, "UNIQUE", "NODE", ix.label, "PROPERTIES", 1, ix.prop
            )


def bare_ingest(socket: Path, steps: list[tuple[str, list[Any]]], reps: int) -> dict[str, Any]:
    """The same statements sent with the falkordb client directly (schema included), ``reps`` times."""
    from falkordb import FalkorDB

    db = FalkorDB(unix_socket_path=str(socket))
    walls, cpus, data = [], [], []
    for k in range(reps):
        name = f"bare_{k}"
        c0, t0 = time.process_time(), time.perf_counter()
        falkordb_schema(db, name)
        graph = db.select_graph(name)
        t1 = time.perf_counter()
        for stmt, batch in steps:
            graph.query(stmt, {"rows": batch})
        walls.append(time.perf_counter() - t0)
        data.append(time.perf_counter() - t1)
        cpus.append(time.process_time() - c0)
        graph.delete()
    db.close()
    return {"wall": summary(walls), "data": summary(data), "cpu": summary(cpus), "statements": len(steps)}


def per_row_ingest(socket: Path, rows: Any, sample: int, batch_size: int) -> dict[str, Any]:
    """One statement per row on a stratified sample, extrapolated to all rows.

    Node rows are created one by one into an empty graph; then, in a fresh graph (the ingest
    CREATEs: the sampled nodes must not be created twice), every node is loaded in batches and
    relationship rows are created one by one (their endpoints must exist). The time per row of each
    label/type, times its number of rows, gives the extrapolated per-row ingest of the corpus.
    """
    from falkordb import FalkorDB

    from msc_graph._ingest import plan
    from msc_graph._queries._generated import create_nodes, create_rels

    db = FalkorDB(unix_socket_path=str(socket))
    name = "per_row"
    falkordb_schema(db, name)
    graph = db.select_graph(name)
    n_nodes = sum(len(v) for v in rows.nodes.values())
    n_rels = sum(len(v) for v in rows.rels.values())
    total = n_nodes + n_rels

    def stratum(items: list[Any]) -> list[Any]:
        k = max(1, round(sample * len(items) / total)) if total else 0
        step = max(1, len(items) // k) if k else 1
        return items[::step][:k]

    extrapolated, sampled, sample_time = 0.0, 0, 0.0
    for lab, items in rows.nodes.items():
        stmt, chosen = create_nodes(lab), stratum(items)
        t0 = time.perf_counter()
        for row in chosen:
            graph.query(stmt, {"rows": [row]})
        dt = time.perf_counter() - t0
        sampled, sample_time = sampled + len(chosen), sample_time + dt
        extrapolated += dt / max(1, len(chosen)) * len(items)
    graph.delete()
    falkordb_schema(db, name)
    graph = db.select_graph(name)
    for stmt, batch in plan(type(rows)(nodes=rows.nodes, rels={}), batch_size):
        graph.query(stmt, {"rows": batch})
    for (rtype, source, target), items in rows.rels.items():
        stmt, chosen = create_rels(rtype, source, target), stratum(items)
        t0 = time.perf_counter()
        for row in chosen:
            graph.query(stmt, {"rows": [row]})
        dt = time.perf_counter() - t0
        sampled, sample_time = sampled + len(chosen), sample_time + dt
        extrapolated += dt / max(1, len(chosen)) * len(items)
    graph.delete()
    db.close()
    return {"sampled_rows": sampled, "sample_seconds": sample_time, "extrapolated_seconds": extrapolated}


# -- queries -----------------------------------------------------------------------------------
def query_latencies(g: Any, reps: int, budget: float) -> dict[str, Any]:
    """p50/p99 of ``RETURN 1`` and of every named query (engine and API level), in seconds.

    Each query runs once untimed (a failure, e.g. the 30 s timeout, is reported and the query
    skipped), twice more untimed when it is fast, then timed up to ``reps`` times or until
    ``budget`` seconds have passed (at least 3 timed runs).
    """
    import msc_graph

    def sample(fn: Callable[[], Any]) -> list[float]:
        t0 = time.perf_counter()
        fn()
        if time.perf_counter() - t0 < budget / 10:
            fn()
            fn()
        out: list[float] = []
        start = time.perf_counter()
        while len(out) < reps and (len(out) < 3 or time.perf_counter() - start < budget):
            t0 = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t0)
        return out

    floor = sample(lambda: g.engine.read("RETURN 1"))
    api_floor = sample(lambda: g.cypher("RETURN 1"))
    out: dict[str, Any] = {"RETURN 1": {"engine": summary(floor), "api": summary(api_floor), "rows": 1}}
    for name, query in sorted(msc_graph.named_queries().items()):
        params = query.example_params
        try:
            cypher, bound = g.prepare(name, **params)
            t0 = time.perf_counter()
            rows = len(g.engine.read(cypher, bound).rows)
            first = time.perf_counter() - t0
            engine = sample(lambda c=cypher, b=bound: g.engine.read(c, b))
            api = sample(lambda n=name, p=params: g.ask(n, **p)) if first < budget else []
        except Exception as exc:  # a timeout, or a query another engineer is still writing: report, go on
            out[name] = {"error": f"{type(exc).__name__}: {exc}"[:300], "params": params}
            continue
        out[name] = {"engine": summary(engine), "api": summary(api) if api else None, "rows": rows, "params": params}
    return out


# -- cold CLI ----------------------------------------------------------------------------------
def cold_cli(data_dir: Path, graph: str, reps: int, stopped_reps: int, stop: Callable[[], None]) -> dict[str, Any]:
    """Fresh-process latency of ``msc-graph ask ...`` with the server running, then stopped."""
    exe = str(VENV_BIN / "msc-graph")
    env = {"MSC_GRAPH_GRAPH": graph, "MSC_GRAPH_DATA_DIR": str(data_dir)}
    helps = [run_child_rss([exe, "--help"], env) for _ in range(reps)]
    running = [run_child_rss([exe, "--data-dir", str(data_dir), *ASK], env) for _ in range(reps)]
    stopped = []
    for _ in range(stopped_reps):
        stop()
        stopped.append(run_child_rss([exe, "--data-dir", str(data_dir), *ASK], env))
    bad = [r for r in running + stopped if r["rc"] != 0]
    return {
        "help": summary([r["wall"] for r in helps]),
        "running": summary([r["wall"] for r in running]),
        "stopped": summary([r["wall"] for r in stopped]) if stopped else None,
        "maxrss": max((r["maxrss"] or 0) for r in running) or None,
        "errors": [r["stderr"] for r in bad],
    }


def server_memory(socket: Path, pid: int | None) -> dict[str, Any]:
    """INFO memory of the embedded server and its RSS (current and peak) from /proc."""
    import redis

    client = redis.Redis(unix_socket_path=str(socket))
    try:
        mem = client.info("memory")
    finally:
        client.close()
    out = {"used_memory": mem.get("used_memory"), "used_memory_peak": mem.get("used_memory_peak")}
    if pid:
        out |= proc_status(pid)
    return out
