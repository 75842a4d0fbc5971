"""Figures of the graph as matplotlib figures, sized and typeset for a journal.

* :func:`gap_map`: a heatmap of RCD mode x mode of action, one panel per setting (in vitro,
  in vivo, clinical); each cell counts the independent studies, empty cells are the gaps.
* :func:`pathways`: the shared-pathway network: pathways between the RCD modes they are
  implicated against and the modes of action that deliver them, sized by number of studies.
* :func:`similarity`: a heatmap of the Jaccard similarity of the terms of one label (by the
  pathways and molecules of their claims, :func:`msc_graph.analytics.jaccard_matrix`).

Every function returns a :class:`matplotlib.figure.Figure` (no pyplot state: safe in scripts and
servers; a notebook shows a returned figure inline). Figures are one journal column wide
(``width="single"``, 89 mm) or two (``"double"``, 183 mm), or any width in mm, with 7 pt text.
:func:`save` writes them for a journal: 300 dpi PNG, PDF with TrueType fonts (``pdf.fonttype``
42: many journals refuse Type 3 fonts) and SVG whose text stays text (``svg.fonttype`` ``"none"``),
editable in Illustrator or Inkscape::

    >>> from msc_graph import plots
    >>> fig = plots.gap_map(g, width="double")
    >>> plots.save(fig, "gap-map.pdf")

The colours are the explorer's and the Neo4j Browser style's (the schema's palette).
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ._schema import CATEGORIES, SETTING_COLUMNS, SETTINGS, label_colors

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from ._api import Graph

__all__ = [
    "DPI",
    "JOURNAL_RC",
    "WIDTHS_MM",
    "gap_counts",
    "gap_map",
    "pathway_network",
    "pathways",
    "save",
    "similarity",
    "style",
    "width_inches",
]

WIDTHS_MM = {"single": 89.0, "double": 183.0}
"""Journal column widths in mm (Nature and Cell Press: 89 / 183 mm; most journals are within a few mm)."""
DPI = 300
"""Resolution of raster output (journals ask 300 dpi for colour figures)."""
JOURNAL_RC: dict[str, Any] = {
    "pdf.fonttype": 42,  # TrueType in PDF and PS: editable, and accepted where Type 3 is refused
    "ps.fonttype": 42,
    "svg.fonttype": "none",  # SVG text as <text>, not paths
    "font.family": "sans-serif",
    "font.sans-serif": ["Arial", "Helvetica", "Liberation Sans", "DejaVu Sans"],
    "font.size": 7,
    "axes.titlesize": 7.5,
    "axes.labelsize": 7,
    "xtick.labelsize": 6.5,
    "ytick.labelsize": 6.5,
    "legend.fontsize": 6.5,
    "figure.titlesize": 8,
    "axes.linewidth": 0.6,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.major.size": 2.5,
    "ytick.major.size": 2.5,
    "savefig.dpi": DPI,
    "figure.dpi": 150,
}
"""matplotlib settings of every figure here (font sizes apply when drawing; font types when saving)."""
_MM = 25.4


@contextlib.contextmanager
def style() -> Iterator[None]:
    """A context with :data:`JOURNAL_RC` (use it around your own ``savefig`` or drawing)."""
    import matplotlib

    with matplotlib.rc_context(cast(Any, JOURNAL_RC)):
        yield


def width_inches(width: str | float) -> float:
    """``"single"``, ``"double"`` or a width in mm, in inches."""
    if isinstance(width, str):
        if width not in WIDTHS_MM:
            raise ValueError(f"width must be one of {', '.join(WIDTHS_MM)} or a number of mm, not {width!r}")
        return WIDTHS_MM[width] / _MM
    if not 30 <= float(width) <= 300:
        raise ValueError(f"width in mm must be between 30 and 300, not {width!r}")
    return float(width) / _MM


def save(fig: Figure, path: str | Path, dpi: int = DPI) -> Path:
    """Write ``fig`` for a journal: the format from the suffix (.png, .pdf, .svg, .eps, .tif), TrueType
    fonts, SVG text as text, ``dpi`` for raster formats. The figure keeps its width (no cropping)."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with style():
        fig.savefig(out, dpi=dpi)
    return out


def _fill(text: str, width_in: float, points: float) -> str:
    """``text`` wrapped to lines that fit ``width_in`` inches at ``points`` pt (a sans-serif estimate)."""
    import textwrap

    chars = max(8, int(width_in * 72 / (points * 0.55)))
    return textwrap.fill(text, chars, break_on_hyphens=False, break_long_words=False)


