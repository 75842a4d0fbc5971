"""The ``msc-graph`` command line: a thin layer over :mod:`msc_graph`, one library call a command."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ._exceptions import MscGraphError
from ._output import FORMATS, render, render_mapping

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def errors(fn: F) -> F:
    """Turn library errors into one line on stderr and a non-zero exit (no traceback)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except MscGraphError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except OSError as exc:
            if os.environ.get("MSC_GRAPH_DEBUG"):
                raise
            _fail(f"{exc.strerror or exc} ({getattr(exc, 'filename', '') or 'system error'})")
        except Exception as exc:  # a bug: say so in one line, details on demand
            if os.environ.get("MSC_GRAPH_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (set MSC_GRAPH_DEBUG=1 for details)", 2)

    return wrapper  # type: ignore[return-value]


format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
    help="Output format (json = a list of row objects).",
)  # fmt: skip


result_format_option = click.option(
    "--format", "fmt", type=click.Choice((*FORMATS, "html")), default="table", show_default=True,
    help="Output format (json = a list of row objects; html = a page with the table and a graph).",
)  # fmt: skip
output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="With --format html: write the page to this file (default: stdout).",
)  # fmt: skip


def _graph(ctx: click.Context) -> Any:
    import msc_graph

    obj = ctx.ensure_object(dict)
    if "graph" not in obj:
        obj["graph"] = msc_graph.connect(obj.get("backend"), data_dir=obj.get("data_dir"))
        ctx.call_on_close(obj["graph"].close)
    return obj["graph"]


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise click.BadParameter(f"expected KEY=VALUE, got {pair!r}", param_hint="--param")
        k, v = pair.split("=", 1)
        out[k.strip()] = v
    return out


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--backend",
    type=click.Choice(["embedded", "neo4j"]),
    default=None,
    help="Engine (default: $MSC_GRAPH_BACKEND or embedded).",
)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Embedded engine data dir (default: $MSC_GRAPH_DATA_DIR or the user data dir).",
)
@click.version_option(package_name="msc-graph")
@click.pass_context
def main(ctx: click.Context, backend: str | None, data_dir: Path | None) -> None:
    """msc-graph: how MSCs rescue stressed cells from regulated cell death."""
    ctx.ensure_object(dict).update(backend=backend, data_dir=data_dir)


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--batch-size", type=click.IntRange(1), default=None, help="Rows per UNWIND statement.")
@click.option("--quiet", "-q", is_flag=True, help="Print one summary line instead of the counts table.")
@format_option
@click.pass_context
@errors
def ingest(ctx: click.Context, path: Path | None, batch_size: int | None, quiet: bool, fmt: str) -> None:
    """Validate the curated records and publish them as the graph (atomically)."""
    from rich.progress import Progress

    from ._output import render_result  # not pandas: its import alone takes longer than the ingest

    g = _graph(ctx)
    show = sys.stderr.isatty() and fmt == "table"
    with Progress(transient=True, disable=not show) as bar:
        task = bar.add_task("ingest", total=None)
        report = g.ingest(path, batch_size=batch_size, progress=lambda d, t: bar.update(task, completed=d, total=t))
    if quiet:
        click.echo(
            f"published {sum(report.nodes.values())} nodes and {sum(report.relationships.values())} "
            f"relationships ({report.nodes.get('Study', 0)} studies, {report.nodes.get('Claim', 0)} claims)"
        )
        return
    rows: list[list[Any]] = [["node", k, v] for k, v in report.nodes.items()]
    rows += [["relationship", k, v] for k, v in report.relationships.items()]
    render_result(["kind", "name", "count"], rows, fmt, title="Published")


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@errors
def validate(path: Path | None) -> None:
    """Check the curated records without touching any database."""
    from . import _loader

    ds = _loader.load(path)
    click.echo(
        f"ok: {len(ds.studies)} studies, {len(ds.claims)} claims, "
        f"{sum(len(t) for t in ds.terms.values())} vocabulary terms"
    )


