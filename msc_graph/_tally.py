"""Tallies: the rows of the named queries' default answers, counted by the ingest.

A query under its default filters (demonstrated claims only, any evidence, every source, malignant
cells included) reads ``Tally`` nodes instead of aggregating every matching claim, so it costs the
size of its answer, not the number of claims. Each tally is one answer row for one *scope*: the
query's name and the RCD mode (or route and RCD mode) it was asked about, exactly or with the
narrower terms (``necroptosis|narrower``), or ``*`` when it takes no such term (``rcd-modes-for``:
a term of any label, for the terms of many claims only, see :mod:`_tally_terms`). It holds the
answer columns under their own names, and ``TALLIES`` edges lead to the term (or pair of terms) it
counts.

The values are computed here the way the query files compute them from the claims, lists in the
order the queries give them (the first appearance in the order of their ``ORDER BY``), so the two
ways of answering agree; ``tests/test_tallies.py`` compares them on the curated and generated graphs.
A narrower scope is written only for terms that have narrower terms (for the others it equals the
exact scope). The ``Tally`` whose id is :data:`MARKER` says that the tallies of this version exist
(and the claims' ``hypothesis_rank``, :func:`msc_graph._build.base_rows`): a graph without it (built by
another version, or imported without them) is answered by the scan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._schema import ROLES, SETTING_COLUMNS

if TYPE_CHECKING:
    from ._dataset import Claim, Dataset
    from ._rows import GraphRows

VERSION = 5
MARKER = f"tallies|v{VERSION}"
"""Id (and scope) of the tally that marks the tallies of this version as present."""

Key = tuple[int, ...]  # a row's ORDER BY key, as ranks: each value's place in the sort order of its kind
Route = Callable[[str, str, dict[str, str]], str]  # (role, via, route names) -> the route of a molecule's edge
NULL = 1 << 40  # the rank of a null: after every value, as in ORDER BY ... ASC


@dataclass(slots=True)
class Fact:
    """One claim as the queries see it: ids of its terms in edge order, names looked up."""

    id: str
    study: str
    skey: int  # rank of the study in ORDER BY s.ref, s.name
    statement: str  # "" when the claim is not part of a joint statement
    statement_refs: str | None
    demonstrated: bool
    settings: list[str]
    rcds: list[str]
    srcs: list[str]
    routes: list[tuple[str, bool]]
    mols: list[tuple[str, str, str, str]]  # (molecule, role, via, route name)
    pathways: list[str]
    contexts: list[tuple[str, dict[str, list[str]]]]


class Acc:
    """The aggregates of one answer row: studies, independent statements, settings, ordered lists."""

    __slots__ = ("lists", "marks", "stmt")

    def __init__(self) -> None:
        self.stmt: dict[str, str] = {}  # study -> smallest statement id of its claims ("" = a claim of its own)
        self.marks: dict[str, set[str]] = defaultdict(set)  # column -> studies (settings, firm routes)
        self.lists: dict[str, dict[Any, Key]] = defaultdict(dict)  # column -> value -> key of its first row

    def claim(self, f: Fact, settings: Iterable[str] = ()) -> None:
        old = self.stmt.get(f.study)
        if old is None or f.statement < old:
            self.stmt[f.study] = f.statement
        for s in settings:
            self.marks[SETTING_COLUMNS[s]].add(f.study)

    def mark(self, column: str, study: str) -> None:
        self.marks[column].add(study)

    def put(self, column: str, value: Any, key: Key) -> None:
        """``value`` collected in ``column`` by a row sorting at ``key`` (nulls are not collected)."""
        if value is None:
            return
        seen = self.lists[column]
        old = seen.get(value)
        if old is None or key < old:
            seen[value] = key

    def merge(self, other: Acc) -> None:
        """Add what ``other`` collected: the accumulator of a wider scope from those of the narrower
        scopes inside it (every aggregate is a union or a minimum, so the order of merging is free)."""
        stmt = self.stmt
        for study, st in other.stmt.items():
            old = stmt.get(study)
            if old is None or st < old:
                stmt[study] = st
        for column, studies in other.marks.items():
            self.marks[column] |= studies
        for column, theirs in other.lists.items():
            seen = self.lists[column]
            for value, key in theirs.items():
                old_key = seen.get(value)
                if old_key is None or key < old_key:
                    seen[value] = key

    def ordered(self, column: str) -> list[Any]:
        """``collect(DISTINCT x)`` after the query's ``ORDER BY``: in the order of their first rows."""
        seen = self.lists.get(column, {})
        return sorted(seen, key=seen.__getitem__)

    def n_statements(self) -> int:
        """Independent statements: a study's own claims count as the study, a study cited only jointly
        as the smallest joint statement it is cited in (the ``statement_pairs`` expression)."""
        return len({sid if st == "" else st for sid, st in self.stmt.items()})

    def common(self, studies: dict[str, tuple[int, int | None, str]]) -> dict[str, Any]:
        """n_studies, n_statements, refs, studies and the studies per setting."""
        rows = sorted(studies[s] for s in self.stmt)
        out: dict[str, Any] = {
            "n_studies": len(self.stmt),
            "n_statements": self.n_statements(),
            "refs": sorted({ref for _, ref, _ in rows if ref is not None}),
            "studies": list(dict.fromkeys(name for _, _, name in rows)),
        }
        for col in SETTING_COLUMNS.values():
            out[col] = len(self.marks.get(col, ()))
        return out


