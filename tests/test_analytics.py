"""Shared-pathway analytics (msc_graph.analytics) on the curated graph.

Every expected set below was read off the review (Tables 1-4 and the prose), not taken from a run.
Where the answer rests on a curation judgement (which table words are pathways vs molecules, which
mode-of-action category a row got), the comment says so; see ingest/CURATION_NOTES.md.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd
import pytest

import msc_graph
from msc_graph import SchemaError, analytics


@pytest.fixture(scope="module")
def G(graph: msc_graph.Graph) -> nx.MultiDiGraph:
    return graph.to_networkx()


def _row(frame: pd.DataFrame, **match: Any) -> pd.Series:
    sel = frame
    for k, v in match.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, f"expected one row for {match}, got {len(sel)}"
    return sel.iloc[0]


def test_pathways_ranked_by_independent_studies(G: nx.MultiDiGraph) -> None:
    df = analytics.rank_pathways(G)
    # Table 1: "PI3K/Akt" in Liu [45] (row 4), Scheibe [50] (row 8), Kim [64] (row 9).
    assert set(_row(df, name="PI3K/Akt")["refs"]) == {45, 50, 64}
    # Table 1: "STAT3" in Raffaghello [58] (row 3) and Scheibe [50] (row 8).
    assert set(_row(df, name="STAT3")["refs"]) == {50, 58}
    # Table 1: caspase-3 in Kim [64] (row 9) and Kong [57] (row 13); prose: let-7 miRNAs "downregulated
    # caspase-3" [71]. Bcl-2: prose [71] ("upregulated Bcl-2") and [86, 87] ("upregulating Bcl-xL, Bcl-2").
    assert set(_row(df, name="caspase-3")["refs"]) == {57, 64, 71}
    assert {71, 86, 87} <= set(_row(df, name="Bcl-2")["refs"])
    # No other pathway is named by three studies, so these three lead the ranking.
    assert set(df["name"].head(3)) == {"PI3K/Akt", "caspase-3", "Bcl-2"}
    assert list(df["n_studies"]) == sorted(df["n_studies"], reverse=True)
    # PI3K/Akt rows have no delivery route (curation: intracellular pathways -> "undetermined", not counted).
    assert _row(df, name="PI3K/Akt")["n_modes_of_action"] == 0
    assert _row(df, name="PI3K/Akt")["n_rcd_modes"] == 1  # apoptosis only (Table 1 rows 4, 8, 9)


def test_hypotheses_change_the_ranking_only_when_asked(G: nx.MultiDiGraph) -> None:
    # Prose: Cx43-overexpressing BM-MSCs make "more ... Bcl-2, and fewer ... Bax, which suggests" [67, 79].
    assert "Bax" not in set(analytics.rank_pathways(G)["name"])
    with_h = analytics.rank_pathways(G, include_hypotheses=True)
    assert set(_row(with_h, name="Bax")["refs"]) == {67, 79}
    assert {67, 71, 79, 86, 87} <= set(_row(with_h, name="Bcl-2")["refs"])


def test_molecules_ranked(G: nx.MultiDiGraph) -> None:
    df = analytics.rank_pathways(G, "Molecule")
    # Mitochondria: Table 3 (Spees [27], Islam [43], Liu [44], Ahmad [38], Han [69], Mahrouf-Yorgov [46])
    # and Table 4 Phinney [73]; Cx43: Table 2 (Wang [67], Schajnovitz [60], Islam [43], Zhang [68], Fu [66]).
    assert list(df["name"].head(2)) == ["mitochondria", "Cx43"]
    assert {27, 38, 43, 44, 46, 69, 73} <= set(df.iloc[0]["refs"])
    assert {43, 60, 66, 67, 68} <= set(df.iloc[1]["refs"])
    assert set(_row(df, name="IL-10")["refs"]) == {48, 61}  # Table 1 rows 12 and 14
    assert _row(df, name="IL-10")["rcd_modes"] == ["pyroptosis"]


def test_bipartite_projections(G: nx.MultiDiGraph) -> None:
    sp = analytics.study_pathway(G)
    # Kong [57], Table 1 row 13: "Caspase-3 and RIP-1/3 inhibition".
    assert set(sp[sp["left"] == "ref57"]["right_name"]) == {"caspase-3", "RIP1", "RIP3"}
    rp = analytics.rcd_pathway(G)
    assert {"caspase-3", "RIP1", "RIP3"} <= set(rp[rp["left"] == "necroptosis"]["right_name"])
    # Pyroptosis rows (Naji [48], Wang [61]) name only IL-10, a molecule: no pathway.
    assert rp[rp["left"] == "pyroptosis"].empty
    mp = analytics.mode_pathway(G)
    # Raffaghello [58] "IL-6, STAT3", paracrine (the prose says IL-6 is secreted; curation note on ref58).
    assert set(_row(mp, left="paracrine", right_name="STAT3")["refs"]) == {58}
    B = analytics.bipartite_graph(G, "Study", "Pathway")
    assert nx.is_bipartite(B) and B.has_edge("Study:ref57", "Pathway:ripk1")


def test_projection_onto_studies_and_pathways(G: nx.MultiDiGraph) -> None:
    studies = analytics.projection(G, "Study", "Pathway", onto="left")
    # [86, 87] are cited together for Bcl-xL, Bcl-2, BIRC8, caspase-1 and caspase-8.
    pair = _row(studies, a="ref86", b="ref87")
    assert set(pair["shared"]) == {"Bcl-xL", "Bcl-2", "BIRC8", "caspase-1", "caspase-8"}
    assert pair["weight"] == 5
    assert _row(studies, a="ref45", b="ref50")["shared"] == ["PI3K/Akt"]
    pathways = analytics.projection(G, "Study", "Pathway", onto="right")
    assert _row(pathways, a="caspase-3", b="ripk1")["weight"] == 1  # Kong [57] only
    assert pathways["weight"].min() >= 1


def test_jaccard_between_rcd_modes(G: nx.MultiDiGraph) -> None:
    df = analytics.jaccard(G, "RCDMode")
    # Apoptosis and necroptosis share Kong [57] (caspase-3, RIP-1/3), Fu [66] (Cx-43), Li [65]
    # (prosaposin) and [86, 87] (Bcl-xL, Bcl-2, BIRC8, caspase-1, caspase-8): the most similar pair.
    top = df.iloc[0]
    assert {top["a"], top["b"]} == {"apoptosis", "necroptosis"}
    assert {"caspase-3", "RIP1", "RIP3", "Cx43", "prosaposin", "Bcl-2"} <= set(top["shared"])
    # Pyroptosis: IL-10 only (Table 1 rows 12, 14), named for no other mode.
    pyro = df[(df["a"] == "pyroptosis") | (df["b"] == "pyroptosis")]
    assert len(pyro) > 0 and (pyro["jaccard"] == 0).all()
    assert df["jaccard"].between(0, 1).all()
    m = analytics.jaccard_matrix(G, "RCDMode")
    assert (m.values == m.values.T).all()
    assert m.loc["apoptosis", "necroptosis"] == pytest.approx(top["jaccard"])


def test_jaccard_between_msc_sources_and_modes(G: nx.MultiDiGraph) -> None:
    src = analytics.jaccard(G, "MSCSource")
    # "Mouse and human BM-MSCs" rows: Li [65], Scheibe [50], Schajnovitz [60], Islam [43], Wen [51].
    assert {src.iloc[0]["a"], src.iloc[0]["b"]} == {"human-bm-msc", "mouse-bm-msc"}
    # Human vs rat BM-MSCs: PI3K/Akt (rat [45], [64]; human [50]), Cx43 (rat [67]; human [60], [66], [68]),
    # mitochondria (rat Han [69]; human Spees [27], Liu [44], ...).
    hr = _row(src, a="human-bm-msc", b="rat-bm-msc")
    assert {"PI3K/Akt", "Cx43", "mitochondria"} <= set(hr["shared"])
    assert "STAT3" not in hr["shared"]  # STAT3 rows [58], [50] use human/mouse MSCs, not rat
    moa = analytics.jaccard(G, "ModeOfAction")
    # Gap junction and TNT share Cx43 and mitochondria through Islam [43] ("Cx-43, transfer of mitochondria
    # via EVs and TNTs") and connexins through Cselenyak [41] ("Cxs and/or TNTs"; curated to both routes).
    gt = _row(moa, a="gap-junction", b="tnt-mitochondria-transfer")
    assert {"Cx43", "mitochondria", "connexins"} <= set(gt["shared"])


def test_shared_pathway_network(G: nx.MultiDiGraph) -> None:
    N = analytics.shared_pathway_network(G, min_studies=2)
    pathways = {d["name"] for _, d in N.nodes(data=True) if d["label"] == "Pathway"}
    # The pathways named by two or more studies (see test_pathways_ranked_by_independent_studies).
    assert pathways == {"PI3K/Akt", "STAT3", "caspase-3", "Bcl-2", "Bcl-xL", "BIRC8", "caspase-1", "caspase-8"}
    assert N.has_edge("Pathway:ripk1", "RCDMode:necroptosis") is False  # RIP1: Kong [57] only
    assert N.has_edge("Pathway:caspase-3", "RCDMode:necroptosis")
    assert all(d["weight"] >= 1 for _, _, d in N.edges(data=True))


def test_accepts_a_graph_and_rejects_unknown_labels(graph: msc_graph.Graph) -> None:
    df = analytics.rank_pathways(graph)  # a Graph, read through to_networkx()
    assert set(_row(df, name="STAT3")["refs"]) == {50, 58}
    with pytest.raises(SchemaError):
        analytics.jaccard(graph, "Pathwayz")
