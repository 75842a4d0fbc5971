"""The clause parser of the read-only check: an allow-list of Cypher's read subset, recursive descent.

A query is accepted only if it parses completely as clauses of that subset: ``MATCH``, ``OPTIONAL
MATCH``, ``WITH``, ``UNWIND``, ``RETURN``, ``UNION``, ``CALL { subquery }`` and ``CALL`` of a
procedure on :data:`PROCEDURES`, with the expressions of :mod:`msc_graph._cypher_expr` (pattern
predicates, comprehensions, ``CASE``, ``EXISTS``/``COUNT``/``COLLECT`` subqueries, and functions
that are not namespaced or whose namespace is on its list). Anything else (a write clause,
``LOAD CSV``, ``SHOW``, ``USE``, administration, a procedure or syntax not on the list) is refused:
the parser never skips a word it does not understand.

Time is linear in the number of tokens: the parser never backtracks (the one look-ahead, "is this
parenthesis a pattern?", jumps over a bracketed group in one step), and nesting is bounded.
"""

from __future__ import annotations

from ._cypher_expr import Expressions, Refused
from ._cypher_lex import COMMANDS, EOF, ID, NUM, OP, QID, WRITES, Token

PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.indexes",
        "db.constraints",
        "db.schema.visualization",
        "dbms.components",
    }
)
"""Procedures user Cypher may call (compared in lower case): schema listings only."""


