"""Ingest measurements of ``benchmarks/run.py``: the pipeline (cold and warm record cache) against a
pipelined bare writer on the same statements, interleaved on one server; one statement per row.

fsync policy, the same for every writer here: the graph is written with ``appendfsync no``, then
``appendfsync always`` and ``WAITAOF`` (one fsync) and a rename, as the pipeline publishes
(``msc_graph/_engines/embedded.py``, ``STAGING_FSYNC``). ``bare_ingest(..., fsync="always")`` gives
the bare writer with an fsync per statement (the server's own policy) for reference.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _measure import proc_status, run_child, summary

HERE = Path(__file__).resolve().parent


# -- the pipeline, in a fresh process ------------------------------------------------------------
def pipeline_worker(records: Path, data_dir: Path, graph: str, batch_size: int | None) -> None:
    """Run in a fresh process: one ``Graph.ingest``; print one JSON line of figures.

    The record cache is the one of ``MSC_GRAPH_CACHE_DIR`` (set by the caller: empty for a cold run,
    filled for a warm one)."""
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
    _ingest.base_rows = timed("build", _ingest.base_rows)  # type: ignore[attr-defined]
    _ingest.add_tallies = timed("tallies", _ingest.add_tallies)  # type: ignore[attr-defined]  # the write runs meanwhile
    _time_forked_tallies(phases)
    g = msc_graph.connect(data_dir=data_dir, graph=graph)
    g.engine.read("RETURN 1")  # connected before the clock starts (as the bare writer is)
    c0, t0, kids0 = time.process_time(), time.perf_counter(), _children_cpu()
    report = g.ingest(records, batch_size=batch_size)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    g.close()
    out = {
        "wall": wall,
        "cpu": cpu,  # this process only
        "children_cpu": _children_cpu() - kids0,  # the parse workers' and the tally child's
        **{k: round(v, 6) for k, v in phases.items()},
        "nodes": sum(report.nodes.values()),
        "rels": sum(report.relationships.values()),
        "statements": report.statements,
        "maxrss": proc_status(os.getpid()).get("VmHWM"),  # not ru_maxrss: it counts the parent's peak too
        "children_maxrss": _children_maxrss(),  # the largest child process's peak (here, children are ours)
    }
    print("RESULT " + json.dumps(out))


def _children_cpu() -> float:
    import resource

    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def _children_maxrss() -> int:
    """The peak RSS, in bytes, of the largest child process waited for (as ``proc_status`` gives it)."""
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


def _time_forked_tallies(phases: dict[str, float]) -> None:
    """``tallies_child``: from the fork to the child's last statement received, when a child counts."""
    from msc_graph import _tally_fork

    init, statements = _tally_fork.ForkedTallies.__init__, _tally_fork.ForkedTallies.statements
    forked = [0.0]

    def timed_init(self: Any, *a: Any) -> None:
        forked[0] = time.perf_counter()
        init(self, *a)

    def timed_statements(self: Any) -> Any:
        yield from statements(self)
        phases["tallies_child"] = time.perf_counter() - forked[0]

    _tally_fork.ForkedTallies.__init__ = timed_init  # type: ignore[method-assign,assignment]
    _tally_fork.ForkedTallies.statements = timed_statements  # type: ignore[method-assign]


def pipeline_ingest(records: Path, data_dir: Path, graph: str, batch_size: int | None, cache: Path) -> dict[str, Any]:
    args = [sys.executable, str(HERE / "run.py"), "--worker-ingest", str(records), "--data-dir", str(data_dir)]
    args += ["--graph", graph] + (["--batch-size", str(batch_size)] if batch_size else [])
    res = run_child(args, env={"MSC_GRAPH_CACHE_DIR": str(cache)}, timeout=7200)
    line = next((ln for ln in res["stdout"].splitlines() if ln.startswith("RESULT ")), None)
    if res["rc"] != 0 or line is None:
        raise RuntimeError(f"pipeline ingest worker failed ({res['rc']}): {res['stderr'][-2000:]}")
    out: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
    return out


