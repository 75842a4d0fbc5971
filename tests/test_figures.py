"""Figures for a journal: column widths in mm, 300 dpi PNG, TrueType fonts in PDF (read back from
the file), SVG text as text, no text overlapping other text or leaving the figure, and no change
to matplotlib's global settings."""

from __future__ import annotations

import itertools
import math
import re
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

import msc_graph
from msc_graph import plots

FIGURES: dict[str, Callable[..., Figure]] = {
    "gap_map": plots.gap_map,
    "pathways": plots.pathways,
    "similarity": plots.similarity,
}


@pytest.mark.parametrize("name", list(FIGURES))
@pytest.mark.parametrize(("width", "mm"), [("single", 89.0), ("double", 183.0), (120, 120.0)])
def test_figures_are_a_journal_column_wide(graph: msc_graph.Graph, name: str, width: Any, mm: float) -> None:
    fig = FIGURES[name](graph, width=width)
    assert fig.get_figwidth() * 25.4 == pytest.approx(mm, abs=0.1)
    _assert_no_overlap(fig, f"{name} {width}")


def test_widths_are_checked(graph: msc_graph.Graph) -> None:
    with pytest.raises(ValueError, match="single, double"):
        plots.gap_map(graph, width="triple")
    with pytest.raises(ValueError, match="between 30 and 300"):
        plots.width_inches(5000)


def _texts(fig: Figure) -> list[Text]:
    return [
        t
        for t in fig.findobj(Text)
        if isinstance(t, Text) and t.get_visible() and t.get_text().strip() and t.figure is fig
    ]


def _suptitle(fig: Figure) -> Text | None:
    return next((t for t in fig.texts if t.get_text() and t.get_text() == fig.get_suptitle()), None)


def _draw(fig: Figure) -> Any:
    """Lay the figure out and draw it as it is saved (Agg), returning the renderer."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    with plots.style():
        canvas.draw()
    return canvas.get_renderer()


def _outline(t: Text, bb: Any, renderer: Any) -> list[tuple[float, float]]:
    """The corners of a text's (possibly rotated) box, from its axis-aligned extent and its width."""
    angle = math.radians(t.get_rotation() % 180)
    if abs(math.sin(angle)) < 1e-6 or "\n" in t.get_text():
        return [(bb.x0, bb.y0), (bb.x1, bb.y0), (bb.x1, bb.y1), (bb.x0, bb.y1)]
    c, s = abs(math.cos(angle)), math.sin(angle)
    w = renderer.get_text_width_height_descent(t.get_text(), t.get_fontproperties(), ismath=False)[0]
    w = min(w, bb.width / c) if c > 1e-6 else w
    h = max(0.0, (bb.width - w * c) / s)
    if t.get_rotation() % 180 <= 90:  # lowest corner first, then counter-clockwise
        p0 = (bb.x0 + h * s, bb.y0)
        return [
            p0,
            (p0[0] + w * c, p0[1] + w * s),
            (p0[0] + w * c - h * s, p0[1] + w * s + h * c),
            (bb.x0, bb.y0 + h * c),
        ]
    p0 = (bb.x1 - h * s, bb.y0)
    return [p0, (bb.x1, bb.y0 + h * c), (p0[0] - w * c + h * s, p0[1] + w * s + h * c), (p0[0] - w * c, p0[1] + w * s)]


def _intersect(a: list[tuple[float, float]], b: list[tuple[float, float]], slack: float = 1.0) -> bool:
    """Whether two convex polygons overlap by more than ``slack`` pixels (separating axis test)."""
    for poly in (a, b):
        for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1], strict=True):
            nx, ny = y1 - y2, x2 - x1
            norm = math.hypot(nx, ny) or 1.0
            pa = [(x * nx + y * ny) / norm for x, y in a]
            pb = [(x * nx + y * ny) / norm for x, y in b]
            if min(max(pa), max(pb)) - max(min(pa), min(pb)) <= slack:
                return False
    return True


