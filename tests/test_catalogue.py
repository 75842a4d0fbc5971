"""The query catalogue answers the researchers' questions as the review does.

Every expected set of reference numbers and every key cell below was read in the review
(``../shared/sources/000_808a76f477bdf626.txt``: Tables 1-4 and the prose, line numbers of
``cat -n``) before the query was run, never copied from an answer. "T2R6" = Table 2, row 6 (rows
counted in print order). Answers about the literature source (``literature-2020s``) were read in
the abstracts recorded in ``ingest/sources/literature-2020s/studies.yaml``. Where an expectation also
rests on a curation judgement (``ingest/CURATION_NOTES.md``, the claims' notes), the comment says
"curation:". Disagreements between the graph and the text are in tests/test_answers.py.

Most tests ask with ``source="naji-2019"`` so that the answer is the review's alone; the literature
studies have no reference number (``refs`` holds reference numbers only, ``studies`` every study).
"""

from __future__ import annotations

import inspect
import json
from typing import Any

import pandas as pd
import pytest

import msc_graph
from msc_graph import ParameterError, UnknownTermError
from msc_graph._exceptions import AmbiguousTermError

from .conftest import cli

QUERIES = msc_graph.named_queries()
CATALOGUE = sorted(name for name, q in QUERIES.items() if not q.system)
SETTINGS = ("in_vitro", "in_vivo", "clinical")
REVIEW = "naji-2019"
# The literature studies, as the answers name them (first author and year, or title, with the id).
CAI_2021 = "Cai et al. 2021 (PMID 34294138)"
LI_2022 = "Li et al. 2022 (PMID 35720183)"
HE_2025 = "He et al. 2025 (PMID 40393152)"


def cell(df: pd.DataFrame, row: Any, col: str) -> Any:
    """``df.loc[row, col]``: one cell, which may hold a list (pandas-stubs types it as a scalar)."""
    return df.loc[row, col]


def ask(graph: msc_graph.Graph, name: str, **params: Any) -> pd.DataFrame:
    return graph.ask(name, **params)


def refs_by(df: pd.DataFrame, key: str, col: str = "refs") -> dict[Any, set[int]]:
    """``{row[key]: set(row[col])}``."""
    return {row[key]: {int(r) for r in row[col]} for _, row in df.iterrows()}


def refs_of(df: pd.DataFrame, col: str = "ref") -> set[int]:
    """The reference numbers of a one-row-per-study answer (literature studies have none)."""
    return {int(r) for r in df[col].dropna()}


def row_of(df: pd.DataFrame, **match: Any) -> pd.Series:
    sel = df
    for k, v in match.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, f"expected one row for {match}, got {len(sel)}"
    return sel.iloc[0]


def settings_of(row: pd.Series) -> tuple[int, int, int]:
    return int(row["in_vitro"]), int(row["in_vivo"]), int(row["clinical"])


def empty_with_columns(df: pd.DataFrame, name: str) -> bool:
    return df.empty and list(df.columns) == list(QUERIES[name].returns)


# -- the catalogue as a whole ------------------------------------------------------------------


def test_at_least_fifteen_catalogue_queries() -> None:
    assert len(CATALOGUE) >= 15, CATALOGUE


@pytest.mark.parametrize("name", [n for n in CATALOGUE if n != "review-table"])
def test_every_query_is_a_typed_documented_method(name: str) -> None:
    # The typed methods of msc_graph/_catalogue.py must take every parameter the query file declares.
    method = getattr(msc_graph.Graph, name.replace("-", "_"), None)
    assert method is not None, f"no Graph method for {name}"
    assert method.__doc__ and len(method.__doc__.strip()) > 20
    declared = [p.name for p in QUERIES[name].params]
    assert list(inspect.signature(method).parameters)[1:] == declared
    assert inspect.signature(method).return_annotation in ("pd.DataFrame", pd.DataFrame)


@pytest.mark.parametrize("name", CATALOGUE)
def test_every_answer_carries_its_evidence(name: str) -> None:
    returns = QUERIES[name].returns
    assert {"refs", "ref", "claim"} & set(returns), name
    if "refs" in returns and name != "paths-between":  # aggregated answers: counts by setting
        assert set(SETTINGS) <= set(returns), name
        assert "n_statements" in returns and "n_studies" in returns, name


def test_cli_lists_every_query_with_description_and_params(graph: msc_graph.Graph) -> None:
    res = cli("queries", "--format", "json")
    assert res.exit_code == 0, res.stderr
    listed = {r["name"]: r for r in json.loads(res.stdout)}
    for name in CATALOGUE:
        assert listed[name]["description"]
        for p in QUERIES[name].params:
            assert p.name in listed[name]["params"]


def test_cli_ask_runs_a_catalogue_query_with_typed_params(graph: msc_graph.Graph) -> None:
    res = cli("ask", "gap-map", "-p", "include_hypotheses=true", "-p", f"source={REVIEW}", "--format", "json")
    assert res.exit_code == 0, res.stderr
    rows = {(r["rcd_mode"], r["mode_of_action"]): r for r in json.loads(res.stdout)}
    # [90]: EV delivery of neprilysin "could potentially protect against ... pyroptosis" (lines 882-886)
    assert rows[("pyroptosis", "EV transfer")]["refs"] == [90]
    res = cli("ask", "studies", "-p", "inducer=Bortezomib", "--format", "json")
    assert res.exit_code == 0, res.stderr
    assert {r["ref"] for r in json.loads(res.stdout)} == {40, 66}  # T2R6 Fu, T4R9 Crompot


def test_unknown_terms_give_suggestions(graph: msc_graph.Graph) -> None:
    with pytest.raises(UnknownTermError) as err:
        graph.query("pathways-shared-between", a="apoptosys", b="necroptosis")
    assert "apoptosis" in err.value.suggestions
    with pytest.raises(UnknownTermError) as err:
        graph.query("evidence-for", term="Miro-2")
    assert "miro-1" in err.value.suggestions
    with pytest.raises(UnknownTermError):
        graph.query("studies", msc_source="Horse BM-MSCs")


def test_ambiguous_terms_list_their_candidates(graph: msc_graph.Graph) -> None:
    # "Cx" names connexins, Cx43 and Cx45 (the review prints "Cx-43", "Cx-45" and "Cxs").
    with pytest.raises(AmbiguousTermError) as err:
        graph.query("evidence-for", term="Cx")
    assert {"connexins", "cx43", "cx45"} <= {tid for tid, _ in err.value.candidates}


def test_enum_parameters_refuse_other_values(graph: msc_graph.Graph) -> None:
    with pytest.raises(ParameterError):
        graph.query("studies", setting="in silico")
    with pytest.raises(ParameterError):
        graph.query("conflicts", field="no such field")


# -- modes-of-action-rescuing -----------------------------------------------------------------


