"""Shared-pathway analytics (msc_graph.analytics) on the curated graph, record format v2.

Every expected set below was read in the review (``../shared/sources/000_808a76f477bdf626.txt``:
Tables 1-4 and the prose, line numbers of ``cat -n``) or in a literature abstract, not taken from a
run. The unit of the analytics is the study; literature studies have no reference number, so the
tests count them through ``n_studies``. Since record format v2, death machinery (caspases, RIP1/3,
Bcl-2 family) are molecules, not pathways, and a molecule belongs to the routes it travels by
(``molecules[].via``), never to every route of its claim (issue 11).
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd
import pytest

import msc_graph
from msc_graph import SchemaError, analytics

from .conftest import INGEST


@pytest.fixture(scope="module")
def G(graph: msc_graph.Graph) -> nx.MultiDiGraph:
    return graph.to_networkx()


def _row(frame: pd.DataFrame, **match: Any) -> pd.Series:
    sel = frame
    for k, v in match.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, f"expected one row for {match}, got {len(sel)}"
    return sel.iloc[0]


def _refs(row: pd.Series) -> set[int]:
    return {int(r) for r in row["refs"] if isinstance(r, int)}


def _study(G: nx.MultiDiGraph, ref: int) -> str:
    """The node id of the review's study [ref] (studies are keyed by PMID, DOI or a local key)."""
    (key,) = [n for n, d in G.nodes(data=True) if d.get("label") == "Study" and d.get("ref") == ref]
    return str(key).split(":", 1)[1]


def test_pathways_ranked_by_independent_studies(G: nx.MultiDiGraph) -> None:
    df = analytics.rank_pathways(G)
    # Table 1: "PI3K/Akt" in Liu [45] (row 4), Scheibe [50] (row 8), Kim [64] (row 9); He 2025 (abstract:
    # "suppressing ferroptosis through PI3K/Akt/Nrf2 pathway activation").
    pi3k = _row(df, name="PI3K/Akt")
    assert _refs(pi3k) == {45, 50, 64} and pi3k["n_studies"] == 4
    # Table 1: "STAT3" in Raffaghello [58] (row 3) and Scheibe [50] (row 8).
    assert _refs(_row(df, name="STAT3 signalling")) == {50, 58}
    # No other pathway is named by two studies, so these two lead the ranking.
    assert list(df["name"].head(2)) == ["PI3K/Akt", "STAT3 signalling"]
    assert (df["n_studies"].iloc[2:] == 1).all()
    assert list(df["n_studies"]) == sorted(df["n_studies"], reverse=True)
    # Table 1 is read as paracrine (hedged) -- curation, lines 140-153; He 2025 states no route
    # ("undetermined", not counted as a mode spanned). Apoptosis (Table 1) and ferroptosis (He 2025).
    assert pi3k["n_modes_of_action"] == 1 and pi3k["n_rcd_modes"] == 2
    # Death machinery is no pathway: "Caspase-3 and RIP-1/3 inhibition" (lines 286-287), Bcl-2 family
    # and caspases of [86, 87] (lines 833-836).
    assert not {"caspase-3", "RIP1", "RIP3", "Bcl-2", "Bcl-xL", "caspase-1", "caspase-8", "BIRC8"} & set(df["name"])


def test_hypotheses_change_the_ranking_only_when_asked(G: nx.MultiDiGraph) -> None:
    # Shi 2023 is a hypothesis ("This study suggests that HucMSC-EVs protec"): its ER stress counts only
    # when asked. Bax of [67, 79] is observed in the MSCs (lines 673-676): a demonstrated molecule.
    assert "endoplasmic reticulum stress" not in set(analytics.rank_pathways(G)["name"])
    with_h = analytics.rank_pathways(G, include_hypotheses=True)
    assert _row(with_h, name="endoplasmic reticulum stress")["n_studies"] == 1
    molecules = analytics.rank_pathways(G, "Molecule")
    assert _refs(_row(molecules, name="Bax")) == {67, 79}
    # [90] (lines 882-886, "could potentially protect"): neprilysin only with hypotheses
    assert "neprilysin" not in set(molecules["name"])
    assert _refs(_row(analytics.rank_pathways(G, "Molecule", include_hypotheses=True), name="neprilysin")) == {90}


