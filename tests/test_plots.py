"""Figures: the gap map and the shared-pathway network, as API figures and as files from the CLI."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import msc_graph
from msc_graph import plots
from tests.conftest import cli


def _independent_gap_counts(g: msc_graph.Graph) -> dict[tuple[str, str, str], set[str]]:
    """Studies per (setting, RCD mode, mode of action) counted here from the networkx graph.

    v2: a study is its key (``pmid:…``, ``doi:…``, ``local:…``; literature studies have no reference
    number), and a claim's settings are those of its contexts (the claim's ``settings`` property).
    """
    G = g.to_networkx()
    out: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for c, d in G.nodes(data=True):
        if d["label"] != "Claim" or not d["demonstrated"]:
            continue
        targets = defaultdict(list)
        for _, t, rel in G.out_edges(c, keys=True):
            targets[rel].append(G.nodes[t]["name"])
        for s in d["settings"]:
            for r in targets["RESCUES_FROM"]:
                for m in targets["VIA_MODE"]:
                    out[(s, r, m)].add(d["study"])
    return out


def _shown(g: msc_graph.Graph, label: str, rel: str) -> int:
    """Terms of ``label`` the gap map shows: every term but the broader (grouping) ones, unless a
    claim names a group directly (v2 vocabularies have IS_A hierarchies; cypher/queries/gap-map.cypher)."""
    G = g.to_networkx()
    shown = 0
    for n, d in G.nodes(data=True):
        if d["label"] != label:
            continue
        into = {k for _, _, k in G.in_edges(n, keys=True)}
        shown += "IS_A" not in into or rel in into
    return shown


def test_gap_counts_cover_every_cell_and_agree_with_the_claims(graph: msc_graph.Graph) -> None:
    data = plots.gap_counts(graph)
    n_rcd = _shown(graph, "RCDMode", "RESCUES_FROM")
    n_moa = _shown(graph, "ModeOfAction", "VIA_MODE")
    assert len(data) == 3 * n_rcd * n_moa  # every cell of every facet, gaps included
    assert set(data["setting"]) == {"in vitro", "in vivo", "clinical"}
    expected = _independent_gap_counts(graph)
    for row in data.itertuples():
        assert row.n_studies == len(expected.get((str(row.setting), str(row.rcd_mode), str(row.mode_of_action)), set()))
    # Review, Table 4: Crompot et al. [40] (in vitro) and Yuan et al. [53] (in vitro and in vivo)
    # report EVs against necroptosis.
    cell = data[(data.rcd_mode == "necroptosis") & (data.mode_of_action == "EV transfer")]
    assert {40, 53} <= set(cell.iloc[0]["refs"])
    by_setting = dict(zip(cell["setting"], cell["n_studies"], strict=True))
    assert by_setting["in vitro"] >= 2 and by_setting["in vivo"] >= 1
    with_hyp = plots.gap_counts(graph, include_hypotheses=True)
    assert (with_hyp["n_studies"].to_numpy() >= data["n_studies"].to_numpy()).all()


def test_gap_map_figure_has_one_panel_per_setting(graph: msc_graph.Graph) -> None:
    fig = plots.gap_map(graph)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[:3] == ["in vitro", "in vivo", "clinical"]
    labels = {t.get_text() for t in fig.axes[0].get_yticklabels()}
    assert {"necroptosis", "apoptosis"} <= labels


def test_pathway_figure_names_every_pathway(graph: msc_graph.Graph) -> None:
    rows = plots.pathway_network(graph)
    fig = plots.pathways(graph)
    texts = " ".join(" ".join(t.get_text().split()) for t in fig.axes[0].texts)  # long names are wrapped
    assert len(rows) > 0
    for name in rows["pathway"]:
        assert name in texts
    for rcd in {x for modes in rows["rcd_modes"] for x in modes}:
        assert rcd in texts


def test_plot_cli_writes_png_and_svg(graph: msc_graph.Graph, tmp_path: Path) -> None:
    png, svg = tmp_path / "gap.png", tmp_path / "pathways.svg"
    r1 = cli("plot", "gap-map", "-o", str(png))
    r2 = cli("plot", "pathways", "-o", str(svg))
    assert r1.exit_code == 0 and r2.exit_code == 0, r1.stderr + r2.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    assert "<svg" in svg.read_text(encoding="utf-8")[:2000]
    bad = cli("plot", "gap-map", "-o", str(tmp_path / "gap.txt"))
    assert bad.exit_code != 0 and ".png" in bad.stderr