def test_modes_of_action_rescuing_necroptosis(graph: msc_graph.Graph) -> None:
    # Necroptosis in the review: T1R5 Li [65] (Prosaposin), T1R13 Kong [57] (Caspase-3 and RIP-1/3
    # inhibition), T2R6 Fu [66] (Cx-43), T4R9 Crompot [40] (EVs), T4R11 Yuan [53] (SP1 via EVs); prose:
    # "miRNA transfer via EVs ... apoptosis and/or necroptosis [86, 87]" (lines 825-830) and "EVs ...
    # carrying GPX1 prevented hepatocyte apoptosis and/or necroptosis [92]" (lines 890-893).
    # Curation: every Table 1 study is paracrine, hedged ("could involve (1) secreted paracrine factors
    # [..., 57, ..., 63-65] (Table 1)" and "remain uncertain (Table 1)", lines 140-153).
    df = ask(graph, "modes-of-action-rescuing", rcd="necroptosis", source=REVIEW).set_index("mode_of_action")
    assert refs_by(df.reset_index(), "mode_of_action") == {
        "EV transfer": {40, 53, 86, 87, 92},
        "gap junction": {66},
        "paracrine": {57, 65},
    }
    assert cell(df, "paracrine", "n_hedged") == 2 and cell(df, "EV transfer", "n_hedged") == 0
    assert set(cell(df, "EV transfer", "molecules")) == {"SP1", "GPX1", "miRNAs"}
    assert cell(df, "gap junction", "molecules") == ["Cx43"]
    assert cell(df, "paracrine", "molecules") == ["prosaposin"]  # curation: hedged secreted factor of [65]
    # in vivo: [53] rat AKI (lines 912-915), [86]/[87] SCID mice (lines 828-830), [92] CCl4 mouse (lines 891-893)
    assert cell(df, "EV transfer", "in_vivo") == 4 and cell(df, "EV transfer", "clinical") == 0
    assert set(cell(df, "EV transfer", "msc_sources")) == {
        "Human BM-MSCs",  # [40] T4R9
        "Human iPSC-MSCs",  # [53] T4R11
        "Human MSCs (tissue not stated)",  # [86, 87]: "human MSCs" (line 826)
        "Human UC-MSCs",  # [92] T4R10
    }


def test_modes_of_action_rescuing_pyroptosis(graph: msc_graph.Graph) -> None:
    # Pyroptosis: T1R12 Naji [48] (IL-10, in vitro, human BM-MSCs) and T1R14 Wang [61] (IL-10, in vivo,
    # mouse BM-MSCs); "IL-10 secreted by MSCs" (lines 314-319) -> paracrine, not hedged.
    df = ask(graph, "modes-of-action-rescuing", rcd="pyroptotic cell death", source=REVIEW)  # a synonym
    assert len(df) == 1
    row = df.iloc[0]
    assert row["mode_of_action"] == "paracrine" and set(row["refs"]) == {48, 61} and row["n_hedged"] == 0
    assert row["molecules"] == ["IL-10"]
    assert set(row["msc_sources"]) == {"Human BM-MSCs", "Mouse BM-MSCs"}
    assert settings_of(row) == (1, 1, 0)
    # [90]: "could potentially protect against Aβ-induced caspase-1-dependent neuron pyroptosis" (lines
    # 882-886), a hypothesis with a hedged EV route, counted only when asked.
    hyp = ask(graph, "modes-of-action-rescuing", rcd="pyroptosis", source=REVIEW, include_hypotheses=True)
    ev = row_of(hyp, mode_of_action="EV transfer")
    assert ev["refs"] == [90] and ev["n_hedged"] == 1 and ev["molecules"] == ["neprilysin"]


def test_modes_of_action_rescuing_pyroptosis_in_the_literature(graph: msc_graph.Graph) -> None:
    # Cai 2021 (abstract): "hucMSC-derived exosomes carrying miR-378a-5p inhibited NLRP3" and
    # "reduced cell pyroptosis": EVs against pyroptosis, a route the review reports only as possible.
    df = ask(graph, "modes-of-action-rescuing", rcd="pyroptosis")
    ev = row_of(df, mode_of_action="EV transfer")
    assert ev["refs"] == [] and ev["studies"] == [CAI_2021] and ev["molecules"] == ["miR-378a-5p"]


def test_modes_of_action_rescuing_filters(graph: msc_graph.Graph) -> None:
    # Malignant cells protected: Crompot [40] (B-CLL, T4R9) and Fu [66] (myeloma, T2R6; "noxious
    # consequences in MM pathogenesis", lines 725-728) leave the necroptosis answer.
    benign = ask(graph, "modes-of-action-rescuing", rcd="necroptosis", source=REVIEW, exclude_malignant=True)
    assert refs_by(benign, "mode_of_action") == {"EV transfer": {53, 86, 87, 92}, "paracrine": {57, 65}}
    # Read in a table: T1R5, T1R13, T2R6, T4R9, T4R11 ([92]'s row T4R10 says apoptosis only).
    table = ask(graph, "modes-of-action-rescuing", rcd="necroptosis", source=REVIEW, evidence="table")
    assert refs_by(table, "mode_of_action") == {"EV transfer": {40, 53}, "gap junction": {66}, "paracrine": {57, 65}}
    # In the prose: Yuan [53] (lines 906-915), [86, 87] (lines 825-830), Yan [92] (lines 890-893).
    prose = ask(graph, "modes-of-action-rescuing", rcd="necroptosis", source=REVIEW, evidence="prose")
    assert refs_by(prose, "mode_of_action") == {"EV transfer": {53, 86, 87, 92}}
    # Studies printed in a table and described in the prose: [53], [92]; Fu [66] (lines 715-721).
    both = ask(graph, "modes-of-action-rescuing", rcd="necroptosis", source=REVIEW, evidence="both")
    assert refs_by(both, "mode_of_action") == {"EV transfer": {53, 92}, "gap junction": {66}}


# -- molecules-via ------------------------------------------------------------------------------


def test_molecules_via_paracrine_against_pyroptosis_and_an_empty_combination(graph: msc_graph.Graph) -> None:
    assert refs_by(ask(graph, "molecules-via", mode="paracrine", rcd="pyroptosis"), "molecule") == {"IL-10": {48, 61}}
    # No TNT study in the review concerns necroptosis: an empty table with its columns.
    assert empty_with_columns(ask(graph, "molecules-via", mode="TNTs", rcd="necroptosis"), "molecules-via")


def test_molecules_via_gap_junctions_against_apoptosis(graph: msc_graph.Graph) -> None:
    # Table 2 (every row apoptosis): "Cxs" [41], "Cx-43" [67], [43], [68], [66], "Cx-43, Cx-45, CXCL12" [60].
    # CXCL12 is secreted ("CXCL12 secretion by MSCs", line 712): not a gap-junction molecule.
    df = ask(graph, "molecules-via", mode="gap junctions", rcd="apoptosis", source=REVIEW)
    assert refs_by(df, "molecule") == {"Cx43": {43, 60, 66, 67, 68}, "Cx45": {60}, "connexins": {41}}
    assert row_of(df, molecule="Cx43")["roles"] == ["channel protein"]


def test_molecules_via_tnts_against_apoptosis(graph: msc_graph.Graph) -> None:
    # Table 3 (every row apoptosis): mitochondria [27], [43], [44], [38], [69], [46]; Cselenyak [41]
    # "Cxs and/or TNTs" (curation: mitochondria from "(3) transfer of mitochondria via tunneling nanotubes
    # (TNTs) [27, 38, 41, 43, 44, 46, 69]", lines 145-147). Miro-1 [38]: "a critical factor enabling MSCs
    # to transfer mitochondria through TNT microtubules ... thus decreasing RCD including apoptosis"
    # (lines 766-771).
    df = ask(graph, "molecules-via", mode="TNTs", rcd="apoptosis", source=REVIEW)
    assert refs_by(df, "molecule") == {"mitochondria": {27, 38, 41, 43, 44, 46, 69}, "Miro-1": {38}}
    assert row_of(df, molecule="mitochondria")["roles"] == ["transferred organelle"]


