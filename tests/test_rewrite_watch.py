"""A hung append-only rewrite child is ended, and a working one is left alone.

The server forks a child to compact its append-only file after every publish; a child that
inherited a lock held at the fork sleeps forever (``msc_graph/_engines/falkor_rewrite.py``). Here a
real rewrite child is made to sleep with the server's own ``rdb-key-save-delay`` setting (it sleeps
that many microseconds before writing each key): exactly what a hung child looks like from outside.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

import msc_graph
from msc_graph._engines import falkor_rewrite, falkor_server

from .conftest import short_tmpdir

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="the rewrite is watched through /proc")


@pytest.fixture()
def server() -> Iterator[tuple[Path, redis.Redis]]:
    d = short_tmpdir("mgrw")
    sock = msc_graph.start_server(d)
    client = redis.Redis(unix_socket_path=str(sock), socket_timeout=30)
    client.execute_command("GRAPH.QUERY", "g", "UNWIND range(1, 500) AS i CREATE (:N {i: i})")
    try:
        yield d, client
    finally:
        client.close()
        falkor_server.stop(d)
        shutil.rmtree(d, ignore_errors=True)


def _hung_rewrite(client: redis.Redis) -> int:
    """Start a rewrite whose child sleeps 100 s before its first key; its pid once it sleeps."""
    assert falkor_rewrite.wait_for_rewrite(client, timeout_s=30) == []  # a publish's own rewrite, if any
    client.config_set("rdb-key-save-delay", 100_000_000)
    client.bgrewriteaof()
    client.config_set("rdb-key-save-delay", 0)  # the child keeps the value it forked with
    pid = int(client.info("server")["process_id"])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        kids = falkor_rewrite.children(pid)
        if kids and (s := falkor_rewrite.sample(kids[0])) is not None and s.state == "S":
            return kids[0]
        time.sleep(0.02)
    raise AssertionError("no sleeping rewrite child")


def test_a_hung_rewrite_is_ended_without_counting_as_a_failure(server: tuple[Path, redis.Redis]) -> None:
    _, client = server
    child = _hung_rewrite(client)
    assert falkor_rewrite.end_stuck_rewrite(client, min_age_s=3600) is None, "too young to be judged"
    assert falkor_rewrite.sample(child) is not None
    assert falkor_rewrite.end_stuck_rewrite(client, min_age_s=0, settle_s=0.3) == child
    assert falkor_rewrite.wait_for_rewrite(client, timeout_s=10, min_age_s=0) == []
    info = client.info("persistence")
    assert info["aof_last_bgrewrite_status"] == "ok" and info["aof_rewrites_consecutive_failures"] == 0
    assert falkor_rewrite.sample(child) is None, "the child is gone (reaped by the server)"


def test_waiting_for_the_rewrite_ends_a_hung_one_and_compacts(server: tuple[Path, redis.Redis]) -> None:
    d, client = server
    child = _hung_rewrite(client)
    rewrites = client.info("persistence")["aof_rewrites"]
    assert falkor_rewrite.wait_for_rewrite(client, timeout_s=30, min_age_s=0) == [child]
    info = client.info("persistence")
    assert info["aof_rewrites"] == rewrites + 1 and info["aof_last_bgrewrite_status"] == "ok"
    assert falkor_server.stop(d)  # the compacted file loads: the graph is all there
    client = redis.Redis(unix_socket_path=str(msc_graph.start_server(d)))
    assert client.execute_command("GRAPH.QUERY", "g", "MATCH (n:N) RETURN count(n)")[1] == [[500]]
    client.close()


def test_a_publish_ends_a_hung_rewrite_then_compacts(monkeypatch: pytest.MonkeyPatch) -> None:
    d = short_tmpdir("mgrp")
    g = msc_graph.connect(data_dir=d)
    try:
        g.ingest()
        client = redis.Redis(unix_socket_path=str(msc_graph.start_server(d)), socket_timeout=30)
        child = _hung_rewrite(client)
        rewrites = client.info("persistence")["aof_rewrites"]
        monkeypatch.setattr(falkor_rewrite, "MIN_AGE_S", 0)  # instead of waiting 20 s
        g.ingest()
        assert falkor_rewrite.sample(child) is None or falkor_rewrite.sample(child).state == "Z"  # type: ignore[union-attr]
        assert falkor_rewrite.wait_for_rewrite(client, timeout_s=30) == []  # the publish's own rewrite runs
        info = client.info("persistence")
        assert info["aof_rewrites"] == rewrites + 1 and info["aof_last_bgrewrite_status"] == "ok"
        client.close()
    finally:
        g.close()
        falkor_server.stop(d)
        shutil.rmtree(d, ignore_errors=True)


def test_only_a_process_that_sleeps_without_cpu_is_judged_stuck() -> None:
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    idle = subprocess.Popen(["sleep", "60"])
    try:
        time.sleep(0.2)
        looks = {p.pid: falkor_rewrite.sample(p.pid) for p in (busy, idle)}
        time.sleep(0.5)
        again = {p.pid: falkor_rewrite.sample(p.pid) for p in (busy, idle)}
        assert not falkor_rewrite.is_stuck(looks[busy.pid], again[busy.pid])  # type: ignore[arg-type]
        assert falkor_rewrite.is_stuck(looks[idle.pid], again[idle.pid])  # type: ignore[arg-type]
    finally:
        for p in (busy, idle):
            p.kill()
            p.wait()
    S, R, D, T = (falkor_rewrite.ChildSample(state, 7) for state in "SRDT")
    assert falkor_rewrite.is_stuck(S, S) and falkor_rewrite.is_stuck(T, T)
    assert not falkor_rewrite.is_stuck(S, R) and not falkor_rewrite.is_stuck(D, D)
    assert not falkor_rewrite.is_stuck(S, falkor_rewrite.ChildSample("S", 8)), "it used CPU meanwhile"
