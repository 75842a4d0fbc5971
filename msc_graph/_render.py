"""One renderer per output format, each taking a :class:`~msc_graph._result.Result`.

* ``table``: a table for the terminal, as wide as the terminal (``COLUMNS``); words are never
  broken, long lists are cut with a count, and when the table would not fit (or would be taller
  than the same rows as records) the rows are shown as records instead;
* ``records``: one block per row, one line per column (like psql's expanded display);
* ``csv``: RFC 4180 CSV, list cells joined by ``"; "``;
* ``json``: a JSON list of row objects;
* ``html``: a self-contained page with the table and a graph (:func:`msc_graph.export.result_html`).

Text formats write to a stream; a result cut short by the row cap says so (on stderr for csv and
json, so that stdout stays clean data).
"""

from __future__ import annotations

import functools
import io
import json
import math
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Mapping
from typing import Any, TextIO

from ._result import Result

FORMATS = ("table", "records", "csv", "json")
"""Text formats of every command that prints rows."""
RESULT_FORMATS = (*FORMATS, "html")
"""Formats of query answers (``ask``, ``cypher``)."""


def truncated_note(rows: int) -> str:
    """What to say under an answer cut at its row cap (``rows`` rows kept)."""
    return f"only the first {rows:,} rows: the answer has more (--max-rows N to see up to N rows)"


def cell_text(v: Any) -> str:
    """One cell as text: lists joined by ``"; "``, maps as JSON, nothing for null."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, list | tuple):
        return "; ".join(cell_text(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False, default=str)
    return str(v)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def csv_cell(v: Any, tty: bool = False) -> str:
    """A CSV cell: text that a spreadsheet would run as a formula (it starts with ``= + - @``, a tab
    or a carriage return) gets a leading ``'``; numbers stay numbers. On a terminal, control
    characters are shown escaped (see :func:`printable`)."""
    text = cell_text(v)
    if text.startswith(_FORMULA_START) and not (isinstance(v, int | float) and not isinstance(v, bool)):
        text = "'" + text
    return printable(text) if tty else text


def printable(text: str) -> str:
    """``text`` with control characters (ESC, CR, BEL, ... but not tab or newline) shown as ``\\xNN``,
    so that values from records cannot move the cursor, recolour or retitle a terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text) if _CONTROL.search(text) else text


class _Cut(list[Any]):
    """The first items of a long list, shown in the terminal views; ``total`` is the list's length."""

    total: int = 0
    widest: int = 0  # terminal columns of its widest item, cut ones included (the records view's layout)


def _length(v: Any) -> int:
    return v.total if isinstance(v, _Cut) else len(v)


def _shown(result: Result) -> Result:
    """``result`` with every list longer than :data:`MAX_ITEMS` cut to the items the terminal views
    show (a :class:`_Cut` keeps its length): a 100k-claim answer lists thousands of studies per cell,
    and the views would otherwise escape, measure and wrap every one of them to print eight."""

    def cut(v: Any) -> Any:
        if isinstance(v, list | tuple) and len(v) > MAX_ITEMS:
            out = _Cut(v[:MAX_ITEMS])
            out.total = len(v)
            out.widest = _widest([x if type(x) is str else cell_text(x) for x in v])
            return out
        return v

    return Result(result.columns, [[cut(v) for v in r] for r in result.rows], result.truncated)


def _widest(texts: list[str]) -> int:
    """Terminal columns of the widest of ``texts`` as :func:`printable` shows them: their lengths when
    all are printable ASCII (one column each: thousands of study names measured in one C call)."""
    joined = "".join(texts)
    if joined.isascii() and joined.isprintable():
        return max(map(len, texts), default=0)
    plain = [t.isascii() and t.isprintable() for t in texts]
    best = max((len(t) for t, p in zip(texts, plain, strict=True) if p), default=0)
    others = [t for t, p in zip(texts, plain, strict=True) if not p]
    for t in sorted(others, key=len, reverse=True):  # longest first, until none is long enough to be wider
        if 4 * len(t) <= best:  # a character takes 4 columns at most (a control character as \xNN)
            break
        best = max(best, cell_len(printable(t)))
    return best


def _printable_value(v: Any) -> Any:
    if isinstance(v, str):
        return printable(v)
    if isinstance(v, _Cut):
        out = _Cut(_printable_value(x) for x in v)
        out.total, out.widest = v.total, v.widest
        return out
    if isinstance(v, list | tuple):
        return [_printable_value(x) for x in v]
    if isinstance(v, dict):
        return {printable(str(k)): _printable_value(x) for k, x in v.items()}
    return v


