"""Clean failures: engine down, wrong credentials, wrong URI, unusable data dir, full disk.

Each gives ONE actionable line on stderr from the CLI (``Error: ...`` saying what to do), no
traceback, and a non-zero exit; and where a graph was published before, it is still there after.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import msc_graph

from ..conftest import run_cli, short_tmpdir
from .conftest import drop_server, record_figure

FAILURES: list[str] = []


def one_line(proc: subprocess.CompletedProcess[str], *hints: str) -> str:
    """The single ``Error:`` line of a failed command, checked for the given hints."""
    assert proc.returncode == 1, (proc.returncode, proc.stdout[-500:], proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), proc.stderr
    for hint in hints:
        assert hint in lines[0], (hint, lines[0])
    FAILURES.append(lines[0])
    return lines[0]


NEO = {"MSC_GRAPH_BACKEND": "neo4j", "NEO4J_PASSWORD": "some-password-1"}


@pytest.mark.parametrize(
    ("env", "hints"),
    [
        ({"NEO4J_URI": "bolt://127.0.0.1:1"}, ["cannot reach Neo4j", "docker compose up"]),
        ({"NEO4J_URI": "neo4j://127.0.0.1:1"}, ["cannot reach Neo4j", "docker compose up"]),
        ({"NEO4J_URI": "http://127.0.0.1:7474"}, ["bad Neo4j URI", "bolt://"]),
        ({"NEO4J_URI": "localhost:7687"}, ["bad Neo4j URI", "bolt://"]),
        ({"NEO4J_URI": "bolt://127.0.0.1:notaport"}, ["bad Neo4j URI"]),
        ({"NEO4J_URI": "bolt://no-such-host.invalid:7687"}, ["Neo4j"]),
        ({"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": None}, ["NEO4J_PASSWORD is not set"]),
    ],
    ids=["down-bolt", "down-neo4j", "http-uri", "no-scheme", "bad-port", "unknown-host", "no-password"],
)
def test_neo4j_misconfiguration_gives_one_actionable_line(env: dict[str, Any], hints: list[str]) -> None:
    full = {**NEO, **env}
    run_env = {k: v for k, v in full.items() if v is not None}
    proc = run_cli("status", env=run_env) if full.get("NEO4J_PASSWORD") else _without_password(run_env)
    one_line(proc, *hints)


def _without_password(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    import os
    import sys

    clean = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    return subprocess.run(
        [sys.executable, "-m", "msc_graph", "status"], capture_output=True, text=True, env={**clean, **env}, timeout=120
    )


@pytest.mark.bolt
def test_wrong_credentials_and_database_give_one_actionable_line(arcade: Any) -> None:
    env = {**NEO, "NEO4J_URI": arcade.uri, "NEO4J_USERNAME": arcade.user, "NEO4J_DATABASE": arcade.database}
    one_line(run_cli("status", env={**env, "NEO4J_PASSWORD": "wrong-password-1"}), "refused the credentials")
    one_line(run_cli("status", env={**env, "NEO4J_USERNAME": "nobody"}), "refused the credentials")
    ok = run_cli("status", env={**env, "NEO4J_PASSWORD": arcade.password})
    assert ok.returncode == 0, ok.stderr
    one_line(
        run_cli("status", env={**env, "NEO4J_PASSWORD": arcade.password, "NEO4J_DATABASE": "nosuchdb"}),
        "check NEO4J_DATABASE",
    )


# -- the embedded engine's data dir ---------------------------------------------------------------


@contextlib.contextmanager
def mounted(options: str) -> Iterator[Path]:
    """A tmpfs with ``options`` (needs root and mount rights: skips otherwise)."""
    d = short_tmpdir("mgm")
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(d)], capture_output=True, text=True)
    if proc.returncode != 0:
        shutil.rmtree(d, ignore_errors=True)
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.strip()}")
    try:
        yield d
    finally:
        drop_server(d)
        subprocess.run(["umount", "-l", str(d)], capture_output=True)
        shutil.rmtree(d, ignore_errors=True)


def test_missing_data_dir_is_created_private(tmp_path: Path) -> None:
    d = short_tmpdir("mgn") / "a" / "b"
    try:
        proc = run_cli("--data-dir", str(d), "status", "--format", "json")
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)["nodes"]["Claim"] == 0
        assert d.stat().st_mode & 0o077 == 0
    finally:
        drop_server(d)
        shutil.rmtree(d.parent.parent, ignore_errors=True)


def test_unusable_data_dirs_give_one_actionable_line(tmp_path: Path) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    one_line(run_cli("--data-dir", str(a_file / "data"), "status"), "cannot use data dir", str(a_file))
    one_line(run_cli("--data-dir", "/proc/msc-graph", "status"), "cannot use data dir")
    long = tmp_path / ("x" * 120)
    one_line(run_cli("--data-dir", str(long), "status"), "too long", "MSC_GRAPH_DATA_DIR")
    with mounted("size=1m,ro") as ro:
        one_line(run_cli("--data-dir", str(ro / "data"), "status"), "cannot use data dir", "Read-only")


def test_corrupt_append_only_file_gives_one_actionable_line(variants: tuple[Path, Path]) -> None:
    d = short_tmpdir("mgc")
    try:
        assert run_cli("--data-dir", str(d), "ingest", env={"MSC_GRAPH_RECORDS": str(variants[0])}).returncode == 0
        assert run_cli("--data-dir", str(d), "server", "stop").returncode == 0
        manifest = next((d / "server").rglob("*.manifest"))
        manifest.write_text("this is not a manifest\n")
        one_line(run_cli("--data-dir", str(d), "status"), "embedded server", "manifest", "falkordb.log")
    finally:
        drop_server(d)


def _disk_used_by_one_ingest(env: dict[str, str]) -> int:
    """Bytes the embedded server's files take after one ingest of the records of ``env``."""
    d = short_tmpdir("mgu")
    try:
        assert run_cli("--data-dir", str(d), "ingest", env=env).returncode == 0
        return sum(p.stat().st_size for p in (d / "server").rglob("*") if p.is_file())
    finally:
        drop_server(d)


