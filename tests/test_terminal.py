"""The terminal as a biologist meets it: tables that fit the terminal (or records when they would
not), no word broken mid-word, long lists cut with a count, ``-o FILE`` for every format, one-line
errors listing the allowed values of enumerated parameters, ``queries NAME``, ``ask`` without a
name, and shell completion."""

from __future__ import annotations

import json
import random
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

import msc_graph
from msc_graph import _queries, _render
from msc_graph._result import Result
from msc_graph.cli import _help, main
from msc_graph.cli._query import REVIEW_COLUMNS

from .conftest import ROOT, cli

CATALOGUE = _queries.catalogue()
README = (ROOT / "README.md").read_text(encoding="utf-8")
BOX = "─━│┃┏┓┗┛┡┩└┘┳┻╇┴┬├┤┼╋═║"
HEADING = re.compile(r"^─\[ \d+ of \d+ \]─+$")
DECORATION = {"•", "…", "and", "more", "(no", "rows)", *_render.CUT_NOTE.split()}


def _tokens(text: str) -> list[str]:
    return text.translate({ord(c): " " for c in BOX}).split()


def _allowed(result: Result, title: str | None = None) -> set[str]:
    """Every whole word a terminal view of ``result`` may print."""
    words = set(DECORATION) | set((title or "").split())
    for c in result.columns:
        words.update(_tokens(str(c)))
    for row in result.rows:
        for v in row:
            words.update(_tokens(_render.display_text(v)))
            if isinstance(v, list | tuple):
                for x in v:
                    words.update(_tokens(_render.cell_text(x)))
    return words


def assert_fits(out: str, width: int, allowed: set[str]) -> None:
    """Every line within ``width`` columns, and every word printed whole."""
    for line in out.splitlines():
        assert _render.cell_len(line) <= width, f"{_render.cell_len(line)} > {width}: {line!r}"
        if HEADING.match(line):
            continue
        broken = [t for t in _tokens(line) if t not in allowed]
        assert not broken, f"words broken or unknown {broken} in {line!r}"


def _documented() -> list[list[str]]:
    """The README's ``msc-graph`` commands whose output is a terminal view (no file, no other format)."""
    out = []
    for block in re.findall(r"```bash\n(.*?)```", README, flags=re.S):
        for ln in block.splitlines():
            if ".venv/bin/msc-graph ask" in ln:
                ln = "msc-graph ask" + ln.split(".venv/bin/msc-graph ask", 1)[1]
            ln = ln.split("  #", 1)[0].strip()
            if not ln.startswith("msc-graph "):
                continue
            args = shlex.split(ln)[1:]
            if args[0] in ("ask", "cypher", "queries", "review-table", "status") and not (
                {"--format", "-o", "--output", "--backend", "--cite"} & set(args)  # --cite prints citations
            ):
                out.append(args)
    return out


def _answer(graph: msc_graph.Graph, args: list[str]) -> tuple[Result, str | None]:
    """What the command prints, as a Result (to know its words)."""
    if args == ["ask"]:
        return Result(["name", "question"], [list(r) for r in _help.question_rows()]), _help.list_text(200)
    if args[0] == "queries" and len(args) > 1:
        return Result([], []), _help.describe_text(CATALOGUE[args[1]], 200)
    if args[0] == "ask" and args[1] not in _queries.registry():  # a plain-language question
        answer = graph.question(args[1])
        assert answer.result is not None, answer.describe()
        return answer.result, answer.describe()
    if args[0] == "ask":
        pairs = dict(a.split("=", 1) for a in args[2:] if "=" in a)
        return graph.query(args[1], **pairs), None
    if args[0] == "cypher":
        return graph.run_cypher(args[1]), None
    if args[0] == "queries":
        return _help.overview(), None
    if args[0] == "review-table":
        res = graph.query("review-table", table=int(args[1]))
        return res.select(["row", *REVIEW_COLUMNS], rename=REVIEW_COLUMNS), f"Table {args[1]}"
    return _render.mapping_result(graph.status()), None