# -- the pipelined bare writer -------------------------------------------------------------------
class _Sender:
    """Statements in flight on one connection, as many as the pipeline's writer keeps
    (``PipelinedWriter.DEPTH``): what it does, nothing else."""

    def __init__(self, client: Any, graph: str) -> None:
        self.conn = client.connection_pool.get_connection()
        self.pool = client.connection_pool
        self.graph = graph
        self.pending = 0

    def send(self, stmt: str, rows: list[Any]) -> None:
        from msc_graph._engines.falkor_writer import query  # the pipeline's own encoder

        self.conn.send_command("GRAPH.QUERY", self.graph, query(stmt, {"rows": rows}), "--compact")
        from msc_graph._engines.falkor_writer import PipelinedWriter

        self.pending += 1
        while self.pending > PipelinedWriter.DEPTH:
            self.conn.read_response()
            self.pending -= 1

    def drain(self) -> None:
        while self.pending:
            self.conn.read_response()
            self.pending -= 1

    def finish(self, fsync: str) -> None:
        """Every reply read, then the one fsync (``WAITAOF``) the pipeline waits for before publishing."""
        self.drain()
        if fsync != "always":
            self.conn.send_command("CONFIG", "SET", "appendfsync", "always")
            self.conn.read_response()
        self.conn.send_command("WAITAOF", 1, 0, 600_000)  # as the pipeline: bounded
        if int(self.conn.read_response()[0]) < 1:
            raise RuntimeError("the server did not fsync the bare writer's graph within 600 s")
        self.pool.release(self.conn)


def bare_ingest(socket: Path, steps: list[tuple[str, list[Any]]], name: str, fsync: str = "no") -> dict[str, Any]:
    """The statements of ``steps`` sent as the pipeline sends them, into a new graph renamed at the end."""
    import redis

    from msc_graph._fastload import gc_paused

    client = redis.Redis(unix_socket_path=str(socket))
    with gc_paused():  # as the pipeline: the batches are millions of small containers
        c0, t0 = time.process_time(), time.perf_counter()
        client.config_set("appendfsync", fsync)
        falkordb_schema(client, name)
        sender = _Sender(client, name)
        t1 = time.perf_counter()
        for stmt, batch in steps:
            sender.send(stmt, batch)
        sender.finish(fsync)
        client.rename(name, f"{name}_published")
        wall, data, cpu = time.perf_counter() - t0, time.perf_counter() - t1, time.process_time() - c0
    client.execute_command("GRAPH.DELETE", f"{name}_published")
    client.config_set("appendfsync", "always")
    client.close()
    return {"wall": wall, "data": data, "cpu": cpu, "statements": len(steps), "fsync": fsync}


def falkordb_schema(client: Any, name: str) -> None:
    """The indexes and unique constraints the pipeline creates on its staging graph."""
    from msc_graph._ingest import graph_spec

    spec = graph_spec()
    for ix in spec.indexes:
        client.execute_command("GRAPH.QUERY", name, f"CREATE INDEX FOR (n:{ix.label}) ON (n.{ix.prop})")
    for ix in spec.indexes:
        if ix.unique:
            client.execute_command(
                "GRAPH.CONSTRAINT", "CREATE", name, "UNIQUE", "NODE", ix.label, "PROPERTIES", 1, ix.prop
            )


def rows_and_steps(records: Path, batch_size: int) -> tuple[Any, list[tuple[str, list[Any]]]]:
    """The very rows and statements the pipeline writes (from msc_graph's own build and plan)."""
    from msc_graph import _ingest, _loader  # private: the bare writers send the pipeline's own statements
    from msc_graph._fastload import gc_paused

    with gc_paused():
        return _ingest.rows_and_statements(_loader.load(records, cache=False), batch_size)


# -- A/B, interleaved ----------------------------------------------------------------------------
ORDERS = (("cold", "warm", "bare"), ("bare", "cold", "warm"), ("warm", "bare", "cold"))


