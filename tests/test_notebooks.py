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
    nb = nbformat.read(path, as_version=4)
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
