"""The measurements of ``benchmarks/run.py``: ingest, per-row ingest, query latency, cold CLI, memory.

Every function returns plain dictionaries (they end up in the JSON report). Times are wall-clock
seconds from ``time.perf_counter``; CPU times from ``time.process_time``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
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


# -- queries -----------------------------------------------------------------------------------
class ServerMemory:
    """How much one query raises the embedded server's memory.

    ``rss``: the server's peak RSS during the query minus its RSS before (the kernel's high-water
    mark, reset before the query through ``/proc/<pid>/clear_refs``, after ``MEMORY PURGE`` returned
    the allocator's free pages). ``peak``: how much the query raised Redis' ``used_memory_peak``
    above ``used_memory`` before it (Redis cannot reset its peak: 0 unless the query sets a new one,
    so a lower bound).
    """

    def __init__(self, client: Any, pid: int | None) -> None:
        self.client, self.pid = client, pid
        self.before: dict[str, int] = {}

    def start(self) -> None:
        with contextlib.suppress(Exception):
            self.client.execute_command("MEMORY", "PURGE")
        if self.pid:
            with contextlib.suppress(OSError):
                Path(f"/proc/{self.pid}/clear_refs").write_text("5")
        mem = self.client.info("memory")
        self.before = {"used": mem["used_memory"], "peak": mem["used_memory_peak"], **proc_status(self.pid or 0)}

    def stop(self) -> dict[str, int | None]:
        mem = self.client.info("memory")
        after = proc_status(self.pid or 0)
        rss = after["VmHWM"] - self.before["VmRSS"] if "VmHWM" in after and "VmRSS" in self.before else None
        raised = mem["used_memory_peak"] > self.before["peak"]
        return {"rss": rss, "peak": mem["used_memory_peak"] - self.before["used"] if raised else 0}


def query_latencies(g: Any, reps: int, budget: float, pid: int | None = None) -> dict[str, Any]:
    """p50/p99 of ``RETURN 1`` and of every named query (engine and API level), in seconds, and the
    server memory each query takes (:class:`ServerMemory`, on its first run); beside the whole answer,
    its first page (``PAGE_ROWS`` rows through the capped text: what ``ask`` prints as a table and the
    explorer shows first).

    Each query runs once untimed (a failure, e.g. the 30 s timeout, is reported and the query
    skipped), twice more untimed when it is fast, then timed up to ``reps`` times or until
    ``budget`` seconds have passed (at least 3 timed runs).
    """
    import msc_graph
    from msc_graph._config import PAGE_ROWS
    from msc_graph._queries import ROW_CAP

    memory = ServerMemory(g.engine.db.connection, pid) if hasattr(g.engine, "db") else None
    markers = summary_markers()

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
        used = None
        try:
            cypher, bound = g.prepare(name, **params)
            if memory is not None:
                memory.start()
            t0 = time.perf_counter()
            try:
                rows = len(g.engine.read(cypher, bound).rows)
            finally:
                used = memory.stop() if memory is not None else None
            first = time.perf_counter() - t0
            engine = sample(lambda c=cypher, b=bound: g.engine.read(c, b))
            page_cypher, page_bound = query.capped or cypher, {**bound, ROW_CAP: PAGE_ROWS + 1}
            page_rows = len(g.engine.read(page_cypher, page_bound).rows) if query.capped else None
            page = sample(lambda c=page_cypher, b=page_bound: g.engine.read(c, b)) if query.capped else engine
            api = sample(lambda n=name, p=params: g.ask(n, **p)) if first < budget else []
        except Exception as exc:  # a timeout, or a query another engineer is still writing: report, go on
            out[name] = {"error": f"{type(exc).__name__}: {exc}"[:300], "params": params, "memory": used}
            continue
        out[name] = {
            "engine": summary(engine),
            "api": summary(api) if api else None,
            "rows": rows,
            "page": summary(page),
            "page_rows": rows if page_rows is None else min(page_rows, PAGE_ROWS),
            "params": params,
            "memory": used,
            "summary": not query.system and any(m in cypher for m in markers),
            "anatomy": reply_anatomy(g.engine, cypher, bound),
        }
    return out


def _resp(*args: str | bytes) -> bytes:
    """A command in the Redis protocol."""
    parts = [b"*%d\r\n" % len(args)]
    for arg in args:
        data = arg.encode("utf-8") if isinstance(arg, str) else arg
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(parts)


def reply_anatomy(engine: Any, cypher: str, bound: dict[str, Any]) -> dict[str, Any] | None:
    """Where a read's time goes on the embedded engine: FalkorDB's own execution time of the query
    and the size of its reply, read over a raw socket (the reply bytes, which the server formats and the
    client parses, are what a large answer costs beyond its execution). ``None`` on another engine."""
    import socket

    import hiredis

    from msc_graph._engines import falkor_writer

    try:
        path = engine.db.connection.connection_pool.connection_kwargs["path"]
        text = falkor_writer.query(cypher, bound)
    except (AttributeError, KeyError, falkor_writer.Unencodable):
        return None
    reader = hiredis.Reader()
    size, reply = 0, False
    with socket.socket(socket.AF_UNIX) as sock:
        sock.connect(path)
        t0 = time.perf_counter()
        sock.sendall(_resp("GRAPH.RO_QUERY", engine.settings.graph, text, "--compact"))
        while reply is False:
            chunk = sock.recv(1 << 20)
            if not chunk:
                return None
            size += len(chunk)
            reader.feed(chunk)
            reply = reader.gets()
        wall = time.perf_counter() - t0
    if not isinstance(reply, list) or not reply:
        return None
    stats = [x.decode() if isinstance(x, bytes) else str(x) for x in reply[-1]]
    executed = next((float(x.split(":")[1].split()[0]) for x in stats if "internal execution time" in x), None)
    return {"server_ms": executed, "reply_bytes": size, "raw_wall": wall}


def summary_markers() -> tuple[str, ...]:
    """What a query reads when it reads precomputed summaries: the derived relationship types of the
    schema, and the labels and relationships of tally nodes (read from the schema at run time)."""
    from msc_graph import _schema  # private: which edges and nodes the ingest derives

    rels = getattr(_schema, "REL_TYPES", {})
    names = {r.name for r in rels.values() if getattr(r, "derived", False) or getattr(r, "source", "") == "Tally"}
    names |= {lab for lab in getattr(_schema, "NODE_LABELS", {}) if lab == "Tally"}
    return tuple(sorted(names))


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


class _Inline(Executor):
    """Runs what is submitted at once, in the caller's thread: the reads one after another."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        done: Future[Any] = Future()
        done.set_result(fn(*args, **kwargs))
        return done


def whole_graph(g: Any, reps: int) -> dict[str, Any]:
    """``Graph.to_networkx`` against the very reads it makes, one after another with nothing built
    (what reading the pages costs without the overlap), interleaved, ``reps`` rounds each."""
    from msc_graph import _networkx
    from msc_graph._fastload import gc_paused
    from msc_graph._schema import NODE_LABELS, TALLY

    labels = [lab for lab in sorted(NODE_LABELS) if lab != TALLY]

    def reads_only() -> None:
        with gc_paused():  # as to_networkx
            for _, reading in _networkx.pages(g.read_named, labels, _Inline()):
                if reading is not None:
                    reading.result()

    built: list[float] = []
    alone: list[float] = []
    size = (0, 0)
    for _ in range(reps):
        t = time.perf_counter()
        reads_only()
        alone.append(time.perf_counter() - t)
        t = time.perf_counter()
        G = g.to_networkx()
        built.append(time.perf_counter() - t)
        size = (G.number_of_nodes(), G.number_of_edges())
        del G
    return {"to_networkx": summary(built), "reads_alone": summary(alone), "nodes": size[0], "edges": size[1]}


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
