"""Shared fixtures: a real embedded engine in a private data dir, the real curated records."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from click.testing import Result as CliResult

import msc_graph
from msc_graph.cli import main

ROOT = Path(__file__).resolve().parent.parent
INGEST = Path(os.environ.get("MSC_GRAPH_RECORDS") or ROOT / "ingest")
SOURCE_TEXT = ROOT.parent / "shared" / "sources" / "000_808a76f477bdf626.txt"
needs_review_text = pytest.mark.skipif(
    not SOURCE_TEXT.exists(),
    reason="the review text ../shared/sources/000_808a76f477bdf626.txt (beside the repository) is absent",
)
"""Marks a test that reads the review text itself (it is not shipped with the repository)."""


@pytest.fixture(scope="session", autouse=True)
def record_cache() -> Iterator[Path]:
    """The loader's record cache (``msc_graph/_loader_cache.py``) of this run: a private folder,
    deleted at the end (a user's cache folder is never touched by the tests)."""
    folder = Path(tempfile.mkdtemp(prefix="mgc"))
    old = os.environ.get("MSC_GRAPH_CACHE_DIR")
    os.environ["MSC_GRAPH_CACHE_DIR"] = str(folder / "records")
    yield folder
    if old is None:
        os.environ.pop("MSC_GRAPH_CACHE_DIR", None)
    else:
        os.environ["MSC_GRAPH_CACHE_DIR"] = old
    shutil.rmtree(folder, ignore_errors=True)


def short_tmpdir(prefix: str) -> Path:
    """A temp dir with a short path (unix socket paths are limited to ~100 bytes)."""
    return Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))


@pytest.fixture(scope="session")
def data_dir() -> Iterator[Path]:
    """A data dir with a running embedded server for the whole session."""
    d = short_tmpdir("mgt")
    old = os.environ.get("MSC_GRAPH_DATA_DIR")
    os.environ["MSC_GRAPH_DATA_DIR"] = str(d)
    os.environ.pop("MSC_GRAPH_BACKEND", None)
    yield d
    msc_graph.stop_server(d)
    if old is None:
        os.environ.pop("MSC_GRAPH_DATA_DIR", None)
    else:
        os.environ["MSC_GRAPH_DATA_DIR"] = old
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture(scope="session")
def graph(data_dir: Path) -> Iterator[msc_graph.Graph]:
    """The curated review graph, ingested once, published as graph ``msc``."""
    g = msc_graph.connect(data_dir=data_dir)
    g.ingest()
    yield g
    g.close()


@pytest.fixture(scope="session")
def corpus_1k(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[msc_graph.Graph]:
    """A generated corpus of 1,000 claims (benchmarks/generate.py, seed 7), as a graph of its own."""
    out = tmp_path_factory.mktemp("corpus") / "c1k"
    gen = ROOT / "benchmarks" / "generate.py"
    subprocess.run([sys.executable, str(gen), "--claims", "1000", "--out", str(out), "--seed", "7"], check=True)
    g = msc_graph.connect(data_dir=data_dir, graph="t_corpus_1k")
    g.ingest(out)
    yield g
    g.engine.db.select_graph("t_corpus_1k").delete()  # type: ignore[attr-defined]
    g.close()
    shutil.rmtree(out, ignore_errors=True)


@pytest.fixture()
def scratch(data_dir: Path, request: pytest.FixtureRequest) -> Iterator[msc_graph.Graph]:
    """A connection to a separate graph name on the shared server, deleted afterwards."""
    name = "t_" + "".join(ch if ch.isalnum() else "_" for ch in request.node.name)[:60]
    g = msc_graph.connect(data_dir=data_dir, graph=name)
    yield g
    engine = g.engine
    db = getattr(engine, "db", None)
    if db is not None:
        for gname in db.list_graphs():
            if gname == name or gname.startswith(name + "__"):
                db.select_graph(gname).delete()
    g.close()


@pytest.fixture()
def records(tmp_path: Path) -> Path:
    """A writable copy of the curated records, for tests that break them."""
    dest = tmp_path / "ingest"
    shutil.copytree(INGEST, dest)
    return dest


def cli(*args: str, env: dict[str, str] | None = None) -> CliResult:
    """Run the ``msc-graph`` command ARGS in this process (click's runner; stdout and stderr apart)."""
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def run_cli(*args: str, env: dict[str, str] | None = None, check: bool = False) -> subprocess.CompletedProcess[str]:
    """Run ``python -m msc_graph ARGS`` in a fresh process."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "msc_graph", *args],
        capture_output=True,
        text=True,
        env=full_env,
        check=check,
        timeout=300,
    )


def abort_after(n: int) -> Callable[[int, int], None]:
    """An ingest ``progress`` callback that aborts the build once more than ``n`` statements ran."""

    def progress(done: int, total: int) -> None:
        if done > n:
            raise RuntimeError(f"ingest aborted on purpose after {n} statements")

    return progress
