"""Looking at the graph and moving it elsewhere: ``explore``, ``plot``, ``export``."""

from __future__ import annotations

from pathlib import Path

import click

from ._common import errors, graph

_FIGURE_SUFFIXES = (".png", ".svg", ".pdf")


@click.command()
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True, help="Port (0: a free one).")
@click.option("--no-browser", is_flag=True, help="Do not open a web browser, only print the URL.")
@click.option("--verbose", is_flag=True, help="Log every request.")
@click.pass_context
@errors
def explore(ctx: click.Context, port: int, no_browser: bool, verbose: bool) -> None:
    """Serve the local explorer page on 127.0.0.1 (named queries, read-only Cypher, graph view)."""
    from .._explorer import serve

    serve(graph(ctx), port=port, open_browser=not no_browser, verbose=verbose)


@click.command()
@click.argument("figure", type=click.Choice(["gap-map", "pathways"]))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Figure file: .png, .svg or .pdf.",
)
@click.option("--include-hypotheses", is_flag=True, help="Also count claims the review states only as possible.")
@click.option(
    "--width",
    type=click.Choice(["single", "double"]),
    default="double",
    show_default=True,
    help="Journal column width: single (89 mm) or double (183 mm).",
)
@click.option("--dpi", type=click.IntRange(50, 1200), default=300, show_default=True, help="Resolution of PNG output.")
@click.pass_context
@errors
def plot(ctx: click.Context, figure: str, output: Path, include_hypotheses: bool, width: str, dpi: int) -> None:
    """Draw FIGURE: gap-map (RCD mode x mode of action, per setting) or pathways (shared pathways).

    PDF and SVG keep their text as text (TrueType fonts in PDF), ready for a journal.
    """
    if output.suffix.lower() not in _FIGURE_SUFFIXES:
        raise click.BadParameter(f"use one of {', '.join(_FIGURE_SUFFIXES)}", param_hint="--output")
    from .. import plots

    draw = plots.gap_map if figure == "gap-map" else plots.pathways
    fig = draw(graph(ctx), include_hypotheses=include_hypotheses, width=width)
    plots.save(fig, output, dpi=dpi)
    click.echo(f"wrote {output}")


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "cyjs", "kgx", "neo4j-csv", "claims-json"]),
    required=True,
    help="graphml/cyjs (Cytoscape), kgx (Biolink TSV), neo4j-csv (neo4j-admin import), claims-json.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="A file (graphml, cyjs, claims-json) or a folder (kgx, neo4j-csv).",
)
@click.pass_context
@errors
def export(ctx: click.Context, fmt: str, output: Path) -> None:
    """Export the published graph for Cytoscape, KGX/Biolink tools, neo4j-admin, or review."""
    from ..export import export as write_export

    for path in write_export(graph(ctx), fmt, output):
        click.echo(f"wrote {path}")


COMMANDS = (explore, plot, export)
