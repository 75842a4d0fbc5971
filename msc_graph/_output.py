"""Render DataFrames and dictionaries for the terminal: table, csv or json."""

from __future__ import annotations

import json
import math
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("table", "csv", "json")


def _cell(v: Any) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, list | tuple):
        return "; ".join(_cell(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False, default=str)
    return str(v)


def _jsonable(v: Any) -> Any:
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "item") and not isinstance(v, list | dict | str):
        return v.item()
    return v


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as JSON-ready dictionaries."""
    return [{str(k): _jsonable(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def render(frame: pd.DataFrame, fmt: str, title: str | None = None) -> None:
    """Print ``frame`` to stdout as a rich table, CSV or a JSON list of row objects."""
    if fmt != "table" and frame.attrs.get("truncated"):  # stdout stays clean data; say it on stderr
        sys.stderr.write(f"warning: result truncated at {len(frame)} rows (the row cap, MSC_GRAPH_MAX_ROWS)\n")
    if fmt == "json":
        sys.stdout.write(json.dumps(records(frame), ensure_ascii=False, indent=2, default=str) + "\n")
        return
    if fmt == "csv":
        out = frame.copy()
        for c in out.columns:
            out[c] = out[c].map(_cell)
        out.to_csv(sys.stdout, index=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for c in frame.columns:
        table.add_column(str(c), overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*[_cell(v) for v in row])
    console = Console(width=None if sys.stdout.isatty() else 200)
    console.print(table)
    if not len(frame):
        console.print("(no rows)")
    if frame.attrs.get("truncated"):
        console.print("[yellow]result truncated at the row cap (MSC_GRAPH_MAX_ROWS)[/yellow]")


def _like_pandas(columns: list[str], rows: list[list[Any]]) -> list[list[Any]]:
    """The cells as a DataFrame holds them: numeric columns with a gap or a float become floats."""
    out = [list(r) for r in rows]
    for j in range(len(columns)):
        values = [r[j] for r in out]
        present = [v for v in values if v is not None]
        numeric = present and all(type(v) in (int, float) for v in present)
        if numeric and (len(present) < len(values) or any(type(v) is float for v in present)):
            for r in out:
                r[j] = math.nan if r[j] is None else float(r[j])
    return out


def render_result(
    columns: list[str], rows: list[list[Any]], fmt: str, truncated: bool = False, title: str | None = None
) -> None:
    """Print rows exactly as :func:`render` prints the DataFrame of them, without importing pandas.

    The CLI's ``ask`` uses it: pandas takes longer to import than the whole rest of a cold ``ask``.
    """
    cells = _like_pandas(columns, rows)
    if fmt != "table" and truncated:
        sys.stderr.write(f"warning: result truncated at {len(rows)} rows (the row cap, MSC_GRAPH_MAX_ROWS)\n")
    if fmt == "json":
        recs = [{c: _jsonable(v) for c, v in zip(columns, r, strict=True)} for r in cells]
        sys.stdout.write(json.dumps(recs, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    if fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(v) for v in r] for r in cells)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for c in columns:
        table.add_column(str(c), overflow="fold")
    for r in cells:
        table.add_row(*[_cell(v) for v in r])
    console = Console(width=None if sys.stdout.isatty() else 200)
    console.print(table)
    if not rows:
        console.print("(no rows)")
    if truncated:
        console.print("[yellow]result truncated at the row cap (MSC_GRAPH_MAX_ROWS)[/yellow]")


def render_mapping(data: dict[str, Any], fmt: str) -> None:
    """Print a flat or nested mapping (status output)."""
    if fmt == "json":
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    import pandas as pd

    rows = []
    for k, v in data.items():
        if isinstance(v, dict):
            rows += [{"section": k, "key": kk, "value": _cell(vv)} for kk, vv in v.items()]
        else:
            rows.append({"section": "", "key": k, "value": _cell(v)})
    render(pd.DataFrame(rows, columns=["section", "key", "value"]), fmt)
