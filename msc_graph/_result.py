"""The one result type of every read: columns, rows of plain Python values, and their types.

Engines return a :class:`Result`; :class:`~msc_graph.Graph` returns it from :meth:`~msc_graph.Graph.query`
and :meth:`~msc_graph.Graph.run_cypher`, and turns it into a pandas DataFrame only at the API's edge
(:meth:`~msc_graph.Graph.ask`, :meth:`~msc_graph.Graph.cypher`). The renderers (table, csv, json,
records, html) all take a :class:`Result`, so the terminal never needs pandas.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NON = re.compile(r"[^a-z0-9]+")
_TYPE_NAMES = {bool: "boolean", int: "integer", float: "float", str: "string", list: "list", dict: "map"}


def snake(name: str) -> str:
    """``n.firstAuthor`` -> ``n_first_author``; ``count(r)`` -> ``count_r``."""
    out = _NON.sub("_", _CAMEL.sub("_", name).lower()).strip("_")
    return out or "value"


def snake_columns(columns: Sequence[str]) -> list[str]:
    """Column names in snake_case, made unique (``count``, ``count_2``)."""
    cols: list[str] = []
    seen: set[str] = set()
    for c in columns:
        s = base = snake(c)
        k = 2
        while s in seen:
            s, k = f"{base}_{k}", k + 1
        seen.add(s)
        cols.append(s)
    return cols


def value_type(value: Any) -> str:
    """The type name of one value: null, boolean, integer, float, string, list or map."""
    return "null" if value is None else _TYPE_NAMES.get(type(value), type(value).__name__)


@dataclass
class Result:
    """Rows of a query: column names and plain Python values (no engine objects).

    Attributes:
        columns: column names, in order.
        rows: one list of values per row, in column order.
        truncated: True when the row cap cut the answer short.
    """

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.records())

    @property
    def types(self) -> list[str]:
        """The type of each column: the type of its non-null values, ``mixed`` or ``null``."""
        out = []
        for j in range(len(self.columns)):
            seen = {value_type(r[j]) for r in self.rows} - {"null"}
            if seen == {"integer", "float"}:
                seen = {"float"}
            out.append(seen.pop() if len(seen) == 1 else ("null" if not seen else "mixed"))
        return out

    def records(self) -> list[dict[str, Any]]:
        """The rows as dictionaries keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Any]:
        """The values of one column."""
        j = self.columns.index(name)
        return [r[j] for r in self.rows]

    def select(self, columns: Sequence[str], rename: Mapping[str, str] | None = None) -> Result:
        """The given columns in the given order (missing ones empty), optionally renamed.

        When that changes nothing (the same columns, in order, not renamed) the new result shares this
        one's rows instead of copying each of them."""
        if not rename and list(columns) == self.columns:
            return Result(list(columns), self.rows, self.truncated)
        idx = {c: j for j, c in enumerate(self.columns)}
        rows = [[r[idx[c]] if c in idx else None for c in columns] for r in self.rows]
        names = [(rename or {}).get(c, c) for c in columns]
        return Result(names, rows, self.truncated)

    def snake_cased(self) -> Result:
        """The same rows with snake_case column names (``n.firstAuthor`` -> ``n_first_author``)."""
        return Result(snake_columns(self.columns), self.rows, self.truncated)

    def to_frame(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame (same columns when there are no rows).

        ``frame.attrs["truncated"]`` says whether the row cap cut the answer short.
        """
        import pandas as pd

        frame = (
            pd.DataFrame(self.rows, columns=self.columns)
            if self.rows
            else pd.DataFrame({c: pd.Series(dtype=object) for c in self.columns})
        )
        frame.attrs["truncated"] = self.truncated
        return frame

    @classmethod
    def from_records(cls, records: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> Result:
        """A result from dictionaries (missing keys are empty)."""
        return cls(list(columns), [[r.get(c) for c in columns] for r in records])
