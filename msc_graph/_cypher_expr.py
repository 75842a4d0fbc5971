"""Expressions of the read-only check's parser (:mod:`msc_graph._cypher_read` adds clauses and patterns).

Precedence, lowest first: ``OR``, ``XOR``, ``AND``, ``NOT``, comparisons, string/list/null
predicates (``STARTS WITH``, ``ENDS WITH``, ``CONTAINS``, ``IN``, ``IS [NOT] NULL``), ``+ -``,
``* / %``, ``^``, unary ``+ -``, then postfix property access, index, slice and label test.
Each nesting level (a bracket, ``CASE``, a unary operator) costs ``2 ** depth``: the engine's own
parser takes time exponential in the nesting (FalkorDB: about twice per level), so the sum is
bounded as well as the depth.
"""

from __future__ import annotations

from collections.abc import Callable

from ._cypher_lex import COMMANDS, EOF, FUNCTION_NAMESPACES, ID, NUM, OP, PARAM, QID, RESERVED, STR, WRITES, Token

_COMPARE = frozenset({"=", "<>", "!=", "<", ">", "<=", ">=", "=~"})
_QUANTIFIERS = frozenset({"ALL", "ANY", "NONE", "SINGLE"})
_LITERALS = frozenset({"TRUE", "FALSE", "NULL"})


class Refused(Exception):
    """The query is outside the read subset. ``write``: it names a write clause, procedure or command;
    ``limit``: it is nested too deeply."""

    def __init__(self, message: str, pos: int, *, write: bool = False, limit: bool = False) -> None:
        super().__init__(message)
        self.pos, self.write, self.limit = pos, write, limit


