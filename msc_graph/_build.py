"""Turn a validated :class:`Dataset` into node and relationship rows, derived edges included.

The rows are plain dictionaries, the same for every engine; :mod:`_ingest` writes them in batches.
Summary edges (MSC source -> RCD mode, molecule -> RCD mode, ...) are derived here from the
claims, with evidence counts, and are never curated by hand.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._schema import CLAIM_FIELDS, DERIVED_FROM, VOCAB_LABELS

if TYPE_CHECKING:  # annotations only: importing the loader pulls in YAML and pydantic
    from ._loader import Claim, Dataset

Row = dict[str, Any]


@dataclass
class GraphRows:
    """Rows to write: nodes by label, relationships by type."""

    nodes: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    rels: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Number of nodes per label and of relationships per type."""
        return (
            {k: len(v) for k, v in self.nodes.items()},
            {k: len(v) for k, v in self.rels.items()},
        )


def _node(node_id: str, **props: Any) -> Row:
    return {"id": node_id, "props": {k: v for k, v in props.items() if v is not None}}


def _rel(src: str, dst: str, **props: Any) -> Row:
    return {"src": src, "dst": dst, "props": props}


def claim_name(claim: Claim, study: str) -> str:
    rec = claim.rec
    where = ", ".join(f"T{r.table}R{r.row}" for r in rec.table_rows) or "prose"
    return f"{study} ({where})"


def build_rows(ds: Dataset) -> GraphRows:
    """All node and relationship rows of the graph described by ``ds``."""
    out = GraphRows()
    for stem, terms in ds.terms.items():
        lab = VOCAB_LABELS.get(stem)
        if lab is None:  # species: a property, not a node
            continue
        for t in terms.values():
            extra = t.model_dump(exclude={"id", "name", "synonyms", "curie", "note"})
            out.nodes[lab].append(
                _node(t.id, name=t.name, synonyms=list(t.synonyms), curie=t.curie, note=t.note, **extra)
            )
    settings: dict[int, set[str]] = defaultdict(set)
    tables: dict[int, set[int]] = defaultdict(set)
    for c in ds.claims:
        settings[c.rec.study].update(c.rec.setting)
        tables[c.rec.study].update(r.table for r in c.rec.table_rows)
    for ref, s in sorted(ds.studies.items()):
        out.nodes["Study"].append(
            _node(
                f"ref{ref}",
                ref=ref,
                name=s.display,
                first_author=s.first_author,
                citation=s.citation,
                note=s.note,
                settings=sorted(settings[ref]),
                tables=sorted(tables[ref]),
            )
        )
    for c in ds.claims:
        _claim_rows(out, c, ds.studies[c.rec.study].display)
    _derived_rows(out, ds.claims)
    return out


def _claim_rows(out: GraphRows, c: Claim, citation: str) -> None:
    rec = c.rec
    out.nodes["Claim"].append(
        _node(
            rec.id,
            ref=rec.study,
            name=claim_name(c, citation),
            evidence=rec.evidence,
            demonstrated=rec.demonstrated,
            settings=list(rec.setting),
            tables=sorted({r.table for r in rec.table_rows}),
            rows=[f"T{r.table}R{r.row}" for r in rec.table_rows],
            quotes=list(rec.quotes),
            notes=list(rec.notes),
            source_file=c.file,
        )
    )
    out.rels["FROM_STUDY"].append(_rel(rec.id, f"ref{rec.study}"))
    for r in rec.table_rows:
        row_id = f"T{r.table}R{r.row}"
        out.nodes["TableRow"].append(_node(row_id, name=f"Table {r.table}, row {r.row}", **r.model_dump()))
        out.rels["PRINTED_IN"].append(_rel(rec.id, row_id))
    for k, conflict in enumerate(rec.conflicts, start=1):
        cid = f"{rec.id}-c{k}"
        name = f"{conflict.field}: {conflict.table_value} (table) vs {conflict.prose_value} (prose)"
        out.nodes["Conflict"].append(_node(cid, name=name, claim=rec.id, **conflict.model_dump()))
        out.rels["HAS_CONFLICT"].append(_rel(rec.id, cid))
    for fld, (rtype, _) in CLAIM_FIELDS.items():
        if fld == "molecules":
            roles: dict[str, list[str]] = defaultdict(list)
            for mid, role in c.molecule_roles:
                roles[mid].append(role)
            for mid, rs in roles.items():
                out.rels[rtype].append(_rel(rec.id, mid, roles=rs))
        else:
            for tid in c.terms.get(fld, []):
                out.rels[rtype].append(_rel(rec.id, tid))


def _derived_rows(out: GraphRows, claims: list[Claim]) -> None:
    """Summary edges with evidence counts, from demonstrated claims only."""
    for rtype, fld in DERIVED_FROM.items():
        claims_by: dict[tuple[str, str], set[str]] = defaultdict(set)
        refs_by: dict[tuple[str, str], set[int]] = defaultdict(set)
        for c in claims:
            if not c.rec.demonstrated:
                continue
            for src in c.terms.get(fld, []):
                for rcd in c.terms.get("rcd_modes", []):
                    claims_by[(src, rcd)].add(c.rec.id)
                    refs_by[(src, rcd)].add(c.rec.study)
        for (src, rcd), cids in sorted(claims_by.items()):
            refs = sorted(refs_by[(src, rcd)])
            out.rels[rtype].append(_rel(src, rcd, claims=len(cids), studies=len(refs), refs=refs))
