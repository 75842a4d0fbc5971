"""The embedded server: reused, stopped and restarted, and survives kill -9."""

from __future__ import annotations

import os
import signal
import stat
import time
from pathlib import Path

import pytest

import msc_graph
from msc_graph import EngineUnavailable
from msc_graph._engines import falkor_server

from .conftest import cli, short_tmpdir


def _wait_dead(pid: int) -> None:
    for _ in range(500):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)
    raise AssertionError(f"pid {pid} still alive")


def test_graph_survives_stop_start_and_kill9() -> None:
    d = short_tmpdir("mgs")
    try:
        g = msc_graph.connect(data_dir=d)
        report = g.ingest()
        claims = report.nodes["Claim"]
        g.close()
        res = cli("--data-dir", str(d), "server", "stop")
        assert res.exit_code == 0 and "stopped" in res.stdout
        assert not msc_graph.server_status(d)["running"]
        g = msc_graph.connect(data_dir=d)  # started again on first use
        assert g.status()["nodes"]["Claim"] == claims
        pid = msc_graph.server_status(d)["pid"]
        assert isinstance(pid, int)
        os.kill(pid, signal.SIGKILL)
        _wait_dead(pid)
        # the client notices the dead server and restarts it transparently
        assert g.status()["nodes"]["Claim"] == claims
        assert msc_graph.server_status(d)["pid"] != pid
        g.close()
    finally:
        msc_graph.stop_server(d)


def test_stale_socket_and_pidfile_are_detected() -> None:
    d = short_tmpdir("mgs")
    try:
        paths = falkor_server.ServerPaths(d.resolve())
        paths.root.mkdir(parents=True)
        paths.socket.write_text("")  # a stale socket path that nobody listens on
        paths.pidfile.write_text("999999")
        sock = msc_graph.start_server(d)
        assert msc_graph.server_status(d)["running"] and sock == paths.socket
    finally:
        msc_graph.stop_server(d)


def test_server_listens_on_a_private_unix_socket_only(data_dir: Path, graph: msc_graph.Graph) -> None:
    paths = falkor_server.ServerPaths(data_dir.resolve())
    assert stat.S_ISSOCK(paths.socket.stat().st_mode)
    assert stat.S_IMODE(paths.root.stat().st_mode) == 0o700
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    port = graph.engine.db.connection.config_get("port")["port"]  # type: ignore[attr-defined]
    assert str(port) == "0"
    assert graph.engine.db.connection.config_get("appendonly")["appendonly"] == "yes"  # type: ignore[attr-defined]


def test_server_commands_report_state() -> None:
    d = short_tmpdir("mgs")
    try:
        assert "not running" in cli("--data-dir", str(d), "server", "stop").stdout
        res = cli("--data-dir", str(d), "server", "start")
        assert res.exit_code == 0 and "running on" in res.stdout
        again = cli("--data-dir", str(d), "server", "start")  # reused, not started twice
        assert again.exit_code == 0
        st = cli("--data-dir", str(d), "server", "status", "--format", "json")
        assert '"running": true' in st.stdout
    finally:
        msc_graph.stop_server(d)


def test_a_server_that_cannot_start_gives_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    d = short_tmpdir("mgs")
    bad = d / "not-a-module.so"
    bad.write_text("not a module")
    server, _ = falkor_server.binaries()
    monkeypatch.setattr(falkor_server, "binaries", lambda: (server, str(bad)))
    with pytest.raises(EngineUnavailable) as err:
        msc_graph.start_server(d)
    assert "not-a-module.so" in str(err.value) and "\n" not in str(err.value)
    assert not msc_graph.server_status(d)["running"]
