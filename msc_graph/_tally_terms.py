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

from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import chain
from typing import Any

from ._schema import CONTEXT_FIELDS, SETTING_COLUMNS, VOCAB_LABELS
from ._tally import Acc, Fact
from ._tally_ctx import Ctx, Group, Row

HUB_SHARE = 100
"""A scope is counted when at least 1/HUB_SHARE of the claims that name an RCD mode are about it."""

_STEMS = {lab: stem for stem, lab in VOCAB_LABELS.items()}  # node label -> vocabulary stem
_CONTEXT = [(fld, lab) for fld, (_, lab) in CONTEXT_FIELDS.items()]

Term = tuple[str, str]  # (label, id)


def hub_threshold(n_claims: int) -> int:
    """The claims a scope needs to be counted: 1 % of ``n_claims`` (the claims naming an RCD mode), at least 1."""
    return max(1, n_claims // HUB_SHARE)


def _terms(f: Fact) -> list[Term]:
    """The terms the query reaches from a claim: its own edges and its experiments' (``IN_CONTEXT*0..1``)."""
    out = [("Study", f.study)]
    out += [("MSCSource", s) for s in f.srcs]
    out += [("ModeOfAction", m) for m, _ in f.routes]
    out += [("Molecule", m[0]) for m in f.mols]
    out += [("Pathway", p) for p in f.pathways]
    for _, ids in f.contexts:
        for fld, lab in _CONTEXT:
            out += [(lab, t) for t in ids.get(fld, ())]
    return list(dict.fromkeys(out))  # in a fixed order (a set's would change with the hash seed)


def rcd_modes_for(x: Ctx) -> Iterator[Row]:
    """``rcd-modes-for`` for the scopes of at least :func:`hub_threshold` claims."""
    claims: list[tuple[Fact, list[Term]]] = []
    for k, f in enumerate(x.every):  # every pass ticks: the server writes the other views meanwhile
        if x.tick is not None and not k & 255:
            x.tick()
        if f.rcds:
            claims.append((f, _terms(f)))
    exact_size = Counter(chain.from_iterable(terms for _, terms in claims))  # a term's claims
    wider: dict[Term, list[str]] = {}  # the wider scopes a term falls in (its ancestors' and its own narrower)
    for lab, tid in exact_size:
        stem = _STEMS.get(lab)
        if stem is not None:
            up, broader = x.up[stem].get(tid, {tid}), x.broader[stem]
            found = [f"{lab}|{anc}|narrower" for anc in sorted(up) if anc in broader]
            if found:
                wider[(lab, tid)] = found
    size = Counter({f"{lab}|{tid}|exact": n for (lab, tid), n in exact_size.items()})
    for k, (_, terms) in enumerate(claims):  # a wider scope counts a claim once, whatever its terms inside
        if x.tick is not None and not k & 255:
            x.tick()
        size.update({scope for t in terms if t in wider for scope in wider[t]})
    least = hub_threshold(len(claims))
    hubs = {scope for scope, n in size.items() if n >= least}
    counted: dict[Term, tuple[str, list[str]]] = {}  # the terms inside a counted scope: own and counted wider scopes
    for term in exact_size:
        own, inside = f"{term[0]}|{term[1]}|exact", [w for w in wider.get(term, ()) if w in hubs]
        if inside or own in hubs:
            counted[term] = (own, inside)

    exact: dict[tuple[Term, Group], Acc] = defaultdict(Acc)  # per term, then merged into wider scopes
    for k, (f, terms) in enumerate(claims):
        if x.tick is not None and not k & 255:
            x.tick()
        groups = [(("RCDMode", rcd),) for rcd in f.rcds]
        study, statement = f.study, f.statement
        cols = [SETTING_COLUMNS[s] for s in f.settings] if f.demonstrated else ["hypothesis"]
        for term in terms:
            if term not in counted:
                continue
            for group in groups:  # Acc.claim / Acc.mark, inlined: the hottest loop (~1M times at 100k claims)
                a = exact[(term, group)]
                if f.demonstrated:
                    old = a.stmt.get(study)
                    if old is None or statement < old:
                        a.stmt[study] = statement
                for col in cols:
                    a.marks[col].add(study)
    for k, ((term, _), a) in enumerate(exact.items()):  # a term is matched first by its first study (ORDER BY)
        if x.tick is not None and not k & 255:
            x.tick()
        first = min(x.studies[s][0] for s in chain(a.stmt, a.marks.get("hypothesis", ())))
        name = x.studies[term[1]][2] if term[0] == "Study" else x.names[_STEMS[term[0]]][term[1]]
        a.put("matched", name, (first,))
    accs = {key: acc for key, acc in x.widen(exact, counted.__getitem__).items() if key[0] in hubs}

    def extra(a: Acc) -> dict[str, Any]:
        refs = {x.studies[s][1] for s in a.marks.get("hypothesis", ())}
        return {"hypothesis_refs": sorted(r for r in refs if r is not None), "matched": a.ordered("matched")}

    yield from x.rows("rcd-modes-for", accs, extra)
