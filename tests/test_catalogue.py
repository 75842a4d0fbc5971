"""The query catalogue answers the researchers' questions as the review does.

Every expected set of reference numbers below was written by reading the review
(/work/shared/sources/000_808a76f477bdf626.txt: Tables 1-4 and the prose), not by running the
queries. "T2R6" = Table 2, row 6 (rows counted in the review's order). Where an expectation
also depends on a curation judgement (ingest/CURATION_NOTES.md, claim notes), the comment says so.
"""

from __future__ import annotations

import inspect
import json
from typing import Any

import pandas as pd
import pytest

import msc_graph
from msc_graph import UnknownTermError

from .conftest import cli

QUERIES = msc_graph.named_queries()
CATALOGUE = sorted(name for name, q in QUERIES.items() if not q.system and name != "review-table")
SETTINGS = ("in_vitro", "in_vivo", "clinical")


def refs_by(df: pd.DataFrame, key: str, col: str = "refs") -> dict[Any, set[int]]:
    """``{row[key]: set(row[col])}``."""
    return {row[key]: set(row[col]) for _, row in df.iterrows()}


def cell(df: pd.DataFrame, row: Any, col: str) -> Any:
    """``df.loc[row, col]``: one cell, which may hold a list (pandas-stubs types it as a scalar)."""
    return df.loc[row, col]


def all_refs(df: pd.DataFrame, col: str = "refs") -> set[int]:
    return {r for refs in df[col] for r in refs}


# -- the catalogue as a whole ------------------------------------------------------------------


def test_at_least_fifteen_catalogue_queries() -> None:
    assert len(CATALOGUE) >= 15, CATALOGUE


@pytest.mark.parametrize("name", CATALOGUE)
def test_every_query_is_a_typed_documented_method(name: str) -> None:
    method = getattr(msc_graph.Graph, name.replace("-", "_"), None)
    assert method is not None, f"no Graph method for {name}"
    assert method.__doc__ and len(method.__doc__.strip()) > 20
    declared = [p.name for p in QUERIES[name].params]
    assert list(inspect.signature(method).parameters)[1:] == declared
    assert inspect.signature(method).return_annotation in ("pd.DataFrame", pd.DataFrame)


@pytest.mark.parametrize("name", CATALOGUE)
def test_every_answer_carries_its_evidence(name: str) -> None:
    returns = QUERIES[name].returns
    assert "refs" in returns or "ref" in returns, name
    if "refs" in returns:  # aggregated answers: counts by setting
        assert set(SETTINGS) <= set(returns), name
    else:  # one row per claim: its settings or its provenance
        assert {"settings", "quotes"} & set(returns) or "quote" in returns, name


def test_cli_lists_every_query_with_description_and_params(graph: msc_graph.Graph) -> None:
    res = cli("queries", "--format", "json")
    assert res.exit_code == 0, res.stderr
    listed = {r["name"]: r for r in json.loads(res.stdout)}
    for name in CATALOGUE:
        assert listed[name]["description"]
        for p in QUERIES[name].params:
            assert p.name in listed[name]["params"]


def test_cli_ask_runs_a_catalogue_query_with_typed_params(graph: msc_graph.Graph) -> None:
    res = cli("ask", "gap-map", "-p", "include_hypotheses=true", "--format", "json")
    assert res.exit_code == 0, res.stderr
    rows = {(r["rcd_mode"], r["mode_of_action"]): r for r in json.loads(res.stdout)}
    # [90]: EV delivery of neprilysin "could potentially protect against ... pyroptosis" (hypothesis)
    assert rows[("pyroptosis", "EV transfer")]["refs"] == [90]
    res = cli("ask", "studies", "-p", "inducer=Bortezomib", "--format", "json")
    assert res.exit_code == 0, res.stderr
    assert {r["ref"] for r in json.loads(res.stdout)} == {40, 66}  # T2R6 Fu, T4R9 Crompot


# -- modes of action --------------------------------------------------------------------------


