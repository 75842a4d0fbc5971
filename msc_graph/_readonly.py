"""A lexical guard for user Cypher, in front of the engines' own read-only modes.

The engines enforce read-only themselves (FalkorDB ``GRAPH.RO_QUERY``, Neo4j read access mode);
this guard refuses write clauses before anything is sent, with the same clear error on every
engine (including Bolt servers that do not enforce access modes).
"""

from __future__ import annotations

import re

from ._exceptions import ReadOnlyViolation

_WRITE_WORDS = {
    "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "FOREACH", "LOAD",
    "GRANT", "DENY", "REVOKE", "ALTER", "RENAME", "START", "STOP", "TERMINATE", "ENABLE",
    "DEALLOCATE", "REALLOCATE", "FINISH",
}  # fmt: skip
_READ_PROCEDURES = {
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.indexes", "db.constraints",
    "db.schema.visualization", "dbms.components",
}  # fmt: skip
_TOKENS = re.compile(
    r"""//[^\n]*|/\*.*?\*/|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:``|[^`])*`"""
    r"""|(?P<word>[A-Za-z_][A-Za-z0-9_.]*)|(?P<other>\S)""",
    re.S,
)


def check_read_only(cypher: str) -> None:
    """Raise :class:`ReadOnlyViolation` if ``cypher`` contains a write clause or procedure."""
    prev = ""
    tokens = [(m.group("word"), m.group("other")) for m in _TOKENS.finditer(cypher)]
    for i, (word, other) in enumerate(tokens):
        if word is None:
            prev = other or ""
            continue
        nxt = tokens[i + 1][1] if i + 1 < len(tokens) else None
        upper = word.upper()
        if prev in (".", "$") or prev.upper() == "AS" or (nxt == ":" and prev in ("{", ",")):
            prev = word
            continue  # a property, parameter or map key, not a clause
        if upper in _WRITE_WORDS:
            raise ReadOnlyViolation(
                f"refused: {upper} writes, and this path is read-only (use `msc-graph ingest` to change the graph)"
            )
        if upper == "CALL" and i + 1 < len(tokens) and tokens[i + 1][0]:
            proc = (tokens[i + 1][0] or "").lower()
            if proc not in _READ_PROCEDURES:
                raise ReadOnlyViolation(f"refused: procedure {proc!r} is not on the read-only list")
        prev = word
