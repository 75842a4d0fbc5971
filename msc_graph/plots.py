"""Figures of the graph as matplotlib figures (``msc-graph plot`` saves them as PNG, SVG or PDF).

* :func:`gap_map`: a heatmap of RCD mode x mode of action, one panel per setting (in vitro,
  in vivo, clinical); each cell counts the independent studies, empty cells are the gaps.
* :func:`pathways`: the shared-pathway network: pathways between the RCD modes they are
  implicated against and the modes of action that deliver them, sized by number of studies.

Both use the same colours as the explorer and the Neo4j Browser style (the schema's palette).
The functions build figures with :class:`matplotlib.figure.Figure` (no pyplot state), so they are
safe in scripts, servers and notebooks (where a returned figure is displayed).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ._schema import CATEGORIES, SETTING_COLUMNS, SETTINGS, label_colors

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from ._api import Graph


def gap_counts(g: Graph, include_hypotheses: bool = False) -> pd.DataFrame:
    """Independent studies per setting, RCD mode and mode of action (zeros kept: the gaps).

    The ``gap-map`` named query in long form: columns ``setting, rcd_mode, mode_of_action,
    n_studies, refs`` for every setting, RCD mode and mode of action (``refs``: the studies of
    the cell in any setting). Demonstrated claims only unless ``include_hypotheses``.
    """
    import pandas as pd

    wide = g.ask("gap-map", include_hypotheses=include_hypotheses)
    order = {c: i for i, c in enumerate(CATEGORIES)}
    moas = sorted(set(wide["mode_of_action"]), key=lambda m: (order.get(m, 99), m))
    rows = []
    for setting, column in SETTING_COLUMNS.items():
        for r in wide.to_dict("records"):
            rows.append(
                {
                    "setting": setting,
                    "rcd_mode": r["rcd_mode"],
                    "mode_of_action": r["mode_of_action"],
                    "n_studies": int(r[column]),
                    "refs": list(r["refs"] or []),
                }
            )
    out = pd.DataFrame(rows, columns=["setting", "rcd_mode", "mode_of_action", "n_studies", "refs"])
    out["mode_of_action"] = pd.Categorical(out["mode_of_action"], categories=moas, ordered=True)
    return out.sort_values(["setting", "rcd_mode", "mode_of_action"], kind="stable").reset_index(drop=True)


def gap_map(g: Graph, include_hypotheses: bool = False) -> Figure:
    """Heatmap of RCD mode (rows) x mode of action (columns), one panel per setting."""
    from matplotlib.colors import LinearSegmentedColormap
    from matplotlib.figure import Figure

    data = gap_counts(g, include_hypotheses)
    rcd_total = data.groupby("rcd_mode", sort=False)["n_studies"].sum().sort_values(ascending=False)
    rows = list(rcd_total.index)
    cols = [str(c) for c in data["mode_of_action"].cat.categories]
    vmax = max(1, int(data["n_studies"].max()))
    cmap = LinearSegmentedColormap.from_list("msc", ["#FFF4EC", label_colors()["RCDMode"], "#8C3B12"]).with_extremes(
        under="#F1F2F5"
    )
    fig = Figure(figsize=(4.2 * len(SETTINGS) + 2.5, 0.55 * len(rows) + 2.6), layout="constrained")
    axes = fig.subplots(1, len(SETTINGS), sharey=True)
    image = None
    for ax, setting in zip(axes, SETTINGS, strict=True):
        part = data[data["setting"] == setting].pivot(index="rcd_mode", columns="mode_of_action", values="n_studies")
        grid = part.reindex(index=rows, columns=cols).fillna(0).to_numpy()
        image = ax.imshow(grid, cmap=cmap, vmin=0.5, vmax=vmax, aspect="auto")
        for i in range(len(rows)):
            for j in range(len(cols)):
                v = int(grid[i, j])
                if v:
                    ax.text(
                        j, i, str(v), ha="center", va="center", fontsize=9, color="white" if v > vmax / 2 else "black"
                    )
        ax.set_title(setting, fontsize=11)
        ax.set_xticks(range(len(cols)), cols, rotation=35, ha="right")
        ax.set_yticks(range(len(rows)), rows)
        ax.set_xticks([x - 0.5 for x in range(1, len(cols))], minor=True)
        ax.set_yticks([y - 0.5 for y in range(1, len(rows))], minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.tick_params(which="minor", length=0)
    evidence = "demonstrated and hypothesised" if include_hypotheses else "demonstrated effects only"
    fig.suptitle(f"Evidence map: independent studies per RCD mode and mode of action ({evidence}; grey = gap)")
    if image is not None:
        fig.colorbar(image, ax=list(axes), shrink=0.8, label="independent studies")
    return fig


def pathway_network(g: Graph, include_hypotheses: bool = False, min_studies: int = 1) -> pd.DataFrame:
    """The rows behind :func:`pathways`: the ``shared-pathways`` named query."""
    return g.ask("shared-pathways", min_studies=min_studies, include_hypotheses=include_hypotheses)


def _spread(n: int) -> list[float]:
    return [0.5] if n == 1 else [1 - i / (n - 1) for i in range(n)]


def pathways(g: Graph, include_hypotheses: bool = False, min_studies: int = 1) -> Figure:
    """Shared-pathway network: RCD modes (left), pathways (middle), modes of action (right).

    A pathway is joined to every RCD mode and mode of action of the claims that implicate it; its
    size is its number of independent studies, and pathways shared by two or more studies are
    drawn solid and labelled in bold.
    """
    from matplotlib.figure import Figure

    rows = [
        {str(k): v for k, v in r.items()}
        for r in pathway_network(g, include_hypotheses, min_studies).to_dict("records")
    ]
    colors = label_colors()
    rcd_deg: dict[str, int] = defaultdict(int)
    moa_deg: dict[str, int] = defaultdict(int)
    for r in rows:
        for x in r["rcd_modes"] or []:
            rcd_deg[x] += 1
        for x in r["modes_of_action"] or []:
            moa_deg[x] += 1
    rcds = sorted(rcd_deg, key=lambda x: (-rcd_deg[x], x))
    y_rcd = dict(zip(rcds, _spread(len(rcds)), strict=True))

    def height(r: dict[str, Any]) -> float:  # mean height of a pathway's RCD modes: fewer crossings
        modes = r["rcd_modes"] or []
        return sum(y_rcd[x] for x in modes) / max(1, len(modes))

    paths = sorted(rows, key=lambda r: (-height(r), r["pathway"]))
    y_path = dict(zip([r["pathway"] for r in paths], _spread(len(paths)), strict=True))
    moas = sorted(
        moa_deg, key=lambda m: (-sum(y_path[r["pathway"]] for r in paths if m in (r["modes_of_action"] or [])), m)
    )
    y_moa = dict(zip(moas, _spread(len(moas)), strict=True))
    fig = Figure(figsize=(12, max(5.0, 0.42 * len(paths) + 1.8)), layout="constrained")
    ax = fig.subplots()
    xs = {"rcd": 0.0, "path": 1.0, "moa": 2.0}
    for r in paths:
        n, y = int(r["n_studies"]), y_path[r["pathway"]]
        alpha, lw = (0.75 if n >= 2 else 0.3), 0.8 + 0.8 * n
        for x in r["rcd_modes"] or []:
            ax.plot([xs["rcd"], xs["path"]], [y_rcd[x], y], color=colors["RCDMode"], alpha=alpha, lw=lw, zorder=1)
        for m in r["modes_of_action"] or []:
            ax.plot([xs["path"], xs["moa"]], [y, y_moa[m]], color=colors["ModeOfAction"], alpha=alpha, lw=lw, zorder=1)
    _nodes(ax, xs["rcd"], y_rcd, colors["RCDMode"], "right", {k: 160 + 40 * v for k, v in rcd_deg.items()})
    _nodes(ax, xs["moa"], y_moa, colors["ModeOfAction"], "left", {k: 160 + 40 * v for k, v in moa_deg.items()})
    for r in paths:
        n, y = int(r["n_studies"]), y_path[r["pathway"]]
        ax.scatter(
            [xs["path"]],
            [y],
            s=120 + 110 * n,
            color=colors["Pathway"],
            alpha=1.0 if n >= 2 else 0.45,
            edgecolors="#2A2C34",
            linewidths=0.8,
            zorder=3,
        )
        refs = ", ".join(str(x) for x in r["refs"])
        ax.annotate(
            f"{r['pathway']}  [{refs}]",
            (xs["path"], y),
            xytext=(0, 9),
            textcoords="offset points",
            ha="center",
            fontsize=8.5,
            fontweight="bold" if n >= 2 else "normal",
            zorder=4,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
        )
    ax.set_xlim(-0.85, 2.85)
    ax.set_ylim(-0.08, 1.1)
    ax.axis("off")
    for x, title in ((xs["rcd"], "RCD mode"), (xs["path"], "Pathway [refs]"), (xs["moa"], "Mode of action")):
        ax.text(x, 1.08, title, ha="center", fontsize=11, fontweight="bold")
    evidence = "demonstrated and hypothesised" if include_hypotheses else "demonstrated effects only"
    fig.suptitle(f"Shared pathways: size = independent studies; bold = shared by 2+ studies ({evidence})")
    return fig


def _nodes(ax: Any, x: float, ys: dict[str, float], color: str, side: str, sizes: dict[str, float]) -> None:
    for name, y in ys.items():
        ax.scatter([x], [y], s=sizes.get(name, 200), color=color, edgecolors="#2A2C34", linewidths=0.8, zorder=3)
        dx = (-1 if side == "right" else 1) * (8 + sizes.get(name, 200) ** 0.5 / 2)
        ax.annotate(
            name,
            (x, y),
            xytext=(dx, 0),
            textcoords="offset points",
            va="center",
            fontsize=9.5,
            ha="right" if side == "right" else "left",
            zorder=4,
        )