def test_modes_of_action_rescuing_necroptosis(graph: msc_graph.Graph) -> None:
    # Necroptosis in the review: T1R5 Li [65] (Prosaposin), T1R13 Kong [57] (Caspase-3 and RIP-1/3
    # inhibition), T2R6 Fu [66] (Cx-43), T4R9 Crompot [40] (EVs), T4R11 Yuan [53] (SP1 via EVs); prose:
    # "miRNA transfer via EVs ... apoptosis and/or necroptosis [86, 87]" and "EVs ... carrying GPX1
    # prevented hepatocyte apoptosis and/or necroptosis [92]".
    # Curation: [65] and [57] name no delivery route -> 'undetermined' (CURATION_NOTES 4).
    df = graph.modes_of_action_rescuing("necroptosis")
    assert refs_by(df, "category") == {
        "EV transfer": {40, 53, 86, 87, 92},
        "gap junction": {66},
        "undetermined": {57, 65},
    }
    ev = df.set_index("category").loc["EV transfer"]
    assert {"SP1", "GPX1"} <= set(ev["molecules"])
    # in vitro: [40], [53], [86], [87], [92]; in vivo: [53] (rat AKI), [86]/[87] (SCID), [92] (CCl4 mouse)
    assert (ev["in_vitro"], ev["in_vivo"], ev["clinical"]) == (5, 4, 0)


def test_modes_of_action_rescuing_pyroptosis(graph: msc_graph.Graph) -> None:
    # Pyroptosis: T1R12 Naji [48] (IL-10, in vitro, human BM-MSCs) and T1R14 Wang [61] (IL-10, in vivo,
    # mouse BM-MSCs); the prose says IL-10 is secreted -> paracrine. [90] is only "could potentially".
    df = graph.modes_of_action_rescuing("pyroptotic cell death")  # a synonym
    assert len(df) == 1
    row = df.iloc[0]
    assert row["mode_of_action"] == "paracrine" and set(row["refs"]) == {48, 61}
    assert row["molecules"] == ["IL-10"]
    assert set(row["msc_sources"]) == {"Human BM-MSCs", "Mouse BM-MSCs"}
    assert (row["in_vitro"], row["in_vivo"], row["clinical"]) == (1, 1, 0)


def test_gap_map_has_every_cell(graph: msc_graph.Graph) -> None:
    df = graph.gap_map()
    vocab = graph.vocabulary()
    assert len(df) == len(vocab["RCDMode"].names) * len(vocab["ModeOfAction"].names)
    cells = {(r["rcd_mode"], r["mode_of_action"]): r for _, r in df.iterrows()}
    assert set(cells[("pyroptosis", "paracrine")]["refs"]) == {48, 61}
    assert cells[("pyroptosis", "EV transfer")]["n_studies"] == 0  # [90] is a hypothesis
    assert cells[("necroptosis", "TNT mitochondria transfer")]["refs"] == []  # an empty cell, kept
    assert set(cells[("necroptosis", "gap junction")]["refs"]) == {66}
    # Table 2: every row is apoptosis: [41], [67], [60], [43], [68], [66]
    assert set(cells[("apoptosis", "gap junction")]["refs"]) == {41, 43, 60, 66, 67, 68}
    # Table 3: every row is apoptosis: [27], [41], [43], [44], [38], [69], [46]
    assert set(cells[("apoptosis", "TNT mitochondria transfer")]["refs"]) == {27, 38, 41, 43, 44, 46, 69}
    # Table 4 apoptosis rows (all but Yuan [53]) + prose [86, 87] (renal), [89] (miRNA-22)
    assert set(cells[("apoptosis", "EV transfer")]["refs"]) == {
        27,
        40,
        43,
        46,
        51,
        62,
        63,
        70,
        71,
        72,
        73,
        86,
        87,
        89,
        92,
        93,
    }
    # Simonson [63] (T1R11/T4R7): apoptosis and necrosis in ARDS patients, clinical only
    necrosis = cells[("necrosis", "paracrine")]
    assert set(necrosis["refs"]) == {63} and (necrosis["in_vitro"], necrosis["clinical"]) == (0, 1)
    with_hyp = graph.gap_map(include_hypotheses=True)
    cell = with_hyp[(with_hyp["rcd_mode"] == "pyroptosis") & (with_hyp["mode_of_action"] == "EV transfer")]
    assert list(cell["refs"]) == [[90]]


# -- molecules ---------------------------------------------------------------------------------