DOCUMENTED = _documented()


def test_the_readme_shows_terminal_commands() -> None:
    assert {a[0] for a in DOCUMENTED} >= {"ask", "cypher", "queries", "review-table", "status"}


@pytest.mark.parametrize("width", [100, 80, 150])
@pytest.mark.parametrize("args", DOCUMENTED, ids=lambda a: " ".join(a)[:50])
def test_readme_examples_fit_the_terminal_without_broken_words(
    graph: msc_graph.Graph, args: list[str], width: int
) -> None:
    r = cli(*args, env={"COLUMNS": str(width)})
    assert r.exit_code == 0, r.stderr
    result, title = _answer(graph, args)
    allowed = _allowed(result, title)
    if args[0] == "status":  # the server's memory changes between two reads
        allowed |= set(re.findall(r"\b\d+(?:\.\d+)?[KMG]\b", r.stdout))
    assert_fits(r.stdout, width, allowed)
    assert r.stdout.strip()


def test_a_wide_answer_becomes_records_and_fits(graph: msc_graph.Graph) -> None:
    narrow = cli("ask", "modes-of-action-rescuing", "-p", "rcd=necroptosis", env={"COLUMNS": "100"})
    assert narrow.exit_code == 0
    lines = narrow.stdout.splitlines()
    assert HEADING.match(lines[0]) and "┃" not in narrow.stdout  # records, not a squeezed table
    rows = graph.query("modes-of-action-rescuing", rcd="necroptosis")
    assert sum(bool(HEADING.match(ln)) for ln in lines) == len(rows)
    assert any(re.match(r"^mode_of_action +│ EV transfer$", ln) for ln in lines)
    wide = cli("review-table", "2", env={"COLUMNS": "200"})
    assert "┃" in wide.stdout and "Cselenyak" in wide.stdout  # a table when it fits
    forced = cli("review-table", "2", "--format", "records", env={"COLUMNS": "200"})
    assert forced.stdout.startswith("Table 2\n─[ 1 of 6 ]") and "┃" not in forced.stdout


def test_one_claim_of_evidence_is_short_at_120_columns(graph: msc_graph.Graph) -> None:
    """The Miro-1 evidence (one claim, long quotes and notes) took 125 lines as a squeezed table."""
    r = cli("ask", "evidence-for", "-p", "term=Miro-1", env={"COLUMNS": "120"})
    assert r.exit_code == 0, r.stderr
    res = graph.query("evidence-for", term="Miro-1")
    assert_fits(r.stdout, 120, _allowed(res))
    assert len(r.stdout.splitlines()) <= 50 * len(res)


def test_column_widths_never_break_a_word() -> None:
    rng = random.Random(14)
    vocab = ["apoptosis", "necroptosis", "mitochondria", "BM-MSCs;", "Cx43", "[40];", "a", "of", "doi:10.1/x-y"]
    for _ in range(300):
        ncol = rng.randint(1, 8)
        cols = [rng.choice(["ref", "mode_of_action", "n_studies", "quotes", "x"]) for _ in range(ncol)]
        cells = [[" ".join(rng.choices(vocab, k=rng.randint(0, 30))) for _ in cols] for _ in range(rng.randint(1, 5))]
        width = rng.randint(30, 220)
        widths = _render.column_widths(cols, cells, width)
        if widths is None:
            continue
        assert sum(widths) + 3 * ncol + 1 <= width
        for i, w in enumerate(widths):
            assert all(len(word) <= w for r in cells for word in r[i].split()), (cols[i], w)
        res = Result(cols, [list(r) for r in cells])
        out = _render_text(res, "table", width)
        assert_fits(out, width, _allowed(res))