@main.command()
@click.argument("name")
@click.option("--param", "-p", "pairs", multiple=True, metavar="KEY=VALUE", help="Query parameter (repeatable).")
@result_format_option
@output_option
@click.pass_context
@errors
def ask(ctx: click.Context, name: str, pairs: tuple[str, ...], fmt: str, output: Path | None) -> None:
    """Run the named query NAME (see `msc-graph queries`)."""
    from .cli_explore import emit_result

    g, params = _graph(ctx), _params(pairs)
    if fmt in FORMATS and output is None:  # printed without pandas: a cold `ask` starts twice as fast
        from ._output import render_result

        res = g._ask_rows(name, **params)
        render_result(res.columns, res.rows, fmt, res.truncated)
        return
    emit_result(g, g.ask(name, **params), fmt, output, f"msc-graph ask {name}", name, params)


@main.command()
@click.argument("text")
@click.option("--param", "-p", "pairs", multiple=True, metavar="KEY=VALUE", help="Query parameter (string).")
@result_format_option
@output_option
@click.pass_context
@errors
def cypher(ctx: click.Context, text: str, pairs: tuple[str, ...], fmt: str, output: Path | None) -> None:
    """Run your own read-only Cypher TEXT."""
    from .cli_explore import emit_result

    g = _graph(ctx)
    emit_result(g, g.cypher(text, **_params(pairs)), fmt, output, "msc-graph cypher")


REVIEW_COLUMNS = {
    "studies": "Studies",
    "sources": "Sources of MSCs",
    "function": "MSC death modulation function",
    "modes": "Modes of actions",
    "reference": "References",
}


@main.command("review-table")
@click.argument("number", type=click.IntRange(1, 4))
@format_option
@click.pass_context
@errors
def review_table(ctx: click.Context, number: int, fmt: str) -> None:
    """Print Table NUMBER (1-4) of the review, regenerated from the graph."""
    frame = _graph(ctx).ask("review-table", table=number)
    if fmt == "table":
        frame = frame.drop(columns=["claim"]).rename(columns=REVIEW_COLUMNS)
    render(frame, fmt, title=f"Table {number}")


@main.command()
@format_option
@errors
def queries(fmt: str) -> None:
    """List the named queries with their descriptions and parameters."""
    from ._api import list_queries

    render(list_queries(), fmt)


@main.command()
@format_option
@click.pass_context
@errors
def status(ctx: click.Context, fmt: str) -> None:
    """Engine, and counts of nodes per label and relationships per type."""
    render_mapping(_graph(ctx).status(), fmt)


@main.group()
def server() -> None:
    """Start, stop or inspect the embedded FalkorDB server."""


def _data_dir(ctx: click.Context) -> Path:
    from ._config import default_data_dir

    return ctx.find_root().ensure_object(dict).get("data_dir") or default_data_dir()


@server.command("start")
@click.pass_context
@errors
def server_start(ctx: click.Context) -> None:
    """Start the embedded server (no-op if it runs)."""
    from . import _server

    sock = _server.ensure_running(_data_dir(ctx))
    click.echo(f"running on {sock}")


@server.command("stop")
@click.pass_context
@errors
def server_stop(ctx: click.Context) -> None:
    """Stop the embedded server (its data stays on disk)."""
    from . import _server

    click.echo("stopped" if _server.stop(_data_dir(ctx)) else "not running")


@server.command("status")
@format_option
@click.pass_context
@errors
def server_status(ctx: click.Context, fmt: str) -> None:
    """Whether the embedded server runs, and where."""
    from . import _server

    render_mapping(_server.status(_data_dir(ctx)), fmt)


from .cli_explore import explore, export, plot  # noqa: E402  (they use the helpers above)

for _command in (explore, plot, export):
    main.add_command(_command)

if __name__ == "__main__":  # pragma: no cover
    main()