def test_what_evs_carry_against_apoptosis(graph: msc_graph.Graph) -> None:
    # Table 4 apoptosis rows: miRNA-21/-34a [72], mitochondria + miRNA-451 [73], Wnt4 [93],
    # miRNA-210-5p/-106b-3p/-155-5p [51], GPX1 [92], miRNA-125b [62], let-7a/let-7e/let-7-5p [71],
    # miRNA-410 [70] (printed "miRNA-410a"), mitochondria [27], [43], [46] + heme oxygenase [46];
    # prose: miRNA-22 [89].
    df = graph.molecules_via("EVs", "apoptosis")
    got = refs_by(df, "molecule")
    expected = {
        "miRNA-21": {72},
        "miRNA-34a": {72},
        "miRNA-451": {73},
        "Wnt4": {93},
        "miRNA-210-5p": {51},
        "miRNA-106b-3p": {51},
        "miRNA-155-5p": {51},
        "GPX1": {92},
        "miRNA-125b": {62},
        "let-7a": {71},
        "let-7e": {71},
        "let-7-5p": {71},
        "miRNA-410": {70},
        "mitochondria": {27, 43, 46, 73},
        "heme oxygenase": {46},
        "miRNA-22": {89},
    }
    for molecule, refs in expected.items():
        assert got.get(molecule) == refs, molecule
    assert "EV cargo" in cell(df.set_index("molecule"), "Wnt4", "roles")


def test_molecules_via_paracrine_against_pyroptosis_and_an_empty_combination(graph: msc_graph.Graph) -> None:
    assert refs_by(graph.molecules_via("paracrine", "pyroptosis"), "molecule") == {"IL-10": {48, 61}}
    # No TNT study in the review concerns necroptosis: an empty table with its columns.
    empty = graph.molecules_via("TNTs", "necroptosis")
    assert empty.empty and list(empty.columns) == list(QUERIES["molecules-via"].returns)


def test_molecules_against_pyroptosis(graph: msc_graph.Graph) -> None:
    assert refs_by(graph.molecules_against("pyroptosis"), "molecule") == {"IL-10": {48, 61}}
    # + [90]: EV neprilysin "could potentially protect against Aβ-induced ... pyroptosis"
    with_hyp = refs_by(graph.molecules_against("pyroptosis", include_hypotheses=True), "molecule")
    assert with_hyp == {"IL-10": {48, 61}, "neprilysin": {90}}


def test_shared_molecules(graph: msc_graph.Graph) -> None:
    df = graph.shared_molecules()
    got = refs_by(df, "molecule")
    # Mitochondria: Table 3 [27], [38], [43], [44], [46], [69]; Table 4 [73]; prose [82] (cigarette smoke).
    assert got["mitochondria"] == {27, 38, 43, 44, 46, 69, 73, 82}
    # Cx43: Table 2 [67], [60], [43], [68], [66]; prose "Cx43 gap junctions contribute to BM-MSC
    # survival under hypoxic conditions [67, 79]" (demonstrated; the Bcl-2/Bax part is a hypothesis).
    assert got["Cx43"] == {43, 60, 66, 67, 68, 79}
    assert got["IL-10"] == {48, 61}
    assert got["Ca2+"] == {43, 60}  # "Ca2+ exchange via Cx43 gap junctions" [43]; "Cx43 and Cx45" [60]
    assert (df["n_studies"] >= 2).all()


def test_potency_biomarkers(graph: msc_graph.Graph) -> None:
    # Conclusion: "The expression of Cx-43 as well as the mitochondria bioenergetic (Δψm) and/or
    # mitochondria phenotype (Miro-1) might be good indicators of functional potency".
    df = graph.potency_biomarkers()
    assert list(df["molecule"]) == ["Cx43", "mitochondria", "Miro-1"]
    rows = df.set_index("molecule")
    # Cx43: Table 2 [43], [60], [66], [67], [68]; prose [79] and [80] ("might play a role").
    assert set(cell(rows, "Cx43", "refs")) == {43, 60, 66, 67, 68, 79, 80}
    assert cell(rows, "Cx43", "n_hypotheses") >= 3  # [80]; [66, 68] "suggests"; [67, 79] Bcl-2/Bax
    # Miro-1: only Ahmad [38] ("Miro-1 was identified as a critical factor ... [38]").
    assert set(cell(rows, "Miro-1", "refs")) == {38}
    # Δψm has no claim of its own: the mitochondria claims (Tables 3, 4; prose [82], [63], [94]).
    assert {27, 38, 43, 44, 46, 69, 73, 82, 63, 94} == set(cell(rows, "mitochondria", "refs"))


