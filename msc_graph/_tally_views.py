"""The views: for each named query read from tallies, its answer rows per scope, from the claims.

Each view walks the rows the query's ``MATCH`` would produce for a demonstrated claim and collects the
query's columns, each value with the smallest ``ORDER BY`` key of the rows that hold it (as ranks; for
a column that is not a sort key, followed by the row's position: one valid order of the rows that the
``ORDER BY`` leaves tied), so that ``Acc.ordered`` gives ``collect(DISTINCT x)``. The rows of one claim
are its terms' cross product, so the smallest key of a value is the value's own rank after the
smallest ranks of the columns sorted before it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from itertools import product
from typing import Any

from ._tally import Acc
from ._tally_ctx import LEAST, OPT, Accs, Ctx, Group, Named, Row, ordered, put_named


def _contexts(x: Ctx, query: str, fld: str, label: str, other: str | None) -> Iterator[Row]:
    """cell-types-rescued, inducers-by-rcd, models: terms of one context field, within an RCD mode.

    A claim's contexts are grouped by term first: the rows of one term differ only in the setting (and,
    for inducers, the target cells), so each accumulator is visited once per claim and term; a claim is
    counted under each of its RCD modes, and the wider scopes are merged from those (``Ctx.widen``)."""
    exact: dict[tuple[str, Group], Acc] = defaultdict(Acc)
    for f in x.facts:
        if not f.rcds:
            continue
        per_term: dict[str, tuple[set[str], list[Named]]] = {}
        for setting, ids in f.contexts:
            cells = x.named("cell_types", ids.get("target_cells", [])) if other == "target_cells" else OPT
            for term in ids.get(fld, []):
                entry = per_term.get(term)
                if entry is None:
                    per_term[term] = entry = (set(), [])
                entry[0].add(setting)
                entry[1].extend(cells)
        if not per_term:
            continue
        rnamed = x.named("rcd_modes", f.rcds)
        srcs = x.named("msc_sources", f.srcs)
        modes = x.named("modes_of_action", [m for m, _ in f.routes])
        smin, mmin = min(sk for _, sk in srcs), min(mk for _, mk in modes)
        sk = f.skey
        for term, (settings, cells) in per_term.items():
            group = ((label, term),)
            for rcd, (rn, rk) in zip(f.rcds, rnamed, strict=True):
                a = exact[(rcd, group)]
                a.claim(f, settings)
                lists = a.lists
                a.put("rcd_modes", rn, (sk, rk))
                if other == "target_cells":  # ORDER BY s.ref, s.name, r.name, cell.name
                    put_named(lists["target_cells"], cells, sk, rk)
                elif other == "models":  # ORDER BY s.ref, s.name, r.name, m.name, src.name
                    put_named(lists["modes_of_action"], modes, sk, rk)
                    put_named(lists["msc_sources"], srcs, sk, rk, mmin)
                else:  # ORDER BY s.ref, s.name, r.name, src.name, m.name
                    put_named(lists["msc_sources"], srcs, sk, rk)
                    put_named(lists["modes_of_action"], modes, sk, rk, smin)
    accs = x.rcd_widen(exact, any_scope=True)
    cols = {
        "target_cells": ("rcd_modes", "target_cells"),
        "models": ("rcd_modes", "modes_of_action", "msc_sources"),
        None: ("rcd_modes", "msc_sources", "modes_of_action"),
    }[other]
    yield from x.rows(query, accs, ordered(*cols))


def cell_types(x: Ctx) -> Iterator[Row]:
    return _contexts(x, "cell-types-rescued", "target_cells", "CellType", None)


def inducers(x: Ctx) -> Iterator[Row]:
    return _contexts(x, "inducers-by-rcd", "inducers", "Inducer", "target_cells")


def models(x: Ctx) -> Iterator[Row]:
    return _contexts(x, "models", "models", "Model", "models")


def modes_of_action(x: Ctx) -> Iterator[Row]:
    """modes-of-action-rescuing: ORDER BY s.ref, s.name, mol.name, src.name (counted per RCD mode, the
    narrower scopes merged: a matched mode's position is its place among all the claim's modes, which
    orders the modes of one scope as their place within it does)."""
    exact: dict[tuple[str, Group], Acc] = defaultdict(Acc)
    for f in x.facts:
        if not f.rcds:
            continue
        srcs = x.named("msc_sources", f.srcs)
        smin = min(sk for _, sk in srcs)
        tick = x.index[f.id]
        rnames = [x.n("rcd_modes", r) for r in f.rcds]
        for k, (mode, hedged) in enumerate(f.routes):
            group = (("ModeOfAction", mode),)
            mols = x.named("molecules", [m for m, _, via, _ in f.mols if via == mode])
            molmin = min(mk for _, mk in mols)
            for j, (rcd, rn) in enumerate(zip(f.rcds, rnames, strict=True)):
                a = exact[(rcd, group)]
                a.claim(f, f.settings)
                if not hedged:
                    a.mark("firm", f.study)
                put_named(a.lists["molecules"], mols, f.skey)
                put_named(a.lists["msc_sources"], srcs, f.skey, molmin)
                a.put("matched", rn, (f.skey, molmin, smin, tick, k, j))
                a.put("jointly_cited", f.statement_refs, (f.skey, molmin, smin, tick, k, 0))

    def extra(a: Acc) -> dict[str, Any]:
        out = ordered("molecules", "msc_sources", "matched", "jointly_cited")(a)
        out["n_hedged"] = len(a.stmt) - len(a.marks.get("firm", ()))
        return out

    yield from x.rows("modes-of-action-rescuing", x.rcd_widen(exact, any_scope=False), extra)


def molecules_against(x: Ctx) -> Iterator[Row]:
    """molecules-against: ORDER BY s.ref, s.name, im.route (counted per RCD mode, as modes_of_action)."""
    exact: dict[tuple[str, Group], Acc] = defaultdict(Acc)
    route_ranks = x.ranks["routes"]
    for f in x.facts:
        if not f.rcds:
            continue
        tick = x.index[f.id]
        rnames = [x.n("rcd_modes", r) for r in f.rcds]
        for k, (mol, role, _, route) in enumerate(f.mols):
            group = (("Molecule", mol),)
            rk = route_ranks[route]
            for j, (rcd, rn) in enumerate(zip(f.rcds, rnames, strict=True)):
                a = exact[(rcd, group)]
                a.claim(f, f.settings)
                a.put("roles", role, (f.skey, rk, tick, k, 0))
                a.put("routes", route, (f.skey, rk))
                a.put("matched", rn, (f.skey, rk, tick, k, j))
    yield from x.rows("molecules-against", x.rcd_widen(exact, any_scope=False), ordered("roles", "routes", "matched"))


def molecules_via(x: Ctx) -> Iterator[Row]:
    """molecules-via: molecules travelling by a route within an RCD mode, ORDER BY s.ref, s.name, cell.name
    (counted per route and RCD mode, the narrower pairs merged, as modes_of_action)."""
    exact: dict[tuple[Any, Group], Acc] = defaultdict(Acc)
    up_m, wide_m = x.up["modes_of_action"], x.broader["modes_of_action"]
    up_r, wide_r = x.up["rcd_modes"], x.broader["rcd_modes"]
    for f in x.facts:
        if not f.rcds:
            continue
        tick = x.index[f.id]
        cells = x.named("cell_types", [c for _, ids in f.contexts for c in ids.get("target_cells", [])])
        cmin = min(ck for _, ck in cells)
        rnames = [x.n("rcd_modes", r) for r in f.rcds]
        for k, (mol, role, via, _) in enumerate(f.mols):
            if not via:
                continue
            group = (("Molecule", mol),)
            mname = x.n("modes_of_action", via)
            for j, (rcd, rn) in enumerate(zip(f.rcds, rnames, strict=True)):
                a = exact[((via, rcd), group)]
                a.claim(f, f.settings)
                a.put("roles", role, (f.skey, cmin, tick, k, 0))
                a.put("matched_modes", mname, (f.skey, cmin, tick, k, 0))
                put_named(a.lists["target_cells"], cells, f.skey)
                a.put("matched_rcds", rn, (f.skey, cmin, tick, k, j))

    def scopes_of(pair: tuple[str, str]) -> tuple[str, list[str]]:
        via, rcd = pair
        wider = [
            f"{m0}|{r0}|narrower"
            for m0 in sorted(up_m[via])
            for r0 in sorted(up_r[rcd])
            if m0 in wide_m or r0 in wide_r
        ]
        return f"{via}|{rcd}|exact", wider

    def extra(a: Acc) -> dict[str, Any]:
        matched = a.ordered("matched_modes") + a.ordered("matched_rcds")
        return {**ordered("roles", "target_cells")(a), "matched": matched}

    yield from x.rows("molecules-via", x.widen(exact, scopes_of), extra)


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
    # the map's axes: the terms without narrower terms, and those any claim (hypotheses too) is about
    rcds = {r for f in x.every for r in f.rcds}
    modes = {m for f in x.every for m, _ in f.routes}
    axes = {
        "rcd_modes": sorted(r for r in x.names["rcd_modes"] if r not in x.broader["rcd_modes"] or r in rcds),
        "modes_of_action": sorted(
            m for m in x.names["modes_of_action"] if m not in x.broader["modes_of_action"] or m in modes
        ),
    }
    yield "gap-map|axes", (), axes


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
    yield from x.rows("shared-molecules", accs, ordered(*cols), least=LEAST)


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
        out = ordered("rcd_modes", "modes_of_action", "jointly_cited")(a)
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
    rows = list(x.rows("replication-candidates", accs, ordered(*cols), least=LEAST))
    inducers, cells = x.ranks["inducers"], x.ranks["cell_types"]

    def answer_order(row: Row) -> tuple[int, ...]:  # ORDER BY n_statements DESC, n_studies DESC, inducer, target_cell
        (_, inducer), (_, cell) = row[1]
        return -row[2]["n_statements"], -row[2]["n_studies"], inducers[inducer], cells[cell]

    for rank, (scope, group, props) in enumerate(sorted(rows, key=answer_order)):
        yield scope, group, {**props, "rank": rank}  # the page is cut on it before any row is built


def biomarker_molecules() -> list[str]:
    """The molecules potency-biomarkers lists: its query file is the one place that names them."""
    from ._queries import get

    return re.findall(r"molecule: '([^']+)'", get("potency-biomarkers").cypher)


def potency(x: Ctx) -> Iterator[Row]:
    """potency-biomarkers: every claim about each listed molecule, hypotheses too (settings count the
    demonstrated ones), ORDER BY s.ref, s.name, c.id, r.name, im.route."""
    wanted = set(biomarker_molecules())
    about = [(f, {m for m, *_ in f.mols} & wanted) for f in x.every]
    about = [(f, mols) for f, mols in about if mols]
    by_id = {cid: k for k, cid in enumerate(sorted(f.id for f, _ in about))}  # ORDER BY c.id, as ranks
    rcd_names, rcd_ranks, route_ranks = x.names["rcd_modes"], x.ranks["rcd_modes"], x.ranks["routes"]
    accs: Accs = defaultdict(Acc)
    for f, mols in about:
        key = (f.skey, by_id[f.id])
        for mol in mols:
            a = accs[("*", (("Molecule", mol),))]
            a.claim(f, f.settings if f.demonstrated else ())
            a.put("claims", f.id, key)
            a.put("demonstrated" if f.demonstrated else "hypotheses", f.id, key)
            for r in f.rcds:
                a.put("rcd_modes", rcd_names[r], (*key, rcd_ranks[r]))
            for m, _, _, route in f.mols:
                if m == mol:
                    a.put("modes_of_action", route, (*key, route_ranks[route]))

    def extra(a: Acc) -> dict[str, Any]:
        out = ordered("rcd_modes", "modes_of_action", "claims")(a)
        out["n_demonstrated"] = len(a.lists.get("demonstrated", {}))
        out["n_hypotheses"] = len(a.lists.get("hypotheses", {}))
        return out

    yield from x.rows("potency-biomarkers", accs, extra)


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
    potency,
)