def test_molecules_ranked(G: nx.MultiDiGraph) -> None:
    df = analytics.rank_pathways(G, "Molecule")
    # Mitochondria: Table 3 (Spees [27], Islam [43], Liu [44], Ahmad [38], Han [69], Mahrouf-Yorgov [46],
    # Cselenyak [41] by the paragraph's list, lines 145-147), Table 4 Phinney [73], prose [82] (lines
    # 748-758); Cx43: Table 2 (Wang [67], Schajnovitz [60], Islam [43], Zhang [68], Fu [66]) and [79]
    # (lines 665-668).
    assert list(df["name"].head(2)) == ["mitochondria", "Cx43"]
    assert _refs(df.iloc[0]) == {27, 38, 41, 43, 44, 46, 69, 73, 82}
    assert _refs(df.iloc[1]) == {43, 60, 66, 67, 68, 79}
    assert _refs(_row(df, name="IL-10")) == {48, 61}  # Table 1 rows 12 and 14
    assert _row(df, name="IL-10")["rcd_modes"] == ["pyroptosis"]


def test_bipartite_projections(G: nx.MultiDiGraph) -> None:
    sm = analytics.bipartite_edges(G, "Study", "Molecule")
    # Kong [57], Table 1 row 13: "Caspase-3 and RIP-1/3 inhibition" -- molecules, and no pathway.
    kong = _study(G, 57)
    assert set(sm[sm["left"] == kong]["right_name"]) == {"caspase-3", "RIP1", "RIP3"}
    sp = analytics.study_pathway(G)
    assert sp[sp["left"] == kong].empty
    assert set(sp[sp["left"] == _study(G, 50)]["right_name"]) == {"PI3K/Akt", "STAT3 signalling"}  # T1R8
    # Pyroptosis: Naji [48], Wang [61] name only IL-10; Cai 2021 names molecules only: no pathway.
    rp = analytics.rcd_pathway(G)
    assert rp[rp["left"] == "pyroptosis"].empty
    mp = analytics.mode_pathway(G)
    # Raffaghello [58] "IL-6, STAT3" and Scheibe [50] "PI3K/Akt, STAT3": Table 1, paracrine (curation).
    assert _refs(_row(mp, left="paracrine", right_name="STAT3 signalling")) == {50, 58}
    B = analytics.bipartite_graph(G, "Study", "Molecule")
    assert nx.is_bipartite(B) and B.has_edge(f"Study:{kong}", "Molecule:ripk1")


def test_a_route_links_only_the_molecules_that_travel_by_it(G: nx.MultiDiGraph) -> None:
    # Islam [43] names three routes (Table 2 row 4: "Cx-43, transfer of mitochondria via EVs and TNTs"):
    # Cx43 forms the gap junctions (lines 683-687), the mitochondria go through TNTs and EVs. A
    # route -- molecule edge must come from the molecule's own route (its ``via``), never from another
    # route of the same claim: no (gap junction, mitochondria), no (TNT, Cx43).
    ds = msc_graph.validate(INGEST)
    travels = {(via, mol) for c in ds.claims for mol, _, via in c.molecules if via}
    edges = analytics.bipartite_edges(G, "ModeOfAction", "Molecule")
    wrong = [(r["left"], r["right"]) for _, r in edges.iterrows() if (r["left"], r["right"]) not in travels]
    assert not wrong, wrong


def test_projection_onto_studies(G: nx.MultiDiGraph) -> None:
    studies = analytics.projection(G, "Study", "Molecule", onto="left")
    s86, s87 = sorted((_study(G, 86), _study(G, 87)))
    # [86, 87] are cited together for miRNAs, Bcl-xL, Bcl-2, BIRC8, caspase-1 and caspase-8 (lines 825-836).
    pair = _row(studies, a=s86, b=s87)
    assert set(pair["shared"]) == {"miRNAs", "Bcl-xL", "Bcl-2", "BIRC8", "caspase-1", "caspase-8"}
    assert pair["weight"] == 6
    # [67, 79]: Cx43, Bcl-2 and Bax (lines 665-676); [43] and [60]: Ca2+ through Cx43 (lines 685-687, 703-705)
    a, b = sorted((_study(G, 67), _study(G, 79)))
    assert set(_row(studies, a=a, b=b)["shared"]) == {"Cx43", "Bcl-2", "Bax"}
    a, b = sorted((_study(G, 43), _study(G, 60)))
    assert set(_row(studies, a=a, b=b)["shared"]) == {"Ca2+", "Cx43"}
    pathways = analytics.projection(G, "Study", "Pathway", onto="right")
    # PI3K/Akt and STAT3 signalling: Scheibe [50] only (T1R8)
    assert _row(pathways, a="pi3k-akt", b="stat3")["weight"] == 1
    assert pathways["weight"].min() >= 1