# -- pathways ----------------------------------------------------------------------------------


def test_shared_pathways(graph: msc_graph.Graph) -> None:
    # PI3K/Akt: T1R4 Liu [45], T1R8 Scheibe [50], T1R9 Kim [64]. STAT3: T1R3 Raffaghello [58], T1R8 [50].
    # Caspase-3: T1R9 [64], T1R13 Kong [57], prose [71] ("downregulated caspase-3").
    # Bcl-2: prose [86, 87] ("upregulating Bcl-xL, Bcl-2, and BIRC8 ... caspase-1 and caspase-8") and [71].
    df = graph.shared_pathways()
    assert refs_by(df, "pathway") == {
        "PI3K/Akt": {45, 50, 64},
        "STAT3": {50, 58},
        "caspase-3": {57, 64, 71},
        "Bcl-2": {71, 86, 87},
        "Bcl-xL": {86, 87},
        "BIRC8": {86, 87},
        "caspase-1": {86, 87},
        "caspase-8": {86, 87},
    }
    casp3 = df.set_index("pathway").loc["caspase-3"]
    assert {"apoptosis", "necroptosis"} <= set(casp3["rcd_modes"]) and casp3["n_rcd_modes"] >= 2
    # Hypotheses add Bax and Bcl-2 from "BM-MSCs overexpressing Cx43 ... Bcl-2, and fewer ... Bax,
    # which suggests ... [67, 79]" and caspase-1 from [90] ("caspase-1-dependent neuron pyroptosis").
    hyp = refs_by(graph.shared_pathways(include_hypotheses=True), "pathway")
    assert hyp["Bax"] == {67, 79} and hyp["Bcl-2"] == {67, 71, 79, 86, 87} and hyp["caspase-1"] == {86, 87, 90}
    # No pathway is implicated by four studies with demonstrated effects: empty, columns kept.
    none = graph.shared_pathways(min_studies=4)
    assert none.empty and list(none.columns) == list(QUERIES["shared-pathways"].returns)


def test_pathways_shared_between_apoptosis_and_necroptosis(graph: msc_graph.Graph) -> None:
    df = graph.pathways_shared_between("apoptosis", "necroptosis")
    pathways = set(df[df["kind"] == "pathway"]["shared"])
    molecules = set(df[df["kind"] == "molecule"]["shared"])
    # Kong [57] (T1R13): "Apoptosis and necroptosis ... Caspase-3 and RIP-1/3 inhibition";
    # [86, 87]: Bcl-xL, Bcl-2, BIRC8, caspase-1, caspase-8 against "apoptosis and/or necroptosis".
    assert {"caspase-3", "RIP1", "RIP3", "Bcl-2", "Bcl-xL", "BIRC8", "caspase-1", "caspase-8"} <= pathways
    # Fu [66] Cx-43 (T2R6), Li [65] Prosaposin (T1R5), Yan [92] GPX1 (T4R10 apoptosis, prose necroptosis)
    assert {"Cx43", "prosaposin", "GPX1"} <= molecules
    cx43 = df.set_index("shared").loc["Cx43"]
    assert cx43["b_refs"] == [66] and {43, 60, 66, 67, 68} == set(cx43["a_refs"])