def _evidence(include_hypotheses: bool) -> str:
    return "demonstrated and hypothesised effects" if include_hypotheses else "demonstrated effects only"


# -- gap map ---------------------------------------------------------------------------------
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


def gap_map(g: Graph, include_hypotheses: bool = False, width: str | float = "double") -> Figure:
    """Heatmap of RCD mode (rows) x mode of action (columns), one panel per setting.

    ``width="double"``: the three panels side by side; ``"single"``: one above the other.
    """
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
    w = width_inches(width)
    side_by_side = w >= 5.0
    panel_h = 0.16 * len(rows) + 0.2
    with style():
        if side_by_side:
            fig = Figure(figsize=(w, panel_h + 1.5), layout="constrained")
            axes = fig.subplots(1, len(SETTINGS), sharey=True)
        else:
            fig = Figure(figsize=(w, len(SETTINGS) * (panel_h + 0.25) + 1.4), layout="constrained")
            axes = fig.subplots(len(SETTINGS), 1, sharex=True)
        image = None
        for k, (ax, setting) in enumerate(zip(axes, SETTINGS, strict=True)):
            part = data[data["setting"] == setting].pivot(
                index="rcd_mode", columns="mode_of_action", values="n_studies"
            )
            grid = part.reindex(index=rows, columns=cols).fillna(0).to_numpy()
            image = ax.imshow(grid, cmap=cmap, vmin=0.5, vmax=vmax, aspect="auto")
            for i in range(len(rows)):
                for j in range(len(cols)):
                    v = int(grid[i, j])
                    if v:
                        colour = "white" if v > vmax / 2 else "black"
                        ax.text(j, i, str(v), ha="center", va="center", fontsize=5.5, color=colour)
            ax.set_title(setting)
            ax.set_xticks(range(len(cols)), cols, rotation=40, ha="right", rotation_mode="anchor")
            ax.set_yticks(range(len(rows)), rows)
            ax.tick_params(axis="x", labelbottom=side_by_side or k == len(SETTINGS) - 1)
            ax.set_xticks([x - 0.5 for x in range(1, len(cols))], minor=True)
            ax.set_yticks([y - 0.5 for y in range(1, len(rows))], minor=True)
            ax.grid(which="minor", color="white", linewidth=1.0)
            ax.tick_params(which="minor", length=0)
        title = f"Independent studies per RCD mode and mode of action ({_evidence(include_hypotheses)}; grey: gap)"
        fig.suptitle(_fill(title, w, JOURNAL_RC["figure.titlesize"]))
        if image is not None:
            bar = fig.colorbar(image, ax=list(axes), shrink=0.9, aspect=25, pad=0.02)
            bar.set_label("independent studies")
            bar.outline.set_linewidth(0.5)
    return fig


# -- shared pathways -------------------------------------------------------------------------
def pathway_network(g: Graph, include_hypotheses: bool = False, min_studies: int = 1) -> pd.DataFrame:
    """The rows behind :func:`pathways`: the ``shared-pathways`` named query."""
    return g.ask("shared-pathways", min_studies=min_studies, include_hypotheses=include_hypotheses)


def _spread(n: int) -> list[float]:
    return [0.5] if n == 1 else [1 - i / (n - 1) for i in range(n)]


