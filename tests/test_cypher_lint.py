"""Every shipped .cypher file is valid Neo4j 5 Cypher, checked by Neo4j's own parser (offline).

Uses npm @neo4j-cypher/language-support (`lintCypherQuery`) through .ci/cypher-lint/lint.mjs.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

LINT = ROOT / ".ci" / "cypher-lint"


@pytest.fixture(scope="module")
def linter() -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("Node.js/npm not installed: the Neo4j 5 Cypher lint needs them (CI installs them)")
    if not (LINT / "node_modules" / "@neo4j-cypher").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LINT, check=True, capture_output=True)
    return LINT / "lint.mjs"


def _cypher_files() -> list[Path]:
    return sorted((ROOT / "cypher").rglob("*.cypher"))


def test_there_are_cypher_files() -> None:
    assert len(_cypher_files()) >= 5


def test_every_cypher_file_passes_the_neo4j5_lint(linter: Path) -> None:
    files = [str(p) for p in _cypher_files()]
    proc = subprocess.run(["node", str(linter), *files], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"{len(files)} file(s), 0 error(s)" in proc.stderr


def test_the_lint_catches_errors(linter: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.cypher"
    bad.write_text("// name: bad\nMATCH (n:Study) RETRUN n\n")
    proc = subprocess.run(["node", str(linter), str(bad)], capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0 and "RETRUN" in proc.stdout


def test_every_capped_text_passes_the_neo4j5_lint(linter: Path, tmp_path: Path) -> None:
    """The texts the package sends for a page (``LIMIT $row_cap`` ending each branch) parse as well."""
    from msc_graph._queries import registry

    files = []
    for name, q in registry().items():
        if q.capped is not None and q.capped != q.cypher:
            path = tmp_path / f"{name}.cypher"
            path.write_text(q.capped, encoding="utf-8")
            files.append(str(path))
    assert len(files) >= 20
    proc = subprocess.run(["node", str(linter), *files], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"{len(files)} file(s), 0 error(s)" in proc.stderr
