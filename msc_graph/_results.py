"""Engine results as pandas DataFrames with snake_case columns."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._engines import Result

if TYPE_CHECKING:
    import pandas as pd

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NON = re.compile(r"[^a-z0-9]+")


def snake(name: str) -> str:
    """``n.firstAuthor`` -> ``n_first_author``; ``count(r)`` -> ``count_r``."""
    out = _NON.sub("_", _CAMEL.sub("_", name).lower()).strip("_")
    return out or "value"


def snake_columns(columns: list[str]) -> list[str]:
    """The column names of a result in snake_case, made unique (``count``, ``count_2``)."""
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


def to_frame(result: Result) -> pd.DataFrame:
    """The rows of ``result`` as a DataFrame; the same columns when there are no rows."""
    import pandas as pd

    cols = snake_columns(result.columns)
    frame = (
        pd.DataFrame(result.rows, columns=cols)
        if result.rows
        else pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    )
    frame.attrs["truncated"] = result.truncated
    return frame