def test_pathways_shared_between_sources_modes_and_nothing(graph: msc_graph.Graph) -> None:
    # Human BM-MSCs: Scheibe [50] (mouse and human) PI3K/Akt; Rat BM-MSCs: Liu [45], Kim [64] PI3K/Akt.
    df = graph.pathways_shared_between("Human BM-MSCs", "Rat BM-MSCs").set_index("shared")
    assert cell(df, "PI3K/Akt", "kind") == "pathway"
    assert set(cell(df, "PI3K/Akt", "a_refs")) == {50} and set(cell(df, "PI3K/Akt", "b_refs")) == {45, 64}
    # Gap junctions and EVs meet in Islam [43] ("Cx-43, transfer of mitochondria via EVs and TNTs").
    gj_ev = graph.pathways_shared_between("gap junctions", "EVs").set_index("shared")
    assert {"Cx43", "mitochondria"} <= set(gj_ev.index) and 43 in cell(gj_ev, "Cx43", "b_refs")
    # Pyroptosis is countered only by IL-10 ([48], [61]); no apoptosis study names IL-10 as acting
    # (Ahmad [38] reports IL-10 as NOT involved: curated without the molecule, CURATION_NOTES 14).
    empty = graph.pathways_shared_between("apoptosis", "pyroptosis")
    assert empty.empty and list(empty.columns) == list(QUERIES["pathways-shared-between"].returns)


def test_unknown_terms_give_suggestions(graph: msc_graph.Graph) -> None:
    with pytest.raises(UnknownTermError) as err:
        graph.pathways_shared_between("apoptosys", "necroptosis")
    assert "apoptosis" in err.value.suggestions
    with pytest.raises(UnknownTermError) as err:
        graph.evidence_for("Miro-2")
    assert "miro-1" in err.value.suggestions
    with pytest.raises(UnknownTermError):
        graph.studies(msc_source="Horse BM-MSCs")


# -- evidence and provenance -------------------------------------------------------------------


def test_evidence_for_il10_with_provenance(graph: msc_graph.Graph) -> None:
    df = graph.evidence_for("interleukin 10")
    # T1R12 Naji [48] and T1R14 Wang [61], both "IL-10"; prose: "IL-10 secreted by MSCs ... [48] ... [61]".
    assert set(df["ref"]) == {48, 61}
    assert set(df["relation"]) == {"INVOLVES_MOLECULE"}
    assert {r for rows in df["rows"] for r in rows} == {"T1R12", "T1R14"}
    for _, row in df.iterrows():
        assert any("IL-10" in cell for cell in row["table_cells"])
        assert any("IL-10" in q or "pyroptosis" in q for q in row["quotes"])
        assert row["rcd_modes"] == ["pyroptosis"] and row["demonstrated"]


def test_evidence_for_a_prose_only_term_and_a_study(graph: msc_graph.Graph) -> None:
    miro = graph.evidence_for("Miro1")  # synonym of Miro-1
    assert set(miro["ref"]) == {38} and set(miro["evidence"]) == {"prose"}
    assert any("Miro-1" in q for q in miro.iloc[0]["quotes"])
    # Fu [66]: T2R6 (demonstrated) and the prose "suggests a role for Cx43 ... [66, 68]" (hypothesis).
    fu = graph.evidence_for("66").set_index("claim")
    assert set(fu["ref"]) == {66} and set(fu["relation"]) == {"FROM_STUDY"}
    assert fu["demonstrated"].tolist().count(False) >= 1 and fu["demonstrated"].tolist().count(True) >= 1
    assert any(rows == ["T2R6"] for rows in fu["rows"])


def test_rcd_modes_for_evs(graph: msc_graph.Graph) -> None:
    df = graph.rcd_modes_for("extracellular vesicles").set_index("rcd_mode")
    assert set(cell(df, "necroptosis", "refs")) == {40, 53, 86, 87, 92}  # see the necroptosis test
    assert cell(df, "pyroptosis", "n_studies") == 0 and cell(df, "pyroptosis", "hypothesis_refs") == [90]
    assert set(cell(df, "necrosis", "refs")) == {63}  # T4R7 Simonson: "... and/or EVs", necrosis in ARDS


def test_conflicts(graph: msc_graph.Graph) -> None:
    df = graph.conflicts()
    # Read in the review: [41] T2R1 "Mouse BM-MSCs" vs prose "BM-MSCs from rat"; [43] T2R4 "Mouse and
    # human BM-MSCs" vs "rat and human MSCs"; [70] T4R14 "miRNA-410a" vs "miRNA-410"; [92] T4R10
    # "Apoptosis" vs "apoptosis and/or necroptosis"; [48] T1R12 THP-1/MH-S vs "human and mouse macrophages".
    assert {41, 43, 48, 70, 92} <= set(df["ref"])
    assert set(graph.conflicts(field="msc_sources")["ref"]) == {41, 43}
    none = graph.conflicts(field="no such field")
    assert none.empty and list(none.columns) == list(QUERIES["conflicts"].returns)