def test_molecules_via_lists_the_target_cells(graph: msc_graph.Graph) -> None:
    # Wnt4 [93]: HFL1, HaCaT, rat dermal fibroblasts in vitro, rat skin epithelial cells in vivo (T4R5).
    df = ask(graph, "molecules-via", mode="EVs", rcd="apoptosis", source=REVIEW)
    assert set(row_of(df, molecule="Wnt4")["target_cells"]) == {
        "HFL1",
        "HaCaT",
        "rat primary dermal fibroblasts",
        "rat skin epithelial cells (in vivo)",
    }
    assert row_of(df, molecule="Wnt4")["roles"] == ["EV cargo"]


# -- molecules-against --------------------------------------------------------------------------


def test_molecules_against_pyroptosis(graph: msc_graph.Graph) -> None:
    assert refs_by(ask(graph, "molecules-against", rcd="pyroptosis", source=REVIEW), "molecule") == {"IL-10": {48, 61}}
    # + [90]: EV neprilysin "could potentially protect against Aβ-induced caspase-1-dependent neuron
    # pyroptosis" (lines 882-886): neprilysin travels by EVs, caspase-1 acts in the neurons.
    hyp = ask(graph, "molecules-against", rcd="pyroptosis", source=REVIEW, include_hypotheses=True)
    assert refs_by(hyp, "molecule") == {"IL-10": {48, 61}, "neprilysin": {90}, "caspase-1": {90}}
    assert row_of(hyp, molecule="neprilysin")["routes"] == ["EV transfer"]
    assert row_of(hyp, molecule="caspase-1")["routes"] == ["in the rescued cell"]


def test_molecules_against_necroptosis(graph: msc_graph.Graph) -> None:
    # Prosaposin [65] (T1R5), caspase-3 and RIP-1/3 [57] (T1R13), Cx-43 [66] (T2R6), SP1 [53] (T4R11) and
    # sphingosine kinase 1, which SP1 activates in the HK-2 cells (lines 910-912), miRNAs [86, 87]
    # (lines 825-830), GPX1 [92] (lines 890-893). (The in vitro apoptosis readouts of [86, 87] are
    # discussed in tests/test_answers.py.)
    df = ask(graph, "molecules-against", rcd="necroptosis", source=REVIEW)
    got = refs_by(df, "molecule")
    expected = {
        "prosaposin": {65},
        "caspase-3": {57},
        "RIP1": {57},
        "RIP3": {57},
        "Cx43": {66},
        "SP1": {53},
        "sphingosine kinase 1": {53},
        "miRNAs": {86, 87},
        "GPX1": {92},
    }
    assert {k: got.get(k) for k in expected} == expected
    assert row_of(df, molecule="sphingosine kinase 1")["routes"] == ["in the rescued cell"]
    assert row_of(df, molecule="SP1")["routes"] == ["EV transfer"]
    assert set(df["matched"].explode()) == {"necroptosis"}


def test_molecules_against_ferroptosis_from_the_abstracts(graph: msc_graph.Graph) -> None:
    # The review has no ferroptosis. Li 2022 (abstract): HO-1/BMMSCs "suppressed ferroptosis", assessed
    # by IREB2 and glutathione peroxidase 4; their exosomes carry miR-29a-3p, which "downregulated the
    # expression of Ireb2". He 2025: MSCs modulate "the hepcidin-FPN axis while suppressing ferroptosis".
    df = ask(graph, "molecules-against", rcd="ferroptosis")
    assert set(df["molecule"]) == {"GPX4", "IREB2", "miR-29a-3p", "hepcidin", "ferroportin"}
    assert row_of(df, molecule="miR-29a-3p")["routes"] == ["EV transfer"]
    assert set(row_of(df, molecule="IREB2")["studies"]) == {LI_2022}
    assert set(row_of(df, molecule="hepcidin")["studies"]) == {HE_2025}
    assert all(r == [] for r in df["refs"])


# -- shared-molecules ---------------------------------------------------------------------------


def test_shared_molecules(graph: msc_graph.Graph) -> None:
    df = ask(graph, "shared-molecules", source=REVIEW)
    assert refs_by(df, "molecule") == {
        # Table 3 [27], [38], [41] (curation, lines 145-147), [43], [44], [46], [69]; Table 4 [73];
        # prose [82] (lines 748-758)
        "mitochondria": {27, 38, 41, 43, 44, 46, 69, 73, 82},
        # Table 2 [67], [60], [43], [68], [66]; "Cx43 gap junctions contribute to BM-MSC survival
        # [67, 79]" (lines 665-668)
        "Cx43": {43, 60, 66, 67, 68, 79},
        # [71] (lines 857-859), [86, 87] (lines 833-836), [67, 79] (lines 673-676: in the MSCs)
        "Bcl-2": {67, 71, 79, 86, 87},
        # T1R9 [64], T1R13 [57], prose [71] ("downregulated caspase-3", line 858)
        "caspase-3": {57, 64, 71},
        # "Ca2+ exchange via Cx43 gap junctions" [43] (lines 685-687); "via Cx43 and Cx45" [60] (lines 703-705)
        "Ca2+": {43, 60},
        "IL-10": {48, 61},  # T1R12, T1R14
        "miRNAs": {86, 87, 88},  # lines 825-830 and 839-845
    }
    rows = df.set_index("molecule")
    assert set(cell(rows, "mitochondria", "routes")) == {"EV transfer", "TNT mitochondria transfer"}
    assert cell(rows, "Cx43", "routes") == ["gap junction"] and cell(rows, "Ca2+", "routes") == ["gap junction"]
    assert cell(rows, "caspase-3", "routes") == ["in the rescued cell"]
    assert (df["n_statements"] >= 2).all()
    # four independent statements or more: only mitochondria and Cx43
    assert set(ask(graph, "shared-molecules", source=REVIEW, min_studies=4)["molecule"]) == {"mitochondria", "Cx43"}


def test_shared_molecules_with_the_literature(graph: msc_graph.Graph) -> None:
    # The abstracts add a second statement for caspase-1 (Cai 2021: "Caspase-1 cleavage was suppressed";
    # review [86, 87]), RIPK1 (miR-874-3p study: "targeting RIPK1"; review Kong [57]) and miR-21
    # (PMID 32329653: "transferring miR-21 to HK-2 cells"; review Vallabhaneni [72]).
    review = set(ask(graph, "shared-molecules", source=REVIEW)["molecule"])
    every = set(ask(graph, "shared-molecules")["molecule"])
    assert every - review == {"caspase-1", "RIP1", "miRNA-21"}


# -- potency-biomarkers -------------------------------------------------------------------------


