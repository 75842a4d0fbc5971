"""The ``rcd-modes-for`` view: the RCD modes that the claims about a term rescue from, for the terms
that many claims are about.

``rcd-modes-for`` takes any term (an MSC source, route, molecule, pathway, study, target cell, inducer
or model) and scans every claim about it, through its experiments too: at 100k claims a hub term is
tens of thousands of claims (0.15-0.2 s). Counting it for every term would add a tally per (term,
RCD mode) pair (~100k at 100k claims) to a query whose small terms scan in a few milliseconds, so only
the scopes of at least :func:`hub_threshold` claims (1 % of the claims that name an RCD mode) are
counted; the query reads a scope's tallies when it has them and scans otherwise (a scope with tallies
has at least one row: its claims name an RCD mode).

A scope is a term alone (``Label|id|exact``) or, for a term with narrower terms, the term with them
(``Label|id|narrower``, ``IS_A*0..8``), as the query's ``exact`` parameter picks. Every claim counts,
hypotheses too: demonstrated claims give the studies, statements and settings, the others only their
studies' refs (``hypothesis_refs``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from ._schema import CONTEXT_FIELDS
from ._tally import Acc, Fact
from ._tally_ctx import Ctx, Group, Row

HUB_SHARE = 100
"""A scope is counted when at least 1/HUB_SHARE of the claims that name an RCD mode are about it."""

_STEMS = {"MSCSource": "msc_sources", "ModeOfAction": "modes_of_action", "Molecule": "molecules", "Pathway": "pathways"}
_STEMS |= {lab: stem for stem, lab in (("cell_types", "CellType"), ("inducers", "Inducer"), ("models", "Model"))}
_CONTEXT = [(fld, lab) for fld, (_, lab) in CONTEXT_FIELDS.items()]

Term = tuple[str, str]  # (label, id)


def hub_threshold(n_claims: int) -> int:
    """The claims a scope needs to be counted: 1 % of ``n_claims`` (the claims naming an RCD mode), at least 1."""
    return max(1, n_claims // HUB_SHARE)


def _terms(f: Fact) -> set[Term]:
    """The terms the query reaches from a claim: its own edges and its experiments' (``IN_CONTEXT*0..1``)."""
    out: set[Term] = {("Study", f.study)}
    out.update(("MSCSource", s) for s in f.srcs)
    out.update(("ModeOfAction", m) for m, _ in f.routes)
    out.update(("Molecule", m[0]) for m in f.mols)
    out.update(("Pathway", p) for p in f.pathways)
    for _, ids in f.contexts:
        for fld, lab in _CONTEXT:
            out.update((lab, t) for t in ids.get(fld, []))
    return out


def rcd_modes_for(x: Ctx) -> Iterator[Row]:
    """``rcd-modes-for`` for the scopes of at least :func:`hub_threshold` claims."""
    claims = [(f, _terms(f)) for f in x.every if f.rcds]
    scopes: dict[Term, tuple[str, ...]] = {}  # a term's own scope, then the wider scopes it falls in
    for _, terms in claims:
        for term in terms:
            if term not in scopes:
                lab, tid = term
                stem = _STEMS.get(lab)
                wider: list[str] = []
                if stem is not None:
                    up, broader = x.up[stem].get(tid, {tid}), x.broader[stem]
                    wider = [f"{lab}|{anc}|narrower" for anc in sorted(up) if anc in broader]
                scopes[term] = (f"{lab}|{tid}|exact", *wider)
    size: dict[str, int] = defaultdict(int)  # claims per scope
    for k, (_, terms) in enumerate(claims):
        if x.tick is not None and not k & 255:
            x.tick()
        seen: set[str] = set()
        for term in terms:
            seen.update(scopes[term])
        for scope in seen:
            size[scope] += 1
    least = hub_threshold(len(claims))
    hubs = {scope for scope, n in size.items() if n >= least}
    counted = {  # the terms inside a counted scope, with only the counted wider scopes
        term: (own, [w for w in wider if w in hubs])
        for term, (own, *wider) in scopes.items()
        if own in hubs or any(w in hubs for w in wider)
    }
    names = {t: x.studies[t[1]][2] if t[0] == "Study" else x.names[_STEMS[t[0]]][t[1]] for t in counted}

    exact: dict[tuple[Term, Group], Acc] = defaultdict(Acc)  # per term, then merged into wider scopes
    for k, (f, terms) in enumerate(claims):
        if x.tick is not None and not k & 255:
            x.tick()
        groups = [(("RCDMode", rcd),) for rcd in f.rcds]
        key = (f.skey,)
        for term in terms:
            if term not in counted:
                continue
            name = names[term]
            for group in groups:
                a = exact[(term, group)]
                if f.demonstrated:
                    a.claim(f, f.settings)
                else:
                    a.mark("hypothesis", f.study)
                a.put("matched", name, key)
    accs = {key: acc for key, acc in x.widen(exact, counted.__getitem__).items() if key[0] in hubs}

    def extra(a: Acc) -> dict[str, Any]:
        refs = {x.studies[s][1] for s in a.marks.get("hypothesis", ())}
        return {"hypothesis_refs": sorted(r for r in refs if r is not None), "matched": a.ordered("matched")}

    yield from x.rows("rcd-modes-for", accs, extra)
