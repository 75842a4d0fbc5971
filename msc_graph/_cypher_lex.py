"""The lexer of the read-only check (:mod:`msc_graph._readonly`): Cypher text -> tokens, in linear time.

Every character is consumed exactly once: strings, quoted names and block comments that are not
closed are an error at once (no backtracking over the rest of the text), and characters that are
not part of Cypher's syntax are an error. Line comments end at any line or paragraph separator, a
superset of what the engines accept, so that nothing an engine reads can hide inside a comment.
Brackets are matched here: nesting deeper than the limit is refused before anything is parsed,
and the parser can skip a bracketed group in one step when it looks ahead.
"""

from __future__ import annotations

import re
from typing import NamedTuple

ID, QID, STR, NUM, PARAM, OP, EOF = "id", "qid", "str", "num", "param", "op", "eof"
_TOKEN = re.compile(
    r"""(?P<skip>[ \t\n\r\v\f]+|//[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]*|/\*[^*]*\*+(?:[^/*][^*]*\*+)*/)
    |(?P<open>/\*)
    |(?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
    |(?P<qid>`(?:[^`]|``)+`)
    |(?P<param>\$(?:[^\W\d]\w*|[0-9]+|`(?:[^`]|``)+`))
    |(?P<num>0[xX][0-9A-Fa-f]+|0o[0-7]+|[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
    |(?P<id>[^\W\d]\w*)
    |(?P<op><>|<=|>=|=~|\.\.|!=|\+=|::|[()\[\]{},.:;|=<>+\-*/%^&!])""",
    re.S | re.X,
)  # every alternative is linear, and one that fails (an unclosed string) fails once: then an error
_KINDS = {"str": STR, "qid": QID, "param": PARAM, "num": NUM, "id": ID, "op": OP}
_OPEN = {"(": ")", "[": "]", "{": "}"}
_PAD = 4  # EOF tokens at the end: the parser looks ahead without bounds checks

FUNCTION_NAMESPACES = frozenset({"date", "datetime", "localdatetime", "localtime", "time", "duration", "point"})
"""Namespaces of built-in functions; other namespaced functions (plugins, UDFs) are refused."""
WRITES = frozenset({"CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH", "INSERT"})
"""Clauses that write: refused with "this path is read-only"."""
COMMANDS = frozenset(
    {
        "LOAD",
        "USING",
        "SHOW",
        "USE",
        "DROP",
        "ALTER",
        "RENAME",
        "GRANT",
        "DENY",
        "REVOKE",
        "START",
        "STOP",
        "TERMINATE",
        "ENABLE",
        "DEALLOCATE",
        "REALLOCATE",
        "FINISH",
        "EXPLAIN",
        "PROFILE",
        "CYPHER",
        "FILTER",
        "LET",
    }
)
"""Other clauses and commands user Cypher may not run (files and URLs, schema, administration, ...)."""
RESERVED = (
    WRITES
    | COMMANDS
    | frozenset(
        {
            "MATCH",
            "OPTIONAL",
            "WHERE",
            "WITH",
            "UNWIND",
            "RETURN",
            "CALL",
            "UNION",
            "ORDER",
            "SKIP",
            "LIMIT",
            "YIELD",
            "AS",
            "BY",
            "DISTINCT",
            "ON",
        }
    )
)
"""Words that are never a variable or a function where an expression starts."""


class LexError(Exception):
    """The text is not a sequence of Cypher tokens (``pos``: where)."""

    def __init__(self, message: str, pos: int, *, limit: bool = False) -> None:
        super().__init__(message)
        self.pos = pos
        self.limit = limit


class Token(NamedTuple):
    """One token: its kind, its text (a quoted name unquoted), its upper-case spelling, its offset."""

    kind: str
    text: str
    upper: str
    pos: int


def _unlexable(text: str, pos: int) -> LexError:
    c = text[pos]
    if c in "'\"":
        return LexError("a string is not closed", pos)
    if c == "`":
        return LexError("a `quoted name` is not closed or is empty", pos)
    if text.startswith("/*", pos):
        return LexError("a /* comment is not closed", pos)
    if c == "$":
        return LexError("a $ must start a parameter name", pos)
    return LexError(f"unexpected character {c!r}", pos)


def tokenize(text: str, max_depth: int) -> tuple[list[Token], list[int]]:
    """The tokens of ``text`` and, for each bracket token, the index of its partner (else -1)."""
    toks: list[Token] = []
    partner: list[int] = []
    stack: list[int] = []
    pos, n = 0, len(text)
    match = _TOKEN.match
    while pos < n:
        m = match(text, pos)
        if m is None:
            raise _unlexable(text, pos)
        group = m.lastgroup
        start, pos = pos, m.end()
        if group == "skip":
            continue
        if group == "open":
            raise LexError("a /* comment is not closed", start)
        value = m.group()
        partner.append(-1)
        if group == "id":
            toks.append(Token(ID, value, value.upper(), start))
        elif group == "qid":
            toks.append(Token(QID, value[1:-1].replace("``", "`"), "", start))
        elif group != "op":
            toks.append(Token(_KINDS[group or ""], value, "", start))
        else:
            toks.append(Token(OP, value, value, start))
            if value in _OPEN:
                stack.append(len(toks) - 1)
                if len(stack) > max_depth:
                    raise LexError(f"brackets nested more than {max_depth} deep", start, limit=True)
            elif value in ")]}":
                if not stack or _OPEN[toks[stack[-1]].text] != value:
                    raise LexError(f"unbalanced {value!r}", start)
                opened = stack.pop()
                partner[opened], partner[-1] = len(toks) - 1, opened
    if stack:
        raise LexError(f"{toks[stack[-1]].text!r} is not closed", toks[stack[-1]].pos)
    toks.extend([Token(EOF, "", "", n)] * _PAD)
    partner.extend([-1] * _PAD)
    return toks, partner


def line_col(text: str, pos: int) -> tuple[int, int]:
    """1-based line and column of offset ``pos``."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1
