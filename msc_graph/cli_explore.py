"""``msc-graph explore``, ``plot`` and ``export``: looking at the graph and moving it elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .cli import _graph, errors

if TYPE_CHECKING:
    import pandas as pd


@click.command()
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True, help="Port (0: a free one).")
@click.option("--no-browser", is_flag=True, help="Do not open a web browser, only print the URL.")
@click.option("--verbose", is_flag=True, help="Log every request.")
@click.pass_context
@errors
def explore(ctx: click.Context, port: int, no_browser: bool, verbose: bool) -> None:
    """Serve the local explorer page on 127.0.0.1 (named queries, read-only Cypher, graph view)."""
    from ._explore import serve

    serve(_graph(ctx), port=port, open_browser=not no_browser, verbose=verbose)


_FIGURE_SUFFIXES = (".png", ".svg", ".pdf")


@click.command()
@click.argument("figure", type=click.Choice(["gap-map", "pathways"]))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
    help="Figure file: .png, .svg or .pdf.",
)  # fmt: skip
@click.option("--include-hypotheses", is_flag=True, help="Also count claims the review states only as possible.")
@click.option("--dpi", type=click.IntRange(50, 600), default=150, show_default=True, help="Resolution of PNG output.")
@click.pass_context
@errors
def plot(ctx: click.Context, figure: str, output: Path, include_hypotheses: bool, dpi: int) -> None:
    """Draw FIGURE: gap-map (RCD mode x mode of action, per setting) or pathways (shared pathways)."""
    if output.suffix.lower() not in _FIGURE_SUFFIXES:
        raise click.BadParameter(f"use one of {', '.join(_FIGURE_SUFFIXES)}", param_hint="--output")
    from ._plots import gap_map, pathways

    g = _graph(ctx)
    draw = gap_map if figure == "gap-map" else pathways
    fig = draw(g, include_hypotheses=include_hypotheses)
    output.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(output, dpi=dpi, bbox_inches="tight")
    click.echo(f"wrote {output}")


@click.command()
@click.option(
    "--format", "fmt", type=click.Choice(["graphml", "cyjs", "kgx", "neo4j-csv", "claims-json"]), required=True,
    help="graphml/cyjs (Cytoscape), kgx (Biolink TSV), neo4j-csv (neo4j-admin import), claims-json.",
)  # fmt: skip
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True,
    help="A file (graphml, cyjs, claims-json) or a folder (kgx, neo4j-csv).",
)  # fmt: skip
@click.pass_context
@errors
def export(ctx: click.Context, fmt: str, output: Path) -> None:
    """Export the published graph for Cytoscape, KGX/Biolink tools, neo4j-admin, or review."""
    from ._export import export as write_export

    written = write_export(_graph(ctx), fmt, output)
    for path in written:
        click.echo(f"wrote {path}")


def emit_result(
    g: Any,
    frame: pd.DataFrame,
    fmt: str,
    output: Path | None,
    title: str,
    query: str | None = None,
    params: Any = None,
) -> None:
    """Print a result of ``ask``/``cypher`` (``render``), or write it as an HTML page."""
    if fmt == "html":
        write_html(g, frame, output, title, query, params)
        return
    if output is not None:
        raise click.UsageError("-o/--output is for --format html (redirect other formats)")
    from ._output import render

    render(frame, fmt)


def write_html(
    g: Any, frame: pd.DataFrame, output: Path | None, title: str, query: str | None = None, params: Any = None
) -> None:
    """``--format html`` of ``ask``/``cypher``: a self-contained page with the table and the graph."""
    from ._explore.html import result_html

    text = result_html(g, frame, title=title, query=query, params=params)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
