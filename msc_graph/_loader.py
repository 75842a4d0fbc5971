"""Read and validate the curated records: YAML files -> a typed, resolved :class:`Dataset`.

Layout (``ingest/README.md``)::

    vocab/<vocabulary>.yaml            terms shared by every source (+ vocab/ambiguous.yaml)
    sources/<source>/source.yaml       the source: a review, or a set of papers read from abstracts
    sources/<source>/studies.yaml      the studies it cites (reference numbers) or collects
    sources/<source>/claims/*.yaml     what each study showed, with provenance

Nothing here touches a database. Every problem becomes a :class:`RecordIssue` naming the file,
the record and the field; all issues of a run are collected and raised together as one
:class:`RecordError`, so a curator fixes them in one pass.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from . import _fastload, _loader_cache, _loader_pool
from ._dataset import Dataset, Entries, Study, rel_path, study_key, validation_issues
from ._exceptions import RecordError, RecordIssue
from ._loader_cache import RecordCache
from ._loader_claims import load_claims
from ._records import VOCAB_MODELS, AmbiguousSpelling, SourceRec, StudyRec, Term
from ._resources import ingest_dir
from ._schema import kind
from ._terms import Vocabulary, normalize
from ._yamlread import Entry, read_entries

__all__ = ["Dataset", "load", "study_key"]


def load(root: Path | str | None = None, *, cache: RecordCache | Literal[False] | None = None) -> Dataset:
    """Read and validate every record under ``root`` (default: the shipped ``ingest/``).

    Args:
        root: the records folder.
        cache: where parsed files are kept between runs (:mod:`msc_graph._loader_cache`); None: the
            user's cache (``MSC_GRAPH_CACHE_DIR``), False: none.

    Raises:
        RecordError: with every problem found; nothing is returned half-valid.
    """
    root = Path(root) if root is not None else ingest_dir()
    issues: list[RecordIssue] = []
    digest = hashlib.sha256()
    if not root.is_dir():
        raise RecordError([RecordIssue(str(root), "folder", "", "no such records folder")])
    store = _loader_cache.open_default() if cache is None else (cache or None)

    def entries(path: Path, single: bool = False) -> list[Entry]:
        label = rel_path(path, root)

        def seen(data: bytes) -> None:  # the file is read once, by read_entries, with its checks
            digest.update(label.encode() + b"\0" + data)

        return read_entries(path, label, issues, single, seen=seen, cache=store)

    store, scratch = _loader_pool.prefetch(root, _loader_pool.record_files(root, list(VOCAB_MODELS)), store)
    try:
        return _load(root, entries, issues, digest, store, scratch is None)
    finally:
        _loader_pool.drop(scratch)


def _load(
    root: Path,
    entries: Entries,
    issues: list[RecordIssue],
    digest: hashlib._Hash,
    store: RecordCache | None,
    prune: bool,
) -> Dataset:
    with _fastload.gc_paused():  # millions of short-lived objects: the cyclic GC would rescan them all
        terms, vocabs, broken = _load_vocabs(root, entries, issues)
        ambiguous = _load_ambiguous(root, entries, issues, terms, broken)
        for amb in ambiguous:
            by_stem: dict[str, list[str]] = {}
            for cand in amb.candidates:
                stem, _, tid = cand.partition(":")
                by_stem.setdefault(stem, []).append(tid)
            for stem, tids in by_stem.items():
                if stem in vocabs:
                    owner = vocabs[stem].index.get(normalize(amb.spelling))
                    if owner is not None:
                        where = f"spelling {amb.spelling!r}"
                        reason = f"it is also a spelling of {owner!r} in {stem}.yaml: keep it in one place"
                        label = rel_path(root / "vocab" / "ambiguous.yaml", root)
                        issues.append(RecordIssue(label, where, "spelling", reason))
                    vocabs[stem].add_ambiguous(amb.spelling, tids)
        sources, per_source, broken_studies = _load_sources(root, entries, issues)
        studies = _merge_studies(per_source, issues)
        claims = load_claims(root, entries, issues, vocabs, terms, per_source, studies, broken | broken_studies)
    if store is not None and store.writes and prune:
        store.prune()
    if issues:
        raise RecordError(issues)
    return Dataset(root, terms, vocabs, ambiguous, sources, studies, claims, digest.hexdigest())


def _load_vocabs(
    root: Path, entries: Entries, issues: list[RecordIssue]
) -> tuple[dict[str, dict[str, Term]], dict[str, Vocabulary], set[str]]:
    """The vocabularies, and the stems whose file has problems (their lookups are not checked)."""
    terms: dict[str, dict[str, Term]] = {}
    vocabs: dict[str, Vocabulary] = {}
    broken: set[str] = set()
    for stem, model in VOCAB_MODELS.items():
        path = root / "vocab" / f"{stem}.yaml"
        terms[stem], vocabs[stem] = {}, Vocabulary(kind(stem))
        if not path.exists():
            issues.append(RecordIssue(rel_path(path, root), "file", "", "missing vocabulary file"))
            broken.add(stem)
            continue
        before = len(issues)
        where: dict[str, Entry] = {}
        failed: set[str] = set()
        for entry in entries(path):
            try:
                term = model.model_validate(entry.data)
            except ValidationError as exc:
                issues.extend(validation_issues(exc, entry, "id"))
                if isinstance(entry.data, dict) and isinstance(entry.data.get("id"), str):
                    failed.add(entry.data["id"])
                continue
            if term.id in terms[stem]:
                issues.append(RecordIssue(entry.file, entry.where(), "id", "duplicate id"))
                continue
            terms[stem][term.id] = term
            where[term.id] = entry
            for clash in vocabs[stem].add(term.id, term.name, term.synonyms):
                issues.append(RecordIssue(entry.file, entry.where(), "synonyms", clash))
        _check_parents(terms[stem], where, issues, failed)
        if len(issues) > before:  # claims naming its terms would fail too: report the cause only
            broken.add(stem)
    species = vocabs["species"]
    for stem in ("msc_sources", "cell_types", "models"):
        for term in terms[stem].values() if "species" not in broken else ():
            sp = getattr(term, "species", "")
            if sp and sp not in species:
                reason = f"unknown species {sp!r}; known: {', '.join(sorted(species.names))}"
                label = rel_path(root / "vocab" / f"{stem}.yaml", root)
                issues.append(RecordIssue(label, f"term {term.id!r}", "species", reason))
    return terms, vocabs, broken


def _check_parents(
    terms: dict[str, Term], where: dict[str, Entry], issues: list[RecordIssue], failed: set[str]
) -> None:
    """Parents exist in the same vocabulary, and following them never comes back (one issue per cycle).

    A parent whose own record failed validation (``failed``) is not reported again.
    """
    for tid, term in terms.items():
        for i, p in enumerate(term.parents):
            if p not in terms and p not in failed:
                e = where[tid]
                issues.append(RecordIssue(e.file, e.where(), f"parents[{i}]", f"no term {p!r} in this vocabulary"))
    reported: set[frozenset[str]] = set()
    for tid in sorted(terms):
        path = _cycle_through(tid, terms)
        if path and frozenset(path) not in reported:
            reported.add(frozenset(path))
            # named at the member written last in the file: most likely the edit that closed the cycle
            last = max(path, key=lambda t: where[t].line)
            at = path.index(last)
            cycle = [*path[at:], *path[:at], last]
            e = where[last]
            reason = "the parents lead back to this term (a cycle: " + " -> ".join(cycle) + ")"
            issues.append(RecordIssue(e.file, e.where(), "parents", reason))


def _cycle_through(tid: str, terms: dict[str, Term]) -> list[str]:
    """The terms of a parent cycle that starts and ends at ``tid``, or [] when there is none."""
    stack: list[tuple[str, list[str]]] = [(tid, [tid])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for p in terms[node].parents if node in terms else ():
            if p == tid:
                return path
            if p in terms and p not in seen:
                seen.add(p)
                stack.append((p, [*path, p]))
    return []


def _load_ambiguous(
    root: Path, entries: Entries, issues: list[RecordIssue], terms: dict[str, dict[str, Term]], broken: set[str]
) -> list[AmbiguousSpelling]:
    path = root / "vocab" / "ambiguous.yaml"
    out: list[AmbiguousSpelling] = []
    if not path.exists():
        return out
    for entry in entries(path):
        try:
            amb = AmbiguousSpelling.model_validate(entry.data)
        except ValidationError as exc:
            issues.extend(validation_issues(exc, entry, "spelling"))
            continue
        for i, cand in enumerate(amb.candidates):
            stem, _, tid = cand.partition(":")
            if tid not in terms.get(stem, {}) and stem not in broken:  # a broken vocabulary is reported already
                reason = f"{cand!r} is not <vocabulary>:<term id> of an existing term"
                issues.append(RecordIssue(entry.file, entry.where("spelling"), f"candidates[{i}]", reason))
        out.append(amb)
    return out


def _load_sources(
    root: Path, entries: Entries, issues: list[RecordIssue]
) -> tuple[dict[str, SourceRec], dict[str, list[tuple[Entry, StudyRec]]], set[str]]:
    """Every source folder's ``source.yaml`` and ``studies.yaml``, and the sources whose studies file has problems."""
    sources: dict[str, SourceRec] = {}
    per_source: dict[str, list[tuple[Entry, StudyRec]]] = {}
    broken_studies: set[str] = set()
    folders = sorted(p for p in (root / "sources").glob("*") if p.is_dir()) if (root / "sources").is_dir() else []
    if not folders:
        issues.append(RecordIssue(rel_path(root / "sources", root), "folder", "", "no source folders"))
    for folder in folders:
        path = folder / "source.yaml"
        found = entries(path, single=True) if path.exists() else []
        if not path.exists():
            issues.append(RecordIssue(rel_path(path, root), "file", "", "missing source file"))
        for entry in found:
            try:
                src = SourceRec.model_validate(entry.data)
            except ValidationError as exc:
                issues.extend(validation_issues(exc, entry, "id"))
                continue
            if src.id != folder.name:
                issues.append(
                    RecordIssue(entry.file, entry.where(), "id", f"must equal its folder name {folder.name!r}")
                )
                continue
            sources[src.id] = src
        before = len(issues)
        per_source[folder.name] = _load_studies(root, folder, entries, issues)
        if len(issues) > before:  # claims citing its studies are not checked against them (cause only)
            broken_studies.add(folder.name)
    return sources, per_source, broken_studies