def _render_text(res: Result, fmt: str, width: int) -> str:
    import io
    import os

    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        buf = io.StringIO()
        _render.render(res, fmt, buf)
        return buf.getvalue()
    finally:
        if old is None:
            os.environ.pop("COLUMNS")
        else:
            os.environ["COLUMNS"] = old


@pytest.mark.parametrize("fmt", ["table", "records"])
def test_long_lists_are_cut_with_a_count(fmt: str) -> None:
    res = Result(["pathway", "refs"], [["PI3K/Akt", list(range(1, 21))]])
    out = _render_text(res, fmt, 100)
    assert "1; 2; 3; 4; 5; 6; 7; 8; … and 12 more" in out and "; 9;" not in out
    assert _render.CUT_NOTE in out
    full = _render_text(res, "csv", 100)
    assert "; 20" in full and "more" not in full  # data formats keep every item


def test_records_put_long_items_one_per_line() -> None:
    quote = "Miro-1 appears essential to facilitate mitochondria trafficking from human MSCs to unfit cells"
    res = Result(["claim", "quotes"], [["ref38-p1", [quote, quote.upper()]]])
    out = _render_text(res, "records", 80)
    assert out.splitlines()[0] == "─[ 1 of 1 ]" + "─" * (80 - 11)
    assert "quotes │ • Miro-1 appears" in out and "       │ • MIRO-1 APPEARS" in out
    assert_fits(out, 80, _allowed(res))


@pytest.mark.parametrize("fmt", ["table", "records", "csv", "json", "html"])
def test_output_file_for_every_format(graph: msc_graph.Graph, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"answer.{fmt}"
    r = cli("ask", "modes-of-action-rescuing", "-p", "rcd=necroptosis", "--format", fmt, "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "" and f"wrote {out}" in r.stderr
    text = out.read_text(encoding="utf-8")
    assert "Crompot et al. [40]" in " ".join(_tokens(text))
    if fmt == "json":
        assert json.loads(text)[0]["mode_of_action"]
    if fmt == "csv":
        assert text.startswith("mode_of_action,category,")
    if fmt == "html":
        assert text.startswith("<!doctype html>")
    for args in (["queries"], ["review-table", "1"], ["status"], ["queries", "gap-map"]):
        other = tmp_path / f"{'-'.join(args)}.{fmt}"
        if fmt == "html":
            continue
        r = cli(*args, "--format", fmt, "-o", str(other))
        assert r.exit_code == 0 and r.stdout == "" and other.stat().st_size > 0, (args, r.stderr)


# -- enumerated parameters -------------------------------------------------------------------
ENUMS = [(q.name, p) for q in CATALOGUE.values() for p in q.params if p.choices]


def test_the_catalogue_has_enumerated_parameters() -> None:
    assert {(n, p.name) for n, p in ENUMS} >= {
        ("review-table", "table"),
        ("conflicts", "field"),
        ("studies", "setting"),
    }


@pytest.mark.parametrize(("name", "param"), ENUMS, ids=lambda x: x if isinstance(x, str) else x.name)
def test_a_misspelt_enumerated_parameter_lists_the_allowed_values(
    graph: msc_graph.Graph, name: str, param: _queries.Param
) -> None:
    q = CATALOGUE[name]
    args = ["ask", name]
    for p in q.params:
        if p.required and p.name != param.name:
            args += ["-p", f"{p.name}={q.example_params[p.name]}"]
    wrong = str(param.choices[0]).replace(" ", "") + "x"
    r = cli(*args, "-p", f"{param.name}={wrong}")
    assert r.exit_code != 0 and r.stdout == ""
    assert r.stderr.startswith("Error: ") and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert repr(param.name) in r.stderr and repr(wrong) in r.stderr
    for choice in param.choices:
        assert repr(choice) in r.stderr, (choice, r.stderr)
    with pytest.raises(msc_graph.ParameterError):  # the same check from Python
        graph.query(name, **{**{p.name: q.example_params[p.name] for p in q.params if p.required}, param.name: wrong})
    right = str(param.choices[-1]).upper()  # any case is accepted
    assert cli(*args, "-p", f"{param.name}={right}", "--format", "json").exit_code == 0


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["ask", "studies", "-p", "setting=invivo"], "'in vitro', 'in vivo', 'clinical'"),
        (["ask", "conflicts", "-p", "field=species"], "'setting', 'msc_sources'"),
        (["ask", "review-table", "-p", "table=5"], "1, 2, 3, 4"),
    ],
)
def test_the_misspellings_of_the_issue(graph: msc_graph.Graph, args: list[str], allowed: str) -> None:
    r = cli(*args)
    assert r.exit_code == 1 and "must be one of" in r.stderr and allowed in r.stderr, r.stderr


