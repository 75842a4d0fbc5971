"""Where the shipped Cypher files and curated records live (source checkout or installed)."""

from __future__ import annotations

import os
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PKG / name, _PKG.parent / name):  # installed wheel, then source tree
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"cannot find the {name}/ folder next to {_PKG}")


def cypher_dir() -> Path:
    """The ``cypher/`` folder (queries, schema, Browser extras)."""
    return _find("cypher")


def ingest_dir() -> Path:
    """The folder of curated records: ``$MSC_GRAPH_RECORDS``, else the shipped ``ingest/``."""
    env = os.environ.get("MSC_GRAPH_RECORDS")
    if env:
        return Path(env).expanduser()
    return _find("ingest")


def static_dir() -> Path:
    """The explorer's static files (page, scripts, vendored Cytoscape.js), also embedded by HTML exports."""
    return _PKG / "_explorer" / "static"
