"""The append-only file's background rewrite, watched: a rewrite child that hangs is ended.

Every publish asks the server to rewrite (compact) its append-only file, so that a restart loads
the graph and not every ingest ever run; the server forks a child that writes the new file. A
forked child inherits every lock another thread of the server held at the instant of the fork, and
nobody is left to release them: FalkorDB has had such locks (its issues #1454 and #1559, "might be
inherited locked by child process ... leaving the child process stuck"; redis/redis#15666 is the
same class of bug in the allocator). Such a child sleeps forever. Nothing is lost (the server keeps
writing and fsyncing its incremental file), but the file is never compacted again (every later
rewrite is refused as already in progress) and whoever waits for the rewrite waits forever. CI once
hung for 300 s where the benchmark publishes graphs and waits for their rewrites; such a child is the
likely cause (not reproduced here, in 300 publishes into one server).

A rewrite child that works is running (``R``) or in disk I/O (``D``) and its CPU time grows; a hung
one sleeps (``S``) or is stopped (``T``) and its CPU time stands still. :func:`end_stuck_rewrite`
ends such a child with ``SIGUSR1`` (the signal the server itself uses to end a child: not counted
as a failed rewrite), then ``SIGKILL`` if it is still there, and the next rewrite starts afresh.
Linux only (``/proc``); elsewhere the rewrite is not watched.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from dataclasses import dataclass
from typing import Any

import redis

MIN_AGE_S = 20
"""A rewrite younger than this is never judged: even the 100k-claim graph is rewritten in seconds."""
SETTLE_S = 1.0
"""How long a child's CPU time is watched before it is judged stuck."""


@dataclass(frozen=True)
class ChildSample:
    """One look at a process in ``/proc``: its state letter and CPU time in clock ticks."""

    state: str
    ticks: int


def _stat(pid: int | str) -> list[str] | None:
    """The fields of ``/proc/<pid>/stat`` after "pid (comm) " (state, ppid, ... utime, stime ...), or None."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            text = fh.read()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def sample(pid: int) -> ChildSample | None:
    """The state and CPU ticks (user + system) of ``pid``, or None if it is gone or unreadable."""
    fields = _stat(pid)
    return None if fields is None else ChildSample(state=fields[0], ticks=int(fields[11]) + int(fields[12]))


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (empty where there is no ``/proc``)."""
    try:
        names = os.listdir("/proc")
    except OSError:
        return []
    return [int(n) for n in names if n.isdigit() and (f := _stat(n)) is not None and int(f[1]) == pid]


def is_stuck(before: ChildSample, after: ChildSample) -> bool:
    """True if a child neither ran nor waited on the disk between two looks and used no CPU."""
    idle = {"S", "T", "t"}  # sleeping (a lock that is never released) or stopped
    return before.state in idle and after.state in idle and after.ticks == before.ticks


def rewrite_state(client: Any) -> dict[str, Any]:
    """The server's ``INFO persistence`` fields about the append-only rewrite."""
    info = client.info("persistence")
    return {
        "in_progress": bool(info.get("aof_rewrite_in_progress")),
        "scheduled": bool(info.get("aof_rewrite_scheduled")),
        "age_s": int(info.get("aof_current_rewrite_time_sec", -1)),
    }


def end_stuck_rewrite(client: Any, min_age_s: float | None = None, settle_s: float | None = None) -> int | None:
    """End the server's rewrite child if it has hung; its pid if one was ended, else None.

    Only a rewrite that has run for ``min_age_s`` (default :data:`MIN_AGE_S`) is looked at; its child
    is watched for ``settle_s`` (default :data:`SETTLE_S`) and ended only if it slept the whole time
    without using CPU (:func:`is_stuck`).
    """
    state = rewrite_state(client)
    if not state["in_progress"] or state["age_s"] < (MIN_AGE_S if min_age_s is None else min_age_s):
        return None
    server_pid = int(client.info("server")["process_id"])
    for pid in children(server_pid):
        before = sample(pid)
        time.sleep(SETTLE_S if settle_s is None else settle_s)
        after = sample(pid)
        if before is None or after is None or not is_stuck(before, after):
            continue
        _end(pid)
        return pid
    return None


def _end(pid: int, grace_s: float = 2.0) -> None:
    """``SIGUSR1`` (the server's own way to end a child), then ``SIGKILL`` if it is still there."""
    for sig in (signal.SIGUSR1, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + grace_s
        while time.monotonic() < deadline:
            now = sample(pid)
            if now is None or now.state == "Z":  # gone, or exited and waiting for the server to reap it
                return
            time.sleep(0.02)


def compact(client: Any) -> int | None:
    """Ask the server to rewrite its append-only file, first ending a hung rewrite (its pid returned).

    A rewrite already running (a healthy one) is left alone: the request is then refused, as before.
    """
    ended = _end_and_restart(client)
    if ended is None:
        with contextlib.suppress(redis.ResponseError):  # one already runs
            client.bgrewriteaof()
    return ended


def _end_and_restart(client: Any, min_age_s: float | None = None) -> int | None:
    """End a hung rewrite (:func:`end_stuck_rewrite`) and ask for the compaction it was meant to do."""
    ended = end_stuck_rewrite(client, min_age_s=min_age_s)
    if ended is not None:
        _reaped(client)
        with contextlib.suppress(redis.ResponseError):
            client.bgrewriteaof()
    return ended


def _reaped(client: Any, timeout_s: float = 5.0) -> None:
    """Wait until the server has noticed that its rewrite child ended (it checks ten times a second)."""
    deadline = time.monotonic() + timeout_s
    while rewrite_state(client)["in_progress"] and time.monotonic() < deadline:
        time.sleep(0.02)


def wait_for_rewrite(client: Any, timeout_s: float = 600, min_age_s: float | None = None) -> list[int]:
    """Wait until no rewrite runs or is scheduled, ending hung ones (then asking for the rewrite
    again); the pids of the children ended.

    Raises:
        TimeoutError: a rewrite still runs after ``timeout_s`` (and was not judged hung).
    """
    ended: list[int] = []
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        state = rewrite_state(client)
        if not state["in_progress"] and not state["scheduled"]:
            return ended
        pid = _end_and_restart(client, min_age_s)
        if pid is not None:
            ended.append(pid)
        time.sleep(0.05)
    raise TimeoutError(f"the append-only rewrite still runs after {timeout_s:.0f} s: {rewrite_state(client)}")