class Expressions:
    """A cursor over the tokens and the expression grammar."""

    def __init__(self, toks: list[Token], partner: list[int], max_depth: int, max_cost: int) -> None:
        self.t, self.partner, self.i = toks, partner, 0
        self.depth, self.cost, self.max_depth, self.max_cost = 0, 0, max_depth, max_cost

    # -- tokens ------------------------------------------------------------------------------
    def peek(self, k: int = 0) -> Token:
        return self.t[min(self.i + k, len(self.t) - 1)]

    def at(self, word: str, k: int = 0) -> bool:
        return self.t[self.i + k].upper == word  # only words and operators have an upper spelling

    def at_op(self, op: str, k: int = 0) -> bool:
        tok = self.t[self.i + k]
        return tok.kind == OP and tok.text == op

    def take(self) -> Token:
        tok = self.peek()
        self.i += 1
        return tok

    def accept(self, word: str) -> bool:
        if self.t[self.i].upper == word:
            self.i += 1
            return True
        return False

    def accept_op(self, op: str) -> bool:
        tok = self.t[self.i]
        if tok.kind == OP and tok.text == op:
            self.i += 1
            return True
        return False

    def expect(self, word: str) -> None:
        if not self.accept(word):
            self.fail(f"expected {word}")

    def expect_op(self, op: str) -> None:
        if not self.accept_op(op):
            self.fail(f"expected {op!r}")

    def fail(self, what: str) -> None:
        tok = self.peek()
        found = "the end of the query" if tok.kind == EOF else repr(tok.text)
        raise Refused(f"{what}, found {found}", tok.pos)

    def name(self) -> str:
        """A symbolic name (a variable, label, type or key): any word, or a `quoted name`."""
        tok = self.peek()
        if tok.kind not in (ID, QID):
            self.fail("expected a name")
        self.i += 1
        return tok.text

    def enter(self) -> None:
        self.depth += 1
        if self.depth > self.max_depth:
            raise Refused(f"nested more than {self.max_depth} levels deep", self.peek().pos, limit=True)
        self.cost += 1 << self.depth
        if self.cost > self.max_cost:
            raise Refused("nested too much in all for the engine to parse quickly", self.peek().pos, limit=True)

    def leave(self) -> None:
        self.depth -= 1

    # -- supplied by the clause parser -------------------------------------------------------
    def path(self) -> None:
        raise NotImplementedError

    def subquery_body(self) -> None:
        raise NotImplementedError

    def pattern_ahead(self, k: int = 0) -> bool:
        raise NotImplementedError

    # -- expressions -------------------------------------------------------------------------
    def expr(self) -> None:
        self.binary_words(("OR", "XOR", "AND"))

    def binary_words(self, words: tuple[str, ...]) -> None:
        if not words:
            self.negation()
            return
        self.binary_words(words[1:])
        while self.accept(words[0]):
            self.binary_words(words[1:])

    def negation(self) -> None:
        if self.at("NOT"):
            self.i += 1
            self.enter()
            self.negation()
            self.leave()
        else:
            self.comparison()

    def comparison(self) -> None:
        self.predicate()
        while self.peek().kind == OP and self.peek().text in _COMPARE:
            self.i += 1
            self.predicate()

    def predicate(self) -> None:
        self.arithmetic()
        while True:
            if (self.at("STARTS") or self.at("ENDS")) and self.at("WITH", 1):
                self.i += 2
            elif self.at("CONTAINS") or self.at("IN"):
                self.i += 1
            elif self.accept("IS"):
                self.accept("NOT")
                self.expect("NULL")
                continue
            else:
                return
            self.arithmetic()

    def arithmetic(self) -> None:
        self.product()
        while (tok := self.t[self.i]).kind == OP and tok.text in ("+", "-"):
            self.i += 1
            self.product()

    def product(self) -> None:
        self.power()
        while (tok := self.t[self.i]).kind == OP and tok.text in ("*", "/", "%"):
            self.i += 1
            self.power()

    def power(self) -> None:
        self.unary()
        while self.accept_op("^"):
            self.unary()

    def unary(self) -> None:
        if self.at_op("-") or self.at_op("+"):
            self.i += 1
            self.enter()
            self.unary()
            self.leave()
            return
        variable = self.atom()
        while True:
            if self.accept_op("."):
                self.name()
            elif self.at_op("["):
                self.bracket(self.index)
            elif self.at_op(":") and self.peek(1).kind in (ID, QID):
                self.i += 1
                self.name()  # a label test, n:Label
            elif variable and self.at_op("{"):
                self.bracket(self.projection_map)
                variable = False
            else:
                return

    def bracket(self, inner: Callable[[], object]) -> None:
        """An opening bracket, ``inner()``, and the bracket that closes it (the lexer paired them)."""
        opened = self.i
        self.i += 1
        self.enter()
        inner()
        if self.i != self.partner[opened]:
            self.fail(f"expected {self.t[self.partner[opened]].text!r}")
        self.i += 1
        self.leave()

    def index(self) -> None:
        if not self.accept_op(".."):
            self.expr()
            if not self.accept_op(".."):
                return
        if not self.at_op("]"):
            self.expr()

    def atom(self) -> bool:
        """One atom; True if it is a plain variable (which a map projection may follow)."""
        tok = self.peek()
        if tok.kind in (NUM, STR, PARAM):
            self.i += 1
        elif tok.kind == OP and tok.text == "(":
            if self.pattern_ahead():
                self.path()
            else:
                self.bracket(self.expr)
        elif tok.kind == OP and tok.text == "[":
            self.bracket(self.list_body)
        elif tok.kind == OP and tok.text == "{":
            self.map_literal()
        elif tok.kind == QID:
            self.i += 1
            if self.at_op("(") or self.at_op("."):
                self.i -= 1
                self.function()
                return False
            return True
        elif tok.kind == ID:
            return self.word_atom(tok)
        else:
            self.fail("expected an expression")
        return False

    def word_atom(self, tok: Token) -> bool:
        word = tok.upper
        if word in RESERVED:
            raise Refused(f"{word} cannot start an expression", tok.pos, write=word in WRITES | COMMANDS)
        if word in _LITERALS:
            self.i += 1
        elif word == "CASE":
            self.i += 1
            self.enter()
            self.case()
            self.leave()
        elif word in ("EXISTS", "COUNT", "COLLECT") and self.at_op("{", 1):
            self.i += 1
            self.bracket(self.subquery_body)
        elif word in ("SHORTESTPATH", "ALLSHORTESTPATHS") and self.at_op("(", 1):
            self.i += 1
            self.bracket(self.path)
        elif word in _QUANTIFIERS and self.at_op("(", 1) and self.at("IN", 3):
            self.i += 1
            self.bracket(self.quantifier)
        elif word == "REDUCE" and self.at_op("(", 1):
            self.i += 1
            self.bracket(self.reduce)
        elif self.at_op("(", 1) or self.at_op(".", 1):
            self.function()
        else:
            self.i += 1
            return True
        return False

    def function(self) -> None:
        """A function call, or a variable followed by property look-ups (``n.a.b``)."""
        start, j, parts = self.i, self.i, []
        while self.t[j].kind in (ID, QID):
            parts.append(self.t[j].text)
            if not (self.t[j + 1].kind == OP and self.t[j + 1].text == "." and self.t[j + 2].kind in (ID, QID)):
                break
            j += 2
        if not (self.t[j + 1].kind == OP and self.t[j + 1].text == "("):
            self.i += 1  # a variable; the caller reads the property look-ups
            return
        full = ".".join(parts)  # a `quoted.name` is namespaced too
        if "." in full and full.rsplit(".", 1)[0].lower() not in FUNCTION_NAMESPACES:
            raise Refused(f"function {full!r} is not on the read-only list", self.t[start].pos, write=True)
        self.i = j + 1
        if parts[0].upper() == "COUNT" and self.at_op("*", 1) and self.at_op(")", 2):
            self.i += 3
            return
        self.bracket(self.arguments)

    def arguments(self) -> None:
        if self.at_op(")"):
            return
        self.accept("DISTINCT")
        self.expr()
        while self.accept_op(","):
            self.expr()

    def case(self) -> None:
        if not self.at("WHEN"):
            self.expr()
        self.expect("WHEN")
        self.expr()
        self.expect("THEN")
        self.expr()
        while self.accept("WHEN"):
            self.expr()
            self.expect("THEN")
            self.expr()
        if self.accept("ELSE"):
            self.expr()
        self.expect("END")

    def reduce(self) -> None:
        self.name()
        self.expect_op("=")
        self.expr()
        self.expect_op(",")
        self.name()
        self.expect("IN")
        self.expr()
        self.expect_op("|")
        self.expr()

    def quantifier(self) -> None:
        """``x IN list [WHERE predicate]`` inside ``all( )``, ``any( )``, ``none( )``, ``single( )``."""
        self.name()
        self.expect("IN")
        self.expr()
        self.tail()

    def tail(self) -> None:
        """``[WHERE predicate] [| expression]``: the end of a comprehension or quantifier."""
        if self.accept("WHERE"):
            self.expr()
        if self.accept_op("|"):
            self.expr()

    def list_body(self) -> None:
        if self.peek().kind in (ID, QID) and self.at("IN", 1):
            self.i += 2
            self.expr()
            self.tail()
        elif self.peek().kind in (ID, QID) and self.at_op("=", 1) and self.pattern_ahead(2):
            self.i += 2
            self.path()
            self.tail()
        elif self.pattern_ahead():
            self.path()
            self.tail()
        elif not self.at_op("]"):
            self.expr()
            while self.accept_op(","):
                self.expr()

    def map_literal(self) -> None:
        self.bracket(self.map_body)

    def map_body(self) -> None:
        if self.at_op("}"):
            return
        while True:
            self.name()
            self.expect_op(":")
            self.expr()
            if not self.accept_op(","):
                break

    def projection_map(self) -> None:
        if self.at_op("}"):
            return
        while True:
            if self.accept_op("."):
                if not self.accept_op("*"):
                    self.name()
            elif self.peek().kind in (ID, QID) and self.at_op(":", 1):
                self.i += 2
                self.expr()
            else:
                self.name()
            if not self.accept_op(","):
                break
