"""The CLI: thin, formats, one-line errors with a non-zero exit."""

from __future__ import annotations

import json

import msc_graph

from .conftest import cli, run_cli, short_tmpdir


def test_ask_json_is_a_list_of_row_objects(graph: msc_graph.Graph) -> None:
    proc = cli("ask", "modes-of-action-rescuing", "--param", "rcd=necroptosis", "--format", "json")
    assert proc.exit_code == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert isinstance(rows, list) and rows and set(rows[0]) >= {"mode_of_action", "refs"}
    expected = graph.modes_of_action("necroptosis")
    assert [r["mode_of_action"] for r in rows] == list(expected["mode_of_action"])


def test_ask_csv_and_table(graph: msc_graph.Graph) -> None:
    csv = cli("ask", "modes-of-action-rescuing", "-p", "rcd=necroptosis", "--format", "csv")
    assert csv.exit_code == 0 and csv.stdout.splitlines()[0].startswith("mode_of_action,category")
    # as wide as needed: the table fits the terminal's width (COLUMNS), and v2 answers have more columns
    table = cli("ask", "modes-of-action-rescuing", "-p", "rcd=necroptosis", env={"COLUMNS": "1000"})
    assert table.exit_code == 0 and "mode_of_action" in table.stdout


def test_status_and_queries(graph: msc_graph.Graph) -> None:
    st = cli("status", "--format", "json")
    assert st.exit_code == 0
    data = json.loads(st.stdout)
    assert data["backend"] == "embedded" and data["nodes"]["Claim"] > 0
    q = cli("queries", "--format", "json")
    assert "modes-of-action-rescuing" in {r["name"] for r in json.loads(q.stdout)}


def test_errors_are_one_line_without_traceback(graph: msc_graph.Graph) -> None:
    cases = [
        ("ask", "no-such-query"),
        ("ask", "modes-of-action-rescuing", "-p", "rcd=necroptosys"),
        ("ask", "modes-of-action-rescuing"),
        ("cypher", "MATCH (n RETURN n"),
        ("--backend", "neo4j", "status"),
    ]
    for args in cases:
        proc = cli(*args, env={"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "x"})
        assert proc.exit_code != 0, args
        assert "Traceback" not in proc.stderr, args
        assert len(proc.stderr.strip().splitlines()) == 1, (args, proc.stderr)
        assert proc.stderr.startswith("Error: "), (args, proc.stderr)


def test_neo4j_unreachable_says_how_to_start_it() -> None:
    proc = cli("--backend", "neo4j", "status", env={"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "x"})
    assert "docker compose up" in proc.stderr


def test_python_dash_m_and_version() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0 and msc_graph.__version__ in proc.stdout


def test_asking_an_empty_graph_says_to_ingest() -> None:
    d = short_tmpdir("mge")
    try:
        proc = cli("--data-dir", str(d), "ask", "modes-of-action-rescuing", "-p", "rcd=necroptosis")
        assert proc.exit_code == 1 and "msc-graph ingest" in proc.stderr
    finally:
        msc_graph.stop_server(d)
