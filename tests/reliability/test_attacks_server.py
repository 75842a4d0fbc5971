"""Issue 15, "reads that cannot hurt": attacks on the embedded server, its files and the settings.

Every server here is a private one (its own data dir, killed and deleted afterwards), so that a
query that stops a server never disturbs the shared one of the session.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

import msc_graph
from msc_graph import ConfigError, EngineUnavailable, QueryError, UnknownTermError
from msc_graph._engines import falkor_server
from msc_graph._engines.falkor_files import ServerPaths

from ..conftest import INGEST, run_cli, short_tmpdir
from .conftest import drop_server, record_figure, server_pid, wait_dead


@pytest.fixture()
def own_dir() -> Iterator[Path]:
    d = short_tmpdir("mga")
    yield d
    drop_server(d)


def _log_since(d: Path, since: int) -> str:
    with open(ServerPaths(d.resolve()).logfile, "rb") as fh:
        fh.seek(since)
        return fh.read().decode(errors="replace")


def test_a_query_over_the_memory_cap_is_refused_and_the_server_lives(
    own_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(falkor_server, "QUERY_MEMORY", 64 << 20)  # a small cap, for a small test
    g = msc_graph.connect(data_dir=own_dir)
    pid = server_pid(own_dir)
    with pytest.raises(QueryError, match="mem"):
        g.cypher("UNWIND range(1, 5000000) AS x RETURN size(collect(x)) AS n")
    assert server_pid(own_dir) == pid and g.cypher("RETURN 1 AS one").iloc[0, 0] == 1
    args = g.engine.db.connection.execute_command("MODULE", "LIST")  # type: ignore[attr-defined]
    loaded = " ".join(str(a) for m in args for a in m)
    assert "QUERY_MEM_CAPACITY" in loaded and "THREAD_COUNT" in loaded and "TIMEOUT_MAX" in loaded
    g.close()


def test_a_query_that_stops_the_server_is_not_run_again(own_dir: Path) -> None:
    """`RETURN size(range(1,1000000000))` aborted the server, and the automatic retry aborted it again.

    A range twice the server's address-space limit cannot be allocated on any machine: the server
    stops at once (saying so in its log) instead of exhausting the machine's memory first.
    """
    g = msc_graph.connect(data_dir=own_dir)
    pid = server_pid(own_dir)
    since = ServerPaths(own_dir.resolve()).logfile.stat().st_size
    n = 2 * falkor_server.address_space_limit() // 16
    started = time.monotonic()
    with pytest.raises(EngineUnavailable, match="stopped while running this query") as err:
        g.cypher("RETURN size(range(1, $n)) AS n", n=n)
    took = time.monotonic() - started
    assert "Out Of Memory" in str(err.value) and "\n" not in str(err.value)
    wait_dead(pid)
    assert not msc_graph.server_status(own_dir)["running"], "the query was run again and restarted the server"
    assert _log_since(own_dir, since).count("Out Of Memory allocating") == 1
    assert g.cypher("RETURN 1 AS one").iloc[0, 0] == 1  # the next query restarts it
    record_figure("query_that_stops_the_server", runs=1, seconds=round(took, 2))
    g.close()


def test_a_result_nested_too_deeply_is_one_clear_error(graph: msc_graph.Graph) -> None:
    """A deeply nested answer leaked redis's InvalidResponse (or a RecursionError)."""
    for depth in (600, 1000, 3000):
        with pytest.raises(QueryError, match="nested too deeply"):
            graph.cypher(f"RETURN reduce(acc = [], x IN range(1, {depth}) | [acc]) AS n")
    assert graph.cypher("RETURN 1 AS one").iloc[0, 0] == 1


def _sleeper(*argv: str) -> subprocess.Popen[bytes]:
    code = "import time; time.sleep(120)"
    return subprocess.Popen([sys.executable, "-c", code, *argv], stdin=subprocess.DEVNULL)


def test_a_pidfile_naming_another_process_is_not_trusted(own_dir: Path) -> None:
    """Every command hung 20 s, then `server stop` sent SIGTERM to the unrelated process."""
    other_dir = short_tmpdir("mgo")
    impostor = _sleeper("redis-server", "--port", "0")  # looks like a server in `ps`
    try:
        msc_graph.start_server(other_dir)
        other = server_pid(other_dir)
        paths = ServerPaths(own_dir.resolve())
        paths.root.mkdir(parents=True)
        for pid in (other, impostor.pid):
            paths.pidfile.write_text(str(pid))
            assert msc_graph.server_status(own_dir)["pid"] is None
            assert msc_graph.stop_server(own_dir) is False
            started = time.monotonic()
            msc_graph.start_server(own_dir)
            assert time.monotonic() - started < 5
            assert server_pid(own_dir) not in (other, impostor.pid)
            assert msc_graph.stop_server(own_dir) is True
            paths.pidfile.write_text(str(pid))
            assert proc_alive(other) and impostor.poll() is None, "a signal went to a process that is not ours"
        proc = run_cli("--data-dir", str(own_dir), "server", "stop")
        assert proc.returncode == 0 and proc_alive(other) and impostor.poll() is None
    finally:
        impostor.kill()
        impostor.wait()
        drop_server(other_dir)


def proc_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"


def _empty_base(aof: Path) -> None:
    next(aof.glob("*.base.rdb")).write_bytes(b"")


def _no_manifest(aof: Path) -> None:
    next(aof.glob("*.manifest")).unlink()