def test_potency_biomarkers(graph: msc_graph.Graph) -> None:
    # Conclusion (lines 994-1000): "The expression of Cx-43 as well as the mitochondria bioenergetic (Δψm)
    # and/or mitochondria phenotype (Miro-1) might be good indicators of functional potency".
    df = ask(graph, "potency-biomarkers")
    assert list(df["molecule"]) == ["Cx43", "mitochondria", "Miro-1"]
    rows = df.set_index("molecule")
    # Cx43: Table 2 [43], [60], [66], [67], [68]; prose [79] (lines 665-678) and [80] ("might play a role").
    assert set(cell(rows, "Cx43", "refs")) == {43, 60, 66, 67, 68, 79, 80}
    # hypotheses: [66, 68] "suggests ... might be prevented" (lines 721-728), [67, 79] "suggests a role
    # ... in cardiomyocytes" (lines 676-678), [80] "might play a role" (line 698): 5 claims
    assert cell(rows, "Cx43", "n_hypotheses") == 5
    assert cell(rows, "Cx43", "modes_of_action") == ["gap junction"]
    # Miro-1: only Ahmad [38] ("Miro-1 was identified as a critical factor ... [38]", lines 766-771).
    assert list(cell(rows, "Miro-1", "refs")) == [38] and cell(rows, "Miro-1", "n_hypotheses") == 0
    assert cell(rows, "Miro-1", "modes_of_action") == ["TNT mitochondria transfer"]
    # Δψm has no claim of its own: the mitochondria claims (Tables 3, 4; prose [82]; hypotheses [43, 63]).
    assert set(cell(rows, "mitochondria", "refs")) == {27, 38, 41, 43, 44, 46, 63, 69, 73, 82}
    assert cell(rows, "mitochondria", "n_hypotheses") == 3  # [43, 63] (lines 916-922), [63, 94] (lines 922-925)


# -- shared-pathways ----------------------------------------------------------------------------


def test_shared_pathways(graph: msc_graph.Graph) -> None:
    # PI3K/Akt: T1R4 Liu [45], T1R8 Scheibe [50], T1R9 Kim [64]; He 2025 ("suppressing ferroptosis
    # through PI3K/Akt/Nrf2 pathway activation"). STAT3: T1R3 Raffaghello [58], T1R8 [50].
    df = ask(graph, "shared-pathways").set_index("pathway")
    assert set(df.index) == {"PI3K/Akt", "STAT3 signalling"}
    assert set(cell(df, "PI3K/Akt", "refs")) == {45, 50, 64} and HE_2025 in cell(df, "PI3K/Akt", "studies")
    assert set(cell(df, "PI3K/Akt", "rcd_modes")) == {"apoptosis", "ferroptosis"}
    assert cell(df, "PI3K/Akt", "n_rcd_modes") == 2
    # curation: the Table 1 rows are paracrine (hedged); He 2025 states no route (undetermined)
    assert set(cell(df, "PI3K/Akt", "modes_of_action")) == {"paracrine", "undetermined"}
    review = ask(graph, "shared-pathways", source=REVIEW, min_studies=3)
    assert list(review["pathway"]) == ["PI3K/Akt"]
    assert empty_with_columns(ask(graph, "shared-pathways", min_studies=5), "shared-pathways")


# -- pathways-shared-between --------------------------------------------------------------------


def test_pathways_shared_between_apoptosis_and_necroptosis(graph: msc_graph.Graph) -> None:
    df = ask(graph, "pathways-shared-between", a="apoptosis", b="necroptosis").set_index("shared")
    # No signalling pathway is named for necroptosis in the review, nor in the literature's
    # apoptosis claims: every shared term is a molecule.
    assert set(df["kind"]) == {"molecule"}
    # Kong [57] (T1R13): "Apoptosis and necroptosis ... Caspase-3 and RIP-1/3 inhibition"; Fu [66] (T2R6)
    # Cx-43; Li [65] (T1R5) Prosaposin; Yan [92] GPX1 (T4R10 apoptosis, lines 890-893 necroptosis);
    # [86, 87] miRNAs (lines 825-830).
    assert {"caspase-3", "RIP1", "RIP3", "Cx43", "prosaposin", "GPX1", "miRNAs"} <= set(df.index)
    assert cell(df, "Cx43", "b_refs") == [66] and set(cell(df, "Cx43", "a_refs")) == {43, 60, 66, 67, 68}
    assert set(cell(df, "caspase-3", "a_refs")) == {57, 64, 71} and cell(df, "caspase-3", "b_refs") == [57]


def test_pathways_shared_between_sources(graph: msc_graph.Graph) -> None:
    # Human BM-MSCs: Scheibe [50] (mouse and human) PI3K/Akt; Rat BM-MSCs: Liu [45], Kim [64] PI3K/Akt.
    # Cx43: human [43], [60], [66], [68]; rat [67], [79] (lines 665-668). Mitochondria: human [27], [38],
    # [43], [44], [73]; rat Han [69] (T3R6).
    df = ask(graph, "pathways-shared-between", a="Human BM-MSCs", b="Rat BM-MSCs").set_index("shared")
    assert set(df.index) == {"PI3K/Akt", "Cx43", "mitochondria"}
    assert cell(df, "PI3K/Akt", "kind") == "pathway"
    assert set(cell(df, "PI3K/Akt", "a_refs")) == {50} and set(cell(df, "PI3K/Akt", "b_refs")) == {45, 64}
    assert set(cell(df, "Cx43", "b_refs")) == {67, 79} and cell(df, "mitochondria", "b_refs") == [69]


def test_pathways_shared_between_routes(graph: msc_graph.Graph) -> None:
    # Through gap junctions travel Cx43, Cx45, connexins and Ca2+; through TNTs mitochondria (and Miro-1
    # helps): nothing travels both ways, although Islam [43] names both routes (lines 363-365).
    gj_tnt = ask(graph, "pathways-shared-between", a="gap junctions", b="TNTs", include_hypotheses=True)
    assert empty_with_columns(gj_tnt, "pathways-shared-between")
    # Mitochondria travel by TNTs and by EVs: Spees [27] ("via EVs and TNTs or both"), Mahrouf-Yorgov
    # [46] ("via EVs and/or TNTs"), Islam [43] ("via EVs and TNTs"); by EVs only Phinney [73].
    tnt_ev = ask(graph, "pathways-shared-between", a="TNTs", b="EVs").set_index("shared")
    assert set(tnt_ev.index) == {"mitochondria"}
    assert set(cell(tnt_ev, "mitochondria", "b_refs")) == {27, 43, 46, 73}
    assert set(cell(tnt_ev, "mitochondria", "a_refs")) == {27, 38, 41, 43, 44, 46, 69, 82}


def test_pathways_shared_between_groups_and_exact(graph: msc_graph.Graph) -> None:
    # "programmed necrosis" is the group above necroptosis: the same answer as necroptosis ...
    group = ask(graph, "pathways-shared-between", a="apoptosis", b="programmed necrosis")
    plain = ask(graph, "pathways-shared-between", a="apoptosis", b="necroptosis")
    assert set(group["shared"]) == set(plain["shared"])
    # ... but no claim names the group itself.
    exact = ask(graph, "pathways-shared-between", a="apoptosis", b="programmed necrosis", exact=True)
    assert empty_with_columns(exact, "pathways-shared-between")


# -- evidence-for -------------------------------------------------------------------------------


def test_evidence_for_il10_with_provenance(graph: msc_graph.Graph) -> None:
    df = ask(graph, "evidence-for", term="interleukin 10")
    # T1R12 Naji [48] and T1R14 Wang [61], both "IL-10"; prose: "IL-10 secreted by MSCs ... [48] ... [61]".
    assert set(df["ref"]) == {48, 61}
    assert set(df["relation"]) == {"INVOLVES_MOLECULE"}
    assert {r for rows in df["rows"] for r in rows} == {"T1R12", "T1R14"}
    for _, row in df.iterrows():
        assert any("IL-10" in c for c in row["table_cells"])
        assert row["rcd_modes"] == ["pyroptosis"] and row["demonstrated"]
        assert row["molecules"] == ["IL-10 (secreted factor, paracrine)"]
    ref48 = row_of(df, ref=48)
    # the quote is shown without the PDF's line-break hyphens ("impli- cated", "hu- man", lines 314-316)
    assert any(
        "implicated in the inhibition of RCD, such as pyroptosis in human and mouse" in q for q in ref48["quotes"]
    )
    assert ref48["contexts"] == ["in vitro: THP-1, MH-S <- nanoparticles"]


