"""Turn a validated :class:`Dataset` into node and relationship rows, derived edges included.

The rows are plain dictionaries, the same for every engine; :mod:`_ingest` writes them in batches.
Summary edges (MSC source -> RCD mode, molecule -> RCD mode, ...) are derived here from the
demonstrated claims, with evidence counts, and are never curated by hand.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ._derived import add_derived
from ._rows import GraphRows, Row
from ._schema import CLAIM_FIELDS, CONTEXT_FIELDS, NODE_LABELS, SETTING_COLUMNS, TALLY, VOCAB_LABELS
from ._terms import normalize

if TYPE_CHECKING:  # annotations only: importing the loader pulls in YAML and pydantic
    from ._dataset import Claim, Dataset, Study

# A PDF line break inside a word ("mitochon- dria"): a hyphen and a space between lower-case letters,
# unless the next word is a conjunction ("pro- and anti-apoptotic" keeps its hyphen).
_BROKEN = re.compile(r"(?<=[a-z])- (?!(?:and|or|to|nor|but)\b)(?=[a-z])")


def dehyphenate(text: str) -> str:
    """``text`` without the PDF line-break hyphens ("mitochon- dria" -> "mitochondria")."""
    return _BROKEN.sub("", text)


def _node(node_id: str, **props: Any) -> Row:
    return {"id": node_id, "props": {k: v for k, v in props.items() if v is not None}}


def study_name(study: Study) -> str:
    """How answers show a study: as its source cites it, with the PMID where known.

    "Drouet et al. [42] (PMID 15941401)", "[86]", "Li et al. 2022 (PMID 35720183)".
    """
    rec, ident = study.rec, study.rec.identity
    if study.ref is not None:
        cit = next((r.citation for _, ref, r in study.citations if ref is not None), "")
        base = f"{cit} [{study.ref}]" if cit else f"[{study.ref}]"
    else:
        author = ident.first_author or rec.first_author
        title = ident.title if len(ident.title) <= 60 else ident.title[:57].rstrip() + "..."
        base = f"{author} et al." if author else (title or study.key)
        base = f"{base} {ident.year}" if ident.year else base
    if ident.pmid:
        return f"{base} (PMID {ident.pmid})"
    if ident.doi and study.ref is None:
        return f"{base} (doi:{ident.doi})"
    return base


def base_rows(ds: Dataset, *, derived: bool = True) -> tuple[GraphRows, dict[str, str | None]]:
    """The rows of every node and relationship but the tallies, and each claim's joint statement label
    (which :func:`add_tallies` takes). ``derived=False`` leaves out the summary edges: the ingest
    derives them (:func:`msc_graph._derived.derived_rows`) while these rows are written, and they come last."""
    out = GraphRows()
    _term_rows(out, ds)
    for src in ds.sources.values():
        out.nodes["Source"].append(_node(src.id, name=src.title, **src.model_dump(exclude={"id"})))
    _study_rows(out, ds)
    kinds_of: dict[tuple[str, str], set[str]] = defaultdict(set)  # (study, source) -> evidence kinds
    for c in ds.claims:
        kinds_of[(c.study, c.source)].add(c.rec.evidence)
    names = _term_names(ds)
    labels = {key: study_name(st) for key, st in ds.studies.items()}
    statement_refs = joint_statements(ds)
    for c in ds.claims:
        kinds = kinds_of[(c.study, c.source)]
        study = ds.studies[c.study]
        together = statement_refs[c.rec.id]
        _claim_rows(out, c, study, labels[c.study], {"table", "prose"} <= kinds, together, names)
    _hypothesis_ranks(out, ds, labels)
    if derived:
        add_derived(out, ds)
    return out, statement_refs


def joint_statements(ds: Dataset) -> dict[str, str | None]:
    """Each claim's joint statement label: how the studies cited together for it read ("[86, 87]"),
    or None for a claim of its study's own."""
    joint: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in ds.claims:
        if c.rec.statement:
            joint[(c.source, c.rec.statement)].add(c.study)
    labels = {key: _joint_label([ds.studies[k] for k in sorted(cited)]) for key, cited in joint.items()}
    return {c.rec.id: labels[(c.source, c.rec.statement)] if c.rec.statement else None for c in ds.claims}


