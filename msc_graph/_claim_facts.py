"""Claims as the analytics see them: each claim's study, status, settings and linked terms.

The helpers of :mod:`msc_graph.analytics`, read from the networkx form of the published graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from ._schema import SETTINGS, resolve_label

if TYPE_CHECKING:  # imported lazily: `import msc_graph` stays fast for the CLI
    import networkx as nx

    from ._api import Graph

    Source: TypeAlias = Graph | nx.MultiDiGraph

_NOT_TERMS = ("PRINTED_IN", "HAS_CONFLICT", "REPORTED_IN", "IN_CONTEXT")


@dataclass(frozen=True)
class ClaimFacts:
    """One claim as the analytics see it: its study, status, settings and linked terms."""

    key: str  # node key, "Claim:<id>"
    study: str  # node key of its study, "Study:<id>"
    ref: int | None  # the review's reference number, None for studies it does not cite
    demonstrated: bool
    settings: frozenset[str]
    terms: dict[str, frozenset[str]]  # label -> node keys ("Label:id") linked from the claim or its contexts
    routes_of: dict[str, frozenset[str]]  # molecule key -> keys of the routes it travels by in this claim

    def linked(self, label: str) -> frozenset[str]:
        """Node keys of ``label`` linked from this claim (empty set if none)."""
        return self.terms.get(label, frozenset())


def as_networkx(source: Source) -> nx.MultiDiGraph:
    """The published graph as networkx: ``source`` itself if it already is one."""
    import networkx as nx

    if isinstance(source, nx.Graph):
        return source
    return source.to_networkx()


def claim_facts(source: Source, *, include_hypotheses: bool = False) -> list[ClaimFacts]:
    """Every claim with the terms it links to (demonstrated claims only unless asked)."""
    G = as_networkx(source)
    out = []
    for node, data in G.nodes(data=True):
        if data.get("label") != "Claim":
            continue
        demonstrated = bool(data.get("demonstrated", True))
        if not demonstrated and not include_hypotheses:
            continue
        terms: dict[str, set[str]] = defaultdict(set)
        routes_of: dict[str, set[str]] = defaultdict(set)
        study = ""
        for _, target, edge in G.out_edges(node, data=True):
            lab, rtype = G.nodes[target].get("label"), edge.get("type", "")
            if rtype == "FROM_STUDY":
                study = target
            if rtype == "IN_CONTEXT":  # target cells, inducers, models hang off the experiment
                for t2 in G.successors(target):
                    terms[G.nodes[t2]["label"]].add(t2)
            elif lab and rtype not in _NOT_TERMS:
                terms[lab].add(target)
            if rtype == "INVOLVES_MOLECULE" and edge.get("via"):
                routes_of[target].add(f"ModeOfAction:{edge['via']}")
        ref = data.get("ref")
        out.append(
            ClaimFacts(
                key=node,
                study=study,
                ref=int(ref) if ref is not None else None,
                demonstrated=demonstrated,
                settings=frozenset(data.get("settings") or ()),
                terms={k: frozenset(v) for k, v in terms.items()},
                routes_of={k: frozenset(v) for k, v in routes_of.items()},
            )
        )
    return sorted(out, key=lambda c: (c.ref is None, c.ref or 0, c.key))


def _name(G: nx.MultiDiGraph, key: str) -> str:
    return str(G.nodes[key].get("name") or key.split(":", 1)[1])


def _short(key: str) -> str:
    return key.split(":", 1)[1]


def _evidence(claims: Iterable[ClaimFacts]) -> dict[str, Any]:
    """Studies, refs and per-setting study counts of a group of claims."""
    claims = list(claims)
    refs = sorted({c.ref for c in claims if c.ref is not None})
    row: dict[str, Any] = {"n_studies": len({c.study for c in claims}), "refs": refs}
    for s in SETTINGS:
        row[s.replace(" ", "_")] = len({c.study for c in claims if s in c.settings})
    return row


def _linked_through(c: ClaimFacts, u: str, v: str) -> bool:
    """Whether the claim links ``u`` and ``v``: a route and a molecule only if it travels by it."""
    for route, mol in ((u, v), (v, u)):
        if route.startswith("ModeOfAction:") and mol.startswith("Molecule:"):
            return route in c.routes_of.get(mol, frozenset())
    return True


def _labels(labels: str | Sequence[str]) -> tuple[str, ...]:
    items = [labels] if isinstance(labels, str) else list(labels)
    return tuple(resolve_label(x) for x in items)