def _assert_no_overlap(fig: Figure, what: str) -> None:
    """No text leaves the figure, overlaps another text, or (titles, labels) runs into a plot."""
    renderer = _draw(fig)
    box = fig.bbox
    texts = [(t, t.get_window_extent(renderer)) for t in _texts(fig)]
    for t, bb in texts:
        assert bb.x0 >= box.x0 - 1 and bb.x1 <= box.x1 + 1, f"{what}: {t.get_text()!r} leaves the figure sideways"
        assert bb.y0 >= box.y0 - 1 and bb.y1 <= box.y1 + 1, f"{what}: {t.get_text()!r} leaves the figure"
    shapes = [(t, _outline(t, bb, renderer)) for t, bb in texts]
    for (a, pa), (b, pb) in itertools.combinations(shapes, 2):
        assert not _intersect(pa, pb), f"{what}: {a.get_text()!r} overlaps {b.get_text()!r}"
    titles: list[Text | None] = [_suptitle(fig), *(ax.title for ax in fig.axes), *(ax.yaxis.label for ax in fig.axes)]
    for title in titles:
        if title is None or not title.get_text().strip():
            continue
        bt = title.get_window_extent(renderer)
        for ax in fig.axes:
            if title in (ax.title, ax.yaxis.label):
                continue
            ba = ax.get_window_extent(renderer)
            overlap = min(ba.x1, bt.x1) - max(ba.x0, bt.x0), min(ba.y1, bt.y1) - max(ba.y0, bt.y0)
            assert not (overlap[0] > 1 and overlap[1] > 1), f"{what}: {title.get_text()!r} runs into a plot"


def test_the_colour_bar_keeps_clear_of_the_titles(graph: msc_graph.Graph) -> None:
    fig = plots.gap_map(graph)
    bar = fig.axes[-1]
    assert bar.get_label() == "<colorbar>"
    r = _draw(fig)
    title = _suptitle(fig)
    assert title is not None
    assert title.get_window_extent(r).y0 > bar.get_window_extent(r).y1
    for ax in fig.axes[:-1]:
        assert ax.title.get_window_extent(r).x1 < bar.get_window_extent(r).x0


@pytest.mark.parametrize("name", list(FIGURES))
def test_pdf_fonts_are_truetype(graph: msc_graph.Graph, tmp_path: Path, name: str) -> None:
    before = dict(matplotlib.rcParams)
    pdf = plots.save(FIGURES[name](graph), tmp_path / f"{name}.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    subtypes = set(re.findall(rb"/Subtype\s*/(\w+)", data))
    assert b"Type3" not in subtypes, f"{name}: Type 3 fonts in the PDF"
    assert b"/FontFile2" in data and b"CIDFontType2" in subtypes, f"{name}: no embedded TrueType font"
    assert dict(matplotlib.rcParams) == before  # nothing global changed


def test_svg_text_stays_text(graph: msc_graph.Graph, tmp_path: Path) -> None:
    svg = plots.save(plots.gap_map(graph), tmp_path / "gap.svg").read_text(encoding="utf-8")
    assert re.search(r"<text[^>]*>[^<]*necroptosis", svg), "RCD mode names are not text"
    assert "in vitro" in svg and 'id="DejaVuSans-' not in svg  # no glyph outlines


def test_png_is_300_dpi_and_exactly_two_columns_wide(graph: msc_graph.Graph, tmp_path: Path) -> None:
    png = plots.save(plots.gap_map(graph, width="double"), tmp_path / "gap.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = struct.unpack(">I", png[16:20])[0]
    assert width == round(183 / 25.4 * 300)
    phys = png.index(b"pHYs")
    ppm = struct.unpack(">I", png[phys + 4 : phys + 8])[0]
    assert round(ppm * 0.0254) == 300


def test_plot_command_writes_journal_files(graph: msc_graph.Graph, tmp_path: Path) -> None:
    from tests.conftest import cli

    pdf = tmp_path / "pathways.pdf"
    r = cli("plot", "pathways", "--width", "single", "-o", str(pdf))
    assert r.exit_code == 0, r.stderr
    data = pdf.read_bytes()
    assert b"/FontFile2" in data and b"/Type3" not in data
    png = tmp_path / "gap.png"
    assert cli("plot", "gap-map", "-o", str(png)).exit_code == 0
    assert struct.unpack(">I", png.read_bytes()[16:20])[0] == round(183 / 25.4 * 300)
