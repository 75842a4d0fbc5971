"""Typed API methods for the named queries of the catalogue (mixed into :class:`Graph`).

Each method is one named query of ``cypher/queries/``; it only calls :meth:`Graph.ask`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


class CatalogueMixin:
    """Named-query methods; ``self.ask`` is provided by :class:`msc_graph.Graph`."""

    def ask(self, name: str, **params: Any) -> pd.DataFrame:  # pragma: no cover - overridden
        raise NotImplementedError