class Parser(Expressions):
    """One pass over the tokens of one query; :meth:`statement` raises :class:`Refused` or returns."""

    # -- clauses -----------------------------------------------------------------------------
    def statement(self) -> None:
        self.query()
        self.accept_op(";")
        if self.peek().kind != EOF:
            self.fail("expected the end of the query (one statement only)")

    def query(self) -> None:
        self.single_query()
        while self.accept("UNION"):
            self.accept("ALL")
            self.single_query()

    def single_query(self) -> None:
        self.clause()
        while not (self.peek().kind == EOF or self.at_op("}") or self.at_op(";") or self.at("UNION")):
            self.clause()

    def clause(self) -> None:
        tok = self.take()
        word = tok.upper if tok.kind == ID else ""
        if word == "OPTIONAL":
            self.expect("MATCH")
            word = "MATCH"
        if word == "MATCH":
            self.patterns()
            if self.accept("WHERE"):
                self.expr()
        elif word == "UNWIND":
            self.expr()
            self.expect("AS")
            self.name()
        elif word in ("WITH", "RETURN"):
            self.projection(word == "WITH")
        elif word == "CALL":
            self.call()
        else:
            self.i -= 1
            self.refuse_clause(tok)

    def refuse_clause(self, tok: Token) -> None:
        if tok.kind == ID and tok.upper in WRITES:
            raise Refused(f"{tok.upper} writes", tok.pos, write=True)
        if tok.kind == ID and tok.upper in COMMANDS:
            raise Refused(f"{tok.upper} is not a read clause", tok.pos, write=True)
        self.fail("expected a clause (MATCH, OPTIONAL MATCH, WITH, UNWIND, CALL, RETURN or UNION)")

    def projection(self, is_with: bool) -> None:
        self.accept("DISTINCT")
        if not self.accept_op("*") or self.accept_op(","):
            self.items(alias=True)
        if self.accept("ORDER"):
            self.expect("BY")
            self.expr()
            self.accept("ASC") or self.accept("ASCENDING") or self.accept("DESC") or self.accept("DESCENDING")
            while self.accept_op(","):
                self.expr()
                self.accept("ASC") or self.accept("ASCENDING") or self.accept("DESC") or self.accept("DESCENDING")
        if self.accept("SKIP"):
            self.expr()
        if self.accept("LIMIT"):
            self.expr()
        if is_with and self.accept("WHERE"):
            self.expr()

    def items(self, alias: bool) -> None:
        while True:
            self.expr()
            if alias and self.accept("AS"):
                self.name()
            if not self.accept_op(","):
                return

    def call(self) -> None:
        if self.at_op("{") or (self.at_op("(") and self.at_op("{", self.partner[self.i] - self.i + 1)):
            if self.accept_op("(") and not self.accept_op(")"):  # CALL (a, b) { }: what the subquery imports
                if not self.accept_op("*"):
                    self.name()
                    while self.accept_op(","):
                        self.name()
                self.expect_op(")")
            self.subquery()
            if self.at("IN"):
                raise Refused("CALL { } IN TRANSACTIONS is for writes", self.peek().pos, write=True)
            return
        start = self.peek().pos
        parts = [self.name()]
        while self.accept_op("."):
            parts.append(self.name())
        proc = ".".join(parts).lower()  # CALL `db.createLabel`(...) and CALL `db`.`createLabel` alike
        if proc not in PROCEDURES:
            raise Refused(f"procedure {proc!r} is not on the read-only list", start, write=True)
        if self.at_op("("):
            self.bracket(self.arguments)
        if self.accept("YIELD"):
            if not self.accept_op("*"):
                while True:
                    self.name()
                    if self.accept("AS"):
                        self.name()
                    if not self.accept_op(","):
                        break
            if self.accept("WHERE"):
                self.expr()

    def subquery(self) -> None:
        if not self.at_op("{"):
            self.fail("expected '{'")
        self.bracket(self.query)

    def subquery_body(self) -> None:
        """The inside of ``EXISTS { }``, ``COUNT { }``, ``COLLECT { }``: a query, or patterns [WHERE]."""
        tok = self.peek()
        if tok.kind == ID and tok.upper in ("MATCH", "OPTIONAL", "WITH", "UNWIND", "CALL", "RETURN"):
            self.query()
        else:
            self.patterns()
            if self.accept("WHERE"):
                self.expr()

    # -- patterns ----------------------------------------------------------------------------
    def patterns(self) -> None:
        self.pattern_part()
        while self.accept_op(","):
            self.pattern_part()

    def pattern_part(self) -> None:
        if self.peek().kind in (ID, QID) and self.at_op("=", 1):
            self.i += 2
        if (self.at("SHORTESTPATH") or self.at("ALLSHORTESTPATHS")) and self.at_op("(", 1):
            self.i += 1
            self.expect_op("(")
            self.enter()
            self.path()
            self.expect_op(")")
            self.leave()
        else:
            self.path()

    def path(self) -> None:
        self.node()
        while self.at_op("-") or (self.at_op("<") and self.at_op("-", 1)):
            self.relationship()
            self.node()

    def node(self) -> None:
        self.expect_op("(")
        self.enter()
        if self.peek().kind in (ID, QID) and not self.at("WHERE"):
            self.name()
        self.labels()
        if self.at_op("{"):
            self.map_literal()
        if self.accept("WHERE"):
            self.expr()
        self.expect_op(")")
        self.leave()

    def labels(self) -> None:
        while self.accept_op(":"):
            self.name()
            while self.accept_op("|") or self.accept_op("&"):
                self.accept_op(":")
                self.name()

    def relationship(self) -> None:
        self.accept_op("<")
        self.expect_op("-")
        if self.accept_op("["):
            self.enter()
            if self.peek().kind in (ID, QID) and not self.at("WHERE"):
                self.name()
            self.labels()
            if self.accept_op("*"):
                if self.peek().kind == NUM:
                    self.i += 1
                if self.accept_op("..") and self.peek().kind == NUM:
                    self.i += 1
            if self.at_op("{"):
                self.map_literal()
            if self.accept("WHERE"):
                self.expr()
            self.expect_op("]")
            self.leave()
        self.expect_op("-")
        self.accept_op(">")

    def pattern_ahead(self, k: int = 0) -> bool:
        """Whether the ``(`` at offset ``k`` starts a relationship pattern (one step, no backtracking)."""
        j = self.i + k
        t = self.t
        if not (t[j].kind == OP and t[j].text == "("):
            return False
        end = self.partner[j]
        j += 1
        if t[j].kind in (ID, QID):
            j += 1
        while t[j].kind == OP and t[j].text in (":", "|", "&") and t[j + 1].kind in (ID, QID):
            j += 2
        if t[j].kind == OP and t[j].text == "{":
            j = self.partner[j] + 1
        if j != end:
            return False
        a, b = t[end + 1], t[min(end + 2, len(t) - 1)]
        return a.kind == OP and b.kind == OP and (a.text, b.text) in (("-", "-"), ("-", "["), ("<", "-"))
