"""One renderer per output format, each taking a :class:`~msc_graph._result.Result`.

* ``table``: a rich table for the terminal;
* ``csv``: RFC 4180 CSV, list cells joined by ``"; "``;
* ``json``: a JSON list of row objects;
* ``html``: a self-contained page with the table and a graph (:func:`msc_graph.export.result_html`).

Text formats write to a stream; a result cut short by the row cap says so (on stderr for csv and
json, so that stdout stays clean data).
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Mapping
from typing import Any, TextIO

from ._result import Result

FORMATS = ("table", "csv", "json")
"""Text formats of every command that prints rows."""
RESULT_FORMATS = (*FORMATS, "html")
"""Formats of query answers (``ask``, ``cypher``)."""
TRUNCATED = "result truncated at the row cap (MSC_GRAPH_MAX_ROWS)"


def cell_text(v: Any) -> str:
    """One cell as text: lists joined by ``"; "``, maps as JSON, nothing for null."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, list | tuple):
        return "; ".join(cell_text(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False, default=str)
    return str(v)


def render(result: Result, fmt: str, stream: TextIO | None = None, *, title: str | None = None) -> None:
    """Write ``result`` to ``stream`` (default stdout) as ``table``, ``csv`` or ``json``."""
    out = stream or sys.stdout
    if fmt != "table" and result.truncated:
        sys.stderr.write(f"warning: {TRUNCATED} ({len(result)} rows)\n")
    if fmt == "json":
        out.write(json.dumps(result.records(), ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt == "csv":
        import csv

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([cell_text(v) for v in r] for r in result.rows)
    elif fmt == "table":
        _table(result, out, title)
    else:
        raise ValueError(f"unknown text format {fmt!r} (formats: {', '.join(FORMATS)})")


def _table(result: Result, out: TextIO, title: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for c in result.columns:
        table.add_column(str(c), overflow="fold")
    for r in result.rows:
        table.add_row(*[cell_text(v) for v in r])
    console = Console(file=out, width=None if out.isatty() else 200)
    console.print(table)
    if not result.rows:
        console.print("(no rows)")
    if result.truncated:
        console.print(f"[yellow]{TRUNCATED}[/yellow]")


def mapping_result(data: Mapping[str, Any]) -> Result:
    """A flat or one-level nested mapping (``status``) as rows of ``section, key, value``."""
    rows: list[list[Any]] = []
    for k, v in data.items():
        if isinstance(v, dict):
            rows += [[k, kk, cell_text(vv)] for kk, vv in v.items()]
        else:
            rows.append(["", k, cell_text(v)])
    return Result(["section", "key", "value"], rows)


def render_mapping(data: Mapping[str, Any], fmt: str, stream: TextIO | None = None) -> None:
    """Write a mapping (status output): JSON as the mapping itself, else a table of its entries."""
    if fmt == "json":
        (stream or sys.stdout).write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        render(mapping_result(data), fmt, stream)