def pathways(g: Graph, include_hypotheses: bool = False, min_studies: int = 1, width: str | float = "double") -> Figure:
    """Shared-pathway network: RCD modes (left), pathways (middle), modes of action (right).

    A pathway is joined to every RCD mode and mode of action of the claims that implicate it; its
    size is its number of independent studies, and pathways shared by two or more studies are
    drawn solid and labelled in bold, with the review's reference numbers in brackets.
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
    w = width_inches(width)
    with style():
        h = max(2.4, 0.34 * len(paths) + 0.9)
        fig = Figure(figsize=(w, h), layout="constrained")
        ax = fig.subplots()
        xs = {"rcd": 0.0, "path": 1.0, "moa": 2.0}
        for r in paths:
            n, y = int(r["n_studies"]), y_path[r["pathway"]]
            alpha, lw = (0.75 if n >= 2 else 0.3), 0.4 + 0.5 * n
            for x in r["rcd_modes"] or []:
                ax.plot([xs["rcd"], xs["path"]], [y_rcd[x], y], color=colors["RCDMode"], alpha=alpha, lw=lw, zorder=1)
            for m in r["modes_of_action"] or []:
                ax.plot(
                    [xs["path"], xs["moa"]], [y, y_moa[m]], color=colors["ModeOfAction"], alpha=alpha, lw=lw, zorder=1
                )
        room = 0.8 * w / 3.8  # inches between a side column and the figure's edge
        _nodes(ax, xs["rcd"], y_rcd, colors["RCDMode"], "right", {k: 30 + 8 * v for k, v in rcd_deg.items()}, room)
        _nodes(ax, xs["moa"], y_moa, colors["ModeOfAction"], "left", {k: 30 + 8 * v for k, v in moa_deg.items()}, room)
        for r in paths:
            n, y = int(r["n_studies"]), y_path[r["pathway"]]
            size = 20 + 22 * n
            ax.scatter(
                [xs["path"]],
                [y],
                s=size,
                color=colors["Pathway"],
                alpha=1.0 if n >= 2 else 0.45,
                edgecolors="#2A2C34",
                linewidths=0.5,
                zorder=3,
            )
            refs = ", ".join(str(x) for x in r["refs"])
            ax.annotate(
                _fill(f"{r['pathway']} [{refs}]" if refs else r["pathway"], 1.6 * room, 6),
                (xs["path"], y),
                xytext=(0, size**0.5 / 2 + 1.5),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=6,
                fontweight="bold" if n >= 2 else "normal",
                zorder=4,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85},
            )
        ax.set_xlim(-0.9, 2.9)
        headings = [_fill(t, 0.6 * w / 3.8, 7) for t in ("RCD mode", "Pathway [refs]", "Mode of action")]
        lines = max(t.count("\n") + 1 for t in headings)
        k = (14 + 9 * lines) / 72 / (h - 0.6)  # room above the top row for its label and the headings
        ax.set_ylim(-0.06, (1 + 0.06 * k) / (1 - k))
        ax.axis("off")
        for x, title in zip(xs.values(), headings, strict=True):
            ax.annotate(
                title, (x, 1.0), xytext=(0, 13), textcoords="offset points", ha="center", va="bottom", fontweight="bold"
            )
        title = f"Shared pathways: size, independent studies; bold, 2+ studies ({_evidence(include_hypotheses)})"
        fig.suptitle(_fill(title, w, JOURNAL_RC["figure.titlesize"]))
    return fig


def _nodes(
    ax: Any, x: float, ys: dict[str, float], color: str, side: str, sizes: dict[str, float], room: float
) -> None:
    for name, y in ys.items():
        ax.scatter([x], [y], s=sizes.get(name, 40), color=color, edgecolors="#2A2C34", linewidths=0.5, zorder=3)
        dx = (-1 if side == "right" else 1) * (3 + sizes.get(name, 40) ** 0.5 / 2)
        ax.annotate(
            _fill(name, room, 6.5),
            (x, y),
            xytext=(dx, 0),
            textcoords="offset points",
            va="center",
            fontsize=6.5,
            ha="right" if side == "right" else "left",
            zorder=4,
        )


# -- similarity ------------------------------------------------------------------------------
def similarity(
    g: Graph, label: str = "ModeOfAction", include_hypotheses: bool = False, width: str | float = "single"
) -> Figure:
    """Heatmap of the Jaccard similarity of the terms of ``label`` (by the pathways and molecules
    of their claims): which modes of action, RCD modes or MSC sources act alike."""
    from matplotlib.figure import Figure

    from . import analytics
    from ._schema import kind

    sim = analytics.jaccard_matrix(g.to_networkx(), label, include_hypotheses=include_hypotheses)
    n = len(sim)
    w = width_inches(width)
    with style():
        fig = Figure(figsize=(w, min(w, 0.9 + 0.2 * n + 1.0)), layout="constrained")
        ax = fig.subplots()
        values = sim.to_numpy(dtype=float)
        image = ax.imshow(values, cmap="Greens", vmin=0, vmax=1, aspect="auto")
        if n <= 15:
            for i in range(n):
                for j in range(n):
                    v = float(values[i, j])
                    colour = "white" if v > 0.6 else "black"
                    ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=5.5, color=colour)
        ax.set_xticks(range(n), list(sim.columns), rotation=40, ha="right", rotation_mode="anchor")
        ax.set_yticks(range(n), list(sim.index))
        name = kind(label)
        plural = name.replace("mode of action", "modes of action") if "mode of action" in name else name + "s"
        title = f"{plural[0].upper() + plural[1:]}: Jaccard similarity by pathways and molecules"
        ax.set_title(_fill(title, w * 0.7, JOURNAL_RC["axes.titlesize"]))
        bar = fig.colorbar(image, ax=ax, shrink=0.9, aspect=25, pad=0.02)
        bar.set_label("Jaccard similarity")
        bar.outline.set_linewidth(0.5)
    return fig
