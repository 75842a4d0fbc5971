"""The views: for each named query read from tallies, its answer rows per scope, from the claims.

Each view walks the rows the query's ``MATCH`` would produce for a demonstrated claim and collects the
query's columns, each value with the smallest ``ORDER BY`` key of the rows that hold it (as ranks; for
a column that is not a sort key, followed by the row's position: one valid order of the rows that the
``ORDER BY`` leaves tied), so that ``Acc.ordered`` gives ``collect(DISTINCT x)``. The rows of one claim
are its terms' cross product, so the smallest key of a value is the value's own rank after the
smallest ranks of the columns sorted before it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from itertools import product
from typing import Any

from ._tally import NULL, Acc, Fact, Key, closures, scopes

Group = tuple[tuple[str, str], ...]  # (label, id) of the term or pair of terms a row is about
Row = tuple[str, Group, dict[str, Any]]  # scope, group, answer columns
Accs = dict[tuple[str, Group], Acc]
LEAST = 2
"""shared-molecules, shared-pathways and replication-candidates keep rows of at least ``min_studies``
studies and statements: tallies are counted for ``min_studies >= 2`` (the default) only, so the one-study
rows, most of them, are not stored; a smaller ``min_studies`` scans."""
Named = tuple[str | None, int]  # a value with its rank (None, NULL: an OPTIONAL MATCH that found nothing)
_OPT: list[Named] = [(None, NULL)]


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
        return [(names[i], ranks[i]) for i in ids] or _OPT

    def rcd_scopes(self, f: Fact, any_scope: bool) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {"*": list(f.rcds)} if any_scope and f.rcds else {}
        out.update(scopes(f.rcds, self.up["rcd_modes"], self.broader["rcd_modes"]))
        return out

    def rows(self, query: str, accs: Accs, extra: Callable[[Acc], dict[str, Any]], least: int = 0) -> Iterator[Row]:
        """The answer rows; with ``least``, only those of at least that many studies and statements."""
        for k, ((scope, group), acc) in enumerate(accs.items()):
            if self.tick is not None and not k & 15:
                self.tick()
            if least and (len(acc.stmt) < least or acc.n_statements() < least):
                continue
            yield f"{query}|{scope}", group, {**acc.common(self.studies), **extra(acc)}


def _ordered(*cols: str) -> Callable[[Acc], dict[str, Any]]:
    return lambda a: {c: a.ordered(c) for c in cols}


def _put(seen: dict[Any, Key], values: list[Named], *head: int) -> None:
    """``Acc.put`` of every named value, each at ``(*head, its rank)`` (inlined: the hottest loop)."""
    for v, rank in values:
        if v is not None:
            key = (*head, rank)
            old = seen.get(v)
            if old is None or key < old:
                seen[v] = key


def _contexts(x: Ctx, query: str, fld: str, label: str, other: str | None) -> Iterator[Row]:
    """cell-types-rescued, inducers-by-rcd, models: terms of one context field, within an RCD mode.

    A claim's contexts are grouped by term first: the rows of one term differ only in the setting (and,
    for inducers, the target cells), so each accumulator is visited once per claim and term."""
    accs: Accs = defaultdict(Acc)
    for f in x.facts:
        if not f.rcds:
            continue
        per_term: dict[str, tuple[set[str], list[Named]]] = {}
        for setting, ids in f.contexts:
            cells = x.named("cell_types", ids.get("target_cells", [])) if other == "target_cells" else _OPT
            for term in ids.get(fld, []):
                entry = per_term.get(term)
                if entry is None:
                    per_term[term] = entry = (set(), [])
                entry[0].add(setting)
                entry[1].extend(cells)
        if not per_term:
            continue
        sc = [
            (scope, named, min(rk for _, rk in named))
            for scope, rs in x.rcd_scopes(f, any_scope=True).items()
            for named in (x.named("rcd_modes", rs),)
        ]
        srcs = x.named("msc_sources", f.srcs)
        modes = x.named("modes_of_action", [m for m, _ in f.routes])
        smin, mmin = min(sk for _, sk in srcs), min(mk for _, mk in modes)
        sk = f.skey
        for term, (settings, cells) in per_term.items():
            group = ((label, term),)
            for scope, rs, rmin in sc:
                a = accs[(scope, group)]
                a.claim(f, settings)
                lists = a.lists
                _put(lists["rcd_modes"], rs, sk)
                if other == "target_cells":  # ORDER BY s.ref, s.name, r.name, cell.name
                    _put(lists["target_cells"], cells, sk, rmin)
                elif other == "models":  # ORDER BY s.ref, s.name, r.name, m.name, src.name
                    _put(lists["modes_of_action"], modes, sk, rmin)
                    _put(lists["msc_sources"], srcs, sk, rmin, mmin)
                else:  # ORDER BY s.ref, s.name, r.name, src.name, m.name
                    _put(lists["msc_sources"], srcs, sk, rmin)
                    _put(lists["modes_of_action"], modes, sk, rmin, smin)
    cols = {
        "target_cells": ("rcd_modes", "target_cells"),
        "models": ("rcd_modes", "modes_of_action", "msc_sources"),
        None: ("rcd_modes", "msc_sources", "modes_of_action"),
    }[other]
    yield from x.rows(query, accs, _ordered(*cols))


def cell_types(x: Ctx) -> Iterator[Row]:
    return _contexts(x, "cell-types-rescued", "target_cells", "CellType", None)


def inducers(x: Ctx) -> Iterator[Row]:
    return _contexts(x, "inducers-by-rcd", "inducers", "Inducer", "target_cells")


def models(x: Ctx) -> Iterator[Row]:
    return _contexts(x, "models", "models", "Model", "models")


def modes_of_action(x: Ctx) -> Iterator[Row]:
    """modes-of-action-rescuing: ORDER BY s.ref, s.name, mol.name, src.name."""
    accs: Accs = defaultdict(Acc)
    for f in x.facts:
        srcs = x.named("msc_sources", f.srcs)
        smin = min(sk for _, sk in srcs)
        tick = x.index[f.id]
        for scope, rs in x.rcd_scopes(f, any_scope=False).items():
            rnames = [x.n("rcd_modes", r) for r in rs]
            for k, (mode, hedged) in enumerate(f.routes):
                a = accs[(scope, (("ModeOfAction", mode),))]
                a.claim(f, f.settings)
                if not hedged:
                    a.mark("firm", f.study)
                mols = x.named("molecules", [m for m, _, via, _ in f.mols if via == mode])
                molmin = min(mk for _, mk in mols)
                for mn, mk in mols:
                    a.put("molecules", mn, (f.skey, mk))
                for sn, sk in srcs:
                    a.put("msc_sources", sn, (f.skey, molmin, sk))
                for j, rn in enumerate(rnames):
                    a.put("matched", rn, (f.skey, molmin, smin, tick, k, j))
                a.put("jointly_cited", f.statement_refs, (f.skey, molmin, smin, tick, k, 0))

    def extra(a: Acc) -> dict[str, Any]:
        out = _ordered("molecules", "msc_sources", "matched", "jointly_cited")(a)
        out["n_hedged"] = len(a.stmt) - len(a.marks.get("firm", ()))
        return out

    yield from x.rows("modes-of-action-rescuing", accs, extra)


def molecules_against(x: Ctx) -> Iterator[Row]:
    """molecules-against: ORDER BY s.ref, s.name, im.route."""
    accs: Accs = defaultdict(Acc)
    for f in x.facts:
        tick = x.index[f.id]
        for scope, rs in x.rcd_scopes(f, any_scope=False).items():
            for k, (mol, role, _, route) in enumerate(f.mols):
                a = accs[(scope, (("Molecule", mol),))]
                a.claim(f, f.settings)
                rk = x.ranks["routes"][route]
                a.put("roles", role, (f.skey, rk, tick, k, 0))
                a.put("routes", route, (f.skey, rk))
                for j, r in enumerate(rs):
                    a.put("matched", x.n("rcd_modes", r), (f.skey, rk, tick, k, j))
    yield from x.rows("molecules-against", accs, _ordered("roles", "routes", "matched"))


def molecules_via(x: Ctx) -> Iterator[Row]:
    """molecules-via: molecules travelling by a route within an RCD mode, ORDER BY s.ref, s.name, cell.name."""
    accs: Accs = defaultdict(Acc)
    up_m, wide_m = x.up["modes_of_action"], x.broader["modes_of_action"]
    up_r, wide_r = x.up["rcd_modes"], x.broader["rcd_modes"]
    for f in x.facts:
        tick = x.index[f.id]
        cells = x.named("cell_types", [c for _, ids in f.contexts for c in ids.get("target_cells", [])])
        cmin = min(ck for _, ck in cells)
        for k, (mol, role, via, _) in enumerate(f.mols):
            if not via:
                continue
            pairs: dict[str, list[str]] = {f"{via}|{r}|exact": [r] for r in f.rcds}
            for m0 in sorted(up_m[via]):
                for r in f.rcds:
                    for r0 in sorted(up_r[r]):
                        if m0 in wide_m or r0 in wide_r:
                            pairs.setdefault(f"{m0}|{r0}|narrower", []).append(r)
            mname = x.n("modes_of_action", via)
            for scope, rs in pairs.items():
                a = accs[(scope, (("Molecule", mol),))]
                a.claim(f, f.settings)
                a.put("roles", role, (f.skey, cmin, tick, k, 0))
                a.put("matched_modes", mname, (f.skey, cmin, tick, k, 0))
                for cn, ck in cells:
                    a.put("target_cells", cn, (f.skey, ck))
                for j, r in enumerate(rs):
                    a.put("matched_rcds", x.n("rcd_modes", r), (f.skey, cmin, tick, k, j))

    def extra(a: Acc) -> dict[str, Any]:
        matched = a.ordered("matched_modes") + a.ordered("matched_rcds")
        return {**_ordered("roles", "target_cells")(a), "matched": matched}

    yield from x.rows("molecules-via", accs, extra)


def gap_map(x: Ctx) -> Iterator[Row]:
    """gap-map: RCD mode x route, ORDER BY c.ref (refs only)."""
    accs: Accs = defaultdict(Acc)
    n_claims: dict[tuple[str, Group], int] = defaultdict(int)
    for f in x.facts:
        for r in f.rcds:
            for mode, hedged in f.routes:
                g = (("RCDMode", r), ("ModeOfAction", mode))
                a = accs[("*", g)]
                a.claim(f, f.settings)
                n_claims[("*", g)] += 1
                if not hedged:
                    a.mark("firm", f.study)
    for (scope, group), acc in accs.items():
        row = acc.common(x.studies)
        row.pop("studies")
        row["n_hedged"] = len(acc.stmt) - len(acc.marks.get("firm", ()))
        row["n_claims"] = n_claims[(scope, group)]
        yield f"gap-map|{scope}", group, row


def sources_by_rcd(x: Ctx) -> Iterator[Row]:
    """sources-by-rcd: MSC source x RCD mode, ORDER BY s.ref, s.name."""
    accs: Accs = defaultdict(Acc)
    for f in x.facts:
        for src in f.srcs:
            for r in f.rcds:
                accs[("*", (("MSCSource", src), ("RCDMode", r)))].claim(f, f.settings)
    yield from x.rows("sources-by-rcd", accs, lambda a: {})


def shared_molecules(x: Ctx) -> Iterator[Row]:
    """shared-molecules: ORDER BY s.ref, s.name; the RCD modes and MSC sources of each claim in edge order."""
    accs: Accs = defaultdict(Acc)
    for f in x.facts:
        tick = x.index[f.id]
        rs = [x.n("rcd_modes", r) for r in f.rcds]
        ss = [x.n("msc_sources", s) for s in f.srcs]
        for k, (mol, role, _, route) in enumerate(f.mols):
            a = accs[("*", (("Molecule", mol),))]
            a.claim(f, f.settings)
            key = (f.skey, tick, k)
            a.put("roles", role, key)
            a.put("routes", route, key)
            a.put("jointly_cited", f.statement_refs, key)
            for p, rn in enumerate(rs):
                a.put("rcd_modes", rn, (*key, p))
            for p, sn in enumerate(ss):
                a.put("msc_sources", sn, (*key, p))
    cols = ("roles", "routes", "rcd_modes", "msc_sources", "jointly_cited")
    yield from x.rows("shared-molecules", accs, _ordered(*cols), least=LEAST)


def shared_pathways(x: Ctx) -> Iterator[Row]:
    """shared-pathways: signalling pathways, ORDER BY s.ref, s.name, r.name, m.name."""
    accs: Accs = defaultdict(Acc)
    pathways = x.terms["pathways"]
    for f in x.facts:
        tick = x.index[f.id]
        rs = x.named("rcd_modes", f.rcds)
        ms = x.named("modes_of_action", [m for m, _ in f.routes])
        rmin, mmin = min(rk for _, rk in rs), min(mk for _, mk in ms)
        for k, p in enumerate(f.pathways):
            if getattr(pathways[p], "kind", None) != "signalling":
                continue
            a = accs[("*", (("Pathway", p),))]
            a.claim(f, f.settings)
            for rn, rk in rs:
                a.put("rcd_modes", rn, (f.skey, rk))
            for mn, mk in ms:
                a.put("modes_of_action", mn, (f.skey, rmin, mk))
            a.put("jointly_cited", f.statement_refs, (f.skey, rmin, mmin, tick, k))

    def extra(a: Acc) -> dict[str, Any]:
        out = _ordered("rcd_modes", "modes_of_action", "jointly_cited")(a)
        out["n_rcd_modes"] = len(out["rcd_modes"])
        out["n_modes_of_action"] = len(out["modes_of_action"])
        return out

    yield from x.rows("shared-pathways", accs, extra, least=LEAST)


def replication(x: Ctx) -> Iterator[Row]:
    """replication-candidates: inducer x target cell of one experiment, ORDER BY s.ref, s.name, src, r, m."""
    accs: Accs = defaultdict(Acc)
    for f in x.facts:
        srcs = x.named("msc_sources", f.srcs)
        rs = x.named("rcd_modes", f.rcds)
        ms = x.named("modes_of_action", [m for m, _ in f.routes])
        smin, rmin = min(sk for _, sk in srcs), min(rk for _, rk in rs)
        for setting, ids in f.contexts:
            for i, t in product(ids.get("inducers", []), ids.get("target_cells", [])):
                a = accs[("*", (("Inducer", i), ("CellType", t)))]
                a.claim(f, (setting,))
                for sn, sk in srcs:
                    a.put("msc_sources", sn, (f.skey, sk))
                for rn, rk in rs:
                    a.put("rcd_modes", rn, (f.skey, smin, rk))
                for mn, mk in ms:
                    a.put("modes_of_action", mn, (f.skey, smin, rmin, mk))
    cols = ("msc_sources", "rcd_modes", "modes_of_action")
    yield from x.rows("replication-candidates", accs, _ordered(*cols), least=LEAST)


VIEWS: tuple[Callable[[Ctx], Iterator[Row]], ...] = (
    cell_types,
    inducers,
    models,
    modes_of_action,
    molecules_against,
    molecules_via,
    gap_map,
    sources_by_rcd,
    shared_molecules,
    shared_pathways,
    replication,
)
