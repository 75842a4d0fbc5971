"""A lexical guard for user Cypher, in front of the engines' own read-only modes.

The engines enforce read-only themselves (FalkorDB ``GRAPH.RO_QUERY``, Neo4j read access mode);
this guard refuses write clauses before anything is sent, with the same clear error on every
engine (including Bolt servers that do not enforce access modes).
"""

from __future__ import annotations

import re

from ._exceptions import ReadOnlyViolation

_WRITE_WORDS = {
    "CREATE",
    "MERGE",
    "SET",
    "DELETE",
    "DETACH",
    "REMOVE",
    "DROP",
    "FOREACH",
    "LOAD",
    "GRANT",
    "DENY",
    "REVOKE",
    "ALTER",
    "RENAME",
    "START",
    "STOP",
    "TERMINATE",
    "ENABLE",
    "DEALLOCATE",
    "REALLOCATE",
    "FINISH",
}
_READ_PROCEDURES = {
    "db.labels",
    "db.relationshiptypes",
    "db.propertykeys",
    "db.indexes",
    "db.constraints",
    "db.schema.visualization",
    "dbms.components",
}
_TOKENS = re.compile(  # a line comment ends at \n or \r, as in Cypher (\r alone hid code from this guard)
    r"""//[^\n\r]*|/\*.*?\*/|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|(?P<quoted>`(?:``|[^`])*`)"""
    r"""|(?P<word>[A-Za-z_][A-Za-z0-9_.]*)|(?P<other>\S)""",
    re.S,
)
Token = tuple[str | None, str | None, str | None]  # word, other, `quoted`; all None: comment or string


def _procedure(tokens: list[Token], i: int) -> str | None:
    """The procedure name (unquoted, lower case) that starts at ``tokens[i]``, or None (a subquery)."""
    name, want_part = "", True
    for word, other, quoted in tokens[i:]:
        if want_part and (word or quoted):
            part = word or (quoted or "")[1:-1].replace("``", "`")
            name, want_part = name + part, part.endswith(".")
        elif not want_part and other == ".":
            name, want_part = name + ".", True
        else:
            break
    return name.lower() or None


def check_read_only(cypher: str) -> None:
    """Raise :class:`ReadOnlyViolation` if ``cypher`` contains a write clause or procedure."""
    prev = prev2 = ""
    tokens: list[Token] = [(m.group("word"), m.group("other"), m.group("quoted")) for m in _TOKENS.finditer(cypher)]
    for i, (word, other, quoted) in enumerate(tokens):
        if word is None:
            prev, prev2 = other or ("`" if quoted else ""), prev
            continue
        nxt = tokens[i + 1][1] if i + 1 < len(tokens) else None
        upper = word.upper()
        # after "." only when it follows a name or a bracket: `1. CREATE` must not pass as a property
        prop = prev == "." and (prev2[:1] in (")", "]", "}", "`") or prev2[:1].isalpha() or prev2[:1] == "_")
        if prop or prev == "$" or prev.upper() == "AS" or (nxt == ":" and prev in ("{", ",")):
            prev, prev2 = word, prev
            continue  # a property, parameter or map key, not a clause
        if upper in _WRITE_WORDS:
            raise ReadOnlyViolation(
                f"refused: {upper} writes, and this path is read-only (use `msc-graph ingest` to change the graph)"
            )
        if upper == "CALL":
            proc = _procedure(tokens, i + 1)  # backticks too: CALL `db.createLabel`(...)
            if proc is not None and proc not in _READ_PROCEDURES:
                raise ReadOnlyViolation(f"refused: procedure {proc!r} is not on the read-only list")
        prev, prev2 = word, prev
