"""The wheel carries the query files and the curated records (works after a non-editable install)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import msc_graph

from .conftest import ROOT


def test_wheel_ships_queries_records_and_types(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("msc_graph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for q in msc_graph.named_queries().values():  # the catalogue (cypher/queries/) and cypher/system/
        assert f"msc_graph/cypher/{q.path.relative_to(ROOT / 'cypher').as_posix()}" in names
    for rec in (ROOT / "ingest").rglob("*.yaml"):
        assert f"msc_graph/ingest/{rec.relative_to(ROOT / 'ingest')}" in names
    assert "msc_graph/py.typed" in names
    assert any(n.endswith("entry_points.txt") for n in names)
