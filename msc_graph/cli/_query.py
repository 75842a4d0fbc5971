"""Asking: ``ask``, ``cypher``, ``queries``, ``review-table``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .._api import list_queries
from .._config import PAGE_ROWS
from .._queries import get as get_query
from .._render import RESULT_FORMATS, WIDE
from .._result import Result
from . import _help
from ._common import emit, errors, fail, graph, output_options, param_option, params

if TYPE_CHECKING:
    from .._api import Graph

REVIEW_COLUMNS = {
    "studies": "Studies",
    "sources": "Sources of MSCs",
    "function": "MSC death modulation function",
    "modes": "Modes of actions",
    "reference": "References",
}


cite_option = click.option(
    "--cite",
    "cite_fmt",
    type=click.Choice(["bibtex", "ris", "csl-json"]),
    default=None,
    help="Print the studies behind the answer as citations instead of the answer.",
)


max_rows_option = click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=None,
    help=f"At most this many rows (default: {PAGE_ROWS} as a table, MSC_GRAPH_MAX_ROWS otherwise).",
)


def _rows(max_rows: int | None, fmt: str) -> int | None:
    """``--max-rows``, else a page (``PAGE_ROWS``) for the terminal views; csv, json and html carry
    up to the row cap (``MSC_GRAPH_MAX_ROWS``)."""
    return PAGE_ROWS if max_rows is None and fmt in ("table", "records") else max_rows


def _write_text(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


@click.command(cls=_help.AskCommand)
@click.argument("name", required=False, shell_complete=_help.complete_query)
@param_option
@output_options(RESULT_FORMATS)
@max_rows_option
@cite_option
@click.pass_context
@errors
def ask(
    ctx: click.Context,
    name: str | None,
    pairs: tuple[str, ...],
    fmt: str,
    output: Path | None,
    max_rows: int | None,
    cite_fmt: str | None,
) -> None:
    """Run the named query NAME; without NAME, list the named queries and their questions.

    NAME may be a plain-language question (ask "which modes of action rescue necroptosis?"): it is
    read as a named query with its terms, the reading and the exact command are printed, then the
    answer; a question it cannot read confidently prints the three best readings and exits with 1.
    """
    if name is None:
        click.echo(_help.list_text(_help.stdout_width()), nl=False)
        return
    g, values = graph(ctx), params(pairs)
    if _is_question(name):  # plain language: route it, say how it was read, then answer
        name, values = _route(g, name, values, quiet=output is None and (fmt != "table" or bool(cite_fmt)))
    result = g.query(name, max_rows=max_rows if cite_fmt else _rows(max_rows, fmt), **values)
    if cite_fmt:
        _write_text(g.cite(result, cite_fmt), output)
        return
    emit(result, fmt, output, page=lambda: _page(g, result, f"msc-graph ask {name}", name, values))


def _is_question(name: str) -> bool:
    """True for free text (``ask "which modes of action rescue necroptosis?"``), not a query name."""
    from .._queries import registry

    key = name.strip().lower().replace("_", "-")
    return key not in registry() and (any(c.isspace() or c == "?" for c in key) or "-" not in key)


def _route(g: Graph, text: str, values: dict[str, str], quiet: bool) -> tuple[str, dict[str, Any]]:
    """The named query and parameters of a plain-language question (``-p`` pairs added); how it was
    read and the exact command go to stdout (stderr when stdout carries csv/json/html)."""
    from .._router import command

    answer = g.question(text, answer=False)
    reading = answer.reading
    if not answer.confident or reading is None:
        click.echo(answer.describe(), nl=False, err=quiet)
        fail(f"could not read the question confidently ({'; '.join(answer.problems)}): run one of the commands above")
        raise SystemExit(1)  # fail() exits; this tells the type checker so
    chosen = {**reading.params, **values}
    text_out = answer.describe().replace(f"Command: {reading.command}", f"Command: {command(reading.query, chosen)}")
    click.echo(text_out, err=quiet)
    return reading.query, chosen


@click.command()
@click.argument("name")
@param_option
@click.option("--format", "fmt", type=click.Choice(["bibtex", "ris", "csl-json"]), default="bibtex", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write to this file."
)
@click.pass_context
@errors
def cite(ctx: click.Context, name: str, pairs: tuple[str, ...], fmt: str, output: Path | None) -> None:
    """Cite the studies behind the answer of the named query NAME (BibTeX, RIS or CSL-JSON)."""
    g = graph(ctx)
    _write_text(g.cite(g.query(name, **params(pairs)), fmt), output)


def _page(g: Any, result: Result, title: str, *args: Any) -> str:
    """The HTML page of an answer (``--format html``): the export module only then."""
    from ..export import result_html

    return result_html(g, result, title, *args)


@click.command()
@click.argument("text")
@param_option
@output_options(RESULT_FORMATS)
@max_rows_option
@click.pass_context
@errors
def cypher(
    ctx: click.Context, text: str, pairs: tuple[str, ...], fmt: str, output: Path | None, max_rows: int | None
) -> None:
    """Run your own read-only Cypher TEXT (parameters are strings)."""
    g = graph(ctx)
    result = g.run_cypher(text, max_rows=_rows(max_rows, fmt), **params(pairs))
    emit(result, fmt, output, page=lambda: _page(g, result, "msc-graph cypher"))


@click.command("review-table")
@click.argument("number", type=click.IntRange(1, 4))
@output_options()
@click.pass_context
@errors
def review_table(ctx: click.Context, number: int, fmt: str, output: Path | None) -> None:
    """Print Table NUMBER (1-4) of the review, regenerated from the graph."""
    result = graph(ctx).query("review-table", table=number)
    if fmt == "table":
        result = result.select(["row", *REVIEW_COLUMNS], rename=REVIEW_COLUMNS)
    emit(result, fmt, output, title=f"Table {number}")


@click.command()
@click.argument("name", required=False, shell_complete=_help.complete_query)
@output_options()
@errors
def queries(name: str | None, fmt: str, output: Path | None) -> None:
    """List the named queries; with NAME, show one: question, parameters, example, columns."""
    if name is None:
        listed = list_queries()
        if fmt in ("table", "records"):  # the terminal: what each answers; `queries NAME` for the rest
            listed = _help.overview()
        emit(listed, fmt, output)
        return
    query = get_query(name)
    if fmt == "json":
        _write_text(json.dumps(_help.describe(query), ensure_ascii=False, indent=2) + "\n", output)
    elif fmt == "csv":
        info = _help.describe(query)["params"]
        rows = [[p["name"], p["type"], p["required"], p["default"], p["choices"], p["description"]] for p in info]
        emit(Result(["name", "type", "required", "default", "choices", "description"], rows), fmt, output)
    else:
        _write_text(_help.describe_text(query, _help.stdout_width() if output is None else WIDE), output)


COMMANDS = (ask, cite, cypher, review_table, queries)