def _hypothesis_ranks(out: GraphRows, ds: Dataset, labels: dict[str, str]) -> None:
    """Give each claim stated only as possible its place (1, 2, ...) in ``hypotheses``' order (``ORDER BY
    s.ref, s.name, c.id``, nulls last) as ``hypothesis_rank`` (indexed): the query's first page is then
    read from the index instead of a scan of every claim."""
    order = {c.rec.id: c.study for c in ds.claims if not c.rec.demonstrated}
    rows = [row for row in out.nodes["Claim"] if row["id"] in order]

    def key(row: Row) -> tuple[bool, int, str, str]:
        ref = ds.studies[order[row["id"]]].ref
        return ref is None, ref or 0, labels[order[row["id"]]], row["id"]

    for rank, row in enumerate(sorted(rows, key=key), start=1):  # from 1: FalkorDB 4.16 drops 0 from a range
        row["props"]["hypothesis_rank"] = rank  # index when it reloads the graph (tests/test_restart_answers.py)


def add_tallies(
    out: GraphRows,
    ds: Dataset,
    statement_refs: dict[str, str | None],
    tick: Callable[[], None] | None = None,
    emit: Callable[[GraphRows], None] | None = None,
) -> None:
    """The tallies (see :mod:`_tally`): one node per answer row, linked to the term(s) it counts,
    added to ``out`` (whose other rows they count). ``tick`` is called every few claims meanwhile;
    ``emit`` gets the rows of each view as soon as it is counted (the ingest writes them while the
    next views count). Tallies already in ``out`` (a count cut short) are replaced."""
    out.nodes.pop(TALLY, None)
    for key in [k for k in out.rels if k[0] == "TALLIES"]:
        del out.rels[key]
    for part in view_tallies(ds, statement_refs, tick):
        out.merge(part)
        if emit is not None:
            emit(part)
    part = graph_tallies(out)
    out.merge(part)
    if emit is not None:
        emit(part)


def view_tallies(
    ds: Dataset, statement_refs: dict[str, str | None], tick: Callable[[], None] | None = None
) -> Iterator[GraphRows]:
    """The tallies of the named queries' answers, view by view (the marker first): what
    :func:`add_tallies` adds but the :func:`graph_tallies`. They depend on the records only."""
    from ._tally import MARKER, VERSION, facts
    from ._tally_ctx import Ctx
    from ._tally_studies import studies
    from ._tally_terms import rcd_modes_for
    from ._tally_views import VIEWS

    names = {key: study_name(st) for key, st in ds.studies.items()}
    fs, lookups = facts(ds, statement_refs, names, molecule_route)
    ctx = Ctx(fs, lookups, tick)
    part = GraphRows()
    part.nodes[TALLY].append(_node(MARKER, scope=MARKER, version=VERSION))
    for view in (*VIEWS, studies, rcd_modes_for):
        for scope, group, props in view(ctx):
            tid = "|".join([scope, *(gid for _, gid in group)])
            part.nodes[TALLY].append(_node(tid, scope=scope, **props))
            for lab, gid in group:
                part.rel("TALLIES", TALLY, lab, tid, gid)
        yield part
        part = GraphRows()


def graph_tallies(out: GraphRows, tallied: tuple[dict[str, int], dict[str, int]] | None = None) -> GraphRows:
    """The tallies about the graph itself (:func:`msc_graph._tally.graph_rows`), last: they count
    every other row of ``out``, and the :func:`view_tallies` counted elsewhere (``tallied``: their
    nodes per label and relationships per type) when ``out`` does not hold them."""
    from ._tally import graph_rows

    part = GraphRows()
    part.nodes[TALLY] = [_node(tid, **props) for tid, props in graph_rows(out, tallied)]
    return part


def _term_names(ds: Dataset) -> dict[str, dict[str, str]]:
    """Vocabulary file stem -> term id -> name (for display properties)."""
    return {stem: {tid: t.name for tid, t in terms.items()} for stem, terms in ds.terms.items()}


def _joint_label(studies: list[Study]) -> str:
    """How a joint citation reads: "[86, 87]" (reference numbers), else the studies' names."""
    refs = sorted(s.ref for s in studies if s.ref is not None)
    if len(refs) == len(studies):
        return "[" + ", ".join(str(r) for r in refs) + "]"
    return "; ".join(sorted(study_name(s) for s in studies))


