"""Shared pieces of the reliability suite: run sizes, private servers, graph fingerprints, record variants.

Every test under ``tests/reliability`` is marked ``reliability``. The default test run (no ``-m``) runs
each of them with small numbers (a handful of kill points, a short reader loop, a bounded hypothesis
run); ``pytest -m reliability tests/reliability`` runs the same tests with the big numbers (see
:data:`FULL_SIZES`). ``MSC_GRAPH_RELIABILITY=full|fast`` overrides the choice.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import msc_graph
from msc_graph._engines.embedded import STAGING_MARK

from ..conftest import INGEST, short_tmpdir
from .canon import canonical, plain  # canonical is re-exported for the tests

HERE = Path(__file__).resolve().parent

FAST_SIZES = {
    "ingest_kills": 6,
    "server_kills_after": 2,
    "server_kills_during": 3,
    "readers": 4,
    "reingests": 3,
    "fuzz_examples": 25,
    "large_terms": 20_000,
}
FULL_SIZES = {
    "ingest_kills": 110,
    "server_kills_after": 20,
    "server_kills_during": 30,
    "readers": 5,
    "reingests": 20,
    "fuzz_examples": 2000,
    "large_terms": 100_000,
}
FIGURES: list[str] = []  # what this run measured, printed at the end of the run


def pytest_configure(config: pytest.Config) -> None:
    mode = os.environ.get("MSC_GRAPH_RELIABILITY", "").strip().lower()
    if mode not in ("full", "fast"):
        expr = config.getoption("markexpr", "") or ""
        mode = "full" if "reliability" in expr and "not reliability" not in expr else "fast"
    config.stash[_MODE] = mode


_MODE = pytest.StashKey[str]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.reliability)


@pytest.fixture(scope="session")
def sizes(pytestconfig: pytest.Config) -> dict[str, int]:
    """The run's numbers: FAST_SIZES by default, FULL_SIZES under ``-m reliability``."""
    return dict(FULL_SIZES if pytestconfig.stash.get(_MODE, "fast") == "full" else FAST_SIZES)


@pytest.fixture(scope="session")
def full_run(pytestconfig: pytest.Config) -> bool:
    return pytestconfig.stash.get(_MODE, "fast") == "full"