def _load_studies(
    root: Path, folder: Path, entries: Entries, issues: list[RecordIssue]
) -> list[tuple[Entry, StudyRec]]:
    path = folder / "studies.yaml"
    if not path.exists():
        issues.append(RecordIssue(rel_path(path, root), "file", "", "missing studies file"))
        return []
    out: list[tuple[Entry, StudyRec]] = []
    refs: set[int] = set()
    for entry in entries(path):
        key = "ref" if isinstance(entry.data, dict) and "ref" in entry.data else "key"
        try:
            study = StudyRec.model_validate(entry.data)
        except ValidationError as exc:
            issues.extend(validation_issues(exc, entry, key))
            continue
        if study.ref is None and not (study.key or study.identity.pmid or study.identity.doi):
            issues.append(
                RecordIssue(entry.file, entry.where(key), "key", "a study needs a ref, a key, a PMID or a DOI")
            )
            continue
        if study.ref is not None and study.ref in refs:
            issues.append(RecordIssue(entry.file, entry.where(key), "ref", "duplicate study"))
            continue
        if study.ref is not None:
            refs.add(study.ref)
        out.append((entry, study))
    return out


def _merge_studies(per_source: dict[str, list[tuple[Entry, StudyRec]]], issues: list[RecordIssue]) -> dict[str, Study]:
    """One study per key across sources; the identities read in two sources must agree."""
    studies: dict[str, Study] = {}
    for source, found in per_source.items():
        for entry, rec in found:
            key = study_key(source, rec)
            where = entry.where("ref" if rec.ref is not None else "key")
            if key in studies:
                other = studies[key]
                if any(s == source for s, _, _ in other.citations):
                    issues.append(RecordIssue(entry.file, where, "key", f"the study {key} is listed twice"))
                    continue
                a, b = other.rec.identity, rec.identity
                for name in ("pmid", "doi", "year"):
                    if getattr(a, name) and getattr(b, name) and getattr(a, name) != getattr(b, name):
                        reason = f"{name} {getattr(b, name)!r} differs from {getattr(a, name)!r} in another source"
                        issues.append(RecordIssue(entry.file, where, f"identity.{name}", reason))
                other.citations.append((source, rec.ref, rec))
                continue
            studies[key] = Study(key, rec, [(source, rec.ref, rec)])
    return studies
