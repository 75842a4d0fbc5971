"""The ``msc-graph`` command line: a thin layer over :mod:`msc_graph`, one library call a command.

The commands live in small modules by topic (``_query``, ``_data``, ``_views``); what they share
(connection, errors, output options) is in ``_common``. Nothing here imports back from this
package's ``__init__``: the group is assembled below from the command modules.
"""

from __future__ import annotations

from pathlib import Path

import click

from . import _data, _query, _views


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


for _module in (_data, _query, _views):
    for _command in _module.COMMANDS:
        main.add_command(_command)

__all__ = ["main"]