def record_figure(name: str, **values: Any) -> None:
    """Remember one measured figure: printed in the run's summary (and appended to
    ``$MSC_GRAPH_RELIABILITY_FIGURES`` when that is set)."""
    line = json.dumps({"test": name, **values}, sort_keys=True)
    FIGURES.append(line)
    path = os.environ.get("MSC_GRAPH_RELIABILITY_FIGURES")
    if path:
        with contextlib.suppress(OSError), open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"at": time.strftime("%Y-%m-%d %H:%M:%S"), "test": name, **values}) + "\n")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if FIGURES:
        terminalreporter.section("reliability figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


# -- what a published graph holds ---------------------------------------------------------------


def fingerprint(g: msc_graph.Graph) -> str:
    """A digest of every node and relationship with all properties of the published graph (read page
    by page through Graph.to_networkx, the tallies of the ingest included)."""
    G = g.to_networkx(tallies=True)
    items = [plain([u, d]) for u, d in G.nodes(data=True)] + [plain([u, v, d]) for u, v, d in G.edges(data=True)]
    dump = "\n".join(sorted(json.dumps(x, sort_keys=True, default=str) for x in items))
    return hashlib.sha256(dump.encode()).hexdigest()


def counts(g: msc_graph.Graph) -> tuple[dict[str, int], dict[str, int]]:
    st = g.status()
    return st["nodes"], st["relationships"]


def snapshot(g: msc_graph.Graph) -> tuple[Any, ...]:
    """Counts, a named query's answer and the full fingerprint: what 'unchanged' compares."""
    nodes, rels = counts(g)
    return nodes, rels, canonical(g.ask("modes-of-action-rescuing", rcd="apoptosis")), fingerprint(g)


def graphs_on_server(g: msc_graph.Graph) -> list[str]:
    return list(g.engine.db.list_graphs())  # type: ignore[attr-defined]


def staging_graphs(g: msc_graph.Graph) -> list[str]:
    prefix = g.settings.graph + STAGING_MARK
    return [name for name in graphs_on_server(g) if name.startswith(prefix)]


# -- embedded servers ---------------------------------------------------------------------------


def server_pid(data_dir: Path) -> int:
    pid = msc_graph.server_status(data_dir)["pid"]
    assert isinstance(pid, int), f"no embedded server runs in {data_dir}"
    return pid


def wait_dead(pid: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        try:  # a zombie counts as dead
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return
        except (OSError, IndexError):
            return
        time.sleep(0.005)
    raise AssertionError(f"pid {pid} still alive after {timeout}s")


def kill_server(data_dir: Path) -> int:
    """kill -9 the embedded server of ``data_dir`` and wait until it is gone; return its pid."""
    pid = server_pid(data_dir)
    os.kill(pid, signal.SIGKILL)
    wait_dead(pid)
    return pid


def drop_server(data_dir: Path) -> None:
    """Teardown: kill the server of a throw-away data dir (faster than a clean stop) and delete it."""
    pid = msc_graph.server_status(data_dir)["pid"]
    if isinstance(pid, int):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(AssertionError):
            wait_dead(pid)
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def private_dir() -> Iterator[Path]:
    """A data dir with its own embedded server (killed and deleted after the module)."""
    d = short_tmpdir("mgr")
    yield d
    drop_server(d)


# -- record variants: A (as shipped) and B (detectably different) ---------------------------------


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def dump_yaml(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


V2 = " [v2]"


def make_variant_b(dest: Path) -> Path:
    """A copy of the records whose graph differs from the shipped one in names and in edges.

    Every vocabulary term is renamed ``<name> [v2]`` (the old name stays a synonym, so claims
    still resolve) and every claim loses its pathways: any answer mixing the two graphs shows.
    """
    shutil.copytree(INGEST, dest)
    for path in sorted((dest / "vocab").glob("*.yaml")):
        if path.stem in ("species", "ambiguous"):  # species: a property; ambiguous.yaml: spellings, not terms
            continue
        terms = load_yaml(path)
        for t in terms:
            t["synonyms"] = [*t.get("synonyms", []), t["name"]]
            t["name"] = t["name"] + V2
        dump_yaml(path, terms)
    for path in sorted((dest / "sources").glob("*/claims/*.yaml")):
        claims = load_yaml(path)
        for c in claims:
            c["pathways"] = []
        dump_yaml(path, claims)
    return dest


@pytest.fixture(scope="session")
def variants(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(A, B): a frozen copy of the shipped records and its detectably different variant."""
    base = tmp_path_factory.mktemp("variants")
    a = base / "a" / "ingest"
    shutil.copytree(INGEST, a)
    b = make_variant_b(base / "b" / "ingest")
    return a, b


# -- ArcadeDB's Bolt server: the Neo4j adapter's code path ----------------------------------------


@pytest.fixture(scope="session")
def arcade() -> Iterator[Any]:
    """An ArcadeDB server with Bolt (tests/arcadedb_bolt.py), for the whole session."""
    try:
        import arcadedb_embedded  # noqa: F401

        from ..arcadedb_bolt import ArcadeBoltServer
    except ImportError:  # pragma: no cover
        pytest.skip("arcadedb-embedded is not installed (pip install -e '.[dev]')")
    root = short_tmpdir("adbr")
    with ArcadeBoltServer(root, password="arcadedb-reliability") as srv:
        yield srv
    shutil.rmtree(root, ignore_errors=True)


def bolt_graph(srv: Any, **settings: Any) -> msc_graph.Graph:
    """A Graph on the Neo4j adapter, talking to ``srv``."""
    return msc_graph.connect(
        uri=srv.uri,
        auth=(srv.user, srv.password),
        database=srv.database,
        data_dir=Path(srv.root_dir),
        **settings,
    )