def test_hypotheses(graph: msc_graph.Graph) -> None:
    # Hedged sentences of the review: "suggests a role for Cx43" [67, 79]; "might play a role" [80];
    # "suggests a role for Cx43 expressed by MSCs in MM" [66, 68]; "likely allow transfer of miRNAs,
    # especially miRNA-24" [86, 88]; "suggests an essential role of miRNA-21 and miRNA-34a" [72];
    # "could potentially protect against ... pyroptosis" [90]; "has been suggested ... [43, 63]";
    # "would allow ... [63, 94]".
    df = graph.hypotheses()
    assert set(df["ref"]) == {43, 63, 66, 67, 68, 72, 79, 80, 86, 88, 90, 94}
    assert set(graph.hypotheses("pyroptosis")["ref"]) == {90}
    assert set(graph.hypotheses("Cx-43")["ref"]) == {66, 67, 68, 79, 80}
    assert graph.hypotheses("IL-10").empty


# -- sources, studies, cells, models, inducers ---------------------------------------------------


def test_sources_by_rcd(graph: msc_graph.Graph) -> None:
    df = graph.sources_by_rcd()
    pyro = refs_by(df[df["rcd_mode"] == "pyroptosis"], "msc_source")
    assert pyro == {"Human BM-MSCs": {48}, "Mouse BM-MSCs": {61}}  # T1R12, T1R14
    necro = refs_by(df[df["rcd_mode"] == "necroptosis"], "msc_source")
    # T1R5 Li "Mouse and human BM-MSCs", T1R13 Kong "Rat BM-MSCs", T2R6 Fu and T4R9 Crompot "Human
    # BM-MSCs", T4R11 Yuan "Human iPSC-MSCs"; [92] (prose necroptosis) is "Human UC-MSCs" in T4R10.
    assert necro == {
        "Human BM-MSCs": {40, 65, 66},
        "Mouse BM-MSCs": {65},
        "Rat BM-MSCs": {57},
        "Human iPSC-MSCs": {53},
        "Human UC-MSCs": {92},
    }
    # More than one mode: Human ASCs only ever rescue from apoptosis ([46]), iPSC-MSCs only from
    # necroptosis ([53]); WJ-MSCs: apoptosis and autophagy-related cell death ([71] prose).
    multi = graph.sources_by_rcd(min_rcd_modes=2)
    assert set(multi["msc_source"]) == {
        "Human BM-MSCs",
        "Mouse BM-MSCs",
        "Rat BM-MSCs",
        "Human UC-MSCs",
        "Human WJ-MSCs",
    }
    # Human BM-MSCs: apoptosis, activation-induced cell death [39], necroptosis, pyroptosis [48], necrosis [63]
    assert set(multi[multi["msc_source"] == "Human BM-MSCs"]["n_rcd_modes"]) == {5}


def test_studies_filters(graph: msc_graph.Graph) -> None:
    every = graph.studies()
    table_refs = {27, *range(38, 49), 50, 51, *range(53, 59), *range(60, 74), 92, 93}  # Tables 1-4
    assert table_refs <= set(every["ref"])
    assert set(graph.studies(target_cell="H9c2")["ref"]) == {41, 69}  # T2R1/T3R2 Cselenyak, T3R6 Han
    assert set(graph.studies(msc_source="iPSC-MSCs")["ref"]) == {53}  # T4R11 Yuan
    assert set(graph.studies(model="rat burn model")["ref"]) == {93}  # T4R5 Zhang
    # Necroptosis in vivo: Yuan [53] (rat AKI), [86, 87] (SCID mice), [92] (CCl4 mice)
    assert set(graph.studies(rcd="necroptosis", setting="in vivo")["ref"]) == {53, 86, 87, 92}
    # TNT in vivo: T3R3 Islam [43], T3R5 Ahmad [38], T3R7 Mahrouf-Yorgov [46]; prose [82] (rat, smoke)
    assert set(graph.studies(mode="TNTs", setting="in vivo")["ref"]) == {38, 43, 46, 82}
    clinical = graph.studies(setting="clinical").set_index("ref")
    # Simonson [63] (T1R11, T4R7 "Clinical"); [94] only in "would allow ... clinical settings [63, 94]"
    assert set(clinical.index) == {63, 94}
    assert bool(cell(clinical, 94, "hypotheses_only")) and not bool(cell(clinical, 63, "hypotheses_only"))
    none = graph.studies(setting="in silico")
    assert none.empty and list(none.columns) == list(QUERIES["studies"].returns)


