"""Rows to write, the same for every engine: nodes by label, relationships by (type, source label,
target label). :mod:`msc_graph._build` and :mod:`msc_graph._derived` fill them; :mod:`msc_graph._ingest`
writes them in batches."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

__all__ = ["GraphRows", "RelKey", "Row"]

Row = dict[str, Any]
RelKey = tuple[str, str, str]  # (relationship type, source label, target label)


@dataclass
class GraphRows:
    """Rows to write: nodes by label, relationships by (type, source label, target label)."""

    nodes: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    rels: dict[RelKey, list[Row]] = field(default_factory=lambda: defaultdict(list))

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Number of nodes per label and of relationships per type."""
        rels: dict[str, int] = defaultdict(int)
        for (rtype, _, _), rows in self.rels.items():
            rels[rtype] += len(rows)
        return {k: len(v) for k, v in self.nodes.items()}, dict(rels)

    def rel(self, rtype: str, src_label: str, dst_label: str, src: str, dst: str, **props: Any) -> None:
        self.rels[(rtype, src_label, dst_label)].append({"src": src, "dst": dst, "props": props})

    def merge(self, part: GraphRows) -> None:
        """Add the rows of ``part`` to these."""
        for lab, rows in part.nodes.items():
            self.nodes[lab] += rows
        for key, rows in part.rels.items():
            self.rels[key] += rows
