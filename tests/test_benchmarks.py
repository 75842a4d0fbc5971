"""Smoke test of the benchmarks (tiny scale, no timing assertions), so that they cannot rot.

Also checks the two things the benchmarks rely on: a synthetic corpus passes the loader's
validation with the counts its manifest announces, and the CLI's ``ask`` (whose cold start is
measured) prints exactly what rendering the query's :class:`msc_graph.Result` prints.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import redis

import msc_graph
from msc_graph._config import PAGE_ROWS
from msc_graph._engines import falkor_rewrite
from msc_graph._engines.falkor_files import ServerPaths
from msc_graph._render import render
from msc_graph._schema import ROLE_ROUTES, ROLES_WITHOUT_ROUTE

from .conftest import cli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402


def test_generated_corpus_is_valid_deterministic_and_as_announced(tmp_path: Path) -> None:
    first = generate.generate(60, tmp_path / "a", seed=3)
    again = generate.generate(60, tmp_path / "b", seed=3)
    assert first == again
    for path in sorted((tmp_path / "a").rglob("*.yaml")):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes()
    ds = msc_graph.validate(tmp_path / "a")  # the loader's every v2 rule (roles and routes, contexts, ...)
    assert len(ds.claims) == 60 and len(ds.studies) == first["studies"]
    assert sum(c.rec.evidence == "table" for c in ds.claims) == first["table_claims"]
    assert sum(c.rec.evidence == "abstract" for c in ds.claims) == first["abstract_claims"] > 0
    assert {stem: len(t) for stem, t in ds.terms.items()} == first["vocab_sizes"]
    rows = {(r.table, r.row) for c in ds.claims for r in c.rec.table_rows}
    for table in {t for t, _ in rows}:  # rows 1..n in every table
        assert sorted(r for t, r in rows if t == table) == list(range(1, 1 + sum(t == table for t, _ in rows)))
    # the v2 layout and what it adds: sources, identities, contexts, routes, roles, hierarchies
    assert sorted(ds.sources) == first["sources"] and {s.kind for s in ds.sources.values()} == {"review", "literature"}
    assert (tmp_path / "a" / "sources" / "naji-2019" / "claims" / "table1.yaml").is_file()
    assert any(len(s.citations) == 2 for s in ds.studies.values()), "one study cited by both sources"
    assert sum(s.rec.cited_only for s in ds.studies.values()) == first["cited_only"] > 0
    assert all(s.rec.identity.source_urls for s in ds.studies.values() if s.rec.identity.pmid or s.rec.identity.doi)
    assert any(s.rec.identity.status == "verified" for s in ds.studies.values())
    assert all(c.contexts and c.routes for c in ds.claims)
    assert any(len(c.contexts) > 1 for c in ds.claims) and any(h for c in ds.claims for _, h in c.routes)
    roles = {role for c in ds.claims for _, role, _ in c.molecules}
    assert {"target or readout in the rescued cell", "secreted factor"} <= roles
    category = {tid: t.category for tid, t in ds.terms["modes_of_action"].items()}  # type: ignore[attr-defined]
    for c in ds.claims:
        for _, role, via in c.molecules:
            assert not via if role in ROLES_WITHOUT_ROUTE else (via or not ROLE_ROUTES[role]), (c.rec.id, role)
            assert not (via and ROLE_ROUTES[role]) or category[via] in ROLE_ROUTES[role], (c.rec.id, role, via)
    assert len({c.rec.statement for c in ds.claims if c.rec.statement}) == first["joint_statements"] > 0
    for stem, n in first["groups"].items():  # a small hierarchy in every vocabulary but the modes of action
        assert (n > 0) == (stem != "modes_of_action"), stem
        assert not n or sum(bool(t.parents) for t in ds.terms[stem].values()) > n, stem
    assert len(ds.ambiguous) == first["ambiguous_spellings"]


def test_benchmark_runs_end_to_end_at_a_tiny_scale(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = [
        "--scales",
        "review,50",
        "--reps",
        "1",
        "--query-reps",
        "2",
        "--query-budget",
        "0.2",
        "--per-row-full-max",
        "100000",
        "--per-row-sample",
        "50",
        "--cold-reps",
        "1",
        "--cold-stopped-reps",
        "1",
        "--out",
        str(out),
    ]
    proc = _run_or_report([sys.executable, str(ROOT / "benchmarks" / "run.py"), *args], timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "#### Ingest (embedded" in proc.stdout and "#### Targets" in proc.stdout
    assert "#### The whole graph into networkx" in proc.stdout
    result = json.loads((out / "latest.json").read_text())
    names = set(msc_graph.named_queries())
    for scale in ("review", "50"):
        r = result["scales"][scale]["embedded"]
        for kind in ("cold", "warm", "bare"):  # one interleaved round of each
            assert len(r["ingest"][kind]["runs"]) == 1, kind
        cold, warm = r["ingest"]["cold"]["runs"][0], r["ingest"]["warm"]["runs"][0]
        assert cold["nodes"] == warm["nodes"] > 0 and cold["rels"] == warm["rels"] > 0
        assert r["ingest"]["bare"]["runs"][0]["statements"] == cold["statements"] > 0
        per_row = r["per_row"]
        assert per_row["full"] and per_row["sent_rows"] == per_row["rows"] == cold["nodes"] + cold["rels"]
        assert names <= set(r["queries"]), "every named query is measured"
        assert all("memory" in v for q, v in r["queries"].items() if q != "RETURN 1")
        assert r["cold"]["errors"] == [], r["cold"]["errors"]
        whole = r["whole_graph"]  # the graph of the pipeline's ingest, but the tallies
        assert 0 < whole["nodes"] < cold["nodes"] and 0 < whole["edges"] < cold["rels"], whole
        assert whole["to_networkx"]["n"] == whole["reads_alone"]["n"] == 1
    review = result["scales"]["review"]["embedded"]
    assert not [q for q, v in review["queries"].items() if "error" in v], "every example runs on the review graph"
    assert set(result["targets"]) >= {"ingest_warm", "ingest_cold", "summary_vs_floor", "review_rebuild"}
    for line in proc.stdout.splitlines():  # verdicts come from the run
        if line.startswith("| ") and ("MET" in line or "MISSED" in line):
            assert line.rstrip(" |").endswith("MET") or "MISSED (" in line, line


def _run_or_report(args: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    """Run the benchmark; if it hangs, fail with where it was: its Python processes print their stacks
    (faulthandler, on SIGABRT to its process group), and its servers' logs and rewrite state are shown."""
    proc = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGABRT)
        try:
            out, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
        report = [f"the benchmark did not finish within {timeout:.0f} s; its stderr (stacks at the end):", err[-8000:]]
        for line in err.splitlines():
            if line.strip().startswith("server: "):
                data_dir = Path(line.split()[1])
                log = ServerPaths(data_dir).logfile
                report += [f"-- {log}:", log.read_text(errors="replace")[-3000:] if log.exists() else "(none)"]
                with contextlib.suppress(Exception):
                    report.append(f"-- rewrite: {falkor_rewrite.rewrite_state(_client(data_dir))}")
                msc_graph.stop_server(data_dir)
        pytest.fail("\n".join(report))
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def _client(data_dir: Path) -> redis.Redis:
    return redis.Redis(unix_socket_path=str(ServerPaths(data_dir).socket), socket_timeout=5)


def _cli_value(value: Any) -> str:
    """An example parameter value as one ``-p KEY=VALUE`` string (a list: its first item)."""
    if isinstance(value, list):
        value = value[0]
    return str(value).lower() if isinstance(value, bool) else str(value)


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_cli_ask_prints_exactly_what_rendering_the_result_prints(graph: msc_graph.Graph, fmt: str) -> None:
    for name, query in msc_graph.named_queries().items():
        # a null example is the parameter's default: the CLI leaves it out (`-p source=None` would name a source)
        params = {k: _cli_value(v) for k, v in query.example_params.items() if v is not None}
        pairs = [arg for k, v in params.items() for arg in ("-p", f"{k}={v}")]
        res = cli("ask", name, *pairs, "--format", fmt)
        assert res.exit_code == 0, (name, res.stderr)
        expected = io.StringIO()  # a table shows the first page (the CLI asks the engine for that many rows)
        render(graph.query(name, max_rows=PAGE_ROWS if fmt == "table" else None, **params), fmt, expected)
        assert res.stdout == expected.getvalue(), name
