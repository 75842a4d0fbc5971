"""Read answers straight from FalkorDB's compact replies into plain Python, in one pass.

The ``falkordb`` client turns each value of a compact reply into its own objects (a dispatch and
an ``OrderedDict`` per map), and :func:`~msc_graph._engines.base.plain` then walks them again: for a
large answer that is most of the time of a read (10k claims with their properties: ~1 s in Python
for ~0.3 s in the engine). :func:`decode` builds the same plain values (text, integers, floats,
booleans, null, lists, maps) directly from the reply that hiredis parsed. A reply holding anything
else (nodes, relationships, paths, points, dates, vectors) or an error raises :class:`NotPlain`, and
the caller hands the very same reply to the client's parser (which also refreshes its label cache
for nodes): the values are the same either way, only the work differs.

The caller pauses CPython's cyclic garbage collector while the reply is read and decoded: every value
of a compact reply is a small list, so a reply of a few MB allocates about a million containers, and
the collector, triggered every 700 of them, rescans the growing heap again and again (and every live
object, results a notebook keeps included, at each full collection). Measured on the 100k graph,
results kept alive as a notebook does: whole answers of 5-13 MB 2-3x faster, first pages 1.2-1.8x.
None of these values can form a reference cycle, so nothing is left for the collector.
"""

from __future__ import annotations

from typing import Any

import redis

from .._result import Result

_NULL, _STRING, _INTEGER, _BOOLEAN, _DOUBLE, _ARRAY, _MAP = 1, 2, 3, 4, 5, 6, 10


class NotPlain(Exception):
    """The reply holds a value :func:`decode` leaves to the client's parser (or an error)."""


def _text(v: Any) -> str:
    return v if type(v) is str else v.decode() if type(v) is bytes else str(v)


def _value(cell: Any) -> Any:
    kind, v = cell
    if kind == _STRING:  # text: already decoded by hiredis (the client asks for str replies)
        return v if type(v) is str else _text(v)
    if kind == _INTEGER:
        return v if type(v) is int else int(v)
    if kind == _ARRAY:
        return [x[1] if x[0] == _STRING and type(x[1]) is str else _value(x) for x in v]
    if kind == _NULL:
        return None
    if kind == _MAP:
        return {(k if type(k) is str else _text(k)): _value(x) for k, x in zip(v[::2], v[1::2], strict=True)}
    if kind == _DOUBLE:
        return float(v)
    if kind == _BOOLEAN:
        return _text(v) == "true"
    raise NotPlain(kind)


def decode(response: Any) -> Result:
    """The :class:`Result` of a compact ``GRAPH.QUERY``/``GRAPH.RO_QUERY`` reply of plain values."""
    if not isinstance(response, list) or not response:
        raise NotPlain("not a result set")
    if isinstance(response[0], redis.ResponseError) or isinstance(response[-1], redis.ResponseError):
        raise NotPlain("an error")  # the client raises it, worded as ever
    if len(response) == 1:  # statistics only
        return Result([], [])
    header = response[0]
    if not header:
        return Result([], [])
    columns = [_text(h[1]) if isinstance(h, list | tuple) else _text(h) for h in header]
    value = _value
    rows = [[c[1] if c[0] == _STRING and type(c[1]) is str else value(c) for c in row] for row in response[1]]
    return Result(columns, rows)