def test_replication_candidates(graph: msc_graph.Graph) -> None:
    df = graph.replication_candidates()
    pairs = {(r["inducer"], r["target_cell"]): set(r["refs"]) for _, r in df.iterrows()}
    # "deprivation of glucose and oxygen" in H9c2: T2R1 Cselenyak [41], T3R6 Han [69]
    assert pairs[("oxygen-glucose deprivation", "H9c2")] == {41, 69}
    # ... in rat primary cortical neurons: T1R8 Scheibe [50], T1R15 Zheng [55]
    assert pairs[("oxygen-glucose deprivation", "rat primary cortical neurons")] == {50, 55}
    # LAD ligation, mouse cardiomyocytes in vivo: T2R2 Wang [67], T3R7 Mahrouf-Yorgov [46], T4R12 Xiao [62]
    assert pairs[("LAD artery ligation", "mouse cardiomyocytes (in vivo)")] == {46, 62, 67}
    # CCl4, mouse hepatocytes in vivo: prose [91] and T4R10 Yan [92]
    assert pairs[("carbon tetrachloride", "mouse hepatocytes (in vivo)")] == {91, 92}
    # glycerol, SCID mouse renal tubular cells: prose [86, 87] and [88]
    assert pairs[("glycerol", "mouse renal tubular epithelial cells (in vivo)")] == {86, 87, 88}
    assert graph.replication_candidates(min_studies=4).empty


def test_paths_between(graph: msc_graph.Graph) -> None:
    # iPSC-MSCs appear only in Yuan [53] (T4R11: necroptosis, SP1 via EVs): a direct connection.
    direct = graph.paths_between("Human iPSC-MSCs", "necroptosis")
    assert set(direct["hops"]) == {2} and all_refs(direct) == {53} and direct["all_demonstrated"].all()
    # ... and pyroptosis only through EVs: [90]'s hypothetical neprilysin EVs against pyroptosis.
    indirect = graph.paths_between("Human iPSC-MSCs", "pyroptosis")
    assert set(indirect["hops"]) == {4} and all_refs(indirect) == {53, 90}
    assert not indirect["all_demonstrated"].any()
    assert all("ModeOfAction: EV transfer" in path for path in indirect["path"])
    assert graph.paths_between("apoptosis", "apoptosis").empty


def test_cell_types_models_and_inducers(graph: msc_graph.Graph) -> None:
    # Pyroptosis: THP-1 and MH-S (T1R12 Naji [48]), mouse hepatocytes in vivo (T1R14 Wang [61]).
    # (The prose says "human and mouse macrophages" for [48]: a recorded conflict; the table wins.)
    cells = refs_by(graph.cell_types_rescued("pyroptosis"), "cell_type")
    assert cells == {"THP-1": {48}, "MH-S": {48}, "mouse hepatocytes (in vivo)": {61}}
    models = graph.models("apoptosis").set_index("model")
    mi = "myocardial infarction mouse model (LAD artery ligation)"
    assert set(cell(models, mi, "refs")) == {46, 62, 67}  # T2R2, T3R7, T4R12
    ards = graph.models().set_index("model").loc["acute respiratory distress syndrome (patients)"]
    assert set(ards["refs"]) == {63} and ards["clinical"] == 1  # Simonson [63], clinical
    inducers = refs_by(graph.inducers_by_rcd("necroptosis"), "inducer")
    assert inducers["bortezomib"] == {40, 66}  # T2R6 Fu, T4R9 Crompot
    assert inducers["6-OHDA"] == {65} and inducers["oxygen-glucose deprivation"] == {57}  # T1R5, T1R13
