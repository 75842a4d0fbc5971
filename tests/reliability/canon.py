"""Answers in a canonical form, shared by the tests and the reader processes (no pytest here)."""

from __future__ import annotations

import json
from typing import Any


def plain(v: Any) -> Any:
    """numpy scalars -> Python; lists sorted, so answers compare as sets of facts."""
    if hasattr(v, "item") and not isinstance(v, list | dict | str):
        v = v.item()
    if isinstance(v, float) and v != v:  # NaN from an empty cell
        return None
    if isinstance(v, list | tuple):
        return sorted((plain(x) for x in v), key=lambda x: json.dumps(x, sort_keys=True, default=str))
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in sorted(v.items())}
    return v


def canonical(frame: Any) -> str:
    """A DataFrame as a canonical JSON string: columns, then the rows sorted."""
    rows = [[plain(v) for v in row] for row in frame.itertuples(index=False)]
    rows.sort(key=lambda r: json.dumps(r, sort_keys=True, default=str))
    return json.dumps({"columns": list(frame.columns), "rows": rows}, sort_keys=True, default=str)
