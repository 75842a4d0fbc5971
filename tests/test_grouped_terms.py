"""Issue 12: a grouped question gives the union of its sub-terms, read from the review.

Groups are vocabulary terms with narrower terms pointing at them (``parents``, IS_A): asking for a
group includes every narrower term unless ``exact=true``; the ``matched`` column names the terms that
matched. Expected answers were read in the review (``../shared/sources/000_808a76f477bdf626.txt``,
line numbers of ``cat -n``; "T4R12" = Table 4, row 12) before running the queries.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

import msc_graph
from msc_graph._dataset import Dataset

from .conftest import INGEST

REVIEW = "naji-2019"


def cell(df: pd.DataFrame, row: Any, col: str) -> Any:
    """``df.loc[row, col]``: one cell, which may hold a list (pandas-stubs types it as a scalar)."""
    return df.loc[row, col]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return msc_graph.validate(INGEST)


def refs(df: pd.DataFrame) -> set[int]:
    return {int(r) for r in df["ref"].dropna()}


def studies(graph: msc_graph.Graph, **params: Any) -> set[str]:
    return set(graph.ask("studies", **params)["study"])


def narrower(ds: Dataset, stem: str, group: str) -> set[str]:
    """Every term under ``group`` (itself included), through ``parents`` at any depth."""
    terms = ds.terms[stem]
    out = {group}
    grew = True
    while grew:
        new = {t.id for t in terms.values() if set(t.parents) & out} - out
        out |= new
        grew = bool(new)
    return out


# -- cardiomyocytes, including cardiomyoblasts --------------------------------------------------


def test_cardiomyocytes_include_cardiomyoblasts(graph: msc_graph.Graph) -> None:
    # Studies that rescued cardiomyocytes or cardiomyoblasts, read in the review:
    #   [41] Cselenyak: "rat H9c2 cardiomyoblast cell line" (T2R1/T3R2, lines 331-332; lines 662-665)
    #   [69] Han: "rat cardiomyoblast cell line H9c2" (T3R6, lines 438-439)
    #   [46] Mahrouf-Yorgov: "human primary cardiomyocytes" and "mouse cardiomyocytes ... LAD artery
    #        ligation" (T3R7/T4R8, lines 449-453); "human cardiomyoblasts" in the prose (line 792)
    #   [67] Wang: "mouse cardiomyocytes in a myocardial infarction mouse model" (T2R2, lines 339-341)
    #   [62] Xiao: "mouse primary cardiomyocytes" and "mouse cardiomyocytes in vivo" (T4R12, lines 603-607)
    #   [89]: "unfit mouse neonatal cardiomyocytes" (lines 845-849)
    df = graph.ask("studies", target_cell="cardiomyocytes", source=REVIEW)
    assert refs(df) == {41, 46, 62, 67, 69, 89}
    # hypotheses add [79] ("suggests a role for Cx43 ... to prevent RCD processes in cardiomyocytes
    # [67, 79]", lines 676-678) and [80] ("homomeric Cx43 channels between human MSCs and cardiomyocytes
    # ... might play a role in cell survival", lines 696-699)
    hyp = graph.ask("studies", target_cell="cardiomyocytes", source=REVIEW, include_hypotheses=True)
    assert refs(hyp) == {41, 46, 62, 67, 69, 79, 80, 89}
    # cardiomyoblasts alone: H9c2 [41], [69] and the prose's human cardiomyoblasts of [46]
    assert refs(graph.ask("studies", target_cell="cardiomyoblasts")) == {41, 46, 69}


def test_exact_turns_the_expansion_off(graph: msc_graph.Graph) -> None:
    # No claim names the group "cardiomyocytes" itself; only the hypotheses of [79] and [80] name
    # cardiomyocytes without their species (lines 676-678, 696-699).
    assert graph.ask("studies", target_cell="cardiomyocytes", exact=True, include_hypotheses=True).empty
    unstated = "cardiomyocytes (species not stated)"
    assert graph.ask("studies", target_cell=unstated, exact=True).empty
    assert refs(graph.ask("studies", target_cell=unstated, exact=True, include_hypotheses=True)) == {79, 80}
    assert refs(graph.ask("studies", target_cell="H9c2", exact=True)) == {41, 69}


# -- umbilical cord, including Wharton's jelly ---------------------------------------------------


def test_umbilical_cord_includes_whartons_jelly(graph: msc_graph.Graph) -> None:
    # "Human UC-MSCs": Maqbool [47] (T1R6), Zhang [93] (T4R5), Yan [92] (T4R10), Dong [70] (T4R14);
    # "Human WJ-MSCS": Joerger-Messerli [71] (T4R13). The legend of Table 4 names both (lines 643-644).
    assert refs(graph.ask("studies", msc_source="UC-MSCs", source=REVIEW)) == {47, 70, 71, 92, 93}
    assert refs(graph.ask("studies", msc_source="Human UC-MSCs", exact=True)) == {47, 70, 92, 93}
    assert refs(graph.ask("studies", msc_source="Wharton's jelly MSCs")) == {71}
    # the group term itself is named by no claim
    assert graph.ask("studies", msc_source="UC-MSCs", exact=True).empty
    # The literature adds three studies with human UC-MSC exosomes or microvesicles (their abstracts:
    # "HucMSC-Exo", "hUC-MSCs-MVs", "hucMSC-derived exosomes"); Shi 2023 is a hypothesis.
    assert len(graph.ask("studies", msc_source="UC-MSCs", source="literature-2020s")) == 3


# -- BM-MSCs across species ----------------------------------------------------------------------

HUMAN_BM = {27, 38, 39, 40, 42, 43, 44, 48, 50, 51, 58, 60, 63, 65, 66, 68, 72, 73}
MOUSE_BM = {41, 43, 50, 51, 60, 61, 62, 65}
RAT_BM = {45, 54, 55, 56, 57, 64, 67, 69, 79}


def test_bm_mscs_across_species(graph: msc_graph.Graph) -> None:
    # The "Sources of MSCs" column, Tables 1-4:
    #   Human BM-MSCs: T1 [42], [39], [58], [65], [50], [63], [48]; T2 [60], [43], [68], [66];
    #                  T3 [27], [43], [44], [38]; T4 [27], [43], [72], [73], [51], [63], [40]
    #   Mouse BM-MSCs: T1 [65], [50] ("Mouse and human"), [61]; T2 [41], [60], [43]; T4 [51], [62]
    #   Rat BM-MSCs:   T1 [45], [56], [64] ("Rat BMMSCs"), [54], [57], [55]; T2 [67]; T3 [69];
    #                  prose: "Other preclinical studies of rat BM-MSCs ... [67, 79]" (lines 665-668)
    human = refs(graph.ask("studies", msc_source="Human BM-MSCs", source=REVIEW))
    mouse = refs(graph.ask("studies", msc_source="Mouse BM-MSCs", source=REVIEW))
    rat = refs(graph.ask("studies", msc_source="Rat BM-MSCs", source=REVIEW))
    assert (human, mouse, rat) == (HUMAN_BM, MOUSE_BM, RAT_BM)
    every = refs(graph.ask("studies", msc_source="BM-MSCs", source=REVIEW))
    assert every == HUMAN_BM | MOUSE_BM | RAT_BM and len(every) == 30
    # Li 2022 (abstract: "Rat BMMSCs were extracted and transfected with the Ho1 gene") counts as rat BM-MSCs
    assert "Li et al. 2022 (PMID 35720183)" in studies(graph, msc_source="Rat BM-MSCs")


def test_rcd_modes_for_bm_mscs_names_the_matched_species(graph: msc_graph.Graph) -> None:
    df = graph.ask("rcd-modes-for", term="BM-MSCs").set_index("rcd_mode")
    # pyroptosis: Naji [48] human (T1R12), Wang [61] mouse (T1R14)
    assert set(cell(df, "pyroptosis", "matched")) == {"Human BM-MSCs", "Mouse BM-MSCs"}
    assert set(cell(df, "pyroptosis", "refs")) == {48, 61}
    # necroptosis: [40], [65], [66] human; [65] mouse; Kong [57] rat
    assert set(cell(df, "necroptosis", "matched")) == {"Human BM-MSCs", "Mouse BM-MSCs", "Rat BM-MSCs"}
    assert set(cell(df, "necroptosis", "refs")) == {40, 57, 65, 66}
    # activation-induced cell death: Benvenuto [39], human only (T1R2)
    assert cell(df, "activation-induced cell death", "matched") == ["Human BM-MSCs"]


# -- necroptosis under programmed necrosis; regulated cell death ---------------------------------


def test_necroptosis_under_programmed_necrosis(graph: msc_graph.Graph) -> None:
    necro = graph.ask("modes-of-action-rescuing", rcd="necroptosis")
    group = graph.ask("modes-of-action-rescuing", rcd="programmed necrosis")
    assert group.drop(columns="matched").equals(necro.drop(columns="matched"))
    assert all(m == ["necroptosis"] for m in group["matched"])
    # "necrosis" (Simonson [63], "Apoptosis and necrosis", line 269) is not said to be regulated: it is
    # not programmed necrosis
    assert 63 not in {r for rs in group["refs"] for r in rs}
    # no claim names the group itself
    assert graph.ask("modes-of-action-rescuing", rcd="programmed necrosis", exact=True).empty


def test_regulated_cell_death_is_the_union_of_its_modes(graph: msc_graph.Graph) -> None:
    group = graph.ask("modes-of-action-rescuing", rcd="regulated cell death", source=REVIEW).set_index("mode_of_action")
    # Paracrine: Table 1 (apoptosis, activation-induced cell death [39], necroptosis [57], [65],
    # pyroptosis [48], [61]), CXCL12 of [60], and "RCD" without a mode for BDNF [55] (lines 319-321)
    # and CXCL12 [60] (lines 703-714).
    assert set(cell(group, "paracrine", "matched")) == {
        "apoptosis",
        "activation-induced cell death",
        "necroptosis",
        "pyroptosis",
        "regulated cell death (mode not specified)",
    }
    union: set[int] = set()
    for mode in ("apoptosis", "necroptosis", "pyroptosis", "autophagy-related cell death", "rcd-unspecified"):
        df = graph.ask("modes-of-action-rescuing", rcd=mode, source=REVIEW)
        union |= {r for rs in df[df["mode_of_action"] == "paracrine"]["refs"] for r in rs}
    assert set(cell(group, "paracrine", "refs")) == union
    assert 63 in union  # apoptosis, T1R11
    # EV transfer: necrosis of [63] is not regulated cell death, apoptosis of [63] is (T4R7)
    assert "necrosis" not in cell(group, "EV transfer", "matched")


def test_matched_names_the_terms_of_both_parameters(graph: msc_graph.Graph) -> None:
    # What EVs carry against any regulated cell death: the union of the modes' answers; matched names
    # the route and the modes that matched (necroptosis for SP1 [53], lines 906-915).
    df = graph.ask("molecules-via", mode="EVs", rcd="regulated cell death", source=REVIEW).set_index("molecule")
    assert set(cell(df, "SP1", "matched")) == {"EV transfer", "necroptosis"}
    assert set(cell(df, "miRNA-22", "matched")) == {"EV transfer", "apoptosis"}  # [89], lines 845-850
    assert set(cell(df, "GPX1", "matched")) == {"EV transfer", "apoptosis", "necroptosis"}  # [92]
    apo = graph.ask("molecules-via", mode="EVs", rcd="apoptosis", source=REVIEW)
    nec = graph.ask("molecules-via", mode="EVs", rcd="necroptosis", source=REVIEW)
    other = graph.ask("molecules-via", mode="EVs", rcd="rcd-unspecified", source=REVIEW)
    auto = graph.ask("molecules-via", mode="EVs", rcd="autophagy-related cell death", source=REVIEW)
    assert set(df.index) == set(apo["molecule"]) | set(nec["molecule"]) | set(other["molecule"]) | set(auto["molecule"])
    against = graph.ask("molecules-against", rcd="programmed necrosis", source=REVIEW)
    assert all(m == ["necroptosis"] for m in against["matched"])


# -- the union, in general -----------------------------------------------------------------------

GROUPS = [
    ("cell_types", "target_cell", "cardiomyocyte"),
    ("cell_types", "target_cell", "hepatocyte"),
    ("cell_types", "target_cell", "renal-tubular-epithelial-cell"),
    ("cell_types", "target_cell", "macrophage"),
    ("msc_sources", "msc_source", "bm-msc"),
    ("msc_sources", "msc_source", "uc-msc"),
    ("msc_sources", "msc_source", "human-msc"),
    ("rcd_modes", "rcd", "programmed-cell-death"),
    ("rcd_modes", "rcd", "programmed-necrotic-cell-death"),
    ("inducers", "inducer", "chemotherapy"),
    ("inducers", "inducer", "hypoxia-and-ischaemia"),
    ("models", "model", "acute-kidney-injury-models"),
    ("models", "model", "lung-disease-models"),
]


@pytest.mark.parametrize(("stem", "param", "group"), GROUPS, ids=[g for _, _, g in GROUPS])
def test_a_group_answers_the_union_of_its_terms(
    graph: msc_graph.Graph, ds: Dataset, stem: str, param: str, group: str
) -> None:
    union: set[str] = set()
    for term in narrower(ds, stem, group):
        union |= studies(graph, **{param: term, "exact": True})
    assert studies(graph, **{param: group}) == union
    assert union, group


def test_grouped_answers_read_from_the_review(graph: msc_graph.Graph) -> None:
    # Hepatocytes: mouse hepatocytes with D-galactosamine [61] (T1R14), with CCl4 [91] (lines 886-889)
    # and [92] (T4R10, with the L02 hepatocyte line in vitro).
    assert refs(graph.ask("studies", target_cell="hepatocytes", source=REVIEW)) == {61, 91, 92}
    # Acute kidney injury models: the rat renal pedicle model of Yuan [53] (T4R11), the SCID glycerol
    # and cisplatin models of [86, 87] (lines 828-830) and the glycerol model of [88] (lines 841-843).
    assert refs(graph.ask("studies", model="acute kidney injury models", source=REVIEW)) == {53, 86, 87, 88}
    # Chemotherapy drugs: bortezomib [66] (T2R6), [40] (T4R9, with cladribine, fludarabine, flavopiridol,
    # methylprednisolone), doxorubicin [46] (T3R7), cisplatin [86, 87] (lines 829, 832).
    assert refs(graph.ask("studies", inducer="chemotherapy drugs", source=REVIEW)) == {40, 46, 66, 86, 87}
    # The let-7 family of Joerger-Messerli [71] ("let-7a, let-7e, and let-7-5p", T4R13; lines 854-862)
    df = graph.ask("rcd-modes-for", term="let-7 family").set_index("rcd_mode")
    assert set(df.index) == {"apoptosis", "autophagy-related cell death"}
    assert set(cell(df, "apoptosis", "matched")) == {"let-7a", "let-7e", "let-7-5p"}