def facts(
    ds: Dataset, statement_refs: dict[str, str | None], study_names: dict[str, str], route: Route
) -> tuple[list[Fact], dict[str, Any]]:
    """Every claim as a :class:`Fact` (terms in the order the engine lists a claim's edges: the order
    their nodes were created in), and the lookups the views share. ``study_names`` and ``route`` name a
    study and a molecule's route as the builder does."""
    order = {stem: {tid: k for k, tid in enumerate(terms)} for stem, terms in ds.terms.items()}
    names = {stem: {tid: t.name for tid, t in terms.items()} for stem, terms in ds.terms.items()}
    by_order = sorted(ds.studies, key=lambda k: (ds.studies[k].ref is None, ds.studies[k].ref or 0, study_names[k]))
    studies = {key: (rank, ds.studies[key].ref, study_names[key]) for rank, key in enumerate(by_order)}

    def by_node(stem: str, ids: Iterable[str]) -> list[str]:
        return sorted(ids, key=order[stem].__getitem__)

    out = []
    for c in ds.claims:
        out.append(_fact(c, studies[c.study][0], statement_refs.get(c.rec.id), names, by_node, route))
    lookups: dict[str, Any] = {"names": names, "studies": studies, "parents": _parents(ds), "terms": ds.terms}
    lookups["order"] = order
    lookups["ranks"] = {stem: _ranks(n) for stem, n in names.items()}
    routes = [*names["modes_of_action"].values(), *(route(role, "", {}) for role in ROLES)]
    lookups["ranks"]["routes"] = _ranks({n: n for n in routes})
    return out, lookups


def _ranks(names: dict[str, str]) -> dict[str, int]:
    """Each term's place in the code-point order of the names (equal names share a place)."""
    place = {name: k for k, name in enumerate(sorted(set(names.values())))}
    return {tid: place[name] for tid, name in names.items()}


def _fact(c: Claim, skey: int, joint: str | None, names: dict[str, dict[str, str]], by_node: Any, route: Route) -> Fact:
    rec = c.rec
    mode_names = names["modes_of_action"]
    mols = [(m, role, via, route(role, via, mode_names)) for m, role, via in c.molecules]
    return Fact(
        id=rec.id,
        study=c.study,
        skey=skey,
        statement=rec.statement or "",
        statement_refs=joint,
        demonstrated=rec.demonstrated,
        settings=[s for s in SETTING_COLUMNS if any(s == st for st, _ in c.contexts)],  # rec.settings, faster
        rcds=by_node("rcd_modes", c.terms.get("rcd_modes", [])),
        srcs=by_node("msc_sources", c.terms.get("msc_sources", [])),
        routes=list(c.routes),
        mols=mols,
        pathways=by_node("pathways", c.terms.get("pathways", [])),
        contexts=list(c.contexts),
    )


def _parents(ds: Dataset) -> dict[str, dict[str, list[str]]]:
    return {stem: {tid: list(t.parents) for tid, t in terms.items()} for stem, terms in ds.terms.items()}


def closures(parents: dict[str, list[str]]) -> tuple[dict[str, set[str]], set[str]]:
    """For each term, itself and the broader terms it is under (``IS_A*0..8``), and the terms that
    have narrower terms."""
    up: dict[str, set[str]] = {}
    for tid in parents:
        seen, frontier = {tid}, [tid]
        for _ in range(8):
            frontier = [p for t in frontier for p in parents.get(t, []) if p not in seen]
            if not frontier:
                break
            seen.update(frontier)
        up[tid] = seen
    broader = {p for ps in parents.values() for p in ps}
    return up, broader


def graph_rows(
    out: GraphRows, tallied: tuple[dict[str, int], dict[str, int]] | None = None
) -> Iterable[tuple[str, dict[str, Any]]]:
    """Tallies about the graph itself, from its rows: the vocabulary (each named node with every
    spelling of it, in the spellings' order) and the number of nodes per label and relationships per
    type, these tallies included, and the rows counted in ``tallied`` (nodes per label, relationships
    per type) that ``out`` does not hold. Yields (tally id, properties)."""
    names = {(lab, row["id"]): row["props"].get("name") for lab, rows in out.nodes.items() for row in rows}
    spelled: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (rtype, _, lab), rows in out.rels.items():
        if rtype == "SPELLS":
            for row in rows:
                spelled[(lab, row["dst"])].append(row["src"])
    scope = "vocabulary|*"
    for (lab, tid), texts in spelled.items():
        props = {"node_label": lab, "node_key": tid, "node_name": names.get((lab, tid)), "synonyms": texts}
        yield f"{scope}|{lab}|{tid}", {"scope": scope, **props}
    nodes, rels = out.counts()
    for counts, more in zip((nodes, rels), tallied or ({}, {}), strict=True):
        for key, n in more.items():
            counts[key] = counts.get(key, 0) + n
    nodes["Tally"] = nodes.get("Tally", 0) + len(spelled) + len(nodes) + len(rels)
    for lab, n in sorted(nodes.items()):
        yield f"node-counts|*|{lab}", {"scope": "node-counts|*", "node_label": lab, "count": n}
    for rtype, n in sorted(rels.items()):
        yield f"relationship-counts|*|{rtype}", {"scope": "relationship-counts|*", "rel_type": rtype, "count": n}