def test_jaccard_between_rcd_modes(G: nx.MultiDiGraph) -> None:
    df = analytics.jaccard(G, "RCDMode")
    # Apoptosis and necroptosis share Kong [57] (caspase-3, RIP1, RIP3), Fu [66] (Cx-43), Li [65]
    # (prosaposin), Yan [92] (GPX1) and [86, 87] (miRNAs): the most similar pair.
    top = df.iloc[0]
    assert {top["a"], top["b"]} == {"apoptosis", "necroptosis"}
    assert {"caspase-3", "RIP1", "RIP3", "Cx43", "prosaposin", "GPX1", "miRNAs"} <= set(top["shared"])
    # Pyroptosis: IL-10 ([48], [61]) is named for no other mode; caspase-1 is a readout of [86, 87]
    # (apoptosis, lines 830-836) and of Cai 2021 (pyroptosis): their only shared molecule.
    pyro_apo = _row(df[(df["a"].isin(["apoptosis", "pyroptosis"])) & (df["b"].isin(["apoptosis", "pyroptosis"]))])
    assert pyro_apo["shared"] == ["caspase-1"]
    assert df["jaccard"].between(0, 1).all()
    m = analytics.jaccard_matrix(G, "RCDMode")
    assert (m.values == m.values.T).all()
    assert m.loc["apoptosis", "necroptosis"] == pytest.approx(top["jaccard"])


def test_jaccard_between_msc_sources(G: nx.MultiDiGraph) -> None:
    src = analytics.jaccard(G, "MSCSource")
    # "Mouse and human BM-MSCs" rows: Li [65], Scheibe [50], Schajnovitz [60], Islam [43], Wen [51].
    assert {src.iloc[0]["a"], src.iloc[0]["b"]} == {"human-bm-msc", "mouse-bm-msc"}
    # Human vs rat BM-MSCs: PI3K/Akt (rat [45], [64]; human [50]), Cx43 (rat [67], [79]; human [60], [66],
    # [68]), mitochondria (rat Han [69]; human Spees [27], Liu [44], ...).
    hr = _row(src, a="human-bm-msc", b="rat-bm-msc")
    assert {"PI3K/Akt", "Cx43", "mitochondria"} <= set(hr["shared"])
    assert "STAT3 signalling" not in hr["shared"]  # STAT3 rows [58], [50] use human/mouse MSCs, not rat


def test_jaccard_between_modes_of_action_counts_what_travels_by_both(G: nx.MultiDiGraph) -> None:
    # Through gap junctions travel Cx43, Cx45, "Cxs" and Ca2+; through TNTs mitochondria (and Miro-1
    # helps): nothing travels both ways, although Islam [43] and Cselenyak [41] ("Cxs and/or TNTs")
    # name both routes. TNTs and EVs both carry mitochondria ([27], [43], [46]).
    moa = analytics.jaccard(G, "ModeOfAction")
    assert _row(moa, a="gap-junction", b="tnt-mitochondria-transfer")["shared"] == []
    assert _row(moa, a="ev-transfer", b="tnt-mitochondria-transfer")["shared"] == ["mitochondria"]


def test_shared_pathway_network(G: nx.MultiDiGraph) -> None:
    N = analytics.shared_pathway_network(G, min_studies=2)
    pathways = {d["name"] for _, d in N.nodes(data=True) if d["label"] == "Pathway"}
    # The pathways named by two or more studies (see test_pathways_ranked_by_independent_studies).
    assert pathways == {"PI3K/Akt", "STAT3 signalling"}
    assert N.has_edge("Pathway:pi3k-akt", "RCDMode:apoptosis")
    assert N.has_edge("Pathway:pi3k-akt", "RCDMode:ferroptosis")  # He 2025
    assert not N.has_edge("Pathway:stat3", "RCDMode:necroptosis")
    assert all(d["weight"] >= 1 for _, _, d in N.edges(data=True))


def test_accepts_a_graph_and_rejects_unknown_labels(graph: msc_graph.Graph) -> None:
    df = analytics.rank_pathways(graph)  # a Graph, read through to_networkx()
    assert _refs(_row(df, name="STAT3 signalling")) == {50, 58}
    with pytest.raises(SchemaError):
        analytics.jaccard(graph, "Pathwayz")