def test_evidence_for_a_prose_only_term_and_a_study(graph: msc_graph.Graph) -> None:
    miro = ask(graph, "evidence-for", term="Miro1")  # synonym of Miro-1
    assert set(miro["ref"]) == {38} and set(miro["evidence"]) == {"prose"}
    assert any("Miro-1" in q for q in miro.iloc[0]["quotes"])
    # Fu [66]: T2R6 (demonstrated) and the prose "suggests a role for Cx43 ... [66, 68]" (hypothesis).
    fu = ask(graph, "evidence-for", term="66").set_index("claim")
    assert set(fu.index) == {"ref66", "ref66-p1"} and set(fu["relation"]) == {"FROM_STUDY"}
    assert bool(cell(fu, "ref66", "demonstrated")) and not bool(cell(fu, "ref66-p1", "demonstrated"))
    assert cell(fu, "ref66", "rows") == ["T2R6"]
    assert cell(fu, "ref66-p1", "routes") == ["gap junction (hedged)"]


def test_evidence_for_a_group_and_exact(graph: msc_graph.Graph) -> None:
    # "caspases": caspase-3 [57] (T1R13), [64] (T1R9), [71] (line 858); caspase-1 and -8 [86, 87]
    # (lines 835-836); caspase-1 [90] (line 885) and Cai 2021 ("Caspase-1 cleavage was suppressed").
    df = ask(graph, "evidence-for", term="caspases")
    assert set(df["term"]) == {"caspase-1", "caspase-3", "caspase-8"}
    assert {int(r) for r in df["ref"].dropna()} == {57, 64, 71, 86, 87, 90}
    assert CAI_2021 in set(df["study"])
    # no claim names the family itself
    assert ask(graph, "evidence-for", term="caspases", exact=True).empty


# -- rcd-modes-for ------------------------------------------------------------------------------


def test_rcd_modes_for_evs(graph: msc_graph.Graph) -> None:
    df = ask(graph, "rcd-modes-for", term="extracellular vesicles").set_index("rcd_mode")
    assert set(cell(df, "necroptosis", "refs")) == {40, 53, 86, 87, 92}  # see the necroptosis test
    # Table 4 apoptosis rows (all but Yuan [53]) and prose [86, 87] (lines 830-836), [89] (lines 845-850)
    assert set(cell(df, "apoptosis", "refs")) == {27, 40, 43, 46, 51, 62, 63, 70, 71, 72, 73, 86, 87, 89, 92, 93}
    assert set(cell(df, "necrosis", "refs")) == {63}  # T4R7 Simonson: "... and/or EVs", necrosis in ARDS
    assert cell(df, "autophagy-related cell death", "refs") == [71]  # lines 857-862
    # pyroptosis: [90] is a hypothesis (lines 882-886); Cai 2021 shows it with exosomes
    assert cell(df, "pyroptosis", "refs") == [] and cell(df, "pyroptosis", "hypothesis_refs") == [90]
    assert cell(df, "pyroptosis", "n_studies") == 1 and CAI_2021 in cell(df, "pyroptosis", "studies")
    assert cell(df, "ferroptosis", "studies") == [LI_2022]  # its exosomes (abstract)
    assert set(df["matched"].explode()) == {"EV transfer"}


def test_rcd_modes_for_a_molecule(graph: msc_graph.Graph) -> None:
    # IL-10 counters pyroptosis only: [48] (T1R12), [61] (T1R14).
    df = ask(graph, "rcd-modes-for", term="IL-10")
    assert refs_by(df, "rcd_mode") == {"pyroptosis": {48, 61}}


# -- paths-between ------------------------------------------------------------------------------


def test_paths_between(graph: msc_graph.Graph) -> None:
    # iPSC-MSCs appear only in Yuan [53] (T4R11: necroptosis, SP1 via EVs; prose lines 904-915).
    direct = ask(graph, "paths-between", a="Human iPSC-MSCs", b="necroptosis")
    assert set(direct["hops"]) == {2} and {r for refs in direct["refs"] for r in refs} == {53}
    assert direct["all_demonstrated"].all()
    # Cx43 and necroptosis: Fu [66] (T2R6, "Apoptosis and/or necroptosis ... Cx-43").
    cx = ask(graph, "paths-between", a="Cx43", b="necroptosis")
    assert set(cx["hops"]) == {2} and list(cx["claims"]) == [["ref66"]]
    # ... and pyroptosis only through EVs: [90]'s hypothetical neprilysin EVs, or Cai 2021's exosomes.
    indirect = ask(graph, "paths-between", a="Human iPSC-MSCs", b="pyroptosis")
    assert set(indirect["hops"]) == {4}
    assert all("ModeOfAction: EV transfer" in path for path in indirect["path"])
    by_demonstrated = {bool(d): {c for cl in g["claims"] for c in cl} for d, g in indirect.groupby("all_demonstrated")}
    assert "ref90-p1" in by_demonstrated[False] and "pmid-34294138-c1" in by_demonstrated[True]
    assert ask(graph, "paths-between", a="apoptosis", b="apoptosis").empty


# -- conflicts ----------------------------------------------------------------------------------

# Read in the review, table cell vs prose:
CONFLICTS = {
    (41, "msc_sources", "contradiction"),  # T2R1 "Mouse BM-MSCs" vs "BM-MSCs from rat" (line 662)
    (43, "msc_sources", "contradiction"),  # T2R4 "Mouse and human BM-MSCs" vs "rat and human MSCs" (line 761)
    (43, "setting", "omission"),  # "Preclinical in vivo" vs "both in vitro and in vivo" (line 766)
    (46, "target_cells", "contradiction"),  # T3R7 "human primary cardiomyocytes" vs "human cardiomyoblasts" (line 792)
    (46, "inducers", "omission"),  # ethidium bromide not in the prose (lines 793-794)
    (48, "target_cells", "paraphrase"),  # THP-1 / MH-S lines vs "human and mouse macrophages" (lines 315-316)
    (70, "molecules", "paraphrase"),  # "miRNA-410a" (line 635) vs "miRNA-410" (line 871)
    (73, "molecules", "omission"),  # "mitochondria and miRNA-451" vs "miRNAs" (lines 822-825)
    (92, "rcd_modes", "omission"),  # "Apoptosis" vs "apoptosis and/or necroptosis" (line 892)
    (93, "setting", "omission"),  # "Preclinical in vivo" vs "both in vitro and in vivo" (lines 899-900)
}


def test_conflicts(graph: msc_graph.Graph) -> None:
    df = ask(graph, "conflicts")
    assert {(r["ref"], r["field"], r["kind"]) for _, r in df.iterrows()} == CONFLICTS
    assert row_of(df, ref=70)["table_value"] == "miRNA-410a" and row_of(df, ref=70)["prose_value"] == "miRNA-410"
    assert list(row_of(df, ref=48)["rows"]) == ["T1R12"]


