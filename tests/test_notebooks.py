"""The notebooks run top to bottom against the embedded engine (nbclient)."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import ROOT


def run_notebook(name: str, data_dir: Path, extra_env: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """Execute ``notebooks/NAME`` in a fresh kernel whose engine uses ``data_dir``."""
    path = ROOT / "notebooks" / name
    nb: nbformat.NotebookNode = nbformat.read(path, as_version=4)
    old = dict(os.environ)
    os.environ.update({"MSC_GRAPH_DATA_DIR": str(data_dir), **(extra_env or {})})
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    return nb


def _outputs(nb: nbformat.NotebookNode) -> str:
    text = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            text.append(str(data.get("text/plain", "")) + str(out.get("text", "")))
    return "\n".join(text)


def test_quickstart_notebook(data_dir: Path) -> None:
    nb = run_notebook("00_quickstart.ipynb", data_dir)
    out = _outputs(nb)
    assert "EV transfer" in out and "gap junction" in out  # necroptosis: Crompot [40]/Yuan [53], Fu [66]
    assert "modes-of-action-rescuing" in out


def test_notebooks_are_committed_without_outputs() -> None:
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.get("outputs"), f"{path.name}: strip outputs before committing"


@pytest.fixture(autouse=True)
def _kernel_available() -> None:
    pytest.importorskip("ipykernel", reason="ipykernel is needed to execute notebooks (dev extra)")


PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _inline_pngs(nb: nbformat.NotebookNode) -> list[bytes]:
    """The figures a notebook shows inline (image/png outputs), decoded."""
    import base64

    return [
        base64.b64decode(out["data"]["image/png"])
        for cell in nb.cells
        for out in cell.get("outputs", [])
        if "image/png" in out.get("data", {})
    ]


def test_quickstart_shows_the_gap_map_inline(data_dir: Path) -> None:
    pngs = _inline_pngs(run_notebook("00_quickstart.ipynb", data_dir))
    assert len(pngs) == 1 and pngs[0][:8] == PNG_MAGIC and len(pngs[0]) > 5000


def test_notebooks_draw_with_the_public_plot_functions() -> None:
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        code = "\n".join("".join(c.source) for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
        assert "plots." in code and "%matplotlib inline" in code, path.name
        for hand in ("savefig", "imshow", "plt.subplots", "draw_networkx", "matplotlib.use"):
            assert hand not in code, f"{path.name} draws by hand ({hand}): use msc_graph.plots"


def test_explore_notebook(data_dir: Path) -> None:
    nb = run_notebook("01_explore.ipynb", data_dir)
    pngs = _inline_pngs(nb)
    assert len(pngs) == 3, "the gap map, the shared pathways and the similarity heatmap, inline"
    for data in pngs:
        assert data[:8] == PNG_MAGIC and len(data) > 5000, "not a real PNG figure"
    out = _outputs(nb)
    # Necroptosis: gap junction via Fu [66] (Table 2), EVs via Crompot [40] and Yuan [53] (Table 4).
    assert "gap junction" in out and "EV transfer" in out and "[66]" in out
    # Pyroptosis: Naji [48] and Wang [61], both IL-10 (Table 1 rows 12 and 14).
    assert "[48, 61]" in out and "IL-10" in out
    # Shared pathways: PI3K/Akt in Liu [45], Scheibe [50], Kim [64] (Table 1 rows 4, 8, 9).
    assert "[45, 50, 64]" in out