def printable_result(result: Result) -> Result:
    """``result`` with every text cell and column name made :func:`printable` (for the terminal views)."""
    rows = [[_printable_value(v) for v in r] for r in result.rows]
    return Result([printable(str(c)) for c in result.columns], rows, result.truncated)


def _isatty(out: TextIO) -> bool:
    try:
        return bool(out.isatty())
    except (AttributeError, ValueError):
        return False


def render(result: Result, fmt: str, stream: TextIO | None = None, *, title: str | None = None) -> None:
    """Write ``result`` to ``stream`` (default stdout) as ``table``, ``csv`` or ``json``."""
    out = stream or sys.stdout
    if fmt not in ("table", "records") and result.truncated:
        sys.stderr.write(f"warning: {truncated_note(len(result))}\n")
    if fmt == "json":
        out.write(json.dumps(result.records(), ensure_ascii=False, indent=2, default=str) + "\n")
    elif fmt == "csv":
        import csv

        tty = _isatty(out)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([csv_cell(c, tty) for c in result.columns])
        writer.writerows([csv_cell(v, tty) for v in r] for r in result.rows)
    elif fmt in ("table", "records"):
        _terminal(printable_result(_shown(result)), out, title, records=fmt == "records")
    else:
        raise ValueError(f"unknown text format {fmt!r} (formats: {', '.join(FORMATS)})")


MAX_ITEMS = 8
"""Lists longer than this are cut in the terminal views (table, records), with a count."""
WIDE = 200
"""Width of the terminal views written to a file or a pipe when ``COLUMNS`` is not set."""
CUT_NOTE = "(long lists cut: --format csv or json gives every item)"
_BORDERS = 1  # a table's outer left border; every column adds 3: padding on both sides and a border


def display_text(v: Any, max_items: int = MAX_ITEMS) -> str:
    """One cell for the terminal: like :func:`cell_text`, a list of more than ``max_items`` cut with a count."""
    if isinstance(v, list | tuple) and _length(v) > max_items:
        return "; ".join(cell_text(x) for x in v[:max_items]) + f"; … and {_length(v) - max_items} more"
    return cell_text(v)