def test_conflicts_by_field_and_kind(graph: msc_graph.Graph) -> None:
    assert set(ask(graph, "conflicts", field="msc_sources")["ref"]) == {41, 43}
    contradictions = ask(graph, "conflicts", kind="contradiction")
    assert {(r["ref"], r["field"]) for _, r in contradictions.iterrows()} == {
        (41, "msc_sources"),
        (43, "msc_sources"),
        (46, "target_cells"),
    }
    assert empty_with_columns(ask(graph, "conflicts", field="pathways"), "conflicts")


# -- hypotheses ---------------------------------------------------------------------------------


def test_hypotheses(graph: msc_graph.Graph) -> None:
    # Hedged sentences of the review: "has been suggested ... [43, 63]" (lines 919-922); "would allow ...
    # [63, 94]" (lines 922-925, [94] cited only); "suggests a role for Cx43 expressed by MSCs in MM"
    # [66, 68] (lines 721-728); "suggests a role for Cx43 ... in cardiomyocytes" [67, 79] (lines 676-678);
    # "suggests an essential role of miRNA-21 and miRNA-34a" [72] (lines 865-867); "might play a role"
    # [80] (lines 696-699); "likely allow transfer of miRNAs, especially miRNA-24" [86, 88] (lines
    # 836-839); "could potentially protect against ... pyroptosis" [90] (lines 882-886).
    df = ask(graph, "hypotheses")
    assert refs_of(df) == {43, 63, 66, 67, 68, 72, 79, 80, 86, 88, 90}
    # the literature: Shi 2023 ("This study suggests that HucMSC-EVs protec", cut) and PMID 35459211
    # ("enrichment analysis of DEGs suggested that HM-exos were involved in ... ferroptosis")
    assert len(df[df["ref"].isna()]) == 2


def test_hypotheses_about_a_term(graph: msc_graph.Graph) -> None:
    # (fails on the embedded engine while hypotheses.cypher filters on an aggregated alias:
    # "_AR_EXP_UpdateEntityIdx: Unable to locate a value with alias linked within the record")
    assert refs_of(ask(graph, "hypotheses", term="pyroptosis")) == {90}
    assert refs_of(ask(graph, "hypotheses", term="Cx-43")) == {66, 67, 68, 79, 80}
    assert ask(graph, "hypotheses", term="IL-10").empty
    mir24 = ask(graph, "hypotheses", term="miRNA-24")
    assert refs_of(mir24) == {86, 88} and all(r == ["EV transfer (hedged)"] for r in mir24["routes"])


# -- gap-map ------------------------------------------------------------------------------------


def test_gap_map_has_every_cell(graph: msc_graph.Graph) -> None:
    df = ask(graph, "gap-map", source=REVIEW)
    modes = {
        "apoptosis",
        "necroptosis",
        "pyroptosis",
        "necrosis",
        "activation-induced cell death",
        "autophagy-related cell death",
        "ferroptosis",
        "regulated cell death (mode not specified)",
    }
    routes = {"paracrine", "gap junction", "TNT mitochondria transfer", "EV transfer", "undetermined"}
    assert {(r, m) for r, m in zip(df["rcd_mode"], df["mode_of_action"], strict=True)} == {
        (r, m) for r in modes for m in routes
    }
    assert len(df) == len(modes) * len(routes)  # the gaps are rows too


def test_gap_map_cells(graph: msc_graph.Graph) -> None:
    cells = {(r["rcd_mode"], r["mode_of_action"]): r for _, r in ask(graph, "gap-map", source=REVIEW).iterrows()}
    assert set(cells[("pyroptosis", "paracrine")]["refs"]) == {48, 61}
    assert cells[("pyroptosis", "EV transfer")]["n_studies"] == 0  # [90] is a hypothesis
    assert cells[("necroptosis", "TNT mitochondria transfer")]["refs"] == []  # an empty cell, kept
    assert cells[("ferroptosis", "EV transfer")]["n_studies"] == 0  # no ferroptosis in the review
    assert set(cells[("necroptosis", "gap junction")]["refs"]) == {66}
    # Table 2: every row is apoptosis: [41], [67], [60], [43], [68], [66]; hedged: [41] "Cxs and/or TNTs",
    # [68] (curation: only "suggests"/"might" in the prose, lines 723-726)
    gj = cells[("apoptosis", "gap junction")]
    assert set(gj["refs"]) == {41, 43, 60, 66, 67, 68} and gj["n_hedged"] == 2
    # Table 3: every row is apoptosis: [27], [41], [43], [44], [38], [69], [46]; hedged: [27], [41], [46]
    tnt = cells[("apoptosis", "TNT mitochondria transfer")]
    assert set(tnt["refs"]) == {27, 38, 41, 43, 44, 46, 69} and tnt["n_hedged"] == 3
    # Table 4 apoptosis rows (all but Yuan [53]) + prose [86, 87] (lines 830-836), [89] (lines 845-850);
    # hedged: [27], [43], [46] (mitochondria "via EVs and/or TNTs"), [63] ("and/or EVs")
    ev = cells[("apoptosis", "EV transfer")]
    assert set(ev["refs"]) == {27, 40, 43, 46, 51, 62, 63, 70, 71, 72, 73, 86, 87, 89, 92, 93}
    assert ev["n_hedged"] == 4 and ev["n_statements"] == ev["n_studies"] - 1 and ev["clinical"] == 1
    # Table 1: every apoptosis row + Schajnovitz [60] (CXCL12 secretion, lines 712-714); hedged: all
    # Table 1 rows but Raffaghello [58] (IL-6) and Zheng [55] (BDNF), whose factor is said to be secreted
    para = cells[("apoptosis", "paracrine")]
    assert set(para["refs"]) == {39, 42, 45, 47, 50, 54, 55, 56, 57, 58, 60, 63, 64, 65} and para["n_hedged"] == 11
    # Simonson [63] (T1R11/T4R7): apoptosis and necrosis in ARDS patients, clinical only
    necrosis = cells[("necrosis", "paracrine")]
    assert set(necrosis["refs"]) == {63} and settings_of(necrosis) == (0, 0, 1)
    assert cells[("activation-induced cell death", "paracrine")]["refs"] == [39]  # T1R2


def test_gap_map_with_hypotheses_and_the_literature(graph: msc_graph.Graph) -> None:
    hyp = ask(graph, "gap-map", source=REVIEW, include_hypotheses=True)
    assert row_of(hyp, rcd_mode="pyroptosis", mode_of_action="EV transfer")["refs"] == [90]
    # Cai 2021 fills the pyroptosis x EV gap; Li 2022 (exosomes, undetermined) and He 2025 (undetermined)
    # are the ferroptosis cells.
    every = ask(graph, "gap-map")
    assert row_of(every, rcd_mode="pyroptosis", mode_of_action="EV transfer")["n_studies"] == 1
    assert row_of(every, rcd_mode="ferroptosis", mode_of_action="EV transfer")["n_studies"] == 1
    assert row_of(every, rcd_mode="ferroptosis", mode_of_action="undetermined")["n_studies"] == 2
    # malignant cells protected: [68], [66] myeloma (Table 2) leave the apoptosis x gap junction cell
    benign = ask(graph, "gap-map", source=REVIEW, exclude_malignant=True)
    assert set(row_of(benign, rcd_mode="apoptosis", mode_of_action="gap junction")["refs"]) == {41, 43, 60, 67}


