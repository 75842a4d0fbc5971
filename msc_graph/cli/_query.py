"""Asking: ``ask``, ``cypher``, ``queries``, ``review-table``."""

from __future__ import annotations

from pathlib import Path

import click

from .._api import list_queries
from .._render import RESULT_FORMATS
from ._common import emit, errors, graph, output_options, param_option, params

REVIEW_COLUMNS = {
    "studies": "Studies",
    "sources": "Sources of MSCs",
    "function": "MSC death modulation function",
    "modes": "Modes of actions",
    "reference": "References",
}


@click.command()
@click.argument("name")
@param_option
@output_options(RESULT_FORMATS)
@click.pass_context
@errors
def ask(ctx: click.Context, name: str, pairs: tuple[str, ...], fmt: str, output: Path | None) -> None:
    """Run the named query NAME (see `msc-graph queries`)."""
    from ..export import result_html

    g, values = graph(ctx), params(pairs)
    result = g.query(name, **values)
    emit(result, fmt, output, page=lambda: result_html(g, result, f"msc-graph ask {name}", name, values))


@click.command()
@click.argument("text")
@param_option
@output_options(RESULT_FORMATS)
@click.pass_context
@errors
def cypher(ctx: click.Context, text: str, pairs: tuple[str, ...], fmt: str, output: Path | None) -> None:
    """Run your own read-only Cypher TEXT (parameters are strings)."""
    from ..export import result_html

    g = graph(ctx)
    result = g.run_cypher(text, **params(pairs))
    emit(result, fmt, output, page=lambda: result_html(g, result, "msc-graph cypher"))


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
@output_options()
@errors
def queries(fmt: str, output: Path | None) -> None:
    """List the named queries with their descriptions and parameters."""
    emit(list_queries(), fmt, output)


COMMANDS = (ask, cypher, review_table, queries)
