"""Graph.to_networkx reads its pages in helper threads (msc_graph._networkx): the same graph, errors
raised in the caller's thread, no thread left behind."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import networkx as nx
import pytest

from msc_graph import Graph, QueryError, _networkx


def _dump(G: nx.MultiDiGraph) -> tuple[list[Any], list[Any]]:
    nodes = [(n, sorted(d.items())) for n, d in G.nodes(data=True)]
    edges = [(u, v, k, sorted(d.items())) for u, v, k, d in G.edges(keys=True, data=True)]
    return nodes, edges


def _helpers() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("msc-graph-")]


def test_many_small_pages_read_at_once_give_the_same_graph(graph: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hundreds of pages, three reads in flight: nodes in order with their properties, every edge with
    its key (``#2`` for a second edge of one type) and properties, as with one page per label."""
    whole = _dump(graph.to_networkx(tallies=True))
    monkeypatch.setattr(_networkx, "PAGE", 7)
    calls: list[str] = []
    read_named = graph.read_named

    def counted(name: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(name)
        return read_named(name, *args, **kwargs)

    monkeypatch.setattr(graph, "read_named", counted)
    paged = _dump(graph.to_networkx(tallies=True))
    assert calls.count("all-relationships") > 300  # the pages were small
    assert paged == whole
    assert len(whole[0]) > 2000 and any("#2" in str(k) for _, _, k, _ in whole[1])
    assert not _helpers()


@pytest.mark.parametrize("failing", ["all-nodes", "all-relationships"])
def test_a_failing_read_is_raised_in_the_caller_and_no_thread_is_left(
    graph: Graph, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    monkeypatch.setattr(_networkx, "PAGE", 50)
    read_named = graph.read_named
    seen = {"n": 0}

    def failing_read(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == failing:
            seen["n"] += 1
            if seen["n"] == 5:
                raise QueryError(f"the fifth {name} read failed")
        return read_named(name, *args, **kwargs)

    monkeypatch.setattr(graph, "read_named", failing_read)
    with pytest.raises(QueryError, match=f"fifth {failing}"):
        graph.to_networkx()
    assert not _helpers()
    monkeypatch.setattr(graph, "read_named", read_named)
    assert graph.to_networkx().number_of_nodes() > 2000  # the connection still reads


def test_ahead_keeps_the_order_and_stops_with_its_caller() -> None:
    produced: list[int] = []

    def numbers() -> Iterator[int]:
        for i in range(1000):
            produced.append(i)
            yield i

    assert list(_networkx.ahead(numbers(), depth=2)) == list(range(1000))
    produced.clear()
    it = _networkx.ahead(numbers(), depth=2)
    assert [next(it) for _ in range(3)] == [0, 1, 2]
    it.close()  # the caller stops: the producer stops after the item it is on
    assert len(produced) <= 3 + 2 + 1
    assert not _helpers()


def test_ahead_raises_the_producers_error_at_its_place() -> None:
    def broken() -> Iterator[int]:
        yield 1
        yield 2
        raise ValueError("no third item")

    got: list[int] = []
    with pytest.raises(ValueError, match="no third item"):
        for x in _networkx.ahead(broken()):
            got.append(x)
    assert got == [1, 2]
    assert not _helpers()