# -- finding the queries -----------------------------------------------------------------------
def test_ask_without_a_name_lists_the_questions() -> None:
    r = cli("ask", env={"COLUMNS": "100"})
    assert r.exit_code == 0, r.stderr
    for name in CATALOGUE:
        assert re.search(rf"^  {re.escape(name)} +\S", r.stdout, re.M), name
    assert "Which modes of action rescue cells from an RCD mode?" in r.stdout
    assert all(len(ln) <= 100 for ln in r.stdout.splitlines())
    helped = cli("ask", "--help")
    assert helped.exit_code == 0 and "Named queries" in helped.stdout
    assert all(name in helped.stdout for name in CATALOGUE)


@pytest.mark.parametrize("name", list(CATALOGUE))
def test_queries_name_shows_one_query_in_full(graph: msc_graph.Graph, name: str) -> None:
    q = CATALOGUE[name]
    r = cli("queries", name, env={"COLUMNS": "100"})
    assert r.exit_code == 0, r.stderr
    text = r.stdout
    assert text.startswith(name + "\n") and " ".join(q.question.split()) in " ".join(text.split())
    for heading in ("Parameters:", "Example:", "Columns:"):
        assert heading in text
    for p in q.params:
        assert re.search(rf"^  {p.name} ", text, re.M), p.name
        for choice in p.choices:
            assert str(choice) in text
        if not p.required and p.default is not None:
            assert "default: " in text
    assert all(col in " ".join(text.split()) for col in q.returns)
    assert all(len(ln) <= 100 for ln in text.splitlines())
    example = next(ln.strip() for ln in text.splitlines() if ln.strip().startswith("msc-graph ask "))
    ran = cli(*shlex.split(example)[1:], "--format", "json")  # the example runs as printed
    assert ran.exit_code == 0, (example, ran.stderr)
    data = json.loads(cli("queries", name, "--format", "json").stdout)
    assert data["question"] == q.question and [p["name"] for p in data["params"]] == [p.name for p in q.params]
    assert data["returns"] == list(q.returns)


def test_queries_name_unknown_suggests() -> None:
    r = cli("queries", "modes-of-action")
    assert r.exit_code == 1 and "modes-of-action-rescuing" in r.stderr and len(r.stderr.splitlines()) == 1


def test_shell_completion_of_commands_and_query_names() -> None:
    runner = CliRunner()
    script = runner.invoke(main, [], prog_name="msc-graph", env={"_MSC_GRAPH_COMPLETE": "bash_source"})
    assert script.exit_code == 0 and "_msc_graph_completion" in script.output
    env = {"_MSC_GRAPH_COMPLETE": "bash_complete", "COMP_WORDS": "msc-graph ask modes-of", "COMP_CWORD": "2"}
    done = runner.invoke(main, [], prog_name="msc-graph", env=env)
    assert "modes-of-action-rescuing" in done.output
    env = {"_MSC_GRAPH_COMPLETE": "bash_complete", "COMP_WORDS": "msc-graph que", "COMP_CWORD": "1"}
    assert "queries" in runner.invoke(main, [], prog_name="msc-graph", env=env).output
    assert "_MSC_GRAPH_COMPLETE=bash_source msc-graph" in README
