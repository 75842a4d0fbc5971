"""Tallies: the rows of the named queries' default answers, counted by the ingest.

A query under its default filters (demonstrated claims only, any evidence, every source, malignant
cells included) reads ``Tally`` nodes instead of aggregating every matching claim, so it costs the
size of its answer, not the number of claims. Each tally is one answer row for one *scope*: the
query's name and the RCD mode (or route and RCD mode) it was asked about, exactly or with the
narrower terms (``necroptosis|narrower``), or ``*`` when it takes no such term. It holds the answer
columns under their own names, and ``TALLIES`` edges lead to the term (or pair of terms) it counts.

The values are computed here the way the query files compute them from the claims, lists in the
order the queries give them (the first appearance in the order of their ``ORDER BY``), so the two
ways of answering agree; ``tests/test_tallies.py`` compares them on the curated and generated graphs.
A narrower scope is written only for terms that have narrower terms (for the others it equals the
exact scope). The ``Tally`` whose id is :data:`MARKER` says that the tallies of this version exist:
a graph without it (built by another version, or imported without them) is answered by the scan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._schema import SETTING_COLUMNS

if TYPE_CHECKING:
    from ._dataset import Claim, Dataset

VERSION = 1
MARKER = f"tallies|v{VERSION}"
"""Id (and scope) of the tally that marks the tallies of this version as present."""

Key = tuple[Any, ...]
Route = Callable[[str, str, dict[str, str]], str]  # (role, via, route names) -> the route of a molecule's edge
NULL: tuple[int, str] = (1, "")  # a null sorts after every value, as in ORDER BY ... ASC


def nk(value: str | None) -> tuple[int, str]:
    """Sort key of a nullable string: values in code-point order, null last (Cypher ``ORDER BY``)."""
    return NULL if value is None else (0, value)


def min_nk(values: Iterable[str]) -> tuple[int, str]:
    """The sort key of the smallest of ``values``, or of null when there is none."""
    return min((nk(v) for v in values), default=NULL)


@dataclass(slots=True)
class Fact:
    """One claim as the queries see it: ids of its terms in edge order, names looked up."""

    id: str
    study: str
    skey: Key  # ORDER BY s.ref, s.name
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
        self.lists: dict[str, dict[Any, Key]] = defaultdict(dict)  # column -> value -> first row key

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

    def ordered(self, column: str) -> list[Any]:
        """``collect(DISTINCT x)`` after the query's ``ORDER BY``: by first appearance (ties by value)."""
        return [v for v, _ in sorted(self.lists.get(column, {}).items(), key=lambda kv: (kv[1], kv[0]))]

    def n_statements(self) -> int:
        """Independent statements: a study's own claims count as the study, a study cited only jointly
        as the smallest joint statement it is cited in (the ``statement_pairs`` expression)."""
        return len({sid if st == "" else st for sid, st in self.stmt.items()})

    def common(self, studies: dict[str, tuple[Key, int | None, str]]) -> dict[str, Any]:
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
    studies: dict[str, tuple[Key, int | None, str]] = {}
    for key, st in ds.studies.items():
        name = study_names[key]
        studies[key] = ((0, st.ref, name) if st.ref is not None else (1, 0, name), st.ref, name)

    def by_node(stem: str, ids: Iterable[str]) -> list[str]:
        return sorted(ids, key=order[stem].__getitem__)

    out = []
    for c in ds.claims:
        out.append(_fact(c, studies[c.study][0], statement_refs.get(c.rec.id), names, by_node, route))
    lookups = {"names": names, "studies": studies, "parents": _parents(ds), "terms": ds.terms, "order": order}
    return out, lookups


def _fact(c: Claim, skey: Key, joint: str | None, names: dict[str, dict[str, str]], by_node: Any, route: Route) -> Fact:
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
        settings=rec.settings,
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


def scopes(ids: list[str], up: dict[str, set[str]], broader: set[str]) -> dict[str, list[str]]:
    """The scopes (``id|exact``, ``id|narrower``) a claim naming ``ids`` falls in, each with the ids of
    the claim inside it (in the claim's order)."""
    out: dict[str, list[str]] = {}
    for tid in ids:
        out.setdefault(f"{tid}|exact", []).append(tid)
        for anc in sorted(up.get(tid, {tid})):
            if anc in broader:
                out.setdefault(f"{anc}|narrower", []).append(tid)
    return out