# -- sources-by-rcd -----------------------------------------------------------------------------


def test_sources_by_rcd(graph: msc_graph.Graph) -> None:
    df = ask(graph, "sources-by-rcd", source=REVIEW)
    pyro = refs_by(df[df["rcd_mode"] == "pyroptosis"], "msc_source")
    assert pyro == {"Human BM-MSCs": {48}, "Mouse BM-MSCs": {61}}  # T1R12, T1R14
    necro = refs_by(df[df["rcd_mode"] == "necroptosis"], "msc_source")
    # T1R5 Li "Mouse and human BM-MSCs", T1R13 Kong "Rat BM-MSCs", T2R6 Fu and T4R9 Crompot "Human
    # BM-MSCs", T4R11 Yuan "Human iPSC-MSCs"; [92] (prose necroptosis) is "Human UC-MSCs" in T4R10;
    # [86, 87]: "EVs produced by human MSCs" (line 826), tissue not stated.
    assert necro == {
        "Human BM-MSCs": {40, 65, 66},
        "Mouse BM-MSCs": {65},
        "Rat BM-MSCs": {57},
        "Human iPSC-MSCs": {53},
        "Human UC-MSCs": {92},
        "Human MSCs (tissue not stated)": {86, 87},
    }
    apo = refs_by(df[df["rcd_mode"] == "apoptosis"], "msc_source")
    # Rat BM-MSCs: T1 [45], [56], [64] ("Rat BMMSCs"), [54], [57], [55]; T2 [67]; T3 [69]
    assert apo["Rat BM-MSCs"] == {45, 54, 55, 56, 57, 64, 67, 69}
    # Human UC-MSCs: T1R6 [47], T4R5 [93], T4R10 [92], T4R14 [70]; Human ASCs: [46] only
    assert apo["Human UC-MSCs"] == {47, 70, 92, 93} and apo["Human ASCs"] == {46}


def test_sources_by_rcd_min_modes(graph: msc_graph.Graph) -> None:
    # More than one named mode: Human ASCs only ever rescue from apoptosis ([46]), iPSC-MSCs only from
    # necroptosis ([53]); WJ-MSCs: apoptosis and autophagy-related cell death ([71], lines 857-862).
    multi = ask(graph, "sources-by-rcd", source=REVIEW, min_rcd_modes=2)
    assert set(multi["msc_source"]) == {
        "Human BM-MSCs",
        "Mouse BM-MSCs",
        "Rat BM-MSCs",
        "Human UC-MSCs",
        "Human WJ-MSCs",
        "Human MSCs (tissue not stated)",
    }
    # Human BM-MSCs: apoptosis, activation-induced cell death [39], necroptosis, pyroptosis [48], necrosis [63]
    assert set(multi[multi["msc_source"] == "Human BM-MSCs"]["n_rcd_modes"]) == {5}


# -- studies ------------------------------------------------------------------------------------

TABLE_REFS = {27, *range(38, 49), 50, 51, *range(53, 59), *range(60, 74), 92, 93}  # Tables 1-4, 36 studies


def test_studies_without_filters(graph: msc_graph.Graph) -> None:
    every = ask(graph, "studies", source=REVIEW)
    # the 36 table studies and the prose-only studies with a demonstrated finding: [79] (lines 665-668),
    # [82] (lines 748-758), [86], [87] (lines 825-836), [88] (lines 839-845), [89] (lines 845-850),
    # [91] (lines 886-889). [80] and [90] are only hypotheses; [94] is only cited.
    assert refs_of(every) == TABLE_REFS | {79, 82, 86, 87, 88, 89, 91}
    with_hyp = ask(graph, "studies", source=REVIEW, include_hypotheses=True).set_index("ref")
    assert set(with_hyp.index) == TABLE_REFS | {79, 80, 82, 86, 87, 88, 89, 90, 91}
    assert bool(cell(with_hyp, 80, "hypotheses_only")) and bool(cell(with_hyp, 90, "hypotheses_only"))
    assert not bool(cell(with_hyp, 66, "hypotheses_only"))
    # five literature studies with a demonstrated claim (two more are hypotheses only)
    assert len(ask(graph, "studies", source="literature-2020s")) == 5


def test_studies_filters(graph: msc_graph.Graph) -> None:
    assert refs_of(ask(graph, "studies", target_cell="H9c2")) == {41, 69}  # T2R1/T3R2 Cselenyak, T3R6 Han
    assert refs_of(ask(graph, "studies", msc_source="iPSC-MSCs")) == {53}  # T4R11 Yuan
    assert refs_of(ask(graph, "studies", model="rat burn model")) == {93}  # T4R5 Zhang
    assert refs_of(ask(graph, "studies", inducer="bortezomib")) == {40, 66}  # T2R6, T4R9
    # Necroptosis in vivo: Yuan [53] (rat AKI), [86, 87] (SCID mice), [92] (CCl4 mice)
    assert refs_of(ask(graph, "studies", rcd="necroptosis", setting="in vivo", source=REVIEW)) == {53, 86, 87, 92}
    # TNT in vivo: T3R3 Islam [43], T3R5 Ahmad [38], T3R7 Mahrouf-Yorgov [46]; prose [82] (rat, cigarette
    # smoke, lines 748-753; curation: the TNT route shown in vitro, lines 753-758, kept for the claim)
    assert refs_of(ask(graph, "studies", mode="TNTs", setting="in vivo")) == {38, 43, 46, 82}
    # Both protected cell kinds of bortezomib are malignant (B-CLL, myeloma)
    assert ask(graph, "studies", inducer="bortezomib", exclude_malignant=True).empty


def test_studies_filters_hold_in_one_experiment(graph: msc_graph.Graph) -> None:
    # Zhao [54] (T1R10): INS-1 cells with high glucose in vitro; beta cells with STZ in vivo (lines 263-265).
    assert refs_of(ask(graph, "studies", inducer="high glucose", setting="in vitro")) == {54}
    assert ask(graph, "studies", inducer="high glucose", setting="in vivo").empty
    # Wang [67] (T2R2): the rat MSCs deprived of oxygen in vitro; LAD ligation only in vivo (lines 339-341).
    assert 67 not in refs_of(ask(graph, "studies", inducer="LAD artery ligation", setting="in vitro"))
    assert 67 not in refs_of(
        ask(graph, "studies", inducer="oxygen deprivation", target_cell="mouse cardiomyocytes (in vivo)")
    )


def test_studies_one_row_per_study_with_its_tables(graph: msc_graph.Graph) -> None:
    islam = row_of(ask(graph, "studies", target_cell="alveolar epithelial cells", source=REVIEW), ref=43)
    assert list(islam["tables"]) == [2, 3, 4]  # T2R4, T3R3, T4R2
    assert set(islam["modes_of_action"]) == {"gap junction", "TNT mitochondria transfer", "EV transfer"}


# -- replication-candidates ---------------------------------------------------------------------


