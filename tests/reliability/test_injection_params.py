"""Injection through parameters: every named-query parameter, `cypher` parameters, the CLI's -p.

Values only ever travel as query parameters (never spliced into Cypher), term parameters are looked
up in the vocabulary first, and parameter names are checked: whatever is sent, the outcome is a
result or one of the library's own errors, and the published graph is unchanged.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from click.testing import Result as CliResult

import msc_graph
from msc_graph import MscGraphError, ParameterError, UnknownQueryError, UnknownTermError

from ..conftest import cli
from .conftest import bolt_graph, fingerprint, record_figure
from .test_valid_edge_input import INJECTIONS, UNICODE

EVIL = [*INJECTIONS, UNICODE[2], "", " ", "-1", "9" * 40, "NaN", "true; DROP"]
FAST_EVIL = [INJECTIONS[0], INJECTIONS[3], INJECTIONS[4], "9" * 40, ""]
QUERIES = msc_graph.named_queries()
TEXT_TYPES = ("string", "list")  # parameters that take any text (a list: of texts)
EVIL_NAMES = ["x}) DETACH DELETE n //", "a`b", "`", "x y", "$x", "1abc", "ünï", "x\x00y", "rows"]


def _cases() -> list[tuple[str, str]]:
    return [(q.name, p.name) for q in QUERIES.values() for p in q.params]


@pytest.fixture(scope="module")
def before(graph: msc_graph.Graph) -> str:
    return fingerprint(graph)


@pytest.mark.parametrize(("query", "param"), _cases())
def test_named_query_parameter_injection(
    graph: msc_graph.Graph, before: str, query: str, param: str, full_run: bool
) -> None:
    q = QUERIES[query]
    spec = next(p for p in q.params if p.name == param)
    base = q.example_params
    outcomes: dict[str, int] = {}
    for evil in EVIL if full_run else FAST_EVIL:
        params = {**base, param: evil}
        try:
            frame = graph.ask(query, **params)
        except (UnknownTermError, ParameterError) as exc:
            outcomes[type(exc).__name__] = outcomes.get(type(exc).__name__, 0) + 1
            assert spec.type not in TEXT_TYPES, f"a {spec.type} parameter must accept any text: {exc}"
            continue
        assert list(frame.columns) == list(q.returns)
        outcomes["answered"] = outcomes.get("answered", 0) + 1
        assert spec.type in TEXT_TYPES or (spec.type == "integer" and evil.lstrip("-").isdigit()), (
            f"{query}: {param}={evil!r} ({spec.type}) was accepted"
        )
    assert fingerprint(graph) == before


def test_query_names_and_parameter_names_cannot_inject(graph: msc_graph.Graph, before: str) -> None:
    for evil in EVIL:
        with pytest.raises(UnknownQueryError):
            graph.ask(evil or "x")
        with pytest.raises(UnknownTermError):
            graph.resolve(evil + "\x01")
    for name in EVIL_NAMES:
        with pytest.raises(ParameterError):
            graph.ask("modes-of-action-rescuing", rcd="apoptosis", **{name: 1})
    assert fingerprint(graph) == before


def test_prepared_cypher_never_contains_the_values(graph: msc_graph.Graph) -> None:
    # v2: `studies`' setting is an enumeration (refused before any Cypher); `nodes-named` takes any text
    cypher, params = graph.prepare("nodes-named", values=[INJECTIONS[0], INJECTIONS[1]])
    assert INJECTIONS[0] not in cypher and INJECTIONS[1] not in cypher
    assert params["values"] == [INJECTIONS[0], INJECTIONS[1]]
    with pytest.raises(ParameterError, match="must be one of"):
        graph.prepare("studies", setting=INJECTIONS[0])


def test_cypher_parameter_values_are_values(graph: msc_graph.Graph, before: str) -> None:
    answered = 0
    for evil in EVIL:
        frame = graph.cypher("MATCH (s:Study) WHERE s.note = $x WITH count(s) AS n RETURN n, $x AS echo", x=evil)
        assert frame["echo"][0] == evil
        assert int(frame["n"][0]) == 0 or not evil.strip()  # many notes are empty
        answered += 1
    nested: dict[str, Any] = {"list": EVIL, "map": {"k": INJECTIONS[1], "weird key -1": INJECTIONS[2]}}
    frame = graph.cypher("RETURN $p AS p", p=nested)
    assert frame["p"][0] == nested
    assert fingerprint(graph) == before
    record_figure("cypher_param_values", values=answered + 1, errors=0)


@pytest.mark.parametrize("name", EVIL_NAMES)
def test_cypher_parameter_names_are_checked(graph: msc_graph.Graph, before: str, name: str) -> None:
    try:
        frame = graph.cypher("RETURN 1 AS one", **{name: 1})
    except MscGraphError as exc:
        assert isinstance(exc, ParameterError), repr(exc)
    else:
        assert list(frame["one"]) == [1]
    assert fingerprint(graph) == before


@pytest.mark.parametrize(
    "value",
    [float("nan"), float("inf"), 2**63, -(2**63) - 1, b"bytes", object(), "a\x00b", "\ud800", {"a`b": 1}],
    ids=["nan", "inf", "2^63", "-2^63-1", "bytes", "object", "nul", "surrogate", "backtick-key"],
)
def test_cypher_parameter_values_the_engine_cannot_take_are_refused_cleanly(
    graph: msc_graph.Graph, before: str, value: Any
) -> None:
    """Never a wrong answer (e.g. 2**63 silently clamped) and never a non-library exception."""
    try:
        frame = graph.cypher("RETURN $x AS x", x=value)
    except MscGraphError as exc:
        assert isinstance(exc, ParameterError), repr(exc)
    else:
        got = frame["x"][0]
        assert got == value or (value != value and got != got), f"{value!r} came back as {got!r}"
    assert fingerprint(graph) == before


def _one_line_error(proc: CliResult) -> str:
    assert proc.exit_code == 1, (proc.exit_code, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), proc.stderr
    return lines[0]


def test_cli_parameters_cannot_inject(graph: msc_graph.Graph, before: str, full_run: bool) -> None:
    evils = EVIL if full_run else FAST_EVIL
    calls = 0
    for evil in evils:
        line = _one_line_error(cli("ask", "modes-of-action-rescuing", "-p", f"rcd={evil}"))
        assert "unknown RCD mode" in line
        table = cli("ask", "review-table", "-p", f"table={evil}", "--format", "json")
        if re.fullmatch(r"\s*-?\d{1,18}\s*", evil):  # a real integer: a (probably empty) answer
            assert table.exit_code == 0 and table.stdout.strip() == "[]", table.stderr
        else:
            _one_line_error(table)
        assert "must be one of" in _one_line_error(cli("ask", "studies", "-p", f"setting={evil}"))  # an enumeration
        out = cli("ask", "nodes-named", "-p", f"values={evil}", "--format", "json")  # any text: a value, no match
        assert out.exit_code == 0 and out.stdout.strip() == "[]", out.stderr
        out = cli("cypher", "RETURN $x AS x", "-p", f"x={evil}", "--format", "json")
        assert out.exit_code == 0 and '"x": ' in out.stdout, out.stderr
        calls += 5
    for name in ["x}) DETACH DELETE n //", "a`b"] if not full_run else EVIL_NAMES[:-2]:
        _one_line_error(cli("ask", "modes-of-action-rescuing", "-p", "rcd=apoptosis", "-p", f"{name}=1"))
        proc = cli("cypher", "RETURN 1 AS one", "-p", f"{name}=1")
        assert proc.exit_code in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
        if proc.exit_code:
            _one_line_error(proc)
        calls += 2
    assert fingerprint(graph) == before
    record_figure("cli_param_injection", cli_calls=calls, graph_changed=0)


@pytest.mark.bolt
@pytest.mark.parametrize(
    "value",
    [2**63, -(2**63) - 1, "\ud800", object(), {"k": object()}],
    ids=["2^63", "-2^63-1", "surrogate", "object", "nested-object"],
)
def test_parameters_the_neo4j_driver_cannot_send_are_refused_cleanly(arcade: Any, value: Any) -> None:
    g = bolt_graph(arcade)
    try:
        with pytest.raises(ParameterError):
            g.cypher("RETURN $x AS x", x=value)
    finally:
        g.close()