def _term_rows(out: GraphRows, ds: Dataset) -> None:
    spellings: dict[str, list[tuple[str, str]]] = defaultdict(list)  # text -> [(label, id)]
    for stem, terms in ds.terms.items():
        lab = VOCAB_LABELS.get(stem)
        if lab is None:  # species: a property, not a node
            continue
        for t in terms.values():
            extra = t.model_dump(exclude={"id", "name", "synonyms", "curie", "curie_source", "note", "parents"})
            out.nodes[lab].append(
                _node(
                    t.id,
                    name=t.name,
                    synonyms=list(t.synonyms),
                    curie=t.curie,
                    curie_source=t.curie_source,
                    note=t.note,
                    **extra,
                )
            )
            for p in t.parents:
                out.rel("IS_A", lab, lab, t.id, p)
        for text, tid in ds.vocabs[stem].index.items():
            spellings[text].append((lab, tid))
    for amb in ds.ambiguous:
        for cand in amb.candidates:
            stem, _, tid = cand.partition(":")
            if stem in VOCAB_LABELS and (VOCAB_LABELS[stem], tid) not in spellings[normalize(amb.spelling)]:
                spellings[normalize(amb.spelling)].append((VOCAB_LABELS[stem], tid))
    for src in ds.sources.values():
        texts = [src.id, src.title, src.citation, f"{src.first_author} {src.year}" if src.year else ""]
        for text in {normalize(t) for t in texts if normalize(t)}:
            spellings[text].append(("Source", src.id))
    for study in ds.studies.values():
        for text in _study_spellings(study):
            if ("Study", study.key) not in spellings[text]:
                spellings[text].append(("Study", study.key))
    for text, named in sorted(spellings.items()):
        out.nodes["Spelling"].append(_node(text, text=text, ambiguous=len(named) > 1))
        for lab, tid in named:
            out.rel("SPELLS", "Spelling", lab, text, tid)


def _study_spellings(study: Study) -> list[str]:
    ident = study.rec.identity
    out = [study.key]
    if study.ref is not None:
        out += [f"ref{study.ref}", str(study.ref), f"[{study.ref}]"]
    for _, ref, r in study.citations:
        if r.citation and ref is not None:
            out.append(f"{r.citation} [{ref}]")
        if r.first_author:
            out.append(r.first_author)
    if ident.pmid:
        out += [ident.pmid, f"pmid {ident.pmid}", f"pmid:{ident.pmid}"]
    if ident.doi:
        out += [ident.doi, f"doi:{ident.doi}"]
    if ident.first_author and ident.year:
        out.append(f"{ident.first_author} {ident.year}")
    out.append(study_name(study))
    return list(dict.fromkeys(normalize(s) for s in out if normalize(s)))


def _study_rows(out: GraphRows, ds: Dataset) -> None:
    settings: dict[str, set[str]] = defaultdict(set)
    tables: dict[str, set[int]] = defaultdict(set)
    for c in ds.claims:
        if c.rec.demonstrated:  # study-level facts come from demonstrated claims only
            settings[c.study].update(c.rec.settings)
        tables[c.study].update(r.table for r in c.rec.table_rows)
    for key, study in sorted(ds.studies.items()):
        ident = study.rec.identity
        out.nodes["Study"].append(
            _node(
                key,
                ref=study.ref,
                name=study_name(study),
                first_author=study.rec.first_author or ident.first_author,
                citation=next((r.citation for _, _, r in study.citations if r.citation), ""),
                year=ident.year,
                title=ident.title,
                journal=ident.journal,
                pmid=ident.pmid,
                doi=ident.doi,
                pmcid=ident.pmcid,
                identity_status=ident.status,
                identity_match=ident.match,
                identity_note=ident.note,
                source_urls=list(ident.source_urls),
                sources=[s for s, _, _ in study.citations],
                cited_only=all(r.cited_only for _, _, r in study.citations),
                abstract=study.rec.abstract,
                note=study.rec.note,
                settings=[s for s in SETTING_COLUMNS if s in settings[key]],
                tables=sorted(tables[key]),
            )
        )
        for source, ref, rec in study.citations:
            out.rel("CITED_IN", "Study", "Source", key, source, ref=ref, citation=rec.citation)


