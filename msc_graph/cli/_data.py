"""Building and running: ``ingest``, ``validate``, ``status``, ``server start|stop|status``."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from .. import _api, _render
from .._fastload import gc_paused
from .._result import Result
from .._schema import TALLY
from ._common import data_dir, emit, errors, graph, output_options


@click.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--batch-size", type=click.IntRange(1), default=None, help="Rows per UNWIND statement.")
@click.option("--quiet", "-q", is_flag=True, help="Print one summary line instead of the counts table.")
@output_options()
@click.pass_context
@errors
def ingest(
    ctx: click.Context, path: Path | None, batch_size: int | None, quiet: bool, fmt: str, output: Path | None
) -> None:
    """Validate the curated records and publish them as the graph (atomically)."""
    from rich.progress import Progress

    show = sys.stderr.isatty() and fmt == "table"
    shown = [0.0]  # when the bar was last drawn

    def progress(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)
        if time.monotonic() - shown[0] >= 0.1 or done == total:
            bar.refresh()
            shown[0] = time.monotonic()

    # drawn from the callback, not by rich's refresh thread: a process with a thread does not fork
    # the ingest's tally child (msc_graph/_tally_fork.py)
    with Progress(transient=True, disable=not show, auto_refresh=False) as bar:
        task = bar.add_task("ingest", total=None)
        report = graph(ctx).ingest(path, batch_size=batch_size, progress=progress)
    if quiet:
        tallies = report.nodes.get(TALLY, 0)
        nodes = sum(report.nodes.values()) - tallies
        rels = sum(n for rel, n in report.relationships.items() if rel != "TALLIES")
        click.echo(
            f"published {nodes} nodes and {rels} relationships ({report.nodes.get('Study', 0)} studies, "
            f"{report.nodes.get('Claim', 0)} claims) and {tallies} precomputed answers"
        )
        return
    rows: list[list[object]] = [["node", k, v] for k, v in report.nodes.items()]
    rows += [["relationship", k, v] for k, v in report.relationships.items()]
    emit(Result(["kind", "name", "count"], rows), fmt, output, title="Published")


@click.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@errors
def validate(path: Path | None) -> None:
    """Check the curated records without touching any database."""
    with gc_paused():  # ended once the records are freed, as Graph.ingest does (see there)
        ds = _api.validate(path)
        summary = (
            f"ok: {len(ds.studies)} studies, {len(ds.claims)} claims, "
            f"{sum(len(t) for t in ds.terms.values())} vocabulary terms"
        )
        del ds
    click.echo(summary)


@click.command("new-study")
@click.option("--pmid", default=None, help="PubMed id of the paper.")
@click.option("--doi", default=None, help="DOI of the paper (when it has no PMID).")
@click.option("--source", default="literature-2020s", show_default=True, help="Source folder to add it to.")
@click.option(
    "--records",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Records folder (default: $MSC_GRAPH_RECORDS or the shipped ingest/).",
)
@errors
def new_study(pmid: str | None, doi: str | None, source: str, records: Path | None) -> None:
    """Write a record template for a paper (study + claim), with the fields to fill and the vocabulary."""
    from .._newstudy import new_study as write_template

    for path in write_template(pmid, doi, source, records):
        click.echo(f"wrote {path}")
    click.echo(
        "next: fill in the template, then `msc-graph validate` (it names every field left) and `msc-graph ingest`"
    )


@click.command()
@output_options()
@click.pass_context
@errors
def status(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Engine, and counts of nodes per label and relationships per type."""
    if output is None:
        _render.render_mapping(graph(ctx).status(), fmt)
        return
    with output.open("w", encoding="utf-8", newline="") as fh:
        _render.render_mapping(graph(ctx).status(), fmt, fh)


@click.group()
def server() -> None:
    """Start, stop or inspect the embedded FalkorDB server."""


@server.command("start")
@click.pass_context
@errors
def server_start(ctx: click.Context) -> None:
    """Start the embedded server (no-op if it runs)."""
    import msc_graph

    click.echo(f"running on {msc_graph.start_server(data_dir(ctx))}")


@server.command("stop")
@click.pass_context
@errors
def server_stop(ctx: click.Context) -> None:
    """Stop the embedded server (its data stays on disk)."""
    import msc_graph

    click.echo("stopped" if msc_graph.stop_server(data_dir(ctx)) else "not running")


@server.command("status")
@output_options(output=False)
@click.pass_context
@errors
def server_status(ctx: click.Context, fmt: str) -> None:
    """Whether the embedded server runs, and where."""
    import msc_graph

    from .._render import render_mapping

    render_mapping(msc_graph.server_status(data_dir(ctx)), fmt)


COMMANDS = (ingest, validate, new_study, status, server)