def ingest_ab(
    records: Path, data_dir: Path, socket: Path, graph: str, reps: int, batch_size: int, log: Callable[[str], None]
) -> dict[str, Any]:
    """Pipeline (cold cache, warm cache) and bare writer, ``reps`` rounds, the order rotating each round."""
    _, steps = rows_and_steps(records, batch_size)
    warm_cache = Path(tempfile.mkdtemp(prefix="mgbc"))
    runs: dict[str, list[dict[str, Any]]] = {"cold": [], "warm": [], "bare": []}
    try:
        pipeline_ingest(records, data_dir, graph, batch_size, warm_cache)  # fills the cache; warms the files
        for k in range(reps):
            for kind in ORDERS[k % len(ORDERS)]:
                quiesce(socket)
                if kind == "bare":
                    r = bare_ingest(socket, steps, f"bare_{k}")
                elif kind == "warm":
                    r = pipeline_ingest(records, data_dir, graph, batch_size, warm_cache)
                else:
                    cold_cache = Path(tempfile.mkdtemp(prefix="mgbc"))
                    try:
                        r = pipeline_ingest(records, data_dir, graph, batch_size, cold_cache)
                    finally:
                        shutil.rmtree(cold_cache, ignore_errors=True)
                runs[kind].append(r)
                log(f"    round {k + 1} {kind}: {r['wall']:.3f} s")
        quiesce(socket)
        always = bare_ingest(socket, steps, "bare_always", fsync="always")
        quiesce(socket)
    finally:
        shutil.rmtree(warm_cache, ignore_errors=True)
    out: dict[str, Any] = {kind: {"runs": rs, "wall": summary([r["wall"] for r in rs])} for kind, rs in runs.items()}
    out["bare_fsync_always"] = always
    out["statements"] = len(steps)
    return out


def quiesce(socket: Path, timeout: float = 600) -> list[int]:
    """Wait until the server rewrites no append-only file (a publish starts one in the background).

    A rewrite child that hung (a FalkorDB fork bug: ``msc_graph/_engines/falkor_rewrite.py``) is
    ended and the rewrite asked for again; the pids of the children ended are returned (and logged),
    so a run is never stuck waiting for it.
    """
    import redis

    from msc_graph._engines.falkor_rewrite import wait_for_rewrite

    client = redis.Redis(unix_socket_path=str(socket), socket_timeout=60)
    try:
        ended = wait_for_rewrite(client, timeout_s=timeout)
    finally:
        client.close()
    if ended:
        print(f"    ended {len(ended)} hung append-only rewrite(s): pids {ended}", file=sys.stderr, flush=True)
    return ended


# -- one statement per row -----------------------------------------------------------------------
def per_row_ingest(socket: Path, rows: Any, batch_size: int, full_max: int, sample: int) -> dict[str, Any]:
    """Every row in its own statement (pipelined, no fsync per statement: as the batched writers),
    or, beyond ``full_max`` rows, a stratified sample of ``sample`` rows extrapolated per label/type.

    Nodes go into an empty graph; relationships into a second graph after all nodes were loaded in
    batches (the ingest CREATEs: no node may be created twice).
    """
    import redis

    from msc_graph._fastload import gc_paused
    from msc_graph._ingest import node_row, plan
    from msc_graph._queries._generated import create_nodes, create_rels

    client = redis.Redis(unix_socket_path=str(socket))
    total = sum(len(v) for v in rows.nodes.values()) + sum(len(v) for v in rows.rels.values())
    full = total <= full_max

    def chosen(items: list[Any]) -> list[Any]:
        if full:
            return items
        k = max(1, round(sample * len(items) / total))
        return items[:: max(1, len(items) // k)][:k]

    def timed(stmt: str, items: list[Any], sender: _Sender) -> tuple[float, int]:
        pick = chosen(items)
        t0 = time.perf_counter()
        for row in pick:
            sender.send(stmt, [row])
        sender.drain()
        dt = time.perf_counter() - t0
        return dt / max(1, len(pick)) * len(items), len(pick)

    seconds, sent = 0.0, 0
    with gc_paused():
        client.config_set("appendfsync", "no")
        try:
            falkordb_schema(client, "per_row_nodes")
            sender = _Sender(client, "per_row_nodes")
            for lab, items in rows.nodes.items():
                s, n = timed(create_nodes(lab), [node_row(r) for r in items], sender)
                seconds, sent = seconds + s, sent + n
            sender.pool.release(sender.conn)
            falkordb_schema(client, "per_row_rels")
            sender = _Sender(client, "per_row_rels")
            for stmt, batch in plan(type(rows)(nodes=rows.nodes, rels={}), batch_size):
                sender.send(stmt, batch)
            for (rtype, source, target), items in rows.rels.items():  # one row: with or without properties
                s, n = timed(create_rels(rtype, source, target), items, sender)
                seconds, sent = seconds + s, sent + n
            sender.pool.release(sender.conn)
        finally:
            client.config_set("appendfsync", "always")
            for name in ("per_row_nodes", "per_row_rels"):
                client.execute_command("GRAPH.DELETE", name)
            client.close()
    return {"full": full, "rows": total, "sent_rows": sent, "seconds": seconds}