def _claim_rows(
    out: GraphRows,
    c: Claim,
    study: Study,
    label: str,
    in_both: bool,
    statement_refs: str | None,
    names: dict[str, dict[str, str]],
) -> None:
    rec = c.rec
    where = ", ".join(f"T{r.table}R{r.row}" for r in rec.table_rows) or rec.evidence
    out.nodes["Claim"].append(
        _node(
            rec.id,
            ref=study.ref,
            study=c.study,
            source=c.source,
            name=f"{label} ({where})",
            evidence=rec.evidence,
            demonstrated=rec.demonstrated,
            statement=rec.statement or None,
            statement_refs=statement_refs,
            protects_malignant=rec.protects_malignant,
            hedged=any(h for _, h in c.routes),
            in_both=in_both,
            settings=rec.settings,
            tables=sorted({r.table for r in rec.table_rows}),
            rows=[f"T{r.table}R{r.row}" for r in rec.table_rows],
            quotes=list(rec.quotes),
            quotes_clean=[dehyphenate(q) for q in rec.quotes],
            notes=list(rec.notes),
            source_file=c.file,
        )
    )
    out.rel("FROM_STUDY", "Claim", "Study", rec.id, c.study)
    out.rel("REPORTED_IN", "Claim", "Source", rec.id, c.source)
    for r in rec.table_rows:
        row_id = f"{c.source}-T{r.table}R{r.row}"
        out.nodes["TableRow"].append(
            _node(row_id, name=f"Table {r.table}, row {r.row}", source=c.source, **r.model_dump())
        )
        out.rel("PRINTED_IN", "Claim", "TableRow", rec.id, row_id)
    for k, conflict in enumerate(rec.conflicts, start=1):
        cid = f"{rec.id}-c{k}"
        name = f"{conflict.field}: {conflict.table_value} (table) vs {conflict.prose_value} (prose)"
        out.nodes["Conflict"].append(_node(cid, name=name, claim=rec.id, **conflict.model_dump()))
        out.rel("HAS_CONFLICT", "Claim", "Conflict", rec.id, cid)
    for fld in ("msc_sources", "rcd_modes", "pathways"):
        rtype, lab = CLAIM_FIELDS[fld]
        for tid in c.terms.get(fld, []):
            out.rel(rtype, "Claim", lab, rec.id, tid)
    for mode, hedged in c.routes:
        out.rel("VIA_MODE", "Claim", "ModeOfAction", rec.id, mode, hedged=hedged)
    for mol, role, via in c.molecules:
        route = molecule_route(role, via, names["modes_of_action"])
        out.rel("INVOLVES_MOLECULE", "Claim", "Molecule", rec.id, mol, role=role, via=via, route=route)
    for k, (setting, ids) in enumerate(c.contexts, start=1):
        xid = f"{rec.id}-x{k}"
        summary = _context_summary(setting, ids, names)
        note = rec.contexts[k - 1].note
        out.nodes["Context"].append(
            _node(xid, name=f"{rec.id} {setting} #{k}", claim=rec.id, setting=setting, summary=summary, note=note)
        )
        out.rel("IN_CONTEXT", "Claim", "Context", rec.id, xid)
        for fld, (rtype, lab) in CONTEXT_FIELDS.items():
            for tid in ids.get(fld, []):
                out.rel(rtype, "Context", lab, xid, tid)


VOCAB_LABELS_BY_FIELD = {fld: NODE_LABELS[lab].vocab for fld, (_, lab) in CONTEXT_FIELDS.items()}
_NO_ROUTE = {"target or readout in the rescued cell": "in the rescued cell"}


def molecule_route(role: str, via: str, mode_names: dict[str, str]) -> str:
    """The ``route`` of a molecule's edge: the name of its route, else where it acts or "route not stated"."""
    return mode_names[via] if via else _NO_ROUTE.get(role, "route not stated")


def _context_summary(setting: str, ids: dict[str, list[str]], names: dict[str, dict[str, str]]) -> str:
    """One experiment in words: "in vivo: mouse cardiomyocytes <- LAD artery ligation (MI mouse model)"."""

    def named(fld: str) -> str:
        stem = VOCAB_LABELS_BY_FIELD[fld]
        return ", ".join(names[stem][i] for i in ids.get(fld, []))

    text = f"{setting}: {named('target_cells') or 'cells not stated'}"
    if ids.get("inducers"):
        text += f" <- {named('inducers')}"
    if ids.get("models"):
        text += f" ({named('models')})"
    return text