def _half_base(aof: Path) -> None:
    base = next(aof.glob("*.base.rdb"))
    os.truncate(base, base.stat().st_size // 2)


DAMAGES = {"empty base RDB": _empty_base, "deleted manifest": _no_manifest, "half-truncated RDB": _half_base}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_append_only_file_is_reported_and_ingest_rebuilds(own_dir: Path, damage: str) -> None:
    """A 0-byte base RDB or a deleted manifest started an empty graph with no warning; a truncated RDB
    was refused with "Bio worker thread terminated" instead of the cause."""
    g = msc_graph.connect(data_dir=own_dir)
    claims = g.ingest().nodes["Claim"]
    g.close()
    msc_graph.stop_server(own_dir)
    aof = ServerPaths(own_dir.resolve()).aof_dir
    DAMAGES[damage](aof)
    proc = run_cli("--data-dir", str(own_dir), "status")
    assert proc.returncode == 1 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "damaged" in proc.stderr and "msc-graph ingest" in proc.stderr and "Bio worker" not in proc.stderr
    assert not msc_graph.server_status(own_dir)["running"]  # no empty graph was started in its place
    g = msc_graph.connect(data_dir=own_dir)
    with pytest.raises(EngineUnavailable, match="damaged"):
        g.ask("node-counts")
    assert g.ingest().nodes["Claim"] == claims  # the documented recovery
    assert g.status()["nodes"]["Claim"] == claims
    assert list(aof.parent.glob("appendonlydir.damaged-*")), "the damaged files were not kept"
    g.close()


def _variant_with_synonym(dest: Path, synonym: str) -> Path:
    shutil.copytree(INGEST, dest)
    path = dest / "vocab" / "rcd_modes.yaml"
    terms = yaml.safe_load(path.read_text(encoding="utf-8"))
    term = next(t for t in terms if t["id"] == "necroptosis")
    term["synonyms"] = [*term.get("synonyms", []), synonym]
    path.write_text(yaml.safe_dump(terms, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return dest


def test_a_long_lived_graph_sees_the_vocabulary_of_a_new_publish(data_dir: Path, tmp_path: Path) -> None:
    """After another process re-ingested, a synonym that now exists gave UnknownTermError."""
    synonym = "necroptosis as renamed by another process"
    g = msc_graph.connect(data_dir=data_dir, graph="rel_stamp")
    try:
        g.ingest(INGEST)
        with pytest.raises(UnknownTermError):
            g.resolve(synonym, "RCDMode")  # the vocabulary is now cached
        variant = _variant_with_synonym(tmp_path / "ingest", synonym)
        env = {"MSC_GRAPH_DATA_DIR": str(data_dir), "MSC_GRAPH_GRAPH": "rel_stamp"}
        proc = run_cli("ingest", "-q", str(variant), env=env)
        assert proc.returncode == 0, proc.stderr
        assert g.resolve(synonym, "RCDMode") == "necroptosis"
        assert len(g.modes_of_action(rcd=synonym)) > 0
    finally:
        for name in g.engine.db.list_graphs():  # type: ignore[attr-defined]
            if name.startswith("rel_stamp"):
                g.engine.db.select_graph(name).delete()  # type: ignore[attr-defined]
        g.close()


BAD_SETTINGS = [
    ("MSC_GRAPH_MAX_ROWS", "-1"),
    ("MSC_GRAPH_MAX_ROWS", "abc"),
    ("MSC_GRAPH_MAX_ROWS", "0"),
    ("MSC_GRAPH_TIMEOUT_MS", "-5"),
    ("MSC_GRAPH_TIMEOUT_MS", "0"),
    ("MSC_GRAPH_TIMEOUT_MS", "1.5"),
    ("MSC_GRAPH_TIMEOUT_MS", str(10**9)),
    ("MSC_GRAPH_GRAPH", "a b`"),
]


@pytest.mark.parametrize(("name", "value"), BAD_SETTINGS)
def test_bad_settings_are_one_clear_error(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    """MAX_ROWS=-1 silently dropped a row and =abc was an internal error; TIMEOUT_MS=-5 said "timed
    out" and =0 silently disabled the timeout."""
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=re.escape(name)):
        msc_graph.connect(data_dir=data_dir)
    proc = run_cli("cypher", "UNWIND range(1, 3) AS x RETURN x", env={name: value})
    assert proc.returncode == 1 and "internal error" not in proc.stderr
    assert proc.stderr.startswith("Error: ") and name in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    monkeypatch.delenv(name)
    for bad_rows in (-1, 0):
        with pytest.raises(ConfigError, match="max_rows"):
            msc_graph.connect(data_dir=data_dir, max_rows=bad_rows)
    for bad_timeout in (-5, 0):
        with pytest.raises(ConfigError, match="query_timeout_ms"):
            msc_graph.connect(data_dir=data_dir, query_timeout_ms=bad_timeout)


def test_a_server_is_never_sent_a_signal_it_does_not_own(own_dir: Path) -> None:
    """`server stop` of a data dir whose server died and whose pid was reused: nothing is killed."""
    msc_graph.start_server(own_dir)
    pid = server_pid(own_dir)
    os.kill(pid, signal.SIGKILL)
    wait_dead(pid)
    impostor = _sleeper("redis-server")
    try:
        ServerPaths(own_dir.resolve()).pidfile.write_text(str(impostor.pid))
        assert msc_graph.stop_server(own_dir) is False
        assert impostor.poll() is None
    finally:
        impostor.kill()
        impostor.wait()