def test_full_disk_gives_one_actionable_line_and_keeps_the_published_graph(variants: tuple[Path, Path]) -> None:
    env = {"MSC_GRAPH_RECORDS": str(variants[0])}  # a frozen copy: the curators edit ingest/ meanwhile
    claims = len(msc_graph.validate(variants[0]).claims)
    # A disk just big enough for one ingest: the records grow, so the size is found, not fixed. An
    # ingest needs more room while it runs than its files take afterwards (the append-only file is
    # compacted at the end), so start from twice that and grow by 15 % on a clean disk each time.
    need = _disk_used_by_one_ingest(env)
    size = 2 * need
    with mounted(f"size={size}") as d:
        for _ in range(15):
            first = run_cli("--data-dir", str(d), "ingest", env=env)
            if first.returncode == 0:
                break
            drop_server(d)  # kill the server, empty the disk (the mount point stays)
            size = size * 115 // 100
            subprocess.run(["mount", "-o", f"remount,size={size}", str(d)], check=True)
        assert first.returncode == 0, first.stderr
        failed = None
        for _ in range(8):  # each ingest appends its statements to the append-only file
            # Leave less room than one more ingest's statements take: whether the compaction of the last
            # one (in the background) is done when the next writes is a race, so the disk is shrunk to
            # what is used plus half of what one ingest leaves behind, not left to fill by itself.
            st = os.statvfs(d)
            used = (st.f_blocks - st.f_bfree) * st.f_frsize
            subprocess.run(["mount", "-o", f"remount,size={used + need // 2}", str(d)], check=True)
            proc = run_cli("--data-dir", str(d), "ingest", env=env)
            if proc.returncode:
                failed = proc
                break
        assert failed is not None, "the disk never filled up"
        one_line(failed, "is full", "free some space", "run the ingest again")
        subprocess.run(["mount", "-o", "remount,size=20m", str(d)], check=True)
        after = run_cli("--data-dir", str(d), "status", "--format", "json")
        assert after.returncode == 0, after.stderr
        assert json.loads(after.stdout)["nodes"]["Claim"] == claims, "the published graph was lost"
        again = run_cli("--data-dir", str(d), "ingest", env=env)
        assert again.returncode == 0, again.stderr


def test_zz_report_the_lines() -> None:
    record_figure("clean_failures", one_line_errors=len(FAILURES), tracebacks=0)
    for line in FAILURES:
        print(line)