def test_replication_candidates_thresholds(graph: msc_graph.Graph) -> None:
    # Three independent statements: LAD ligation of mouse hearts, Wang [67] (T2R2), Mahrouf-Yorgov [46]
    # (T3R7), Xiao [62] (T4R12) -- the others have two (see tests/test_answers.py).
    three = ask(graph, "replication-candidates", source=REVIEW, min_studies=3)
    assert [(r["inducer"], r["target_cell"]) for _, r in three.iterrows()] == [
        ("LAD artery ligation", "mouse cardiomyocytes (in vivo)")
    ]
    lad = three.iloc[0]
    assert settings_of(lad) == (0, 3, 0)
    assert set(lad["modes_of_action"]) == {"gap junction", "TNT mitochondria transfer", "EV transfer"}
    assert set(lad["msc_sources"]) == {"Rat BM-MSCs", "Human ASCs", "Mouse BM-MSCs"}
    assert empty_with_columns(ask(graph, "replication-candidates", min_studies=4), "replication-candidates")


# -- cell-types-rescued, models, inducers-by-rcd -------------------------------------------------


def test_cell_types_rescued_from_pyroptosis(graph: msc_graph.Graph) -> None:
    # THP-1 and MH-S (T1R12 Naji [48]), mouse hepatocytes in vivo (T1R14 Wang [61]).
    # (The prose says "human and mouse macrophages" for [48]: a paraphrase; the table's lines win.)
    df = ask(graph, "cell-types-rescued", rcd="pyroptosis", source=REVIEW)
    assert refs_by(df, "cell_type") == {"THP-1": {48}, "MH-S": {48}, "mouse hepatocytes (in vivo)": {61}}
    thp1 = row_of(df, cell_type="THP-1")
    assert thp1["kind"] == "cell line" and thp1["species"] == "human" and bool(thp1["malignant"])
    assert settings_of(row_of(df, cell_type="mouse hepatocytes (in vivo)")) == (0, 1, 0)
    # Cai 2021 adds THP-1 and mouse peritoneal macrophages in vitro, colon cells in vivo (abstract)
    every = ask(graph, "cell-types-rescued", rcd="pyroptosis")
    assert set(every["cell_type"]) - set(df["cell_type"]) == {
        "mouse peritoneal macrophages (MPMs)",
        "mouse colon cells (in vivo, cell type not stated)",
    }


def test_cell_types_rescued_from_necroptosis(graph: msc_graph.Graph) -> None:
    df = ask(graph, "cell-types-rescued", rcd="necroptosis", source=REVIEW)
    got = refs_by(df, "cell_type")
    # T2R6 Fu [66]: RPMI 8266 (8226), U266, XG-7, primary MM cells; T4R9 Crompot [40]: B-CLL cells;
    # T1R5 Li [65]: PC12, ReNcell CX, rat cortical neurons; T1R13 Kong [57]: mouse cortical neurons;
    # T4R11 Yuan [53]: HK-2, rat renal epithelial cells in vivo; [92]: mouse hepatocytes in vivo
    # (lines 891-893); [86, 87]: SCID mouse renal tubular cells in vivo (lines 826-830).
    expected = {
        "RPMI 8226": {66},
        "U266": {66},
        "XG-7": {66},
        "human primary MM cells": {66},
        "human primary B-CLL cells": {40},
        "PC12": {65},
        "ReNcell CX": {65},
        "rat primary cortical neurons": {65},
        "mouse primary cortical neurons": {57},
        "HK-2": {53},
        "rat renal epithelial cells (in vivo)": {53},
        "mouse hepatocytes (in vivo)": {92},
        "mouse renal tubular epithelial cells (in vivo)": {86, 87},
    }
    assert {k: got.get(k) for k in expected} == expected
    # Malignant cells protected (claims flagged protects_malignant): [66] myeloma, [40] B-CLL. PC12 is a
    # tumour line (vocabulary flag) used as neurons: it stays (curation: claim flag, not cell flag).
    benign = set(
        ask(graph, "cell-types-rescued", rcd="necroptosis", source=REVIEW, exclude_malignant=True)["cell_type"]
    )
    assert not {"RPMI 8226", "U266", "XG-7", "human primary MM cells", "human primary B-CLL cells"} & benign
    assert "PC12" in benign


def test_models(graph: msc_graph.Graph) -> None:
    models = ask(graph, "models", rcd="apoptosis", source=REVIEW).set_index("model")
    mi = "myocardial infarction mouse model (LAD artery ligation)"
    assert set(cell(models, mi, "refs")) == {46, 62, 67}  # T2R2, T3R7, T4R12
    assert (cell(models, mi, "in_vitro"), cell(models, mi, "in_vivo"), cell(models, mi, "clinical")) == (0, 3, 0)
    ards = row_of(models.reset_index(), model="acute respiratory distress syndrome (patients)")
    assert list(ards["refs"]) == [63] and settings_of(ards) == (0, 0, 1)  # Simonson [63], clinical
    assert list(cell(models, "xenotransplantation in a baboon model", "refs")) == [42]  # T1R1
    # Necroptosis in vivo: rat AKI by renal pedicle clamping [53] (T4R11), SCID glycerol and cisplatin
    # models [86, 87] (lines 826-830), the NU/NU CCl4 model of [92] (T4R10; lines 891-893).
    necro = ask(graph, "models", rcd="necroptosis", source=REVIEW)
    assert refs_by(necro, "model") == {
        "acute kidney injury rat model (renal pedicle clamping)": {53},
        "glycerol-induced acute kidney injury SCID mouse model": {86, 87},
        "cisplatin-induced kidney injury SCID mouse model": {86, 87},
        "carbon tetrachloride liver injury NU/NU mouse model": {92},
    }


def test_inducers_by_rcd(graph: msc_graph.Graph) -> None:
    df = ask(graph, "inducers-by-rcd", rcd="necroptosis", source=REVIEW)
    inducers = refs_by(df, "inducer")
    assert inducers["bortezomib"] == {40, 66}  # T2R6 Fu, T4R9 Crompot
    assert inducers["6-OHDA"] == {65} and inducers["oxygen-glucose deprivation"] == {57}  # T1R5, T1R13
    assert inducers["renal pedicle clamping"] == {53} and inducers["oxygen deprivation"] == {53}  # T4R11
    assert inducers["glycerol"] == {86, 87} and inducers["carbon tetrachloride"] == {92}
    assert set(row_of(df, inducer="bortezomib")["target_cells"]) == {
        "human primary B-CLL cells",
        "RPMI 8226",
        "U266",
        "XG-7",
        "human primary MM cells",
    }
    # glycerol hit the SCID mice only (lines 828-830)
    assert row_of(df, inducer="glycerol")["target_cells"] == ["mouse renal tubular epithelial cells (in vivo)"]
    pyro = refs_by(ask(graph, "inducers-by-rcd", rcd="pyroptosis", source=REVIEW), "inducer")
    assert pyro == {"nanoparticles": {48}, "D-galactosamine": {61}}  # T1R12, T1R14


# -- review-table -------------------------------------------------------------------------------


def test_review_table_rows_and_claims(graph: msc_graph.Graph) -> None:
    df = ask(graph, "review-table", table=2)
    assert list(df["row"]) == [1, 2, 3, 4, 5, 6]
    assert list(df["claim"]) == ["ref41", "ref67", "ref60", "ref43", "ref68", "ref66"]
    assert df.iloc[5]["modes"] == "Cx-43" and df.iloc[5]["reference"] == "Fu et al. [66]"
    # Studies printed in several tables are one claim: Islam [43] is T2R4, T3R3 and T4R2.
    assert ask(graph, "review-table", table=3).iloc[2]["claim"] == "ref43"
    assert ask(graph, "review-table", table=4).iloc[1]["claim"] == "ref43"