def terminal_width(out: TextIO) -> int:
    """Columns of the terminal views: ``COLUMNS``, else the terminal's width, else :data:`WIDE`."""
    env = os.environ.get("COLUMNS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    if _isatty(out):
        return shutil.get_terminal_size((WIDE, 24)).columns
    return WIDE


def cell_len(text: str) -> int:
    """Terminal columns of ``text`` (wide characters count twice)."""
    from rich.cells import cell_len as columns

    return columns(text)


def _longest_word(text: str) -> int:
    return max((cell_len(w) for w in text.split()), default=0)


def _longest_line(text: str) -> int:
    return max((cell_len(line) for line in text.splitlines()), default=0)


def column_widths(columns: list[str], cells: list[list[str]], width: int) -> list[int] | None:
    """Widths (without padding) that fit a table in ``width`` without breaking a word, or None.

    Each column gets at least its name and its longest word (column names are never wrapped, as in
    psql: a table that cannot show them whole is shown as records). Within the width, the widths keep the tallest
    cell as short as possible, then show as many columns as possible on one line (short names,
    numbers), and give what is left to the columns that still wrap.
    """
    n = len(columns)
    mins = [max([cell_len(c), *(_longest_word(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    wants = [max([mins[i], *(_longest_line(r[i]) for r in cells)]) for i in range(n)]
    room = width - _BORDERS - 3 * n
    if sum(mins) > room:
        return None
    if sum(wants) <= room:
        return wants
    longest = [max([c, *(r[i] for r in cells)], key=cell_len) for i, c in enumerate(columns)]

    @functools.cache  # each (column, lines) is wrapped once, not once per trial
    def narrowest(i: int, lines: int) -> int:
        return _narrowest(longest[i], mins[i], wants[i], lines)

    def fits(lines: int, whole: set[int]) -> list[int] | None:
        ws = [wants[i] if i in whole else narrowest(i, lines) for i in range(n)]
        return ws if sum(ws) <= room else None

    lines = 1
    while fits(lines, set()) is None:
        lines += 1
    whole: set[int] = set()
    for i in sorted(range(n), key=lambda i: wants[i] - mins[i]):
        if fits(lines, whole | {i}) is not None:
            whole.add(i)
    widths = fits(lines, whole) or mins
    rest = [i for i in range(n) if i not in whole] or list(range(n))
    spare = room - sum(widths)
    need = sum(wants[i] - widths[i] for i in rest) or 1
    for i in rest:
        widths[i] += spare * (wants[i] - widths[i]) // need
    widths[max(rest, key=lambda i: wants[i] - widths[i])] += room - sum(widths)
    return widths


def _narrowest(text: str, low: int, high: int, lines: int) -> int:
    """The narrowest width in ``low..high`` at which ``text`` wraps into at most ``lines`` lines."""
    while low < high:
        mid = (low + high) // 2
        if len(_wrap(text, mid)) <= lines:
            high = mid
        else:
            low = mid + 1
    return low


def _wrap(text: str, width: int) -> list[str]:
    out: list[str] = []
    for para in text.split("\n"):
        out += textwrap.wrap(para, max(1, width), break_long_words=False, break_on_hyphens=False) or [""]
    return out


def _value_lines(v: Any, width: int) -> list[str]:
    """A value of the records view as lines: long list items one per line (bulleted), else wrapped."""
    wide = v.widest > width // 2 if isinstance(v, _Cut) else None
    if isinstance(v, list | tuple) and (wide or (wide is None and any(cell_len(cell_text(x)) > width // 2 for x in v))):
        lines: list[str] = []
        for x in v[:MAX_ITEMS]:
            first, *rest = _wrap(cell_text(x), width - 2)
            lines += ["• " + first, *("  " + r for r in rest)]
        if _length(v) > MAX_ITEMS:
            lines.append(f"… and {_length(v) - MAX_ITEMS} more")
        return lines
    return _wrap(display_text(v), width)


def records_lines(result: Result, width: int) -> list[str]:
    """The records view: a ``─[ i of n ]──`` heading per row, then ``column │ value`` lines."""
    keys = [str(c) for c in result.columns]
    kw = max((cell_len(k) for k in keys), default=0)
    vw = max(20, width - kw - 3)
    lines: list[str] = []
    for i, row in enumerate(result.rows, 1):
        head = f"─[ {i} of {len(result.rows)} ]"
        lines.append(head + "─" * max(2, min(width, kw + 3 + vw) - cell_len(head)))
        for k, v in zip(keys, row, strict=True):
            for j, part in enumerate(_value_lines(v, vw)):
                lines.append(f"{k if j == 0 else '':<{kw}} │ {part}".rstrip())
    return lines


def _cut(result: Result) -> bool:
    return any(isinstance(v, list | tuple) and _length(v) > MAX_ITEMS for r in result.rows for v in r)


def _terminal(result: Result, out: TextIO, title: str | None, records: bool = False) -> None:
    """The table, or the records view when asked or when the table would not fit ``out``'s width."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    width = terminal_width(out)
    console = Console(file=out, width=width, highlight=False, soft_wrap=False)
    table, shown = None, ""
    if not records:
        cells = [[display_text(v) for v in r] for r in result.rows]
        widths = column_widths([str(c) for c in result.columns], cells, width)
        if widths is not None:
            table = Table(title=Text(title) if title else None, header_style="bold")
            for c, w in zip(result.columns, widths, strict=True):
                table.add_column(Text(str(c)), width=w, overflow="fold")
            for r in cells:
                table.add_row(*[Text(c) for c in r])
            probe = Console(width=width, color_system=None, file=io.StringIO(), soft_wrap=False)
            with probe.capture() as cap:
                probe.print(table)
            shown = cap.get()
            if result.rows and shown.count("\n") > len(records_lines(result, width)) + 2:
                table = None  # taller than the same rows as records: show records
    if table is not None:
        if console.color_system is None:
            out.write(shown)  # no colours: the probe's text is the table (rich lays it out once)
        else:
            console.print(table)
    else:
        if title:
            console.print(Text(title, style="bold"))
        for line in records_lines(result, width):
            out.write(line + "\n")
    if not result.rows:
        console.print("(no rows)")
    if _cut(result):
        console.print(Text(CUT_NOTE, style="dim"))
    if result.truncated:
        console.print(Text(truncated_note(len(result)), style="yellow"))


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
