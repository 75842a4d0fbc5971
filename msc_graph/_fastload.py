"""Speed-ups for loading large record sets: a lean YAML node constructor and a GC pause.

PyYAML's generic constructor (state generators, bookkeeping of every constructed object) and
CPython's cyclic garbage collector (which rescans every live object again and again while millions
of YAML nodes and records are being allocated) dominate the time of reading a large ``ingest/``.
Nothing here changes what is read: :func:`construct` handles only plain mappings, sequences and
scalars and hands anything else (tags, merge keys, duplicate keys, recursive aliases) to the
generic constructor, which then behaves, and fails, exactly as before.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALARS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("null", "bool", "int", "float"))


_NODES: tuple[type, ...] = ()  # ScalarNode, MappingNode, SequenceNode (set on first use)


class _Fallback(Exception):
    """Something the lean path does not handle: use the generic constructor."""


def construct(constructor: Any, node: yaml.Node) -> Any:
    """The Python value of one composed YAML document ``node`` (as ``construct_document``)."""
    import yaml  # here, not at module level: the ingest imports this module for gc_paused only

    global _NODES
    _NODES = _NODES or (yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode)
    try:
        return _build(constructor, node, set())
    except (_Fallback, TypeError, RecursionError):
        return constructor.construct_document(node)


def _build(constructor: Any, node: Any, path: set[int]) -> Any:
    cls = type(node)
    scalar, mapping, sequence = _NODES
    if cls is scalar:
        if node.tag == _STR:
            return node.value
        if node.tag not in _SCALARS:
            raise _Fallback
        return constructor.yaml_constructors[node.tag](constructor, node)
    ident = id(node)
    if ident in path:  # a recursive alias
        raise _Fallback
    path.add(ident)
    try:
        if cls is mapping and node.tag == _MAP:
            out: dict[Any, Any] = {}
            pairs: list[tuple[Any, Any]] = node.value
            for key_node, value_node in pairs:
                if key_node.tag == "tag:yaml.org,2002:merge" or type(key_node) is not scalar:
                    raise _Fallback
                key = _build(constructor, key_node, path)
                if key in out:  # duplicate key: the generic (strict) constructor reports it
                    raise _Fallback
                out[key] = _build(constructor, value_node, path)
            return out
        if cls is sequence and node.tag == _SEQ:
            return [_build(constructor, child, path) for child in node.value]
        raise _Fallback
    finally:
        path.discard(ident)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (reference counting still frees memory).

    The objects made during the pause are all young when it ends, so the next collection scans every
    one still alive: end it once the large structures are freed (``Graph.ingest`` pauses once for its
    load, build and write), or accept that one scan (a read's reply, kept by the caller)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
