"""Shared-pathway analytics with networkx: bipartite projections, rankings, Jaccard similarities.

Every function takes a :class:`~msc_graph.Graph` (the published graph is read once through
:meth:`Graph.to_networkx`) or the ``networkx.MultiDiGraph`` it returns (pass that to avoid reading
the graph again), and returns a pandas DataFrame (or a networkx graph for drawing).

The unit of evidence is the *study* (a paper, whichever source cites it): a pathway "shared by two
studies" is implicated by claims of two different studies. By default only claims that the
review states as demonstrated count; ``include_hypotheses=True`` adds the claims it states only as
possible. Setting counts (``in_vitro``, ``in_vivo``, ``clinical``) are numbers of studies with a
supporting claim in that setting, as in the named queries.

>>> from msc_graph import analytics
>>> G = g.to_networkx()
>>> analytics.rank_pathways(G).head()
>>> analytics.jaccard(G, "RCDMode")
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from ._claim_facts import (
    ClaimFacts,
    _evidence,
    _labels,
    _linked_through,
    _name,
    _short,
    as_networkx,
    claim_facts,
)
from ._schema import resolve_label

if TYPE_CHECKING:  # imported lazily: `import msc_graph` stays fast for the CLI
    import networkx as nx
    import pandas as pd

    from ._api import Graph

    Source: TypeAlias = Graph | nx.MultiDiGraph

UNSPECIFIED = frozenset({"ModeOfAction:undetermined", "RCDMode:rcd-unspecified"})
"""Catch-all terms ("Not determined", "RCD" without a mode): not counted as a mode spanned."""

_EVIDENCE_LABELS = ("Pathway", "Molecule")
_SPANS = (("modes_of_action", "ModeOfAction"), ("rcd_modes", "RCDMode"), ("msc_sources", "MSCSource"))


# -- bipartite graphs and their projections ---------------------------------------------------
def bipartite_graph(
    source: Source, left: str, right: str | Sequence[str] = "Pathway", *, include_hypotheses: bool = False
) -> nx.Graph:
    """Bipartite graph ``left`` -- ``right`` (e.g. Study -- Pathway), one edge per pair named together.

    Two terms are joined when one claim links to both, except that a route (mode of action) and a
    molecule are joined only where the molecule travels by that route. Nodes carry ``bipartite`` (0 = left, 1 =
    right), ``label`` and ``name``; edges carry ``refs`` (sorted reference numbers), ``weight`` (the
    number of studies) and the per-setting study counts.
    """
    import networkx as nx

    G = as_networkx(source)
    (lab_l,), labs_r = _labels(left), _labels(right)
    pairs: dict[tuple[str, str], list[ClaimFacts]] = defaultdict(list)
    for c in claim_facts(G, include_hypotheses=include_hypotheses):
        for u in c.linked(lab_l):
            for lab_r in labs_r:
                for v in c.linked(lab_r):
                    if _linked_through(c, u, v):
                        pairs[(u, v)].append(c)
    B = nx.Graph()
    for (u, v), cs in sorted(pairs.items()):
        B.add_node(u, bipartite=0, label=lab_l, name=_name(G, u))
        B.add_node(v, bipartite=1, label=G.nodes[v]["label"], name=_name(G, v))
        ev = _evidence(cs)
        B.add_edge(u, v, weight=ev["n_studies"], **ev)
    return B


def bipartite_edges(
    source: Source, left: str, right: str | Sequence[str] = "Pathway", *, include_hypotheses: bool = False
) -> pd.DataFrame:
    """The edges of :func:`bipartite_graph` as a table, most studies first.

    Columns: left, left_name, right, right_label, right_name, n_studies, refs, in_vitro, in_vivo,
    clinical.
    """
    import pandas as pd

    B = bipartite_graph(source, left, right, include_hypotheses=include_hypotheses)
    rows = []
    for u, v, d in B.edges(data=True):
        if B.nodes[u]["bipartite"] == 1:
            u, v = v, u
        rows.append(
            {
                "left": _short(u),
                "left_name": B.nodes[u]["name"],
                "right": _short(v),
                "right_label": B.nodes[v]["label"],
                "right_name": B.nodes[v]["name"],
                **{k: d[k] for k in ("n_studies", "refs", "in_vitro", "in_vivo", "clinical")},
            }
        )
    cols = ["left", "left_name", "right", "right_label", "right_name", "n_studies", "refs", "in_vitro", "in_vivo"]
    frame = pd.DataFrame(rows, columns=[*cols, "clinical"])
    return frame.sort_values(["n_studies", "left", "right"], ascending=[False, True, True], ignore_index=True)


def study_pathway(source: Source, *, include_hypotheses: bool = False) -> pd.DataFrame:
    """Study -- pathway edges (which study implicates which pathway)."""
    return bipartite_edges(source, "Study", "Pathway", include_hypotheses=include_hypotheses)


def mode_pathway(source: Source, *, include_hypotheses: bool = False) -> pd.DataFrame:
    """Mode of action -- pathway edges, with the studies behind each."""
    return bipartite_edges(source, "ModeOfAction", "Pathway", include_hypotheses=include_hypotheses)


def rcd_pathway(source: Source, *, include_hypotheses: bool = False) -> pd.DataFrame:
    """RCD mode -- pathway edges, with the studies behind each."""
    return bipartite_edges(source, "RCDMode", "Pathway", include_hypotheses=include_hypotheses)


def projection(
    source: Source,
    left: str,
    right: str | Sequence[str] = "Pathway",
    *,
    onto: str = "right",
    include_hypotheses: bool = False,
) -> pd.DataFrame:
    """Project the bipartite graph ``left -- right`` onto one side (networkx bipartite projection).

    ``onto="right"`` with ``left="Study"`` gives pathway -- pathway pairs weighted by the number of
    studies implicating both; ``onto="left"`` gives e.g. study -- study pairs weighted by the number
    of pathways they share. Columns: a, a_name, b, b_name, weight, shared (names of the common
    neighbours), jaccard (shared / union of neighbours). Pairs sharing nothing are left out.
    """
    import pandas as pd
    from networkx.algorithms import bipartite

    B = bipartite_graph(source, left, right, include_hypotheses=include_hypotheses)
    side = 0 if onto == "left" else 1
    nodes = sorted(n for n, d in B.nodes(data=True) if d["bipartite"] == side)
    P = bipartite.weighted_projected_graph(B, nodes)
    rows = []
    for u, v, d in P.edges(data=True):
        u, v = sorted((u, v))
        nu, nv = set(B[u]), set(B[v])
        shared = sorted(B.nodes[n]["name"] for n in nu & nv)
        rows.append(
            {
                "a": _short(u),
                "a_name": B.nodes[u]["name"],
                "b": _short(v),
                "b_name": B.nodes[v]["name"],
                "weight": d["weight"],
                "shared": shared,
                "jaccard": len(nu & nv) / len(nu | nv),
            }
        )
    frame = pd.DataFrame(rows, columns=["a", "a_name", "b", "b_name", "weight", "shared", "jaccard"])
    return frame.sort_values(["weight", "a", "b"], ascending=[False, True, True], ignore_index=True)


# -- rankings and similarities ---------------------------------------------------------------
def rank_pathways(
    source: Source,
    label: str = "Pathway",
    *,
    include_hypotheses: bool = False,
    count_unspecified: bool = False,
) -> pd.DataFrame:
    """Pathways (or molecules: ``label="Molecule"``) ranked by the independent studies, modes of
    action and RCD modes they span.

    The catch-all terms "undetermined" (mode of action) and "regulated cell death (mode not
    specified)" are listed but not counted in ``n_modes_of_action`` / ``n_rcd_modes`` unless
    ``count_unspecified``. Columns: term, name, n_studies, n_modes_of_action, n_rcd_modes,
    n_msc_sources, refs, in_vitro, in_vivo, clinical, modes_of_action, rcd_modes, msc_sources.
    """
    import pandas as pd

    G = as_networkx(source)
    lab = resolve_label(label)
    by_term: dict[str, list[ClaimFacts]] = defaultdict(list)
    for c in claim_facts(G, include_hypotheses=include_hypotheses):
        for t in c.linked(lab):
            by_term[t].append(c)
    rows = []
    for t, cs in by_term.items():
        spans: dict[str, Any] = {}
        for col, span_label in _SPANS:
            keys: set[str] = set().union(*(c.linked(span_label) for c in cs))
            spans[col] = sorted(_name(G, k) for k in keys)
            spans["n_" + col] = len(keys if count_unspecified else keys - UNSPECIFIED)
        ev = _evidence(cs)
        rows.append(
            {
                "term": _short(t),
                "name": _name(G, t),
                "n_studies": ev["n_studies"],
                "n_modes_of_action": spans["n_modes_of_action"],
                "n_rcd_modes": spans["n_rcd_modes"],
                "n_msc_sources": spans["n_msc_sources"],
                "refs": ev["refs"],
                "in_vitro": ev["in_vitro"],
                "in_vivo": ev["in_vivo"],
                "clinical": ev["clinical"],
                "modes_of_action": spans["modes_of_action"],
                "rcd_modes": spans["rcd_modes"],
                "msc_sources": spans["msc_sources"],
            }
        )
    cols = ["term", "name", "n_studies", "n_modes_of_action", "n_rcd_modes", "n_msc_sources", "refs", "in_vitro"]
    cols += ["in_vivo", "clinical", "modes_of_action", "rcd_modes", "msc_sources"]
    frame = pd.DataFrame(rows, columns=cols)
    order = ["n_studies", "n_modes_of_action", "n_rcd_modes", "name"]
    return frame.sort_values(order, ascending=[False, False, False, True], ignore_index=True)


def profiles(
    source: Source, label: str, by: str | Sequence[str] = _EVIDENCE_LABELS, *, include_hypotheses: bool = False
) -> dict[str, set[str]]:
    """For every term of ``label`` named in a claim: the set of ``by`` terms (node keys) named
    together with it (by default pathways and molecules; a route and a molecule only where the
    molecule travels by that route)."""
    (lab,), labs_by = _labels(label), _labels(by)
    out: dict[str, set[str]] = defaultdict(set)
    for c in claim_facts(source, include_hypotheses=include_hypotheses):
        for x in c.linked(lab):
            out[x].update(y for b in labs_by for y in c.linked(b) if _linked_through(c, x, y))
    return dict(out)


def jaccard(
    source: Source,
    label: str,
    by: str | Sequence[str] = _EVIDENCE_LABELS,
    *,
    include_hypotheses: bool = False,
    count_unspecified: bool = False,
) -> pd.DataFrame:
    """Jaccard similarity between every pair of ``label`` terms (RCD modes, modes of action, MSC
    sources, ...) by the pathways and molecules named with them (``by``).

    Every pair of terms that appear in a claim is listed, zero similarities included; the catch-all
    terms ("RCD" without a mode, "Not determined") are left out unless ``count_unspecified``. Columns: a,
    a_name, b, b_name, jaccard, n_shared, shared (names), n_a, n_b. Most similar first.
    """
    import pandas as pd

    G = as_networkx(source)
    prof = profiles(G, label, by, include_hypotheses=include_hypotheses)
    if not count_unspecified:
        prof = {k: v for k, v in prof.items() if k not in UNSPECIFIED}
    rows = []
    for u, v in itertools.combinations(sorted(prof), 2):
        su, sv = prof[u], prof[v]
        union = su | sv
        rows.append(
            {
                "a": _short(u),
                "a_name": _name(G, u),
                "b": _short(v),
                "b_name": _name(G, v),
                "jaccard": len(su & sv) / len(union) if union else 0.0,
                "n_shared": len(su & sv),
                "shared": sorted(_name(G, k) for k in su & sv),
                "n_a": len(su),
                "n_b": len(sv),
            }
        )
    frame = pd.DataFrame(rows, columns=["a", "a_name", "b", "b_name", "jaccard", "n_shared", "shared", "n_a", "n_b"])
    return frame.sort_values(["jaccard", "n_shared", "a", "b"], ascending=[False, False, True, True], ignore_index=True)


def jaccard_matrix(
    source: Source, label: str, by: str | Sequence[str] = _EVIDENCE_LABELS, *, include_hypotheses: bool = False
) -> pd.DataFrame:
    """:func:`jaccard` as a square, symmetric matrix indexed by term name (1.0 on the diagonal
    for terms with a non-empty profile): ready for a heatmap."""
    import pandas as pd

    G = as_networkx(source)
    prof = profiles(G, label, by, include_hypotheses=include_hypotheses)
    names = {k: _name(G, k) for k in prof}
    order = sorted(prof, key=lambda k: names[k])
    data = [
        [len(prof[u] & prof[v]) / len(prof[u] | prof[v]) if prof[u] | prof[v] else 0.0 for v in order] for u in order
    ]
    idx = [names[k] for k in order]
    return pd.DataFrame(data, index=idx, columns=idx)


def shared_pathway_network(
    source: Source,
    *,
    min_studies: int = 2,
    label: str = "Pathway",
    include_hypotheses: bool = False,
) -> nx.Graph:
    """A drawable network of the pathways (or molecules) implicated by at least ``min_studies``
    studies, joined to the RCD modes and modes of action of their claims.

    Nodes carry ``label``, ``name`` and ``n_studies``; edges carry ``weight`` (studies) and ``refs``.
    """
    import networkx as nx

    G = as_networkx(source)
    lab = resolve_label(label)
    keep = {
        f"{lab}:{t}"
        for t in rank_pathways(G, lab, include_hypotheses=include_hypotheses).query("n_studies >= @min_studies")["term"]
    }
    N = nx.Graph()
    for other in ("RCDMode", "ModeOfAction"):
        B = bipartite_graph(G, other, lab, include_hypotheses=include_hypotheses)
        for u, v, d in B.edges(data=True):
            term, hub = (u, v) if u in keep else (v, u)
            if term not in keep:
                continue
            for n in (term, hub):
                N.add_node(n, label=G.nodes[n]["label"], name=_name(G, n))
            N.add_edge(term, hub, weight=d["weight"], refs=d["refs"])
    for n in N:
        N.nodes[n]["n_studies"] = len({r for _, _, d in N.edges(n, data=True) for r in d["refs"]})
    return N
