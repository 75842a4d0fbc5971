"""An ArcadeDB server with its Bolt plugin, for testing the Neo4j code path.

No Neo4j can run here, so the official ``neo4j`` driver is pointed at ArcadeDB
(``arcadedb-embedded`` bundles the engine, a JRE and the Bolt plugin). The
server runs in a child Python process, so no JVM lives in the test process::

    from tests.arcadedb_bolt import ArcadeBoltServer

    with ArcadeBoltServer(tmp_path) as srv:          # blocks until Bolt answers
        with neo4j.GraphDatabase.driver(srv.uri, auth=srv.auth) as drv:
            drv.execute_query("RETURN 1", database_=srv.database)

The child can also be run by hand (Ctrl-C or EOF on stdin stops it)::

    python tests/arcadedb_bolt.py serve --root /tmp/adb --bolt-port 7687

ArcadeDB's Cypher is not Neo4j's: see tests/ARCADEDB_NOTES.md before relying
on a feature.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType, TracebackType
from typing import Self

HOST = "127.0.0.1"
READY_FILE = ".arcadedb-bolt-ready"  # written by the child once started
LOG_NAME = "arcadedb-server.log"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class ArcadeBoltServer:
    """Start/stop an ArcadeDB server with Bolt on ``bolt://127.0.0.1:<port>``.

    ``root_dir`` holds the server's config, databases and logs (the child's
    output goes to ``root_dir/arcadedb-server.log``). ``port=None`` picks a
    free port. The database ``database`` is created at startup if missing, and
    ``user`` is made an admin of it (``user="root"`` uses the root account).
    Reusing a ``root_dir`` keeps its data and the passwords set at its first
    start.
    """

    def __init__(
        self,
        root_dir: str | os.PathLike[str],
        port: int | None = None,
        *,
        database: str = "msc",
        user: str = "neo4j",
        password: str = "arcadedb-test",
        http_port: int | None = None,
        heap: str = "512m",
        startup_timeout: float = 90.0,
    ) -> None:
        if len(password) < 8:
            raise ValueError("ArcadeDB wants passwords of 8 characters or more")
        self.root_dir = Path(root_dir).resolve()
        self.port = port if port is not None else free_port()
        self.http_port = http_port if http_port is not None else free_port()
        self.database = database
        self.user = user
        self.password = password
        self.heap = heap
        self.startup_timeout = startup_timeout
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def uri(self) -> str:
        return f"bolt://{HOST}:{self.port}"

    @property
    def auth(self) -> tuple[str, str]:
        return (self.user, self.password)

    @property
    def log_path(self) -> Path:
        return self.root_dir / LOG_NAME

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def start(self) -> Self:
        if self._proc is not None:
            raise RuntimeError("server already started")
        self.root_dir.mkdir(parents=True, exist_ok=True)
        self._ready_path.unlink(missing_ok=True)
        cmd = [
            sys.executable,
            str(Path(__file__).resolve()),
            "serve",
            "--root",
            str(self.root_dir),
            "--bolt-port",
            str(self.port),
            "--http-port",
            str(self.http_port),
            "--database",
            self.database,
            "--user",
            self.user,
            "--heap",
            self.heap,
        ]
        env = dict(os.environ, ARCADEDB_BOLT_PASSWORD=self.password)
        with open(self.log_path, "ab") as log:
            # stdin is a pipe the child watches: when this process goes away,
            # however it dies, the child sees EOF and shuts the server down.
            self._proc = subprocess.Popen(
                cmd,
                stdin=subprocess.PIPE,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.root_dir,  # ArcadeDB writes ./log relative to the cwd
                env=env,
            )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self) -> None:
        import neo4j
        import neo4j.exceptions

        deadline = time.monotonic() + self.startup_timeout
        # 1. the child says server.start() returned. Bolt listens earlier than
        # that, before the database and user exist, and hammering it with
        # failing logins then gets AuthError for ~30 s even once they do.
        while not self._ready_path.exists():
            self._check_alive()
            if time.monotonic() > deadline:
                raise TimeoutError(f"ArcadeDB not started after {self.startup_timeout}s:\n" + self._log_tail())
            time.sleep(0.05)
        # 2. a real Bolt round trip (a bare session.run: execute_query retries
        # for 30 s). Only "not reachable yet" is retried.
        while True:
            self._check_alive()
            try:
                with (
                    neo4j.GraphDatabase.driver(self.uri, auth=self.auth, connection_timeout=2.0) as drv,
                    drv.session(database=self.database) as session,
                ):
                    session.run("RETURN 1 AS ok").consume()
                return
            except (OSError, neo4j.exceptions.ServiceUnavailable) as exc:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"Bolt on {self.uri} not ready ({exc!r}):\n" + self._log_tail()) from exc
                time.sleep(0.05)

    @property
    def _ready_path(self) -> Path:
        return self.root_dir / READY_FILE

    def _check_alive(self) -> None:
        assert self._proc is not None
        if self._proc.poll() is not None:
            raise RuntimeError(f"ArcadeDB server exited with {self._proc.returncode}:\n" + self._log_tail())

    def stop(self, timeout: float = 30.0) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.stdin is not None:
            with contextlib.suppress(OSError):
                proc.stdin.close()  # EOF: the child stops the server, exits 0
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def _log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def serve(args: argparse.Namespace) -> int:
    """Child process: run the server until EOF on stdin, SIGTERM or SIGINT."""
    password = os.environ.get("ARCADEDB_BOLT_PASSWORD", args.password)
    root = str(Path(args.root).resolve())
    os.environ.setdefault("ARCADEDB_JVM_ERROR_FILE", os.path.join(root, "log", "hs_err_pid%p.log"))
    from arcadedb_embedded.server import (  # type: ignore[import-untyped]
        ArcadeDBServer,
    )

    users = "" if args.user == "root" else f"[{args.user}:{password}:admin]"
    server = ArcadeDBServer(
        root,
        root_password=password,
        config={
            "host": HOST,
            "http_port": args.http_port,
            "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "bolt_port": args.bolt_port,
            "bolt_defaultDatabase": args.database,
            "server_defaultDatabases": f"{args.database}{users}",
            "server_logsDirectory": os.path.join(root, "log"),
        },
        jvm_kwargs={"heap_size": args.heap},
    )

    def on_signal(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    server.start()
    try:
        ready = Path(root, READY_FILE)
        ready.write_text(f"{os.getpid()}\n")
        with contextlib.suppress(KeyboardInterrupt):
            sys.stdin.read()  # returns at EOF
    finally:
        ready.unlink(missing_ok=True)
        server.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("serve", help="run the server until EOF/Ctrl-C")
    p.add_argument("--root", required=True)
    p.add_argument("--bolt-port", type=int, default=7687)
    p.add_argument("--http-port", type=int, default=2480)
    p.add_argument("--database", default="msc")
    p.add_argument("--user", default="neo4j")
    p.add_argument(
        "--password",
        default="arcadedb-test",
        help="overridden by $ARCADEDB_BOLT_PASSWORD",
    )
    p.add_argument("--heap", default="512m")
    args = parser.parse_args(argv)
    return serve(args)


if __name__ == "__main__":
    sys.exit(main())
