"""What the tally views share: the claims as they walk them (:class:`Ctx`), the accumulators of
each answer row, and how the rows of wider scopes are merged from those of narrower ones.

A view counts a claim once under each term it names (an RCD mode, or a route and an RCD mode), and
:meth:`Ctx.widen` gives each wider scope (a term with its narrower terms, or every term) the merge of
the accumulators of the terms inside it: every aggregate of an :class:`Acc` is a union or a minimum, so
the merge equals counting the claim in every scope, at the cost of the accumulators' size instead of
the claims' rows once per scope.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ._tally import NULL, Acc, Fact, Key, closures

Group = tuple[tuple[str, str], ...]  # (label, id) of the term or pair of terms a row is about
Row = tuple[str, Group, dict[str, Any]]  # scope, group, answer columns
Accs = dict[tuple[str, Group], Acc]
LEAST = 2
"""shared-molecules, shared-pathways and replication-candidates keep rows of at least ``min_studies``
studies and statements: tallies are counted for ``min_studies >= 2`` (the default) only, so the one-study
rows, most of them, are not stored; a smaller ``min_studies`` scans."""
Named = tuple[str | None, int]  # a value with its rank (None, NULL: an OPTIONAL MATCH that found nothing)
OPT: list[Named] = [(None, NULL)]


class _Ticking(list[Fact]):
    """The claims; iterating them calls ``tick`` every few claims (the ingest writes meanwhile)."""

    def __init__(self, facts: list[Fact], tick: Callable[[], None] | None) -> None:
        super().__init__(facts)
        self.tick = tick

    def __iter__(self) -> Iterator[Fact]:
        tick = self.tick
        if tick is None:
            yield from super().__iter__()
            return
        for k, f in enumerate(super().__iter__()):
            if not k & 15:
                tick()
            yield f


class Ctx:
    """What the views share: term names and hierarchies, study keys, the claims.

    ``tick``, when given, is called every few claims while a view walks them: the ingest sends the
    graph's other statements from it, so that the server writes while the tallies are counted.
    """

    def __init__(self, facts: list[Fact], lookups: dict[str, Any], tick: Callable[[], None] | None = None) -> None:
        self.facts = _Ticking([f for f in facts if f.demonstrated], tick)
        self.every = facts  # hypotheses too (potency-biomarkers counts both)
        self.tick = tick
        self.index = {f.id: k for k, f in enumerate(facts)}
        self.names: dict[str, dict[str, str]] = lookups["names"]
        self.studies = lookups["studies"]
        self.terms = lookups["terms"]
        self.order: dict[str, dict[str, int]] = lookups["order"]
        self.ranks: dict[str, dict[str, int]] = lookups["ranks"]
        self.up: dict[str, dict[str, set[str]]] = {}
        self.broader: dict[str, set[str]] = {}
        for stem, parents in lookups["parents"].items():
            self.up[stem], self.broader[stem] = closures(parents)

    def by_node(self, stem: str, ids: list[str]) -> list[str]:
        """``ids`` in the order the engine lists the edges to them: their nodes' creation order."""
        return sorted(ids, key=self.order[stem].__getitem__)

    def n(self, stem: str, tid: str | None) -> str | None:
        return None if tid is None else self.names[stem][tid]

    def named(self, stem: str, ids: list[str]) -> list[Named]:
        """The names of ``ids`` with their ranks, or one null when there is none (OPTIONAL MATCH)."""
        names, ranks = self.names[stem], self.ranks[stem]
        return [(names[i], ranks[i]) for i in ids] or OPT

    def widen(self, exact: dict[tuple[Any, Group], Acc], scopes_of: Callable[[Any], tuple[str, list[str]]]) -> Accs:
        """The accumulators of every scope, from those counted per term (``exact``, keyed by (term,
        group)): ``scopes_of(term)`` names the term's own scope and the wider scopes it falls in, whose
        accumulators merge those of the terms inside them. Merging costs the accumulators' size;
        counting a claim in every scope it falls in cost its rows once per scope."""
        known: dict[Any, tuple[str, list[str]]] = {}
        out: Accs = {}
        for k, ((term, group), acc) in enumerate(exact.items()):
            if self.tick is not None and not k & 15:
                self.tick()
            scopes = known.get(term)
            if scopes is None:
                known[term] = scopes = scopes_of(term)
            own, wider = scopes
            out[(own, group)] = acc
            for scope in wider:
                target = out.get((scope, group))
                if target is None:
                    out[(scope, group)] = target = Acc()
                target.merge(acc)
        return out

    def rcd_widen(self, exact: dict[tuple[Any, Group], Acc], any_scope: bool) -> Accs:
        """:meth:`widen` over RCD modes: ``id|exact``, then ``anc|narrower`` for each broader mode
        (itself included when it has narrower modes), and ``*`` (every mode) with ``any_scope``."""
        up, broader = self.up["rcd_modes"], self.broader["rcd_modes"]

        def scopes_of(rcd: str) -> tuple[str, list[str]]:
            wider = [f"{anc}|narrower" for anc in sorted(up.get(rcd, {rcd})) if anc in broader]
            return f"{rcd}|exact", ["*", *wider] if any_scope else wider

        return self.widen(exact, scopes_of)

    def rows(self, query: str, accs: Accs, extra: Callable[[Acc], dict[str, Any]], least: int = 0) -> Iterator[Row]:
        """The answer rows; with ``least``, only those of at least that many studies and statements."""
        for k, ((scope, group), acc) in enumerate(accs.items()):
            if self.tick is not None and not k & 15:
                self.tick()
            if least and (len(acc.stmt) < least or acc.n_statements() < least):
                continue
            yield f"{query}|{scope}", group, {**acc.common(self.studies), **extra(acc)}


def ordered(*cols: str) -> Callable[[Acc], dict[str, Any]]:
    return lambda a: {c: a.ordered(c) for c in cols}


def put_named(seen: dict[Any, Key], values: list[Named], *head: int) -> None:
    """``Acc.put`` of every named value, each at ``(*head, its rank)`` (inlined: the hottest loop)."""
    for v, rank in values:
        if v is not None:
            key = (*head, rank)
            old = seen.get(v)
            if old is None or key < old:
                seen[v] = key
