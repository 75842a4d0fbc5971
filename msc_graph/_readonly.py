"""The read-only check of user Cypher, in front of the engines' own read-only modes.

User Cypher (``Graph.cypher``, ``msc-graph cypher``, the explorer) must parse, completely, as the
read subset of Cypher that :mod:`msc_graph._cypher_read` accepts (an allow-list: ``MATCH``,
``OPTIONAL MATCH``, ``WITH``, ``UNWIND``, ``RETURN``, ``UNION``, ``CALL { }``, schema-listing
procedures). Write clauses, ``LOAD CSV`` (files and URLs), ``SHOW``, ``USE``, administration and
other procedures are refused with the same error on every engine, including Bolt servers that do
not enforce access modes. The engines enforce read-only again by themselves (FalkorDB
``GRAPH.RO_QUERY``, Neo4j read access mode).

Before the engine sees it, a query is also held to limits: :data:`MAX_QUERY_CHARS` characters,
:data:`MAX_NESTING` levels of nesting, and a nesting cost (:data:`MAX_NESTING_COST`), because
FalkorDB's parser takes time exponential in the nesting, outside the query timeout. The check
itself takes time linear in the length of the query.
"""

from __future__ import annotations

from ._cypher_expr import Refused
from ._cypher_lex import COMMANDS, ID, QID, WRITES, LexError, Token, line_col, tokenize
from ._cypher_read import PROCEDURES, Parser
from ._exceptions import QueryError, ReadOnlyViolation

MAX_QUERY_CHARS = 100_000
"""The longest user query, in characters."""
MAX_NESTING = 10
"""The deepest nesting of brackets, ``CASE`` and unary operators in a user query."""
MAX_NESTING_COST = 1 << 16
"""The sum of ``2 ** depth`` over every nesting level entered (FalkorDB parses 2**16 in ~0.3 s)."""
_READ_ONLY = "this path is read-only (use `msc-graph ingest` to change the graph)"

__all__ = ["MAX_NESTING", "MAX_NESTING_COST", "MAX_QUERY_CHARS", "PROCEDURES", "check_read_only"]


def check_read_only(cypher: str) -> None:
    """Raise unless ``cypher`` is one read-only query of the accepted subset, within the limits.

    Raises:
        ReadOnlyViolation: a write clause, ``LOAD CSV``, ``SHOW``, ``USE``, an administration
            command, or a procedure or namespaced function not on the read-only list.
        QueryError: text that is not a query of the accepted subset (with its line and column),
            too long or nested too deeply, or not valid Unicode.
    """
    if not isinstance(cypher, str):
        raise QueryError(f"a query is text, not {type(cypher).__name__}")
    if len(cypher) > MAX_QUERY_CHARS:
        raise QueryError(f"query refused: {len(cypher)} characters, longer than the limit of {MAX_QUERY_CHARS}")
    try:
        cypher.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise QueryError(f"query refused: not valid Unicode text (a lone surrogate at character {exc.start})") from None
    if "\x00" in cypher:
        raise QueryError(f"query refused: a NUL character at character {cypher.index(chr(0))}")
    try:
        tokens, partner = tokenize(cypher, MAX_NESTING)
        Parser(tokens, partner, MAX_NESTING, MAX_NESTING_COST).statement()
    except (LexError, Refused) as exc:
        line, col = line_col(cypher, exc.pos)
        where = f"line {line}, column {col}"
        if isinstance(exc, Refused) and exc.write:
            raise ReadOnlyViolation(f"refused: {exc} ({where}), and {_READ_ONLY}") from None
        if exc.limit:
            raise QueryError(f"query refused at {where}: {exc}; simplify it or split it") from None
        word = _write_word(tokens) if isinstance(exc, Refused) else None
        if word:  # not readable as a query, and it names a write: say that, not "syntax"
            raise ReadOnlyViolation(f"refused: the query contains {word}, and {_READ_ONLY}") from None
        raise QueryError(
            f"query refused at {where}: {exc} (user Cypher must be one read-only query: "
            "MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN, UNION, CALL { })"
        ) from None


def _write_word(tokens: list[Token]) -> str | None:
    """The first write or command word among the query's clause-like words (not a property, label or
    map key), if any."""
    for i, tok in enumerate(tokens):
        if tok.kind != ID or not (tok.upper in WRITES or tok.upper in COMMANDS):
            continue
        before = tokens[i - 1].text if i else ""
        owner = tokens[i - 2] if i > 1 else None  # `n.set` is a property; `1. CREATE` is not
        if before == "." and owner is not None and (owner.kind in (ID, QID) or owner.text in (")", "]", "}")):
            continue
        if before == ":" or (before in ("{", ",") and tokens[i + 1].text == ":"):
            continue  # a label, or a map key
        return tok.upper
    return None
